"""People in free text mentioned in passing, found from context cues and the shipped name lists,
and the reading of a name's context that registered.py shares (is this word used as a name
here?). The name model's second opinion is detect.py's."""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from . import lexicon as lx
from .known_words import a_word, known_word, name_like
from .model import Detection

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")
SENTENCE_END = re.compile(r"(?:^|[.!?…\n:;\"“(\]]\s*|^\s*[-*•]\s*)\Z")
FOLLOWERS = frozenset(
    (
        "brought",
        "came",
        "went",
        "got",
        "was",
        "is",
        "has",
        "had",
        "did",
        "does",
        "can",
        "could",
        "would",
        "should",
        "made",
        "gave",
        "took",
        "brings",
        "comes",
        "goes",
        "gets",
        "sells",
        "sold",
        "helped",
        "helps",
        "bought",
        "buys",
        "and",
        "n",
        "an",
        "&",
        "wants",
        "thinks",
        "knows",
        "reckons",
        "asked",
        "told",
        "lives",
        "works",
        "born",
        "will",
        "nearly",
        "almost",
        "actually",
        "really",
        "finally",
        "probably",
        "definitely",
        "usually",
        "says",
        "reckons",
        "already",
        "just",
        "never",
        "always",
        "also",
        "still",
        "too",
        # a subject's negated or helping verbs: "Florin doesn't want the landlord named"
        *("doesn't", "doesnt", "didn't", "didnt", "won't", "wont", "can't", "cant", "cannae",
          "couldn't", "wouldn't", "isn't", "isnt", "wasn't", "wasnt", "hasn't", "hasnt", "hadn't",
          "disnae", "didnae", "widnae", "wisnae", "needs", "needed", "loves", "likes", "hates",
          "wanted", "feels", "felt", "keeps", "kept", "used"),
    )
)  # after a sentence-initial word that is also a name, these say it is a name
# Before a registered name that is also a word, these make it the person: "tell tam".
ADDRESSED = frozenset(("tell", "ask", "text", "ring", "phone", "call", "thank", "thanks",
                       "cheers", "message", "dm", "email", "n", "and", "wi"))  # fmt: skip
# "mags - she said", "Pat (0141) …", "Hope g312ab", "Pat paddy.byrne [at] …": a note's name
LABEL = re.compile(r"\s*(?:[-–—(]|\+?\d|[A-Za-z]{1,2}\d|[\w.+-]+(?:@|\s?[\[(]at[\])]))")
# Before a name, these say one follows: "I'm Will", "call me Grace", "who's Will?".
INTRODUCED = re.compile(
    r"(?:\b(?:i'?m|i am|its|it's|this is|name'?s|name is|call(?:s|ed)? me|called|named|"
    r"who'?s|who is|ask for|speak to|talk to|spoke to)\s+)\Z"
)
# "Will, the guy fae the union"; "Hope - is that"; "Anyone else? Frank?"
PAIR = re.compile(r"\s+(?:and|n|&)\s+(?:wee\s+|big\s+)?([A-Z][a-z'’-]+)")
# Verbs of doing after a name, not "is", "was" or "will": those follow words as often.
DOING = frozenset(("brought", "came", "went", "got", "gave", "took", "brings", "comes", "goes",
                   "gets", "sells", "sold", "helped", "helps", "bought", "buys", "made", "makes",
                   "wants", "thinks", "knows", "reckons", "asked", "told", "lives", "works",
                   "runs", "ran", "phoned", "rang", "texted", "said", "says", "lost", "found",
                   "paid", "owes", "drives", "drove", "stays", "moved"))  # fmt: skip
APPOSITION = re.compile(r",\s+(?:the|a|my|your|oor|wee|big)\s+(?:guy|man|woman|wumman|lassie|"
                        r"boy|girl|one|fella|bloke|lady|pal|mate|neighbour)\b")  # fmt: skip
# Family and friends, before a name that is also a word: "my son Marvel", "my wife Kati".
KIN = frozenset(("son", "daughter", "wife", "husband", "partner", "pal", "friend", "mate",
                 "neighbour", "neighbor", "brother", "sister", "cousin", "niece", "nephew",
                 "mum", "mam", "maw", "dad", "da", "granny", "gran", "grandson",
                 "granddaughter", "boyfriend", "girlfriend", "fiance", "fiancee", "uncle",
                 "auntie", "aunty", "aunt", "wean", "bairn", "boy", "lassie", "laddie",
                 "stepson", "stepdaughter"))  # fmt: skip
NAME_INTRO = re.compile(r"\b(?:my name is|my name's|name's|i'm called|call(?:s|ed)? me)\s+\Z")
AGE_AFTER = re.compile(r"\s*\((?:\d{1,2}|aged \d{1,2})\)")  # "Chance (9)"
HEADING = re.compile(r"(?:[ \t]\([^)\n]{1,24}\))?:")
AMPERSAND = re.compile(r"\s*&\s*\w")
# What a note says of the person it opens with: "Heather the health visitor", "Ivy (age 92!!)",
# "Frank at the paper shop", "Bill next door", "Chance - the new lad", "Daisy age 6", an action
# given to someone in minutes ("Insurance - Malky to sort").
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?"
DESCRIBED = re.compile(
    r"\s*\((?:my|our|his|her|their|the|age|aged|p\d|\d+\b|baby|with|[a-z]+ (?:man|woman|lad|"
    r"lassie|boy|girl|surname|name))\b"
    r"|\s*\([a-z]+['’]s\s+(?:(?:wee|big|auld|old|young|wean|step)\s+)?(?:" + "|".join(sorted(KIN))
    + r")\b"  # "Summer (Jade's wee sister)"
    r"|\s+[-–—]\s+(?:(?:she|he)(?:['’]s|\s+is|\s+was|\s+has|\s+had)|" + "|".join(sorted(KIN))
    + r")\b"  # "Cat - she's at the cottages", "Tam - pal of Dessie"
    r"|\s+(?:" + _DAY + r")\s*[/,&+]\s*(?:" + _DAY + r")\b"  # a rota: "Paddy Mon/Wed/Fri"
    r"|\s+aged?\s+\d|\s+(?:next door|up the stair|doon the stair|across the landing)\b"
    r"|\s+(?:at|from|fae|frae)\s+the\s+(?!end|moment|time|start|weekend|same|back|top|bottom|"
    r"minute|beginning|front|side|rest|best|worst|most|least|very)[a-z]"
    r"|\s+(?:the|our|oor|my|ma|his|her|their)\s+(?:[a-z]+\s+)?(?:granddaughter|grandson|daughter|"
    r"son|neighbour|pal|cousin|niece|nephew|sister|brother|auntie|uncle|gran|granny|wife|"
    r"husband|partner|nurse|visitor|janny|jannie|teacher|worker|officer|warden|"
    r"minister|doctor|gp|caretaker|manager|coordinator|chair|secretary|treasurer|cleaner|cook|"
    r"driver|lollipop|postie|priest|imam|vicar|councillor|receptionist|volunteer)\b"
    r"|\s+[-–—]\s+(?:the|a|an|from|fae|p\d|looked|young|new|old|our|my|his|her|works?|lives?)\b"
    r"|\s+to\s+(?:sort|ask|bring|phone|ring|call|check|book|send|chase|follow up|contact|email|"
    r"text|speak to|write|print|organise|arrange|confirm|update|share|collect|buy|raise|draft|"
    r"lead|invite|tell|pick up|drop off|judge|run|cover|host)\b"  # minutes: "Malky to sort"
)
FROM_THE = re.compile(r"\s+(?:fae|from)\s+(?:the|up|doon|down|round|ower|over)\b")
VOCATIVE = re.compile(r"\s*(?:,|\s[-–—]\s|[?!])")
# Owned without an apostrophe: "Hopes pal", "Abenas son", "rabs van".
OWNED = frozenset(("van", "car", "house", "flat", "hoose", "motor", "dog", "phone", "number",
                   "window", "windae", "door", "garden", "bike", "dug", "cat", "close",
                   "place", "shop", "stall", "maw", "da", "mum", "dad", "wean", "weans",
                   "bairn", "ex", "man", "wife", "idea"))  # fmt: skip
BREAK = re.compile(r"[.!?…\n\]:;]")  # cue words do not reach across these
PARTICLES = frozenset(
    [
        "ni",
        "nic",
        "mac",
        "mc",
        "o",
        "ui",
        "de",
        "da",
        "di",
        "du",
        "del",
        "der",
        "den",
        "van",
        "von",
        "ter",
        "bin",
        "binti",
        "bint",
        "al",
        "el",
        "ap",
        "le",
        "la",
    ]
)


_AS_I = str.maketrans("01538", "oiseb")  # a digit in a scanned word, read as a letter
_AS_L = str.maketrans("01538", "olseb")
def original_upper(text: str, start: int, end: int) -> bool:
    """A word typed in capitals ("IRIS (the eye test place)"): a capital says nothing."""
    return end - start > 1 and text[start:end].isupper()


def _owns(folded: str, end: int) -> bool:
    """ "Florins daughter", "Hopes ex": a possessive written without its apostrophe."""
    after = _word_after(folded, end)
    return after in lx.RELATIONS or after in OWNED


@functools.cache
def _words() -> frozenset[str]:
    return lx.english_words() | lx.common_words()


def _used_as_a_name(text: str, folded: str, start: int, end: int, original: str,
                    registered: bool = True) -> bool:  # fmt: skip
    """A name that is also a word ("Hope", "Will", "Mags", "Pat") where the word would not
    fit: owning something ("Hope's granny", "Wills pal"), introduced ("who's Will?") or called
    to ("Will, the guy fae the union"); a registered one also joined to another person ("Mags
    n Naz"), addressed ("tell hope", "cheers Pat") or heading a note ("mags - she said"). A
    lower-case one needs one of these too; "I hope", "will be" never do."""
    after = text[end : end + 2]
    if after[:1] in ("'", "’") and after[1:2].lower() == "s" and (
        original[:1].isupper() or registered
    ):
        return True  # "Hope's granny", "mags's email"
    if after[:1] == "s" and original[:1].isupper():  # "Hopes pal", "Wills van"
        owned = _word_after(folded, end + 1)
        if owned in lx.RELATIONS or owned in OWNED:
            return True
    if original[:1].isupper() and INTRODUCED.search(folded, max(0, start - 16), start):
        return True  # "who's Will?"
    if (registered and ALONE_AFTER.match(text, end)
            and SELF_INTRODUCED.search(folded, max(0, start - 12), start)):  # fmt: skip
        return True  # "hiya kevin its rose."
    if ON_AN_ACCOUNT.match(folded, end):
        return True  # "Jade on insta = @…", "add rose on fb": an account is someone's
    if LOVE_BEFORE.search(folded, max(0, start - 20), start) and ALONE_AFTER.match(text, end):
        return True  # "love rose" signing a message off
    if original[:1].isupper() and at_sentence_start(text, start) and (
        (registered and VOCATIVE.match(text, end)) or APPOSITION.match(text, end)
        or (VOCATIVE.match(text, end) and lx.key(original) not in lx.english_words())
    ):
        return True  # "Will, the guy fae the union" - not "Lovely - can we share it?"
    if FROM_THE.match(folded, end) and original[:1].isupper():
        return True  # "Jack fae the boxing club"
    pair = PAIR.match(text, end) if original[:1].isupper() else None
    if pair and name_like(lx.key(pair.group(1))):
        return True  # "Blessing and Ngozi Osei", "Mags n Naz" - not "Rose and Crown"
    if (original[:1].isupper() or registered) and _word_after(folded, end) in DOING:
        return True  # "Ally gets tobacco", "mags helped me" - not "Hope is what we need"
    if ((original[:1].isupper() or (registered and text[start:end].isupper()))
            and _alone(text, start, end)
            and (registered or lx.key(original) not in lx.english_words())):  # fmt: skip
        return True  # "Best wishes,\nDawn", "Voice 1: Ray. Hungry." - not "Lovely."
    if original[:1].isupper() and _signs_off(text, start, end):
        return True  # "…returned plus a penalty.\nWill\nLiving Rent | Govanhill Branch Organiser"
    if (original[:1].isupper() and lx.key(original) not in NOT_CALLED
            and CALLED_IN_A_CHAT.match(text, end)
            and OPENS_A_MESSAGE.search(text, max(0, start - 80), start)):  # fmt: skip
        return True  # "[…] Senga: Tam son can you get me…", "Patience M: Frank you called me?"
    if not registered:
        return False
    if original[:1].isupper() and (
        (HEADED_AFTER.match(text, end) and HEADED_BEFORE.search(text, max(0, start - 60), start))
        or (CALLED_TO.match(text, end) and at_sentence_start(text, start))
    ):
        return True  # "[20/09/2025, 19:01] Aga 🇵🇱: …", "Tam please don't post regs"
    if THANKED.search(folded, max(0, start - 32), start) and VOCATIVE_END.match(text, end):
        return True  # "thank you grace for the soup", "ur a star grace"
    before = _words_before(folded, start, 1)
    if before and before[-1] in ADDRESSED and not BREAK.search(text[max(0, start - 12) : start]):
        return before[-1] not in ("n", "and", "wi") or original[:1].isupper()
    line_start = start == 0 or text[start - 1] == "\n" or text[:start].isspace()
    label = LABEL.match(text, end)
    if label and label.group().strip() == "(" and not original[:1].isupper():
        label = None  # "dawn (like 6am)": a word explained, not "mags (police)"
    return line_start and bool(label or _reads_as_subject(folded, end))


NAME_GIVEN = re.compile(r"\b(?:i'?m|i am|name'?s|name is|call me)\s+\Z")  # not "it's Irvine"
SELF_INTRODUCED = re.compile(r"\b(?:it'?s|i'?m|this is|name'?s)\s+\Z")
ON_AN_ACCOUNT = re.compile(r"[ \t]+on[ \t]+(?:insta(?:gram)?|fb|facebook|tiktok|snap(?:chat)?|"
                           r"discord|twitter|reddit|whatsapp|messenger)\b")
LOVE_BEFORE = re.compile(r"(?:^|\n|[.!?,]\s)[ \t]*(?:(?:lots of |all my |much )?love|luv|big hugs|"
                         r"hugs),?\s+\Z")
ALONE_BEFORE = re.compile(r"(?:^|\n|[.!?]\s|:\s|\()\s*\Z")
# A name's sentence or line ends with it, or it signs off with kisses: "Rose x".
ALONE_AFTER = re.compile(r"\s*(?:[.!?)]|\s*\Z|\n)|[ \t]+x{1,3}[ \t]*(?:\n|\Z)")
# Emoji after a sender's name in a chat export: "Aga 🇵🇱:", "Jaz 🌻:".
EMOJI = "[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]"
# What a chat export writes before a sender's name: "[20/09/2025, 19:01] ", "12/03/2026, 19:42 -
# ", "~ " (a pattern's piece: the speakers' and the name model's headings begin with it too).
MESSAGE_HEAD = (r"(?:\[[^\]\n]{4,40}\][ \t]*|\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}"
                r"(?: ?[ap]m)? - )?(?:~[ \t]?)?")
HEADED_BEFORE = re.compile(r"(?:^|\n)" + MESSAGE_HEAD + r"\Z")
HEADED_AFTER = re.compile(rf"(?:[ \t]+[A-Z]\.?)?(?:[ \t]*{EMOJI})*[ \t]*:")
# A registered name called to as a message opens: "Tam please don't post regs", "Rose can you".
CALLED_TO = re.compile(r"[ \t]+(?:please|pls|plz|(?:can|could|did|have|are|do) (?:you|u|ye)\b)")

# A message's first word called to, then "you": "Frank you called me?", "Tam son can you get me
# the link", "Angel you are an angel". Not a word that opens a question or a wish ("Will you…",
# "Hope you're well", "Mind you").
OPENS_A_MESSAGE = re.compile(r"(?:^|\n)" + MESSAGE_HEAD + r"[^\n:]{1,40}:[ \t]*\Z")
CALLED_IN_A_CHAT = re.compile(
    r"[ \t]+(?:(?:son|hen|pal|mate)[ \t]+)?(?:(?:can|could|did|have|are|do|will|would)[ \t]+"
    r"(?:you|u|ye)\b|(?:you|u|ye)[ \t]+(?:are|were|called|did|have|got|said|can|will|should|need|"
    r"know)\b)")
NOT_CALLED = frozenset(("will", "may", "can", "must", "shall", "might", "hope", "mark", "pat",
                        "rob", "bill", "sue", "grant", "chase", "drew", "jack", "mind", "bless",
                        "thank", "wish", "guess", "trust", "ken", "bet", "see", "told", "promise"))


LINE_ALONE = re.compile(r"[ \t]*[.,!]?[ \t]*(?:x{1,3}[ \t]*)?(?:\n|\Z)")


# A signature: a name alone on its line after a closing ("Thanks,\nGrace") or over a line that
# gives a role or a body ("Will\nLiving Rent | Govanhill Branch Organiser").
CLOSING_BEFORE = re.compile(r"(?i)\b(?:thanks|thank you|cheers|regards|best wishes|best|love|"
                            r"all the best|take care|see you soon|ta)[ \t,!.x]*\n[ \t]*\Z")
ROLE_AFTER = re.compile(r"[ \t]*\n[^\n]{0,60}(?:\||\b(?:Organiser|Organizer|Officer|Worker|"
                        r"Coordinator|Co-ordinator|Manager|Visitor|Assistant|Volunteer|"
                        r"Facilitator|Lead|Support|Advisor|Adviser)\b)")


def _signs_off(text: str, start: int, end: int) -> bool:
    if not LINE_ALONE.match(text, end):
        return False  # the name ends its line
    if text[start - 1 : start] in ("", "\n") and CLOSING_BEFORE.search(text, max(0, start - 40),
                                                                      start):  # fmt: skip
        return True
    return ALONE_BEFORE.search(text, max(0, start - 4), start) is not None and bool(
        ROLE_AFTER.match(text, end))  # "…plus a penalty. Will\nLiving Rent | Organiser"


def _alone(text: str, start: int, end: int) -> bool:
    """A name that is a whole line or a whole sentence: a signature, an answer to "your name?"."""
    return bool(ALONE_BEFORE.search(text, max(0, start - 4), start)
                and ALONE_AFTER.match(text, end))  # fmt: skip


def _words_before(folded: str, start: int, n: int = 2) -> list[str]:
    return [w.strip("'") for w in WORD.findall(folded[max(0, start - 40) : start])][-n:]


def _owned_after(folded: str, end: int) -> bool:
    """What a name without its apostrophe owns comes next, maybe after a word for its age or
    size: "Rabs van", "Jades new number", "Tams window"."""
    words = WORD.findall(folded, end, min(len(folded), end + 30))[:2]
    if len(words) > 1 and words[0] in ("new", "old", "auld", "wee", "big", "front", "back"):
        words = words[1:]
    return bool(words) and words[0] in OWNED


def _word_after(folded: str, end: int) -> str:
    m = WORD.search(folded, end, min(len(folded), end + 30))
    if m is None or folded[end : m.start()].strip(" ,") != "":
        return ""
    return m.group()


def _with_title(text: str, folded: str, start: int) -> int:
    """Extend a name back over a title just before it ("Mrs O'Neill", "Father Boyle")."""
    window = folded[max(0, start - 14) : start]
    m = re.search(r"(?:^|(?<=\W))(\w+)\.?\s+$", window)
    if m is None:
        return start
    title = start - (len(window) - m.start(1))
    if m.group(1) in lx.STRONG_TITLES or (
        m.group(1) in lx.CAPITAL_TITLES and text[title].isupper()
    ):
        return title
    return start


def _reads_as_subject(folded: str, end: int) -> bool:
    """ "Mags brought soup" (a person), not "Grace period" or "Will there be"."""
    if HEADING.match(folded, end):
        return True  # a speaker's turn or a message's sender: "Will: I mean…", "Sunny (shop): …"
    if FROM_THE.match(folded, end) or AMPERSAND.match(folded, end):
        return True  # "May fae the lunch club", "Jack from the boxing club", "Florin & Rami"
    after = _word_after(folded, end)
    return after in FOLLOWERS or after in lx.SPEECH or (len(after) > 3 and after.endswith("ed"))


def at_sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_END.search(text[max(0, start - 6) : start]))


def _name_like_context(text: str, folded: str, start: int, end: int, original: str) -> bool:
    """Strong evidence a common word is used as a name: capitalised mid-sentence next to a
    title, a relationship word or a verb of speech."""
    if not original[:1].isupper():
        return False
    before = _words_before(folded, start)
    after = _word_after(folded, end)
    if before and (before[-1] in lx.TITLES or before[-1] in lx.RELATIONS):
        return True
    return after in lx.SPEECH and not at_sentence_start(text, start)


class Spans:
    """Fast "does this overlap any of them?" for many spans (long transcripts)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _b in spans]
        self.reach = list(itertools.accumulate((b for _a, b in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before `end`
        return i > 0 and self.reach[i - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Does one of the spans hold all of start..end?"""
        i = bisect.bisect_right(self.starts, start)  # spans starting at or before `start`
        return i > 0 and self.reach[i - 1] >= end


# Before a lower-case word that is also a name, these make it one: "tell sandy", "ask rose".
CALLED = ADDRESSED - {"n", "and", "wi"}
ARTICLES = frozenset(("the", "a", "an", "this", "that", "our", "your"))  # "the Barras"
LINES = re.compile(r"[^\n]+")
SHOUTED = re.compile(r"[A-Z]{2}[^\Wa-z]*[\s,.:;!?'-]+[A-Z]{2}")
UPPER = re.compile(r"[^\W\d_a-z]")  # not quite "upper case" outside ASCII, and fast
LOWER = re.compile(r"[a-z]")


# After these a capitalised word nobody knows is a place: "born in Homs", "at Gartnavel".
WHERE = frozenset(("in", "at", "from", "near", "around", "into", "towards", "via", "fae", "tae",
                   "outside", "inside", "through", "across", "past", "behind",
                   "opposite"))  # fmt: skip


def _unknown_name(text: str, tokens: list, i: int, k: str, prev: str, nxt: bool) -> bool:
    """A capitalised word in no dictionary, list of places or of things ("Chantelle",
    "Kezza") is a name or nickname nobody listed - unless it names a place or a body: after
    "in"/"at"/"the", or before a capitalised word ("Westmuir Street", "Wheatley Homes")."""
    start, end, low = tokens[i]
    if len(k) < 3 or not k.isalpha() or text[start:end].isupper() or prev in WHERE:
        return False
    if start and text[start - 1].isdigit():
        return False  # "1Oam": a scanned time, not a name
    if prev in ARTICLES or k in lx.places():
        return False
    if text[start - 1 : start] == "#" or known_word(k) or (k.endswith("s") and known_word(k[:-1])):
        return False  # "#CostOfLiving", "Irn-Bru", "Carers", "Pseudonyrn", "Tunnocks"
    english = lx.english_words()
    for part in low.replace("'", "").split("-"):
        if known_word(part) or (part.endswith("s") and part[:-1] in english):
            return False  # "Monday-Saturday"
    if nxt and len(tokens[i + 1][2]) <= 3 and known_word(k + tokens[i + 1][2]):
        return False  # a word a scanner split: "Budhi ll", "Nort h"
    # "Westmuir Street", "Burgh Halls", "Eastend Community Radio": a place or a body
    return not (nxt and text[end : tokens[i + 1][0]] == " " and text[tokens[i + 1][0]].isupper()
                and tokens[i + 1][2] in english)  # fmt: skip


# Words after a name that make it a place: "Alexandra Parade", "Victoria Road".
PLACE_HEADS = frozenset(("street", "st", "road", "rd", "avenue", "ave", "drive", "lane", "parade",
                         "crescent", "place", "terrace", "court", "gardens", "square", "park",
                         "hospital", "infirmary", "library", "station", "bridge", "cross",
                         "school", "primary", "academy", "church", "centre", "hall", "halls",
                         "house", "gate", "gardens", "way", "wynd", "quay", "market", "baths",
                         "bar", "stand", "helpline", "fund", "foundation", "trust", "award",
                         "lab", "university", "college", "group", "team", "club", "project",
                         "council", "radio", "association", "board", "services", "service",
                         "hospita", "hospitai", "bus", "coach", "rail", "train", "galleries",
                         "rolls", "tractor", "society", "lettings", "estates", "properties",
                         "motors", "taxis", "builders", "solicitors", "funeral", "nursery",
                         "surgery", "practice", "pharmacy", "royal", "prayer", "memorial",
                         "hotel", "arms", "inn", "tavern", "lounge", "cafe", "café"))  # fmt: skip


ABBREVIATED = frozenset(("mr", "mrs", "ms", "mx", "dr", "cllr", "pc", "sgt", "insp", "dc", "ds",
                         "prof", "rev", "pan", "pani"))  # not "miss school", "councillor letter"


DISCOURSE = frozenset(("well", "right", "okay", "yeah", "aye", "sure", "thanks", "sorry", "hello",
                       "please", "just", "also", "then", "still", "even", "only"))  # fmt: skip


# Before a name nobody listed, words that take a person: "tell Kezza", "with Chantelle".
PERSON_BEFORE = frozenset(("tell", "ask", "asked", "told", "thanks", "thank", "cheers", "with",
                           "and", "n", "wi", "by", "for", "to", "text", "ring", "phone", "call",
                           "dm", "message", "hiya", "hi", "hello", "dear", "its", "it's", "im",
                           "i'm", "me", "from", "fae", "is", "was", "like", "saw", "met",
                           "see"))  # fmt: skip
SAID_OR_DONE = lx.SPEECH | DOING
AT_A_PLACE = frozenset(("to", "on", "in", "at", "from", "about", "the", "of", "near", "via",
                        "fae", "tae"))  # fmt: skip
# "the McLaughlin girl", "the Docherty family": a surname after "the" is someone only so.
FAMILY_NOUNS = frozenset(("girl", "boy", "lassie", "laddie", "family", "man", "woman", "wumman",
                          "brothers", "sisters", "twins", "weans", "kids", "lot", "clan",
                          "household", "boys", "girls", "one", "yin", "wan"))  # fmt: skip


def _in_a_title(text: str, tokens: list, i: int, first: frozenset) -> bool:
    """Is the word one of a run of capitalised words of the dictionary, as in a heading, the
    name of a body or a disclaimer ("Community Safety Partnership", "Registered Charity",
    "Grant Application")? A first name before a surname is not such a run."""
    english, sur = lx.english_words(), lx.surnames()

    def titled_word(j: int) -> bool:
        s, _e, w = tokens[j]
        if w in DISCOURSE:
            return False  # "Well Precious from the shop…"
        return (text[s].isupper() and len(w) > 3 and w in english and w not in first
                and w not in sur)  # fmt: skip

    before = i > 0 and text[tokens[i - 1][1] : tokens[i][0]] == " " and titled_word(i - 1)
    after = (i + 1 < len(tokens) and text[tokens[i][1] : tokens[i + 1][0]] == " "
             and titled_word(i + 1))  # fmt: skip
    return before or after


GREETINGS = frozenset(("hi", "hiya", "hello", "dear", "thanks", "cheers", "ta", "morning", "bye"))
VOCATIVE_END = re.compile(rf"[ \t]*(?:[,!.?]|\n|$|for\b|x+\b|{EMOJI})")
# Before a name called to: thanked or praised, as chats do: "thank you grace for the soup", "ur
# a star grace", "nae sorry hope".
THANKED = re.compile(r"(?:\b(?:thank you|thank u|thanks|ta|cheers|nae sorry)|\b(?:ur|you'?re|youre|"
                     r"you are) (?:a |an |such a )?(?:wee )?(?:star|legend|angel|gem|hero|diamond|"
                     r"doll|darling|belter|saint|superstar))[ \t,]*\Z")  # fmt: skip


def _greeted(tokens: list, i: int, text: str, folded: str) -> bool:
    """Is the word greeted, thanked or praised, alone: "Hi rudolf,", "thanks stacey!", "ur a
    legend jean"?"""
    if i == 0 or VOCATIVE_END.match(text, tokens[i][1]) is None:
        return False
    return ((tokens[i - 1][2] in GREETINGS and text[tokens[i - 1][1] : tokens[i][0]] in (" ", ", "))
            or THANKED.search(folded, max(0, tokens[i][0] - 32), tokens[i][0]) is not None)


def _prev_strong(tokens: list, i: int, text: str) -> bool:
    """Is the word just before a title that is no other word ("mrs", "cllr", "pc")?"""
    return (i > 0 and tokens[i - 1][2] in ABBREVIATED
            and text[tokens[i - 1][1] : tokens[i][0]] in (" ", ". "))  # fmt: skip


ANIMALS = frozenset(("dog", "dug", "dugs", "dogs", "cat", "cats", "collie", "lurcher", "staffy",
                     "hamster", "goldfish", "coo", "horse", "pony", "budgie", "puppy", "kitten",
                     "rabbit", "parrot", "tortoise", "spaniel", "terrier", "labrador", "whippet",
                     "greyhound", "pup", "pet", "elephant", "boat", "house"))  # fmt: skip
PET_AFTER = re.compile(r"\s*\((?:the\s+)?(?:" + "|".join(sorted(ANIMALS)) + r")\b")
IN_QUOTES = re.compile(r"[\"“«][^\"“”«»\n]{0,40}\Z")
QUOTES = re.compile(r"[\"“”«»]")
CLOSING = re.compile(r"[\"”»]")
BY_AFTER_A_WORK = re.compile(r"[\"”»]\s*,?\s+(?:by|fae|from)\s+(?:[A-Z][\w'’.-]*\s+)?\Z")


def a_pet(folded: str, start: int, end: int, prev: str, prev2: str) -> bool:
    """A pet's, a boat's or a house's name: "a collie called Skye", "Storm (lurcher)", "my dug,
    Rocky" - not a person's."""
    if folded[end : end + 2].strip().startswith("(") and PET_AFTER.match(folded, end):
        return True
    named = prev in ("called", "named", "cried", "is")
    if not (named or folded[max(0, start - 2) : start] == ", "):
        return False
    words = _words_before(folded, start, 4)  # "…the house. My wife, Anne": not the house
    if words and words[-1] in KIN:
        return False  # "my dog's vet, my wife, Anne": the word before the comma says a person
    return any(w in ANIMALS for w in words)


def in_a_work(text: str, start: int) -> bool:
    """A word in a title in quotation marks - four words at most, as a song's, a book's or a
    programme's ("Mamo", "Xalo Baran", "Shuggie Bain"), not a sentence someone said ("Sadie, ye
    cannae keep it") - or the artist named after one ("Anak" by Freddie Aguilar)."""
    line = text.rfind("\n", 0, start) + 1
    if BY_AFTER_A_WORK.search(text, max(line, start - 60), start):
        return True
    opening = IN_QUOTES.search(text, max(line, start - 42), start)
    if opening is None:
        return False
    closing = CLOSING.search(text, start, start + 42)
    return closing is not None and len(text[opening.start() + 1 : closing.start()].split()) <= 4


def loud_lines(text: str) -> Spans | None:
    """The lines written in capitals ("FLO SAYS THE LANDLORD WONT FIX THE DAMP"): a capital
    there says nothing about a name."""
    if SHOUTED.search(text) is None:
        return None  # most texts: no two words in capitals side by side
    loud = [m.span() for m in LINES.finditer(text) if loud_line(m.group())]
    return Spans(loud) if loud else None


def loud_line(line: str) -> bool:
    """A line written in capitals: four or more, and four times as many as small letters."""
    upper = len(UPPER.findall(line))
    return upper >= 4 and upper >= 4 * len(LOWER.findall(line))


# Before a name that is a saint's, a gale's or a clan's: a church, a storm, a family of old.
HALLOWED = frozenset(("st", "saint", "ste", "storm", "clan"))
# Words that are a title before a person ("old Tam", "wee Jimmy") but say "former" or "small"
# after "the": "the old Maryfield", "the big CalMac boats", "the wee Co-op".
FORMER = frozenset(("old", "auld", "wee", "big", "young", "new"))
Token = tuple[int, int, str]  # a word of the folded text: start, end, the word


def hallowed(text: str, tokens: list[Token], i: int) -> bool:
    """Token i names a saint, a gale or a clan: after "St", "Storm" or "Clan", or after a
    capitalised word after one ("St Francis Xavier's")."""
    def joined(j: int) -> bool:  # words j - 1 and j on one line, a space or two apart
        return text[tokens[j - 1][1] : tokens[j][0]] in (" ", "  ", ". ")

    return i > 0 and joined(i) and (tokens[i - 1][2] in HALLOWED or (
        i > 1 and joined(i - 1) and tokens[i - 2][2] in HALLOWED
        and text[tokens[i - 1][0]].isupper()))  # fmt: skip


# A sentence opened by someone placed, then what they say or do: "mark from the church said he'd
# bring tables", "pat at the Gourock pool is a legend", "tam in the community flat is brilliant".
PLACED = frozenset(("from", "fae", "frae", "at", "in", "up", "doon", "down"))
PLACED_THEN = re.compile(r"[ \t]+(?:from|fae|frae|at|in|up|doon|down)[ \t]+(?:the[ \t]+)?"
                         r"[\w'’-]+(?:[ \t]+[\w'’-]+){0,2}?[ \t]+("
                         + "|".join(sorted(SAID_OR_DONE | {"is", "was", "does"})) + r")\b")


def _placed_then_acts(folded: str, end: int, common: bool) -> bool:
    """After a name in small letters opening a sentence: where they are from, then a verb - of
    saying or doing, or "is"/"was" for a name no word shares ("a bill from the council is…")."""
    m = PLACED_THEN.match(folded, end)
    return m is not None and (not common or m.group(1) in SAID_OR_DONE)


def _paired(text: str, end: int) -> bool:
    """Joined to a first name no place shares: "Moira and Jean", not "Moira and Belfast"."""
    pair = PAIR.match(text, end)
    return pair is not None and (k := lx.key(pair.group(1))) in lx.first_names() and (
        k not in lx.places())


def glued_to_a_number(text: str, start: int, end: int) -> bool:
    """Letters with a number right after or before them: a postcode district, a reference, a
    flat ("KA21", "AB12", "2L") - not a name, though a scanner may misread one of its letters
    as a digit that looks like one ("K0fi", "Munr0", "Marce1")."""
    after = GLUED_AFTER.match(text, end) if text[end : end + 1].isdigit() else None
    before = (GLUED_BEFORE.search(text, max(0, start - 8), start)
              if text[start - 1 : start].isdigit() else None)  # most words: no digit beside
    return any(m and (len(m.group()) > 1 or m.group() not in "0158" or end - start <= 2)
               for m in (after, before))  # "KA1": two letters and a digit are a district


GLUED_AFTER = re.compile(r"\d+")
GLUED_BEFORE = re.compile(r"\d+\Z")


def words_of(folded: str) -> list[Token]:
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(folded)]


def find_unregistered(text: str, folded: str, tokens: list[Token],
                      taken: list[tuple[int, int]]) -> list[Detection]:  # fmt: skip
    """People nobody registered, from the words of the folded text (words_of(folded))."""
    blocked: Spans | None = None  # found on the first candidate: most words are not
    first, sur, common, places = lx.first_names(), lx.surnames(), lx.common_words(), lx.places()
    lower_names, english = lx.lower_case_names(), lx.english_words()
    loud = loud_lines(text)
    quoted = QUOTES.search(text) is not None  # once: a search per word would be quadratic
    found: list[Detection] = []
    not_names = lx.NOT_NAMES
    candidates = [i for i, (start, _end, low) in enumerate(tokens)
                  if low in lower_names or "'" in low
                  or (text[start].isupper() and low not in not_names)
                  or (i and (tokens[i - 1][2] in ABBREVIATED or tokens[i - 1][2] in GREETINGS))
                  or (low in first and i + 1 < len(tokens) and (
                      tokens[i + 1][2] in lx.SPEECH or tokens[i + 1][2] in PLACED))]
    for i in candidates:  # most words are ordinary lower-case words ("will", "the bill")
        start, end, low = tokens[i]
        if glued_to_a_number(text, start, end):
            continue  # "KA21", "G31", "2/L": a code's letters, not a name
        shouted = bool(loud) and text[start].isupper() and loud.overlaps(start, end)
        capital = text[start].isupper() and not shouted
        if "'" in low or "-" in low:
            if low.endswith("'s"):
                low, end = low[:-2], end - 2
            k = low.replace("'", "").replace("-", "")
            parts = low.split("-")
            if (len(parts) == 2 and k not in first and k not in sur
                    and all(p in first or p in sur for p in parts)):  # fmt: skip
                k = parts[1] if parts[0] in common else parts[0]  # "Tracey-Ann", "Rose-Marie"
        else:
            k = low
        greeted = not capital and _greeted(tokens, i, text, folded) and k not in common
        lower_titled = (not capital and (_prev_strong(tokens, i, text) or greeted)
                        and k.isalpha() and len(k) >= 3 and k not in not_names
                        and (k in first or k in sur or k not in english))  # fmt: skip
        if lower_titled:
            if k.endswith("s") and not (k in first or k in sur) and k[:-1] in english:
                end -= 1  # "cllr toners office"
            start = _with_title(text, folded, start)
            found.append(Detection(start, end, "person", text[start:end],
                                   "a word greeted or thanked (typed in lower case)" if greeted
                                   else "a word after a title (typed in lower case)", 0.7))
            continue
        if (capital and k.endswith("s") and (k[:-1] in first or k[:-1] in sur)
                and k not in first and k not in sur and _owned_after(folded, end)):  # fmt: skip
            k, end = k[:-1], end - 1  # "Rabs van", "Jades new number", "McGlincheys dog"
        if not k.isalpha() and any(c.isdigit() for c in k):  # scanned: "K0fi", "J0rdan"
            k = next((m for m in (k.translate(_AS_I), k.translate(_AS_L))
                      if m in first or m in sur), k)  # fmt: skip
        in_lists = k in first or k in sur
        if not (capital or in_lists or shouted) or k in not_names or not 2 <= len(k) <= 40:
            continue  # most words: no list, no capital
        prev = tokens[i - 1][2] if i and not BREAK.search(text, tokens[i - 1][1], start) else ""
        if not (prev or in_lists or shouted or text[end : end + 2] in ("'s", "’s")
                or (capital and not original_upper(text, start, end)
                    and DESCRIBED.match(folded, end))  # "Sujon - works at the Star"
                or (capital and AGE_AFTER.match(text, end))  # "attending: Chance (9)"
                or (capital and _word_after(folded, end) in SAID_OR_DONE)):  # "Chantelle said"
            continue  # a capitalised word opening a sentence, in no list: "Bins", "Maybe"
        if (capital and not in_lists and prev not in lx.TITLES and prev not in lx.RELATIONS
                and prev not in ("our", "oor", "is", "called", "named") and a_word(k)
                and text[end : end + 1] not in ("'", "’") and not AGE_AFTER.match(text, end)
                and not (found and text[found[-1].end : start] == " ")):  # fmt: skip
            continue  # "Council", "Tuesday,": a word, with no title, name or relation near
        prev2 = tokens[i - 2][2] if prev and i > 1 else ""
        nxt = i + 1 < len(tokens) and text[tokens[i][1] : tokens[i + 1][0]].strip(" ,") == ""
        after = tokens[i + 1][2] if nxt else ""
        titled = ((prev in lx.TITLES and not (prev in FORMER and prev2 == "the"))
                  or (prev in lx.ADDRESSING and capital  # not "the old Maryfield"
                      and text[tokens[i - 1][1] : start] in (" ", ", ")))  # not "birthday 12 Jan"
        joined = (prev in ("and", "&") and i > 1 and bool(found) and capital
                  and found[-1].end == tokens[i - 2][1])  # fmt: skip
        named = prev in ("called", "named", "wee", "big")
        related = (prev in lx.RELATIONS or (prev2 in lx.RELATIONS and named)
                   or (prev == "of" and prev2 in KIN)  # "pal of Dessie"
                   or (prev in ("our", "oor") and capital))  # "our Isla": family; fmt: skip
        speaking = after in lx.SPEECH
        possessive = text[end : end + 2] in ("'s", "’s") and (
            tokens[i][2].rstrip("s").rstrip("'") == low
            and i + 1 < len(tokens) and tokens[i + 1][2] in lx.RELATIONS)  # fmt: skip
        who = after in ("who", "who's", "whos")  # "Jordan who's eleven": a person, not a country
        place_use = prev in lx.PLACE_PREPOSITIONS and k in places and not who
        continues = bool(found) and capital and text[found[-1].end : start] == " "
        if prev in ("every", "any") or (prev2 in ("every", "any") and prev in ("other", "single")):
            continue  # "every George in Torry is called Dod": a name in general, nobody's
        if k in lx.TITLES and k not in first and k not in sur:
            continue  # "Dear Councillor,": a title on its own names nobody ("Mr Young" does)
        if hallowed(text, tokens, i):
            continue  # "St Mary's", "St Francis Xavier's", "Storm Babet", "Clan MacDougall"
        if not titled and prev not in KIN and (a_pet(folded, start, end, prev, prev2)
                           or (quoted and in_a_work(text, start))):  # fmt: skip
            continue  # "a collie called Skye", "Storm (lurcher)", "Anak" by Freddie Aguilar
        described = (capital and not original_upper(text, start, end) and prev not in WHERE
                     and prev not in ("of", "on", "by", "until", "till")
                     and DESCRIBED.match(folded, end) is not None)  # "in May at the SEC": a month
        opens_saying = not capital and not prev and k in first and (
            speaking  # "mark says he'll"
            or _placed_then_acts(folded, end, k in common))  # "paddy from the bookies says"
        if k in common and not opens_saying and not (capital and (
                titled or related or joined or continues or (described and k in first)
                or (speaking and k in first) or prev in KIN
                or NAME_INTRO.search(folded, max(0, start - 20), start)
                or AGE_AFTER.match(text, end)
                or (k in first and _used_as_a_name(text, folded, start, end, text[start:end],
                                                   registered=False)))):
            continue  # fmt: skip
        if place_use and not titled:
            continue
        if in_lists and not capital and len(k) >= 3 and k not in places:
            if k in english and not (titled or related or named or prev in CALLED
                                     or opens_saying):  # "sonny says the bus…"
                continue  # "the hill", "a rose": a word first, unless its context says a name
            if nxt and tokens[i + 1][2] in PLACE_HEADS:
                continue  # "ALEXANDRA PARADE"
            reason = "a name from the name lists (typed in lower case)"
            confidence = 0.6
            if k not in english and LINE_ALONE.match(text, end) and text[start - 1 : start] in (
                    "", "\n"):  # fmt: skip
                reason = "a name alone on its line (typed in lower case)"
                confidence = 0.7  # a greeting's or a signature's line: "kevin", "dessie"
        elif in_lists and (capital or titled or related):
            if (original_upper(text, start, end) and end - start <= 4 and not titled
                    and not related and prev in lx.PLACE_PREPOSITIONS):  # fmt: skip
                continue  # "to get to ARI", "in the grounds of ARI": a body's initials
            if k in places and not (titled or related or speaking or possessive or who
                                    or prev in CALLED  # "text Isla": nobody texts a river
                                    or FROM_THE.match(folded, end)  # "Isla from the shop"
                                    or NAME_GIVEN.search(folded, max(0, start - 12), start)
                                    or _paired(text, end)  # "Moira and Jean from the shop"
                                    ):  # "I'm Chelsea. I'm fae Castlepark."; fmt: skip
                continue
            if not (titled or related) and (
                (nxt and tokens[i + 1][2] in PLACE_HEADS)  # "Alexandra Parade"
                or (prev in ("the", "a", "an") and after not in FAMILY_NOUNS
                    and not who)  # "the Costa", not "the Jamal who came"
                or (k in english and not speaking and not _reads_as_subject(folded, end)
                    and _in_a_title(text, tokens, i, first))
                or (k in english and at_sentence_start(text, start)
                    and text[start - 1 : start] != "("  # "Mr O'Hare (Jimmy)"
                    and not (speaking or who or described or _reads_as_subject(folded, end)
                             or AGE_AFTER.match(text, end)
                             or (nxt and text[end : tokens[i + 1][0]] == " "
                                 and text[tokens[i + 1][0]].isupper()
                                 and tokens[i + 1][2] not in PLACE_HEADS)  # "Craig Dunlop"
                             or _used_as_a_name(text, folded, start, end, text[start:end],
                                                registered=False)))  # "Lovely - can we"
            ):
                continue
            reason = "a name from the name lists"
            confidence = 0.8
        elif (capital and (titled or related or possessive) and not a_word(k)
              and not at_sentence_start(text, start)
              and not (original_upper(text, start, end) and len(k) <= 5
                       and prev not in lx.STRONG_TITLES)):  # "our MSP", "ask CVS"; fmt: skip
            reason = "a capitalised word after a title or relationship word"
            confidence = 0.75
        elif (capital and not shouted and k not in lx.not_people() and k not in places and (
                prev in KIN or (AGE_AFTER.match(text, end) and not (
                    i and text[tokens[i - 1][1] : start] == " "
                    and text[tokens[i - 1][0]].isupper())  # "Radio Lab (2)" is a count
                    and (k in first or not a_word(k)))  # "Family (14)  Neighbours (9)"
                or NAME_INTRO.search(folded, max(0, start - 20), start)
                or (possessive and not at_sentence_start(text, start)))):  # fmt: skip
            # "my son Marvel", "Chance (9)", "my name is Chance": a name though a word too
            reason = "a capitalised word a name's context marks"
            confidence = 0.7
        elif (continues or joined) and (k in sur or not a_word(k) or (
                capital and k not in PLACE_HEADS and k not in places
                and found[-1].text.split()[-1].lower() in first)):  # "Marie Toner"; fmt: skip
            reason = "a surname after a name"
            confidence = 0.75
        elif capital and speaking and not at_sentence_start(text, start) and not a_word(k):
            reason = "a capitalised word before a verb of speech"
            confidence = 0.6
        elif capital and titled and prev in lx.STRONG_TITLES:
            reason = "a capitalised word after a title"
            confidence = 0.75
        elif (capital and (speaking or described or after in DOING or prev in PERSON_BEFORE
                           or text[end : end + 2] in ("'s", "’s") or HEADING.match(folded, end))
              and _unknown_name(text, tokens, i, k, prev, nxt)):  # fmt: skip
            reason = "a capitalised word that is neither an English word nor a place"
            confidence = 0.5
        elif (shouted and len(k) >= 4 and k.isalpha() and not known_word(k) and "-" not in low
              and not HEADING.match(folded, end)
              and k not in lx.not_people()):  # fmt: skip
            reason = "a word in a note in capitals that is neither an English word nor a place"
            confidence = 0.45
        else:
            continue
        if blocked is None:  # built for the first real candidate: most notes have none
            blocked = Spans(taken + [(m.start(), m.end()) for m in lx.PROTECTED.finditer(text)])
        if blocked.overlaps(start, end):
            continue
        if titled and (prev in lx.STRONG_TITLES or prev in lx.CAPITAL_TITLES):
            titled_start = _with_title(text, folded, start)
            if titled_start != start:
                start = titled_start
                reason += " (with a title)"
        if (i and tokens[i - 1][1] == start - 1 and text[start - 1] == " " and capital
                and text[tokens[i - 1][0]].isupper() and tokens[i - 1][2] in first
                and tokens[i - 1][2] not in not_names):  # fmt: skip
            start = tokens[i - 1][0]  # "Bob Jones": a first name that is also a word
        if found and found[-1].end >= start - 1 and text[found[-1].end : start].strip() == "":
            last = found.pop()  # "Anna Kowalska": one person, not two
            start = last.start
        found.append(Detection(start, end, "person", text[start:end], reason, confidence))
    return found
