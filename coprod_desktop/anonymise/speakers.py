"""Names heading a message or a turn: a chat export's senders, a transcript's speakers, an
account alone on its line."""

from __future__ import annotations

import re
from collections import Counter

from . import lexicon as lx
from .identifiers import an_organisations
from .known_words import a_word, in_the_lists, name_like
from .model import Detection
from .people import EMOJI, MESSAGE_HEAD

# A message's sender or a speaker's turn: "[12/03/2026, 19:42] Kezza: …", "12/03/2026, 19:42 -
# Tam: …", "~ Kezza: …", "[00:08:30] Rab: …".
SPEAKER = re.compile(
    "^" + MESSAGE_HEAD + r"((?:u/|@)?[^\W\d_][\w'’.-]*(?:[ \t][^\W\d_][\w'’.-]*){0,2})"
    rf"(?:[ \t]\([^)\n]{{1,24}}\))?(?:[ \t]*{EMOJI})*:[ \t]",  # "Sunny (shop): …", "Jaz 🌻: …"
    re.MULTILINE,
)


# An account, not a scanned "Te1:" or "V0ice:": an underscore, two digits at the end, a dot
# between letters, or "u/" or "@" before.
FUNCTION_WORDS = frozenset(("of", "the", "and", "or", "any", "other", "for", "to", "in", "on",
                            "by", "with", "your", "my", "our", "no", "not", "is", "a"))  # fmt: skip
USERNAME = re.compile(r"(?:u/|@)[\w.]{3,30}|[A-Za-z][\w.]*_[\w.]*|[A-Za-z][A-Za-z._]{2,}\d{2,}|"
                      r"[A-Za-z]+\.[A-Za-z][\w.]*")  # fmt: skip


# A username alone on its line, as Instagram and Messenger exports write the sender.
LINE_USERNAME = re.compile(r"^(@?[A-Za-z][\w]*(?:[._][\w]+)+|@?[A-Za-z][A-Za-z_]*\d{2,})[ \t]*$",
                           re.MULTILINE)  # fmt: skip


INITIALS = re.compile(r"[A-Z]{1,3}|[A-Z]\.(?:[A-Z]\.)?")
STREET_END = re.compile(r"(?i:street|st|road|rd|avenue|ave|drive|lane|crescent|place|terrace|court|"
                        r"gardens|wynd|square|grove|brae|row|view|way|park)")
BRACKETED = re.compile(r"\(\s*(\S)")  # what a heading says in brackets: "Sandy (Dunoon):"
# A Discord export's sender line: "kayla_mc — Today at 16:05", "rhys.boxing — 03/03/2026".
DISCORD_SENDER = re.compile(
    r"^[ \t]*([\w.]{2,32}) [—–] (?:Today|Yesterday|\d{1,2}/\d{1,2}/\d{2,4})\b", re.MULTILINE
)


def find_speakers(text: str) -> list[Detection]:
    """Names heading a message or a turn. A heading of roles or ordinary words ("Facilitator:",
    "Health board:", "Note:") is not one; a name the lists hold, or a word no dictionary
    does, is."""
    found = [Detection(m.start(1), m.end(1), "handle", m.group(1), "an account heading a message",
                       0.8) for m in LINE_USERNAME.finditer(text)
             if not an_organisations(m.group(1), text, m.start(1), m.end(1))]  # fmt: skip
    senders = DISCORD_SENDER.finditer(text) if " — " in text or " – " in text else ()
    found += [Detection(m.start(1), m.end(1), "handle", m.group(1), "an account heading a message",
                        0.8) for m in senders
              if (USERNAME.fullmatch(m.group(1)) or not a_word(lx.key(m.group(1))))
              and not an_organisations(m.group(1), text, m.start(1), m.end(1))]  # fmt: skip
    headings = list(SPEAKER.finditer(text))
    turns = Counter(m.group(1) for m in headings)  # how often each heads a turn
    for m in headings:
        if USERNAME.fullmatch(m.group(1)) and an_organisations(m.group(1), text, m.start(1),
                                                               m.end(1)):  # fmt: skip
            continue  # "@eastendradiolab: (pinned) Reminder…": the project's account
        if USERNAME.fullmatch(m.group(1)):  # "shuggie_b47:", "u/tollcross_tam:" in a chat export
            found.append(Detection(m.start(1), m.end(1), "handle", m.group(1),
                                   "an account heading a message", 0.85))  # fmt: skip
            continue
        words = [lx.key(w) for w in m.group(1).split()]
        where = BRACKETED.search(m.group(), m.end(1) - m.start())
        if (where and len(words) == 1 and words[0] in lx.first_names()
                and m.group(1)[0].isupper()  # "(Dunoon)", or a name that is no everyday word
                and (where.group(1)[0].isupper() or words[0] not in lx.common_words())):
            found.append(Detection(m.start(1), m.end(1), "person", m.group(1),
                                   "a name heading a turn, with where they are", 0.75))  # fmt: skip
            continue  # "Sandy (Dunoon):", "Will (tenants' union):"
        if (m.start(1) > m.start() and words[0] in lx.first_names() and m.group(1)[0].isupper()
                and ((len(words) == 1 and words[0] not in lx.english_words())
                     or (len(words) == 2 and INITIALS.fullmatch(m.group(1).split()[1])))):
            found.append(Detection(m.start(1), m.end(1), "person", m.group(1),
                                   "a name sending a message", 0.8))  # fmt: skip
            continue  # "[…] Chelsea: done", "[…] Joy DC: See you there": a sender
        if (len(words) == 1 and words[0] in lx.first_names() and turns[m.group(1)] > 1
                and len(turns) > 1):  # "PAT:" again and again beside "ROSIE:"; fmt: skip
            found.append(Detection(m.start(1), m.end(1), "person", m.group(1),
                                   "a name taking turns in a transcript", 0.8))  # fmt: skip
            continue  # "CHELSEA:" again and again beside "JADE:" - a speaker, though a place too
        if "".join(words) in lx.english_words():
            continue  # a scanned heading split in two: "Tob acco:"
        if any(w in lx.NOT_NAMES or w in lx.RELATIONS for w in words):
            continue
        heading = m.group(1).split()
        if len(heading) > 1 and (heading[-1][0].islower() or STREET_END.fullmatch(heading[-1])):
            continue  # "Brown bin:", "Bus fares:", "Kirk Road:": a thing or a street heads it
        last = words[-1] if len(words[-1]) > 1 or len(words) == 1 else words[-2]  # "Grace O:"
        if (any(w in FUNCTION_WORDS or w in lx.not_people() for w in words)
                or (a_word("".join(words)) and not (  # "Radio Lab:", not "Jean Mailer:"
                    len(words) > 1 and words[0] in lx.first_names()
                    and words[0] not in lx.common_words()))
                or words[0] in ("storm", "st", "saint")
                or (m.group(1).islower() and not in_the_lists(words[-1]))
                or all(a_word(p) for p in m.group(1).lower().split("-"))):  # fmt: skip
            continue  # "Next of kin:", "Any other comments:", "Narne:" (a scanned "Name:")
        if len(words) >= 3 and all(a_word(w) and not in_the_lists(w) for w in words[:-1]):
            continue  # "Radio Lab Leith:", "Community Crops Paisley:": a body and its place
        named = words[0] in lx.first_names() and words[0] not in lx.common_words()
        if name_like(last) or (last in lx.first_names() and len(words) == 1) or (
            named and len(words) == 2  # "Marie Toner (Cllr):"
        ):
            found.append(Detection(m.start(1), m.end(1), "person", m.group(1),
                                   "a name heading a message or a turn", 0.8))  # fmt: skip
    return found
