"""A participant's own copy: one PDF of everything they gave the project (what a subject access
request asks for), under their pseudonym only and with nothing about anyone else.

What goes in: their notes (safeguarding-flagged ones too: they are theirs, shown plainly
without the flag), their lines from the clips they speak in (anyone else's as a placeholder,
see domain/own_words.py), their clips, dots and programme credits, their whole consent history
and the disclosure log's record of where their material went. Texts are anonymised as a
pack's are, with the facilitator's decisions; a detection still undecided in them refuses the
copy, as it refuses a pack. Other participants are never named, not even by pseudonym; the
person's own names always become their pseudonym, whatever was decided. Left out on purpose:
the facilitator's own notes (a safeguarding flag, a capacity concern, a withdrawal's note),
the names of witnesses and guardians, a credit name that holds their own name, and the
signature image: each names or shows someone, and a copy can be lost. Audio goes with it only
for clips they alone speak in, and only where the words the review took out are bleeped, as
for a pack. The copy is recorded in the audit log, not in the disclosure log: it goes to the
person it is about."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from coprod_desktop.audio import processing
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.names import Names
from coprod_desktop.domain.own_words import Whose, attribute
from coprod_desktop.domain.participants import Participant
from coprod_desktop.domain.words import pieces
from coprod_desktop.export.own_copy import ANOTHER_SPEAKER, UNMARKED, ClipPart, own_copy_pdf
from coprod_desktop.export.protect import finish
from coprod_desktop.storage import board_repo, consent_repo, packs_repo, participants_repo
from coprod_desktop.storage.connection import ProjectFile

from . import own_copy_parts as parts
from .anonymising import AnonymiseService, Finding, Item
from .base import Service
from .consent import ConsentService
from .issuing import check_target, issue
from .pack_text import file_name, outgoing, unbleeped, without_timestamps
from .programmes import ProgrammeService
from .radio import RadioService
from .sessions import SessionService
from .verify import Steps, check_whole

STEPS = 4  # after the whole-file check: gathering, anonymising, audio, writing


@dataclass(frozen=True)
class OwnCopyResult:
    path: Path
    sha256: str
    pseudonym: str
    notes: int
    clips: int
    lines: int  # their lines from the clips' transcripts
    dots: int
    consent_records: int
    withdrawals: int
    disclosures: int  # packs and programme releases that carried their material
    attachments: tuple[str, ...] = ()
    not_attached: int = 0  # clips asked for whose audio could not go with the copy


OWN_COPY = "Own copy"  # the disclosure log's audience of a participant's own copy


class OwnCopyService(Service):
    def __init__(self, file: ProjectFile, actor: Callable[[], str], sessions: SessionService,
                 consent: ConsentService, radio: RadioService, anonymise: AnonymiseService,
                 programmes: ProgrammeService):  # fmt: skip
        super().__init__(file, actor)
        self._sessions = sessions
        self._consent = consent
        self._radio = radio
        self._anonymise = anonymise
        self._programmes = programmes

    def find(self, pseudonym: str) -> Participant:
        """The participant with this pseudonym (whatever its case)."""
        wanted = " ".join(pseudonym.split()).casefold()
        with self.read():
            people = participants_repo.list_all(self._db)
        match = next((p for p in people if p.pseudonym.casefold() == wanted), None)
        if match is None:
            raise ValidationError(f"No participant “{pseudonym}” in this project.")
        return match

    def check_target(self, target: Path) -> Path:
        """Refuse a destination that cannot take the file, before any work is done."""
        return check_target(target, "copy")

    def build(self, participant_id: str, target: Path, attach_audio: bool = False,
              progress: Steps | None = None, now: dt.datetime | None = None
              ) -> OwnCopyResult:  # fmt: skip
        """Check the destination and the whole project file, then write the copy and record
        it in the audit log together: the PDF is staged beside the target and renamed into
        place as the last step of the transaction that logs it. Refused, with nothing
        written, while a detection in the copy's texts is undecided."""
        target = self.check_target(target)
        check_whole(self._file, progress)

        def step(n: int, text: str) -> None:
            if progress:
                progress(n, STEPS, text)

        step(0, "Gathering their material")
        material = self._gather(participant_id)
        step(1, "Anonymising")
        texts, lines, transcript_findings = self._texts(material)
        names = {c.id: f"{n:02d} {file_name(texts[('clip_title', c.id)])}.wav"
                 for n, c in enumerate(material.clips, 1)}  # fmt: skip
        step(2, "Preparing audio" if attach_audio else "Laying out pages")
        clip_parts, attachments, refused = [], [], 0
        for clip in material.clips:
            audio = ""
            if attach_audio:
                why = _why_not_attached(clip, transcript_findings.get(clip.id, []))
                if why:
                    audio, refused = f"Not attached: {why}.", refused + 1
                else:
                    wav = processing.wav_bytes(self._radio.render(clip))
                    attachments.append((names[clip.id], wav, "Your clip (bleeps applied)"))
                    audio = f"Attached to this PDF as “{names[clip.id]}” (bleeps applied)."
            clip_parts.append(_clip_part(clip, texts, lines.get(clip.id, []), material, audio))
        issued = now or dt.datetime.now(dt.timezone.utc)
        anchor = self.anchor()
        document = parts.document(material, texts, tuple(clip_parts), issued, anchor)
        data = finish(own_copy_pdf(document), "", attachments)
        step(3, "Writing the file")
        digest = hashlib.sha256(data).hexdigest()
        counts = {"notes": len(document.notes), "clips": len(document.clips),
                  "lines": sum(1 for c in document.clips for _t, theirs in c.lines if theirs),
                  "dots": material.dots, "consent_records": len(material.history.records),
                  "withdrawals": len(material.history.withdrawals),
                  "disclosures": len({d["pack_id"] for d in material.disclosures})}  # fmt: skip

        copy_id = f"OC-{issued.astimezone():%y%m%d}-{secrets.token_hex(2).upper()}"
        # In the disclosure log like every output: what it carried went to the person.
        carried = [("note", n.id) for n in material.notes] + [
            ("clip", c.id) for c in material.clips]  # fmt: skip

        def record() -> None:
            packs_repo.record(self._db, {
                "id": copy_id, "audience": f"{OWN_COPY}: {material.person.pseudonym}",
                "issued_at": issued.isoformat(), "file_name": target.name, "sha256": digest,
                "issued_by": self._actor(),
                "details": {**counts, "attachments": len(attachments),
                            "audit_anchor": [anchor.seq, anchor.hash]}},
                carried, [(participant_id, kind, i) for kind, i in carried])  # fmt: skip
            self.audit("participant.copy_issued", "participant", participant_id,
                       {"pseudonym": material.person.pseudonym, "sha256": digest, **counts,
                        "attachments": len(attachments), "copy": copy_id,
                        "audit_anchor": [anchor.seq, anchor.hash]})  # fmt: skip

        issue(self, target, data, record, "copy")
        step(4, "Done")
        return OwnCopyResult(target, digest, material.person.pseudonym, **counts,
                             attachments=tuple(a[0] for a in attachments),
                             not_attached=refused)  # fmt: skip

    # what goes in ------------------------------------------------------------------------
    def _gather(self, participant_id: str) -> parts.Material:
        with self.read():
            person = participants_repo.get(self._db, participant_id)
            if person is None:
                raise ValidationError("That participant is no longer in the project.")
            notes = board_repo.notes_by(self._db, participant_id)
            dots, rounds = board_repo.votes_by(self._db, participant_id)
            boards = {b.id: b.title for b in board_repo.boards(self._db)}
            themes = packs_repo.theme_names(self._db)
            disclosures = packs_repo.disclosures_of(self._db, participant_id)
            others = [p.pseudonym for p in participants_repo.list_all(self._db)
                      if p.id != participant_id]  # fmt: skip
            guardians = consent_repo.guardian_names(self._db, participant_id)
        sessions = {s.id: s for s in self._sessions.list()}
        clips = [c for c in self._radio.clips() if participant_id in c.speakers]
        theirs = {sid for sid, s in sessions.items() if participant_id in s.participant_ids}
        theirs |= {sid for _n, sid, _d in notes} | {c.session_id for c in clips if c.session_id}
        with self.read():
            anonymous = board_repo.anonymous_rounds(self._db, sorted(theirs))
        roles = [(programme, item, role) for programme in self._programmes.list()
                 for item in programme.items for pid, role in item.roles
                 if pid == participant_id]  # fmt: skip
        return parts.Material(person, [n for n, _sid, _d in notes],
                              {n.id: sid for n, sid, _d in notes}, boards, themes, sessions,
                              clips, dots, rounds, anonymous, roles,
                              self._consent.history(participant_id), disclosures,
                              Names.of(person.pseudonym, person.real_name, person.aliases,
                                       guardians), others)  # fmt: skip

    def _texts(self, material: parts.Material):
        """Every text of the copy as it leaves the project, their transcript lines (keyed by
        clip), and each transcript's findings (for the audio's bleeps). Refuses while a
        detection in what the copy shows is undecided."""
        whole = parts.items(material)
        findings = self._anonymise.review(whole)
        hidden = {n.id for n in material.notes if n.safeguarding}
        # A safeguarding-flagged note is never on the Anonymise screen: what the detector
        # finds in it is removed rather than left for a review that cannot happen.
        findings = [replace(f, decision="accept") if f.decision is None
                    and f.item.source_type == "note" and f.item.source_id in hidden else f
                    for f in findings]  # fmt: skip
        by_clip: dict[str, list[Finding]] = {}
        for f in findings:
            if f.item.source_type == "clip":
                by_clip.setdefault(f.item.source_id, []).append(f)
        out_items = [i for i in whole if i.source_type != "clip"]
        out_findings = [f for f in findings if f.item.source_type != "clip"]
        lines: dict[str, list] = {}
        own = (material.person.pseudonym, *material.names.terms)
        for clip in material.clips:
            attributed = attribute(clip.transcript, own, len(clip.speakers) == 1)
            lines[clip.id] = attributed
            for n, line in enumerate(attributed):
                if line.whose is not Whose.THEIRS:
                    continue
                sub = Item("clip_line", f"{clip.id}#{n}", f"Transcript of “{clip.title}”",
                           clip.transcript[line.start : line.end], clip.session_id)  # fmt: skip
                out_items.append(sub)
                out_findings += [_within(f, sub, line.start, line.end)
                                 for f in by_clip.get(clip.id, ())
                                 if f.detection.start < line.end
                                 and f.detection.end > line.start]  # fmt: skip
        undecided = [f for f in out_findings if f.decision is None]
        if undecided:
            where = list(dict.fromkeys(f.item.label for f in undecided))
            more = f" and {len(where) - 3} more" if len(where) > 3 else ""
            raise ValidationError(
                f"Still to decide in this copy: {pieces(len(undecided))} (in "
                f"{'; '.join(where[:3])}{more}). Review them on the Anonymise screen (remove "
                "or keep each) before making the copy."
            )
        texts, _mentions = outgoing(out_items, out_findings, frozenset({material.person.id}))
        texts = {key: parts.only_them(text, material) for key, text in texts.items()}
        return texts, lines, by_clip


def _within(finding: Finding, sub: Item, start: int, end: int) -> Finding:
    """A transcript's finding as one of its lines holds it."""
    d = finding.detection
    cut = replace(d, start=max(d.start, start) - start, end=min(d.end, end) - start)
    return replace(finding, item=sub, detection=cut)


def _why_not_attached(clip, findings: list[Finding]) -> str:
    if len(clip.speakers) > 1:
        return "another person speaks in it"
    if not clip.has_audio:
        return "its recording was erased"
    if unbleeped(clip, findings):
        return "words taken out of its transcript are not yet bleeped in its sound"
    return ""


def _clip_part(clip, texts: dict, lines: list, material: parts.Material, audio: str) -> ClipPart:
    shown = []
    for n, line in enumerate(lines):
        if line.whose is Whose.THEIRS:
            words = without_timestamps(texts[("clip_line", f"{clip.id}#{n}")])
            if words:
                shown.append((words, True))
        else:
            shown.append((ANOTHER_SPEAKER if line.whose is Whose.SOMEONE_ELSE else UNMARKED,
                          False))  # fmt: skip
    remark = ""
    if not clip.transcript.strip():
        remark = "This clip has no transcript."
    elif any(line.whose is Whose.UNMARKED for line in lines):
        remark = ("More than one person speaks in this clip, and some of its lines do not say "
                  "who spoke them, so those lines are not shown. Ask the facilitator if some of "
                  "them are yours.")  # fmt: skip
    return ClipPart(texts[("clip_title", clip.id)], parts.session_line(clip.session_id, material,
                    texts), clip.length_ms // 1000, tuple(shown), remark, audio)  # fmt: skip
