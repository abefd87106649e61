"""A recording being made: sound committed to the project file half a second at a time, on a
connection of its own (a take runs on the recording thread, never the GUI thread). Errors
arrive as ProjectErrors with plain messages, like every other use case's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from coprod_desktop.storage.errors import translated
from coprod_desktop.storage.recording_sink import ChunkSink

if TYPE_CHECKING:
    from coprod_desktop.storage.connection import ProjectFile

# A crash loses what is not committed yet: up to one chunk, plus the sound still on its way
# from the microphone (20-50 ms through PulseAudio and Qt here, and up to one 40 ms poll).
# Whole-second chunks lost up to 1.03 s (tests/ui/test_recorder_crash.py); half a second
# leaves room for a recorder that a busy machine schedules late.
CHUNK_SECONDS = 0.5


class Take:
    def __init__(self, file: ProjectFile, sample_rate: int, session_id: str | None,
                 people: Iterable[str]):  # fmt: skip
        self.folder = file.path.parent  # where the disk space that matters is
        self._path = file.path
        self._conn = file.connect_again()
        try:
            self._sink = ChunkSink(self._conn, sample_rate, chunk_seconds=CHUNK_SECONDS)
            with translated(self._path):
                self.recording_id = self._sink.start(session_id, people)
        except BaseException:
            self._conn.close()
            raise

    @property
    def seconds(self) -> float:
        """How much sound it holds, committed or not yet."""
        sink = self._sink
        return (sink.committed_bytes + sink.buffered_bytes) / (sink.sample_rate * sink.frame_bytes)

    def write(self, pcm: bytes) -> None:
        with translated(self._path):
            self._sink.write(pcm)

    def finish(self) -> int:
        """Store the rest, mark the recording finished and close; returns the samples."""
        try:
            with translated(self._path):
                return self._sink.finish()
        finally:
            self._conn.close()
