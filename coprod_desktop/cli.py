"""The `coprod-desktop` command: the GUI with no arguments (or a project path), else a
headless command for scripting and machines without a display."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import PROJECT_SUFFIX, __version__

PASSPHRASE_ENV = "COPROD_PASSPHRASE"
COMMANDS = ("demo", "info", "verify")
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
    return parser


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
    from coprod_desktop.domain.errors import ValidationError
    from coprod_desktop.domain.passphrase import check_new_passphrase
    from coprod_desktop.services.demo import create_demo

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
                f"; {info['unfinished_recordings']} unfinished recording(s) to recover"
                if info["unfinished_recordings"]
                else ""
            )
            + ")",
        ),
        ("audit entries", info["audit_entries"]),
    ]
    for label, value in rows:
        print(f"{label:<16}{value}")
    statuses = list(Status)
    print(f"\n{'consent':<22}" + "".join(f"{s.label:>11}" for s in statuses))
    for key, counts in info["consent"].items():
        print(
            f"  {item_label(key):<20}" + "".join(f"{counts.get(s.value, 0):>11}" for s in statuses)
        )


def _cmd_info(args: argparse.Namespace) -> int:
    project = _open(args.path)
    try:
        info = project.info()
    finally:
        project.close()
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
    else:
        _print_info(info)
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from coprod_desktop.services.verify import verify

    project = _open(args.path)
    try:
        report = verify(project.file)
    finally:
        project.close()
    for check in report.checks:
        print(f"{'ok  ' if check.ok else 'FAIL'}  {check.name}")
        for problem in check.problems[:20]:
            print(f"        {problem}")
    print("All checks passed." if report.ok else "Some checks failed.")
    return 0 if report.ok else EXIT_FAILED


def run_command(argv: Sequence[str]) -> int:
    from coprod_desktop.storage.errors import ProjectError

    args = _parser().parse_args(argv)
    handler = {"demo": _cmd_demo, "info": _cmd_info, "verify": _cmd_verify}[args.command]
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
