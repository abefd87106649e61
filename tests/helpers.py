"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


PAGE = 4096


def flip(path: Path, page: int, offset: int = 1000, count: int = 4) -> None:
    """Invert `count` bytes inside one page (1-based) of the file, as a failing disk might."""
    with path.open("r+b") as fh:
        fh.seek((page - 1) * PAGE + offset)
        data = fh.read(count)
        fh.seek((page - 1) * PAGE + offset)
        fh.write(bytes(b ^ 0xFF for b in data))


AUDIO_MARK = b"coprod-test-audio-mark!!"  # 24 bytes: whole 16-bit samples


def add_marked_audio(project, seconds: int = 3) -> None:
    """A recording whose sound is a recognisable pattern, through the real recording sink."""
    from coprod_desktop.storage.recording_sink import ChunkSink

    second = AUDIO_MARK * (96_000 // len(AUDIO_MARK))
    conn = project.file.connect_again()
    try:
        sink = ChunkSink(conn, 48_000)
        sink.start()
        for _ in range(seconds):
            sink.write(second)
        sink.finish()
    finally:
        conn.close()


def audio_page(path: Path, passphrase: str) -> int:
    """A page of the (closed) project file that holds nothing but marked audio: only a check
    of the whole file reads it (info, packs without audio and the quick check do not)."""
    from tests.sqlcipher_pages import RESERVE, decrypted_pages

    plain = decrypted_pages(path, passphrase)
    first, body = PAGE - RESERVE - 16, PAGE - RESERVE  # page 1 keeps its salt in the clear
    for page in range(2, path.stat().st_size // PAGE + 1):
        start = first + (page - 2) * body
        if plain[start : start + body].count(AUDIO_MARK) > 100:
            return page
    raise AssertionError("no page of marked audio in the file")


def table_page(path: Path, passphrase: str, table: str) -> int:
    """The root page of a table (read on opening by the quick check)."""
    from coprod_desktop.storage.connection import open_project_file

    with open_project_file(path, passphrase) as pf:
        return pf.db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                             [table]).fetchone()[0]  # fmt: skip
