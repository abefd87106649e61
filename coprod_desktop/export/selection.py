"""Which contributions may go into a pack for one audience, and why the others may not.

The rules (DESIGN.md §3, issue 7): a note goes in only if its author agreed to be quoted and
to sharing with this audience; an unattributed note only from a session run under a group
agreement; a transcript quote only if every speaker agreed to both; audio only if every
speaker also agreed to the use of their voice. Safeguarding-flagged notes and clips, and all the
material of a session flagged safeguarding, never go in; sensitive ones only when the pack
includes sensitive material; audio with a flagged part that applies is not attached (its
transcript leaves with that part removed: services/anonymising.py). A withdrawal closes every
gate it covers. Nothing past the project's retention goes in (`lapsed`, domain/retention.py),
erased yet or not. Plain Python: no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from coprod_desktop.domain.board import Note
from coprod_desktop.domain.clips import REMOVED, TIMESTAMP, Clip, removed_from
from coprod_desktop.domain.clips import SAFEGUARDING as SAFEGUARDING_FLAG
from coprod_desktop.domain.consent import (
    BROADCAST,
    CLOSED_BY,
    QUOTE,
    SHARE,
    ConsentHistory,
    may_broadcast_voice,
    may_quote,
    may_share_with,
)
from coprod_desktop.domain.retention import AUDIO_PAST, MATERIAL_PAST, Lapsed
from coprod_desktop.domain.sessions import Session

# The audience of "You said, we did" feedback: public, for the community. Quoting needs only the
# person's agreement to be quoted anonymously: there is no partner organisation to share with.
COMMUNITY = "Community feedback"

SAFEGUARDING = "Flagged for safeguarding (never leaves the project)"
SENSITIVE = "Marked sensitive (not chosen for this pack)"
SESSION_SAFEGUARDING = "From a session flagged for safeguarding (never leaves the project)"
SESSION_SENSITIVE = "From a session marked sensitive (not chosen for this pack)"
PART_SAFEGUARDING = "Audio not attached: part of it is flagged for safeguarding"
PART_SENSITIVE = "Audio not attached: part of it is marked sensitive"
NO_AGREEMENT = "Unattributed, from a session not run under a group agreement"
WITHDRAWN = "Someone in it withdrew"
NO_CONSENT = "No consent recorded for someone in it"
NO_QUOTE = "Someone in it did not agree to be quoted"
NO_SHARE = "Someone in it did not agree to sharing with this audience"
NO_SPEAKERS = "Clip with no speakers recorded"
NO_TRANSCRIPT = "Clip with no transcript to quote"
ALL_FLAGGED = "Clip with nothing left to quote once its flagged parts are taken out"
NO_VOICE = "Audio not attached: someone speaking did not agree to the use of their voice"
NO_AUDIO = "Audio not attached: the clip has no audio"
NOT_BLEEPED = (
    "Audio not attached: words taken out of its transcript are not bleeped in the "
    "audio (use “Bleep in the audio” on the Anonymise page)"
)


@dataclass(frozen=True)
class Selection:
    """What a pack for `audience` may carry, and counts of what it may not, by reason."""

    audience: str
    notes: tuple[Note, ...] = ()
    quotes: tuple[Clip, ...] = ()
    audio: tuple[Clip, ...] = ()  # clips whose rendered audio may be attached
    excluded: Mapping[str, Counter] = field(default_factory=dict)  # kind -> reason -> count

    @property
    def people(self) -> frozenset[str]:
        """Participants whose material is in the pack (for the disclosure log)."""
        ids = {n.author_id for n in self.notes if n.author_id}
        for clip in self.quotes:
            ids.update(clip.speakers)
        return frozenset(ids)

    def excluded_total(self, kind: str) -> int:
        return sum(self.excluded.get(kind, Counter()).values())


def listed(session: Session, include_sensitive: bool = False) -> bool:
    """May an output name this session (its title, date and venue)? Not one flagged
    safeguarding; one flagged sensitive only where sensitive material is chosen."""
    return not session.safeguarding and (include_sensitive or not session.sensitive)


def refusal(history: ConsentHistory, audience: str, at: dt.datetime,
            voice: bool = False) -> str | None:  # fmt: skip
    """Why this person's material may not go to `audience` (None: it may), as a reason shared
    by everyone it applies to, so reasons can be counted."""
    gates = [(QUOTE, may_quote(history, at))]
    if audience != COMMUNITY:
        gates.append((SHARE, may_share_with(history, audience, at)))
    if voice:
        gates.append((BROADCAST, may_broadcast_voice(history, at)))
    for key, gate in gates:
        if gate:
            continue
        if any(w.scope in CLOSED_BY[key] for w in history.active_withdrawals(at)):
            return WITHDRAWN
        if history.latest(at) is None:
            return NO_CONSENT
        return {QUOTE: NO_QUOTE, SHARE: NO_SHARE, BROADCAST: NO_VOICE}[key]
    return None


def select(
    audience: str,
    sessions: Iterable[Session],
    notes: Iterable[tuple[Note, str]],
    clips: Iterable[Clip],
    histories: Mapping[str, ConsentHistory],
    include_sensitive: bool = False,
    attach_audio: bool = False,
    at: dt.datetime | None = None,
    lapsed: Lapsed | None = None,
) -> Selection:
    """`notes` are (note, session id) pairs; only notes and clips of `sessions` are looked at.
    `lapsed`: what is past retention at `at` (RetentionService.lapsed)."""
    at = at or dt.datetime.now(dt.timezone.utc)
    lapsed = lapsed or Lapsed()
    by_id = {s.id: s for s in sessions}
    cache: dict[tuple[str, bool], str | None] = {}

    def why_not(people: Iterable[str], voice: bool = False) -> str | None:
        for pid in people:
            if (pid, voice) not in cache:
                history = histories.get(pid) or ConsentHistory(pid)
                cache[(pid, voice)] = refusal(history, audience, at, voice)
            if cache[(pid, voice)]:
                return cache[(pid, voice)]
        return None

    def flagged(session: Session, item) -> str | None:
        """Why a flag keeps this note or clip (or its whole session) out, if one does."""
        if session.safeguarding:
            return SESSION_SAFEGUARDING
        if item.safeguarding:
            return SAFEGUARDING
        if include_sensitive:
            return None
        return SESSION_SENSITIVE if session.sensitive else SENSITIVE if item.sensitive else None

    excluded = {"note": Counter(), "clip": Counter(), "audio": Counter()}
    kept_notes = []
    for note, session_id in notes:
        session = by_id.get(session_id)
        if session is None:
            continue
        if flag := flagged(session, note):
            reason = flag
        elif note.author_id is None:
            reason = None if session.group_agreement else NO_AGREEMENT
        elif lapsed.material([note.author_id]):
            reason = MATERIAL_PAST
        else:
            reason = why_not([note.author_id])
        if reason:
            excluded["note"][reason] += 1
        else:
            kept_notes.append(note)
    quotes, audio = [], []
    for clip in clips:
        if clip.session_id not in by_id:
            continue
        reason = flagged(by_id[clip.session_id], clip)
        if reason is None:
            reason = NO_SPEAKERS if not clip.speakers else why_not(clip.speakers)
        if reason is None and lapsed.material(clip.speakers):
            reason = MATERIAL_PAST
        if reason is None and not clip.transcript.strip():
            reason = NO_TRANSCRIPT
        if reason is None and not _left(clip, include_sensitive):
            reason = ALL_FLAGGED
        if reason:
            excluded["clip"][reason] += 1
            continue
        quotes.append(clip)
        if attach_audio:
            reason = NO_AUDIO if not clip.has_audio else why_not(clip.speakers, voice=True)
            part = clip.audio_flag(include_sensitive)
            if reason:
                excluded["audio"][NO_VOICE if reason != NO_AUDIO else NO_AUDIO] += 1
            elif part:
                excluded["audio"][PART_SAFEGUARDING if part == SAFEGUARDING_FLAG
                                  else PART_SENSITIVE] += 1  # fmt: skip
            elif lapsed.audio:
                excluded["audio"][AUDIO_PAST] += 1
            else:
                audio.append(clip)
    return Selection(audience, tuple(kept_notes), tuple(quotes), tuple(audio),
                     {k: v for k, v in excluded.items() if v})  # fmt: skip


def _left(clip: Clip, include_sensitive: bool) -> bool:
    """Does the transcript say anything once its flagged parts that apply are taken out?"""
    if not clip.ranges:
        return True
    text = TIMESTAMP.sub("", removed_from(clip.transcript, clip.ranges, include_sensitive))
    for flag in ("safeguarding", "sensitive"):
        text = text.replace(REMOVED.format(flag), "")
    return bool(text.strip())
