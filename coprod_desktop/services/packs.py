"""Building a pack: what may go in (consent), what it says (anonymised with the facilitator's
decisions), the PDF, and the disclosure log of what went where."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coprod_desktop import __version__
from coprod_desktop.anonymise import Pseudonymiser
from coprod_desktop.audio import processing
from coprod_desktop.domain.clips import TIMESTAMP
from coprod_desktop.domain.consent import item_label
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.participants import Role
from coprod_desktop.export import fonts, pdf
from coprod_desktop.export.document import SECTIONS, PackDocument, Quote, SessionLine, ThemeBlock
from coprod_desktop.export.protect import finish
from coprod_desktop.export.selection import Selection, select
from coprod_desktop.fileio import atomic_write
from coprod_desktop.storage import audit_repo, packs_repo
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import translated

from .anonymising import AnonymiseService, Finding, Item
from .consent import ConsentService
from .radio import RadioService
from .sessions import SessionService

Progress = Callable[[int, str], None]  # percent, what is happening
PDF_PASSWORD_MIN = 8


@dataclass(frozen=True)
class PackOptions:
    audience: str
    session_ids: tuple[str, ...] = ()  # empty: every session
    sections: frozenset[str] = frozenset(SECTIONS)
    include_sensitive: bool = False
    attach_audio: bool = False


@dataclass(frozen=True)
class PackPlan:
    """What a pack would carry now, the texts going out, and their detections."""

    options: PackOptions
    selection: Selection
    items: tuple[Item, ...]
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def undecided(self) -> int:
        return sum(1 for f in self.findings if f.decision is None)

    def missing_characters(self) -> list[str]:
        """Characters in the pack's text that its font cannot draw."""
        return fonts.missing(i.text for i in self.items)


@dataclass(frozen=True)
class PackResult:
    pack_id: str
    path: Path
    sha256: str
    pages: int
    notes: int
    clips: int
    people: int
    attachments: tuple[str, ...] = ()
    protected: bool = False


def new_pack_id(today: dt.date | None = None) -> str:
    return f"PK-{(today or dt.date.today()):%y%m%d}-{secrets.token_hex(2).upper()}"


def _file_name(text: str) -> str:
    return re.sub(r"[^\w .()-]+", "", text).strip()[:60] or "clip"


class PackService:
    def __init__(
        self,
        file: ProjectFile,
        actor: Callable[[], str],
        sessions: SessionService,
        consent: ConsentService,
        radio: RadioService,
        anonymise: AnonymiseService,
    ):
        self._file = file
        self._actor = actor
        self._sessions = sessions
        self._consent = consent
        self._radio = radio
        self._anonymise = anonymise

    @property
    def _db(self):
        return self._file.db

    # choosing ----------------------------------------------------------------------------
    def audiences(self) -> list[str]:
        """Organisations named on the consent forms (sharing is agreed per organisation), then
        those recorded at sessions."""
        names = [p for form in self._consent.forms() for p in form.partners]
        names += [p for s in self._sessions.list() for p in s.partner_organisations]
        first: dict[str, str] = {}
        for name in names:
            first.setdefault(name.casefold(), name)
        return list(first.values())

    def plan(self, options: PackOptions, progress: Progress | None = None) -> PackPlan:
        audience = " ".join(options.audience.split())
        if not audience:
            raise ValidationError("Choose who the pack is for.")
        sessions = [s for s in self._sessions.list()
                    if not options.session_ids or s.id in options.session_ids]  # fmt: skip
        if not sessions:
            raise ValidationError("Choose at least one session for the pack.")
        ids = [s.id for s in sessions]
        if progress:
            progress(2, "Checking consent")
        with translated(self._file.path):
            notes = packs_repo.notes(self._db, ids)
        selection = select(audience, sessions, notes, self._radio.clips(),
                           self._consent.histories(), options.include_sensitive,
                           options.attach_audio)  # fmt: skip
        items = self._items(selection, ids, options)
        findings = self._anonymise.review(
            items, (lambda n, total: progress(2 + 8 * n // max(1, total), "Anonymising"))
            if progress else None)  # fmt: skip
        return PackPlan(options, selection, tuple(items), tuple(findings))

    def _items(self, selection: Selection, session_ids: list[str], options: PackOptions
               ) -> list[Item]:  # fmt: skip
        """The texts that would leave the project: only those of eligible material."""
        notes = {n.id for n in selection.notes}
        themes = {n.theme_id for n in selection.notes if n.theme_id}
        clips = {c.id for c in selection.quotes} if "quotes" in options.sections else set()
        keep = {"session": set(session_ids), "theme": themes, "note": notes,
                "clip": clips, "clip_title": clips}  # fmt: skip
        if "themes" not in options.sections:
            keep["note"], keep["theme"] = set(), set()
        return [i for i in self._anonymise.material(session_ids)
                if i.source_id in keep.get(i.source_type, ())]  # fmt: skip

    # building ----------------------------------------------------------------------------
    def build(
        self,
        options: PackOptions,
        target: Path,
        password: str = "",
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        today: dt.date | None = None,
    ) -> PackResult:
        """Render, protect and write the pack atomically, then log the disclosure. Refuses
        while any detection in the pack's text is undecided."""
        target = Path(target)
        if password and len(password) < PDF_PASSWORD_MIN:
            raise ValidationError(f"A PDF password needs at least {PDF_PASSWORD_MIN} characters.")
        if not target.parent.is_dir():
            raise ValidationError(f"The folder {target.parent} does not exist.")
        plan = self.plan(options, progress)  # afresh: consent or decisions may have changed
        if plan.undecided:
            raise ValidationError(
                f"{plan.undecided} possible pieces of personal data in this pack are not "
                "decided yet. Review them (remove or keep each) before exporting."
            )
        issued = dt.datetime.now(dt.timezone.utc)
        pack_id = new_pack_id(today or issued.astimezone().date())
        sel = plan.selection
        quoted = sel.quotes if "quotes" in options.sections else ()
        audio = [c for c in sel.audio if c in quoted] if options.attach_audio else []
        names = {c.id: f"{n:02d} {_file_name(c.title)}.wav" for n, c in enumerate(audio, 1)}
        document = self._document(plan, pack_id, issued, names)

        def layout(done: int, total: int) -> None:
            if progress:
                span = 70 if audio else 85
                progress(10 + span * done // max(1, total), "Laying out pages")

        data, pages = pdf.render(document, layout, cancelled)
        attachments = []
        for n, clip in enumerate(audio):
            if cancelled and cancelled():
                raise pdf.Cancelled
            if progress:
                progress(80 + 15 * n // len(audio), "Preparing audio")
            wav = processing.wav_bytes(self._radio.render(clip))
            attachments.append((names[clip.id], wav, "Anonymised clip (bleeps applied)"))
        data = finish(data, password, attachments)
        if cancelled and cancelled():
            raise pdf.Cancelled
        if progress:
            progress(96, "Writing the file")
        atomic_write(target, data)
        digest = hashlib.sha256(data).hexdigest()
        self._log(plan, pack_id, issued, target, digest, pages, bool(password),
                  [n for n, _d, _x in attachments], quoted)  # fmt: skip
        if progress:
            progress(100, "Done")
        notes = len(sel.notes) if "themes" in options.sections else 0
        people = {n.author_id for n in sel.notes if n.author_id} if notes else set()
        for clip in quoted:
            people.update(clip.speakers)
        return PackResult(pack_id, target, digest, pages, notes, len(quoted), len(people),
                          tuple(n for n, _d, _x in attachments), bool(password))  # fmt: skip

    def _texts(self, plan: PackPlan) -> dict[tuple[str, str], str]:
        """(source type, id) -> the text as it leaves the project."""
        by_item: dict[Item, list[Finding]] = {}
        for f in plan.findings:
            by_item.setdefault(f.item, []).append(f)
        pseudonymiser = Pseudonymiser()
        return {(i.source_type, i.source_id): AnonymiseService.anonymised(
                    i, by_item.get(i, ()), pseudonymiser, undecided="accept")
                for i in plan.items}  # fmt: skip

    def _document(self, plan: PackPlan, pack_id: str, issued: dt.datetime,
                  audio_names: dict[str, str]) -> PackDocument:  # fmt: skip
        options, sel = plan.options, plan.selection
        texts = self._texts(plan)
        sessions = [s for s in self._sessions.list()
                    if not options.session_ids or s.id in options.session_ids]  # fmt: skip
        ids = [s.id for s in sessions]
        with translated(self._file.path):
            roles = packs_repo.attendance(self._db, ids)
            votes = packs_repo.votes_per_note(self._db)
            theme_names = packs_repo.theme_names(self._db)
            notes = packs_repo.notes(self._db, ids)
            people = packs_repo.attendees(self._db, ids)
        session_of = {n.id: sid for n, sid in notes}
        title = {s.id: texts.get(("session", s.id), s.title) for s in sessions}
        lines = tuple(
            SessionLine(title[s.id], s.date, s.venue, s.format.label,
                        {Role(r).label: n for r, n in Counter(roles.get(s.id, [])).items()})
            for s in sessions)  # fmt: skip
        everyone = Counter()
        for s in sessions:
            everyone.update(Counter(roles.get(s.id, [])))
        blocks: dict[tuple[str, str], list[tuple[str, int]]] = {}
        if "themes" in options.sections:
            for note in sel.notes:
                sid = session_of.get(note.id)
                theme = (texts.get(("theme", note.theme_id), theme_names.get(note.theme_id, ""))
                         if note.theme_id else "")  # fmt: skip
                text = texts.get(("note", note.id), note.text)
                blocks.setdefault((sid, theme), []).append((text, votes.get(note.id, 0)))
        order = {s.id: i for i, s in enumerate(sessions)}
        themes = tuple(
            ThemeBlock(title.get(sid, ""), name, tuple(items))
            for (sid, name), items in sorted(blocks.items(), key=lambda kv: (
                order.get(kv[0][0], 0), kv[0][1] == "", kv[0][1].casefold())))  # fmt: skip
        quotes = ()
        if "quotes" in options.sections:
            quotes = tuple(
                Quote(title.get(c.session_id, ""), texts.get(("clip_title", c.id), c.title),
                      _without_timestamps(texts.get(("clip", c.id), c.transcript)),
                      c.length_ms // 1000, audio_names.get(c.id, ""))
                for c in sel.quotes)  # fmt: skip
        consent = self._consent_counts(people)
        contributors = {n.author_id for n in sel.notes if n.author_id} if blocks else set()
        for clip in sel.quotes if quotes else ():
            contributors.update(clip.speakers)
        return PackDocument(
            pack_id, " ".join(options.audience.split()), issued, frozenset(options.sections),
            lines, {Role(r).label: n for r, n in everyone.items()}, themes, quotes, consent,
            len(contributors), __version__,
        )  # fmt: skip

    def _consent_counts(self, people: Iterable[str]) -> dict[str, dict[str, int]]:
        from coprod_desktop.domain.consent import Status, item_status

        form = self._consent.current_form()
        if form is None:
            return {}
        histories = self._consent.histories()
        wanted = [histories[p] for p in people if p in histories]
        return {item_label(item.key): {Status(k).label: v for k, v in Counter(
                    item_status(h, item.key).value for h in wanted).items()}
                for item in form.items}  # fmt: skip

    def _log(self, plan: PackPlan, pack_id: str, issued: dt.datetime, target: Path,
             digest: str, pages: int, protected: bool, attachments: list[str],
             quoted) -> None:  # fmt: skip
        sel, options = plan.selection, plan.options
        items: list[tuple[str, str]] = []
        disclosures: list[tuple[str, str, str]] = []
        if "themes" in options.sections:
            for note in sel.notes:
                items.append(("note", note.id))
                if note.author_id:
                    disclosures.append((note.author_id, "note", note.id))
        for clip in quoted:
            items.append(("clip", clip.id))
            disclosures += [(pid, "clip", clip.id) for pid in clip.speakers]
        attached = {c.id for c in sel.audio} if attachments else set()
        for clip in quoted:
            if clip.id in attached:
                items.append(("clip_audio", clip.id))
                disclosures += [(pid, "clip_audio", clip.id) for pid in clip.speakers]
        details = {
            "sessions": list(options.session_ids) or [s.id for s in self._sessions.list()],
            "sections": sorted(options.sections), "pages": pages, "protected": protected,
            "attachments": attachments, "include_sensitive": options.include_sensitive,
            "excluded": {k: dict(v) for k, v in sel.excluded.items()},
            "detections_removed": sum(1 for f in plan.findings if f.decision == "accept"),
            "version": __version__,
        }  # fmt: skip
        with translated(self._file.path), self._db.atomic():
            packs_repo.record(self._db, {
                "id": pack_id, "audience": sel.audience, "issued_at": issued.isoformat(),
                "file_name": target.name, "sha256": digest, "issued_by": self._actor(),
                "details": details}, items, disclosures)  # fmt: skip
            audit_repo.append(self._db, self._actor(), "pack.exported", "pack", pack_id,
                              {"audience": sel.audience, "sha256": digest, "items": len(items),
                               "people": len({d[0] for d in disclosures})})  # fmt: skip

    # the log -----------------------------------------------------------------------------
    def packs(self) -> list[dict]:
        with translated(self._file.path):
            return packs_repo.packs(self._db)

    def contents(self, pack_id: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, int]]]:
        """What a pack carried: its items (kind, id) and its people (id, pseudonym, items)."""
        with translated(self._file.path):
            return packs_repo.items(self._db, pack_id), packs_repo.disclosed_people(
                self._db, pack_id
            )


def _without_timestamps(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", TIMESTAMP.sub("", text)).strip()
