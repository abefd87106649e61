from dataclasses import replace

from coprod_desktop.domain.audit import GENESIS_HASH, AuditEntry, chain_problems


def chain(n):
    entries, prev = [], GENESIS_HASH
    for i in range(1, n + 1):
        e = AuditEntry(
            i, f"id{i}", "2026-01-01T00:00:00+00:00", "me", "x", details={"i": i}, prev_hash=prev
        )
        e = replace(e, hash=e.computed_hash())
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


def test_removed_entry_is_detected():
    entries = chain(4)
    del entries[1]
    problems = chain_problems(entries)
    assert any("entries missing" in p for p in problems)
    assert any("does not follow" in p for p in problems)


def test_rehashed_forgery_breaks_the_next_link():
    entries = chain(3)
    forged = replace(entries[1], actor="someone else")
    entries[1] = replace(forged, hash=forged.computed_hash())
    assert chain_problems(entries) == ["entry 3: does not follow the entry before it"]
