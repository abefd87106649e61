"""benchmarks/combining.py in its quick mode, so that it cannot rot: the files it builds are
real projects, combining them works, the second combine adds nothing and the withdrawal case
erases. Times are measured by the benchmark, never asserted here."""

from __future__ import annotations

from benchmarks import combining as bench


def test_the_combining_benchmark_runs_in_its_quick_mode():
    [row] = bench.run(bench.parse(["--quick"]))
    assert row["verify"] == "ok"
    assert row["added"] > bench.NOTES and row["audit_added"] > 0
    assert row["renumbered"] == bench.PEOPLE  # A's own session took B's first pseudonyms
    assert row["audio_s"] > 0
    assert row["again_added"] == 0
    assert row["withdrawal"]["erased_for"] == ["P-01"]
    assert row["preview_peak_mb"] > 0
