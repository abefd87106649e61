"""Structured personal identifiers: regular expressions plus the validation each one has
(NHS numbers' mod-11 check digit, National Insurance prefixes, UK phone number shapes)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import lexicon
from .model import Detection

I = re.IGNORECASE  # noqa: E741 - the usual flag name
DIGIT = re.compile(r"\d")

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A scanned "name @ mail . example" - not a handle after a space: "insta @name. That".
EMAIL_SPACED = re.compile(r"(?<![\w.+-])[\w.+-]+(?: @ ?|@ )[A-Za-z0-9-]+"
                          r"(?: ?\. ?[A-Za-z0-9-]+)* ?\. ?[a-z]{2,}\b")  # fmt: skip
_URL_START = r"(?<![\w@/.])"
_URL_SCHEME = r"https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+"
# A bare domain is a web address when its ending is one people give out, or when a path
# follows it, whatever its ending: "linktr.ee/name", "beacons.ai/name", "ko-fi.com/name".
_URL_DOMAIN = (
    r"(?:[a-z0-9-]+\.)+(?:(?:com|co\.uk|org\.uk|org|net|uk|io|scot|info|me|tv|ly|gl|be)"
    r"(?:/[^\s<>\"')\]]*)?|[a-z]{2,10}/[^\s<>\"')\]]*)(?![\w@])"
)
URL = re.compile(f"{_URL_START}(?:{_URL_SCHEME}|{_URL_DOMAIN})", I)  # what urls() finds
URL_START = re.compile(_URL_START)
URL_SCHEME = re.compile(f"{_URL_START}(?:{_URL_SCHEME})", I)
URL_DOMAIN = re.compile(f"{_URL_START}{_URL_DOMAIN}", I)
# A dotted run a domain could start in ("a-b.c.com"), whole; and one from a given position.
LABELS = re.compile(r"(?<![a-z0-9-])[a-z0-9-]++(?:\.[a-z0-9-]++)+", I)
LABELS_HERE = re.compile(r"[a-z0-9-]++(?:\.[a-z0-9-]++)+", I)
REDDIT = re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}(?![\w/-])")
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
PHONE = re.compile(
    r"(?<![\w+£$.:/])(?:\+\s?44\s?(?:\(0\)\s?)?|0044\s?|\(0|0)[\d]"
    r"(?:[\d \t().-]|\n(?!\s*\d{1,2}[.)])){7,15}\d"  # over a line's end, not into "\n2." of a list
    r"(?![\w:.]\d)"
)
# A number abroad, or the UK's written with its code in brackets: "+48 601 555 274",
# "0048 22 555 31 07", "+421 905 123 448", "(+44) 7700 900735".
ABROAD = re.compile(r"(?<![\w+])(?:\(\+44\)\s?|(?:\+|00)(?!44)([1-9]\d{0,2})[\s.-]?)"
                    r"\(?\d[\d \t().-]{6,16}\d(?![\w:.]\d)")  # fmt: skip
POSTCODE = re.compile(
    r"(?<![\w-])([A-PR-UWYZ][A-HK-Y]?\d[A-HJKMNPR-Y\d]?)[ \t]{0,2}(\d[ABD-HJLNP-UW-Z]{2})(?![\w-])",
    I,
)
POSTCODE_AT_END = re.compile(r"[ \t,]*(?<![\w-])[A-Za-z]{1,2}[\dOlI][A-Za-z\d]?[ \t]{0,2}"
                             r"[\dOlI][A-Za-z]{2}[ \t.]*\Z")  # fmt: skip
NHS_GROUPED = re.compile(r"(?<![\w-])\d(?:[ -]?\d){9}(?![\w-])")  # "2103 8741 29"
NHS = re.compile(r"(?<![\w-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w-])")
NI = re.compile(  # QQ is HMRC's example prefix: typed in tests of forms, and never harmless
    r"(?<![\w])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)[ ]?"
    r"(\d{2})[ ]?(\d{2})[ ]?(\d{2})[ ]?([A-D])(?!\w)",
    I,
)
# Named as an NHS or CHI number (a CHI number holds a birth date), ten digits need no check.
# "CHl No:", scanned; "NHS no for mum's hospital transport booking - 999 123 4560"
HEALTH_CUE = re.compile(r"\b(?:CH[Il1|]|chi|NHS|nhs)\b[^\n\d]{0,64}\Z")
HEALTH_REACH = 80  # characters before a number read for its cue
REFERENCE_CUE = re.compile(
    r"\b(?:ref|reference|order|invoice|booking|job|case|incident|crime|account|acc|tracking|"
    r"receipt|ticket|claim|policy|serial|reg(?:istration)? no)\b[^\n\d]{0,12}\Z",
    I,
)
NI_BAD_PREFIXES = {"BG", "GB", "NK", "KN", "NT", "ZZ"}  # TN: a temporary number, still someone's
PLATE_CUE = re.compile(r"\b(?:reg|registration|plate|number plate|car|van)\b[^\n\w]{0,4}\Z", I)
TIMESTAMP_TIME = re.compile(r",?\s*\d{1,2}:\d{2}")
# Three-letter words after a district or a number: "G31 AND G40", "SN19 BUS LANE".
PLATE_WORDS = frozenset(("and", "the", "for", "bus", "was", "not", "but", "are", "all", "too",
                         "now", "one", "two", "six", "ten", "off", "out", "way", "yes", "via",
                         "per", "new", "old", "its", "can", "get", "got", "had", "has", "let",
                         "man", "van", "car", "day", "age", "end", "top", "pay"))  # fmt: skip
REG_CURRENT = re.compile(r"(?<![\w-])[A-Z]{2}\d{2}[ -]?[A-Z]{3}(?![\w-])", I)
REG_OLD = re.compile(
    r"(?<![\w-])(?:[A-Z][1-9]\d{0,2}[ ]?[A-Z]{3}|[A-Z]{3}[ ][1-9]\d{0,2}[A-Z])(?![\w-])"
)  # "A123 BCD" and "ABC 123D", in capitals and never from 0: not "G31 and", "b0ard", "TAB1E"
# The UK's postcode areas: "D0 0RS" (an OCR'd "d00rs") has a postcode's shape but no area.
AREA = re.compile(r"[A-Za-z]+")
POSTCODE_AREAS = frozenset({
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB",
    "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN",
    "DT", "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG",
    "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA",
    "LD", "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR",
    "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG",
    "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN",
    "TQ", "TR", "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
})
# Websites of public bodies and charities are not anyone's personal data.
PUBLIC_SITE = re.compile(
    r"(?:^|[/.])(?:[a-z0-9-]+\.)*(?:gov\.uk|gov\.scot|nhs\.uk|nhs\.scot|police\.uk|ac\.uk|"
    r"org\.uk|parliament\.scot|zoom\.us|teams\.microsoft\.com|meet\.google\.com|"
    r"forms\.gle|eventbrite\.[a-z.]+)(?:/|\Z)",
    I,
)

MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
DATE = re.compile(  # "14/05/1986", "03 / 11 / 1979", "14th of May 1986", "May 14th 86"
    r"(?<![\w/.-])(?:\d{1,2} ?[/.-] ?\d{1,2} ?[/.-] ?(?:\d{4}|\d{2})"
    r"|(?:19|20)\d{2}(?:[/-]\d{1,2}[/-]\d{1,2}|\. ?\d{1,2}\. ?\d{1,2}\.?)"  # 1959-04-03
    rf"|\d{{1,2}}-(?:{MONTHS})-(?:\d{{4}}|\d{{2}})"  # 27-Jun-1990
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{MONTHS})\.?,?\s+(?:\d{{4}}|'?\d{{2}})"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:\d{{4}}|'?\d{{2}}))(?![\w/])",
    I,
)
BIRTH_NEAR = re.compile(r"\b(?:born|birth|birthday|b-?day|d\.?o\.?b)\b", I)  # "DOB? … Mine is"
BIRTH_CUE = re.compile(  # typed in a hurry too: "bron", "brith", "bday"
    r"\b(?:born|bron|borm|birth|brith|birthday|b-?day|d\.?o\.?b\.?|date of birth|b\.)"
    r"(?:\s+(?:on|is|was|date|the|:))*\W*\Z",
    I,
)
# A street's name: "Daisy Street", "Kerse Rd.", "Tollcross Road" (a dot after an abbreviation
# only: "Lothian Crescent." ends a sentence).
STREET_NAME = (r"(?:[A-Z][a-z'’]+\s+){1,3}(?:(?:St|Rd|Ave)\b\.?|(?:Street|Road|Avenue|Drive|Lane|"
               r"Crescent|Place|Terrace|Court|Gardens|Wynd|Square|Grove|Brae|Row|View|Green|"
               r"Heights|Parade|Walk|Loan|Rise|Quadrant|Mews|Vennel|Farm|Cottages?)\b)")
# A street that says where someone lives, with no house number: "she stays on Wellshot
# Road", "I live Gallowgate", "the woman fae Bluevale Street". Only the street is the span.
LIVES_ON = re.compile(
    r"\b(?i:lives?|living|lived|stays?|staying|stayed|grew up|moved|moving|flats?|house|hoose|"
    r"bides?|biding|resides?|residing|(?:my|her|his|their|oor|our|ma) (?:front |back )?door|"
    r"close|stair|landing|neighbours?|families|family|get me at the end of|bungalows?|cottages?|"
    r"builds|caravans?|tenements?|maisonettes?|address|"
    r"(?-i:home|HOME)|windae|currently|fae|she's|he's|shes|hes|they're|i'm|i’m|im|"
    r"(?:mum|mam|maw|dad|da|gran|granny|nan|nana|sister|brother|auntie|uncle|son|daughter)'s"
    r")\b"  # "my mum's on Dumbryden Drive"; not "Home
    r"[^.\n;:!?()]{0,28}?"  # Energy Scotland": a body's name
    r"(?<=[\s,])(" + STREET_NAME + r"|Gallowgate|Trongate|Saltmarket|Duke Street)"
)
_A_STREET = "(" + STREET_NAME + ")"
# Between a cue and its street, a doing that is not living there ("walking", "looking down").
ON_THE_MOVE = re.compile(r"\b(?!living|staying|biding|residing|moving|during|\w*thing\b|morning|"
                         r"evening|building|ceiling|wedding|spring)[a-z]{2,}ing\b")
# A street that someone says is theirs, after it ("Start with Daisy Street 'cause that's mine",
# "on Tollcross Road right under my windae", "on Bay Street. Thats me at number 6") or before
# it ("Aye, that's us. Carse Road, forty years", "Ours. Calderwood Square"), or the answer to
# "where do you live?" or "which bit?" in the next turn ("IVETA: Is on Calder Street",
# "WOMAN 1: Lothian Crescent. Up the top end").
MINE_AFTER = re.compile(
    _A_STREET + r"[^\n]{0,40}?\b(?i:that'?s (?:mine|me|us|ours|where (?:i|we) (?:live|stay|bide))"
    r"|thats? (?:me|us) (?:at|in|up)|(?:under|outside|opposite|across from|next to|facing) "
    r"(?:my|oor|our|ma) (?:windae|window|door|close|flat|house|hoose|stair))\b"
)
MINE_BEFORE = re.compile(r"(?:\b(?i:thats?|that's|it's|its) (?i:us|me|mine|ours)[.,!]?|"
                         r"(?:^|[.!?:])[ \t]*(?i:ours|mine)[.,!])[ \t]+(?:(?i:on|in|at|up)[ \t]+)?"
                         + _A_STREET, re.MULTILINE)  # fmt: skip
ASKED_WHERE = re.compile(
    r"\b(?i:where (?:do |d'?)?(?:you|ye|yous|ya|u) (?:live|stay|bide)|"
    r"where(?:'s| is) (?:your|yer|ur) (?:house|hoose|flat|place)|where (?:are|r) (?:you|ye|u)|"
    r"which (?:bit|close|block|landing|end)\W{0,3}(?=\n)|"  # a follow-up: "Which bit?"
    r"(?:which|what) (?:street|road|bit|close|part)[^\n]{0,12}\b(?:you|ye|u|yours)|"
    r"whereabouts)(?!\w)[^\n]*\n"
    r"(?:[^\n:]{1,24}:[ \t]*)?(?:[^\n.?!]{0,20}?\s)?"
    r"(?:(?i:on|in|at|up|doon|down|off)\s+)?" + _A_STREET  # in the answer's first words
)
MINE_GATE = re.compile(r"mine|ours|that'?s (?:me|us)|thats? (?:me|us)|it'?s (?:me|us)|my |oor |"
                       r"our |ma |where|which|what (?:street|road|bit|close)")  # fmt: skip
# Cheap gates, one search of the lower-cased text each (a pattern that ignores case costs ten
# times as much), before the patterns that are dear to run on every text.
LIVES_GATE = re.compile(r"liv|stay|grew up|mov|flat|house|hoose|home|windae|currently|fae|bid|"
                        r"bungalow|cottage|builds|caravan|tenement|maisonette|address|"
                        r"(?:m[au][mw]|dad|da|gran|granny|nan|nana|sister|brother|auntie|uncle|"
                        r"son|daughter)'s|"
                        r"resid|she|he'?s|they're|i'?m|i’m|door|close|stair|landing|neighbour|"
                        r"famil|get me")  # fmt: skip
STREET_GATE = re.compile(r"Street|St|Road|Rd|Avenue|Ave|Drive|Lane|Crescent|Place|Terrace|Court|"
                         r"Gardens|Wynd|Square|Grove|Brae|Row|View|gate|Saltmarket|Green|"
                         r"Heights|Parade|Walk|Loan|Rise|Quadrant|Mews|Vennel|Farm|"
                         r"Cottage")  # fmt: skip
# A handle given without "@", known from its cue: "dm kezza_vapez", "on Facebook as
# bigtam.gallowgate", "follow me on instagram, emekaobi_official", "u/tomek_glasgow".
HANDLE_CUE = re.compile(
    r"\b(?:dm|follow(?:\s+me)?(?:\s+on\s+(?:insta(?:gram)?|tiktok|snap(?:chat)?|twitter|x))?|"
    r"on\s+(?:insta(?:gram)?|tiktok|snap(?:chat)?|facebook|fb|twitter|threads)(?:\s+as|,?\s+i'?m)|"
    r"(?:find|add)\s+(?:me|us)\s+on\s+(?:insta(?:gram)?|tiktok|snap(?:chat)?|discord|twitter|x)|"
    r"(?:insta|instagram|tiktok|snapchat|account|handle|username|reddit)\s+is|"
    r"(?:insta(?:gram)?|tiktok|snap(?:chat)?|twitter|threads)\s*\(|"  # "Instagram (lil_bmx)"
    r"(?:my|ma|her|his|their|\w+'s)\s+(?:insta(?:gram)?|tiktok|snap(?:chat)?|ig)"
    r"(?:\s+(?:down|is))?\s*(?:[-–:=]|is)?)"  # "mo's snapchat mobaillie62", "her snap - jade.k2"
    r"(?:\s*[,:]?\s+|(?<=\())((?:u/)?[A-Za-z0-9_.]{3,30}[A-Za-z0-9_])",
    I,
)
# An account written bare, its words joined by underscores: "lil_chance_bmx", "tam_lerwick" -
# not a file's name ("photo_1.jpg") or a part of an address.
BARE_HANDLE = re.compile(r"(?<![\w@./:-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w@/-]|\.\w)")
# An address written to get past filters: "abena.m [at] postbox [dot] example".
EMAIL_SPELT = re.compile(
    r"(?<![\w.])[\w.+-]+\s?[\[(]at[\])]\s?[\w-]+(?:\s?[\[(]dot[\])]\s?[\w-]+)+", I
)

STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|crescent|cres|place|pl|terrace|terr|court|ct|"
    "gardens|gdns|way|close|square|sq|grove|park|hill|row|wynd|brae|loan|vennel|walk|quadrant|"
    "circus|view|rise|mews|green|parade|path|gate|boulevard|crossway|drove"
)
ADDRESS = re.compile(  # "Flat 3/2, 118 Duke Street", "0/1, 88 Muiryfauld Drive", on one line
    r"(?<![\w£$.])(?=[\dfauFAU])(?:(?:(?:flat|apt|apartment|unit)[ \t]*)?\d+[a-z]?/\d+,?[ \t]+|"
    r"(?:flat|apt|apartment|unit)[ \t]*\d+[a-z]?,?[ \t]+)?"
    r"\d{1,4}[a-z]?(?:/\d+)?,?[ \t]+"
    r"((?:[A-Za-z][A-Za-z'’.-]*[ \t]+){1,3})"
    rf"(?:{STREET_TYPES})\b\.?",
    I,
)
# A form's address field: "Address: Bishopton Travellers Site, Pitch 7". The value up to the
# line's end, less a postcode written after it (its own finding) and a note in brackets.
ADDRESS_FIELD = re.compile(
    r"^[ \t]*(?:(?:[Hh]ome|HOME|[Cc]urrent|CURRENT|[Pp]ostal|POSTAL)[ \t]+)?(?:[Aa]ddress|ADDRESS)"
    r"[ \t]*:[ \t]*([^\n(]*[A-Za-z0-9][^\n(]*?)[ \t,]*(?:\(|$)",
    re.MULTILINE,
)
# A home on a Travellers' site or a caravan park: "Pitch 4, Lochshore Travellers Site".
_SITE = (r"(?:[A-Z][a-z'’]+[ \t]+){1,3}(?:Travellers?['’]?|Gypsy/Travellers?['’]?|Caravan|"
         r"Mobile[ \t]+Home|Residential|Holiday)[ \t]+(?:Site|Park|Village)")
_PITCH = r"(?:[Pp]itch|PITCH|Stance|STANCE|Plot|PLOT)[ \t]+(?:[Nn]o\.?[ \t]*)?\d{1,3}[a-zA-Z]?"
PITCH = re.compile(rf"(?<![\w-]){_PITCH},?[ \t]+(?:(?:on|at)[ \t]+)?(?:the[ \t]+)?{_SITE}\b|"
                   rf"(?<![\w-]){_SITE},?[ \t]+{_PITCH}\b")  # fmt: skip
NO_ADDRESS = re.compile(r"(?i)^(?:n/?a|none|no fixed abode|nfa|withheld|see above|as above|"
                        r"tbc|unknown|-+|_+)\Z")  # fmt: skip
# Old Scottish streets named without "Street" or "Road": "206 Gallowgate", "4a Trongate".
NAMED_STREET = re.compile(
    r"(?<![\w£$.])(?=[\dFf])(?:(?:[Ff]lat|FLAT)\s+)?(?:\d{1,2}/\d{1,2},?\s+)?\d{1,4}[a-z]?,?\s+"
    r"(?:[A-Z][a-z]+(?:gate|market|caddens|riggs|bow)|Broomielaw|Candleriggs)\b"
)
# A flat or house number that says where someone lives: "he's in the 1/1", "the guy in number
# 12", "she stays at 2/1". Only the number is the span.
FLAT_POSITION = re.compile(
    r"\b(?:(?:he|she|they|i|we)(?:'s|’s| is| are|'m| am)?|stays?|staying|lives?|living|guy|"
    r"man|woman|wumman|lassie|boy|girl|family|wan|folk|neighbours?)\s+(?:in|at)\s+"
    r"(?:the\s+)?(\d/\d|number\s+\d{1,3}[a-z]?)\b",
    I,
)
FLAT_GATE = re.compile(r"\d/\d|number \d")
FLAT_ONLY = re.compile(r"(?<![\w])(?:flat|apt|apartment)\s+\d+(?:/\d+|[a-z])\b", I)
LONG_NUMBER = re.compile(r"\d[\d\s().-]{7,}\d")
SIX_DIGITS = re.compile(r"\d{2} ?\d{2} ?\d{2}")
LETTER_DIGIT = re.compile(r"[A-Za-z]\d|\d[A-Z]")  # every postcode and number plate has one
URL_GATE = re.compile(r"://|www\.|\.(?:com|co|org|net|uk|io|scot|info|me|tv|ly|gl|be)|\.[a-z]{2,10}/")
HANDLE_GATE = re.compile(r"dm|follow|insta|tiktok|snap|facebook|fb|twitter|threads|account|"
                         r"handle|username|reddit")  # fmt: skip
HANDLE_CHARS = re.compile(r"[_./\d]")
# A household's members with their dates, as forms list them: "Bohdan Kovalenko (son,
# 09/03/2013)", "Amy (daughter - 12.3.15)".
KIN_DATED = re.compile(r"\((?i:son|daughter|child|baby|grandson|granddaughter|niece|nephew|"
                       r"brother|sister|wife|husband|partner)[ \t]*[,:–-]?[ \t]*\Z")  # fmt: skip
KIN_DATE_GATE = re.compile(r"\((?:son|daughter|child|baby|grand|niece|nephew|brother|sister|"
                           r"wife|husband|partner)")  # fmt: skip
BIRTH_GATE = re.compile(r"born|bron|borm|birth|brith|dob|d\.o\.b|b\.|b-?day")
NUMBER_THEN_WORD = re.compile(r"\d[a-z]?,?\s+[a-z]", I)  # every address pattern holds one
NOT_STREET_WORDS = {
    "the", "a", "an", "on", "in", "at", "to", "of", "for", "and", "or", "my", "our", "their",
    "his", "her", "your", "up", "down", "off", "by", "from", "via", "diverted", "towards",
    "along", "near", "onto", "into", "past", "hours", "hour", "minutes", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mins", "days", "weeks", "years", "people", "times", "quid", "pounds", "pound", "miles",
    "mile", "packs", "pack", "boxes", "kids", "folk", "more", "less", "with", "every",
    "each", "per", "this", "that", "these", "those", "over", "under", "last", "first", "next",
}  # fmt: skip


# A mailbox of a role or a body, not a person: info@, studio@, customer.services@.
ROLE_MAILBOXES = frozenset((
    "info", "enquiries", "enquiry", "hello", "hi", "admin", "office", "studio", "contact",
    "contactus", "reception", "noreply", "no", "reply", "donotreply", "support", "team", "help",
    "helpdesk", "bookings", "booking", "events", "press", "media", "news", "newsletter",
    "accounts", "finance", "hr", "jobs", "careers", "volunteer", "volunteers", "feedback",
    "complaints", "safeguarding", "privacy", "dpo", "dataprotection", "data", "protection",
    "foi", "mail", "post", "general", "sales", "shop", "orders", "radio", "community",
    "projects", "project", "hub", "centre", "center", "library", "council", "housing",
    "repairs", "tenancy", "customer", "customerservices", "services", "service", "care",
    "advice", "team", "staff", "workshops", "workshop", "lab", "studio", "podcast", "podcasts",
    "editor", "editorial", "secretary", "chair", "treasurer", "membership", "members",
    "partnership", "partnerships", "referrals", "referral", "intake", "duty", "helpline",
    "webmaster", "postmaster", "abuse", "security", "it", "ict", "digital", "comms",
    # places and things that are surnames too: a venue's mailbox, not a Mr Hall's
    "hall", "church", "parish", "house", "park", "garden", "gardens", "bank", "pantry",
    "larder", "kitchen", "cafe", "shed", "club", "school", "grants", "fundraising",
))  # fmt: skip


# On the line of an address, or the line before: it is a body's, not where someone lives.
OFFICE = re.compile(r"\b(?:Registered Office|Registered office|Ltd|Limited|Foundation|SCIO|"
                    r"Charity No|Head Office|Offices?:)\b")  # fmt: skip


def _role_part(part: str) -> bool:
    """A part of a mailbox that names a role, a body or a place: "grants", "venuehire",
    "scotland", "communityengagement"."""
    if part in ROLE_MAILBOXES:
        return True
    if part in lexicon.first_names() or part in lexicon.surnames():
        return False  # "frank.g", "jade.summers": a name that is a word too is still a name
    if part in lexicon.common_words():
        return True
    english, named = lexicon.english_words(), lexicon.first_names()
    return (part in english or part in lexicon.places()
            or any(part[:i] in english and part[:i] not in named  # "jade"+"muirhouse" is Jade's
                   and (part[i:] in english or part[i:] in lexicon.places())
                   for i in range(4, len(part) - 3)))  # fmt: skip


# The name shown before an address: "From: Glasgow City Council <envhealth@glasgow.example>".
DISPLAY_NAME = re.compile(r"(?:^|\n)(?:(?:From|To|Cc|Reply-To|Sender)[ \t]*:)?[ \t]*"
                          r"([^\n<>:]{3,80}?)[ \t]*<[ \t]*\Z")  # fmt: skip
DISPLAY_WORD = re.compile(r"[A-Za-z][\w'’-]*")


BODY_WORDS = frozenset(("council", "police", "nhs", "team", "services", "service", "trust",
                        "association", "housing", "group", "centre", "center", "point", "division",
                        "department", "office", "unit", "board", "church", "school", "college",
                        "university", "library", "project", "network", "hub", "forum", "ltd",
                        "partnership", "foundation", "charity", "limited", "advice", "support",
                        "learning", "community", "scotland", "society", "club", "lab", "radio",
                        "bank", "shelter", "aid", "action", "alliance", "agency", "authority",
                        "training", "requests", "enquiries", "admin", "info", "data", "bookings",
                        "reception", "events", "volunteering", "grants", "newsletter"))


def _a_bodys(text: str, start: int) -> bool:
    """An address shown under a body's name - two words or more, one of them a body's word,
    none of them a person's name ("Glasgow City Council", "Veterans First Point Tayside") -
    is the body's."""
    shown = DISPLAY_NAME.search(text, max(0, start - 100), start)
    if shown is None:
        return False
    words = [lexicon.key(w) for w in DISPLAY_WORD.findall(shown.group(1))]
    named = lexicon.lower_case_names()  # the lists less ordinary words
    return (len(words) >= 2 and any(w in BODY_WORDS for w in words) and not any(
        w in named and w not in lexicon.places() for w in words))  # fmt: skip


# An account or a page that is a group's, a project's or a body's, not a person's: said so around
# it ("Follow us", "our Instagram", "(ours)", "(NOT personal)", "(group account)"), or named so
# ("@eastendradiolab", "facebook.com/stbarnabaslunchclub", "AyrshireVoicesBot").
ORGANISATIONS_BEFORE = re.compile(
    r"(?i)\b(?:follow us|tag us|our (?:own )?(?:insta(?:gram)?|page|account|channel|facebook|fb|"
    r"tiktok|site|website|group)|(?:project|group|organisation|org)(?:'s)? "
    r"(?:insta(?:gram)?|page|account|link))\b[^\n]{0,40}\Z")  # fmt: skip
ORGANISATIONS_AFTER = re.compile(
    r"(?i)[^\n(]{0,12}(?:\(|[-–—][ \t]*)(?:ours\b|our account|not personal|not a person|"
    r"org(?:anisation)?(?:'s)? (?:page|account)|group(?: account)?\b|fine to (?:share|print))")
ORGANISATIONS_NAMED = re.compile(
    r"(?i)radio[-_]?lab|communit|council|market|voices|gala|crops|project|forum|network|society|"
    r"charity|library|church|centre|petition|zoom|(?:lab|hub|shed|fm|bot|club|group|trust|mums)"
    r"(?:[^a-z]|\Z)")
PERSONAL_AFTER = re.compile(r"(?i)[^\n(]{0,12}\((?:his|her|their|my) own|[^\n(]{0,12}\(personal")
MINE = re.compile(r"(?i)\b(?:i'?m|i am|me|my)\b")
FUNDRAISERS = re.compile(r"(?i)gofundme|justgiving|crowdfunder|ko-fi|paypal")


def an_organisations(value: str, text: str, start: int, end: int) -> bool:
    """Whether an account or a web address is a group's or a body's (see ORGANISATIONS_*); a
    fundraiser's page is its person's, whatever its words ("gofundme.com/f/help-our-community")."""
    if PERSONAL_AFTER.match(text, end):
        return False  # "@gally_greenock_larder (his own one, not the larder's)"
    before = ORGANISATIONS_BEFORE.search(text, max(0, start - 60), start)
    if (before and not MINE.search(before.group())) or ORGANISATIONS_AFTER.match(text, end):
        return True  # not "follow us on tiktok I'm @aonghas_macleid"
    if ORGANISATIONS_NAMED.search(value) is None or FUNDRAISERS.search(value):
        return False
    names = lexicon.lower_case_names()  # "ailsa_radiolab": the facilitator's own account
    return not any(len(p) >= 3 and p in names for p in re.split(r"[^a-z]+", value.lower()))


def _a_role(address: str) -> bool:
    """A mailbox named with ordinary words only ("info", "consumer.advice",
    "radio-lab-participants"); one holding a name or a word no dictionary has ("kwame.mensah",
    "dawnmcg88", "t.smith") is someone's."""
    parts = [re.sub(r"\d", "", p) for p in re.split(r"[._+-]+", address.split("@")[0].lower())]
    parts = [p for p in parts if p]
    if not parts or (len(parts) > 1 and any(len(p) == 1 for p in parts)):
        return False  # none, or a name and an initial: "l.mair", "frank.g", "hero.m.kurd"
    roles = [_role_part(p) for p in parts]
    acronyms = [not r and len(p) <= 4 and not any(v in p for v in "aeiou")
                for p, r in zip(parts, roles, strict=True)]  # "cpt", "nhsh", "phs"
    return any(roles) and all(r or a for r, a in zip(roles, acronyms, strict=True))


TOWN = re.compile(r",?[ \t]+((?:Isle of |Isle )?[A-Z][a-z'’]+(?:[ \t-][A-Z][a-z'’]+)?)")


def _with_town(text: str, end: int) -> int:
    """An address runs on over the towns written after it: "5 Bosville Terrace, Portree,
    Isle of Skye" (its postcode is its own finding)."""
    for _ in range(2):
        town = TOWN.match(text, end)
        if town is None or not (town.group(1).startswith("Isle")
                                or lexicon.key(town.group(1)) in lexicon.places()):  # fmt: skip
            break
        end = town.end()
    return end


def _plate(value: str) -> bool:
    """A plate is written in one case ("SN19 bus" is a bus lane), in small letters only with
    its space ("wi11ing" is a word), and its letters are no word ("G31 AND G40")."""
    letters = "".join(c for c in value if c.isalpha())
    if not any(c.isdigit() for c in value) or not letters:
        return False
    if not (value.isupper() or (value.islower() and " " in value)):
        return False
    return value.split()[-1].lower() not in PLATE_WORDS if " " in value else True


def _coined(word: str) -> bool:
    """A word nobody's dictionary holds, as an account's name is ("hopeontheradio")."""
    low = word.lower()
    return len(low) >= 5 and low.isalpha() and not (
        low in lexicon.english_words() or low in lexicon.proper_nouns()
        or low in lexicon.first_names() or low in lexicon.places()
    )  # fmt: skip


def nhs_valid(digits: str) -> bool:
    """The NHS number's mod-11 check digit."""
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def phone_valid(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and candidate.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    if digits.startswith("00"):
        return False
    if digits.startswith(("0800", "0808", "03")):
        return False  # freephone and 03 numbers: helplines and public bodies, not people
    if digits[1:2] == "7":
        return len(digits) == 11  # a mobile has eleven: "07700 900 41" is one left unfinished
    if len(digits) == 12 and LANDLINE_GROUPED.fullmatch(candidate.strip()):
        return digits[1] in "12"  # "01563 496 0218": typed in a landline's groups, a digit over
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "123589"


LANDLINE_GROUPED = re.compile(r"\(?0\d{4}\)?[ \t]\d{3}[ \t]\d{4}")


def _domain(text: str, pos: int) -> re.Match | None:
    """The first match of URL_DOMAIN at or after `pos`, trying one start per dotted run.

    URL_DOMAIN tried at every position, as a regular expression search does, costs the square
    of a long run's length ("a-a-a-…": every letter after a hyphen may start a web address,
    and each try reads to the end of the run). One try per run is enough: a match starting
    further into a run (after a hyphen or in a later label) would also match from the run's
    first possible start, whose first label simply reaches back further. So when the first
    try fails, nothing in that run can match. A run without a dot cannot hold one at all."""
    for run in _dotted_runs(text, pos):
        start, end = run.span()
        if URL_START.match(text, start) is None:  # after a letter, "_", "@", "/" or "."
            start = -1
            dash = text.find("-", run.start(), end)
            while dash != -1:  # the first letter after a hyphen may start one
                if dash + 1 < end and text[dash + 1] != ".":
                    start = dash + 1
                    break
                dash = text.find("-", dash + 1, end)
            if start == -1:
                continue
        found = URL_DOMAIN.match(text, start)
        if found:
            return found
    return None


def _dotted_runs(text: str, pos: int) -> Iterator[re.Match]:
    """The dotted runs of letters, digits and hyphens from `pos` on, each whole (the first
    may start at `pos`, in the middle of one). LABELS starts only where a run starts, so that
    a long run without a dot is read once, not once from each of its letters."""
    here = LABELS_HERE.match(text, pos)
    if here:
        yield here
        pos = here.end()
    yield from LABELS.finditer(text, pos)


def urls(text: str) -> Iterator[re.Match]:
    """The matches of URL.finditer(text), the same ones in the same order, in linear time:
    where both kinds of web address could start at one position, URL's order (a scheme or
    "www." first) decides, as in the alternation."""
    pos = 0
    scheme = domain = None
    scheme_left = domain_left = True
    while True:
        if scheme_left and (scheme is None or scheme.start() < pos):
            scheme = URL_SCHEME.search(text, pos)
            scheme_left = scheme is not None
        if domain_left and (domain is None or domain.start() < pos):
            domain = _domain(text, pos)
            domain_left = domain is not None
        if not scheme_left and not domain_left:
            return
        if scheme_left and (not domain_left or scheme.start() <= domain.start()):
            found = scheme
        else:
            found = domain
        yield found
        pos = found.end()  # never empty


# OCR of paper notes confuses O with 0, l/I/| with 1, I with l ("0770O 9OO 271", "G3l 1XZ",
# "b0rn", "FIat", "GaIIowgate"). Each token is read as what most of it is.
_OCR_TOUCH = re.compile(r"[A-Za-z|]\d|\d[A-Za-z|]|[A-Z]I[a-z]|[a-z]I")
_MIXED = re.compile(r"[A-Za-z0-9|]+")
_I_INSIDE = re.compile(r"[A-Za-z]I")
_TOKEN_CHAR = re.compile(r"[A-Za-z0-9|]")
_UNIT = re.compile(r"\d+(?:st|nd|rd|th|am|pm|s|k|m|kg|g|ml|mg|mm|cm|km|mph|p|x|yrs?|hrs?|mins?)",
                   re.IGNORECASE)
_CONFUSED = frozenset("OolI|01")
_AS_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}
_OCR_DIGITS = str.maketrans(_AS_DIGIT)
# In a token of digits and misread digits only, S and B are 5 and 8 too: "5S9", "l2O5S4".
_AS_ANY_DIGIT = {**_AS_DIGIT, "S": "5", "B": "8"}
_OCR_ALL_DIGITS = str.maketrans(_AS_ANY_DIGIT)
_DIGIT_LIKE = frozenset("0123456789").union(_AS_ANY_DIGIT)
_VOWELS = frozenset("aeiouyAEIOUY")


def as_letters(token: str) -> str:
    """A word's misread letters: a digit between letters or next to a small letter ("b0rn",
    "B0RN", "Te1"), a capital I inside a word in small letters ("GaIIowgate", "FIat")."""
    out = []
    for i, c in enumerate(token):
        before, after = token[i - 1 : i], token[i + 1 : i + 2]
        inside = (before.isalpha() and after.isalpha()) or before.islower() or after.islower()
        if c == "0" and inside:
            c = "o" if before.islower() or after.islower() else "O"
        elif c in "1|" and inside:
            c = "l" if not after or after in _VOWELS or after in "lI1" else "i"
            c = c if before.islower() or after.islower() else c.upper()
        elif c == "I" and (before.islower() or (before.isupper() and after.islower())):
            c = "l"  # "GaIIowgate", "FIat"
        out.append(c)
    return "".join(out)


def _read(token: str) -> str:
    if _UNIT.fullmatch(token) and not (token[-1] == "S" and token[-2] in "12346789"):
        return token  # "3rd", "10am", "1980s", "5kg": a number and its unit - not "412S"
    letters = sum(c.isalpha() and c not in _CONFUSED for c in token)
    digits = sum(c.isdigit() and c not in _CONFUSED for c in token)
    if letters > digits and letters >= 2:
        return as_letters(token)  # "b0rn", "Abercr0mby", "b1rth", "FIat"
    if any(c.isdigit() for c in token):
        if all(c in _DIGIT_LIKE for c in token):
            return token.translate(_OCR_ALL_DIGITS)  # "5S9", "412S"
        return token.translate(_OCR_DIGITS)  # "0770O", "G3l", "199O", "l4"
    return token


# A plate a scanner misread: "SJl4 FXW", "SV66 0LK" - two letters and two digits, then three
# letters.
_PLATEISH = re.compile(r"(?<![\w])([A-Z]{2})([0-9OIl|]{2})( ?)([0-9OIl|A-Z])([A-Z0Il|]{2})(?![\w])")
_AS_LETTER = str.maketrans({"0": "O", "1": "I", "l": "I", "|": "I"})


def _plate_read(m: re.Match) -> str:
    if not any(c.isalpha() for c in m.group(4) + m.group(5)):
        return m.group()  # "AB12 100": letters and a number, no plate's last three letters
    return (m.group(1) + m.group(2).translate(_OCR_DIGITS) + m.group(3)
            + m.group(4).translate(_AS_LETTER) + m.group(5).translate(_AS_LETTER))  # fmt: skip


# A postcode a scanner misread: "FKl 75J" is FK1 7SJ, "FK8 lQT" is FK8 1QT - its area in
# letters, a digit or two, then a digit and two letters.
_POSTCODEISH = re.compile(r"(?<![\w])([A-Z]{1,2})([0-9OIlS|]{1,2}[A-Z]?)( ?)([0-9OIlS|])"
                          r"([A-Z0-9]{2})(?![\w])")  # fmt: skip
_AS_POSTCODE_LETTER = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})


def _postcode_read(m: re.Match) -> str:
    if m.group(1) not in POSTCODE_AREAS:
        return m.group()  # "SF21 OTN": a plate, read as one already
    read = (m.group(1) + m.group(2).translate(_OCR_ALL_DIGITS) + m.group(3)
            + m.group(4).translate(_OCR_ALL_DIGITS) + m.group(5).translate(_AS_POSTCODE_LETTER))
    return read if POSTCODE.fullmatch(read) else m.group()


# A date a scanner misread: "O5/ll/196l".
_DATEISH = re.compile(r"(?<![\w/])[0-9OolI|]{1,2}[/.][0-9OolI|]{1,2}[/.][0-9OolI|]{2,4}(?![\w/])")


def ocr_digits(text: str) -> str:
    """The text as a scanned paper note meant it: a token mostly of digits with its O/o as 0
    and l/I/| as 1, a token mostly of letters with its 0 as o, 1 as l or i, a capital I inside
    a word as l — the same length, so spans found in it are spans of the text."""
    digits = DIGIT.search(text) is not None
    if not digits and _I_INSIDE.search(text) is None:
        return text  # most texts: no digit, no capital I inside a word
    touches = list(_OCR_TOUCH.finditer(text))
    if not touches:
        return text  # no letter touches a digit
    if digits:
        read = _POSTCODEISH.sub(_postcode_read, _PLATEISH.sub(_plate_read, text))
        if "/" in read or "." in read:
            read = _DATEISH.sub(lambda m: m.group().translate(_OCR_DIGITS)
                                if sum(c.isdigit() for c in m.group()) >= 2 else m.group(), read)
        if read != text:
            text = read
            touches = list(_OCR_TOUCH.finditer(text))
    out, last, seen = [], 0, 0
    for touch in touches:  # "3rd", "10am", "G31", "b0rn", "GaIIowgate"
        if touch.start() < seen:
            continue  # inside a token already read
        start = touch.start()
        while start and _TOKEN_CHAR.match(text, start - 1):
            start -= 1
        token = _MIXED.match(text, start)
        seen = token.end()
        read = _read(token.group())
        if read != token.group():
            out += [text[last:start], read]
            last = token.end()
    return "".join(out) + text[last:] if out else text


# A form filled in box by box, as scanned: "2 2 / 0 7 / 1 9 8 0", "S N 4 8 1 2 7 3 B".
SPACED_RUN = re.compile(r"(?<![\w/])[\w/](?: [\w/]){5,}(?![\w/])")


def _long_ago(date: str) -> bool:
    """A date whose year is before 2013: a birth date a few words from its cue, not this
    year's appointment ("DOB on the form? … Mine is 03/11/1951", "1/4/84")."""
    numbers = re.findall(r"\d+", date)
    year = next((n for n in numbers if len(n) == 4), numbers[-1] if numbers else "")
    if len(year) == 2:
        return int(year) > 30  # 84 is 1984; 12 may be 2012 or a day
    return len(year) == 4 and int(year) < 2013


def despaced(text: str) -> tuple[str, list[int]] | None:
    """The text with the spaces inside runs of single characters taken out, and where each of
    its characters was in the text (one more at the end); None when it has no such run."""
    runs = list(SPACED_RUN.finditer(text))
    if not runs:
        return None
    out: list[str] = []
    where: list[int] = []
    last = 0
    for m in runs:
        out.append(text[last : m.start()])
        where.extend(range(last, m.start()))
        out.append(m.group().replace(" ", ""))
        where.extend(range(m.start(), m.end(), 2))
        last = m.end()
    out.append(text[last:])
    where.extend(range(last, len(text) + 1))
    return "".join(out), where


# A body's word on a postcode's own line, or ending the line before (a letterhead's name): the
# postcode is the body's. Not a street named for one ("16 Church Street").
BODY_ON_THE_LINE = re.compile(
    r"\b(?:Council|Ltd|Limited|Association|Municipal|Registered|Charity|SCIO|Stadium|[Cc]ent(?:re|er)|"
    r"[Ll]ibrary|[Vv]enue|[Hh]all|Townhouse|Jobcentre|Offices?)\b(?![ \t]+(?:Street|St|Road|Rd|"
    r"Avenue|Ave|Lane|"
    r"Place|Drive|Way)\b)")
BODY_HEADS_THE_LINE = re.compile(r"\b(?:Council|Ltd|Limited|Association|SCIO)[ \t.]*\n[^\n]*\Z")


def _a_bodys_postcode(text: str, at: int) -> bool:
    line = text.rfind("\n", max(0, at - OFFICE_REACH), at) + 1
    return (BODY_ON_THE_LINE.search(text, line, at) is not None
            or BODY_HEADS_THE_LINE.search(text, max(0, at - OFFICE_REACH), at) is not None)


OFFICE_REACH = 240  # characters before an address read for "Registered Office" and the like


def _line_before(text: str, at: int) -> int:
    """Where the line before the one holding `at` begins, at most OFFICE_REACH back: a
    transcript typed as one line is not read from its start at every address in it."""
    reach = max(0, at - OFFICE_REACH)
    line = text.rfind("\n", reach, at)
    if line == -1:
        return reach
    before = text.rfind("\n", reach, line)
    return reach if before == -1 else before


def find(text: str) -> Iterator[Detection]:
    """Every structured identifier in text (overlaps are resolved by the caller)."""
    low = text.lower()
    if "[at]" in low or "(at)" in low:
        for m in EMAIL_SPELT.finditer(text):
            yield Detection(m.start(), m.end(), "email", m.group(), "an email address, spelt out",
                            0.95)  # fmt: skip
    for m in HANDLE_CUE.finditer(text) if HANDLE_GATE.search(low) else ():
        value = m.group(1)
        if (HANDLE_CHARS.search(value) or _coined(value)) and not an_organisations(
                value, text, m.start(1), m.end(1)):  # fmt: skip
            yield Detection(m.start(1), m.end(1), "handle", value, "a social media handle",
                            0.85)  # fmt: skip
    streets = STREET_GATE.search(text) is not None and OFFICE.search(text) is None
    lives = streets and LIVES_GATE.search(low)
    for m in LIVES_ON.finditer(text) if lives else ():
        if ON_THE_MOVE.search(text, m.start(), m.start(1)):
            continue  # "she's been looking down Leith Walk": a street she looks at, not hers
        yield Detection(m.start(1), m.end(1), "address", m.group(1),
                        "a street where someone lives", 0.8)  # fmt: skip
    theirs = streets and MINE_GATE.search(low)
    for pattern in (MINE_AFTER, MINE_BEFORE, ASKED_WHERE) if theirs else ():
        for m in pattern.finditer(text):
            yield Detection(m.start(1), m.end(1), "address", m.group(1),
                            "a street someone says is theirs", 0.8)  # fmt: skip
    if "@" in text:
        for m in EMAIL_SPACED.finditer(text) if " @" in text or "@ " in text else ():
            if not _a_role(m.group()):
                yield Detection(m.start(), m.end(), "email", m.group(), "an email address", 0.9)
        for m in EMAIL.finditer(text):
            if not _a_role(m.group()) and not _a_bodys(text, m.start()):
                yield Detection(m.start(), m.end(), "email", m.group(), "an email address", 0.99)
        for m in HANDLE.finditer(text):
            if not an_organisations(m.group(), text, m.start(), m.end()):
                yield Detection(m.start(), m.end(), "handle", m.group(), "a social media handle",
                                0.9)  # fmt: skip
    for m in BARE_HANDLE.finditer(text) if "_" in text else ():
        yield Detection(m.start(), m.end(), "handle", m.group(),
                        "an account name (words joined by _)", 0.75)  # fmt: skip
    for m in REDDIT.finditer(text) if "u/" in text else ():
        yield Detection(m.start(), m.end(), "handle", m.group(), "a Reddit username", 0.9)
    if URL_GATE.search(low):
        for m in urls(text):
            value = m.group().rstrip(".,;:!?")
            if PUBLIC_SITE.search(value.split("://")[-1].split("?")[0] + "/") or an_organisations(
                    value, text, m.start(), m.start() + len(value)):  # fmt: skip
                continue
            yield Detection(m.start(), m.start() + len(value), "url", value, "a web address",
                            0.95)  # fmt: skip
    for m in ADDRESS_FIELD.finditer(text) if "ddress" in text or "DDRESS" in text else ():
        end = m.end(1)
        post = POSTCODE_AT_END.search(text, m.start(1), end)
        end = post.start() if post else end
        value = text[m.start(1) : end].rstrip(" \t,")
        if value and not NO_ADDRESS.match(value) and not OFFICE.search(text, m.start(), end):
            yield Detection(m.start(1), m.start(1) + len(value), "address", value,
                            "an address written in a form's address field", 0.9)  # fmt: skip
    if not DIGIT.search(text):
        return
    long_number = LONG_NUMBER.search(text) is not None  # cheap gates: most notes have none
    for m in PHONE.finditer(text) if long_number else ():
        value = m.group().rstrip(" .-")
        if phone_valid(value):
            yield Detection(m.start(), m.start() + len(value), "phone", value,
                            "a UK phone number", 0.97)  # fmt: skip
    for m in ABROAD.finditer(text) if long_number and ("+" in text or "00" in text) else ():
        value = m.group().rstrip(" .-")
        if 9 <= sum(c.isdigit() for c in value) - len(m.group(1) or "") <= 13:
            yield Detection(m.start(), m.start() + len(value), "phone", value,
                            "a phone number abroad", 0.9)  # fmt: skip
    named = long_number and ("nhs" in low or "CH" in text or "chi" in low)
    for m in NHS_GROUPED.finditer(text) if named else ():
        if not NHS.fullmatch(m.group()) and HEALTH_CUE.search(
                text, max(0, m.start() - HEALTH_REACH), m.start()):  # fmt: skip
            yield Detection(m.start(), m.end(), "nhs_number", m.group(),
                            "an NHS or CHI number, named as one", 0.9)  # fmt: skip
    for m in NHS.finditer(text) if long_number else ():
        if REFERENCE_CUE.search(text, max(0, m.start() - 24), m.start()):
            continue  # "order ref 119-2277341": a number that happens to pass the check
        if nhs_valid("".join(m.groups())):
            yield Detection(m.start(), m.end(), "nhs_number", m.group(),
                            "an NHS number (check digit valid)", 0.99)  # fmt: skip
        elif HEALTH_CUE.search(text, max(0, m.start() - HEALTH_REACH), m.start()):
            yield Detection(m.start(), m.end(), "nhs_number", m.group(),
                            "an NHS or CHI number, named as one", 0.9)  # fmt: skip
    mixed = LETTER_DIGIT.search(text) is not None
    for m in POSTCODE.finditer(text) if mixed else ():
        if " " not in m.group() and as_letters(m.group()).lower() in lexicon.english_words():
            continue  # a scanned word: "n0b0dy"
        if _a_bodys_postcode(text, m.start()):
            continue  # "Fife Council, Fife House, North Street, Glenrothes KY7 5LT"
        if AREA.match(m.group(1)).group().upper() in POSTCODE_AREAS:
            yield Detection(m.start(), m.end(), "postcode", m.group(), "a UK postcode", 0.97)
    for m in NI.finditer(text) if SIX_DIGITS.search(text) else ():
        if m.group(1).upper() not in NI_BAD_PREFIXES:
            yield Detection(m.start(), m.end(), "ni_number", m.group(),
                            "a National Insurance number", 0.98)  # fmt: skip
    kin_dated = "(" in text and KIN_DATE_GATE.search(low) is not None
    for m in DATE.finditer(text) if kin_dated or BIRTH_GATE.search(low) else ():
        if TIMESTAMP_TIME.match(text, m.end()):
            continue  # "[12/05/2026, 10:20]" heads a message; it is nobody's birthday
        if BIRTH_CUE.search(text, max(0, m.start() - 40), m.start()):
            yield Detection(m.start(), m.end(), "date_of_birth", m.group(),
                            "a date next to 'born'/'DOB'/'birthday'", 0.95)  # fmt: skip
        elif KIN_DATED.search(text, max(0, m.start() - 24), m.start()):
            yield Detection(m.start(), m.end(), "date_of_birth", m.group(),
                            "a date beside a member of a household", 0.9)  # fmt: skip
        elif BIRTH_NEAR.search(text, max(0, m.start() - 90), m.start()) and _long_ago(m.group()):
            yield Detection(m.start(), m.end(), "date_of_birth", m.group(),
                            "a date long ago, a few words after 'born'/'DOB'/'birthday'", 0.85)
    for m in PITCH.finditer(text) if "itch" in low or "tance" in low or "lot" in low else ():
        yield Detection(m.start(), m.end(), "address", m.group(),
                        "a pitch on a Travellers' site or a caravan park", 0.9)  # fmt: skip
    numbered = NUMBER_THEN_WORD.search(text) is not None
    for m in ADDRESS.finditer(text) if numbered else ():
        words = m.group(1).split()
        if any(w.lower().strip(".,") in NOT_STREET_WORDS for w in words):
            continue
        if OFFICE.search(text, _line_before(text, m.start()), m.start()):
            continue  # "Registered Office: …, 229 George Street": a body's address, no one's home
        end = _with_town(text, m.end())
        yield Detection(m.start(), end, "address", text[m.start() : end],
                        "a house number and street", 0.93)  # fmt: skip
    for m in NAMED_STREET.finditer(text) if numbered else ():
        end = _with_town(text, m.end())
        yield Detection(m.start(), end, "address", text[m.start() : end],
                        "a house number and street", 0.9)  # fmt: skip
    for m in (
        FLAT_ONLY.finditer(text) if "flat" in low or "apt" in low or "apartment" in low else ()
    ):
        yield Detection(m.start(), m.end(), "address", m.group(), "a flat number", 0.85)
    for m in FLAT_POSITION.finditer(text) if FLAT_GATE.search(low) else ():
        yield Detection(m.start(1), m.end(1), "address", m.group(1),
                        "a flat or house number where someone lives", 0.8)  # fmt: skip
    for pattern in (REG_CURRENT, REG_OLD) if mixed else ():
        for m in pattern.finditer(text):
            if _plate(m.group()) or (m.group().islower() and PLATE_CUE.search(
                    text, max(0, m.start() - 16), m.start())):  # "reg sf19xhn"; fmt: skip
                yield Detection(m.start(), m.end(), "vehicle_reg", m.group(), "a UK number plate",
                                0.9)  # fmt: skip
