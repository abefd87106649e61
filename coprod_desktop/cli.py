"""The `coprod-desktop` command: the GUI with no arguments (or a project path), else a
headless command for scripting and machines without a display."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import PASSPHRASE_ENV, PROJECT_SUFFIX, __version__
from .domain.words import counted, material, pieces

SECTION_KEYS = (
    "summary",
    "themes",
    "quotes",
    "charts",
    "consent",
    "actions",
    "risks",
    "barriers",
    "outcomes",
    "reciprocity",
)  # export.document.SECTIONS; the last four only when asked for
COMMANDS = ("demo", "info", "verify", "pack", "programme", "feedback", "participant-copy",
            "retention", "signposting", "safeguarding-report", "transcribe", "combine")
EXIT_FAILED = 1
EXIT_USAGE = 2


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coprod-desktop",
        description="Community co-production workshops: consent, audio, boards and packs. "
        "Run with no command to open the app.",
        epilog=f"The passphrase is read from ${PASSPHRASE_ENV}, or asked for when run in a "
        "terminal.",
    )
    parser.add_argument("--version", action="version", version=f"coprod-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="create a demo project with realistic example data")
    demo.add_argument("path", type=Path, help=f"new project file (e.g. demo{PROJECT_SUFFIX})")
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    info = sub.add_parser("info", help="show what a project holds (counts)")
    info.add_argument("path", type=Path)
    info.add_argument("--json", action="store_true", help="print JSON for scripts")
    verify = sub.add_parser(
        "verify", help="check a project is whole: exit 0 only if every check passes"
    )
    verify.add_argument("path", type=Path)
    verify.add_argument("--against", type=Path, action="append", default=[], metavar="PDF",
                        help="a pack or participant's copy this project issued: check the audit "
                        "log still holds, unchanged, what it held then (repeatable)")  # fmt: skip
    verify.add_argument("--pdf-password-env", metavar="VAR",
                        help="the variable holding the password of protected packs")  # fmt: skip
    pack = sub.add_parser(
        "pack", help="build a confidential, anonymised PDF pack for one partner organisation"
    )
    pack.add_argument("path", type=Path)
    pack.add_argument("--audience", required=True, help="the organisation the pack is for")
    pack.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    pack.add_argument("--sessions", default="",
                      help="session IDs or titles, comma-separated (default: all)")  # fmt: skip
    pack.add_argument("--sections", default="",
                      help="sections, comma-separated (default: the first six): "
                      + ", ".join(SECTION_KEYS))  # fmt: skip
    pack.add_argument(
        "--pdf-password-env",
        metavar="VAR",
        help="encrypt the PDF (AES-256) with the password in this variable",
    )
    pack.add_argument("--attach-audio", action="store_true",
                      help="attach clips' anonymised audio where every speaker agreed")  # fmt: skip
    pack.add_argument("--include-sensitive", action="store_true",
                      help="include notes marked sensitive")  # fmt: skip
    pack.add_argument(
        "--auto-accept",
        action="store_true",
        help="accept (remove) every undecided detection of personal data",
    )
    pack.add_argument("--force", action="store_true", help="replace an existing file")
    programme = sub.add_parser(
        "programme", help="make a radio programme as MP3 or WAV, if every voice agreed to "
        "broadcast (show notes and anonymised transcript beside it)")  # fmt: skip
    programme.add_argument("path", type=Path)
    programme.add_argument("--out", required=True, type=Path,
                           help="the .mp3 or .wav file to write (its .txt goes beside it)")
    programme.add_argument("--title", default="",
                           help="the programme to make (default: the most recently changed)")
    programme.add_argument("--loudness", type=float, default=-16.0, metavar="LUFS",
                           help="integrated loudness: -16 for podcasts (default), -23 for "
                           "broadcast (EBU R128)")  # fmt: skip
    programme.add_argument("--force", action="store_true", help="replace existing files")
    feedback = sub.add_parser(
        "feedback", help="make the public “You said, we did” feedback for the community "
        "(large print, anonymised, only quotes people agreed to)")  # fmt: skip
    feedback.add_argument("path", type=Path)
    feedback.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    feedback.add_argument("--poster", action="store_true",
                          help="a one-page poster for the venue wall instead")
    feedback.add_argument("--sessions", default="",
                          help="session IDs or titles, comma-separated (default: all)")
    feedback.add_argument("--cream", action="store_true", help="pale cream pages")
    feedback.add_argument("--contact", default="", help="who to talk to, how to get in touch")
    feedback.add_argument("--received", action="store_true",
                          help="say what people received for taking part (totals only)")
    feedback.add_argument("--auto-accept", action="store_true",
                          help="accept (remove) every undecided detection of personal data")
    feedback.add_argument("--force", action="store_true", help="replace an existing file")
    copy = sub.add_parser(
        "participant-copy", help="write one participant's own copy: a PDF of everything they "
        "gave the project, under their pseudonym only")  # fmt: skip
    copy.add_argument("path", type=Path)
    copy.add_argument("--participant", required=True, metavar="PSEUDONYM",
                      help="whose copy it is, by pseudonym")  # fmt: skip
    copy.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    copy.add_argument("--attach-audio", action="store_true",
                      help="attach the sound of the clips they are the only speaker in")
    copy.add_argument("--force", action="store_true", help="replace an existing file")
    keep = sub.add_parser(
        "retention", help="list what is past the project's retention; --erase erases it")
    keep.add_argument("path", type=Path)
    keep.add_argument("--erase", action="store_true",
                      help="erase what is due (it cannot be undone)")
    keep.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                      help="the day to judge on (default: today); to look ahead, or back. "
                      "Erasing refuses a day after today")  # fmt: skip
    signs = sub.add_parser(
        "signposting", help="print the project's list of services for participants: an A4 "
        "poster in large print, or wallet cards")  # fmt: skip
    signs.add_argument("path", type=Path)
    signs.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    signs.add_argument("--cards", action="store_true",
                       help="wallet cards, ten to a sheet with cut marks, instead of the poster")
    signs.add_argument("--force", action="store_true", help="replace an existing file")
    report = sub.add_parser(
        "safeguarding-report", help="write the safeguarding log as a restricted PDF, always "
        "password-protected (AES-256)")  # fmt: skip
    report.add_argument("path", type=Path)
    report.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    report.add_argument("--pdf-password-env", metavar="VAR", required=True,
                        help="the variable holding the report's password (8 characters or "
                        "more)")  # fmt: skip
    report.add_argument("--force", action="store_true", help="replace an existing file")
    words = sub.add_parser(
        "transcribe", help="the time of every word in a WAV file, offline: a draft of what is "
        "said, or the words of a given text aligned to it")  # fmt: skip
    words.add_argument("wav", type=Path)
    words.add_argument("--json", action="store_true", required=True,
                       help="print JSON: {engine, words: [{word, start, end, confidence}]}, "
                       "times in seconds")  # fmt: skip
    words.add_argument("--text-file", type=Path,
                       help="a UTF-8 text of what is said: align it instead of drafting (its "
                       "[m:ss] timestamps help on long files)")  # fmt: skip
    words.add_argument("--model", type=Path,
                       help="a speech-model file installed on this computer (whisper.cpp or "
                       "faster-whisper) instead of the built-in English engine")  # fmt: skip
    combine = sub.add_parser(
        "combine", help="combine another facilitator's project file into this one",
        description="Combine another facilitator's project file (OTHER, never changed) into "
        "the project at PATH. Here nobody is taken to be the same person (match people in the "
        "app: File > Combine with Another Project...), a newcomer whose pseudonym is taken is "
        "renumbered, and of a record edited on both laptops the newer edit is kept (this "
        "file's when neither says when it was changed); each is listed.")  # fmt: skip
    combine.add_argument("path", type=Path, help="the project to combine into (changed)")
    combine.add_argument("other", type=Path, help="the other project file (never changed)")
    combine.add_argument("--other-passphrase-env", metavar="VAR",
                         help="the variable holding the other file's passphrase (else asked "
                         "for in a terminal)")  # fmt: skip
    combine.add_argument("--dry-run", action="store_true",
                         help="say what combining would do, and change nothing")  # fmt: skip
    combine.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def _day(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date like 2027-04-17.") from None


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coprod-desktop", add_help=False)
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--screenshot", type=Path, help=argparse.SUPPRESS)
    return parser


def read_passphrase(confirm: bool = False) -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            f"No passphrase: set {PASSPHRASE_ENV} or run this in a terminal to be asked.",
            EXIT_USAGE,
        )
    first = getpass.getpass("Project passphrase: ")
    if confirm and getpass.getpass("Type it again: ") != first:
        raise CliError("The two passphrases are not the same.", EXIT_USAGE)
    return first


def _cmd_demo(args: argparse.Namespace) -> int:
    from coprod_desktop.demo import create_demo
    from coprod_desktop.domain.errors import ValidationError
    from coprod_desktop.domain.passphrase import check_new_passphrase

    if args.path.exists() and not args.force:
        raise CliError(f"{args.path} already exists. Use --force to replace it.")
    if args.path.with_name(args.path.name + "-wal").exists():
        raise CliError(
            f"{args.path} looks open in coprod_desktop (or was not closed "
            "properly). Close it there, or open and close it once, then try again."
        )
    passphrase = read_passphrase(confirm=True)
    try:
        check_new_passphrase(passphrase)
    except ValidationError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    project = create_demo(args.path, passphrase)
    info = project.info()
    project.close()
    print(f"Created {args.path}: {info['sessions']} sessions, {info['participants']} participants.")
    return 0


def _open(path: Path):
    from coprod_desktop.services.project import open_project

    return open_project(path, read_passphrase())


@contextlib.contextmanager
def _writing(args: argparse.Namespace) -> Iterator:
    """The open project, for a command that writes `args.out`: refused first if that file is
    there (without --force); a rule broken inside is the command's refusal (exit status 2)."""
    from coprod_desktop.domain.errors import ValidationError

    if args.out.exists() and not args.force:
        raise CliError(f"{args.out} already exists. Use --force to replace it.", EXIT_USAGE)
    project = _open(args.path)
    try:
        yield project
    except ValidationError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    finally:
        project.close()


def _print_info(info: dict) -> None:
    from coprod_desktop.domain.clips import clock
    from coprod_desktop.domain.consent import Status, item_label
    from coprod_desktop.domain.participants import Role

    roles = ", ".join(f"{Role(k).label}: {v}" for k, v in info["participants_by_role"].items())
    rows = [
        ("name", info["name"]),
        ("path", info["path"]),
        ("schema version", info["schema_version"]),
        ("sessions", info["sessions"]),
        ("participants", f"{info['participants']} ({roles or 'none'})"),
        (
            "boards",
            f"{info['boards']} ({info['notes']} notes in {info['themes']} themes, "
            f"{info['votes']} votes)",
        ),
        (
            "clips",
            f"{info['clips']} ({clock(info['clip_seconds'] * 1000)} of audio"
            + (
                f"; {counted(info['unfinished_recordings'], 'unfinished recording')} to recover"
                if info["unfinished_recordings"]
                else ""
            )
            + ")",
        ),
        ("programmes", info["programmes"]),
        ("flagged", f"clips: {info['flagged']['clips']}, parts of clips: "
                    f"{info['flagged']['ranges']}, sessions: {info['flagged']['sessions']}"),
        ("reciprocity", f"{counted(info['reciprocity_entries'], 'entry', 'entries')}"
         + _threshold(info["reciprocity_threshold"])),
        ("audit entries", info["audit_entries"]),
        ("retention", ", ".join(f"{k.replace('_months', '')} "
                                f"{'kept' if v is None else f'{v} months'}"
                                for k, v in info["retention_policy"].items())
         + (f" (due: {', '.join(f'{k} {n}' for k, n in info['retention_due'].items())})"
            if info["retention_due"] else "")),
    ]
    for label, value in rows:
        print(f"{label:<16}{value}")
    statuses = list(Status)
    print(f"\n{'consent':<22}" + "".join(f"{s.label:>11}" for s in statuses))
    for key, counts in info["consent"].items():
        print(
            f"  {item_label(key):<20}" + "".join(f"{counts.get(s.value, 0):>11}" for s in statuses)
        )


def _threshold(threshold: dict) -> str:
    """' (warn above £100.00 in 30 days)', or '' when the project sets no threshold."""
    from coprod_desktop.domain.reciprocity import money

    if threshold["amount_pence"] is None:
        return ""
    return f" (warn above {money(threshold['amount_pence'])} in {threshold['period_days']} days)"


def _cmd_info(args: argparse.Namespace) -> int:
    project = _open(args.path)
    try:
        damage = project.damage  # the quick check on opening found a problem
        info = project.info()
    finally:
        project.close()
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
    else:
        _print_info(info)
    if damage is not None:
        print(f"coprod-desktop: {damage}", file=sys.stderr)
        return EXIT_FAILED
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from coprod_desktop.domain.errors import ValidationError
    from coprod_desktop.export.protect import anchor_in
    from coprod_desktop.services.verify import verify

    password = os.environ.get(args.pdf_password_env, "") if args.pdf_password_env else ""
    try:
        anchors = {pdf.name: anchor_in(pdf, password) for pdf in args.against}
    except ValidationError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    project = _open(args.path)
    try:
        report = verify(project.file, anchors)
    finally:
        project.close()
    for check in report.checks:
        print(f"{'ok  ' if check.ok else 'FAIL'}  {check.name}")
        for problem in check.problems[:20]:
            print(f"        {problem}")
    print("All checks passed." if report.ok else "Some checks failed.")
    return 0 if report.ok else EXIT_FAILED


def _sessions_wanted(project, text: str) -> tuple[str, ...]:
    sessions = project.sessions.list()
    whole = [s.id for s in sessions if s.title.casefold() == text.strip().casefold()]
    if whole:
        return tuple(whole[:1])  # one title with commas in it
    wanted = [w.strip() for w in text.split(",") if w.strip()]
    if not wanted:
        if text.strip():
            raise CliError("--sessions names no session (leave it out for all).", EXIT_USAGE)
        return ()
    out = []
    for w in wanted:
        match = [s for s in sessions if s.id == w or s.title.casefold() == w.casefold()]
        if not match:
            known = "; ".join(f"{s.id} ({s.title})" for s in sessions)
            raise CliError(f"No session “{w}” in this project. Sessions: {known}", EXIT_USAGE)
        out.append(match[0].id)
    return tuple(out)


def _cmd_pack(args: argparse.Namespace) -> int:
    from coprod_desktop.export.document import DEFAULT_SECTIONS, SECTIONS
    from coprod_desktop.services.packs import PackOptions

    sections = frozenset(w.strip() for w in args.sections.split(",") if w.strip())
    sections = sections or DEFAULT_SECTIONS
    unknown = sections - set(SECTIONS)
    if unknown:
        raise CliError(f"Unknown sections: {', '.join(sorted(unknown))}. Choose from "
                       f"{', '.join(SECTIONS)}.", EXIT_USAGE)  # fmt: skip
    password = ""
    if args.pdf_password_env:
        password = os.environ.get(args.pdf_password_env, "")
        if not password:
            raise CliError(f"${args.pdf_password_env} is empty or not set.", EXIT_USAGE)
    audience = " ".join(args.audience.split())
    with _writing(args) as project:
        project.packs.check_target(args.out, password)  # before any decision is stored
        options = PackOptions(audience, _sessions_wanted(project, args.sessions), sections,
                              args.include_sensitive, args.attach_audio)  # fmt: skip
        plan = project.packs.plan(options)
        if plan.undecided and not args.auto_accept:
            raise CliError(
                f"Still to decide in this pack: {pieces(plan.undecided)}. "
                "Review them on the Anonymise screen, or add "
                "--auto-accept to remove every one.", EXIT_USAGE)  # fmt: skip
        if not plan.audience_named:
            print(f"Warning: “{audience}” is not named on the consent form, so nobody has "
                  "agreed to sharing with it; only unsigned notes from sessions under a "
                  "group agreement can go in.", file=sys.stderr)  # fmt: skip
        missing = plan.missing_characters()
        if missing:
            print(f"Warning: {counted(len(missing), 'character')} such as "
                  f"{' '.join(missing[:5])} are in none of the pack's fonts: each will print "
                  "as its Unicode code in brackets, listed on the cover.",
                  file=sys.stderr)  # fmt: skip
        # the accepted detections are saved with the disclosure log, only if it is issued
        result = project.packs.build(options, args.out, password,
                                     accept_undecided=args.auto_accept)  # fmt: skip
    if result.accepted:
        print(f"Accepted {counted(result.accepted, 'detection')}: they are replaced in the pack.")
    print(f"Wrote {result.path}: pack {result.pack_id} for {audience}, {result.pages} pages, "
          f"{result.notes} notes, {result.clips} quotes, material from {result.people} people"
          + (f", {counted(len(result.attachments), 'audio attachment')}" if result.attachments
             else "")
          + (", password-protected (AES-256)" if result.protected else "") + ".")  # fmt: skip
    print(f"SHA-256 {result.sha256}")
    for kind, reasons in result.excluded.items():
        for reason, n in reasons.items():
            print(f"  left out: {material(kind, n)} — {reason}")
    return 0


def _cmd_feedback(args: argparse.Namespace) -> int:
    from coprod_desktop.services.feedback import FeedbackOptions

    with _writing(args) as project:
        project.packs.check_target(args.out)  # before any decision is stored
        options = FeedbackOptions(_sessions_wanted(project, args.sessions), args.poster,
                                  args.cream, args.contact, received=args.received)  # fmt: skip
        plan = project.feedback.plan(options)
        if plan.undecided and not args.auto_accept:
            raise CliError(
                f"Still to decide in this feedback: {pieces(plan.undecided)}. "
                "Review them on the Anonymise screen, or add "
                "--auto-accept to remove every one.", EXIT_USAGE)  # fmt: skip
        result = project.feedback.build(options, args.out, accept_undecided=args.auto_accept)
    if result.accepted:
        print(f"Accepted {counted(result.accepted, 'detection')}: they are replaced in it.")
    what = "poster" if args.poster else "feedback"
    print(f"Wrote {result.path}: {what} {result.feedback_id}, {counted(result.pages, 'page')}, "
          f"{counted(result.themes, 'theme')}, {counted(result.quotes, 'quote')}, "
          f"{counted(result.actions, 'action')}.")
    print(f"SHA-256 {result.sha256}")
    for kind, reasons in plan.selection.excluded.items():
        for reason, n in reasons.items():
            print(f"  not quoted: {material(kind, n)} — {reason}")
    return 0


def _cmd_programme(args: argparse.Namespace) -> int:
    from coprod_desktop.domain.clips import clock
    from coprod_desktop.domain.errors import ValidationError

    text = args.out.with_suffix(".txt")
    existing = [p for p in (args.out, text) if p.exists()]
    if existing and not args.force:
        raise CliError(f"{existing[0]} already exists. Use --force to replace it.", EXIT_USAGE)
    project = _open(args.path)
    try:
        try:
            project.programmes.check_target(args.out)
            programme = project.programmes.find(args.title)
        except ValidationError as exc:
            raise CliError(str(exc), EXIT_USAGE) from exc
        try:
            made = project.programmes.make(programme.id, args.out, args.loudness)
        except ValidationError as exc:  # the consent gate, or what the review left to bleep
            raise CliError(f"“{programme.title}”: {exc}") from exc
    finally:
        project.close()
    print(f"Wrote {made.path}: “{programme.title}”, {clock(made.length_ms)}, "
          f"{made.lufs:.1f} LUFS integrated, true peak {made.true_peak_dbtp:.1f} dBTP, "
          f"{counted(made.voices, 'voice')}; release {made.release_id}.")  # fmt: skip
    print(f"Show notes and transcript: {made.text_path}")
    print(f"SHA-256 {made.sha256}")
    return 0


def _cmd_participant_copy(args: argparse.Namespace) -> int:

    with _writing(args) as project:
        person = project.own_copy.find(args.participant)
        result = project.own_copy.build(person.id, args.out, args.attach_audio)
    print(f"Wrote {result.path}: the own copy of {result.pseudonym}, with "
          f"{counted(result.notes, 'note')}, {counted(result.clips, 'clip')} "
          f"({counted(result.lines, 'line')} of theirs), {counted(result.dots, 'dot')} given, "
          f"{counted(result.consent_records, 'consent record')}, "
          f"{counted(result.withdrawals, 'withdrawal')} and "
          f"{counted(result.disclosures, 'pack or release', 'packs or releases')} that "
          "carried their material.")  # fmt: skip
    if args.attach_audio:
        print(f"Attached {counted(len(result.attachments), 'clip')}"
              + (f"; {counted(result.not_attached, 'clip')} not attached (another person "
                 "speaks in it, its sound was erased, or it is not yet bleeped)"
                 if result.not_attached else "") + ".")  # fmt: skip
    print(f"SHA-256 {result.sha256}")
    return 0


def _cmd_retention(args: argparse.Namespace) -> int:
    import datetime as dt

    today = dt.date.today()
    day = args.today or today
    if args.erase and day > today:  # erasing early cannot be taken back
        raise CliError("--erase erases only what is due by today: choose --today no later "
                       f"than {today.isoformat()}.", EXIT_USAGE)  # fmt: skip
    project = _open(args.path)
    try:
        items = project.retention.due(day)
        if not items:
            print(f"Nothing is past its retention on {day:%d %b %Y}.")
            return 0
        for item in items:
            whose = f" ({', '.join(item.whose)})" if item.whose else ""
            print(f"{item.label}: {item.count} due since {item.since:%d %b %Y}{whose}")
        if args.erase:
            erased = project.retention.erase_due(day)
            print("Erased: " + ", ".join(f"{what} {n}" for what, n in erased.items()) + ".")
        else:
            print("Nothing was erased: run again with --erase to erase it.")
    finally:
        project.close()
    return 0


def _cmd_signposting(args: argparse.Namespace) -> int:

    with _writing(args) as project:
        count = len(project.signposting.list())
        pages = project.signposting.print_pdf(args.out, cards=args.cards)
    what = "wallet cards" if args.cards else "poster"
    print(f"Wrote {args.out}: {what} of {counted(count, 'service')}, "
          f"{counted(pages, 'page')}.")  # fmt: skip
    return 0


def _cmd_transcribe(args: argparse.Namespace) -> int:
    from .audio.transcribe import transcribe
    from .domain.errors import ValidationError

    text = None
    if args.text_file is not None:
        try:
            text = args.text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"{args.text_file} could not be read as UTF-8 text ({exc}).",
                           EXIT_USAGE) from None  # fmt: skip
    try:
        result = transcribe(args.wav, text, str(args.model) if args.model else None)
    except ValidationError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    print(json.dumps(result, ensure_ascii=False))
    unplaced = sum(1 for w in result["words"] if w.get("unplaced"))
    if unplaced:
        print(f"coprod-desktop: {counted(unplaced, 'word')} could not be placed (null times).",
              file=sys.stderr)  # fmt: skip
    return 0


def _cmd_safeguarding_report(args: argparse.Namespace) -> int:

    password = os.environ.get(args.pdf_password_env, "")
    if not password:
        raise CliError(f"${args.pdf_password_env} is empty or not set: the safeguarding "
                       "report is always password-protected.", EXIT_USAGE)  # fmt: skip
    with _writing(args) as project:
        result = project.safeguarding.report(args.out, password)
    print(f"Wrote {result.path}: the safeguarding log ({counted(result.concerns, 'concern')}), "
          "restricted, password-protected (AES-256).")  # fmt: skip
    print(f"SHA-256 {result.sha256}")
    return 0


def _other_passphrase(args: argparse.Namespace) -> str:
    if args.other_passphrase_env:
        value = os.environ.get(args.other_passphrase_env, "")
        if not value:
            raise CliError(f"${args.other_passphrase_env} is empty or not set.", EXIT_USAGE)
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError("No passphrase for the other file: use --other-passphrase-env VAR, or "
                       "run this in a terminal to be asked.", EXIT_USAGE)  # fmt: skip
    return getpass.getpass(f"Passphrase of {args.other.name}: ")


def _cmd_combine(args: argparse.Namespace) -> int:
    from coprod_desktop.domain.combining import Outcome
    from coprod_desktop.domain.errors import ValidationError

    other_passphrase = _other_passphrase(args)
    project = _open(args.path)
    try:
        with project.combining.open_other(args.other, other_passphrase) as other:
            if args.dry_run:
                plan = project.combining.preview(other)
                outcome = Outcome(plan, plan.renumbered, {},
                                  [(c, c.default) for c in plan.conflicts], [])  # fmt: skip
            else:
                outcome = project.combining.combine(other)
    except ValidationError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    finally:
        project.close()
    plan = outcome.plan
    here = {p.id: p for p in plan.ours}
    if args.json:
        print(json.dumps({
            "combined": not args.dry_run,
            "other": str(args.other), "other_project": plan.other_name,
            "other_chain_head": {"seq": plan.other_head[0], "hash": plan.other_head[1]},
            "added": plan.added, "already_here": plan.same_as_here,
            "not_added_deleted_here": plan.removed_here,
            "not_added_refers_to_deleted": plan.dangling,
            "renumbered": [{"from": old, "to": new} for old, new in outcome.renumbered.values()],
            "same_real_name_not_matched": [
                {"there": p.pseudonym, "here": here[plan.suggested[p.id]].pseudonym}
                for p in plan.people if p.id in plan.suggested],
            "decided_at_an_earlier_combine": plan.decided_before,
            "conflicts": [{"kind": c.kind, "id": c.id, "record": c.label, "kept": side,
                           "fields": [d.field for d in c.differences]}
                          for c, side in outcome.kept],
            "withdrawals_arriving": [{"pseudonym": p, "scope": s} for p, s in plan.withdrawals],
            "withdrawals_applied": outcome.erased_for,
            "other_still_holds_withdrawn": plan.withdrawn_here_only,
        }, indent=2, ensure_ascii=False))  # fmt: skip
        return 0
    _print_combined(args, outcome)
    return 0


def _print_combined(args: argparse.Namespace, outcome) -> None:
    from coprod_desktop.domain.combining import OURS, noun
    from coprod_desktop.domain.consent import Scope

    plan = outcome.plan
    added = ", ".join(f"{n} {noun(kind, n)}" for kind, n in plan.added.items()) or "nothing new"
    print(f"{'Would combine' if args.dry_run else 'Combined'} {args.other} "
          f"({plan.other_name or 'a project'}) into {args.path}: {added}; "
          f"{plan.same_as_here} records were already here.")  # fmt: skip
    if plan.decided_before:
        print(f"  edited on both and decided at an earlier combine (this file's kept): "
              f"{plan.decided_before}")  # fmt: skip
    for kind, n in plan.removed_here.items():
        print(f"  not added: {n} {noun(kind, n)} deleted here")
    for kind, n in plan.dangling.items():
        print(f"  not added: {n} {noun(kind, n)} belonging to something deleted here")
    here = {p.id: p for p in plan.ours}
    for person in plan.people:
        if person.id in plan.suggested:
            match = here[plan.suggested[person.id]]
            now = plan.renumbered.get(person.id, (person.pseudonym, person.pseudonym))[1]
            print(f"  same real name: {person.pseudonym} there and {match.pseudonym} here "
                  + ("would be two people here: if they are one person, combine in the app "
                     "(File > Combine with Another Project...), which lets you match them"
                     if args.dry_run else f"are two people here now ({match.pseudonym} and "
                     f"{now}); the command line never matches people, the app does"))  # fmt: skip
    for old, new in outcome.renumbered.values():
        print(f"  renumbered: {old} from the other file "
              f"{'would be' if args.dry_run else 'is now'} {new}")  # fmt: skip
    for conflict, side in outcome.kept:
        which = "this file's" if side == OURS else "the other file's"
        why = "newer" if conflict.newer == side else "neither says which is newer" \
            if conflict.newer is None else "chosen"
        fields = ", ".join(d.field for d in conflict.differences)
        print(f"  edited on both: {conflict.label} ({fields}): "
              f"{'would keep' if args.dry_run else 'kept'} {which} ({why})")  # fmt: skip
    for form in plan.forms_kept_apart:
        print(f"  consent form kept apart (same name and version, other wording): {form}")
    for who, scope in plan.withdrawals:
        print(f"  withdrawal arriving: {who} withdrew {Scope(scope).label[0].lower()}"
              f"{Scope(scope).label[1:]}")  # fmt: skip
    for who in outcome.erased_for:
        print(f"  withdrawal applied: {who}'s material erased in the combined file")
    if plan.withdrawn_here_only:
        print(f"  {args.other} still holds the material of {', '.join(plan.withdrawn_here_only)}"
              f", who withdrew: combine {args.path} into it too, or delete it.")  # fmt: skip


def run_command(argv: Sequence[str]) -> int:
    from coprod_desktop.storage.errors import ProjectError

    args = _parser().parse_args(argv)
    handler = {"demo": _cmd_demo, "info": _cmd_info, "verify": _cmd_verify,
               "pack": _cmd_pack, "programme": _cmd_programme,
               "feedback": _cmd_feedback, "participant-copy": _cmd_participant_copy,
               "retention": _cmd_retention, "signposting": _cmd_signposting,
               "safeguarding-report": _cmd_safeguarding_report,
               "transcribe": _cmd_transcribe, "combine": _cmd_combine}[args.command]  # fmt: skip
    try:
        return handler(args)
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CliError as exc:
        print(f"coprod-desktop: {exc}", file=sys.stderr)
        return exc.code
    except ProjectError as exc:
        print(f"coprod-desktop: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        return run_command(argv)
    args = _gui_parser().parse_args(argv)
    if args.path is not None and not args.path.exists():
        print(f"coprod-desktop: {args.path} is neither a command nor a file. Commands: "
              f"{', '.join(COMMANDS)} (see coprod-desktop --help).", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    if not _has_display():
        print("coprod-desktop: there is no display to show the app on. Run it on a desktop, "
              "or use a command (coprod-desktop --help).", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    from coprod_desktop.app import run_gui

    return run_gui(args.path, screenshot=args.screenshot)


if __name__ == "__main__":
    sys.exit(main())
