"""“You said, we did”: community feedback, the public document that goes back to the people who
took part — the themes they raised, quotes from those who agreed to be quoted, and what each
partner did or promised. It is anonymised and reviewed like a pack, passes its own consent gate
(quoted anonymously; nothing sensitive or safeguarding), is logged in the disclosure log under
the audience “Community feedback”, and is not marked confidential."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from coprod_desktop import __version__
from coprod_desktop.domain.actions import by_organisation
from coprod_desktop.domain.clips import TIMESTAMP
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.participants import Role
from coprod_desktop.domain.words import pieces
from coprod_desktop.export.feedback_document import (
    DidLine,
    FeedbackDocument,
    Response,
    SaidTheme,
)
from coprod_desktop.export.selection import (
    COMMUNITY,
    SENSITIVE,
    SESSION_SENSITIVE,
    Selection,
    listed,
    select,
)
from coprod_desktop.storage import actions_repo, packs_repo
from coprod_desktop.storage.connection import ProjectFile

from . import pack_log
from .anonymising import AnonymiseService, Finding, Item
from .base import Service
from .consent import ConsentService
from .issuing import check_target, issue
from .pack_text import outgoing
from .packs import PackService
from .radio import RadioService
from .retention import RetentionService
from .sessions import SessionService
from .verify import check_whole

Progress = Callable[[int | None, str], None]  # percent (None: not measurable), what is happening
NEVER_SENSITIVE = "Marked sensitive: never in community feedback"
NEVER_SENSITIVE_SESSION = "From a session marked sensitive: never in community feedback"
QUOTES_PER_THEME = 3
EXCERPT = 220  # characters of a clip's transcript quoted under its theme
# A speaker's label opening a line: "P-07: ", "VOICE 2: ", "[Participant 1]: " (not "The shop
# on [bleeped: shop name]").
_SPEAKER = re.compile(
    r"^[ \t]*(?:\[[^\]\n]{1,30}\]|[^\W\d_][\w'’.-]*(?:[ \t][\w'’.-]+){0,2}):[ \t]+", re.MULTILINE
)


@dataclass(frozen=True)
class FeedbackOptions:
    session_ids: tuple[str, ...] = ()  # empty: every session
    poster: bool = False  # the one-page poster for the venue wall instead of the full feedback
    cream: bool = False  # pale cream pages, easier for some readers with dyslexia
    contact: str = ""  # who to talk to, how to get in touch
    title: str = ""  # empty: the project's name
    received: bool = False  # say what people were given for taking part (totals by kind)


@dataclass(frozen=True)
class FeedbackPlan:
    """What the feedback would say now, the texts going out, and their detections."""

    options: FeedbackOptions
    selection: Selection  # the notes and clips that may be quoted
    quoted: tuple[tuple[str, str, str], ...]  # (theme id, "note" or "clip", id), as shown
    items: tuple[Item, ...]
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    sharing: frozenset[str] = frozenset()  # named by pseudonym: nobody, it is public

    @property
    def undecided(self) -> int:
        return sum(1 for f in self.findings if f.decision is None)


@dataclass(frozen=True)
class FeedbackResult:
    feedback_id: str
    path: Path
    sha256: str
    pages: int
    themes: int
    quotes: int
    actions: int
    accepted: int = 0  # undecided detections accepted for it (accept_undecided)


def new_feedback_id(today: dt.date | None = None) -> str:
    return f"FB-{(today or dt.date.today()):%y%m%d}-{secrets.token_hex(2).upper()}"


class FeedbackService(Service):
    def __init__(self, file: ProjectFile, actor: Callable[[], str], sessions: SessionService,
                 consent: ConsentService, radio: RadioService, anonymise: AnonymiseService,
                 packs: PackService, name: Callable[[], str],
                 retention: RetentionService | None = None):  # fmt: skip
        super().__init__(file, actor)
        self._retention = retention
        self._sessions, self._consent, self._radio = sessions, consent, radio
        self._anonymise, self._packs, self._name = anonymise, packs, name

    def _chosen(self, options: FeedbackOptions) -> list:
        sessions = [s for s in self._sessions.list()
                    if not options.session_ids or s.id in options.session_ids]  # fmt: skip
        if not sessions:
            raise ValidationError("Choose at least one session for the feedback.")
        return sessions

    def plan(self, options: FeedbackOptions, progress: Progress | None = None,
             at: dt.datetime | None = None) -> FeedbackPlan:  # fmt: skip
        """What the feedback would say at `at` (now): consent and retention as they are then."""
        at = at or dt.datetime.now(dt.timezone.utc)
        sessions = self._chosen(options)
        ids = [s.id for s in sessions]
        if progress:
            progress(2, "Checking consent")
        with self.read():
            notes = packs_repo.notes(self._db, ids)
        lapsed = self._retention.lapsed(at) if self._retention else None
        selection = select(COMMUNITY, sessions, notes, self._radio.clips(),
                           self._consent.histories(), at=at, lapsed=lapsed)  # fmt: skip
        public = {SENSITIVE: NEVER_SENSITIVE, SESSION_SENSITIVE: NEVER_SENSITIVE_SESSION}
        excluded = {kind: Counter({public.get(r, r): n for r, n in reasons.items()})
                    for kind, reasons in selection.excluded.items()}  # fmt: skip
        selection = replace(selection, excluded=excluded)
        quoted = [] if options.poster else _quoted(selection, self._votes())  # none on a poster
        named = {s.id for s in sessions if listed(s)}
        keep = {"session": named, "venue": named, "theme": _theme_ids(notes, sessions),
                "note": {i for _t, kind, i in quoted if kind == "note"},
                "clip": {i for _t, kind, i in quoted if kind == "clip"}}  # fmt: skip
        items = [i for i in self._anonymise.material(ids)
                 if i.source_id in keep.get(i.source_type, ())]  # fmt: skip
        items += self._anonymise.action_material(ids)
        findings = self._anonymise.review(
            items, (lambda n, total: progress(2 + 8 * n // max(1, total), "Anonymising"))
            if progress else None)  # fmt: skip
        return FeedbackPlan(options, selection, tuple(quoted), tuple(items), tuple(findings))

    def _votes(self) -> dict[str, int]:
        with self.read():
            return packs_repo.votes_per_note(self._db)

    def document(self, plan: FeedbackPlan, feedback_id: str, issued: dt.datetime,
                 texts: dict | None = None) -> FeedbackDocument:  # fmt: skip
        """What the feedback says, every text as it leaves the project."""
        if texts is None:
            texts = outgoing(plan.items, plan.findings, plan.sharing)[0]
        sessions = self._chosen(plan.options)
        ids = [s.id for s in sessions]
        with self.read():
            notes = packs_repo.notes(self._db, ids)
            names = packs_repo.theme_names(self._db)
            attended = packs_repo.attendance(self._db, ids)
            actions = [a for a in actions_repo.actions(self._db)
                       if a.session_id is None or a.session_id in ids]  # fmt: skip
            theme_of_note = {n.id: n.theme_id for n, _sid in notes}
        votes = self._votes()
        quotes: dict[str, list[str]] = {}
        for theme_id, kind, source_id in plan.quoted:
            text = texts.get((kind, source_id), "")
            quotes.setdefault(theme_id, []).append(_excerpt(text) if kind == "clip" else text)
        counted: dict[str, list[int]] = {}
        guarded = {s.id for s in sessions if s.safeguarding}
        for note, sid in notes:  # never a safeguarding session's notes, not even as a count
            if note.theme_id and not note.safeguarding and sid not in guarded:
                tally = counted.setdefault(note.theme_id, [0, 0])
                tally[0] += 1
                tally[1] += votes.get(note.id, 0)
        said = sorted(
            (SaidTheme(texts.get(("theme", tid), names.get(tid, "")), n, v,
                       tuple(q for q in quotes.get(tid, ()) if q))
             for tid, (n, v) in counted.items()),
            key=lambda t: (-t.votes, -t.notes, t.name.casefold()))  # fmt: skip
        theme_name = {tid: texts.get(("theme", tid), names.get(tid, "")) for tid in counted}
        did = tuple(
            DidLine(texts.get(("action_owner", a.id), ""), texts.get(("action", a.id), ""),
                    a.status.value, a.due,
                    tuple(Response(r.on, texts.get(("action_response", r.id), ""))
                          for r in a.responses),
                    _answers(a.evidence, theme_of_note, theme_name))
            for group in by_organisation(actions).values() for a in group)  # fmt: skip
        community = {pid for _s, pid, role in attended if role == Role.COMMUNITY.value}
        lines = tuple((texts.get(("session", s.id), s.title), s.date,
                       texts.get(("venue", s.id), "")) for s in sessions if listed(s))  # fmt: skip
        options = plan.options
        received = pack_log.reciprocity_summary(
            self._file, ids, {s.id: texts.get(("session", s.id), s.title) for s in sessions}
        ) if options.received else None  # fmt: skip
        return FeedbackDocument(feedback_id, options.title.strip() or self._name(), issued,
                                lines, len(community), tuple(said), did, options.contact.strip(),
                                options.cream, received)  # fmt: skip

    # issuing -----------------------------------------------------------------------------
    def build(self, options: FeedbackOptions, target: Path, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None, accept_undecided: bool = False
              ) -> FeedbackResult:  # fmt: skip
        """Like a pack: check the destination and the whole file, refuse while a detection is
        undecided (unless `accept_undecided`), render, then write the file and its disclosure
        log together or not at all."""
        from coprod_desktop.export import feedback_pdf, pdf

        target = check_target(target, "feedback")
        check_whole(self._file, (lambda n, total, text: progress(None, f"{text} (step "
                                 f"{min(n + 1, total)} of {total})")) if progress else None)
        plan = self.plan(options, progress)
        accepting = [f for f in plan.findings if f.decision is None]
        if accepting and not accept_undecided:
            raise ValidationError(
                f"Still to decide in this feedback: {pieces(plan.undecided)}. Review them "
                "on the Anonymise page (remove or keep each) before making it."
            )
        if accepting:
            plan = replace(plan, findings=tuple(replace(f, decision="accept")
                                                if f.decision is None else f
                                                for f in plan.findings))  # fmt: skip
        issued = dt.datetime.now(dt.timezone.utc)
        feedback_id = new_feedback_id(issued.astimezone().date())
        texts = outgoing(plan.items, plan.findings, plan.sharing)[0]
        document = self.document(plan, feedback_id, issued, texts)
        if not document.said and not document.did:
            raise ValidationError("There is nothing to feed back yet: no themes on the sessions' "
                                  "boards and no actions. Group notes into themes or add "
                                  "actions first.")  # fmt: skip
        if progress:
            progress(12, "Laying out pages")
        if options.poster:
            data, pages = feedback_pdf.poster_pdf(document), 1
        else:
            data, pages = feedback_pdf.feedback_pdf(
                document, (lambda done, total: progress(12 + 80 * done // max(1, total),
                                                        "Laying out pages"))
                if progress else None, cancelled)  # fmt: skip
        if cancelled and cancelled():
            raise pdf.Cancelled
        digest = hashlib.sha256(data).hexdigest()

        def record() -> None:
            self._anonymise.accept_all(accepting)
            self._log(plan, document, target, digest, pages)

        issue(self, target, data, record, "feedback")
        if progress:
            progress(100, "Done")
        return FeedbackResult(feedback_id, target, digest, pages, len(document.said),
                              sum(len(t.quotes) for t in document.said), len(document.did),
                              len(accepting))  # fmt: skip

    def _log(self, plan: FeedbackPlan, document: FeedbackDocument, target: Path, digest: str,
             pages: int) -> None:  # fmt: skip
        """The disclosure log: which notes and clips were quoted, whose they were."""
        people = {n.id: [n.author_id] if n.author_id else [] for n in plan.selection.notes}
        people.update({c.id: list(c.speakers) for c in plan.selection.quotes})
        items = list(dict.fromkeys((kind, i) for _t, kind, i in plan.quoted))
        disclosures = [(pid, kind, i) for kind, i in items for pid in people.get(i, ())]
        anchor = self.anchor()
        details = {"sessions": [s.id for s in self._chosen(plan.options)],
                   "poster": plan.options.poster, "pages": pages,
                   "themes": len(document.said), "actions": len(document.did),
                   "detections_removed": sum(1 for f in plan.findings if f.decision == "accept"),
                   "version": __version__, "audit_anchor": [anchor.seq, anchor.hash]}  # fmt: skip
        packs_repo.record(self._db, {
            "id": document.feedback_id, "audience": COMMUNITY,
            "issued_at": document.issued.isoformat(), "file_name": target.name, "sha256": digest,
            "issued_by": self._actor(), "details": details}, items,
            list(dict.fromkeys(disclosures)))  # fmt: skip
        self.audit("feedback.issued", "pack", document.feedback_id,
                   {"sha256": digest, "items": len(items), "poster": plan.options.poster,
                    "people": len({d[0] for d in disclosures})})  # fmt: skip


def _quoted(selection: Selection, votes: dict[str, int]) -> list[tuple[str, str, str]]:
    """What each theme quotes, as (theme id, kind, id): of what may be quoted, one radio-lab
    clip (a voice from the lab) and then the most voted notes, a few a theme in all. A clip
    with bleeps is not quoted: without word timings nobody can tell which words of its
    transcript the bleeps hide, and this document is public. Nor is a clip with a flagged part:
    its gaps would tell the public something was taken out, and where."""
    quoted: dict[str, list[tuple[str, str, str]]] = {}
    for clip in selection.quotes:  # each clip once, under the first of its themes without one
        if clip.edits.bleeps or clip.ranges:  # its text may say what its sound hides, or gaps
            continue
        theme_id = next((t for t in clip.themes if not quoted.get(t)), None)
        if theme_id is not None:
            quoted[theme_id] = [(theme_id, "clip", clip.id)]
    notes = sorted((n for n in selection.notes if n.theme_id and not n.sensitive),
                   key=lambda n: -votes.get(n.id, 0))  # fmt: skip
    for note in notes:
        chosen = quoted.setdefault(note.theme_id, [])
        if len(chosen) < QUOTES_PER_THEME:
            chosen.append((note.theme_id, "note", note.id))
    return [q for chosen in quoted.values() for q in chosen]


def _theme_ids(notes, sessions) -> set[str]:
    guarded = {s.id for s in sessions if s.safeguarding}
    return {n.theme_id for n, sid in notes
            if n.theme_id and not n.safeguarding and sid not in guarded}  # fmt: skip


def _excerpt(transcript: str) -> str:
    """The start of a transcript as a quote: no timestamps, no speakers' labels."""
    lines = TIMESTAMP.sub("\n", transcript)  # a timestamp starts a turn: "[0:03] P-07: …"
    text = " ".join(_SPEAKER.sub("", lines).split())
    if len(text) <= EXCERPT:
        return text
    cut = text[:EXCERPT].rsplit(" ", 1)[0]
    return f"{cut}…"


def _answers(evidence, theme_of_note: dict, theme_name: dict) -> tuple[str, ...]:
    """Names of the themes an action answers: its themes, and those of its notes."""
    ids = [sid if kind == "theme" else theme_of_note.get(sid) for kind, sid in evidence
           if kind in ("theme", "note")]  # fmt: skip
    return tuple(dict.fromkeys(theme_name[t] for t in ids if t in theme_name))
