"""Use cases for anonymising: which text is in scope, what the detector finds in it, the
facilitator's decisions (remembered in the project), the deny/allow lists, and the text as it
would leave the project."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from coprod_desktop.anonymise import Detection, Detector, KnownPerson, Pseudonymiser
from coprod_desktop.anonymise.detect import DENIED
from coprod_desktop.domain.clips import Clip, merge_ranges, removed_from, timestamps
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.word_times import TimedWord, bleeps_for, carry_over, mask_bleeped
from coprod_desktop.storage import anonymise_repo, participants_repo
from coprod_desktop.storage.connection import ProjectFile

from .base import Service
from .radio import RadioService

BLEEP_WITHOUT_NEXT_STAMP_MS = 3000


@dataclass(frozen=True)
class Item:
    """One piece of text that could leave the project."""

    source_type: str  # "note", "clip" (a transcript) or "clip_title"
    source_id: str
    label: str  # where it is, in words
    text: str
    session_id: str | None = None


@dataclass(frozen=True)
class Finding:
    item: Item
    detection: Detection
    decision: str | None  # "accept", "reject", "other" (someone else) or None (undecided)

    def as_decided(self) -> Finding:
        """"Someone else" leaves as an unregistered person ("[Person A]"), never as the
        registered participant whose name they share."""
        if self.decision != "other":
            return self
        return replace(self, detection=replace(self.detection, person=None))

    @property
    def context(self) -> str:
        text, d = self.item.text, self.detection
        before = text[max(0, d.start - 40) : d.start]
        after = text[d.end : d.end + 40]
        return f"{'…' if d.start > 40 else ''}{before}[{d.text}]{after}" + (
            "…" if d.end + 40 < len(text) else "")  # fmt: skip


def outgoing_transcript(clip: Clip, include_sensitive: bool = False) -> str:
    """The transcript as it may leave: words under a bleep (when their times are known) are
    "[bleeped]", since nobody can hear them; what is said in flagged parts is removed."""
    masked = mask_bleeped(clip.transcript, clip.words, clip.edits.bleeps)
    return removed_from(masked, clip.ranges, include_sensitive)


def words_on(clip: Clip, text: str) -> list[TimedWord]:
    """The clip's word timings carried onto `text`, a version of its transcript (the text
    reviewed, with flagged parts removed and bleeped words masked): detections' offsets are
    into it."""
    return carry_over(clip.transcript, clip.words, text)[0] if clip.words else []


def _exact_bleep(clip: Clip, finding: Finding, words: list[TimedWord]
                 ) -> tuple[int, int] | None:  # fmt: skip
    """The bleep over exactly the detection's words (`words`: the timings on its text), if
    they all have times."""
    spans = bleeps_for(words, finding.detection.start, finding.detection.end, clip.duration_ms)
    return spans[0] if spans else None


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class AnonymiseService(Service):
    def __init__(self, file: ProjectFile, actor: Callable[[], str], radio: RadioService):
        super().__init__(file, actor)
        self._radio = radio

    # inputs ------------------------------------------------------------------------------
    def known_people(self) -> list[KnownPerson]:
        with self.read():
            people = participants_repo.list_all(self._db)
        return [KnownPerson(p.real_name, tuple(p.aliases), p.pseudonym, p.id)
                for p in people if p.real_name or p.aliases]  # fmt: skip

    def terms(self, which: str) -> list[tuple[str, str, str]]:
        """(id, term, kind) of the deny or allow list."""
        with self.read():
            return anonymise_repo.terms(self._db, which)

    def add_term(self, term: str, which: str, kind: str = "person") -> str:
        term = " ".join(term.split())
        if not term:
            raise ValidationError("Type the word or phrase to add.")
        if which not in ("deny", "allow"):
            raise ValidationError("A term goes on the always-remove or the never-remove list.")
        with self.write():
            term_id = anonymise_repo.add_term(self._db, term, which, kind)
            self.audit(f"anonymise.{which}_term_added", "anonymise_term", term_id, {"kind": kind})
        return term_id

    def remove_term(self, term_id: str) -> None:
        with self.write():
            anonymise_repo.remove_term(self._db, term_id)
            self.audit("anonymise.term_removed", "anonymise_term", term_id)

    def material(self, session_ids: Iterable[str] | None = None,
                 include_sensitive: bool = False) -> list[Item]:  # fmt: skip
        """Session titles, theme names, notes (never safeguarding-flagged ones: they do not
        leave the project), clip titles and transcripts, optionally only from some sessions.

        This is where every transcript becomes outgoing text (packs, feedback, programmes): what
        is said in a part flagged safeguarding is "[removed: safeguarding]" here, and in a part
        flagged sensitive "[removed: sensitive]" unless the output `include_sensitive`."""
        wanted = set(session_ids) if session_ids is not None else None
        with self.read():
            sessions = anonymise_repo.sessions(self._db)
            themes = anonymise_repo.theme_names(self._db)
            rows = anonymise_repo.note_texts(self._db)
        items = []
        for sid, title, venue in sessions:
            if wanted is None or sid in wanted:
                items.append(Item("session", sid, "Session title", title, sid))
                if venue.strip():
                    items.append(Item("venue", sid, "Session venue", venue, sid))
        items += [Item("theme", tid, "Theme name", name, sid)
                  for tid, name, sid in themes if wanted is None or sid in wanted]  # fmt: skip
        items += [Item("note", nid, f"Note on “{board}”", text, sid)
                  for nid, text, sid, board in rows if wanted is None or sid in wanted]  # fmt: skip
        if wanted is None:
            items += self.log_material(None)
        for clip in self._radio.clips():
            if wanted is not None and clip.session_id not in wanted:
                continue
            items.append(Item("clip_title", clip.id, f"Title of clip “{clip.title}”", clip.title,
                              clip.session_id))  # fmt: skip
            if clip.transcript.strip():
                items.append(Item("clip", clip.id, f"Transcript of “{clip.title}”",
                                  outgoing_transcript(clip, include_sensitive),
                                  clip.session_id))  # fmt: skip
        if wanted is None:
            items += self.programme_material() + self.action_material()
        return items

    def action_material(self, session_ids: Iterable[str] | None = None,
                        responses_of: str | None = None) -> list[Item]:  # fmt: skip
        """Actions, their owners and partners' responses: they go into packs and community
        feedback. With `session_ids`, those agreed at those sessions or outside any; with
        `responses_of`, only that organisation's responses (a pack for it)."""
        from coprod_desktop.storage import actions_repo

        with self.read():
            texts = actions_repo.texts(self._db, session_ids, responses_of)
        return [Item(kind, source, label, text) for kind, source, label, text in texts
                if text.strip()]  # fmt: skip

    def programme_material(self) -> list[Item]:
        """Programmes' titles, show notes, item titles and link scripts: all public."""
        from coprod_desktop.storage import programmes_repo

        with self.read():
            texts = programmes_repo.texts(self._db)
        return [Item(kind, source, label, text) for kind, source, label, text in texts
                if text.strip()]  # fmt: skip

    def log_material(self, session_ids: Iterable[str] | None) -> list[Item]:
        """The risk register (project-wide), barriers, outcomes and measures (those of the
        sessions, and barriers met outside any session)."""
        from coprod_desktop.storage import risk_log_repo as repo

        wanted = set(session_ids) if session_ids is not None else None
        with self.read():
            risks, barriers = repo.risks(self._db), repo.barriers(self._db)
            outcomes, measures = repo.outcomes(self._db), repo.measures(self._db)
        items = []
        for r in risks:
            items += [Item("risk", r.id, "Risk", r.description),
                      Item("risk_mitigations", r.id, "Risk mitigations", r.mitigations),
                      Item("risk_owner", r.id, "Risk owner", r.owner)]  # fmt: skip
        for b in barriers:
            if wanted is None or b.session_id is None or b.session_id in wanted:
                items += [Item("barrier", b.id, "Barrier", b.description, b.session_id),
                          Item("barrier_where", b.id, "Where a barrier was met", b.where,
                               b.session_id),
                          Item("barrier_response", b.id, "How a barrier was met", b.response,
                               b.session_id)]  # fmt: skip
        items += [Item("outcome", o.id, "Outcome", o.text, o.session_id) for o in outcomes
                  if wanted is None or o.session_id in wanted]  # fmt: skip
        items += [Item("measure", m.id, "Measure", m.question, m.session_id) for m in measures
                  if wanted is None or m.session_id in wanted]  # fmt: skip
        return [i for i in items if i.text.strip()]

    # detection and decisions ---------------------------------------------------------------
    def _decisions(self) -> dict[tuple, tuple[str, str]]:
        with self.read():
            return anonymise_repo.decisions(self._db)

    def review(self, items: Iterable[Item], progress: Callable[[int, int], None] | None = None,
               ) -> list[Finding]:  # fmt: skip
        """Every detection in the items with the decision already made about it, if any."""
        items = list(items)
        find = Detector(self.known_people(), deny=[(t, k) for _i, t, k in self.terms("deny")],
                        allow=[t for _i, t, _k in self.terms("allow")])  # fmt: skip
        decided = self._decisions()
        findings = []
        for n, item in enumerate(items):
            for d in find(item.text):
                saved = decided.get((item.source_type, item.source_id, d.start, d.end, d.kind))
                decision = saved[1] if saved and saved[0] == text_hash(d.text) else None
                if decision is None and d.reason == DENIED:
                    decision = "accept"  # the facilitator said: always remove this
                findings.append(Finding(item, d, decision))
            if progress is not None and (n % 50 == 0 or n == len(items) - 1):
                progress(n + 1, len(items))
        return findings

    def decide(self, finding: Finding, decision: str | None) -> Finding:
        """Accept (replace it), reject (keep it), or say a registered person's name is
        someone else's ("other": replaced as "[Person A]"); None forgets the decision."""
        if decision not in (None, "accept", "reject", "other"):
            raise ValidationError("A detection is removed, kept, or someone else's.")
        if decision == "other" and finding.detection.person is None:
            raise ValidationError("Only a registered participant's name can be someone else's.")
        with self.write():
            self._store(finding, decision)
        return replace(finding, decision=decision)

    def decide_all(self, findings: Iterable[Finding], decision: str) -> list[Finding]:
        """One answer for many findings (the review's groups of less certain guesses), in one
        transaction; returns them as decided."""
        findings = list(findings)
        if decision not in ("accept", "reject"):
            raise ValidationError("A group of detections is removed or kept.")
        with self.write():
            for finding in findings:
                self._store(finding, decision)
        return [replace(f, decision=decision) for f in findings]

    def accept_all(self, findings: Iterable[Finding]) -> int:
        """Accept every undecided detection, in one transaction (inside a pack's own, when
        `pack --auto-accept` builds one: saved only if the pack is issued)."""
        undecided = [f for f in findings if f.decision is None]
        with self.write():
            for finding in undecided:
                self._store(finding, "accept")
        return len(undecided)

    def _store(self, finding: Finding, decision: str | None) -> None:
        item, d = finding.item, finding.detection
        key = (item.source_type, item.source_id, d.start, d.end, d.kind)
        if decision is None:
            anonymise_repo.forget_decision(self._db, key)
        else:
            anonymise_repo.save_decision(self._db, key, text_hash(d.text), decision,
                                         self._actor())  # fmt: skip

    # output ------------------------------------------------------------------------------
    @staticmethod
    def anonymised(item: Item, findings: Iterable[Finding], pseudonymiser: Pseudonymiser,
                   undecided: str = "accept") -> str:  # fmt: skip
        """The item's text as it would leave the project: accepted detections replaced,
        rejected ones kept, undecided ones treated as `undecided` says (replace by default)."""
        chosen = [f.as_decided().detection for f in findings if f.item == item
                  and (f.decision or undecided) in ("accept", "other")]  # fmt: skip
        return pseudonymiser.apply(item.text, chosen)

    def bleep_from_transcript(self, finding: Finding):
        """Turn a detection in a transcript into a bleep on the clip's audio: exactly over its
        words when they have times (a small margin either side), otherwise from the timestamp
        before it to the next one (or a few seconds on). Returns the clip as it was, the bleep,
        and whether it is exact."""
        item = finding.item
        if item.source_type != "clip":
            raise ValidationError("Only a detection in a clip's transcript can become a bleep.")
        clip = self._radio.clip(item.source_id)
        if clip is None or not clip.has_audio:
            raise ValidationError("That clip has no audio to bleep.")
        exact = _exact_bleep(clip, finding, words_on(clip, item.text))
        if exact:
            return self._bleep(clip, [exact]), exact, True
        stamps = timestamps(item.text)  # the text reviewed: offsets are the detection's
        before = [ms for start, _end, ms in stamps if start <= finding.detection.start]
        after = [ms for start, _end, ms in stamps if start >= finding.detection.end]
        if not before:
            raise ValidationError(
                "There is no timestamp before these words: insert one "
                "(Ctrl+T in the Radio lab) so coprod knows where to bleep."
            )
        start = before[-1]
        end = after[0] if after and after[0] > start else start + BLEEP_WITHOUT_NEXT_STAMP_MS
        return self._bleep(clip, [(start, end)]), (start, min(end, clip.duration_ms)), False

    def bleep_removed_words(self, clip_id: str, findings: Iterable[Finding]):
        """Bleep, exactly, every word the review takes out of the clip's transcript (every
        detection not kept). Returns the clip as it was, how many bleeps were added, and the
        detections (their words) that could not be bleeped because a word of theirs has no
        time."""
        clip = self._radio.clip(clip_id)
        if clip is None or not clip.has_audio:
            raise ValidationError("That clip has no audio to bleep.")
        if not clip.words:
            raise ValidationError(f"The words of “{clip.title}” have no times yet: align its "
                                  "transcript first (Align words in the Radio lab).")  # fmt: skip
        spans, missing = [], []
        timed: dict[str, list[TimedWord]] = {}  # by the text reviewed: one mapping for each
        for finding in findings:
            if (finding.item.source_type != "clip" or finding.item.source_id != clip_id
                    or finding.decision == "reject"):  # fmt: skip
                continue
            text = finding.item.text
            if text not in timed:
                timed[text] = words_on(clip, text)
            span = _exact_bleep(clip, finding, timed[text])
            if span is None:
                missing.append(finding.detection.text)
            elif not any(a <= span[0] and span[1] <= b for a, b in clip.edits.bleeps):
                spans.append(span)
        if not spans:
            if missing:
                raise ValidationError(
                    "These could not be placed in the audio, so they cannot be bleeped exactly: "
                    + ", ".join(f"“{m}”" for m in missing) + ". Bleep them one at a time "
                    "(from their timestamp) or by hand in the Radio lab.")  # fmt: skip
            raise ValidationError("Every word the review removes from this clip is already "
                                  "bleeped.")  # fmt: skip
        return self._bleep(clip, spans), len(spans), missing

    def _bleep(self, clip: Clip, spans: Iterable[tuple[int, int]]) -> Clip:
        """Add bleeps to the clip; returns the clip as it was, for undo."""
        bleeps = merge_ranges([*clip.edits.bleeps, *spans], clip.duration_ms)
        return self._radio.save_clip(replace(clip, edits=replace(clip.edits, bleeps=bleeps)))

    def undecided(self, findings: Iterable[Finding]) -> int:
        return sum(1 for f in findings if f.decision is None)
