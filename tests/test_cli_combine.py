"""`coprod-desktop combine PATH OTHER`: people are never matched, clashing pseudonyms are
renumbered and the newer of two edits is kept, each listed in the output."""

from __future__ import annotations

import dataclasses
import json
import shutil
import time
from pathlib import Path

import pytest

from coprod_desktop.cli import main
from coprod_desktop.services.project import open_project
from coprod_desktop.services.verify import verify
from tests.conftest import PASSPHRASE
from tests.helpers import digest
from tests.services.test_combining import _newcomer, _note


@pytest.fixture
def laptops(demo_template: Path, tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    a, b = tmp_path / "venue-a.coprod", tmp_path / "venue-b.coprod"
    shutil.copy2(demo_template, a)
    shutil.copy2(demo_template, b)
    monkeypatch.setenv("COPROD_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("OTHER_PASSPHRASE", PASSPHRASE)
    return a, b


def _edit(path: Path, change) -> None:
    project = open_project(path, PASSPHRASE, actor="tester")
    try:
        change(project)
    finally:
        project.close()


def _venue(venue: str):
    def change(project):
        session = project.sessions.list()[0]
        project.sessions.save(dataclasses.replace(session, venue=venue))
    return change


def test_combine_lists_what_it_did(laptops, capsys):
    a, b = laptops
    _edit(a, lambda p: _newcomer(p, "Jo Bloggs"))  # P-16 here
    _edit(a, _venue("Side room"))
    time.sleep(1.1)  # times are kept to the second: B's edit is the newer
    _edit(b, lambda p: _note(p, "P-16 wants the lights fixed", _newcomer(p, "Jo Bloggs").id))
    _edit(b, _venue("Main hall"))
    before, before_a = digest(b), digest(a)

    code = main(["combine", str(a), str(b), "--other-passphrase-env", "OTHER_PASSPHRASE",
                 "--dry-run"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("Would combine")
    assert "renumbered: P-16 from the other file would be P-17" in out
    assert "same real name: P-16 there and P-16 here would be two people here" in out
    assert "would keep the other file's (newer)" in out
    assert digest(a) == before_a  # nothing written

    code = main(["combine", str(a), str(b), "--other-passphrase-env", "OTHER_PASSPHRASE"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "renumbered: P-16 from the other file is now P-17" in out
    assert "kept the other file's (newer)" in out and "(venue)" in out
    assert digest(b) == before
    project = open_project(a, PASSPHRASE)
    try:
        people = [p for p in project.participants.list() if p.real_name == "Jo Bloggs"]
        assert sorted(p.pseudonym for p in people) == ["P-16", "P-17"]  # never matched
        assert project.sessions.list()[0].venue == "Main hall"
        assert verify(project.file).ok
    finally:
        project.close()

    code = main(["combine", str(a), str(b), "--other-passphrase-env", "OTHER_PASSPHRASE",
                 "--json"])  # fmt: skip
    again = json.loads(capsys.readouterr().out)
    assert code == 0 and again["added"] == {} and again["renumbered"] == []
    assert again["other_chain_head"]["seq"] > 0


def test_combine_refuses_plainly(laptops, tmp_path: Path, capsys, monkeypatch):
    a, b = laptops
    monkeypatch.setenv("OTHER_PASSPHRASE", "not the passphrase")
    code = main(["combine", str(a), str(b), "--other-passphrase-env", "OTHER_PASSPHRASE"])
    assert code == 1 and "passphrase is wrong" in capsys.readouterr().err
    code = main(["combine", str(a), str(b), "--other-passphrase-env", "UNSET_VARIABLE"])
    assert code == 2 and "UNSET_VARIABLE is empty or not set" in capsys.readouterr().err
    code = main(["combine", str(a), str(b)])  # no variable named, and no terminal to ask in
    assert code == 2 and "--other-passphrase-env" in capsys.readouterr().err
    monkeypatch.setenv("OTHER_PASSPHRASE", PASSPHRASE)
    code = main(["combine", str(a), str(a), "--other-passphrase-env", "OTHER_PASSPHRASE"])
    assert code == 2 and "this project's own file" in capsys.readouterr().err
    code = main(["combine", str(a), str(tmp_path / "missing.coprod"),
                 "--other-passphrase-env", "OTHER_PASSPHRASE"])  # fmt: skip
    assert code == 1 and "no project file" in capsys.readouterr().err
