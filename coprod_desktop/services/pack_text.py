"""The text of a pack as it leaves the project, and the checks that keep it safe: participants
named only when they agreed to this audience, and audio attached only where the words taken
out of its transcript are bleeped."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

from coprod_desktop.anonymise import Pseudonymiser
from coprod_desktop.domain.clips import TIMESTAMP, Clip, timestamps
from coprod_desktop.domain.word_times import TimedWord, covered, within

from .anonymising import AnonymiseService, Finding, Item, words_on

BLEEP_WINDOW_MS = 3000  # after the last timestamp, where words are taken to be spoken


def outgoing(items: Iterable[Item], findings: Iterable[Finding], sharing: frozenset[str]
             ) -> tuple[dict[tuple[str, str], str], list[tuple[str, str, str]]]:  # fmt: skip
    """(source type, id) -> text with accepted detections replaced, and the participants
    mentioned by pseudonym, as (participant id, source type, source id).

    A registered participant becomes their pseudonym only if they agreed to sharing with this
    audience (`sharing`); anyone else becomes "[Participant 1]", "[Participant 2]" …, so a
    pseudonym never reaches an organisation the person did not agree to."""
    by_item: dict[Item, list[Finding]] = {}
    for f in findings:
        by_item.setdefault(f.item, []).append(f)
    masks: dict[str, str] = {}
    pseudonymiser = Pseudonymiser()
    texts, mentions = {}, []
    for item in items:
        found = [_masked(f.as_decided(), sharing, masks) for f in by_item.get(item, ())]
        texts[(item.source_type, item.source_id)] = AnonymiseService.anonymised(
            item, found, pseudonymiser, undecided="accept")  # fmt: skip
        mentions += sorted({(f.detection.person.id, item.source_type, item.source_id)
                            for f in found if f.decision != "reject" and f.detection.person
                            and f.detection.person.id in sharing})  # fmt: skip
    return texts, mentions


def _masked(finding: Finding, sharing: frozenset[str], masks: dict[str, str]) -> Finding:
    person = finding.detection.person
    if person is None or person.id in sharing or not person.pseudonym:
        return finding
    label = masks.setdefault(person.id, f"[Participant {len(masks) + 1}]")
    return replace(finding, detection=replace(finding.detection,
                                              person=replace(person, pseudonym=label)))  # fmt: skip


def unbleeped(clip: Clip, findings: Iterable[Finding]) -> int:
    """How many detections taken out of the clip's transcript have no bleep in the audio where
    they are spoken. Where its words have times, a detection is bleeped only if every one of
    them is wholly under bleeps; otherwise, if there is a bleep from the timestamp before it to
    the next. Without either nobody can tell where it is, so it counts as not bleeped."""
    stamps: list = []
    at: list[int] = []
    text = None
    words: list[TimedWord] = []
    count = 0
    for f in findings:
        if f.item.source_type != "clip" or f.item.source_id != clip.id or f.decision == "reject":
            continue
        if f.item.text != text:  # the text reviewed (flagged parts removed): its offsets
            text = f.item.text
            stamps = timestamps(text)
            at = [start for start, _end, _ms in stamps]  # in order: found by bisection
            words = words_on(clip, text)
        spoken = within(words, f.detection.start, f.detection.end)
        if spoken and all(w.placed for w in spoken):
            count += not all(covered(w, clip.edits.bleeps) for w in spoken)
            continue
        before = bisect.bisect_right(at, f.detection.start)  # stamps starting at or before it
        after = bisect.bisect_left(at, f.detection.end)  # the first starting at or after its end
        if not before:
            count += 1
            continue
        start = stamps[before - 1][2]
        following = stamps[after][2] if after < len(stamps) else None
        end = following if following is not None and following > start else start + BLEEP_WINDOW_MS
        if not any(a < end and b > start for a, b in clip.edits.bleeps):
            count += 1
    return count


def without_timestamps(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", TIMESTAMP.sub("", text)).strip()


def file_name(text: str) -> str:
    return re.sub(r"[^\w .()-]+", "", text).strip()[:60] or "clip"
