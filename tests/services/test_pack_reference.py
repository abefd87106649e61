"""What packs say, checked against reference files (tests/reference/): a change in a pack's
text is then a diff to review, not a surprise. The clock and the pack id are fixed; the
demo project's texts are the input. To accept a reviewed change, run the tests with
COPROD_UPDATE_REFERENCE=1 and commit the new files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from coprod_desktop.export.document import SECTIONS, as_text
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import open_project
from tests.conftest import PASSPHRASE

REFERENCE = Path(__file__).resolve().parent.parent / "reference"
ISSUED = dt.datetime(2026, 11, 2, 10, 30, tzinfo=dt.timezone.utc)
CASES = {
    "pack_trading_standards.txt": PackOptions("Trading Standards", sections=frozenset(SECTIONS)),
    "pack_health_board_summary.txt": PackOptions("Health board",
                                                 sections=frozenset({"summary", "consent"})),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_pack_says_what_the_reference_says(demo_path, name):
    project = open_project(demo_path, PASSPHRASE, "tester")
    try:
        plan = project.packs.plan(CASES[name])
        project.anonymise.accept_all(plan.findings)  # as `pack --auto-accept` does
        plan = project.packs.plan(CASES[name])
        text = as_text(project.packs.document(plan, "PK-REFERENCE", ISSUED)) + "\n"
    finally:
        project.close()
    reference = REFERENCE / name
    if os.environ.get("COPROD_UPDATE_REFERENCE"):
        reference.write_text(text, encoding="utf-8")
    assert reference.exists(), f"no reference yet: run with COPROD_UPDATE_REFERENCE=1 ({name})"
    assert text == reference.read_text(encoding="utf-8")
    for real_name in ("Margaret", "O'Neill", "Imran"):  # the demo's real names never appear
        assert real_name not in text
