"""Signposting in real encrypted projects: a project starts with the shipped national list
(once: a list emptied stays empty), entries are added, edited, removed, reordered and the
defaults restored, each undoable; wallet cards and the poster are real PDFs holding the chosen
services and nothing personal from the project."""

from __future__ import annotations

import json
from dataclasses import replace

import pypdf
import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.signposting import Category, Signpost
from coprod_desktop.resource_files import resource_path
from coprod_desktop.services.project import open_project
from coprod_desktop.services.signposting import default_signposts
from tests.conftest import PASSPHRASE


def text_of(path) -> str:
    return " ".join("".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def local(**changes) -> Signpost:
    return replace(Signpost("", "Riverside Food Pantry", Category.MONEY, "Low-cost food",
                            "0141 496 0123", "", "Tuesdays", local=True), **changes)


def test_the_shipped_list_is_valid_and_has_the_key_national_numbers():
    data = json.loads(resource_path("signposting/uk_national.json").read_text("utf-8"))
    entries = default_signposts()
    assert len(entries) == len(data["services"]) >= 15
    for entry in entries:
        entry.validated()  # every one has a name, a kind and a way to reach it
    phones = {e.name: e.phone for e in entries}
    assert phones["Samaritans"] == "116 123" and phones["Childline"] == "0800 1111"
    assert phones["NHS 111"] == "111"
    assert {e.category for e in entries} == set(Category)


def test_a_project_starts_with_the_defaults_once(project):
    names = [e.name for e in project.signposting.list()]
    assert names == [e.name for e in default_signposts()]
    assert project.info()["signposting_entries"] == len(names)
    for entry in project.signposting.list():
        project.signposting.delete(entry.id)
    project.close()
    again = open_project(project.path, PASSPHRASE, "tester")
    try:
        assert again.signposting.list() == []  # emptied on purpose: not filled again
    finally:
        again.close()


def test_bad_entries_are_refused_and_nothing_changes(project):
    before = project.signposting.list()
    with pytest.raises(ValidationError, match="needs a name"):
        project.signposting.save(local(name=" "))
    with pytest.raises(ValidationError, match="phone number or a website"):
        project.signposting.save(local(phone="", website=""))
    assert project.signposting.list() == before


def test_add_edit_move_remove_and_restore_each_undo(project):
    service = project.signposting
    replaced = service.replaced("signpost", "x1")
    service.save(local(id="x1"))
    assert service.list()[-1].name == "Riverside Food Pantry"
    undo = service.put_back(replaced)
    assert "Riverside Food Pantry" not in [e.name for e in service.list()]
    service.put_back(undo)
    first = service.list()[0]
    moved = service.move("x1", -100)  # to the top
    assert service.list()[0].id == "x1" and service.list()[1].id == first.id
    service.put_back(moved)
    assert service.list()[0].id == first.id and service.list()[-1].id == "x1"
    samaritans = next(e for e in service.list() if e.name == "Samaritans")
    gone = service.replaced("signpost", samaritans.id)
    service.delete(samaritans.id)
    restored = service.restore_defaults()
    assert [e.name for e in service.list()].count("Samaritans") == 1
    assert service.list()[-1].name == "Samaritans"  # at the end
    service.put_back(restored)
    assert "Samaritans" not in [e.name for e in service.list()]
    service.put_back(gone)
    assert any(e.id == samaritans.id for e in service.list())


def test_cards_and_poster_hold_the_services_and_nothing_personal(demo_path, tmp_path):
    project = open_project(demo_path, PASSPHRASE, "tester")
    try:
        entries = project.signposting.list()
        assert [e.name for e in entries if e.local] == ["Riverside Community Food Pantry",
                                                        "Kinning Park Youth Hub drop-in"]
        personal = [p.pseudonym for p in project.participants.list()] + [
            p.real_name for p in project.participants.list() if p.real_name]
        personal += [c.what[:30] for c in project.safeguarding.list()]
        cards = tmp_path / "cards.pdf"
        pages = project.signposting.print_pdf(cards, cards=True)
        poster = tmp_path / "poster.pdf"
        project.signposting.print_pdf(poster)
        card_text, poster_text = text_of(cards), text_of(poster)
        assert pages == len(pypdf.PdfReader(cards).pages) < len(entries) // 3
        assert not pypdf.PdfReader(cards).is_encrypted
        for entry in entries:
            assert entry.name in card_text and entry.name in poster_text
            assert entry.phone.replace(" ", "") in poster_text.replace(" ", "")
        assert "Samaritans" in card_text and "116 123" in card_text
        for text in (card_text, poster_text):
            assert "restricted" not in text.casefold() and project.name not in text
            for word in personal:
                assert word not in text
        chosen = tmp_path / "two.pdf"
        ids = [entries[1].id, entries[-1].id]
        project.signposting.print_pdf(chosen, cards=True, ids=ids)
        two = text_of(chosen)
        assert entries[1].name in two and entries[-1].name in two and entries[2].name not in two
        with pytest.raises(ValidationError, match="at least one service"):
            project.signposting.print_pdf(tmp_path / "none.pdf", ids=[])
        assert not (tmp_path / "none.pdf").exists()
    finally:
        project.close()


def test_the_poster_is_large_print(tmp_path):
    from coprod_desktop.export.signposting_pdf import poster_pdf
    from tests.export.pdf_reading import read

    data, pages = poster_pdf([local(), local(name="Second place", category=Category.HEALTH)])
    assert pages == 1
    runs = [run for page in read(data) for run in page.runs if run.text.strip()]
    assert min(run.size for run in runs) >= 14
    assert {run.font for run in runs} <= {"DejaVuSans", "DejaVuSans-Bold"}  # sans serif
    assert not any(run.slanted for run in runs)
    left = min(run.x for run in runs)
    assert all(abs(run.x - left) < 1 for run in runs)  # left-aligned, every line


def test_no_page_of_the_poster_ends_with_a_heading():
    from coprod_desktop.demo.safeguarding import LOCAL
    from coprod_desktop.export.signposting_pdf import CATEGORY_HEADINGS, poster_pdf

    data, pages = poster_pdf([*default_signposts(), *LOCAL])  # the demo's list ended 3 pages
    assert pages > 1  # with a heading alone at the foot
    import io

    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        assert lines[-1] not in CATEGORY_HEADINGS.values(), lines[-3:]
