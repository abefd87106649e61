"""Radio programmes' rules: the running order, its timing, the broadcast gate and the credits."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from coprod_desktop.domain import consent as c
from coprod_desktop.domain.consent import (
    ConsentHistory,
    ConsentRecord,
    Method,
    Scope,
    Withdrawal,
    form_from_dict,
)
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.programmes import (
    Caption,
    Item,
    ItemKind,
    Programme,
    Role,
    broadcast_gate,
    captions,
    credits_line,
    length_ms,
    moved,
    remade,
    removed,
    starts_ms,
)
from coprod_desktop.resource_files import resource_path

T0 = dt.datetime(2026, 9, 12, 10, 0, tzinfo=dt.timezone.utc)
FORM = form_from_dict(
    json.loads(resource_path("consent/default_form.json").read_text(encoding="utf-8")), "form-1")


def history(person: str, withdrawals=(), **decisions) -> ConsentHistory:
    answers = {key: key != c.CREDIT for key in c.STANDARD_KEYS} | decisions
    record = ConsentRecord(
        id=f"r-{person}", participant_id=person, form_id=FORM.id, form_version=FORM.version,
        form_hash=FORM.content_hash, given_at=T0, method=Method.SIGNATURE, decisions=answers,
        partner_decisions={p: True for p in FORM.partners}, has_signature=True)  # fmt: skip
    return ConsentHistory(person, (record,), tuple(withdrawals))


INTRO = Item("i1", ItemKind.LINK, "Intro", 20_000, "rec-1", roles=(("p1", Role.PRESENTER),))
CLIP = Item("i2", ItemKind.CLIP, "The steamie", 90_000, "clip-1", join_ms=1_000,
            roles=(("p2", Role.INTERVIEWER), ("p3", Role.EDITOR)))  # fmt: skip
BED = Item("i3", ItemKind.MUSIC, "Outro bed", 30_000, "rec-2", join_ms=3_000, crossfade=True)
SHOW = Programme("prog-1", "Voices of the East End", "Our first show.", (INTRO, CLIP, BED))
PSEUDONYMS = {"p1": "P-01", "p2": "P-02", "p3": "P-03"}


def test_items_start_after_their_gaps_and_overlap_by_their_crossfades():
    assert starts_ms(SHOW) == [0, 21_000, 108_000]
    assert length_ms(SHOW) == 138_000
    assert length_ms(Programme("p", "Empty")) == 0


def test_moving_an_item_keeps_its_join_and_the_first_item_has_none():
    again = moved(SHOW, 2, 0)
    assert [i.title for i in again.items] == ["Outro bed", "Intro", "The steamie"]
    assert again.items[0].join_ms == 0 and not again.items[0].crossfade
    assert moved(again, 0, 2).items[2].join_ms == 0  # the join it lost stays lost
    with pytest.raises(ValidationError):
        moved(SHOW, 5, 0)


def test_removing_an_item_and_an_item_no_longer_there():
    assert [i.id for i in removed(SHOW, "i1").items] == ["i2", "i3"]
    assert removed(SHOW, "i1").items[0].join_ms == 0
    with pytest.raises(ValidationError, match="no longer"):
        removed(SHOW, "gone")


@pytest.mark.parametrize(("item", "message"), [
    (Item("x", ItemKind.CLIP, "  ", 1_000, "c"), "needs a title"),
    (Item("x", ItemKind.CLIP, "Empty", 0, "c"), "no sound"),
    (Item("x", ItemKind.CLIP, "Long gap", 1_000, "c", join_ms=60_000), "ten seconds"),
])  # fmt: skip
def test_an_item_that_cannot_play_is_refused_in_plain_words(item, message):
    with pytest.raises(ValidationError, match=message):
        Programme("p", "Show", items=(item,)).validated()


def test_a_crossfade_longer_than_an_item_it_joins_is_refused():
    short = Item("x", ItemKind.LINK, "Sting", 2_000, "r", join_ms=5_000, crossfade=True)
    with pytest.raises(ValidationError, match="crossfade"):
        Programme("p", "Show", items=(INTRO, short)).validated()


def test_a_silence_needs_no_audio_and_titles_are_tidied():
    show = Programme("p", "  Show   one ", items=(Item("s", ItemKind.SILENCE, " Pause ", 2_000),))
    assert show.validated().title == "Show one"
    assert show.validated().items[0].title == "Pause"


VOICES = {"i1": ["p1"], "i2": ["p2", "p3"], "i3": []}


def test_a_programme_every_voice_agreed_to_may_go_out():
    histories = {p: history(p) for p in ("p1", "p2", "p3")}
    gate = broadcast_gate(SHOW, VOICES, histories, PSEUDONYMS)
    assert gate and gate.summary() == ""
    assert gate.voices == ("p1", "p2", "p3")


def test_the_gate_says_who_and_why_by_pseudonym_and_item():
    histories = {"p1": history("p1"), "p2": history("p2", **{c.BROADCAST: False})}
    gate = broadcast_gate(SHOW, VOICES, histories, PSEUDONYMS)
    assert not gate
    assert [(r.item_title, r.reason.split(":")[0]) for r in gate.refusals] == [
        ("The steamie", "P-02"), ("The steamie", "P-03")]
    assert "Declined" in gate.refusals[0].reason and "No consent" in gate.refusals[1].reason


@pytest.mark.parametrize("scope", list(Scope))
def test_a_withdrawal_blocks_until_the_programme_is_remade_without_the_persons_items(scope):
    when = T0 + dt.timedelta(days=1)
    gone = Withdrawal("w", "p3", scope, when)
    histories = {"p1": history("p1"), "p2": history("p2"), "p3": history("p3", [gone])}
    before = broadcast_gate(SHOW, VOICES, histories, PSEUDONYMS, at=when - dt.timedelta(hours=1))
    assert before and before.playing == ("i1", "i2", "i3") and not before.left_out
    gate = broadcast_gate(SHOW, VOICES, histories, PSEUDONYMS, at=when)
    assert not gate and gate.playing == ("i1", "i3") and gate.voices == ("p1",)
    assert [r.item_title for r in gate.left_out] == ["The steamie"]
    assert gate.notes().startswith("“The steamie” is left out: P-03: Withdrew consent (")
    assert gate.summary().endswith("Re-make the programme without it.")
    again = remade(SHOW, gate)
    assert [i.id for i in again.items] == ["i1", "i3"]
    assert broadcast_gate(again, VOICES, histories, PSEUDONYMS, at=when)


def test_an_item_whose_audio_was_erased_must_come_out_and_alone_nothing_is_left():
    lost = Item("x", ItemKind.CLIP, "Vox pop", 0, None, join_ms=500)
    show = Programme("p", "Show", items=(lost, BED)).validated()  # still shown, still saved
    histories = {p: history(p) for p in ("p1", "p2", "p3")}
    gate = broadcast_gate(show, {}, histories, PSEUDONYMS)
    assert not gate and gate.notes() == "“Vox pop” is left out: its audio has been erased."
    assert remade(show, gate).items[0].join_ms == 0  # the bed now opens the show
    only = broadcast_gate(Programme("p", "Show", items=(lost,)), {}, histories, PSEUDONYMS)
    assert not only and not only.playing
    assert broadcast_gate(remade(show, gate), {}, histories, PSEUDONYMS)
    empty = broadcast_gate(Programme("p", "Show"), {}, histories, PSEUDONYMS)
    assert not empty and "Nothing is left to play" in empty.summary()


def test_flagged_items_and_words_still_to_bleep_close_the_gate():
    histories = {p: history(p) for p in ("p1", "p2", "p3")}
    gate = broadcast_gate(SHOW, VOICES, histories, PSEUDONYMS,
                          flagged={"i2": "safeguarding"}, unbleeped={"i1": 2})  # fmt: skip
    assert gate.summary().splitlines() == [
        "“Intro”: 2 words removed in review still to be bleeped in the audio.",
        "“The steamie”: it is marked safeguarding: remove the item or re-make without it."]
    assert gate.notes() == "“The steamie” is left out: it is marked safeguarding."
    assert "i2" not in gate.playing and [i.id for i in remade(SHOW, gate).items] == [
        i.id for i in SHOW.items if i.id != "i2"]


def test_nobody_is_credited_unless_they_typed_a_credit_name():
    assert credits_line(SHOW, {}) == ""
    assert credits_line(SHOW, {"p2": "Big Shug", "p3": " "}) == "Made by: Big Shug (interviewer)"
    both = credits_line(SHOW, {"p1": "DJ Rosie", "p2": "Big Shug"})
    assert both == "Made by: DJ Rosie (presenter); Big Shug (interviewer)"


def test_captions_follow_the_programme_clock_and_the_clips_trim():
    said = "Hello.\n[0:02] First bit.\n[0:05.5] Still in.\n[0:08] Never heard."
    assert captions(said, 10_000, trim_in_ms=1_000, trim_out_ms=8_000) == [
        Caption(10_000, "Hello."), Caption(11_000, "First bit."),
        Caption(14_500, "Still in.")]  # fmt: skip
    assert captions("No stamps at all.", 500) == [Caption(500, "No stamps at all.")]
    assert captions("", 0) == []
