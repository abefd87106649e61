"""The safeguarding log in real encrypted projects: concerns validated, saved with their
follow-ups, undone and redone, audited without their text; overdue follow-ups; the report is
always password-protected (AES-256) and opens only with its password; and nothing of the log
reaches a pack, feedback, a participant's copy or the anonymise review."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pikepdf
import pypdf
import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.safeguarding import ActionTaken, Concern, FollowUp
from coprod_desktop.services.base import Replaced
from coprod_desktop.services.feedback import FeedbackOptions
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import open_project
from tests.conftest import PASSPHRASE

WHEN = dt.datetime(2026, 10, 3, 15, 5).astimezone()
SECRET = "Told us her brother keeps her bank card"
# Fragments of the demo's concerns (what happened, the service, follow-ups, closing note).
DEMO_TEXTS = ("doorstep lender has been calling", "frightened to answer the door",
              "illegal money lending team", "not sleeping at home", "staying with his aunt",
              "Check with P-03 that the adviser called", "settled and safe")  # fmt: skip


def text_of(path, password: str = "") -> str:
    reader = pypdf.PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt(password)
    return " ".join("".join(p.extract_text() for p in reader.pages).split())


def concern(**changes) -> Concern:
    base = Concern("", SECRET, WHEN, "Sam (facilitator)", "Aileen Baird",
                   ActionTaken.REFERRED, "Adult Support and Protection team",
                   follow_ups=(FollowUp(dt.date(2026, 10, 10), "Call the team back"),))
    return replace(base, **changes)


def audit_rows(project) -> list[tuple[str, str]]:
    return [tuple(r) for r in project.file.db.execute(
        "SELECT action, details FROM audit_log WHERE action LIKE 'safeguarding.%' ORDER BY seq")]


@pytest.mark.parametrize(("changes", "message"), [
    ({"what": "   "}, "Say what happened"),
    ({"raised_by": ""}, "who raised"),
    ({"lead": " "}, "safeguarding lead"),
    ({"service": ""}, "Name the service"),
    ({"action": ActionTaken.NONE, "reason": ""}, "why no action"),
    ({"closed_on": dt.date(2026, 10, 20), "closing_note": ""}, "closing note"),
    ({"closed_on": dt.date(2026, 9, 1), "closing_note": "ok"}, "before it was raised"),
])  # fmt: skip
def test_a_concern_missing_what_it_needs_is_refused_and_nothing_is_saved(project, changes,
                                                                          message):
    with pytest.raises(ValidationError, match=message):
        project.safeguarding.save(concern(**changes))
    assert project.safeguarding.list() == []


def test_a_concern_keeps_its_follow_ups_and_its_lead_comes_from_the_session(project):
    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop",
                                            safeguarding_lead="Aileen Baird"))
    draft = project.safeguarding.draft()
    assert (draft.session_id, draft.lead) == (session.id, "Aileen Baird")
    saved = concern(session_id=session.id, follow_ups=(
        FollowUp(dt.date(2026, 11, 1), "second"), FollowUp(dt.date(2026, 10, 10), "first")))
    project.safeguarding.save(saved)
    project.close()
    again = open_project(project.path, PASSPHRASE, "tester")
    try:
        [stored] = again.safeguarding.list()
        assert [f.note for f in stored.follow_ups] == ["first", "second"]  # by due date
        assert stored.service == "Adult Support and Protection team"
        assert len(stored.overdue(dt.date(2026, 10, 20))) == 1
        assert again.safeguarding.overdue(dt.date(2026, 10, 20)) == [stored]
        closed = again.safeguarding.close(stored.id, "Team took it on", dt.date(2026, 10, 21))
        assert closed.closed and closed.overdue(dt.date(2026, 12, 1)) == []
        assert again.info()["safeguarding_concerns"] == {"open": 0, "closed": 1}
    finally:
        again.close()


def test_undo_and_redo_put_a_concern_back_and_the_audit_has_no_text(project):
    log = project.safeguarding
    replaced = log.replaced("safeguarding_concern", "c1")
    log.save(concern(id="c1"))
    redo = log.put_back(replaced)  # undo the add
    assert log.list() == []
    log.put_back(redo)  # redo
    [back] = log.list()
    before = log.replaced("safeguarding_concern", back.id)
    log.delete(back.id)
    log.put_back(before)
    assert log.get(back.id).what == SECRET
    rows = audit_rows(project)
    assert [a for a, _d in rows][:2] == ["safeguarding.added", "safeguarding.deleted"]
    details = " ".join(d for _a, d in rows)
    assert json.loads(rows[0][1])["action"] == "referred"
    for text in (SECRET, "Adult Support", "Call the team back", "Sam", "Aileen"):
        assert text not in details


def test_the_report_is_always_encrypted_and_opens_with_its_password(project, tmp_path):
    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop"))
    person = project.participants.save(replace(project.participants.draft(), pseudonym="P-09",
                                               real_name="Morag Campbell"))
    project.safeguarding.save(concern(session_id=session.id, participant_id=person.id))
    target = tmp_path / "log.pdf"
    for bad in ("", "short"):
        with pytest.raises(ValidationError, match="at least 8"):
            project.safeguarding.report(target, bad)
        assert not target.exists()
    result = project.safeguarding.report(target, "a long password")
    assert result.concerns == 1
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(target)
    reader = pypdf.PdfReader(target)
    assert reader.is_encrypted
    assert reader.decrypt("wrong password") == pypdf.PasswordType.NOT_DECRYPTED
    encrypt = reader.trailer["/Encrypt"]
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6  # AES-256
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert SECRET.encode() not in target.read_bytes()
    text = text_of(target, "a long password")
    assert SECRET in text and "Adult Support and Protection team" in text
    assert text.count("Safeguarding log — restricted") >= 2  # the banner, on every page
    assert "P-09" in text and "Morag" not in text  # by pseudonym, never the real name
    [row] = [d for a, d in audit_rows(project) if a == "safeguarding.report_issued"]
    assert json.loads(row)["protected"] is True and SECRET not in row
    assert project.file.db.execute("SELECT COUNT(*) FROM packs").fetchone()[0] == 0


def test_a_report_to_a_missing_folder_is_refused_before_any_work(project, tmp_path):
    project.safeguarding.save(concern())
    with pytest.raises(ValidationError, match="does not exist"):
        project.safeguarding.report(tmp_path / "nowhere" / "log.pdf", "a long password")
    assert not [a for a, _d in audit_rows(project) if a == "safeguarding.report_issued"]


def test_nothing_of_the_log_reaches_packs_feedback_copies_or_the_review(demo_path, tmp_path):
    project = open_project(demo_path, PASSPHRASE, "tester")
    try:
        assert project.info()["safeguarding_concerns"] == {"open": 1, "closed": 1}
        [referred] = [c for c in project.safeguarding.list() if not c.closed]
        assert referred.service and referred.follow_ups
        made = []
        for audience in ("Trading Standards", "Citizens Advice"):
            target = tmp_path / f"{audience}.pdf"
            project.packs.build(PackOptions(audience), target, accept_undecided=True)
            made.append(target)
        for poster in (False, True):
            target = tmp_path / f"feedback-{poster}.pdf"
            project.feedback.build(FeedbackOptions(poster=poster), target, accept_undecided=True)
            made.append(target)
        person = referred.participant_id
        target = tmp_path / "own-copy.pdf"
        project.own_copy.build(person, target)  # the person the concern is about
        made.append(target)
        texts = {p.name: text_of(p) for p in made}
        assert all(texts.values())
        material = " ".join(i.text for i in project.anonymise.material())
        for fragment in DEMO_TEXTS:
            assert fragment in " ".join(c.what + c.service + c.closing_note
                                        + " ".join(f.note for f in c.follow_ups)
                                        for c in project.safeguarding.list())
            for name, text in texts.items():
                assert fragment not in text, name
            assert fragment not in material
    finally:
        project.close()


def test_a_fresh_project_has_the_log_and_signposting_tables(project):
    tables = {r[0] for r in project.file.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"safeguarding_concerns", "safeguarding_follow_ups", "signposts"} <= tables


def test_undo_of_several_records_uses_one_replaced(project):
    log = project.safeguarding
    log.save(concern(id="a"))
    log.save(concern(id="b", what="Another worry"))
    state = Replaced("safeguarding_concern", (("a", None), ("b", None)))
    log.put_back(state)
    assert log.list() == []
