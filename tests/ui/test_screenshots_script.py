"""docs/screenshots.py: a screenshot for every page in the navigation, the images README.md shows
among them and committed, and the script still running against today's screens."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "screenshots.py"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("docs_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_every_navigation_entry_has_a_screenshot(script, window):
    entries = [window.nav.item(row).text() for row in range(window.nav.count())]
    pages = [page.label for page in script.PAGES]
    assert sorted(pages) == sorted(entries), "docs/screenshots.py PAGES must list every page"
    names = script.file_names()
    assert len(names) == len(set(names))


def test_readme_shows_committed_screenshots_the_script_makes(script):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]+\]\(docs/screenshots/([^)]+)\)", readme)
    for needed in ("board.png", "radio-lab.png", "consent.png"):
        assert needed in shown
    assert any(name.startswith("pack") for name in shown)
    for name in shown:
        assert name in script.file_names(), f"README shows {name}, which the script does not make"
    for name in script.file_names():
        path = ROOT / "docs" / "screenshots" / name
        assert path.exists(), f"{name} is not committed: run docs/screenshots.py"
        assert path.stat().st_size < 250_000


def test_the_script_writes_every_screenshot(script, qtbot, errors, tmp_path):
    out, work = tmp_path / "shots", tmp_path / "work"
    work.mkdir()
    written = script.capture_all(out, work)
    assert sorted(p.name for p in written) == sorted(script.file_names())
    for page in script.PAGES:
        assert _png_size(out / page.file_name) == (script.WIDTH, script.HEIGHT)
    assert errors == []
    assert (work / "pack.pdf").exists()  # the Packs page shows a pack made through the wizard
