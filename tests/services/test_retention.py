"""Retention: what is due as the clock moves on, erasing it from the raw bytes, and outputs
leaving out what is past its time before anything is erased."""

from __future__ import annotations

import datetime as dt

import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.retention import (
    AUDIO,
    AUDIO_PAST,
    MATERIAL,
    MATERIAL_PAST,
    NAMES,
    Facts,
    RetentionPolicy,
    add_months,
    due,
)
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import open_project
from tests.conftest import PASSPHRASE
from tests.helpers import AUDIO_MARK
from tests.sqlcipher_pages import decrypted_pages

LAST = dt.date(2026, 10, 17)  # the demo's last session


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), dt.timezone.utc)


@pytest.fixture
def demo(demo_path):
    project = open_project(demo_path, PASSPHRASE, actor="tester")
    yield project
    if project.is_open:
        project.close()


# the rule ---------------------------------------------------------------------------------
def test_months_are_added_to_the_calendar():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 10, 17), 12) == dt.date(2027, 10, 17)


def test_due_by_date_and_kept_never_due():
    facts = Facts(LAST, recordings=3, named=5, unresearched=("P-02",), material=4)
    policy = RetentionPolicy()
    assert due(policy, facts, add_months(LAST, 1)) == []
    assert [i.kind for i in due(policy, facts, dt.date(2027, 4, 17))] == [AUDIO]
    assert [i.kind for i in due(policy, facts, dt.date(2027, 10, 17))] == [AUDIO, NAMES, MATERIAL]
    kept = RetentionPolicy(None, None, None)
    assert due(kept, facts, dt.date(2040, 1, 1)) == []
    assert due(policy, Facts(None, 3, 5), dt.date(2040, 1, 1)) == []  # no session yet


@pytest.mark.parametrize("months", [0, -3, 241, 2.5, True])
def test_bad_periods_are_refused(project, months):
    before = project.retention.policy()
    with pytest.raises(ValidationError):
        project.retention.set_policy(RetentionPolicy(audio_months=months))
    assert project.retention.policy() == before


def test_policy_is_stored_and_audited(project):
    assert project.retention.policy() == RetentionPolicy(6, 12, 12)  # the defaults
    project.retention.set_policy(RetentionPolicy(3, None, 24))
    assert project.retention.policy() == RetentionPolicy(3, None, 24)
    entry = list(project.file.db.query(
        "SELECT details FROM audit_log WHERE action = 'retention.policy_set'"))
    assert len(entry) == 1 and '"names_months": null' in entry[0]["details"]
    assert project.info()["retention_policy"] == {"audio_months": 3, "names_months": None,
                                                  "material_months": 24}


# the demo, as the clock moves on -------------------------------------------------------------
def test_nothing_due_a_month_after_the_last_session(demo):
    assert demo.retention.policy() == RetentionPolicy(6, 12, 18)
    assert demo.retention.due(add_months(LAST, 1)) == []
    assert demo.retention.due(dt.date(2026, 12, 4)) == []
    assert demo.retention.erase_due(add_months(LAST, 1)) == {}
    assert demo.info()["retention_due"] == {}


def test_pack_at_seven_months_attaches_no_audio_before_erasing(demo):
    options = PackOptions("Trading Standards", attach_audio=True)
    now = demo.packs.plan(options, at=at(dt.date(2026, 12, 4)))
    assert now.selection.audio  # it could fail: the demo has audio that may be attached
    later = demo.packs.plan(options, at=at(add_months(LAST, 7)))
    assert later.selection.audio == ()
    assert later.selection.excluded["audio"][AUDIO_PAST] == len(now.selection.audio)
    assert len(later.selection.quotes) == len(now.selection.quotes)  # the words stay


def test_audio_due_at_seven_months_and_erased_from_the_raw_bytes(demo, demo_path):
    today = add_months(LAST, 7)
    items = demo.retention.due(today)
    assert [(i.kind, i.since) for i in items] == [(AUDIO, dt.date(2027, 4, 17))]
    clips = demo.radio.clips()
    assert any(c.has_audio for c in clips)
    from tests.helpers import add_marked_audio

    add_marked_audio(demo)
    demo.file.checkpoint()
    assert decrypted_pages(demo_path, PASSPHRASE).count(AUDIO_MARK) > 100
    erased = demo.retention.erase_due(today, progress=lambda *a: None)
    assert erased["raw audio"] == items[0].count + 1
    assert demo.retention.due(today) == []
    after = demo.radio.clips()
    assert [c.transcript for c in after] == [c.transcript for c in clips]  # words kept
    assert not any(c.has_audio for c in after)
    (entry,) = demo.file.db.query("SELECT details FROM audit_log WHERE action = "
                                  "'retention.erased'")  # fmt: skip
    assert '"raw audio"' in entry["details"] and "Maggie" not in entry["details"]
    demo.close()
    assert AUDIO_MARK not in decrypted_pages(demo_path, PASSPHRASE)
    assert AUDIO_MARK not in demo_path.read_bytes()


def test_names_due_at_thirteen_months_and_research_material_kept(demo, demo_path):
    db = demo.file.db
    people = {p.pseudonym: p for p in demo.participants.list()}
    named = [p for p in people.values() if p.real_name]
    assert named
    secret = named[0].real_name.encode()
    today = add_months(LAST, 13)
    kinds = {i.kind: i for i in demo.retention.due(today)}
    assert set(kinds) == {AUDIO, NAMES}  # material: eighteen months in the demo
    demo.retention.set_policy(RetentionPolicy(6, 12, 12))
    kinds = {i.kind: i for i in demo.retention.due(today)}
    assert set(kinds) == {AUDIO, NAMES, MATERIAL}
    unresearched = kinds[MATERIAL].whose
    assert unresearched and set(unresearched) < set(people)
    kept = [p for p in people if p not in unresearched]

    def material(pseudonym):
        """Their notes, and clips only they (or others who agreed) speak in: a clip shared
        with someone whose material goes, goes too (as on withdrawal)."""
        pid = people[pseudonym].id
        notes = db.execute("SELECT count(*) FROM notes WHERE author_id = ?", [pid]).fetchone()[0]
        marks = ", ".join("?" for _ in ids)
        clips = db.execute(
            "SELECT count(*) FROM clip_speakers WHERE participant_id = ? AND clip_id NOT IN "
            f"(SELECT clip_id FROM clip_speakers WHERE participant_id IN ({marks}))",
            [pid, *ids]).fetchone()[0]  # fmt: skip
        return notes + clips

    # Before erasing, outputs already leave their material out.
    plan = demo.packs.plan(PackOptions("Trading Standards"), at=at(today))
    assert plan.selection.excluded_total("note") and any(
        MATERIAL_PAST in reasons for reasons in plan.selection.excluded.values())
    ids = {people[p].id for p in unresearched}
    assert not any(n.author_id in ids for n in plan.selection.notes)

    kept_before = {p: material(p) for p in kept}
    assert sum(material(p) for p in unresearched) > 0
    erased = demo.retention.erase_due(today)
    assert erased["real names"] == len(named) and erased["notes"] > 0
    assert all(material(p) == 0 for p in unresearched)
    assert {p: material(p) for p in kept} == kept_before  # research material kept
    assert not any(p.real_name or p.aliases for p in demo.participants.list())
    assert [p.pseudonym for p in demo.participants.list()] == sorted(people, key=str.casefold)
    (entry,) = db.query("SELECT details FROM audit_log WHERE action = 'retention.erased'")
    assert secret.decode() not in entry["details"]
    from coprod_desktop.domain.audit import chain_problems
    from coprod_desktop.storage import audit_repo

    assert chain_problems(audit_repo.entries(db)) == []  # rewritten entries are accounted for
    demo.close()
    assert secret not in decrypted_pages(demo_path, PASSPHRASE)


# the command line ----------------------------------------------------------------------------
def test_cli_lists_erases_and_refuses_erasing_ahead(demo_path, monkeypatch, capsys):
    from coprod_desktop.cli import run_command

    monkeypatch.setenv("COPROD_PASSPHRASE", PASSPHRASE)
    assert run_command(["retention", str(demo_path)]) == 0
    assert "Nothing is past its retention" in capsys.readouterr().out
    assert run_command(["retention", str(demo_path), "--today", "2027-05-20"]) == 0
    out = capsys.readouterr().out
    assert "Raw audio: 4 due since 17 Apr 2027" in out and "Nothing was erased" in out
    assert run_command(["retention", str(demo_path), "--today", "2027-05-20", "--erase"]) == 2
    assert "no later than" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run_command(["retention", str(demo_path), "--today", "17/04/2027"])
    assert run_command(["info", str(demo_path), "--json"]) == 0
    import json

    info = json.loads(capsys.readouterr().out)
    assert info["retention_policy"] == {"audio_months": 6, "names_months": 12,
                                        "material_months": 18}
    assert info["retention_due"] == {}
    project = open_project(demo_path, PASSPHRASE)
    try:
        assert project.radio.counts()["clips"] and any(c.has_audio for c in project.radio.clips())
    finally:
        project.close()
