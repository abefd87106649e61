"""Every piece of personal data in a text, overlaps resolved, in order.

A Detector is built once for a set of registered people and always/never-remove lists (it
compiles their names) and then called for each text; the caller holds it for as long as those
stay the same. detect() is the one-off form, for a single text."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from coprod_desktop.resource_files import resource_path

from . import identifiers, lexicon, name_model, spoken, trie
from .full_names import find_full_names
from .known_words import misread_word
from .letters import find_initials, find_spelt, find_split
from .listed import find_listed, find_shown
from .model import Detection, KnownPerson
from .people import (
    KIN,
    QUOTES,
    Spans,
    Token,
    a_pet,
    at_sentence_start,
    find_unregistered,
    glued_to_a_number,
    hallowed,
    in_a_work,
    words_of,
)
from .registered import KnownMatcher
from .speakers import find_speakers

DENIED = "on the project's always-remove list"
# A first name on its own, registered or not, inside a thing's name ("St Patrick's day",
# "Lost Mary") is the thing; a registered person's full name is still them.
LONE = 0.8
INITIALS_GATE = re.compile(r"[A-Z][A-Z.]|[A-Z][a-z]+, [A-Z]|(?<![\w'’])[B-HJ-Z](?![\w'’-])")
# A name owning a business is the business's name: "Kelly's cafe", "Rooney's newsagents",
# "Chen's Garden", "Mensah & Co", "Paddy's Market".
FIRM_BEFORE = re.compile(r"\b([A-Z][a-z]+) & \Z")
BUSINESS = re.compile(
    r"(?:'s|s)?[ \t]+(cafe|café|caff|newsagents?|butchers?|bakers?|bakery|chippy|fish bar|garden|"
    r"market|bar|pub|shop|salon|barbers?|takeaway|stores?|deli|kitchen|restaurant|motors|"
    r"garage|taxis?|cabs|carpets|launderette|hairdressers?|nails|pharmacy|chemists?|florists?|"
    r"off[- ]licence|offy|emporium|warehouse|builders|plumbing|removals|tandoori|pizzeria|"
    r"diner|grill|hotel|inn|lounge|boutique|convenience|supermarket|&\s*co|and sons|& sons|ltd|"
    r"limited|(?:and|&) partners|solicitors|lettings|associates|square|street|road|park|hall|"
    r"church|cathedral|chapel|school|academy|college|"
    r"hospital|infirmary|centre|monument|bridge|wynd|lane|gardens|cross|court|arcade|"
    r"theatre|meals|day|foundation|trust|community|society|association|charity|fund|institute|"
    r"memorial|festival|awards?|cup|prize|lecture|cash|hospice|law|yard|flowers|irish|ices|"
    r"pet shop|chip shop|drive|avenue|crescent|terrace|place|lodge|statue|library|high|primary|"
    r"medical|surgery|practice|house|tower|castle|museum|view|dock|quay|harbour|pier|halls)\b"
)


def resolve(detections: Iterable[Detection]) -> list[Detection]:
    """Keep the best of overlapping detections: the longer (an email address holding a
    name), then a registered person, then the more certain."""
    ranked = sorted(detections, key=lambda d: (-(d.end - d.start), d.person is None,
                                               -d.confidence, d.start))  # fmt: skip
    kept: list[Detection] = []  # kept in order of start, never overlapping
    starts: list[int] = []
    for d in ranked:
        i = bisect.bisect_right(starts, d.start)
        if (i and kept[i - 1].end > d.start) or (i < len(kept) and kept[i].start < d.end):
            continue
        starts.insert(i, d.start)
        kept.insert(i, d)
    return kept


def _term_patterns(terms: Iterable) -> list[tuple[re.Pattern, str]]:
    """A pattern for each term (matched in folded text: any case or accent), with its kind:
    terms are strings (a person) or (term, kind) pairs."""
    patterns = []
    for term in terms:
        term, kind = (term, "person") if isinstance(term, str) else term
        t = lexicon.fold(term.strip())
        if t:
            patterns.append((re.compile(r"(?<!\w)" + re.escape(t) + r"(?!\w)"), kind))
    return patterns


def _spans(folded: str, patterns: list[tuple[re.Pattern, str]]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), kind) for pattern, kind in patterns
            for m in pattern.finditer(folded)]  # fmt: skip


@functools.cache
def _named_things() -> re.Pattern:
    """One pattern for every phrase of names/named_things.txt and names/public_figures.txt,
    in folded text."""
    lines = [line for file in ("named_things.txt", "public_figures.txt")
             for line in resource_path(f"names/{file}").read_text(encoding="utf-8").splitlines()]
    wanted = {lexicon.fold(line.strip()) for line in lines
              if line.strip() and not line.startswith("#")}  # fmt: skip
    return re.compile(r"(?<!\w)(?:" + trie.words(wanted) + r")(?!\w)")


class Detector:
    """Personal data in texts: registered people (however typed), people mentioned in passing,
    and structured identifiers. `deny` terms are always found; `allow` terms never."""

    def __init__(self, known_people: Sequence[KnownPerson] = (), deny: Iterable = (),
                 allow: Iterable = ()):  # fmt: skip
        self._matcher = KnownMatcher(tuple(known_people)) if known_people else None
        self._deny = _term_patterns(deny)
        self._allow = _term_patterns(allow)

    def __call__(self, text: str) -> list[Detection]:
        if not text:
            return []
        folded = lexicon.fold(text)
        found = list(self._matcher.find(text, folded)) if self._matcher else []
        found += identifiers.find(text)
        found += spoken.find(text)
        misread = identifiers.ocr_digits(text)
        if misread != text:  # read as a scanned paper note may have meant it
            found += [replace(d, text=text[d.start:d.end], confidence=d.confidence * 0.95)
                      for d in identifiers.find(misread)]  # fmt: skip
        boxed = identifiers.despaced(text)
        if boxed:  # a form filled in box by box: "2 2 / 0 7 / 1 9 8 0"
            joined, where = boxed
            found += [Detection(where[d.start], where[d.end - 1] + 1, d.kind,
                                text[where[d.start] : where[d.end - 1] + 1],
                                f"{d.reason}, written box by box", d.confidence * 0.95)
                      for d in identifiers.find(joined)]  # fmt: skip
        found += [Detection(a, b, kind, text[a:b], DENIED, 1.0)
                  for a, b, kind in _spans(folded, self._deny)]  # fmt: skip
        taken = [(d.start, d.end) for d in found]
        tokens = words_of(folded)
        found += find_unregistered(text, folded, tokens, taken)
        found += find_full_names(text, taken)
        if ":" in text or "\n" in text:
            found += find_speakers(text)
        found += find_spelt(text, self._matcher) + find_split(text)
        if INITIALS_GATE.search(text):
            found += find_initials(text)
        found += find_listed(text, found) + find_shown(text)
        found = _second_opinion(text, folded, tokens, found)
        if any(d.kind == "person" for d in found):
            found = _not_things(text, folded, found)
        found += _nicknames(text, found) + _their_streets(text, found)
        echoes = _echoes(text, folded, found)
        if echoes:  # "Rashid" again, in "Rashid Convenience Store": the shop
            found += _not_things(text, folded, echoes)
        allowed = _spans(folded, self._allow)
        if allowed:  # each detection against every allowed span would cost their product
            never = Spans([(a, b) for a, b, _k in allowed])
            found = [d for d in found if not never.covers(d.start, d.end)]
        return _join_names(text, resolve(found))


# The name model's second opinion (resources/names/make_name_model.py). With the model trained
# without it, the fourth development corpus's names were found 0.896 -> 0.915 with 11 fewer
# false positives: words the model scored at 0.7 or more added (0.9 for a dictionary word),
# and the rules' weak guesses it scored under 0.2 dropped.
ADD_AT = 0.7
ADD_A_WORD_AT = 0.9  # a word a dictionary holds too ("Grace and hope got us through")
DROP_BELOW = 0.2
WEAK = 0.6  # a rule's guess about an unregistered person at or under this is open to doubt


def _second_opinion(text: str, folded: str, tokens: list[Token], found: list[Detection]
                    ) -> list[Detection]:  # fmt: skip
    """Words the rules left that the name model reads as a name, and less the rules' weak
    guesses it reads as no name."""
    asking = name_model.ASKING
    asked = [i for i, (start, end, low) in enumerate(tokens)
             if ((a := asking[low]) == 2 or (a == 1 and text[start].isupper()))
             and not glued_to_a_number(text, start, end)]  # fmt: skip
    weak = [d for d in found if d.kind == "person" and d.person is None and d.confidence <= WEAK]
    if asked:  # most words are never asked about: what the rules found is read only now
        taken = Spans([(d.start, d.end) for d in found])
        asked = [i for i in asked if not taken.overlaps(tokens[i][0], tokens[i][1])]
    if not asked and not weak:
        return found
    starts = [start for start, _e, _l in tokens]
    inside = [range(bisect.bisect_left(starts, d.start), bisect.bisect_left(starts, d.end))
              for d in weak]  # fmt: skip
    wanted = asked + [i for held in inside for i in held]
    scores = dict(zip(wanted, name_model.score_many(text, tokens, wanted), strict=True))
    doubted = {id(d) for d, held in zip(weak, inside, strict=True)
               if held and max(scores[i] for i in held) < DROP_BELOW}
    found = [d for d in found if id(d) not in doubted]
    quoted = QUOTES.search(text) is not None
    brands: Spans | None = None  # "Jin Ling and Raquel packets": read once, if ever needed
    for i in asked:
        start, end, low = tokens[i]
        if scores[i] < (ADD_A_WORD_AT if name_model.a_word(low) else ADD_AT):
            continue
        if brands is None:
            brands = Spans([m.span() for m in lexicon.PROTECTED.finditer(text)])
        prev, prev2 = (tokens[i - 1][2] if i else ""), (tokens[i - 2][2] if i > 1 else "")
        if (not brands.overlaps(start, end) and not (quoted and in_a_work(text, start))
                and not hallowed(text, tokens, i) and not misread_word(low)  # "Narne:"
                and not a_pet(folded, start, end, prev, prev2)):  # fmt: skip
            end -= 2 if low.endswith("'s") else 0
            found.append(Detection(start, end, "person", text[start:end],
                                   "a word whose context reads as a name (the name model)",
                                   round(WEAK * scores[i], 2)))  # a guess, decided in groups
    return found


# A nickname in quotation marks in brackets after a name: 'Mrs Elliot ("Jessie")', 'S. McNab
# ("Sandy")', 'Billy Tulloch ("Bill")'.
NICKNAME = re.compile(r"[ \t]*\([ \t]*[\"“']([A-Z][\w'’-]{1,20})[\"”'][ \t]*\)")


# A street right after someone: "Agata from Kerse Road", "Tomasz - Craigpark Drive", "Agata
# Zielińska – Kerse Rd –" - where they live, unless a body's name goes on ("Shettleston Road
# Health Centre").
THEIR_STREET = re.compile(
    r"(?:[ \t]*[-–—,(][ \t]*|[ \t]+(?:(?:is|now|still|was|stays|lives)[ \t]+)?"
    r"(?:from|fae|frae|on|in|of|at)[ \t]+|['’]s[ \t]+at[ \t]+(?=the[ \t]))"  # "Hevin now in …"
    r"(?:(?:up|doon|down|at)[ \t]+)?(?:the[ \t]+(?:end|top|bottom|far end|corner)[ \t]+of[ \t]+)?"
    r"(" + identifiers.STREET_NAME + r"|(?:[A-Z][a-z'’]+[ \t]+){1,3}(?:Way\b|Dr\b\.?))"
    r"(?![ \t]+[A-Z])"  # "Craigpark Dr", not "Dr Patel"
)


def _their_streets(text: str, found: list[Detection]) -> list[Detection]:
    return [Detection(m.start(1), m.end(1), "address", m.group(1),
                      "a street named right after someone", 0.8)
            for d in found if d.kind == "person" and (m := THEIR_STREET.match(text, d.end))]


def _nicknames(text: str, found: list[Detection]) -> list[Detection]:
    return [Detection(m.start(1), m.end(1), "person", m.group(1), "a nickname after a name",
                      d.confidence, d.person)
            for d in found if d.kind == "person" and "(" in text[d.end : d.end + 4]
            and (m := NICKNAME.match(text, d.end))]  # fmt: skip


def _echoes(text: str, folded: str, found: list[Detection]) -> list[Detection]:
    """The same name or account again, however typed: "~ Kezza: …" then "dm kezza", a
    username heading a message and then written in one. Only what no dictionary holds is
    looked for again; "Will" found once does not make every "will" a name."""
    names, capitalised = {}, {}
    for d in found:
        if d.kind == "handle" or (d.kind == "person" and d.person is None):
            word = lexicon.fold(d.text.split()[-1] if d.kind == "person" else d.text)
            word = word.lstrip("@")
            shortest = 2 if d.text.isupper() else 3  # initials: "JM", found again
            if shortest <= len(word) <= 40 and (d.kind == "handle" or _distinctive(word)):
                names[word] = d  # "Mr Harkins" found: "Harkins" wherever it is written
        if d.kind == "person" and not d.text.isupper():
            for part in NAME_PART.findall(d.text):  # "Martin Kerr" found: "Martin", signing
                low = lexicon.fold(part)
                if low not in names and _listed_name(low) and part not in capitalised:
                    capitalised[part] = d  # a registered one too: "Hope McLaughlin. Hope like…"
    taken = Spans([(d.start, d.end) for d in found])
    echoes = _capitalised_echoes(text, capitalised, taken) if capitalised else []
    if not names:
        return echoes
    for word, first in names.items():  # a few words: finding each costs less than a pattern
        at = folded.find(word)
        while at != -1:
            end = at + len(word)
            start = at - 1 if at and folded[at - 1] == "@" else at
            if (not (start and (folded[start - 1].isalnum() or folded[start - 1] in "_@/"))
                    and not (end < len(folded) and (folded[end].isalnum() or folded[end] == "_"))
                    and not taken.overlaps(start, end)):  # fmt: skip
                echoes.append(Detection(start, end, first.kind, text[start:end],
                                        f"{first.reason}, named again", first.confidence))
            at = folded.find(word, end)
    return sorted(echoes, key=lambda d: d.start)


NAME_PART = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}(?![\w'’-])")


def _capitalised_echoes(text: str, parts: dict[str, Detection], taken: Spans) -> list[Detection]:
    """A word found as a name and written again with its capital is the same name, though a
    dictionary holds it ("Chance (9)", then "Chance wants to DJ"), except where any word takes
    a capital: a sentence's first word ("Chance would be a fine thing"). Only listed names:
    a word found once in a name's place by mistake ("Strip the Willow") is not carried on."""
    echoes = []
    for part, first in parts.items():
        anywhere = _distinctive(lexicon.fold(part))  # no dictionary holds it: a capital or not
        at = text.find(part)
        while at != -1:
            end = at + len(part)
            if (not (at and (text[at - 1].isalnum() or text[at - 1] in "_@/'’-"))
                    and not (end < len(text) and (text[end].isalnum() or text[end] in "_-"))
                    and not taken.overlaps(at, end)
                    and (anywhere or not _opens_a_sentence(text, at, end)
                         or ACTS_AFTER.match(text, end))):  # "Mark, I've looked into it"
                echoes.append(Detection(at, end, "person", part,
                                        f"{first.reason}, named again", first.confidence,
                                        first.person))  # fmt: skip
            at = text.find(part, end)
    return echoes


# After a name found again at a sentence's start, what makes it the person, not the word:
# "Mark, I've looked…", "Mark was very patient", "Grace said" - not "Mark my words".
ACTS_AFTER = re.compile(r"[,?]|\.(?!\w)|[ \t]+[-–—][ \t]|[ \t]+(?:was|is|has|had|did|said|says|"
                        r"told|asked|added|phoned|rang|came|went|brought|will be|would|and|"
                        r"it is|as well|too)\b")  # "Grace. Just Grace.", "Grace it is"; fmt: skip


def _listed_name(word: str) -> bool:
    """A name the lists hold that is nothing else they know: not a place, title or brand."""
    return ((word in lexicon.first_names() or word in lexicon.surnames())
            and word not in lexicon.places() and word not in lexicon.not_people()
            and word not in lexicon.TITLES)  # fmt: skip


ALONE_BEFORE = re.compile(r"(?:^|\n)[ \t]*\Z")  # read over a few characters, never a whole line
ALONE_AFTER = re.compile(r"[ \t,.!]*(?:\n|\Z)")


def _opens_a_sentence(text: str, start: int, end: int) -> bool:
    """A sentence's first word, unless it stands alone on its line, as a signature does."""
    alone = (ALONE_BEFORE.search(text, max(0, start - 12), start) is not None
             and ALONE_AFTER.match(text, end) is not None)  # fmt: skip
    return not alone and at_sentence_start(text, start)


@functools.lru_cache(maxsize=65536)
def _distinctive(word: str) -> bool:
    w = word.replace("'", "").replace("-", "")
    return not (w in lexicon.english_words() or w in lexicon.common_words()
                or w in lexicon.proper_nouns() or w in lexicon.places())  # fmt: skip


def _not_things(text: str, folded: str, found: list[Detection]) -> list[Detection]:
    """Less the names that are part of a thing's name: a name on its own (registered or not)
    inside a phrase of named_things.txt or public_figures.txt ("Lost Mary", "St Patrick's
    day", "John Swinney"), and a one-word name owning a business ("Docherty's butchers")."""
    things = [m.span() for m in _named_things().finditer(folded)]
    inside = Spans(things) if things else None
    return [d for d in found if d.kind != "person" or not (
        (inside and d.confidence <= LONE and inside.overlaps(d.start, d.end)
         and not (_titled(d.text) and not inside.covers(d.start, d.start + 1)))
        # "Mr Hamilton" is a man though "Hamilton Accies" is a club; "Dr Martens" are boots
        or ((" " not in d.text or d.person is None) and _owns_a_business(text, folded, d))
        or TOWN_BEFORE.search(folded, max(0, d.start - 8), d.start) is not None
        or (" " not in d.text and d.confidence <= LONE and _among_places(text, folded, d))
        or (d.person is None and A_THING_AFTER.match(folded, d.end) is not None)
    )]  # fmt: skip


# What a name is said to be right after it - in brackets, after "=", or a statue's or a
# memorial's - a thing, not a person: "Mira Flores (the band)", "Mairi's Wedding (the song!)",
# "Jimmy Perez = TV detective", "Jimmy Guthrie statue".
A_THING_AFTER = re.compile(
    r"(?:['’]s)?(?:(?:[ \t]+[a-z]+)?[ \t]*\((?:the|a|an)[ \t]+"  # "(the band)", "= TV detective"
    r"|[ \t]*=[ \t]*(?:(?:the|a|an)[ \t]+)?)(?:[a-z]+[ \t]+)?"
    r"(?:band|song|tune|film|movie|show|programme|series|book|novel|play|musical|shop|pub|bar|"
    r"cafe|café|hospital|school|street|road|statue|ship|boat|ferry|steamboat|brand|company|firm|"
    r"charity|church|club|team|game|dance|centre|park|bus|train|station|building|hall|stadium|"
    r"ground|album|monster|character|detective|saint|poet|painter|footballer|cricketer|singer|"
    r"actor|racer|pope|tv)\b"
    r"|[ \t]+(?:statue|memorial|monument|shipyard|tribute)\b"  # "Jimmy Guthrie statue"
)


# A name after these is a town's or a district's: "East Kilbride", "Fort William", "Mid Craigie" -
# not a person wished a happy Easter ("Happy Easter Senait").
TOWN_BEFORE = re.compile(r"(?<![\w'’-])(?:east|west|north|south|fort|port|mid|upper|lower|nether|"
                         r"(?<!happy )easter|wester)[ \t]+\Z")  # fmt: skip


# A list of single capitalised words, one to an item: "Iona, Mull, Skye, Arran, Islay".
LIST_ITEM = re.compile(r"[^\W\d_][\w'’-]*")
_SEPARATOR = r"(?:,|/|&|\band\b)"
LIST_SEPARATORS = re.compile(r"[ \t]*" + _SEPARATOR + r"[ \t]*")
LIST_NEXT = re.compile(r"[ \t]*" + _SEPARATOR)
LIST_PREV = re.compile(_SEPARATOR + r"[ \t]*\Z")
LIST_REACH = 120  # characters either side of a name read for its list


def _among_places(text: str, folded: str, d: Detection) -> bool:
    """A name alone in a list whose other items are places: the island, not the person
    ("Iona, Mull, Skye, Arran, Islay - island trip votes")."""
    if not (LIST_NEXT.match(folded, d.end) or LIST_PREV.search(folded, max(0, d.start - 6),
                                                                  d.start)):  # fmt: skip
        return False  # most names: in no list at all
    # Its line, or a window of it: a transcript may be one line, and every name in it is asked.
    reach = max(0, d.start - LIST_REACH)
    start = max(reach, text.rfind("\n", reach, d.start) + 1)
    end = text.find("\n", d.end, d.end + LIST_REACH)
    end = min(len(text), d.end + LIST_REACH) if end == -1 else end
    items = list(LIST_ITEM.finditer(folded, start, end))
    at = next((n for n, m in enumerate(items) if m.start() == d.start), None)
    if at is None:
        return False
    run = [items[at]]
    for step in (-1, 1):  # the items joined to it by separators, either side
        n = at
        while 0 <= n + step < len(items):
            a, b = (items[n + step], items[n]) if step < 0 else (items[n], items[n + step])
            if not LIST_SEPARATORS.fullmatch(folded, a.end(), b.start()):
                break
            n += step
            run.append(items[n])
    places = lexicon.places()
    return sum(m.group() in places for m in run if m.start() != d.start) >= 2


def _titled(name: str) -> bool:
    first = lexicon.fold(name.split()[0]).strip(".") if " " in name else ""
    return first in lexicon.STRONG_TITLES or first in lexicon.CAPITAL_TITLES


def _owns_a_business(text: str, folded: str, d: Detection) -> bool:
    """ "Docherty's butchers", "Kelly's cafe", "Chen's Garden": a name on a shop sign. A
    registered participant's shop in small letters is theirs ("Sunnys shop")."""
    firm = FIRM_BEFORE.search(text, max(0, d.start - 30), d.start)
    if (firm and d.person is None and lexicon.key(firm.group(1)) not in lexicon.first_names()
            and not ((k := lexicon.key(d.text.split()[0])) in lexicon.first_names()
                     and k not in lexicon.surnames())):  # fmt: skip
        return True  # "Hacking & Paterson", "Coats & Clark"; not "Mags & Naz", "Hevin & Dilan"
    if SHOP_SAID.match(folded, d.end):
        return True  # "Mowat's the butchers", "Finlay's? The old pub at Parkhead Cross"
    m = BUSINESS.match(folded, d.end)
    if m is None:
        return _heads_a_name(text, folded, d.end) or (d.person is None and " " not in d.text
                                                      and _owns_a_named_thing(text, d.end))
    if " " in d.text:  # "Gilbert Bain Hospital", "Charlotte Dundas Court": a place's own name
        return text[m.start(1)].isupper()
    return d.person is None or text[m.start(1)].isupper()


# A name with "'s" that the next words say is a shop or a pub: "Mowat's the butchers", "Rumana's?
# The sari shop on Leith Walk" - plural trades and places only: "Jean's the chemist" is Jean.
SHOP_SAID = re.compile(
    r"['’]s[?!,.]*[ \t]+(?:(?:it'?s|is|was|that'?s)[ \t]+)?(?:the|a|an)[ \t]+(?:[a-z]+[ \t]+)?"
    r"(?:pub|shop|bar|cafe|café|chippy|butchers|bakers|chemists|newsagents|takeaway|restaurant|"
    r"hotel|garage|offy|salon|deli|barbers|hairdressers|florists|pharmacy|store|supermarket|"
    r"bookies|carry-?oot|dealership|caff)\b"
)
NAME_GOES_ON = re.compile(r"(?:['’]s)?[ \t]+(?:[A-Z][a-z'’][\w'’-]*|&)")  # not in capitals


OWNS_A_NAMED_THING = re.compile(r"['’]s[ \t]+([A-Z][a-z]+)\b(?![ \t]*:)")


def _owns_a_named_thing(text: str, end: int) -> bool:
    """A name owning a capitalised word that is no person's: a thing's own name ("Cox's Stack",
    "Gregory's Girl", "Jenny's Well") - not "Mark's Dad" or "Jean's Rab"."""
    m = OWNS_A_NAMED_THING.match(text, end)
    if m is None:
        return False
    word = lexicon.fold(m.group(1))
    return (word not in lexicon.RELATIONS and word not in KIN and word not in lexicon.TITLES
            and word not in lexicon.first_names()
            and not at_sentence_start(text, m.start(1)))  # fmt: skip


def _heads_a_name(text: str, folded: str, end: int) -> bool:
    """A name that begins a place's or a firm's longer name: "Jimmy Dunn Centre", "Sir John
    Wilson School", "Grace's African & Caribbean Store" - one to three capitalised words on,
    a capitalised word for a place or a firm."""
    for _ in range(3):
        word = NAME_GOES_ON.match(text, end)
        if word is None:
            return False
        end = word.end()
        m = BUSINESS.match(folded, end)
        if m is not None and text[m.start(1)].isupper() and text[m.start(1) + 1].islower():
            return True
    return False


def detect(
    text: str,
    known_people: Sequence[KnownPerson] = (),
    deny: Iterable = (),
    allow: Iterable = (),
) -> list[Detection]:
    """Personal data in one text. For many texts, build a Detector once and call it."""
    return Detector(known_people, deny, allow)(text)


# Initials before a surname, with a title before them or not: "G. Devlin", "Fr. G. Devlin",
# "Sgt C. Baird", "L Mair".
INITIALS = re.compile(r"(?<![\w.])(?:(?:Fr|Father|Mr|Mrs|Ms|Miss|Dr|Sgt|PC|Cllr|Rev)\.?[ \t]+)?"
                      r"(?:[A-Z]\.?[ \t]+){1,2}\Z")  # fmt: skip


def _join_names(text: str, found: list[Detection]) -> list[Detection]:
    """One person typed as two detections ("Maggie O'Neill" as alias + surname) is one; a
    registered surname takes a capitalised first name just before it ("Will Paterson")."""
    out: list[Detection] = []
    for d in found:
        if (
            d.kind == "person"
            and out
            and out[-1].kind == "person"
            and (text[out[-1].end : d.start] == " ")
            and (out[-1].person is d.person or d.person is None or out[-1].person is None)
        ):
            last = out.pop()
            d = Detection(last.start, d.end, "person", text[last.start : d.end], last.reason,
                          max(last.confidence, d.confidence), last.person or d.person)  # fmt: skip
        elif (d.kind == "person"
              and (m := INITIALS.search(text, max(0, d.start - 24), d.start))
              and not (out and out[-1].end > m.start())):  # fmt: skip
            d = Detection(m.start(), d.end, "person", text[m.start() : d.end], d.reason,
                          d.confidence, d.person)  # fmt: skip
        elif d.kind == "person" and (d.person is None or "surname" in d.reason):
            m = re.search(r"([A-Z][\w'’-]+) $", text[max(0, d.start - 30) : d.start])
            if m and lexicon.key(m.group(1)) in lexicon.first_names() and " " not in d.text:
                # "Will Paterson", "DAWN KERR": a first name that is also a word, before a surname
                start = d.start - len(m.group(1)) - 1
                d = Detection(start, d.end, "person", text[start : d.end], d.reason,
                              d.confidence, d.person)  # fmt: skip
        out.append(d)
    return out
