"""The headless command line, in-process and through the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from coprod_desktop import __version__
from coprod_desktop.cli import main
from coprod_desktop.storage.migrations import CURRENT_VERSION
from tests.conftest import PASSPHRASE


@pytest.fixture
def env_passphrase(monkeypatch):
    monkeypatch.setenv("COPROD_PASSPHRASE", PASSPHRASE)


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_demo_info_verify(tmp_path: Path, env_passphrase, capsys):
    path = tmp_path / "demo.coprod"
    assert main(["demo", str(path)]) == 0
    assert "sessions" in capsys.readouterr().out
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["sessions"] == 4 and info["participants"] == 17 and info["clips"] == 3
    assert info["programmes"] == 1
    assert info["flagged"] == {"clips": 0, "ranges": 1, "sessions": 0}
    assert info["reciprocity_entries"] == 28
    assert info["reciprocity_threshold"] == {"amount_pence": 10000, "period_days": 30}
    assert info["schema_version"] == CURRENT_VERSION
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Partner representative: 4" in out and "Take part" in out and "0:29 of audio" in out
    assert "clips: 0, parts of clips: 1, sessions: 0" in out
    assert "28 entries (warn above £100.00 in 30 days)" in out
    assert main(["verify", str(path)]) == 0
    assert "All checks passed." in capsys.readouterr().out


def test_demo_refuses_to_overwrite_without_force(tmp_path: Path, env_passphrase, capsys):
    path = tmp_path / "demo.coprod"
    path.write_text("precious")
    assert main(["demo", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "precious"
    assert main(["demo", str(path), "--force"]) == 0


def test_demo_refuses_weak_passphrase(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("COPROD_PASSPHRASE", "short")
    assert main(["demo", str(tmp_path / "d.coprod")]) == 2
    assert "at least 8" in capsys.readouterr().err
    assert not (tmp_path / "d.coprod").exists()


def test_no_passphrase_exits_2(demo_path: Path, monkeypatch, capsys):
    monkeypatch.delenv("COPROD_PASSPHRASE", raising=False)
    with open(os.devnull) as not_a_terminal:
        monkeypatch.setattr(sys, "stdin", not_a_terminal)
        assert main(["info", str(demo_path)]) == 2
    assert "COPROD_PASSPHRASE" in capsys.readouterr().err


def test_wrong_passphrase_exits_1(demo_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("COPROD_PASSPHRASE", "definitely wrong")
    assert main(["verify", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert "passphrase is wrong" in err and "Traceback" not in err


def test_verify_fails_on_a_tampered_audit_log(demo_path: Path, env_passphrase, capsys):
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(demo_path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.commit()
    conn.close()
    assert main(["verify", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  audit log chain" in out and "Some checks failed." in out


def test_not_a_project(tmp_path: Path, env_passphrase, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("hello " * 500)
    assert main(["info", str(path)]) == 1
    assert "coprod-desktop:" in capsys.readouterr().err


def test_console_script_is_installed(tmp_path: Path):
    script = shutil.which("coprod-desktop", path=str(Path(sys.executable).parent))
    assert script, "the coprod-desktop console script is not installed next to python"
    env = {**os.environ, "COPROD_PASSPHRASE": PASSPHRASE}
    done = subprocess.run(
        [script, "demo", str(tmp_path / "d.coprod")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert done.stdout.strip() == f"coprod-desktop {__version__}"


def test_verify_reports_a_damaged_page_as_a_failed_check(demo_path: Path, env_passphrase, capsys):
    data = bytearray(demo_path.read_bytes())
    data[20000:20032] = bytes(32)
    demo_path.write_bytes(bytes(data))
    code = main(["verify", str(demo_path)])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.err
    if "FAIL" in captured.out:  # opened: the damaged page is a failed check, not a crash
        assert "FAIL  encrypted pages authentic" in captured.out
    else:  # or the damage is in a page needed to open the file at all
        assert "damaged" in captured.err


def test_unknown_word_is_not_taken_for_a_project(capsys):
    assert main(["bogus"]) == 2
    assert "neither a command nor a file" in capsys.readouterr().err


def test_no_display_is_explained(demo_path: Path, monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([str(demo_path)]) == 2
    assert "no display" in capsys.readouterr().err


def test_demo_force_refuses_a_project_that_is_open(tmp_path: Path, env_passphrase, capsys):
    path = tmp_path / "open.coprod"
    assert main(["demo", str(path)]) == 0
    path.with_name("open.coprod-wal").write_bytes(b"")
    assert main(["demo", str(path), "--force"]) == 1
    assert "looks open" in capsys.readouterr().err


def test_screenshot_run_reports_failure_and_success(demo_path: Path, tmp_path: Path):
    script = shutil.which("coprod-desktop", path=str(Path(sys.executable).parent))
    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COPROD_PASSPHRASE": "wrong wrong"}
    done = subprocess.run([script, str(demo_path), "--screenshot", str(shot)], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 1 and "passphrase is wrong" in done.stderr
    env["COPROD_PASSPHRASE"] = PASSPHRASE
    done = subprocess.run([script, str(demo_path), "--screenshot", str(shot)], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_pack_refuses_undecided_then_builds_with_auto_accept(demo_path, tmp_path, env_passphrase,
                                                              capsys, monkeypatch):  # fmt: skip
    import pypdf

    out = tmp_path / "pack.pdf"
    args = ["pack", str(demo_path), "--audience", "Trading Standards", "--out", str(out)]
    assert main(args) == 2
    assert "Still to decide in this pack" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("PACK_PW", "partner-password")
    assert main([*args, "--auto-accept", "--attach-audio", "--pdf-password-env", "PACK_PW"]) == 0
    printed = capsys.readouterr().out
    assert "Wrote" in printed and "AES-256" in printed and "SHA-256" in printed
    reader = pypdf.PdfReader(out)
    assert reader.is_encrypted and reader.decrypt("partner-password")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "CONFIDENTIAL — prepared for Trading Standards" in text
    assert "Maggie" not in text and "07700 900461" not in text
    assert reader.attachments  # the demo has clips whose speakers all agreed to voice use
    assert main(args) == 2 and "already exists" in capsys.readouterr().err
    assert main(["info", str(demo_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["packs"] == 1


def test_pack_by_session_title_and_bad_options(demo_path, tmp_path, env_passphrase, capsys):
    out = tmp_path / "one.pdf"
    base = ["pack", str(demo_path), "--audience", "Health board", "--out", str(out)]
    assert main([*base, "--sessions", "nope", "--auto-accept"]) == 2
    assert "No session “nope”" in capsys.readouterr().err
    assert main([*base, "--sections", "themes,gossip", "--auto-accept"]) == 2
    assert "gossip" in capsys.readouterr().err
    assert main([*base, "--pdf-password-env", "NOT_SET_ANYWHERE", "--auto-accept"]) == 2
    title = "Cost of living, doorstep lenders and cheap goods"
    assert main([*base, "--sessions", title.upper(), "--auto-accept", "--sections",
                 "summary,themes"]) == 0  # fmt: skip
    assert "1 session" in "".join(p.extract_text() for p in __import__("pypdf").PdfReader(
        out).pages)  # fmt: skip


def test_pack_refuses_a_damaged_file_and_leaves_it_untouched(demo_path, tmp_path, env_passphrase,
                                                             capsys):  # fmt: skip
    from coprod_desktop.services.project import open_project
    from tests.helpers import add_marked_audio, audio_page, digest, flip

    project = open_project(demo_path, PASSPHRASE)
    add_marked_audio(project)
    project.close()
    flip(demo_path, audio_page(demo_path, PASSPHRASE))  # four bytes in one page of audio
    before = digest(demo_path)
    out = tmp_path / "out" / "pack.pdf"
    out.parent.mkdir()
    assert main(["info", str(demo_path)]) == 0  # nothing info reads is damaged
    capsys.readouterr()
    assert main(["pack", str(demo_path), "--audience", "Health board", "--out", str(out),
                 "--auto-accept"]) == 1  # fmt: skip
    captured = capsys.readouterr()
    assert "is damaged" in captured.err and "nothing was exported" in captured.err
    assert f'coprod-desktop verify "{demo_path}"' in captured.err
    assert "Accepted" not in captured.out and "Wrote" not in captured.out
    assert list(out.parent.iterdir()) == []
    assert digest(demo_path) == before  # no decision, no disclosure log, nothing
    assert main(["verify", str(demo_path)]) == 1
    assert "HMAC verification failed" in capsys.readouterr().out


def test_info_tells_to_run_verify_when_the_quick_check_fails(demo_path, env_passphrase, capsys):
    from tests.helpers import digest, flip, table_page

    flip(demo_path, table_page(demo_path, PASSPHRASE, "anonymise_terms"))
    before = digest(demo_path)
    assert main(["info", str(demo_path)]) == 1
    captured = capsys.readouterr()
    assert "participants" in captured.out  # the counts are still shown
    assert "may be damaged" in captured.err
    assert f'coprod-desktop verify "{demo_path}"' in captured.err
    assert digest(demo_path) == before


def test_pack_to_a_read_only_folder_saves_no_decision(demo_path, tmp_path, env_passphrase,
                                                      capsys, small_disk):  # fmt: skip
    from tests.helpers import digest

    before = digest(demo_path)
    small_disk.remount("ro")
    args = ["pack", str(demo_path), "--audience", "Health board"]
    assert main([*args, "--out", str(small_disk.path / "pack.pdf"), "--auto-accept"]) == 2
    assert "may not write in that folder" in capsys.readouterr().err
    assert digest(demo_path) == before and list(small_disk.path.iterdir()) == []
    assert main([*args, "--out", str(tmp_path / "pack.pdf")]) == 2  # still all undecided
    assert "Still to decide" in capsys.readouterr().err
    assert main([*args, "--out", str(tmp_path / "pack.pdf"), "--auto-accept"]) == 0
    assert "Accepted" in capsys.readouterr().out


def test_programme_makes_the_demo_programme_and_refuses_when_the_gate_fails(
        demo_path, tmp_path, env_passphrase, capsys):  # fmt: skip
    out = tmp_path / "episode.mp3"
    assert main(["programme", str(demo_path), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Your Street, Your Voice: episode 1" in printed and "LUFS" in printed
    assert out.exists() and out.with_suffix(".txt").exists()
    assert main(["programme", str(demo_path), "--out", str(out)]) == 2  # exists: needs --force
    assert "--force" in capsys.readouterr().err
    assert main(["programme", str(demo_path), "--out", str(tmp_path / "x.ogg")]) == 2
    assert main(["programme", str(demo_path), "--out", str(tmp_path / "y.wav"),
                 "--title", "No such show"]) == 2  # fmt: skip
    assert "No programme is called" in capsys.readouterr().err

    from coprod_desktop.services.project import open_project

    project = open_project(demo_path, PASSPHRASE, "tester")
    try:
        programme = project.programmes.find()
        clip = project.radio.clip(programme.items[1].source_id)
        shy = next(p for p in project.participants.list() if p.pseudonym == "P-06")
        project.radio.save_clip(replace(clip, speakers=(*clip.speakers, shy.id)))
    finally:
        project.close()
    assert main(["programme", str(demo_path), "--out", str(tmp_path / "z.wav")]) == 1
    err = capsys.readouterr().err
    assert "P-06" in err and "Declined: Voice broadcast" in err
    assert not (tmp_path / "z.wav").exists()


def test_feedback_refuses_undecided_then_builds_with_auto_accept_and_a_poster(
        demo_path, tmp_path, env_passphrase, capsys):  # fmt: skip
    import pypdf

    out = tmp_path / "feedback.pdf"
    args = ["feedback", str(demo_path), "--out", str(out)]
    assert main(args) == 2
    assert "Still to decide in this feedback" in capsys.readouterr().err and not out.exists()
    assert main([*args, "--auto-accept", "--cream", "--contact", "Aileen, Tuesdays"]) == 0
    printed = capsys.readouterr().out
    assert "Wrote" in printed and "5 actions" in printed and "not quoted:" in printed
    text = " ".join("".join(p.extract_text() for p in pypdf.PdfReader(out).pages).split())
    assert "You said, we did" in text and "Visit the shops near the school" in text
    assert "CONFIDENTIAL" not in text and "Maggie" not in text and "07700 900461" not in text
    poster = tmp_path / "poster.pdf"
    assert main(["feedback", str(demo_path), "--out", str(poster), "--poster"]) == 0
    assert len(pypdf.PdfReader(poster).pages) == 1 and "poster" in capsys.readouterr().out
    assert main(["info", str(demo_path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["packs"] == 2 and info["actions"] == 5
def test_participant_copy_writes_their_own_copy(demo_path, tmp_path, env_passphrase, capsys):
    import pypdf

    out = tmp_path / "P-01 own copy.pdf"
    args = ["participant-copy", str(demo_path), "--participant", "P-01", "--out", str(out)]
    assert main([*args, "--attach-audio"]) == 0
    printed = capsys.readouterr().out
    assert "the own copy of P-01, with 9 notes, 1 clip" in printed and "3 dots" in printed
    assert "1 clip not attached" in printed and "SHA-256" in printed
    reader = pypdf.PdfReader(out)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Your own copy" in text and "Pension goes nowhere now" in text
    assert "Presenter: “Welcome”" in text  # their part in the demo programme
    for never in ("Margaret", "O'Neill", "Maggie", "P-04", "Imran", "Kyle"):
        assert never not in text, never
    assert not reader.attachments  # their one clip has someone else in it
    assert main(args) == 2 and "already exists" in capsys.readouterr().err


def test_participant_copy_refusals_exit_with_the_reason(demo_path, tmp_path, env_passphrase,
                                                        capsys):  # fmt: skip
    out = tmp_path / "copy.pdf"
    base = ["participant-copy", str(demo_path), "--out", str(out)]
    assert main([*base, "--participant", "P-99"]) == 2
    assert "No participant “P-99”" in capsys.readouterr().err
    assert main([*base, "--participant", "P-03"]) == 2  # a note of theirs is not yet reviewed
    err = capsys.readouterr().err
    assert "Still to decide in this copy: 2 possible pieces" in err and "Anonymise" in err
    missing = tmp_path / "nowhere" / "copy.pdf"
    assert main(["participant-copy", str(demo_path), "--participant", "P-01", "--out",
                 str(missing)]) == 2  # fmt: skip
    assert "does not exist" in capsys.readouterr().err
    assert not out.exists() and not missing.parent.exists()


def test_the_pack_sections_offered_are_the_packs_own_defaults_first():
    from coprod_desktop.cli import SECTION_KEYS
    from coprod_desktop.export.document import DEFAULT_SECTIONS, SECTIONS

    assert set(SECTION_KEYS) == set(SECTIONS)
    assert set(SECTION_KEYS[:len(DEFAULT_SECTIONS)]) == DEFAULT_SECTIONS  # "the first six"


def test_signposting_and_the_safeguarding_report(demo_path, tmp_path, env_passphrase, capsys,
                                                 monkeypatch):  # fmt: skip
    import pypdf

    cards = tmp_path / "cards.pdf"
    assert main(["signposting", str(demo_path), "--out", str(cards), "--cards"]) == 0
    assert "wallet cards of 23 services" in capsys.readouterr().out
    text = " ".join("".join(p.extract_text() for p in pypdf.PdfReader(cards).pages).split())
    assert "Samaritans" in text and "Riverside Community Food Pantry" in text
    poster = tmp_path / "poster.pdf"
    assert main(["signposting", str(demo_path), "--out", str(poster)]) == 0
    report = tmp_path / "log.pdf"
    args = ["safeguarding-report", str(demo_path), "--out", str(report),
            "--pdf-password-env", "LOG_PASSWORD"]  # fmt: skip
    assert main(args) == 2 and "always password-protected" in capsys.readouterr().err
    monkeypatch.setenv("LOG_PASSWORD", "short")
    assert main(args) == 2 and "at least 8" in capsys.readouterr().err and not report.exists()
    monkeypatch.setenv("LOG_PASSWORD", "a long password")
    assert main(args) == 0 and "2 concerns" in capsys.readouterr().out
    reader = pypdf.PdfReader(report)
    assert reader.is_encrypted and reader.decrypt("a long password")
    assert "Safeguarding log — restricted" in reader.pages[0].extract_text()
    assert main(["info", str(demo_path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["safeguarding_concerns"] == {"open": 1, "closed": 1}
    assert info["signposting_entries"] == 23 and info["packs"] == 0  # not a pack
