"""What people received, as it leaves the project: a partner pack's section and community
feedback carry totals by kind and by session with how many people, read back from the real
PDFs, and never a pseudonym, a description or a row about one person."""

from __future__ import annotations

import pypdf

from coprod_desktop.export.document import DEFAULT_SECTIONS
from coprod_desktop.services.feedback import FeedbackOptions
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import open_project
from tests.conftest import PASSPHRASE


def text_of(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_the_pack_shows_totals_by_kind_and_session_and_nobody_in_particular(demo_path, tmp_path):
    project = open_project(demo_path, PASSPHRASE, "tester")
    try:
        pseudonyms = [p.pseudonym for p in project.participants.list()]
        descriptions = {e.description for e in project.reciprocity.list()}
        options = PackOptions("Trading Standards",
                              sections=DEFAULT_SECTIONS | {"reciprocity"})  # fmt: skip
        project.anonymise.accept_all(project.packs.plan(options).findings)
        project.packs.build(options, tmp_path / "pack.pdf")
        text = text_of(tmp_path / "pack.pdf")
        part = section(text, "11 people received something", "so that nobody can be identified")
        for said in ("£478.00 in all", "Voucher £360.00 11", "Certificate £0.00 3",
                     "Other £118.00 4", "Cost of living, doorstep lenders and cheap goods "
                     "£155.00 6", "fewer than 3 people", "as some are here"):  # fmt: skip
            assert said in part, said
        for secret in [*pseudonyms, *descriptions, "Childcare", "Travel", "RB-0"]:
            assert secret not in part, secret
        without = PackOptions("Trading Standards", sections=DEFAULT_SECTIONS)
        project.packs.build(without, tmp_path / "plain.pdf")
        assert "people received something" not in text_of(tmp_path / "plain.pdf")
    finally:
        project.close()


def test_community_feedback_says_what_people_received_in_a_sentence(demo_path, tmp_path):
    project = open_project(demo_path, PASSPHRASE, "tester")
    try:
        options = FeedbackOptions(received=True)
        project.feedback.build(options, tmp_path / "feedback.pdf", accept_undecided=True)
        text = text_of(tmp_path / "feedback.pdf")
        assert ("People who took part received £478.00 in vouchers and other things, and "
                "certificates, as thanks for their time.") in text
        assert "Vouchers: £360.00" in text and "Certificates: 3 people" in text
        assert "we count it under other things" in text
        for secret in [p.pseudonym for p in project.participants.list()
                       if p.pseudonym.startswith("P-")]:  # fmt: skip
            assert f"{secret} " not in text and not text.endswith(secret), secret
        project.feedback.build(FeedbackOptions(), tmp_path / "plain.pdf", accept_undecided=True)
        assert "received £" not in text_of(tmp_path / "plain.pdf")
    finally:
        project.close()
