"""Word timings in a real encrypted project: aligning only what needs it, keeping timings
through edits, drafting, and what timings change downstream (exact bleeps, the gates, and the
printed transcript). The engine here is a stand-in that places words evenly in the window it is
given, so the service's own rules (windows, offsets, carrying over) can be checked exactly;
tests/audio/test_speech.py checks the real engine on real speech."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coprod_desktop.audio import speech
from coprod_desktop.audio.mixdown import Cancelled
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.word_times import BLEEPED
from coprod_desktop.services.pack_text import unbleeped
from tests.audio.test_speech import espeak  # noqa: F401 - the fixture: fails in CI without it
from tests.services.test_anonymising import setup  # noqa: F401 - the fixture
from tests.services.test_radio import recorded, tone


class Evenly:
    """Places the words evenly over the sound it is given; "mumble" cannot be placed."""

    name = "evenly"

    def __init__(self, unheard=("mumble",)):
        self.calls: list[tuple[int, list[str], list]] = []
        self.unheard = unheard

    def align(self, pcm, words, anchors, progress=None, cancelled=None):
        ms = len(pcm) * 1000 // (2 * speech.RATE)
        self.calls.append((ms, list(words), list(anchors)))
        if cancelled and cancelled():
            raise Cancelled
        step = ms // max(1, len(words))
        return [speech.Heard(w, None, None) if w in self.unheard else
                speech.Heard(w, n * step + 10, n * step + step - 10)
                for n, w in enumerate(words)]  # fmt: skip

    def draft(self, pcm, progress=None, cancelled=None):
        return [speech.Heard("we", 500, 800, 0.9), speech.Heard("need", 850, 1200, 0.3),
                speech.Heard("buses", 3000, 3500, 0.8)]  # fmt: skip


@pytest.fixture
def clip(setup):  # noqa: F811 - the fixture imported above
    project, maggie, *_ = setup
    made = project.radio.add_recorded(recorded(project, [maggie], tone(10.0)))
    return project, made


def said(project, clip_id, text):
    project.radio.save_clip(replace(project.radio.clip(clip_id), transcript=text))


def test_aligning_times_every_word_and_marks_what_it_cannot_place(clip):
    project, made = clip
    said(project, made.id, "one two mumble four")
    result = project.timings.align(made.id, Evenly())
    assert (result.placed, result.unplaced, result.engine) == (3, 1, "evenly")
    words = project.radio.clip(made.id).words
    assert [(w.start_ms, w.end_ms) for w in words] == [
        (10, 2490), (2510, 4990), (None, None), (7510, 9990)]
    assert project.timings.made_by(made.id) == ("evenly", False)
    assert project.info()["clips_with_word_timings"] == 1


def test_an_edit_keeps_the_timings_of_the_words_not_edited_and_aligns_only_the_new(clip):
    project, made = clip
    said(project, made.id, "one two three four")
    project.timings.align(made.id, Evenly())
    said(project, made.id, "one two tree four")
    kept = project.radio.clip(made.id).words
    assert [w.placed for w in kept] == [True, True, False, True]
    engine = Evenly()
    project.timings.align(made.id, engine)
    # only "tree" is aligned, between the end of "two" (4990) and the start of "four" (7510)
    assert engine.calls == [(7510 - 4990, ["tree"], [])]
    words = project.radio.clip(made.id).words
    assert all(w.placed for w in words) and 4990 <= words[2].start_ms < words[2].end_ms <= 7510


def test_a_typed_timestamp_starts_the_window_a_little_before_it(clip):
    project, made = clip
    said(project, made.id, "[0:06.0] mumble now")
    engine = Evenly()
    project.timings.align(made.id, engine)
    # the window starts at the timestamp less the slack, and runs to the end
    assert engine.calls == [(10_000 - 5000, ["mumble", "now"], [(0, 0)])]


def test_stopping_keeps_nothing_half_done(clip):
    project, made = clip
    said(project, made.id, "one two")
    with pytest.raises(Cancelled):
        project.timings.align(made.id, Evenly(), cancelled=lambda: True)
    assert project.radio.clip(made.id).words == ()


def test_nothing_to_align_and_no_audio_are_refused_in_words(clip):
    project, made = clip
    with pytest.raises(ValidationError, match="no transcript"):
        project.timings.align(made.id, Evenly())
    said(project, made.id, "[0:01.0] [laughs]")
    with pytest.raises(ValidationError, match="no transcript"):
        project.timings.align(made.id, Evenly())


def test_a_draft_fills_an_empty_transcript_with_timed_words_and_undo_takes_it_away(clip):
    project, made = clip
    before = project.timings.draft(made.id, Evenly())
    now = project.radio.clip(made.id)
    assert now.transcript == "[0:00.5] we need\n[0:03.0] buses\n"
    assert [w.confidence for w in now.words] == [0.9, 0.3, 0.8]
    assert project.timings.made_by(made.id) == ("evenly", True)
    with pytest.raises(ValidationError, match="already has a transcript"):
        project.timings.draft(made.id, Evenly())
    project.radio.save_clip(before)
    assert project.radio.clip(made.id).transcript == "" and not project.radio.clip(made.id).words


def test_a_timed_name_is_bleeped_exactly_and_no_longer_printed(clip):
    project, made = clip
    said(project, made.id, "[0:00.0] ask Davie about it")
    project.timings.align(made.id, Evenly())
    findings = project.anonymise.review(project.anonymise.material())
    davie = next(f for f in findings if f.item.source_id == made.id and f.detection.text == "Davie")
    assert unbleeped(project.radio.clip(made.id), [davie]) == 1
    _before, span, exact = project.anonymise.bleep_from_transcript(davie)
    assert exact and span == (2510 - 60, 4990 + 60)  # the word, with the margin
    clip_now = project.radio.clip(made.id)
    assert unbleeped(clip_now, [davie]) == 0
    printed = next(i.text for i in project.anonymise.material() if i.source_id == made.id
                   and i.source_type == "clip")  # fmt: skip
    assert "Davie" not in printed and BLEEPED in printed


def test_every_removed_word_of_a_clip_is_bleeped_at_once(clip):
    project, made = clip
    said(project, made.id, "[0:00.0] Davie and Maggie and mumble Davie")
    project.timings.align(made.id, Evenly())
    findings = project.anonymise.review(project.anonymise.material())
    _before, added, missing = project.anonymise.bleep_removed_words(made.id, findings)
    assert added == 3 and missing == []
    left = [f for f in project.anonymise.review(project.anonymise.material())
            if f.item.source_id == made.id and f.item.source_type == "clip"]  # fmt: skip
    assert left == []
    with pytest.raises(ValidationError, match="already bleeped"):
        project.anonymise.bleep_removed_words(made.id, findings)


def test_a_name_the_aligner_could_not_place_is_named_not_bleeped(clip):
    project, made = clip
    said(project, made.id, "[0:00.0] ask Davie and Maggie now")
    project.timings.align(made.id, Evenly(unheard=("Davie",)))
    findings = project.anonymise.review(project.anonymise.material())
    _before, added, missing = project.anonymise.bleep_removed_words(made.id, findings)
    assert added == 1 and missing == ["Davie"]
    findings = project.anonymise.review(project.anonymise.material())
    with pytest.raises(ValidationError, match="“Davie”"):
        project.anonymise.bleep_removed_words(made.id, findings)


def test_without_timings_every_removed_word_asks_for_alignment_first(clip):
    project, made = clip
    said(project, made.id, "[0:00.0] Davie was there")
    findings = project.anonymise.review(project.anonymise.material())
    with pytest.raises(ValidationError, match="align"):
        project.anonymise.bleep_removed_words(made.id, findings)


def test_real_speech_a_spoken_name_is_bleeped_exactly_and_leaves_no_trace_in_print(
        setup, espeak):  # noqa: F811 - the fixtures imported above
    """End to end with the built-in engine: real (synthetic) speech recorded into the project,
    its typed transcript aligned, the name found by the review bleeped exactly."""
    from benchmarks import speech_corpus as corpus
    from coprod_desktop.audio import processing
    from tests.services.test_radio import RATE

    project, maggie, *_ = setup
    utt = corpus.utterance("I bought them off Davie Rafferty behind the chip shop", seed=2)
    pcm = processing.from_pcm(utt.pcm, corpus.RATE).set_frame_rate(RATE).raw_data
    made = project.radio.add_recorded(recorded(project, [maggie], pcm))
    said(project, made.id, "[0:00.0] I bought them off Davie Rafferty behind the chip shop")
    result = project.timings.align(made.id, speech.engine())
    assert result.unplaced == 0
    findings = project.anonymise.review(project.anonymise.material())
    davie = next(f for f in findings if f.item.source_id == made.id and "Davie" in f.detection.text)
    _before, (start, end), exact = project.anonymise.bleep_from_transcript(davie)
    first, last = (utt.words.index("Davie"), utt.words.index("Rafferty")
                   if "Rafferty" in davie.detection.text else utt.words.index("Davie"))
    assert exact and start <= utt.truth[first][0] and end >= utt.truth[last][1]
    assert end - start <= utt.truth[last][1] - utt.truth[first][0] + 2 * 150  # not much more
    printed = next(i.text for i in project.anonymise.material() if i.source_id == made.id
                   and i.source_type == "clip")  # fmt: skip
    assert "Davie" not in printed and BLEEPED in printed


def test_putting_a_draft_back_restores_its_timings(clip):
    project, made = clip
    before = project.timings.draft(made.id, Evenly())
    drafted = project.radio.clip(made.id)
    project.timings.put_transcript(made.id, before.transcript)
    assert project.radio.clip(made.id).words == ()
    project.timings.put_transcript(made.id, drafted.transcript, drafted.words, "evenly", True)
    assert project.radio.clip(made.id).words == drafted.words
    assert project.timings.made_by(made.id) == ("evenly", True)
