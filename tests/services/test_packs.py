"""Packs from real encrypted projects, read back with pypdf: what must be in them, what must
never be, the marking on every page, AES-256 passwords, audio attachments only where allowed,
and a disclosure log that matches the PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

import pypdf
import pytest

from coprod_desktop import __version__
from coprod_desktop.domain.board import Note, Theme
from coprod_desktop.domain.consent import Method, Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.export import pdf as pdf_module
from coprod_desktop.export import selection as why
from coprod_desktop.services.packs import PackOptions
from tests.services.test_consent_service import add_person, consent_for
from tests.services.test_radio import recorded, tone

AUDIENCE = "Trading Standards"


def person(project, real_name, aliases=(), **decisions):
    partners = decisions.pop("partners", None)
    p = add_person(project, real_name=real_name, aliases=tuple(aliases))
    form = project.consent.current_form()
    record = consent_for(
        project,
        p,
        method=Method.VERBAL,
        witness="Ann",
        decisions=decisions,
        partner_decisions=partners or {x: True for x in form.partners},
    )
    project.consent.record(record)
    return p


@pytest.fixture
def seeded(project):
    """Two sessions; notes by people who agreed, declined quoting, declined sharing with
    Trading Standards, withdrew; unattributed notes; a safeguarding note; personal data."""
    maggie = person(project, "Margaret O'Neill", ["Maggie", "Mags"])
    declined_quote = person(project, "Declan Quigley", quote_anonymously=False)
    no_ts = person(project, "Nadia Tahir",
                   partners={"Health board": True, "Trading Standards": False,
                             "Police Scotland": True, "Citizens Advice": True})  # fmt: skip
    leaver = person(project, "Wanda Leaves")
    agreed = replace(project.sessions.draft(), title="Tobacco on our streets",
                     date=dt.date(2026, 9, 12), venue="Hall", group_agreement=True)  # fmt: skip
    agreed = project.sessions.save(replace(agreed, participant_ids=frozenset(
        {maggie.id, declined_quote.id, no_ts.id, leaver.id})))  # fmt: skip
    other = project.sessions.save(replace(project.sessions.draft(), title="No agreement",
                                          date=dt.date(2026, 9, 19)))  # fmt: skip
    board = project.boards.create_board(agreed.id, "Wall")
    theme = project.boards.save_theme(Theme("theme-1", board.id, "Cheap tobacco"))
    add = project.boards.add_note
    notes = {
        "maggie": add(
            Note(
                "",
                board.id,
                "Maggie says call 07700 900123 or maggie@example.com, G51 2XX",
                author_id=maggie.id,
                theme_id=theme.id,
            )
        ),
        "markup": add(
            Note(
                "",
                board.id,
                "Prices <b>up</b> & <font size=40>down</font> <para>",
                author_id=maggie.id,
                theme_id=theme.id,
            )
        ),
        "quote": add(Note("", board.id, "SECRET-DECLINED-QUOTE", author_id=declined_quote.id)),
        "share": add(Note("", board.id, "SECRET-NO-TS", author_id=no_ts.id)),
        "leaver": add(Note("", board.id, "SECRET-WITHDRAWN", author_id=leaver.id)),
        "safe": add(Note("", board.id, "SECRET-SAFEGUARDING", safeguarding=True)),
        "sensitive": add(Note("", board.id, "SECRET-SENSITIVE", sensitive=True)),
        "group": add(Note("", board.id, "Unsigned idea from the group", theme_id=theme.id)),
    }
    other_board = project.boards.create_board(other.id, "Wall")
    notes["unagreed"] = add(Note("", other_board.id, "SECRET-NO-AGREEMENT"))
    project.consent.withdraw(leaver.id, Scope.FUTURE_PACKS)
    return project, {"maggie": maggie, "quote": declined_quote, "no_ts": no_ts,
                     "leaver": leaver}, notes, (agreed, other)  # fmt: skip


def pdfs(folder) -> list:
    """Packs and their temporary files in a folder (the project file lives there too)."""
    return [p.name for p in folder.iterdir() if ".pdf" in p.name]


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def build(project, tmp_path, name="pack.pdf", accept=True, **kw):
    options = PackOptions(AUDIENCE, **kw)
    if accept:
        project.anonymise.accept_all(project.packs.plan(options).findings)
    return project.packs.build(options, tmp_path / name)


def test_eligibility_counts_each_reason(seeded):
    project, _people, _notes, _sessions = seeded
    plan = project.packs.plan(PackOptions(AUDIENCE))
    assert sorted(n.text[:12] for n in plan.selection.notes) == sorted(
        ["Maggie says ", "Prices <b>up", "Unsigned ide"]
    )
    assert dict(plan.selection.excluded["note"]) == {
        why.NO_QUOTE: 1, why.NO_SHARE: 1, why.WITHDRAWN: 1, why.SAFEGUARDING: 1,
        why.SENSITIVE: 1, why.NO_AGREEMENT: 1}  # fmt: skip
    # another audience: the person who declined Trading Standards agreed to the health board
    health = project.packs.plan(PackOptions("health BOARD"))
    assert "SECRET-NO-TS" in {n.text for n in health.selection.notes}


def test_pack_holds_what_is_allowed_and_nothing_else(seeded, tmp_path):
    project, people, _notes, _sessions = seeded
    result = build(project, tmp_path)
    text = text_of(result.path)
    for wanted in ("Cheap tobacco", "Unsigned idea from the group", "Prices <b>up</b> &",
                   "<font size=40>down</font> <para>", "Tobacco on our streets", "[phone]",
                   "[email]", "[postcode]", people["maggie"].pseudonym):  # fmt: skip
        assert wanted in text, wanted
    for never in ("SECRET", "Margaret", "O'Neill", "Maggie", "Mags", "07700", "900123",
                  "maggie@example.com", "G51", "Declan", "Nadia", "Wanda"):  # fmt: skip
        assert never not in text, never
    assert 3 <= result.pages <= 6
    assert result.notes == 3 and result.people == 1


def test_every_page_carries_the_marking_and_page_number(seeded, tmp_path):
    project, _people, _notes, _sessions = seeded
    result = build(project, tmp_path)
    reader = pypdf.PdfReader(result.path)
    marking = f"CONFIDENTIAL — prepared for {AUDIENCE} — pack {result.pack_id}"
    for n, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert marking in text
        assert f"Confidential — {AUDIENCE}" in text  # the watermark
        assert f"Page {n} of" in text
    assert reader.metadata.title == f"Pack {result.pack_id} for {AUDIENCE}"
    assert reader.metadata.creator == f"coprod_desktop {__version__}"  # the one version
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "Themes and notes" in contents
    assert [o.title for o in reader.outline][:2] == ["Summary", "Themes and notes"]


def test_undecided_detections_block_the_export(seeded, tmp_path):
    project, _people, _notes, _sessions = seeded
    target = tmp_path / "pack.pdf"
    plan = project.packs.plan(PackOptions(AUDIENCE))
    assert plan.undecided >= 4  # Maggie, phone, email, postcode
    with pytest.raises(ValidationError, match="Still to decide in this pack"):
        project.packs.build(PackOptions(AUDIENCE), target)
    assert not target.exists() and pdfs(tmp_path) == []
    assert project.packs.packs() == []


def test_rejected_detection_stays_in_the_text(seeded, tmp_path):
    project, _people, _notes, _sessions = seeded
    plan = project.packs.plan(PackOptions(AUDIENCE))
    for f in plan.findings:
        project.anonymise.decide(f, "reject" if f.detection.kind == "postcode" else "accept")
    result = project.packs.build(PackOptions(AUDIENCE), tmp_path / "p.pdf")
    assert "G51 2XX" in text_of(result.path)


def test_password_encrypts_with_aes_256(seeded, tmp_path):
    project, _people, _notes, _sessions = seeded
    options = PackOptions(AUDIENCE)
    project.anonymise.accept_all(project.packs.plan(options).findings)
    with pytest.raises(ValidationError, match="at least 8"):
        project.packs.build(options, tmp_path / "short.pdf", password="short")
    result = project.packs.build(options, tmp_path / "locked.pdf", password="partner-pass-1")
    assert result.protected
    reader = pypdf.PdfReader(result.path)
    assert reader.is_encrypted
    assert reader.decrypt("wrong-password") == pypdf.PasswordType.NOT_DECRYPTED
    reader = pypdf.PdfReader(result.path)
    assert reader.decrypt("partner-pass-1") != pypdf.PasswordType.NOT_DECRYPTED
    encrypt = reader.trailer["/Encrypt"]
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6  # AES-256
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert "Cheap tobacco" in "".join(page.extract_text() for page in reader.pages)
    assert b"Cheap tobacco" not in result.path.read_bytes()


def test_disclosure_log_matches_the_pdf(seeded, tmp_path):
    project, people, notes, _sessions = seeded
    result = build(project, tmp_path)
    [pack] = project.packs.packs()
    assert pack["id"] == result.pack_id and pack["audience"] == AUDIENCE
    assert pack["sha256"] == hashlib.sha256(result.path.read_bytes()).hexdigest()
    items, disclosed = project.packs.contents(result.pack_id)
    assert set(items) == {("note", notes[k].id) for k in ("maggie", "markup", "group")}
    # her two notes, and her name in the first of them (a mention is a disclosure too)
    assert [(pid, n) for pid, _pseudonym, n in disclosed] == [(people["maggie"].id, 3)]
    kinds = project.file.db.execute("SELECT item_kind, item_id FROM disclosures").fetchall()
    assert ("mention", notes["maggie"].id) in kinds
    # the withdrawal screen's query sees the pack for the author, not for anyone left out
    assert [p["id"] for p in project.consent.packs_containing(people["maggie"].id)] == [
        result.pack_id
    ]
    for left_out in ("quote", "no_ts", "leaver"):
        assert project.consent.packs_containing(people[left_out].id) == []
    audit = project.file.db.execute("SELECT action, subject_id FROM audit_log WHERE action = "
                                    "'pack.exported'").fetchall()  # fmt: skip
    assert audit == [("pack.exported", result.pack_id)]


def test_a_person_withdrawn_after_a_pack_is_left_out_of_the_next(seeded, tmp_path):
    project, people, _notes, _sessions = seeded
    build(project, tmp_path, "first.pdf")
    project.consent.withdraw(people["maggie"].id, Scope.FUTURE_PACKS)
    second = build(project, tmp_path, "second.pdf")
    text = text_of(second.path)
    assert "Prices" not in text and "Unsigned idea from the group" in text
    assert len(project.consent.packs_containing(people["maggie"].id)) == 1


def test_full_or_read_only_disk_leaves_no_file_and_no_log(seeded, small_disk):
    project, _people, _notes, _sessions = seeded
    options = PackOptions(AUDIENCE)
    project.anonymise.accept_all(project.packs.plan(options).findings)
    small_disk.fill()
    with pytest.raises(ValidationError, match=r"the disk is full\. Nothing was written"):
        project.packs.build(options, small_disk.path / "pack.pdf")
    small_disk.remount("ro")
    with pytest.raises(ValidationError, match="may not write in that folder"):
        project.packs.build(options, small_disk.path / "pack.pdf")
    assert pdfs(small_disk.path) == [] and project.packs.packs() == []


def test_bad_destinations_are_refused_before_any_work(seeded, tmp_path):
    project, _people, _notes, _sessions = seeded
    (tmp_path / "a-file.pdf").write_bytes(b"x")
    for target, message in ((tmp_path / "a-file.pdf" / "x.pdf", "is a file, not a folder"),
                            (tmp_path / "missing" / "x.pdf", "does not exist"),
                            (tmp_path, "is a folder")):  # fmt: skip
        with pytest.raises(ValidationError, match=message):
            project.packs.build(PackOptions(AUDIENCE), target)
    assert project.packs.packs() == []


def test_cancel_stops_the_export(seeded, tmp_path):
    project, _people, _notes, _sessions = seeded
    board = project.boards.boards()[0]
    for n in range(400):
        project.boards.add_note(Note("", board.id, f"Idea number {n} about the shops"))
    options = PackOptions(AUDIENCE)
    project.anonymise.accept_all(project.packs.plan(options).findings)
    with pytest.raises(pdf_module.Cancelled):
        project.packs.build(options, tmp_path / "pack.pdf", cancelled=lambda: True)
    assert pdfs(tmp_path) == [] and project.packs.packs() == []


def test_quotes_need_every_speaker_and_audio_needs_voice_consent(project, tmp_path):
    both = person(project, "Aisha Rahman")
    no_voice = person(project, "Bob Cairns", broadcast_voice=False)
    no_quote = person(project, "Cara Dunn", quote_anonymously=False)
    session = project.sessions.save(replace(project.sessions.draft(), title="Radio lab"))
    radio = project.radio

    def clip(title, speakers, words):
        rid = recorded(project, speakers, tone(1.0), session.id)
        made = radio.add_recorded(rid, title)
        radio.save_clip(replace(made, transcript=f"[0:00.0] {words}"))
        return radio.clip(made.id)

    solo = clip("Solo piece", [both], "My piece about the shops")
    duo = clip("Duo piece", [both, no_voice], "We both talk about the shops, ring 07700 900123")
    clip("Blocked piece", [both, no_quote], "SECRET-BLOCKED-QUOTE")
    options = PackOptions(AUDIENCE, attach_audio=True)
    plan = project.packs.plan(options)
    assert {c.id for c in plan.selection.quotes} == {solo.id, duo.id}
    assert [c.id for c in plan.selection.audio] == [solo.id]
    project.anonymise.accept_all(plan.findings)
    result = project.packs.build(options, tmp_path / "radio.pdf")
    reader = pypdf.PdfReader(result.path)
    assert list(reader.attachments) == ["01 Solo piece.wav"]
    wav = reader.attachments["01 Solo piece.wav"][0]
    assert wav[:4] == b"RIFF" and len(wav) > 40_000
    text = text_of(result.path)
    assert "We both talk about the shops, ring [phone]" in text
    assert "SECRET" not in text and "Aisha" not in text and "[0:00.0]" not in text
    items, _people = project.packs.contents(result.pack_id)
    assert ("clip_audio", solo.id) in items and ("clip_audio", duo.id) not in items
    # without asking for audio nothing is attached
    plain = project.packs.build(PackOptions(AUDIENCE), tmp_path / "plain.pdf")
    assert list(pypdf.PdfReader(plain.path).attachments) == []


def test_wide_unicode_and_huge_notes_render(project, tmp_path):
    session = project.sessions.save(replace(project.sessions.draft(), title="Languages",
                                            group_agreement=True))  # fmt: skip
    board = project.boards.create_board(session.id, "Wall")
    texts = ["Łódź, Kraków — zażółć gęślą jaźń", "Ní bhíonn siopa ar oscailt", "Привет, мир",
             "Καλημέρα", "x" * 1990, "word " * 390]  # fmt: skip
    for t in texts:
        project.boards.add_note(Note("", board.id, t))
    assert project.packs.plan(PackOptions(AUDIENCE)).missing_characters() == []
    project.boards.add_note(Note("", board.id, "漢字 and हिन्दी"))
    missing = project.packs.plan(PackOptions(AUDIENCE)).missing_characters()
    assert missing == list("हिन्दी")  # the wizard and CLI warn of these; Chinese is drawn
    result = build(project, tmp_path)
    text = text_of(result.path)
    for t in texts[:4]:
        assert t in text
    assert "漢字 and [U+0939][U+093F]" in text  # a marker for each character no font has
    for page in pypdf.PdfReader(result.path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()  # embedded subsets of the shipped fonts, nothing else
            assert font["/BaseFont"].split("+")[-1] in ("DejaVuSans", "DejaVuSans-Bold",
                                                        "WenQuanYiMicroHei-0")  # fmt: skip
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_sections_can_be_left_out(seeded, tmp_path):
    project, _people, _notes, _sessions = seeded
    result = build(project, tmp_path, sections=frozenset({"summary", "consent"}))
    text = text_of(result.path)
    assert "Consent in numbers" in text and "Cheap tobacco" not in text
    assert "Unsigned idea" not in text
    items, _people = project.packs.contents(result.pack_id)
    assert items == []


def test_audiences_come_from_the_consent_form_and_sessions(project):
    project.sessions.save(
        replace(
            project.sessions.draft(),
            title="x",
            partner_organisations=("Housing team", "trading standards"),
        )
    )
    names = project.packs.audiences()
    assert names[:4] == ["Health board", "Trading Standards", "Police Scotland", "Citizens Advice"]
    assert names[4:] == ["Housing team"]


def test_people_who_did_not_agree_to_this_audience_are_not_named_by_pseudonym(seeded, tmp_path):
    project, people, _notes, _sessions = seeded
    board = project.boards.boards()[0]
    project.boards.add_note(Note("", board.id, "Ask Nadia Tahir about the van, or Declan"))
    result = build(project, tmp_path)
    text = text_of(result.path)
    assert "Ask [Participant 1] about the van, or [Participant 2]" in text
    for pid in (people["no_ts"].id, people["quote"].id):
        pseudonym = project.participants.get(pid).pseudonym
        assert pseudonym not in text
        assert project.consent.packs_containing(pid) == []


def test_venues_are_anonymised_and_people_counted_once(seeded, tmp_path):
    project, people, _notes, (agreed, other) = seeded
    project.sessions.save(replace(agreed, venue="Davie Robertson's flat, 07700 900555"))
    project.sessions.save(replace(other, participant_ids=frozenset(
        {people["maggie"].id, people["quote"].id})))  # fmt: skip
    result = build(project, tmp_path)
    text = text_of(result.path)
    assert "Davie" not in text and "900555" not in text and "[phone]" in text
    roles = text[text.index("People taking part, by role") :]
    assert "Community member\n4" in roles  # four people, though two came twice


def test_small_consent_counts_are_not_shown_exactly(seeded, tmp_path):
    project, _people, _notes, _sessions = seeded
    text = text_of(build(project, tmp_path).path)
    consent = text[text.index("Consent in numbers") :]
    quoted = consent.split("Quoted anonymously\n")[1].split("\n")[:3]
    assert quoted == ["fewer than 3"] * 3  # 2 agreed, 1 declined, 1 withdrew: none exact


def test_votes_count_dots_of_revealed_rounds_only(seeded, tmp_path):
    project, people, notes, _sessions = seeded
    board = project.boards.boards()[0]
    round_ = project.boards.open_round(board.id, 5)
    project.boards.cast_vote(round_.id, notes["group"].id, people["maggie"].id)
    project.boards.cast_vote(round_.id, notes["group"].id, people["maggie"].id)
    first = text_of(build(project, tmp_path, "hidden.pdf").path)
    assert "vote" not in first.split("Unsigned idea from the group")[1][:12]
    project.boards.set_round(replace(project.boards.rounds(board.id)[0], revealed=True,
                                     is_open=False))  # fmt: skip
    second = text_of(build(project, tmp_path, "shown.pdf").path)
    assert "Unsigned idea from the group (2 votes)" in second


def test_audio_is_attached_only_where_removed_words_are_bleeped(project, tmp_path):
    speaker = person(project, "Aisha Rahman")
    session = project.sessions.save(replace(project.sessions.draft(), title="Radio lab"))
    rid = recorded(project, [speaker], tone(4.0), session.id)
    clip = project.radio.add_recorded(rid, "Piece")
    project.radio.save_clip(replace(clip, transcript="[0:00.0] Hello. [0:01.0] Aisha here. "
                                                     "[0:02.0] Bye."))  # fmt: skip
    options = PackOptions(AUDIENCE, attach_audio=True)
    plan = project.packs.plan(options)
    project.anonymise.accept_all(plan.findings)
    plan = project.packs.plan(options)
    assert plan.selection.audio == () and why.NOT_BLEEPED in plan.selection.excluded["audio"]
    finding = next(f for f in plan.findings if f.detection.text == "Aisha")
    project.anonymise.bleep_from_transcript(finding)
    assert [c.id for c in project.packs.plan(options).selection.audio] == [clip.id]
    result = project.packs.build(options, tmp_path / "p.pdf")
    assert result.attachments == ("01 Piece.wav",)
