"""The participant's own consent copy: a real PDF read back with pypdf."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from coprod_desktop.domain import consent as c
from coprod_desktop.domain.consent import Method
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.participants import AgeBand
from coprod_desktop.storage.errors import ProjectError
from tests.services.test_consent_service import add_person, consent_for


def tiny_png() -> bytes:
    import struct
    import zlib

    width, height = 40, 12
    raw = b"".join(b"\x00" + bytes([0, 0, 0] * width) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))  # fmt: skip


def read(path: Path) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_copy_shows_form_answers_and_nothing_about_anyone_else(project, tmp_path: Path):
    person = add_person(project, pseudonym="P-08", real_name="Priyanka Zółć",
                        age_band=AgeBand.UNDER_16)  # fmt: skip
    other = add_person(project, pseudonym="P-99", real_name="Other Personname")
    project.consent.record(consent_for(project, other, method=Method.VERBAL, witness="Ann"))
    form = project.consent.current_form()
    project.consent.record(
        consent_for(project, person, decisions={c.BROADCAST: False},
                    guardian_name="<b>Tom & Jerry</b> Sharma", guardian_relationship="Father",
                    partner_decisions={**{p: True for p in form.partners},
                                       "Police Scotland": False}),
        {"signature": ("image/png", tiny_png())},
    )  # fmt: skip
    target = tmp_path / "P-08 consent.pdf"
    project.consent.participant_copy(person.id, target)
    text, reader = read(target)
    flat = " ".join(text.split())
    assert "P-08" in flat
    assert form.title in flat
    assert "I agree that my voice may be used in a radio broadcast or a podcast." in flat
    assert "Police Scotland: No" in flat and "Trading Standards: Yes" in flat
    assert "<b>Tom & Jerry</b> Sharma" in flat  # markup shown as typed, never interpreted
    assert "Signed on screen" in flat
    for never in ("P-99", "Other Personname", "Priyanka", "Zółć"):
        assert never not in flat
    images = [img for page in reader.pages for img in page.images]
    assert images, "the signature should be on the copy"
    assert not any(p.name.endswith(".part") for p in tmp_path.iterdir())


def test_copy_shows_the_name_they_chose_to_be_credited_as(project, tmp_path: Path):
    credited = add_person(project, pseudonym="P-12")
    project.consent.record(consent_for(project, credited, method=Method.VERBAL, witness="Ann",
                                       decisions={c.CREDIT: True},
                                       credit_name="Bramble <i>& Co</i>"))  # fmt: skip
    uncredited = add_person(project, pseudonym="P-13")
    project.consent.record(consent_for(project, uncredited, method=Method.VERBAL, witness="Ann"))
    wording = project.consent.current_form().item(c.CREDIT).wording
    shown = {}
    for who in (credited, uncredited):
        project.consent.participant_copy(who.id, tmp_path / f"{who.pseudonym}.pdf")
        text, _reader = read(tmp_path / f"{who.pseudonym}.pdf")
        shown[who.pseudonym] = " ".join(text.split())
    assert "Yes, as “Bramble <i>& Co</i>”" in shown["P-12"]  # markup shown as typed
    assert " as “" not in shown["P-13"] and " ".join(wording.split()[-4:]) in shown["P-13"]


def test_copy_needs_a_record(project, tmp_path: Path):
    person = add_person(project)
    with pytest.raises(ValidationError, match="No consent"):
        project.consent.participant_copy(person.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_copy_to_missing_folder_fails_cleanly(project, tmp_path: Path):
    person = add_person(project)
    project.consent.record(consent_for(project, person, method=Method.VERBAL, witness="Ann"))
    with pytest.raises(ProjectError):
        project.consent.participant_copy(person.id, tmp_path / "nope" / "x.pdf")
    assert not any(p.name.endswith(".part") for p in tmp_path.rglob("*"))
