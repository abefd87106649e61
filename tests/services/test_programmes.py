"""Radio programmes on real encrypted projects: the running order stored and undone, who is
heard in each item, the broadcast gate as the project sees it, and what a withdrawal does to a
programme that has gone out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coprod_desktop.domain import consent as c
from coprod_desktop.domain.consent import Method, Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.programmes import ItemKind, Role, moved
from coprod_desktop.storage import audit_repo
from coprod_desktop.storage.errors import ConflictError
from tests.services.test_consent_service import add_person, consent_for
from tests.services.test_radio import recorded, tone

UTC = dt.timezone.utc


def agreed(project, pseudonym: str, **decisions):
    someone = add_person(project, pseudonym=pseudonym)
    extra = {"credit_name": decisions.pop("credit")} if "credit" in decisions else {}
    if extra:
        decisions[c.CREDIT] = True
    project.consent.record(consent_for(project, someone, method=Method.VERBAL, witness="Ann",
                                       decisions=decisions, **extra))  # fmt: skip
    return someone


@pytest.fixture
def show(project):
    """A programme: a link by P-01 (with P-02 in earshot), a clip spoken by P-03, a pause."""
    p1, p2, p3 = (agreed(project, f"P-0{n}") for n in (1, 2, 3))
    link = project.programmes.link_item(recorded(project, [p1, p2], tone(2.0)), "Intro")
    clip = project.radio.add_recorded(recorded(project, [p3], tone(3.0, 330)), "Steamie")
    programme = replace(project.programmes.draft(), title="Voices of the East End", items=(
        replace(link, roles=((p1.id, Role.PRESENTER),)),
        replace(project.programmes.clip_item(clip), join_ms=500, roles=((p3.id, Role.EDITOR),)),
        project.programmes.silence_item(1_000)))  # fmt: skip
    return project.programmes.save(programme), (p1, p2, p3), clip


def test_a_programme_is_stored_with_its_running_order_and_roles(project, show):
    programme, (p1, _p2, _p3), clip = show
    again = project.programmes.get(programme.id)
    assert again == programme
    assert [(i.kind, i.length_ms) for i in again.items] == [
        (ItemKind.LINK, 2_000), (ItemKind.CLIP, 3_000), (ItemKind.SILENCE, 1_000)]
    assert again.items[0].roles == ((p1.id, Role.PRESENTER),)
    project.radio.save_clip(replace(clip, edits=replace(clip.edits, trim_in_ms=1_000)))
    assert project.programmes.get(programme.id).items[1].length_ms == 2_000  # as the clip is now
    assert project.programmes.find("voices OF the east end").id == programme.id
    assert project.programmes.find().id == programme.id  # the most recently changed
    actions = [e.action for e in audit_repo.entries(project.file.db)]
    assert "programme.added" in actions


def test_every_change_undoes_and_redoes_as_a_whole(project, show):
    programme = show[0]
    replaced = project.programmes.replaced("programme", programme.id)
    project.programmes.save(moved(programme, 2, 0))
    redo = project.programmes.put_back(replaced)
    assert project.programmes.get(programme.id) == programme
    project.programmes.put_back(redo)
    assert project.programmes.get(programme.id).items[0].kind is ItemKind.SILENCE
    deleted = project.programmes.replaced("programme", programme.id)
    project.programmes.delete(programme.id)
    assert project.programmes.get(programme.id) is None
    project.programmes.put_back(deleted)
    assert project.programmes.get(programme.id) is not None


def test_an_item_whose_audio_is_gone_cannot_be_added(project, show):
    programme, _people, clip = show
    project.radio.delete_clip(clip.id)
    stored = project.programmes.get(programme.id)
    assert stored.items[1].lost  # kept, to show what went
    project.programmes.save(replace(stored, title="Renamed"))  # still saves
    fresh = replace(project.programmes.clip_item(clip), id="new-item")
    with pytest.raises(ConflictError, match="no longer"):
        project.programmes.save(replace(stored, items=(*stored.items, fresh)))


def test_everyone_heard_is_a_voice_speakers_and_people_in_earshot(project, show):
    programme, (p1, p2, p3), _clip = show
    voices = project.programmes.voices(programme)
    assert voices == {programme.items[0].id: [p1.id, p2.id], programme.items[1].id: [p3.id]}
    assert project.programmes.gate(programme)


def test_the_gate_names_who_declined_broadcast_by_pseudonym(project, show):
    programme, _people, clip = show
    shy = agreed(project, "P-09", **{c.BROADCAST: False})
    project.radio.save_clip(replace(clip, speakers=(*clip.speakers, shy.id)))
    gate = project.programmes.gate(project.programmes.get(programme.id))
    assert not gate
    assert gate.summary() == "“Steamie”: P-09: Declined: Voice broadcast."


def test_a_name_removed_in_review_must_be_bleeped_in_the_audio(project, show):
    programme, _people, clip = show
    project.radio.save_clip(replace(clip, transcript="[0:00.5] Ask Bernadette Quinn at no. 4"))
    gate = project.programmes.gate(project.programmes.get(programme.id))
    assert not gate and "still to be bleeped in the audio" in gate.summary()
    bleeped = replace(clip.edits, bleeps=((500, 3_000),))
    project.radio.save_clip(replace(project.radio.clip(clip.id), edits=bleeped))
    assert project.programmes.gate(project.programmes.get(programme.id))


def test_programme_words_are_material_for_review(project, show):
    programme = show[0]
    project.programmes.save(replace(programme, show_notes="Thanks to Bernadette Quinn."))
    kinds = {i.source_type for i in project.anonymise.material()}
    assert {"programme", "programme_notes", "programme_item"} <= kinds
    found = project.anonymise.review(project.anonymise.programme_material())
    assert any(f.detection.text == "Bernadette Quinn" for f in found)


def test_credits_only_for_those_who_typed_a_credit(project, show):
    programme, (_p1, _p2, p3), _clip = show
    assert project.programmes.credits(programme) == ""
    project.consent.record(consent_for(project, p3, method=Method.VERBAL, witness="Ann",
                                       decisions={c.CREDIT: True}, credit_name="Big Shug",
                                       at=dt.datetime.now(UTC)))  # fmt: skip
    assert project.programmes.credits(programme) == "Made by: Big Shug (editor)"


def test_withdrawing_everything_blocks_until_remade_and_their_roles_go(project, show):
    programme, (_p1, _p2, p3), _clip = show
    project.consent.withdraw(p3.id, Scope.EVERYTHING, dt.datetime.now(UTC))
    stored = project.programmes.get(programme.id)
    assert stored.items[1].lost and stored.items[1].roles == ()  # clip erased, role gone
    gate = project.programmes.gate(stored)
    assert not gate and gate.playing == (stored.items[0].id, stored.items[2].id)
    assert gate.notes() == "“Steamie” is left out: its audio has been erased."
    before = project.programmes.remake(programme.id)
    assert before == stored
    again = project.programmes.get(programme.id)
    assert [i.kind for i in again.items] == [ItemKind.LINK, ItemKind.SILENCE]
    assert project.programmes.gate(again)
    with pytest.raises(ValidationError, match="Nothing in this programme"):
        project.programmes.remake(programme.id)


def test_a_release_is_logged_and_a_later_withdrawal_asks_for_a_remake(project, show, tmp_path):
    programme, (_p1, p2, _p3), _clip = show
    from coprod_desktop.storage import packs_repo

    (tmp_path / "out").mkdir()
    made = project.programmes.make(programme.id, tmp_path / "out" / "show.mp3")
    assert project.programmes.remakes() == {}
    assert [p["id"] for p in project.consent.packs_containing(p2.id)] == [made.release_id]
    project.consent.withdraw(p2.id, Scope.FUTURE_PACKS, dt.datetime.now(UTC) +
                             dt.timedelta(seconds=1))  # fmt: skip
    remake = project.programmes.remakes(at=dt.datetime.now(UTC) + dt.timedelta(seconds=2))
    assert list(remake) == [programme.id]
    assert remake[programme.id].people == ("P-02",)
    assert [r["file_name"] for r in remake[programme.id].releases] == ["show.mp3"]
    assert packs_repo.packs(project.file.db)[0]["audience"] == f"Programme: {programme.title}"


def test_a_bad_target_is_refused_before_any_work(project, tmp_path):
    with pytest.raises(ValidationError, match=r"\.mp3 or a \.wav"):
        project.programmes.check_target(tmp_path / "show.ogg")
    with pytest.raises(ValidationError, match="does not exist"):
        project.programmes.check_target(tmp_path / "nowhere" / "show.mp3")
    with pytest.raises(ValidationError, match="no programmes yet"):
        project.programmes.find()


def test_a_link_made_elsewhere_passes_the_recording_gate(project, show):
    _programme, (p1, _p2, _p3), _clip = show
    refused = agreed(project, "P-08", audio_recording=False)
    with pytest.raises(ValidationError, match="P-08"):
        project.programmes.link_from_audio(tone(1.0), 48_000, [p1.id, refused.id], "Outro")
    outro = project.programmes.link_from_audio(tone(1.0), 48_000, [p1.id], "Outro", "Bye now.")
    assert (outro.kind, outro.length_ms, outro.script) == (ItemKind.LINK, 1_000, "Bye now.")
    assert project.programmes.voices(replace(_programme, items=(outro,))) == {outro.id: [p1.id]}
