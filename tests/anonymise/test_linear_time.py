"""The detector's work grows with a text's length, not its square, and finds exactly what it
found before. No times are asserted: the tests count the tries, and compare the results with
the plain (quadratic) way on random texts. benchmarks/transcripts.py measures the time."""

from __future__ import annotations

import random
import re

from coprod_desktop.anonymise import detect, identifiers
from coprod_desktop.anonymise.people import Spans

PIECES = [*"ab-./@_: wx0é", "com", "co.uk", ".uk", ".org", "http://", "https://", "www.", ".be",
          ")", "<", "K", "ſ", "\n", "--", "a-a."]  # fmt: skip


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_web_addresses_are_found_exactly_as_the_regular_expression_finds_them():
    rng = random.Random(16)
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        assert spans(identifiers.urls(text)) == spans(identifiers.URL.finditer(text)), text
    for text in (
        "see www.example.com/a?b=1 or http://x.org.",
        "a-b-c.co.uk/path, d.com",
        "_a-b.com x@y.com café-shop.com",
        "a-http://x.scot",
        "--b.com ..a.com",
    ):
        assert spans(identifiers.urls(text)) == spans(identifiers.URL.finditer(text)), text


class Counting:
    """A compiled pattern that counts the tries made with it."""

    def __init__(self, pattern: re.Pattern):
        self.pattern, self.tries = pattern, 0

    def match(self, *args):
        self.tries += 1
        return self.pattern.match(*args)


def test_a_long_run_of_letters_and_hyphens_is_tried_once_not_at_every_hyphen(monkeypatch):
    counting = Counting(identifiers.URL_DOMAIN)
    monkeypatch.setattr(identifiers, "URL_DOMAIN", counting)
    run = "ha-" * 30_000 + "ha.example.com and more"
    found = [d.text for d in identifiers.find(run)]
    assert found == [run.split(" ")[0]]  # the whole run is one web address, as before
    assert counting.tries <= 3  # a try from each of 30,000 hyphens would read to the end
    counting.tries = 0
    assert list(identifiers.find("x-" * 30_000 + " shop.com")) != []
    assert counting.tries <= 3


def test_spans_tell_whether_one_of_them_holds_a_range_as_a_scan_would():
    rng = random.Random(7)
    for _ in range(2_000):
        allowed = [(a, a + rng.randint(0, 12)) for a in rng.sample(range(60), rng.randint(1, 8))]
        index = Spans(allowed)
        for _ in range(20):
            start = rng.randint(0, 70)
            end = start + rng.randint(0, 10)
            assert index.covers(start, end) == any(a <= start and end <= b for a, b in allowed)


def test_a_very_long_account_or_word_found_twice_does_not_break_the_detector():
    """A keyboard mash heading a message and written again: the pattern that finds a name
    again must not grow as deep as the word is long (a trie that deep exceeds recursion)."""
    mash = "w" * 3000 + "_x"
    text = f"[00:00:01] {mash}: hi\n[00:00:02] P-03: {mash} again\n"
    found = detect(text)
    assert all(len(d.text) <= len(mash) for d in found)


def test_a_whole_text_search_runs_once_per_text_not_once_per_word(monkeypatch):
    """A search of the whole text inside the loop over words costs words x length: a 200,000-
    character transcript took seconds. Whatever looks at the whole text does it once."""
    from coprod_desktop.anonymise import people

    calls = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, *args):
            calls.append(args)
            return self.pattern.search(*args)

    monkeypatch.setattr(people, "QUOTES", Counting(people.QUOTES))
    detect("My neighbour Davie said call Kezza and Chantelle. " * 200)
    assert len(calls) <= 1


def test_each_name_in_a_one_line_transcript_reads_a_window_or_its_line_once(monkeypatch):
    """A transcript typed as one line has a name in every sentence: whatever is asked of each
    name (is its line in capitals? is it in a list of places?) reads a window around it or
    reads the line once, never the whole line again for every name."""
    import sys

    from coprod_desktop.anonymise import people

    finder = sys.modules["coprod_desktop.anonymise.detect"]
    read = [0]
    real_loud = people.loud_line

    def counting_loud(line):
        read[0] += len(line)
        return real_loud(line)

    class CountingItems:
        def __init__(self, pattern):
            self.pattern = pattern

        def finditer(self, string, pos=0, endpos=sys.maxsize):
            read[0] += min(endpos, len(string)) - pos
            return self.pattern.finditer(string, pos, endpos)

    monkeypatch.setattr(people, "loud_line", counting_loud)
    monkeypatch.setattr(finder, "LIST_ITEM", CountingItems(finder.LIST_ITEM))
    text = "Mark Hamilton and Grace M met Rose McGarrity on Skye, Iona and Mull. " * 2000
    found = detect(text)
    assert sum(d.text == "Mark Hamilton" for d in found) == 2000
    assert read[0] <= 4 * len(text)


def test_lines_in_capitals_are_looked_for_once_a_text_even_when_there_are_none(monkeypatch):
    """A registered name in capitals ("ROSE said") in a text with no line in capitals: the
    answer "no such line" was taken for "not asked yet" and the whole text read again at
    every such name - a million characters took minutes."""
    from coprod_desktop.anonymise import KnownPerson, people

    calls = []
    real = people.loud_lines

    def counting(text):
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(people, "loud_lines", counting)
    rose = KnownPerson("Rose Kilbride", ["Rose"], pseudonym="P-01", id="p1")
    found = detect("Then ROSE said the lift was broke again, and we all laughed. " * 500, [rose])
    assert sum(d.text == "ROSE" for d in found) == 500
    assert len(calls) <= 2  # once by the matcher, once by the finder of people nobody listed


def test_a_body_s_office_is_looked_for_just_before_each_address_not_from_the_start(monkeypatch):
    """'Registered Office:' is looked for in the address's line and the line before; on a
    transcript typed as one line that was everything before each address."""
    import sys

    read = [0]

    class CountingOffice:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, string, pos=0, endpos=sys.maxsize):
            read[0] += min(endpos, len(string)) - pos
            return self.pattern.search(string, pos, endpos)

    monkeypatch.setattr(identifiers, "OFFICE", CountingOffice(identifiers.OFFICE))
    text = "she lives at 12 Cumbernauld Road and we talked about the bins. " * 3000
    found = [d for d in detect(text) if d.kind == "address"]
    assert len(found) == 3000
    assert read[0] <= 6 * len(text)
    office = "Registered Office: Wheatley House, 25 Cochrane Street, Glasgow"
    assert [d for d in detect(office) if d.kind == "address"] == []
