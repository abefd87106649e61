"""A realistic demo project: sessions and participants of a community co-production engagement.

Every name here is invented. Later capabilities add their own demo material.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coprod_desktop.domain.participants import AgeBand, Participant, Role
from coprod_desktop.domain.sessions import Session, SessionFormat

from .project import Project, create_project

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
        for title, date, venue, fmt, facilitators, partners, attendees in SESSIONS:
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
                )
            )
    except BaseException:
        project.close()
        raise
    return project
