"""The crash-safe chunk sink on real encrypted projects: exact sample counts, recovery after the
app stops mid-recording, and a recording process killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from coprod_desktop.domain.consent import Method, Scope
from coprod_desktop.services.project import open_project
from coprod_desktop.storage import recordings_repo
from coprod_desktop.storage.recording_sink import ChunkSink
from tests.conftest import PASSPHRASE
from tests.services.test_consent_service import add_person, consent_for
from tests.sqlcipher_pages import decrypted_pages

RATE = 48_000


def pcm(seconds: float, seed: int = 1) -> bytes:
    n = int(seconds * RATE)
    return bytes((i * seed + i // 7) % 256 for i in range(n * 2))


def test_chunks_are_committed_and_samples_exact(project):
    sink = ChunkSink(project.file.connect_again(), RATE)
    rid = sink.start()
    data = pcm(3.5)
    for start in range(0, len(data), 7_777):  # irregular blocks, as a device delivers them
        sink.write(data[start : start + 7_777])
    assert sink.committed_bytes == 3 * RATE * 2  # three full seconds already on disk
    assert sink.finish() == int(3.5 * RATE)
    assert recordings_repo.pcm(project.file.db, rid) == data
    assert recordings_repo.info(project.file.db, rid)["status"] == "finished"


def test_unfinished_recording_is_offered_and_recovered(project):
    path = project.path
    conn = project.file.connect_again()
    sink = ChunkSink(conn, RATE)
    rid = sink.start()
    sink.write(pcm(2.3))  # the app stops here: no finish()
    conn.close()
    project.close()
    reopened = open_project(path, PASSPHRASE)
    try:
        (pending,) = recordings_repo.unfinished(reopened.file.db)
        assert pending["id"] == rid and pending["bytes"] == 2 * RATE * 2
        samples = recordings_repo.mark_recovered(reopened.file.db, rid)
        assert samples == 2 * RATE  # at most the last second is lost
        assert recordings_repo.unfinished(reopened.file.db) == []
    finally:
        reopened.close()


CHILD = """
import sys, time
from coprod_desktop.services.project import open_project
from coprod_desktop.storage.recording_sink import ChunkSink
project = open_project(sys.argv[1], sys.argv[2])
sink = ChunkSink(project.file.connect_again(), 48000)
sink.start()
block = bytes(9600)  # 0.1 s
written = 0
while True:
    sink.write(block)
    written += len(block)
    print(written, sink.committed_bytes, flush=True)
    time.sleep(0.1)
"""


def test_killed_recording_loses_at_most_about_a_second(project):
    path = project.path
    project.close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), PASSPHRASE],
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    written = committed = 0
    deadline = time.monotonic() + 60
    while committed < 3 * RATE * 2 and time.monotonic() < deadline:
        written, committed = map(int, child.stdout.readline().split())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert committed >= 3 * RATE * 2
    reopened = open_project(path, PASSPHRASE)
    try:
        (pending,) = recordings_repo.unfinished(reopened.file.db)
        samples = recordings_repo.mark_recovered(reopened.file.db, pending["id"])
        assert samples * 2 >= written - RATE * 2 - 9600  # lost: under a second (+ one block)
    finally:
        reopened.close()


def test_withdrawing_audio_erases_recordings_of_that_person(project):
    speaker = add_person(project)
    project.consent.record(consent_for(project, speaker, method=Method.VERBAL, witness="Ann"))
    session = project.sessions.save(replace(project.sessions.draft(), title="Radio lab"))
    marker = b"SPEECH-MARKER-" * 700
    sink = ChunkSink(project.file.connect_again(), RATE)
    rid = sink.start(session.id, [speaker.id])
    sink.write(marker + bytes(RATE * 2 - len(marker)))
    sink.finish()
    result = project.consent.withdraw(speaker.id, Scope.AUDIO_ONLY)
    assert result.erased["recordings"] == 1
    assert recordings_repo.info(project.file.db, rid) is None
    path = project.path
    project.close()
    assert b"SPEECH-MARKER-" not in decrypted_pages(Path(path), PASSPHRASE)
