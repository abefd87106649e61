"""The plain rules of combining project files: suggestions, renumbering, renaming in texts."""

from __future__ import annotations

from coprod_desktop.domain.combining import (
    OURS,
    THEIRS,
    Person,
    newer,
    pseudonyms,
    renamer,
    suggest,
)

HERE = [Person("a1", "P-01", "Ann Here"), Person("a2", "P-02", "Jo Bloggs"),
        Person("a3", "Sparrow", "")]  # fmt: skip


def test_a_match_is_suggested_only_for_one_clear_real_name():
    incoming = [Person("b1", "P-01", "jo  BLOGGS"), Person("b2", "P-02", ""),
                Person("b3", "P-03", "Ann Here"), Person("b4", "P-04", "Ann Here")]  # fmt: skip
    assert suggest(incoming, HERE) == {"b1": "a2"}  # two Anns arrive: neither is offered


def test_newcomers_keep_a_free_pseudonym_and_are_renumbered_in_order_when_taken():
    incoming = [Person("b1", "P-01"), Person("b2", "P-02"), Person("b3", "P-07"),
                Person("b4", "sparrow"), Person("b5", "P-03")]  # fmt: skip
    assert pseudonyms(incoming, HERE, {"b2": "a2"}) == {
        "b1": "P-08", "b2": "P-02", "b3": "P-07", "b4": "P-09", "b5": "P-03"}


def test_pseudonyms_are_renamed_in_texts_all_at_once_and_only_as_whole_words():
    rename = renamer({"P-03": "P-18", "P-05": "P-03", "P-1": "P-1"})
    assert rename("[0:01.0] P-03: hi\nP-05: p-03 said P-030 and P-03-b") == \
        "[0:01.0] P-18: hi\nP-03: P-18 said P-030 and P-03-b"
    assert rename("") == "" and renamer({})("P-03") == "P-03"


def test_the_newer_side_is_offered_only_when_the_times_say():
    assert newer("2026-01-01T10:00:00", "2026-01-01T10:00:01") == THEIRS
    assert newer("2026-01-02", "2026-01-01") == OURS
    assert newer("2026-01-01", "2026-01-01") is None and newer(None, "x") is None
