"""The crash-safe recording sink: PCM is appended to the project file in committed chunks of
about a second while recording, so a crash or power cut loses at most about that much.

It works on its own connection (ProjectFile.connect_again) from the recording thread; nothing
here touches Qt. Chunks are whole frames, so the stored sample count is exact."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from sqlcipher3 import dbapi2

CHUNK_SECONDS = 1.0


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


class ChunkSink:
    def __init__(self, conn: dbapi2.Connection, sample_rate: int, channels: int = 1,
                 sample_width: int = 2, chunk_seconds: float = CHUNK_SECONDS):  # fmt: skip
        self._conn = conn
        self.sample_rate, self.channels, self.sample_width = sample_rate, channels, sample_width
        self.frame_bytes = channels * sample_width
        self.chunk_bytes = int(sample_rate * chunk_seconds) * self.frame_bytes
        self._buffer = bytearray()
        self._seq = 0
        self.recording_id: str | None = None
        self.committed_bytes = 0

    def start(self, session_id: str | None = None, people: Iterable[str] = ()) -> str:
        """Create the recording row (status 'recording') and return its id."""
        self.recording_id = str(uuid.uuid4())
        with self._conn:
            self._conn.execute("BEGIN")
            self._conn.execute(
                "INSERT INTO recordings (id, session_id, sample_rate, channels, sample_width, "
                "started_at, status) VALUES (?, ?, ?, ?, ?, ?, 'recording')",
                (self.recording_id, session_id, self.sample_rate, self.channels,
                 self.sample_width, _now()),
            )  # fmt: skip
            self._conn.executemany(
                "INSERT INTO recording_people (recording_id, participant_id) VALUES (?, ?)",
                [(self.recording_id, pid) for pid in people],
            )
        return self.recording_id

    @property
    def buffered_bytes(self) -> int:
        """Sound received but not yet committed (less than a chunk)."""
        return len(self._buffer)

    def write(self, pcm: bytes) -> None:
        """Buffer sound; every full chunk is committed at once."""
        self._buffer += pcm
        while len(self._buffer) >= self.chunk_bytes:
            self._commit(bytes(self._buffer[: self.chunk_bytes]))
            del self._buffer[: self.chunk_bytes]

    def _commit(self, chunk: bytes) -> None:
        self._conn.execute(
            "INSERT INTO recording_chunks (recording_id, seq, pcm) VALUES (?, ?, ?)",
            (self.recording_id, self._seq, chunk),
        )  # autocommit: each chunk is durable on its own
        self._seq += 1
        self.committed_bytes += len(chunk)

    def finish(self) -> int:
        """Store what is left (whole frames), mark the recording finished; return samples."""
        tail = len(self._buffer) - len(self._buffer) % self.frame_bytes
        if tail:
            self._commit(bytes(self._buffer[:tail]))
        self._buffer.clear()
        samples = self.committed_bytes // self.frame_bytes
        self._conn.execute(
            "UPDATE recordings SET finished_at = ?, samples = ?, status = 'finished' WHERE id = ?",
            (_now(), samples, self.recording_id),
        )
        return samples
