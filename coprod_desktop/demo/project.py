"""A realistic demo project: sessions and participants of a community co-production engagement.

Every name here is invented. Later capabilities add their own demo material.
"""

from __future__ import annotations

import datetime as dt
import math
import struct
import zlib
from pathlib import Path

from coprod_desktop.domain import consent as c
from coprod_desktop.domain.consent import ConsentRecord, Method, Scope
from coprod_desktop.domain.participants import AgeBand, Participant, Role
from coprod_desktop.domain.sessions import Session, SessionFormat

from coprod_desktop.services.project import Project, create_project

DEMO_NAME = "Safer Streets, Stronger Voices (demo)"

# pseudonym, real name, aliases, age band, role, organisation
PEOPLE = [
    ("P-01", "Margaret O'Neill", ("Maggie", "Mags"), AgeBand.AGE_65_PLUS, Role.COMMUNITY, ""),
    ("P-02", "Davie Robertson", ("Big Davie",), AgeBand.AGE_50_64, Role.COMMUNITY, ""),
    ("P-03", "Agnieszka Kowalska", ("Aga",), AgeBand.AGE_35_49, Role.COMMUNITY, ""),
    ("P-04", "Imran Qureshi", (), AgeBand.AGE_25_34, Role.COMMUNITY, ""),
    ("P-05", "Chiamaka Eze", ("Chi",), AgeBand.AGE_18_24, Role.COMMUNITY, ""),
    ("P-06", "Siobhan McGuire", ("Shiv",), AgeBand.AGE_35_49, Role.COMMUNITY, ""),
    ("P-07", "Tommy Brennan", (), AgeBand.AGE_16_17, Role.COMMUNITY, ""),
    ("P-08", "Priya Sharma", (), AgeBand.UNDER_16, Role.COMMUNITY, ""),
    ("P-09", "Kwame Mensah", (), AgeBand.AGE_50_64, Role.COMMUNITY, ""),
    ("P-10", "Jean Fraser", ("Jeanie",), AgeBand.AGE_65_PLUS, Role.COMMUNITY, ""),
    ("P-11", "", (), AgeBand.UNKNOWN, Role.COMMUNITY, ""),
    ("P-12", "Karen Whyte", (), AgeBand.AGE_35_49, Role.PARTNER, "Trading Standards"),
    (
        "P-13",
        "Dr Hamish Grant",
        (),
        AgeBand.AGE_50_64,
        Role.PARTNER,
        "Health board public health team",
    ),
    ("P-14", "Sgt Lorna Davidson", (), AgeBand.AGE_35_49, Role.PARTNER, "Police Scotland"),
    ("P-15", "Ravi Patel", (), AgeBand.AGE_25_34, Role.PARTNER, "Citizens Advice"),
    (
        "Facilitator A",
        "Aileen Baird",
        (),
        AgeBand.AGE_35_49,
        Role.FACILITATOR,
        "Community radio collective",
    ),
    (
        "Facilitator B",
        "Sam Okafor",
        (),
        AgeBand.AGE_25_34,
        Role.FACILITATOR,
        "University research team",
    ),
]  # fmt: skip  (one person per line reads best)

# title, date, venue, format, facilitators, partners, attendee pseudonyms
SESSIONS = [
    (
        "Illicit tobacco: what we see on our streets",
        dt.date(2026, 9, 12),
        "Riverside Community Centre, main hall",
        SessionFormat.RADIO_LAB,
        ("Aileen Baird", "Sam Okafor"),
        ("Trading Standards",),
        ("P-01", "P-02", "P-04", "P-06", "P-09", "P-12", "Facilitator A", "Facilitator B"),
    ),
    (
        "Cost of living, doorstep lenders and cheap goods",
        dt.date(2026, 9, 26),
        "St Anne's Church Hall",
        SessionFormat.PARTICIPATORY,
        ("Sam Okafor",),
        ("Citizens Advice", "Health board public health team"),
        ("P-01", "P-03", "P-05", "P-06", "P-10", "P-11", "P-13", "P-15", "Facilitator B"),
    ),
    (
        "Your street, your voice: youth radio lab",
        dt.date(2026, 10, 3),
        "Kinning Park Youth Hub",
        SessionFormat.RADIO_LAB,
        ("Aileen Baird",),
        (),
        ("P-05", "P-07", "P-08", "Facilitator A"),
    ),
    (
        "Co-designing a safer local shops scheme",
        dt.date(2026, 10, 17),
        "Riverside Community Centre, room 2",
        SessionFormat.PARTNER,
        ("Aileen Baird", "Sam Okafor"),
        ("Trading Standards", "Police Scotland", "Health board public health team"),
        ("P-01", "P-02", "P-03", "P-09", "P-12", "P-13", "P-14", "Facilitator A", "Facilitator B"),
    ),
]

DEMO_PASSPHRASE = "demo-passphrase"  # printed wherever a demo is made; not a secret


# pseudonym: (method, declined items, partners declined, extra fields)
CONSENT = {
    "P-01": (Method.SIGNATURE, (), (), {"credit_name": "Bramble"}),
    "P-02": (Method.PAPER, (c.AUDIO, c.BROADCAST), (), {"paper_reference": "PF-0102"}),
    "P-03": (Method.SIGNATURE, (), ("Police Scotland",), {}),
    "P-04": (Method.VERBAL, (), (), {"witness": "Aileen Baird"}),
    "P-05": (Method.SIGNATURE, (c.RESEARCH,), (), {}),
    "P-06": (Method.PAPER, (c.BROADCAST,), (), {"paper_reference": "PF-0106"}),
    "P-07": (Method.SIGNATURE, (), (), {"credit_name": "Kez on the decks"}),
    "P-08": (
        Method.VERBAL,
        (c.BROADCAST,),
        (),
        {
            "witness": "Aileen Baird",
            "guardian_name": "Asha Sharma",
            "guardian_relationship": "Mother",
        },
    ),
    "P-09": (Method.SIGNATURE, (), ("Police Scotland", "Trading Standards"), {}),
    "P-10": (Method.SIGNATURE, (), (), {}),
    "P-11": (
        Method.VERBAL,
        (c.AUDIO, c.QUOTE, c.BROADCAST, c.SHARE, c.RESEARCH),
        (),
        {
            "witness": "Sam Okafor",
            "capacity_concern": "Seemed unsure what a report is; "
            "explained again and offered to check in at the next session.",
        },
    ),
    "P-12": (Method.VERBAL, (), (), {"witness": "Sam Okafor"}),
    "P-13": (Method.VERBAL, (), (), {"witness": "Sam Okafor"}),
    "P-14": (Method.VERBAL, (c.BROADCAST,), (), {"witness": "Sam Okafor"}),
    "P-15": (Method.VERBAL, (), (), {"witness": "Sam Okafor"}),
    # Facilitators are in earshot of every recording: they consent like everyone else.
    "Facilitator A": (Method.SIGNATURE, (), (), {}),
    "Facilitator B": (Method.SIGNATURE, (), (), {}),
}
WITHDRAWALS = [
    (
        "P-10",
        Scope.EVERYTHING,
        dt.datetime(2026, 10, 20, 14, 0, tzinfo=dt.timezone.utc),
        "Asked by phone to withdraw; no reason needed.",
    )
]


def demo_signature_png(seed: int) -> bytes:
    """A made-up handwritten-looking squiggle, drawn without Qt (the core stays Qt-free)."""
    width, height = 320, 90
    pixels = bytearray(b"\xff" * width * height)
    for step in range(2400):
        t = step / 2400
        x = int(10 + t * (width - 20))
        y = int(height / 2 + 22 * math.sin(t * (9 + seed % 5) + seed)
                * math.cos(t * 3.1 + seed / 3) + 8 * math.sin(t * 41 + seed))  # fmt: skip
        for dx in (0, 1):
            for dy in (0, 1):
                if 0 <= x + dx < width and 0 <= y + dy < height:
                    pixels[(y + dy) * width + x + dx] = 0x1A
    raw = b"".join(b"\x00" + bytes(pixels[r * width : (r + 1) * width]) for r in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))  # fmt: skip

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))  # fmt: skip


def _add_consent(project: Project, ids: dict[str, str], first_session: dict[str, dt.date]) -> None:
    form = project.consent.current_form()
    for n, (pseudonym, (method, declined, partners_declined, extra)) in enumerate(CONSENT.items()):
        day = first_session.get(pseudonym, dt.date(2026, 9, 12))
        credited = "credit_name" in extra  # nobody is credited unless they gave a name for it
        decisions = {item.key: item.key not in declined and (item.key != c.CREDIT or credited)
                     for item in form.items}  # fmt: skip
        partners = ({p: p not in partners_declined for p in form.partners}
                    if decisions.get(c.SHARE) else {})  # fmt: skip
        attachments = ({"signature": ("image/png", demo_signature_png(n))}
                       if method is Method.SIGNATURE else {})  # fmt: skip
        project.consent.record(
            ConsentRecord(
                id="", participant_id=ids[pseudonym], form_id=form.id,
                form_version=form.version, form_hash=form.content_hash,
                given_at=dt.datetime.combine(day, dt.time(10, 15), dt.timezone.utc),
                method=method, decisions=decisions, partner_decisions=partners, **extra,
            ),
            attachments,
        )  # fmt: skip
    for pseudonym, scope, when, note in WITHDRAWALS:
        project.consent.withdraw(ids[pseudonym], scope, when, note)


def create_demo(path: Path | str, passphrase: str, actor: str = "demo") -> Project:
    """Create a new demo project at path (replacing any file there) and return it open."""
    project = create_project(path, passphrase, DEMO_NAME, actor)
    try:
        ids: dict[str, str] = {}
        for pseudonym, real, aliases, age, role, org in PEOPLE:
            draft = project.participants.draft()
            saved = project.participants.save(
                Participant(draft.id, pseudonym, real, aliases, age, role, org)
            )
            ids[pseudonym] = saved.id
        first_session: dict[str, dt.date] = {}
        for title, date, venue, fmt, facilitators, partners, attendees in SESSIONS:
            for pseudonym in attendees:
                first_session[pseudonym] = min(date, first_session.get(pseudonym, date))
            draft = project.sessions.draft()
            project.sessions.save(
                Session(
                    id=draft.id,
                    title=title,
                    date=date,
                    venue=venue,
                    format=fmt,
                    facilitators=facilitators,
                    partner_organisations=partners,
                    participant_ids=frozenset(ids[p] for p in attendees),
                    # the workshops agreed ground rules, so unsigned notes may be shared
                    group_agreement=fmt is not SessionFormat.RADIO_LAB,
                )
            )
        _add_consent(project, ids, first_session)
        from .board import add_demo_board  # after consent: authors must have agreed

        add_demo_board(project, ids)
        from .clips import add_demo_clips  # after the board: clips share its themes

        add_demo_clips(project, ids)
        from .flags import add_demo_flags  # leads, and a flagged part of a clip

        add_demo_flags(project)
        from .programme import add_demo_programme  # after the clips it is made of

        add_demo_programme(project, ids)
        from .log import add_demo_log  # last: outcomes point at notes and clips

        add_demo_log(project)
        from .actions import add_demo_actions  # after the log: actions answer its outcomes

        add_demo_actions(project)
        from .retention import add_retention  # nothing due before April 2027

        add_retention(project)
        from .reciprocity import add_demo_reciprocity  # what people received: any time

        add_demo_reciprocity(project, ids)
        from .safeguarding import add_demo_safeguarding

        add_demo_safeguarding(project, ids)
    except BaseException:
        project.close()
        raise
    return project
