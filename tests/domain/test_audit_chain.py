from dataclasses import replace

from coprod_desktop.domain.audit import ERASED_KEY, GENESIS_HASH, AuditEntry, chain_problems


def chain(n, details=lambda i: {"i": i}):
    entries, prev = [], GENESIS_HASH
    for i in range(1, n + 1):
        e = AuditEntry(
            i, f"id{i}", "2026-01-01T00:00:00+00:00", "Aileen Kerr", "x", details=details(i),
            prev_hash=prev,
        ).sealed()
        entries.append(e)
        prev = e.hash
    return entries


def test_intact_chain_has_no_problems():
    assert chain_problems(chain(5)) == []
    assert chain_problems([]) == []


def test_changed_content_is_detected():
    entries = chain(4)
    entries[2] = replace(entries[2], details={"i": 99})
    assert chain_problems(entries) == ["entry 3: contents changed after it was written"]
    entries = chain(4)
    entries[1] = replace(entries[1], actor="someone else")
    assert chain_problems(entries) == ["entry 2: contents changed after it was written"]


def test_removed_entry_is_detected():
    entries = chain(4)
    del entries[1]
    problems = chain_problems(entries)
    assert any("entries missing" in p for p in problems)
    assert any("does not follow" in p for p in problems)


def test_rehashed_forgery_breaks_the_next_link():
    entries = chain(3)
    entries[1] = replace(entries[1], actor="someone else").sealed()
    assert chain_problems(entries) == ["entry 3: does not follow the entry before it"]


def test_a_recorded_erasure_keeps_the_chain_and_drops_the_link_to_the_words():
    entries = chain(4, lambda i: {ERASED_KEY: [2]} if i == 4 else {"who": "Aileen Kerr"})
    before = entries[1]
    entries[1] = before.erasing("P-12", {"who": "P-12"})
    assert chain_problems(entries) == []
    assert entries[1].hash == before.hash and entries[1].salt == ""
    assert "Aileen" not in repr(entries[1])


def test_an_erasure_nobody_recorded_is_reported():
    entries = chain(3)
    entries[0] = entries[0].erasing("P-12", {})
    assert chain_problems(entries) == ["entry 1: its words were removed, and no erasure records it"]


def test_an_anchor_holds_while_the_log_up_to_it_is_unchanged():
    from coprod_desktop.domain.audit import Anchor, anchor_problems

    entries = chain(5)
    anchor = Anchor(3, entries[2].hash)
    assert Anchor.find(f"confidential, {anchor.keyword}, pack-1") == anchor
    assert anchor_problems(entries, anchor) == []
    assert anchor_problems(entries + chain(1), anchor) == []
    rewritten = [replace(e, actor="x").sealed() for e in entries]  # re-hashed by a forger
    assert "rewritten" in anchor_problems(rewritten, anchor)[0]
    assert "removed" in anchor_problems(entries[:2], anchor)[0]
    assert "removed" in anchor_problems([], anchor)[0]
