"""Safeguarding in the demo project: every session names its safeguarding lead (its first
facilitator), and one clip has a part flagged for safeguarding, so the packs show what a
flagged part leaves behind ("[removed: safeguarding]") and attach none of that clip's audio."""

from __future__ import annotations

from dataclasses import replace

from coprod_desktop.domain.clips import SAFEGUARDING
from coprod_desktop.services.project import Project

FLAGGED_CLIP = "Interview: buying for a neighbour"
FLAGGED_PART = (300, 5_100)  # the first stretch: a housebound neighbour who may be at risk
REASON = "A housebound neighbour who may be at risk: passed to the session's safeguarding lead"


def add_demo_flags(project: Project) -> None:
    for session in project.sessions.list():
        if session.facilitators and not session.safeguarding_lead:
            project.sessions.save(replace(session, safeguarding_lead=session.facilitators[0]))
    clip = next(c for c in project.radio.clips() if c.title == FLAGGED_CLIP)
    project.radio.flag_part(clip.id, *FLAGGED_PART, SAFEGUARDING, REASON)
