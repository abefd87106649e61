"""The demo project's radio programme: a studio intro in a made-up voice, two of the lab's
clips, and a jingle imported from a WAV file, with credits for those who asked for one. It
goes through the same consent gates as the app: every voice in it agreed to broadcast."""

from __future__ import annotations

import array
import math
import tempfile
import wave
from dataclasses import replace
from pathlib import Path

from coprod_desktop.audio.synth import speech_like
from coprod_desktop.domain.programmes import Role
from coprod_desktop.services.project import Project

RATE = 48_000
TITLE = "Your Street, Your Voice: episode 1"
NOTES = ("Made by young people and neighbours at the pop-up radio lab in the community centre: "
         "what safe streets mean to us, and what we see in the shops.")  # fmt: skip
INTRO = ("Hello and welcome to Your Street, Your Voice, made by us at the radio lab. First, "
         "what safe streets would look like; then what everybody knows about cheap tobacco.")


def _jingle(path: Path, seconds: float = 4.0) -> None:
    """Three rising chords, faded: a jingle made on the spot."""
    n = int(seconds * RATE)
    chords = ((262, 330, 392), (294, 370, 440), (330, 415, 494))
    samples = array.array("h")
    for i in range(n):
        t, chord = i / RATE, chords[min(2, 3 * i // n)]
        fade = min(1.0, i / 2400, (n - i) / 9600)
        samples.append(int(6000 * fade * sum(math.sin(2 * math.pi * f * t) for f in chord)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def add_demo_programme(project: Project, ids: dict[str, str]) -> None:
    service = project.programmes
    clips = {c.title: c for c in project.radio.clips()}
    presenter = ids["P-01"]
    intro = service.link_from_audio(speech_like(7.0, RATE, seed=11, pitch_hz=165.0), RATE,
                                    [presenter], "Welcome", INTRO)  # fmt: skip
    street = clips["Jingle and statement: safe streets"]
    tobacco = clips["Vox pop: where the cheap tobacco comes from"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Radio lab jingle.wav"
        _jingle(path)
        jingle = service.import_music(path, "Radio lab jingle")
    programme = replace(service.draft(), title=TITLE, show_notes=NOTES, items=(
        replace(intro, roles=((presenter, Role.PRESENTER),)),
        replace(service.clip_item(street), join_ms=500,
                roles=((ids["P-07"], Role.SOUND), (ids["P-05"], Role.INTERVIEWER))),
        replace(service.clip_item(tobacco), join_ms=800,
                roles=((ids["P-04"], Role.INTERVIEWER), (presenter, Role.EDITOR))),
        replace(jingle, join_ms=1_000, crossfade=True)))  # fmt: skip
    service.save(programme)
