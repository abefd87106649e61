"""Names set out as names: listed one to a line under a heading that says so (a sign-in
sheet, an attendance register, a clipboard photographed and scanned: "R0jda Bi1ici", "Jean
Mailer ✔"), and shown before an e-mail address in a header ("From: Jean Mailer <…>")."""

from __future__ import annotations

import re
from dataclasses import replace

from . import lexicon as lx
from .identifiers import BODY_WORDS, as_letters
from .model import Detection

# A heading in the first two lines: "SIGN-IN – Raploch Radio Lab", "Attendance register".
HEADING = re.compile(r"\b(?:sign[- ]?in|signing in|attendance|register|attendees)\b", re.I)
# A line that opens with one to three words and then ends, or goes on after a tick, a bracket,
# a dash, a comma or a wide gap: "1. Jean Mailer ✔", "K. 0liver (youth worker)", "0mar Haddad
# barber".
LINE = re.compile(
    r"^[ \t]*(?:\d{1,3}[.)][ \t]*|[-•*][ \t]*)?"
    r"((?:[A-Z]|\d(?=[a-zA-Z]))[\w'’.-]*(?:[ \t][A-Z0-9][\w'’.-]*){0,2})"  # "0mar", not "1 Omar"
    r"(?=[ \t]*(?:[✔✓✗☑]|\(|[-–—,]|\t|  |$))",
    re.MULTILINE,
)
WORDS = re.compile(r"[\w'’-]+")
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def find_listed(text: str, found: list[Detection]) -> list[Detection]:
    """The names of a list or a form; one holding a registered person's name is that person."""
    listed = (_listed(text) if "\n" in text else []) + _rolled(text)  # a list has lines
    listed += _filled_in(text) if ":" in text else []
    listed += _given_a_job(text) if "(" in text else []
    if not listed:
        return []
    listed.sort(key=lambda d: d.start)
    start, end = listed[0].start, listed[-1].end
    registered = [d for d in found if d.person is not None and start <= d.start < end]
    out = []
    for d in listed:
        who = next((r for r in registered if r.start < d.end and d.start < r.end), None)
        out.append(replace(d, person=who.person, reason=who.reason, confidence=who.confidence)
                   if who else d)  # fmt: skip
    return out


# Minutes' lists of people: "Apologies: Florin, Dr Nwosu", "Present: Jean Mailer (chair), P-04".
ROLL = re.compile(r"^[ \t]*(?:Present|Attendees|Attending|Apologies|Apols|In attendance|Absent)"
                  r"[ \t]*:[ \t]*(.+)$", re.MULTILINE | re.IGNORECASE)  # fmt: skip
ROLL_ITEM = re.compile(r"[^,;]+")
PSEUDONYM = re.compile(r"P-\w+[.;:!?]*\Z")  # "P-13." ends a roll
ROLL_NAME = re.compile(r"^[ \t]*(?:and[ \t]+|&[ \t]*)?([A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’.-]*){0,2})"
                       r"[ \t]*(?:\(|\Z)")  # fmt: skip


def _rolled(text: str) -> list[Detection]:
    """The names of a minutes' roll: each item of one to three capitalised words that reads as
    a name (the lists hold it, or no dictionary does)."""
    found = []
    for roll in ROLL.finditer(text) if ":" in text else ():
        for item in ROLL_ITEM.finditer(text, roll.start(1), roll.end(1)):
            name = ROLL_NAME.match(item.group())
            if name is None or PSEUDONYM.match(name.group(1)) or _a_body(name.group(1)):
                continue  # "P-04", "Robertson Trust": a pseudonym, a body
            if _a_name(name.group(1)) or _listed_word(name.group(1)):
                start = item.start() + name.start(1)
                found.append(Detection(start, start + len(name.group(1)), "person",
                                       name.group(1), "a name on a minutes' roll", 0.75))
    return found


# A form's field for a person's name, filled in: "Victim: Mrs J. Rank1ne   Age: 84", "Applicant:
# Ms B 0kafor", "Surname: OWUSU   Forename(s): SENAIT", "Meno: Marcela Dud0vá". The name ends
# where the form goes on: a wide gap, a bracket, a comma, the line's end or the next label.
FIELD = re.compile(  # labels first, so the scan skips to their first letters; where the label
    # stands (a line's start, or after a wide gap or a tab) is checked after (FIELD_BEFORE)
    r"(?:(?:Full |First |Last |Print |Your |Contact |Patient |Client |Child'?s )?"
    r"[Nn]ame|NAME|Forename(?:\(s\)|s)?|FORENAME(?:\(S\)|S)?|Surname|SURNAME|Applicant|APPLICANT|"
    r"Victim|VICTIM|Patient|PATIENT|Client|CLIENT|Tenant|TENANT|Complainant|Witness|Claimant|"
    r"Referrer|Signed|Signature|Pupil|Meno|Imię(?: i nazwisko)?|Ainm)[ \t]*:[ \t]*"
    r"((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Rev)\.?[ \t]+)?[A-ZÀ-ÞĀ-ŽА-Я0-9][\w'’.-]*"
    r"(?:[ \t][A-Za-zÀ-žА-я0-9][\w'’.-]*){0,3}?)"
    r"(?=[ \t]{2,}|\t|[ \t]*(?:[(,;|/]|$)|[ \t]+(?:[Aa]ge|AGE|Date|DATE|DOB|D\.O\.B|Tel|TEL|Phone|"
    r"Address|ADDRESS|NI|CHI|Podpis|Forename|FORENAME|Ref)\b)",
    re.MULTILINE,
)
FIELD_BEFORE = re.compile(r"(?:^|[ \t]{2,}|\t)$", re.MULTILINE)
TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Rev)\.?[ \t]+")
FULL_STOP = re.compile(r"[^\W_]{2}\.(?=[ \t])")  # "Raymond Coyle. Ray": the name has ended
BLANK_VALUES = frozenset(("n/a", "na", "none", "see above", "yes", "no", "tbc", "unknown",
                          "signature", "withheld", "anonymous", "same", "as above"))  # fmt: skip


FIELD_LABELS = frozenset(("name", "forename", "forenames", "forename(s)", "surname", "applicant",
                          "victim", "patient", "client", "tenant", "complainant", "witness",
                          "claimant", "referrer", "signed", "signature", "pupil", "meno",
                          "nazwisko", "imię", "ainm"))  # fmt: skip
WORD_BEFORE_COLON = re.compile(r"([^\W\d_][\w()]*)[ \t]*\Z")


def _a_field_label(text: str) -> bool:
    """Is some colon in the text after a word that labels a name field? (Cheaper than
    FIELD on every text: its labels are many, and most colons head a chat message.)"""
    at = text.find(":")
    while at != -1:
        word = WORD_BEFORE_COLON.search(text, max(0, at - 16), at)
        if word and word.group(1).lower() in FIELD_LABELS:
            return True
        at = text.find(":", at + 1)
    return False


def _filled_in(text: str) -> list[Detection]:
    """The names written in a form's name fields, less pseudonyms, bodies and blanks."""
    found = []
    for m in FIELD.finditer(text) if _a_field_label(text) else ():
        if not FIELD_BEFORE.search(text, max(0, m.start() - 2), m.start()):
            continue  # "Dear Client: …" inside a sentence is no form's field
        value = m.group(1)
        bare = TITLE.sub("", value)
        stop = FULL_STOP.search(value, len(value) - len(bare))
        value = value[: stop.start() + 1 if stop else len(value)].rstrip(" .")
        bare = TITLE.sub("", value)
        letters = sum(c.isalpha() for c in value)
        if (letters < 2 or value.lower() in BLANK_VALUES or PSEUDONYM.match(value)
                or _a_body(value) or not (_a_name(bare) or _listed_word(bare))):
            continue  # "P-06", "Robertson Trust", "n/a"; "CLIENT: Aye" is a turn; fmt: skip
        found.append(Detection(m.start(1), m.start(1) + len(value), "person", value,
                               "a name written in a form's name field", 0.85))
    return found


# A first name alone in brackets after a job in a list: "BBQ (Frank), raffle (Joanne), face
# painting (Holly)" - not after a capitalised word ("Barrie (Chanel)", "Malcolm (Malky)" is found
# as a nickname) and not a month ("(May)").
JOB = re.compile(r"\(([A-Z][a-z'’-]+)\)")
JOB_BEFORE = re.compile(r"([\w'’£.-]+)[ \t]+\Z")


def _given_a_job(text: str) -> list[Detection]:
    found = []
    for m in JOB.finditer(text):
        before = JOB_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        job, k = before.group(1), lx.key(m.group(1))
        if job[:1].isupper() and not job.isupper():
            continue  # after a name or a brand: "Barrie (Chanel)"; "BBQ (Frank)" is a job
        if (k in lx.first_names() and k not in lx.MONTHS and k not in lx.NOT_NAMES
                and k not in lx.places() and k not in lx.not_people() and k not in lx.TITLES):
            found.append(Detection(m.start(1), m.end(1), "person", m.group(1),
                                   "a first name in brackets after a job", 0.6))  # fmt: skip
    return found


def _a_body(name: str) -> bool:
    """A body's name: one of its words is a body's ("Robertson Trust", "Glasgow City Council")."""
    return any(lx.key(w) in BODY_WORDS for w in WORDS.findall(name))


def _listed_word(name: str) -> bool:
    """One word the name lists hold, though a dictionary holds it too ("Florin", "Grace")."""
    return " " not in name and lx.key(name) in lx.first_names()


def _listed(text: str) -> list[Detection]:
    heading = HEADING.search(text, 0, _second_line_end(text))
    if heading is None:
        return []
    start = text.find("\n", heading.end()) + 1
    if not start:
        return []
    blank = BLANK_LINE.search(text, start)  # the list ends at a blank line
    end = blank.start() if blank else len(text)
    return [Detection(m.start(1), m.end(1), "person", m.group(1),
                      "a name on a list of names (a sign-in sheet)", 0.7)
            for m in LINE.finditer(text, start, end)
            if _a_name(m.group(1)) and not PSEUDONYM.match(m.group(1))]  # "P-01": anonymous


def _second_line_end(text: str) -> int:
    first = text.find("\n")
    second = text.find("\n", first + 1) if first != -1 else -1
    return len(text) if second == -1 else second


def _a_name(listed: str) -> bool:
    """One to three words read as a name: one of them a listed name that is no everyday word,
    or a word no dictionary holds; none of them a role, a label, a place or a thing."""
    words = [lx.key(as_letters(w)) for w in WORDS.findall(listed)]
    words = [w for w in words if len(w) > 1]  # "K.", "J": an initial says nothing either way
    if not words or any(w in lx.NOT_NAMES or w in lx.not_people() or w in lx.places()
                        for w in words):  # fmt: skip
        return False
    return any(((w in lx.first_names() or w in lx.surnames()) and w not in lx.common_words())
               or (w not in lx.english_words() and w not in lx.proper_nouns())
               for w in words)  # fmt: skip


# A mail header's name: "From: Jean Mailer <jeanmailer47@example.com>".
SHOWN = re.compile(r"^(?:From|To|Cc|Reply-To)[ \t]*:[ \t]*"
                   r"([A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’.-]*){1,3})[ \t]*<", re.MULTILINE)
ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")  # "PHS Data Requests", "SCVO Training": a body


def find_shown(text: str) -> list[Detection]:
    """The name shown before an address in a mail header, unless it is a body's."""
    found = []
    for m in SHOWN.finditer(text) if "<" in text else ():
        if not _a_body(m.group(1)) and not ACRONYM.search(m.group(1)) and _a_name(m.group(1)):
            found.append(Detection(m.start(1), m.end(1), "person", m.group(1),
                                   "a name shown before an e-mail address", 0.8))  # fmt: skip
    return found
