"""The pieces of a participant's own copy: what was gathered about them, the texts to anonymise,
and the document those texts make (consent history, withdrawals, erasures, disclosures)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from coprod_desktop.domain.audit import Anchor
from coprod_desktop.domain.board import Note
from coprod_desktop.domain.clips import Clip
from coprod_desktop.domain.consent import CREDIT, ConsentHistory, Method, Scope
from coprod_desktop.domain.names import Names
from coprod_desktop.domain.participants import Participant
from coprod_desktop.domain.programmes import Item as ProgrammeItem
from coprod_desktop.domain.programmes import Programme, Role
from coprod_desktop.domain.sessions import Session
from coprod_desktop.domain.words import counted
from coprod_desktop.export.own_copy import ClipPart, ConsentLine, NoteLine, OwnCopyDocument

from .anonymising import Item

OTHER_PARTICIPANT = "[another participant]"

# What a disclosure row's kind of item is, in the person's words: (one, many).
KINDS = {
    "note": ("note", "notes"),
    "clip": ("quote from a clip", "quotes from clips"),
    "clip_audio": ("clip's sound", "clips' sound"),
    "recording": ("recording", "recordings"),
    "mention": ("mention of your pseudonym", "mentions of your pseudonym"),
    "credit": ("credit", "credits"),
}


@dataclass(frozen=True)
class Material:
    person: Participant
    notes: list[Note]
    note_sessions: Mapping[str, str]  # note id -> session id
    boards: Mapping[str, str]  # board id -> title
    themes: Mapping[str, str]  # theme id -> name
    sessions: Mapping[str, Session]
    clips: list[Clip]
    dots: int
    rounds: int
    anonymous_rounds: int
    roles: list[tuple[Programme, ProgrammeItem, Role]]
    history: ConsentHistory
    disclosures: list[dict]
    names: Names  # the person's own names (and their guardians'), to become the pseudonym
    others: list[str]  # everyone else's pseudonyms


def items(m: Material) -> list[Item]:
    """Every text of theirs the copy shows, whole, as the Anonymise screen reviews it."""
    sessions = list(dict.fromkeys([*m.note_sessions.values(), *(c.session_id for c in m.clips)]))
    out = [Item("session", sid, "Session title", m.sessions[sid].title, sid)
           for sid in sessions if sid in m.sessions]  # fmt: skip
    themes = dict.fromkeys(n.theme_id for n in m.notes if n.theme_id in m.themes)
    out += [Item("theme", tid, "Theme name", m.themes[tid]) for tid in themes]
    out += [Item("note", n.id, f"Note on “{m.boards.get(n.board_id, '')}”", n.text,
                 m.note_sessions.get(n.id)) for n in m.notes]  # fmt: skip
    for clip in m.clips:
        out.append(Item("clip_title", clip.id, f"Title of clip “{clip.title}”", clip.title,
                        clip.session_id))  # fmt: skip
        if clip.transcript.strip():
            out.append(Item("clip", clip.id, f"Transcript of “{clip.title}”", clip.transcript,
                            clip.session_id))  # fmt: skip
    programmes = dict.fromkeys(p for p, _i, _r in m.roles)
    out += [Item("programme", p.id, "Programme title", p.title) for p in programmes]
    entries = dict.fromkeys((p, i) for p, i, _r in m.roles)
    out += [Item("programme_item", i.id, f"Item in “{p.title}”", i.title) for p, i in entries]
    return out


def only_them(text: str, m: Material) -> str:
    """The person's own names become their pseudonym (whatever was decided about them), and
    anyone else's pseudonym a placeholder: nobody else is named in their copy."""
    text = m.names.replace(text)
    others = [p for p in m.others if p.strip()]
    if others:
        alternatives = "|".join(re.escape(p) for p in sorted(others, key=len, reverse=True))
        text = re.sub(rf"(?<!\w)(?:{alternatives})(?!\w)", OTHER_PARTICIPANT, text,
                      flags=re.IGNORECASE)  # fmt: skip
    return text


def session_line(session_id: str | None, m: Material, texts: Mapping) -> str:
    session = m.sessions.get(session_id or "")
    if session is None:
        return "No session"
    return f"{texts.get(('session', session.id), '')}, {_day(session.date)}"


def _day(moment: dt.date | dt.datetime) -> str:
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone()
    return f"{moment:%d %B %Y}".lstrip("0")


def document(m: Material, texts: Mapping, clips: tuple[ClipPart, ...], issued: dt.datetime,
             anchor: Anchor) -> OwnCopyDocument:  # fmt: skip
    notes = tuple(NoteLine(session_line(m.note_sessions.get(n.id), m, texts),
                           texts.get(("theme", n.theme_id), "") if n.theme_id else "",
                           texts[("note", n.id)]) for n in m.notes)  # fmt: skip
    roles = tuple(f"{role.label}: “{texts[('programme_item', item.id)]}” in "
                  f"“{texts[('programme', programme.id)]}”"
                  for programme, item, role in m.roles)  # fmt: skip
    return OwnCopyDocument(
        m.person.pseudonym, issued, notes, clips, m.dots, m.rounds, m.anonymous_rounds, roles,
        _consents(m), _withdrawals(m), _erased(m), _disclosures(m, texts), anchor,
        ("Other people are shown only as “[another speaker]”, “[another participant]”, "
         "“[Participant 1]” or “[Person A]”; other personal details as “[phone]” and the like.",),
    )  # fmt: skip


def _consents(m: Material) -> tuple[ConsentLine, ...]:
    out = []
    for record in sorted(m.history.records, key=lambda r: r.given_at):
        form = m.history.forms.get(record.form_id)
        answers = []
        for item in form.items if form else ():
            answer = record.decisions.get(item.key)
            text = "Yes" if answer else ("No" if answer is False else "Not asked")
            if answer and item.key == CREDIT and record.credit_name:
                text = ("Yes, under the name you chose" if m.names.find(record.credit_name)
                        else f"Yes, as “{record.credit_name}”")  # fmt: skip
            answers.append((item.wording, text))
        answers += [(f"Sharing with {org}", "Yes" if ok else "No")
                    for org, ok in record.partner_decisions.items()]  # fmt: skip
        if record.guardian_relationship:
            answers.append(("A parent or guardian agreed too", record.guardian_relationship))
        method = record.method.label
        if record.method is Method.PAPER and record.paper_reference:
            method += f" (reference {record.paper_reference})"
        title = (f"{form.title}, version {form.version} (reference {form.content_hash[:12]})"
                 if form else f"Consent form version {record.form_version}")  # fmt: skip
        out.append(ConsentLine(record.given_at, title, method, tuple(answers)))
    return tuple(out)


SCOPES = {Scope.EVERYTHING: "Everything", Scope.AUDIO_ONLY: "Audio only",
          Scope.FUTURE_PACKS: "Future packs only"}  # fmt: skip


def _withdrawals(m: Material) -> tuple[str, ...]:
    return tuple(f"{SCOPES[w.scope]}: from {_day(w.effective_at)}"
                 for w in sorted(m.history.withdrawals, key=lambda w: w.effective_at))  # fmt: skip


def _erased(m: Material) -> tuple[str, ...]:
    out = []
    for w in sorted(m.history.withdrawals, key=lambda w: w.effective_at):
        if w.scope is Scope.EVERYTHING:
            out.append(f"You withdrew everything on {_day(w.effective_at)}: your notes, clips "
                       "and words, your votes and your recordings were erased from the project "
                       "then. What is left is below.")  # fmt: skip
        elif w.scope is Scope.AUDIO_ONLY:
            out.append(f"You withdrew your audio on {_day(w.effective_at)}: your recordings "
                       "were erased from the project then.")  # fmt: skip
    return tuple(out)


def _disclosures(m: Material, texts: Mapping) -> tuple[str, ...]:
    packs: dict[str, dict] = {}
    for row in m.disclosures:
        pack = packs.setdefault(row["pack_id"], {**row, "kinds": []})
        one, many = KINDS.get(row["item_kind"], (row["item_kind"], row["item_kind"]))
        pack["kinds"].append(counted(row["items"], one, many))
    lines = []
    for pack in packs.values():
        issued = dt.datetime.fromisoformat(pack["issued_at"])
        audience = only_them(pack["audience"], m)
        lines.append(f"{_day(issued)} — {audience} — file “{pack['file_name']}”: "
                     f"{', '.join(pack['kinds'])}")  # fmt: skip
    return tuple(lines)
