"""Radio programmes made in the radio lab: a running order of items (clips, studio links, music,
silences), each joined to the one before by a gap or a crossfade, with who did what; and the
gate a programme passes before it goes out as a podcast or on air.

Plain rules, no audio: the items refer to clips and recordings by id, and what the gate must
know about them (whose voices, what is flagged, what review removed but the audio still says)
is handed in by the caller."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum

from .clips import timestamps
from .consent import BROADCAST, CLOSED_BY, ConsentHistory, Withdrawal, may_broadcast_voice
from .errors import ValidationError
from .retention import Lapsed
from .words import counted

MAX_TITLE = 200
MAX_NOTES = 4000
MAX_JOIN_MS = 10_000  # a gap or a crossfade longer than ten seconds is a mistake in a radio piece
REMAKE = "Re-make the programme without it."
FLAGGED = "remove the item or re-make without it."


class ItemKind(str, Enum):
    CLIP = "clip"  # a piece made in the lab, with its trims, bleeps and gain
    LINK = "link"  # a studio link recorded in place: intro, outro, between pieces
    MUSIC = "music"  # a jingle or a music bed imported into the project
    SILENCE = "silence"

    @property
    def label(self) -> str:
        return {"clip": "Clip", "link": "Link", "music": "Music", "silence": "Silence"}[self.value]


class Role(str, Enum):
    PRESENTER = "presenter"
    INTERVIEWER = "interviewer"
    SOUND = "sound"
    EDITOR = "editor"
    RESEARCHER = "researcher"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Item:
    """One item of a running order. `source_id` is the clip's or the recording's id (none for a
    silence); `length_ms` is how long it plays; `join_ms` joins it to the item before: a gap
    when `crossfade` is False, else the overlap of the two."""

    id: str
    kind: ItemKind
    title: str
    length_ms: int
    source_id: str | None = None
    join_ms: int = 0
    crossfade: bool = False
    roles: tuple[tuple[str, Role], ...] = ()  # (participant id, role)
    script: str = ""  # what a studio link says, for captions and the transcript

    @property
    def lost(self) -> bool:
        """Its audio is gone (erased when someone withdrew, or its clip deleted)."""
        return self.kind is not ItemKind.SILENCE and not self.source_id

    def validated(self) -> Item:
        title = _title(self.title, "Each item in the running order", "An item's")
        if self.lost:  # kept in the running order to show what went; left out when rendered
            return replace(self, title=title, join_ms=max(0, min(self.join_ms, MAX_JOIN_MS)))
        if self.length_ms <= 0:
            raise ValidationError(f"“{title}” has no sound to play.")
        if not 0 <= self.join_ms <= MAX_JOIN_MS:
            raise ValidationError("A gap or a crossfade can be at most ten seconds.")
        return replace(self, title=title, roles=tuple(dict.fromkeys(self.roles)))


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    show_notes: str = ""
    items: tuple[Item, ...] = ()

    def validated(self) -> Programme:
        title = _title(self.title, "A programme", "A programme's")
        if len(self.show_notes) > MAX_NOTES:
            raise ValidationError(f"Show notes can be at most {MAX_NOTES} characters.")
        items = tuple(item.validated() for item in self.items)
        for before, item in itertools.pairwise(items):
            if item.crossfade and not (before.lost or item.lost) and item.join_ms > min(
                    before.length_ms, item.length_ms):
                raise ValidationError(
                    f"The crossfade into “{item.title}” is longer than one of the items it joins.")
        return replace(self, title=title, items=items)


def _title(text: str, who: str, whose: str) -> str:
    """A title on one line, present and not too long, or a plain-words refusal."""
    title = " ".join(text.split())
    if not title:
        raise ValidationError(f"{who} needs a title.")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"{whose} title can be at most {MAX_TITLE} characters.")
    return title


def moved(programme: Programme, index: int, to: int) -> Programme:
    """The programme with item `index` moved to position `to` (both counted from 0). The item
    keeps its own join; the first item's join is dropped, as nothing comes before it."""
    items = list(programme.items)
    if not (0 <= index < len(items) and 0 <= to < len(items)):
        raise ValidationError("There is no item there to move.")
    items.insert(to, items.pop(index))
    return replace(programme, items=_first_unjoined(items))


def removed(programme: Programme, item_id: str) -> Programme:
    items = [item for item in programme.items if item.id != item_id]
    if len(items) == len(programme.items):
        raise ValidationError("That item is no longer in the running order.")
    return replace(programme, items=_first_unjoined(items))


def _first_unjoined(items: list[Item]) -> tuple[Item, ...]:
    if items and (items[0].join_ms or items[0].crossfade):
        items[0] = replace(items[0], join_ms=0, crossfade=False)
    return tuple(items)


def starts_ms(programme: Programme) -> list[int]:
    """When each item starts, in ms from the programme's start: after the item before, plus its
    gap, or less its crossfade."""
    starts, end = [], 0
    for n, item in enumerate(programme.items):
        start = end if n == 0 else end + (-item.join_ms if item.crossfade else item.join_ms)
        starts.append(max(0, start))
        end = max(end, starts[-1] + item.length_ms)
    return starts


def length_ms(programme: Programme) -> int:
    starts = starts_ms(programme)
    return max((s + i.length_ms for s, i in zip(starts, programme.items, strict=True)), default=0)


@dataclass(frozen=True)
class Refusal:
    """Why a programme may not go out now: which item, and why in plain words."""

    item_title: str
    reason: str


@dataclass(frozen=True)
class BroadcastGate:
    refusals: tuple[Refusal, ...] = ()
    voices: tuple[str, ...] = ()  # every participant heard in what goes out, in running order
    left_out: tuple[Refusal, ...] = ()  # items that must come out (re-make without them)
    playing: tuple[str, ...] = ()  # the ids of the items that may stay, in running order

    def __bool__(self) -> bool:
        return not self.refusals and bool(self.playing)

    def summary(self) -> str:
        if not self.refusals and not self.playing:
            return "Nothing is left to play: every item is left out."
        return "\n".join(f"“{r.item_title}”: {r.reason}" for r in self.refusals)

    def notes(self) -> str:
        """What must come out, in plain words (empty when nothing must)."""
        return "\n".join(f"“{r.item_title}” is left out: {r.reason}" for r in self.left_out)


def broadcast_gate(
    programme: Programme,
    voices: Mapping[str, Iterable[str]],
    histories: Mapping[str, ConsentHistory],
    pseudonyms: Mapping[str, str],
    flagged: Mapping[str, str] | None = None,
    unbleeped: Mapping[str, int] | None = None,
    at: dt.datetime | None = None,
    lapsed: Lapsed | None = None,
) -> BroadcastGate:
    """May the programme go out now? Every voice in every item agreed to "voice broadcast" at
    this moment; no item is marked sensitive or safeguarding (such an item is left out too, so
    re-making takes it out); every word review removed is
    bleeped in the audio too. An item whose audio was erased, or in which someone has since
    withdrawn their voice, blocks the programme until it is re-made without it (`left_out`,
    `remade`): the facilitator sees what changes before anything goes out again.

    voices: item id -> the participants heard in it (a clip's speakers, a link's people in
    earshot); flagged: item id -> "sensitive" or "safeguarding"; unbleeped: item id -> how many
    words review removed that the audio still says. Each refusal names the item and the person
    by pseudonym, never by name."""
    flagged, unbleeped = flagged or {}, unbleeped or {}
    at = at or dt.datetime.now(dt.timezone.utc)
    lapsed = lapsed or Lapsed()
    refusals: list[Refusal] = []
    left_out: list[Refusal] = []
    heard: dict[str, None] = {}
    playing: list[str] = []
    for item in programme.items:
        if item.lost:
            left_out.append(Refusal(item.title, "its audio has been erased."))
            refusals.append(Refusal(item.title, "its audio has been erased: " + REMAKE))
            continue
        people = list(dict.fromkeys(voices.get(item.id, ())))
        past = _past_retention(item, people, lapsed)
        if past:
            left_out.append(Refusal(item.title, past))
            refusals.append(Refusal(item.title, f"{past} {REMAKE}"))
            continue
        gone = [p for p in people if p in histories and _withdrew(histories[p], at)]
        if gone:
            why = "; ".join(f"{pseudonyms.get(p, 'someone')}: "
                            f"{may_broadcast_voice(histories[p], at).reason}" for p in gone)
            left_out.append(Refusal(item.title, why))
            refusals.append(Refusal(item.title, f"{why} {REMAKE}"))
            continue
        if item.id in flagged:  # its clip, its session or a part of what it plays
            left_out.append(Refusal(item.title, f"it is marked {flagged[item.id]}."))
            refusals.append(Refusal(item.title, f"it is marked {flagged[item.id]}: {FLAGGED}"))
            continue
        playing.append(item.id)
        for person in people:
            heard.setdefault(person)
            history = histories.get(person)
            gate = may_broadcast_voice(history, at) if history else None
            if gate is None or not gate:
                why = gate.reason if gate is not None else "No consent is recorded."
                refusals.append(Refusal(item.title, f"{pseudonyms.get(person, 'someone')}: {why}"))
        words = unbleeped.get(item.id, 0)
        if words:
            refusals.append(Refusal(item.title, f"{counted(words, 'word')} removed in review "
                                                "still to be bleeped in the audio."))  # fmt: skip
    return BroadcastGate(tuple(refusals), tuple(heard), tuple(left_out), tuple(playing))


def _past_retention(item: Item, people: list[str], lapsed: Lapsed) -> str:
    """Why an item's sound may not go out any more under the project's retention ("": it may):
    a voice past the retention of raw audio, or someone's who did not agree to research."""
    if item.kind not in (ItemKind.CLIP, ItemKind.LINK):
        return ""
    if lapsed.audio:
        return "its audio is past the project's retention for raw audio."
    if lapsed.material(people):
        return "it is past retention: someone in it did not agree to keep it for research."
    return ""


def _withdrew(history: ConsentHistory, at: dt.datetime) -> bool:
    """Has the person withdrawn, at `at`, in a way that ends the use of their voice on air?"""
    return any(ends_broadcast(w) for w in history.active_withdrawals(at))


def ends_broadcast(withdrawal: Withdrawal) -> bool:
    return withdrawal.scope in CLOSED_BY[BROADCAST]


def remade(programme: Programme, gate: BroadcastGate) -> Programme:
    """The programme without the items that must come out (erased audio, withdrawn voices),
    the first of those left unjoined: what it is re-made as, and what is played to the room."""
    keep = set(gate.playing)
    return replace(programme, items=_first_unjoined([i for i in programme.items if i.id in keep]))


def credits_line(programme: Programme, agreed: Mapping[str, str]) -> str:
    """The show notes' credits: who did what, in running order, only for those who asked to be
    credited and under the name they typed for it (`agreed`: participant id -> credit name, from
    their consent); nobody by default, and never by a name they did not type."""
    roles: dict[str, list[str]] = {}
    for item in programme.items:
        for person, role in item.roles:
            name = (agreed.get(person) or "").strip()
            if name and role.label.lower() not in roles.setdefault(name, []):
                roles[name].append(role.label.lower())
    if not roles:
        return ""
    return "Made by: " + "; ".join(f"{name} ({', '.join(done)})" for name, done in roles.items())


@dataclass(frozen=True)
class Caption:
    start_ms: int  # from the programme's start
    text: str


def captions(transcript: str, item_start_ms: int, trim_in_ms: int = 0,
             trim_out_ms: int | None = None) -> list[Caption]:  # fmt: skip
    """A clip's transcript as captions on the programme's clock: each timestamped stretch shown
    from its timestamp, moved by where the item starts and by the clip's trim (a stretch cut
    away by the trim is not shown). Text before the first timestamp opens the item."""
    stamps = timestamps(transcript)
    pieces = [(0, transcript[: stamps[0][0]] if stamps else transcript)]
    for n, (_start, end, ms) in enumerate(stamps):
        after = stamps[n + 1][0] if n + 1 < len(stamps) else len(transcript)
        pieces.append((ms, transcript[end:after]))
    out = []
    for ms, text in pieces:
        text = " ".join(text.split())
        if not text or (trim_out_ms and ms >= trim_out_ms):
            continue
        out.append(Caption(item_start_ms + max(0, ms - trim_in_ms), text))
    return out
