"""Word lists the detector uses: shipped name lists (resources/names, see its README for
sources and licence) and the small closed sets of cue words written here."""

from __future__ import annotations

import functools
import re
import unicodedata

from coprod_desktop.resource_files import resource_path


class _Fold(dict):
    """str.translate table: one character in, one character out (lower case, no accents,
    straight apostrophes), so offsets into folded text are offsets into the original."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "’ʼ‘`´":
            out = "'"
        elif char in "łŁ":  # no decomposition in Unicode
            out = "l"
        else:
            base = unicodedata.normalize("NFKD", char)[:1] or char
            lower = base.lower()
            out = lower if len(lower) == 1 else base
        self[code] = out
        return out


_FOLD = _Fold()


def fold(text: str) -> str:
    """Lower case without accents; same length as text."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def key(word: str) -> str:
    """How a name is compared: folded, without apostrophes, hyphens or spaces."""
    return re.sub(r"['\s-]", "", fold(word))


@functools.cache
def names(file: str) -> frozenset[str]:
    text = resource_path(f"names/{file}").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    plain = re.compile(r"[a-z]+")  # most lines are their own key: skip the dear folding
    return frozenset(line if plain.fullmatch(line) else key(line) for line in lines)


def first_names() -> frozenset[str]:
    return names("first_names.txt")


def surnames() -> frozenset[str]:
    return names("surnames.txt")


def common_words() -> frozenset[str]:
    return names("common_words.txt")


def places() -> frozenset[str]:
    return names("place_names.txt")


@functools.cache
def english_words() -> frozenset[str]:
    """Words an English dictionary writes in lower case (SCOWL; see make_english_words.py),
    and the Scots, Doric and other languages' everyday words of more_words.txt."""
    return names("english_words.txt") | names("more_words.txt")


@functools.cache
def proper_nouns() -> frozenset[str]:
    """Words written with a capital that are not taken for a name they are not in the name
    lists: the dictionary's (days, peoples, countries, famous people) and not_people.txt's
    (languages, faiths, firms and services met in UK workshops)."""
    return names("proper_nouns.txt") | names("not_people.txt")


def not_people() -> frozenset[str]:
    """not_people.txt: languages, faiths, firms, services, brands, cars, clubs, holiday places
    and form labels met in UK workshops - some of them also a first name (Jordan, Costa)."""
    return names("not_people.txt")


@functools.cache
def lower_case_names() -> frozenset[str]:
    """Names that may be a person even typed in lower case: the lists less ordinary words."""
    return (first_names() | surnames()) - common_words()


MONTHS = frozenset(("january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december"))  # fmt: skip
MONTHS_SHORT = MONTHS | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                         "nov", "dec"}  # fmt: skip

TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "sir",
        "dame",
        "lady",
        "lord",
        "auntie",
        "aunty",
        "aunt",
        "uncle",
        "nan",
        "nana",
        "gran",
        "granny",
        "grandad",
        "grandpa",
        "grandma",
        "papa",
        "cllr",
        "councillor",
        "rev",
        "reverend",
        "father",
        "pastor",
        "imam",
        "sister",
        "brother",
        "sheikh",
        "sgt",
        "sergeant",
        "pc",
        "inspector",
        "constable",
        "professor",
        "pan",
        "pani",
        "canon",
        "bishop",
        "rabbi",
        "maw",
        "paw",
        "wee",
        "big",
        "old",
        "young",
    ]
)
STRONG_TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "cllr", "councillor", "rev",
     "reverend", "sgt", "sergeant", "pc", "dc", "ds", "insp", "inspector", "constable", "pan",
     "pani"]
)  # fmt: skip
# Part of a name only when written with a capital: "Father Boyle", not "my father Boyle".
CAPITAL_TITLES = frozenset(
    ["father", "pastor", "imam", "rabbi", "canon", "bishop", "sheikh", "sister", "brother"]
)  # fmt: skip
RELATIONS = frozenset(
    [
        "neighbour",
        "neighbor",
        "pal",
        "friend",
        "mate",
        "son",
        "daughter",
        "boy",
        "girl",
        "lassie",
        "laddie",
        "wife",
        "husband",
        "partner",
        "ex",
        "brother",
        "sister",
        "cousin",
        "mum",
        "mam",
        "maw",
        "dad",
        "da",
        "niece",
        "nephew",
        "grandson",
        "granddaughter",
        "landlord",
        "landlady",
        "boss",
        "colleague",
        "carer",
        "worker",
        "teacher",
        "doctor",
        "nurse",
        "gp",
        "called",
        "named",
        "name's",
        "named",
        "fiance",
        "fiancee",
        "bf",
        "gf",
        "boyfriend",
        "girlfriend",
        "stepdad",
        "stepmum",
        "stepson",
        "stepdaughter",
        "wean",
        "weans",
        "bairn",
        "kid",
        "kids",
        "child",
        "children",
        "baby",
        "flatmate",
        "housemate",
        "lodger",
        "sponsor",
        "keyworker",
        "caseworker",
        "officer",
        "manager",
    ]
)
SPEECH = frozenset(
    [
        "said",
        "says",
        "told",
        "tells",
        "asked",
        "asks",
        "reckons",
        "reckoned",
        "thinks",
        "thought",
        "mentioned",
        "explained",
        "shouted",
        "texted",
        "phoned",
        "rang",
        "replied",
        "goes",
        "went",
        "admitted",
        "claimed",
        "swears",
        "swore",
        "warned",
        "wants",
        "wanted",
        "knows",
        "knew",
        "lives",
        "lived",
        "works",
        "worked",
    ]
)
NOT_NAMES = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "it",
        "its",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "nobody",
        "people",
        "staff",
        "folk",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "so",
        "if",
        "when",
        "then",
        "there",
        "here",
        "this",
        "that",
        "these",
        "those",
        "what",
        "who",
        "why",
        "how",
        "where",
        "mum",
        "dad",
        "nan",
        "gran",
        "police",
        "council",
        "government",
        "nhs",
        "gp",
        "doctor",
        "nurse",
        "manager",
        "boss",
        "neighbour",
        "friend",
        "god",
        "jesus",
        "allah",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "eid",
        "diwali",
        "ok",
        "okay",
        "yes",
        "no",
        "aye",
        "naw",
        "hello",
        "hi",
        "thanks",
        "please",
        "sorry",
    ]
)
ADDRESSING = frozenset(["thanks", "thank", "cheers", "ta", "hi", "hiya", "hello", "dear", "ask",
                        "birthday", "bday"])  # "Happy birthday, Jordan!"
NOT_NAMES = NOT_NAMES | {"speaker", "facilitator", "interviewer", "presenter", "host", "saint"}
NOT_NAMES = NOT_NAMES | {  # the noises of speech, as transcripts write them: "Mm-hm", "Erm"
    "mm", "mmm", "mm-hm", "mm-hmm", "mhm", "uh-huh", "uh-oh", "hmm", "hm", "erm", "um", "umm",
    "uh", "ah", "ahh", "ooh", "aw", "eh",
}  # fmt: skip
NOT_NAMES = NOT_NAMES | {  # contractions, keyed without their apostrophe: "I've", "Dont"
    "ive", "im", "id", "ill", "youre", "youve", "youll", "theyre", "theyve", "weve", "were",
    "dont", "cant", "wont", "isnt", "didnt", "doesnt", "hes", "shes", "thats", "whats",
    "lets", "aint", "wasnt", "havent", "couldnt", "wouldnt", "shouldnt", "ye've", "yeve",
    "nat", "reg", "ins", "ni", "ha", "haha", "aww", "och", "naw",  # "Nat. Ins. No.", "Ha!"
    "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun",
}  # fmt: skip
PLACE_PREPOSITIONS = frozenset(
    ["in", "at", "to", "from", "near", "of", "around", "by", "into", "towards", "via"]
)

PROTECTED = re.compile(  # each begins with a capital: the look-ahead skips most positions fast
    r"\b(?=[A-Z])(?:Trading Standards|Police Scotland|Citizens Advice(?: Bureau)?|"
    r"NHS(?: [A-Z][a-z]+){0,3}|HMRC|DWP|Jobcentre(?: Plus)?|Universal Credit|Social Work|"
    r"(?:[A-Z][a-z]+ )?City Council|[A-Z][a-z]+ Council|Scottish Water|Scottish Government|"
    r"Benson (?:and|&) Hedges|Lambert (?:and|&) Butler|Silk Cut|Pall Mall|Amber Leaf|"
    r"Golden Virginia|Mayfair|Richmond|Sterling|Marlboro|Regal|Embassy|Rothmans|JPS|"
    r"Windsor Blue|Superkings|Jin Ling|Raquel|Palace|Cutters Choice|Pueblo|Chesterfield|Camel|"
    r"Winston|Lucky Strike|Carlsberg|Tennent'?s|Buckfast|"
    r"Tesco|Asda|Lidl|Aldi|Morrisons|Sainsbury'?s|Greggs|Boots|Poundland|Home Bargains|"
    r"Iceland|Facebook(?: Marketplace)?|WhatsApp|Instagram|TikTok|Snapchat|Gumtree|"
    r"Food ?bank|Salvation Army|Women'?s Aid|Samaritans|Crimestoppers|Shelter Scotland|"
    r"Glasgow Life|Job Centre)\b"
)
