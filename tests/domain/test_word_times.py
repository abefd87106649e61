"""Word timings of a transcript: which words are spoken, how timings survive an edit, and the
bleeps and masks made from them."""

from coprod_desktop.domain.word_times import (
    BLEEPED,
    TimedWord,
    anchors,
    bleeps_for,
    carry_over,
    covered,
    from_rows,
    mask_bleeped,
    spoken_words,
    to_rows,
)

TEXT = ("[0:00.5] P-07: Everybody knows where to go. [laughs]\n"
        "[0:04.2] The shop on [bleeped: shop name] sells them, don't it?\n")


def test_spoken_words_skip_timestamps_headings_and_bracketed_notes():
    words = [t.text for t in spoken_words(TEXT)]
    assert words == ["Everybody", "knows", "where", "to", "go", "The", "shop", "on", "sells",
                     "them", "don't", "it"]
    for token in spoken_words(TEXT):
        assert TEXT[token.start:token.end] == token.text


def test_a_colon_inside_a_sentence_is_not_a_heading():
    assert [t.text for t in spoken_words("Everybody knows: it's not hidden")] == [
        "Everybody", "knows", "it's", "not", "hidden"]


def test_anchors_are_the_word_after_each_timestamp():
    tokens = spoken_words(TEXT)
    assert anchors(TEXT, tokens) == [(0, 500), (5, 4200)]
    assert anchors("words [0:03.0]", spoken_words("words [0:03.0]")) == []


def timed(text):
    return [TimedWord(t.start, t.end, 1000 * n, 1000 * n + 600)
            for n, t in enumerate(spoken_words(text))]


def test_an_edit_keeps_the_times_of_unchanged_words_and_realigns_only_the_change():
    old = "one two three four five"
    new = "one two tree and four five six"
    words, gaps = carry_over(old, timed(old), new)
    assert [new[w.start:w.end] for w in words] == new.split()
    assert [(w.start_ms, w.end_ms) for w in words[:2]] == [(0, 600), (1000, 1600)]
    assert (words[4].start_ms, words[5].start_ms) == (3000, 4000)
    assert not words[2].placed and not words[3].placed and not words[6].placed
    assert gaps == [(2, 4), (6, 7)]


def test_a_kept_word_that_was_never_placed_is_aligned_again():
    old = "one two three"
    first = timed(old)
    first[1] = TimedWord(first[1].start, first[1].end, None, None)
    _words, gaps = carry_over(old, first, old)
    assert gaps == [(1, 2)]


def test_bleeps_cover_exactly_the_words_with_a_margin_and_refuse_an_unplaced_word():
    text = "call Siobhan Kowalczyk now"
    words = timed(text)
    span = text.index("Siobhan"), text.index(" now")
    assert bleeps_for(words, *span, duration_ms=10_000, margin_ms=50) == [(950, 2650)]
    words[2] = TimedWord(words[2].start, words[2].end, None, None)
    assert bleeps_for(words, *span, duration_ms=10_000) is None
    assert bleeps_for(words, 0, 0, duration_ms=10_000) is None


def test_covered_needs_the_whole_word_under_bleeps():
    word = TimedWord(0, 4, 1000, 1600)
    assert covered(word, [(900, 1300), (1300, 1700)])
    assert not covered(word, [(900, 1300), (1400, 1700)])
    assert not covered(TimedWord(0, 4, None, None), [(0, 10_000)])


def test_printed_text_loses_the_words_nobody_can_hear():
    text = "call Siobhan Kowalczyk now, please"
    words = timed(text)
    assert mask_bleeped(text, words, [(1000, 2600)]) == f"call {BLEEPED} now, please"
    assert mask_bleeped(text, words, []) == text


def test_rows_keep_no_words_and_drop_what_no_longer_fits():
    text = "one two"
    rows = to_rows(timed(text))
    assert all(not isinstance(value, str) for row in rows for value in row)
    assert from_rows(rows, text) == timed(text)
    assert from_rows(rows, "one") == timed("one")


def test_a_drafted_transcript_starts_a_timestamped_line_at_each_long_pause():
    from coprod_desktop.domain.word_times import draft_text
    text, words = draft_text([("we", 500, 700, 0.9), ("need", 750, 1000, 0.4),
                              ("buses", 4000, 4400, 0.8)])
    assert text == "[0:00.5] we need\n[0:04.0] buses\n"
    assert [text[w.start:w.end] for w in words] == ["we", "need", "buses"]
    assert [t.text for t in spoken_words(text)] == ["we", "need", "buses"]
    assert words[1].doubtful and not words[0].doubtful
    assert draft_text([]) == ("", [])


def test_a_bleep_margin_reaching_into_the_next_words_does_not_hide_them():
    text = "my boy Kyle started"
    words = timed(text)  # boy 1000-1600, Kyle 2000-2600, started 3000-3600
    assert mask_bleeped(text, words, [(1500, 3100)]) == f"my boy {BLEEPED} started"
    assert mask_bleeped(text, words, [(1200, 3100)]) == f"my {BLEEPED} started"
