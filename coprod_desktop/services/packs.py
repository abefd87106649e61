"""Building a pack: what may go in (consent), what it says (anonymised with the facilitator's
decisions), the PDF, and the disclosure log of what went where."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from coprod_desktop import __version__
from coprod_desktop.audio import processing
from coprod_desktop.domain.audit import Anchor
from coprod_desktop.domain.consent import Status, item_label, item_status
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.participants import Role
from coprod_desktop.domain.words import pieces
from coprod_desktop.export import fonts, pdf
from coprod_desktop.export.document import (
    DEFAULT_SECTIONS,
    PackDocument,
    Quote,
    SessionLine,
    ThemeBlock,
)
from coprod_desktop.export.protect import finish
from coprod_desktop.export.selection import (
    COMMUNITY,
    NOT_BLEEPED,
    Selection,
    listed,
    refusal,
    select,
)
from coprod_desktop.storage import board_repo, packs_repo
from coprod_desktop.storage.connection import ProjectFile

from . import pack_log
from .anonymising import AnonymiseService, Finding, Item
from .base import Service
from .consent import ConsentService
from .issuing import check_target, issue
from .pack_text import file_name, outgoing, unbleeped, without_timestamps
from .radio import RadioService
from .retention import RetentionService
from .sessions import SessionService
from .verify import check_whole

Progress = Callable[[int | None, str], None]  # percent (None: not measurable), what is happening
PDF_PASSWORD_MIN = 8


@dataclass(frozen=True)
class PackOptions:
    audience: str
    session_ids: tuple[str, ...] = ()  # empty: every session
    sections: frozenset[str] = DEFAULT_SECTIONS
    include_sensitive: bool = False
    attach_audio: bool = False


@dataclass(frozen=True)
class PackPlan:
    """What a pack would carry now, the texts going out, and their detections."""

    options: PackOptions
    selection: Selection
    items: tuple[Item, ...]
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    sharing: frozenset[str] = frozenset()  # participants who agreed to this audience
    audience_named: bool = True  # the audience is on a consent form's list of partners

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
    excluded: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # kind -> reason
    accepted: int = 0  # undecided detections accepted for it (accept_undecided)


@dataclass(frozen=True)
class Audience:
    """An organisation a pack can be for, and where its name comes from."""

    name: str
    on_consent_form: bool = False  # people said yes or no to sharing with it, by this name
    earlier_packs: int = 0  # packs already issued to it
    at_sessions: tuple[str, ...] = ()  # titles of the sessions it was present at


def new_pack_id(today: dt.date | None = None) -> str:
    return f"PK-{(today or dt.date.today()):%y%m%d}-{secrets.token_hex(2).upper()}"


class PackService(Service):
    def __init__(
        self,
        file: ProjectFile,
        actor: Callable[[], str],
        sessions: SessionService,
        consent: ConsentService,
        radio: RadioService,
        anonymise: AnonymiseService,
        retention: RetentionService | None = None,
    ):
        super().__init__(file, actor)
        self._retention = retention
        self._sessions = sessions
        self._consent = consent
        self._radio = radio
        self._anonymise = anonymise

    # choosing ----------------------------------------------------------------------------
    def audiences(self) -> list[str]:
        return [a.name for a in self.audience_choices()]

    def audience_choices(self) -> list[Audience]:
        """Organisations named on the consent forms first (sharing is agreed per organisation,
        by these names), then those that had packs before, then those present at sessions:
        one entry a name (whatever its case, spelt as it came first), with where it is from."""
        named = [p for form in self._consent.forms() for p in form.partners]
        packs = Counter(" ".join(p["audience"].split()) for p in self.packs())
        sessions = [(p, s.title) for s in self._sessions.list() for p in s.partner_organisations]
        spelt: dict[str, str] = {}
        for name in [*named, *packs, *(p for p, _title in sessions)]:
            spelt.setdefault(name.casefold(), name)
        on_form = {n.casefold() for n in named}
        issued = Counter()
        for name, n in packs.items():
            issued[name.casefold()] += n
        seen_at: dict[str, list[str]] = {}
        for name, title in sessions:
            titles = seen_at.setdefault(name.casefold(), [])
            if title not in titles:
                titles.append(title)
        return [Audience(name, key in on_form, issued[key], tuple(seen_at.get(key, ())))
                for key, name in spelt.items()]  # fmt: skip

    def _chosen_sessions(self, options: PackOptions) -> list:
        return [s for s in self._sessions.list()
                if not options.session_ids or s.id in options.session_ids]  # fmt: skip

    def plan(self, options: PackOptions, progress: Progress | None = None,
             at: dt.datetime | None = None) -> PackPlan:  # fmt: skip
        """What a pack would carry at `at` (now): consent and retention as they are then."""
        at = at or dt.datetime.now(dt.timezone.utc)
        audience = " ".join(options.audience.split())
        if not audience:
            raise ValidationError("Choose who the pack is for.")
        if audience.casefold() == COMMUNITY.casefold():  # public: its gate is not a pack's
            raise ValidationError(f"“{COMMUNITY}” is not a partner organisation: make "
                                  "community feedback from the Packs page's feedback action.")
        sessions = self._chosen_sessions(options)
        if not sessions:
            raise ValidationError("Choose at least one session for the pack.")
        ids = [s.id for s in sessions]
        if progress:
            progress(2, "Checking consent")
        with self.read():
            notes = packs_repo.notes(self._db, ids)
        histories = self._consent.histories()
        lapsed = self._retention.lapsed(at) if self._retention else None
        selection = _within(options.sections, select(
            audience, sessions, notes, self._radio.clips(), histories, options.include_sensitive,
            options.attach_audio, at, lapsed))  # fmt: skip
        items = self._items(selection, ids, options)
        findings = self._anonymise.review(
            items, (lambda n, total: progress(2 + 8 * n // max(1, total), "Anonymising"))
            if progress else None)  # fmt: skip
        selection = _bleeped_only(selection, findings)
        sharing = frozenset(pid for pid, h in histories.items() if not refusal(h, audience, at))
        named = {p.casefold() for form in self._consent.forms() for p in form.partners}
        return PackPlan(options, selection, tuple(items), tuple(findings), sharing,
                        audience.casefold() in named)  # fmt: skip

    def _items(self, selection: Selection, session_ids: list[str], options: PackOptions
               ) -> list[Item]:  # fmt: skip
        """The texts that would leave the project: only those of eligible material."""
        clips = {c.id for c in selection.quotes}
        named = {s.id for s in self._chosen_sessions(options)
                 if listed(s, options.include_sensitive)}  # fmt: skip
        keep = {"session": named, "venue": named,
                "theme": {n.theme_id for n in selection.notes if n.theme_id},
                "note": {n.id for n in selection.notes} if "themes" in options.sections else (),
                "clip": clips, "clip_title": clips}  # fmt: skip
        items = [i for i in self._anonymise.material(session_ids, options.include_sensitive)
                 if i.source_id in keep.get(i.source_type, ())]  # fmt: skip
        logged = {"risks": ("risk",), "barriers": ("barrier",), "outcomes": ("outcome", "measure")}
        wanted = {k for section, kinds in logged.items() if section in options.sections
                  for k in kinds}  # fmt: skip
        if wanted:
            items += [i for i in self._anonymise.log_material(session_ids)
                      if i.source_type.split("_")[0] in wanted]  # fmt: skip
        if "actions" in options.sections:
            items += self._anonymise.action_material(session_ids, options.audience)
        return items

    # building ----------------------------------------------------------------------------
    def check_target(self, target: Path, password: str = "") -> Path:
        """Refuse a bad password or destination before any work is done."""
        if password and len(password) < PDF_PASSWORD_MIN:
            raise ValidationError(f"A PDF password needs at least {PDF_PASSWORD_MIN} characters.")
        return check_target(target, "pack")

    def build(
        self,
        options: PackOptions,
        target: Path,
        password: str = "",
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        today: dt.date | None = None,
        accept_undecided: bool = False,
        at: dt.datetime | None = None,
    ) -> PackResult:
        """Check the destination and the whole project file, render and protect the pack,
        then issue it all or nothing: the PDF is written beside the target, and the disclosure
        log (with the accepted detections, if `accept_undecided`) is saved in one transaction
        that ends with the PDF renamed into place. On any failure nothing is saved and no file
        is left. Refuses while a detection in the pack's text is undecided, unless
        `accept_undecided` (scripted use: `pack --auto-accept`) accepts every one."""
        target = self.check_target(target, password)
        check_whole(self._file, (lambda n, total, text: progress(None, f"{text} (step "
                                 f"{min(n + 1, total)} of {total})")) if progress else None)
        if cancelled and cancelled():
            raise pdf.Cancelled
        plan = self.plan(options, progress, at)  # afresh: consent or decisions may have changed
        accepting = [f for f in plan.findings if f.decision is None]
        if accepting and not accept_undecided:
            raise ValidationError(
                f"Still to decide in this pack: {pieces(plan.undecided)}. "
                "Review them (remove or keep each) before exporting."
            )
        if accepting:  # as if accepted; saved only with the disclosure log, below
            plan = replace(plan, findings=tuple(replace(f, decision="accept")
                                                if f.decision is None else f
                                                for f in plan.findings))  # fmt: skip
        issued = at or dt.datetime.now(dt.timezone.utc)
        pack_id = new_pack_id(today or issued.astimezone().date())
        texts, mentions = outgoing(plan.items, plan.findings, plan.sharing)
        audio = plan.selection.audio
        names = {c.id: f"{n:02d} {file_name(texts.get(('clip_title', c.id), ''))}.wav"
                 for n, c in enumerate(audio, 1)}  # fmt: skip
        anchor = self.anchor()  # the log as it is when this pack leaves
        document = replace(self.document(plan, pack_id, issued, names, texts), anchor=anchor)

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
        digest = hashlib.sha256(data).hexdigest()
        people = 0

        def record() -> None:
            nonlocal people
            self._anonymise.accept_all(accepting)
            people = self._log(plan, pack_id, issued, target, digest, pages, bool(password),
                               mentions, anchor)  # fmt: skip

        issue(self, target, data, record, "pack")
        if progress:
            progress(100, "Done")
        return PackResult(pack_id, target, digest, pages, len(plan.selection.notes) if
                          "themes" in options.sections else 0, len(plan.selection.quotes),
                          people, tuple(names.values()), bool(password),
                          plan.selection.excluded, len(accepting))  # fmt: skip

    def document(self, plan: PackPlan, pack_id: str, issued: dt.datetime,
                 audio_names: dict[str, str] | None = None, texts: dict | None = None
                 ) -> PackDocument:  # fmt: skip
        """What the pack says, before it is drawn: every text as it leaves the project."""
        audio_names = audio_names or {}
        options, sel = plan.options, plan.selection
        if texts is None:
            texts = outgoing(plan.items, plan.findings, plan.sharing)[0]
        sessions = self._chosen_sessions(options)
        ids = [s.id for s in sessions]
        with self.read():
            attended = packs_repo.attendance(self._db, ids)
            votes = packs_repo.votes_per_note(self._db)
            theme_names = packs_repo.theme_names(self._db)
            board_session = {b.id: b.session_id for b in board_repo.boards(self._db)}
        title = {s.id: texts.get(("session", s.id), s.title) for s in sessions}
        lines = tuple(
            SessionLine(title[s.id], s.date, texts.get(("venue", s.id), ""), s.format.label,
                        _by_role((pid, role) for sid, pid, role in attended if sid == s.id))
            for s in sessions if listed(s, options.include_sensitive))  # fmt: skip
        blocks: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for note in sel.notes:
            theme = (texts.get(("theme", note.theme_id), theme_names.get(note.theme_id, ""))
                     if note.theme_id else "")  # fmt: skip
            text = texts.get(("note", note.id), "")
            key = (board_session.get(note.board_id), theme)
            blocks.setdefault(key, []).append((text, votes.get(note.id, 0)))
        order = {s.id: i for i, s in enumerate(sessions)}
        themes = tuple(
            ThemeBlock(title.get(sid, ""), name, tuple(items))
            for (sid, name), items in sorted(blocks.items(), key=lambda kv: (
                order.get(kv[0][0], 0), kv[0][1] == "", kv[0][1].casefold())))  # fmt: skip
        quotes = tuple(
            Quote(title.get(c.session_id, ""), texts.get(("clip_title", c.id), ""),
                  without_timestamps(texts.get(("clip", c.id), "")), c.length_ms // 1000,
                  audio_names.get(c.id, ""))
            for c in sel.quotes)  # fmt: skip
        community = {pid for _s, pid, role in attended if role == Role.COMMUNITY.value}
        log = pack_log.lines(self._file, options.sections, ids, texts, title,
                             {n.id for n in sel.notes} if "themes" in options.sections else set(),
                             {c.id for c in sel.quotes})  # fmt: skip
        actions = pack_log.action_lines(
            self._file, ids, texts, sel.audience,
            {n.id for n in sel.notes} if "themes" in options.sections else set(),
            {c.id for c in sel.quotes}, issued.astimezone().date(),
        ) if "actions" in options.sections else ()  # fmt: skip
        reciprocity = pack_log.reciprocity_summary(self._file, ids, title) \
            if "reciprocity" in options.sections else None  # fmt: skip
        return PackDocument(
            pack_id, sel.audience, issued, frozenset(options.sections), lines,
            _by_role((pid, role) for _s, pid, role in attended), themes, quotes,
            self._consent_counts(community), len(sel.people), __version__, *log,
            actions=actions, reciprocity=reciprocity,
        )  # fmt: skip

    def _consent_counts(self, people: Iterable[str]) -> dict[str, dict[str, int]]:
        """For each consent item, how many community members are in each status."""
        form = self._consent.current_form()
        if form is None:
            return {}
        histories = self._consent.histories()
        wanted = [histories[p] for p in people if p in histories]
        return {item_label(item.key): {Status(k).label: v for k, v in Counter(
                    item_status(h, item.key).value for h in wanted).items()}
                for item in form.items}  # fmt: skip

    def _log(self, plan: PackPlan, pack_id: str, issued: dt.datetime, target: Path,
             digest: str, pages: int, protected: bool, mentions: list,
             anchor: Anchor) -> int:  # fmt: skip
        """Write the disclosure log (inside build's transaction); returns how many people's
        material the pack carried."""
        sel, options = plan.selection, plan.options
        items: list[tuple[str, str]] = []
        disclosures: list[tuple[str, str, str]] = []
        if "themes" in options.sections:
            for note in sel.notes:
                items.append(("note", note.id))
                if note.author_id:
                    disclosures.append((note.author_id, "note", note.id))
        for clip in sel.quotes:
            items.append(("clip", clip.id))
            disclosures += [(pid, "clip", clip.id) for pid in clip.speakers]
        for clip in sel.audio:
            items.append(("clip_audio", clip.id))
            disclosures += [(pid, "clip_audio", clip.id) for pid in clip.speakers]
        # a participant named (by pseudonym) in someone else's words is in the pack too
        disclosures += [(pid, "mention", sid) for pid, _kind, sid in dict.fromkeys(mentions)]
        details = {
            "sessions": list(options.session_ids) or [s.id for s in self._sessions.list()],
            "sections": sorted(options.sections), "pages": pages, "protected": protected,
            "attachments": len(sel.audio), "include_sensitive": options.include_sensitive,
            "excluded": {k: dict(v) for k, v in sel.excluded.items()},
            "detections_removed": sum(1 for f in plan.findings if f.decision == "accept"),
            "version": __version__, "audit_anchor": [anchor.seq, anchor.hash],
        }  # fmt: skip
        disclosures = list(dict.fromkeys(disclosures))
        packs_repo.record(self._db, {
            "id": pack_id, "audience": sel.audience, "issued_at": issued.isoformat(),
            "file_name": target.name, "sha256": digest, "issued_by": self._actor(),
            "details": details}, items, disclosures)  # fmt: skip
        self.audit("pack.exported", "pack", pack_id,
                   {"audience": sel.audience, "sha256": digest, "items": len(items),
                    "people": len({d[0] for d in disclosures}),
                    "audit_anchor": [anchor.seq, anchor.hash]})  # fmt: skip
        return len({d[0] for d in disclosures})

    # the log -----------------------------------------------------------------------------
    def packs(self) -> list[dict]:
        with self.read():
            return packs_repo.packs(self._db)

    def contents(self, pack_id: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, int]]]:
        """What a pack carried: its items (kind, id) and its people (id, pseudonym, items)."""
        with self.read():
            return packs_repo.items(self._db, pack_id), packs_repo.disclosed_people(
                self._db, pack_id
            )


def _within(sections: frozenset[str], selection: Selection) -> Selection:
    """Only what the chosen sections carry (and only their reasons for leaving things out)."""
    excluded = dict(selection.excluded)
    notes, quotes, audio = selection.notes, selection.quotes, selection.audio
    if not sections & {"themes", "charts"}:
        notes = ()
        excluded.pop("note", None)
    if "quotes" not in sections:
        quotes = audio = ()
        excluded.pop("clip", None)
        excluded.pop("audio", None)
    return replace(selection, notes=notes, quotes=quotes, audio=audio, excluded=excluded)


def _bleeped_only(selection: Selection, findings) -> Selection:
    """Audio goes out only where the words taken out of its transcript are bleeped."""
    keep = [c for c in selection.audio if not unbleeped(c, findings)]
    if len(keep) == len(selection.audio):
        return selection
    excluded = {k: Counter(v) for k, v in selection.excluded.items()}
    excluded.setdefault("audio", Counter())[NOT_BLEEPED] += len(selection.audio) - len(keep)
    return replace(selection, audio=tuple(keep), excluded=excluded)


def _by_role(people) -> dict[str, int]:
    """Role label -> how many different people."""
    return {Role(role).label: n for role, n in Counter(dict(people).values()).items()}
