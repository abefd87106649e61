"""Three radio-lab clips for the demo project: speech-like sound made on the spot (nothing is
downloaded or bundled), with transcripts, a bleep over a shop's name, edits and themes."""

from __future__ import annotations

from dataclasses import replace

from coprod_desktop.audio.synth import speech_like
from coprod_desktop.domain.clips import Edits

from coprod_desktop.services.project import Project

RATE = 48_000

# title, session title, speakers, seconds, voice pitch, edits, themes, transcript
CLIPS = [
    (
        "Vox pop: where the cheap tobacco comes from",
        "Illicit tobacco: what we see on our streets",
        ("P-01", "P-04"),
        12.0,
        150.0,
        Edits(trim_in_ms=300, normalise=True, bleeps=((4200, 5400), (7800, 9400))),
        ("Illicit tobacco and cheap goods",),
        "[0:00.5] Everybody knows where to go. It's not hidden.\n"
        "[0:04.2] The shop on [bleeped: shop name] sells them under the counter, ten pound a "
        "sleeve.\n"
        "[0:07.8] Imran here. My boy Kyle started on them at fourteen. Nobody asks for ID.\n",
    ),
    (
        "Interview: buying for a neighbour",
        "Illicit tobacco: what we see on our streets",
        ("P-06",),
        10.0,
        120.0,
        Edits(gain_db=2.0, normalise=True),
        ("Illicit tobacco and cheap goods", "Money and debt"),
        "[0:00.3] I pick up for the woman next door, she can't get out much.\n"
        "[0:05.1] When money's that tight you don't ask where it's from — you're just glad "
        "it's cheap.\n",
    ),
    (
        "Jingle and statement: safe streets",
        "Your street, your voice: youth radio lab",
        ("P-07", "P-05"),
        8.0,
        210.0,
        Edits(trim_in_ms=200, trim_out_ms=7600),
        ("Young people", "Feeling safe"),
        "[0:00.2] (jingle) Your street, your voice!\n"
        "[0:02.0] P-07: We want somewhere to go at night that isn't the bus shelter.\n",
    ),
]


def add_demo_clips(project: Project, ids: dict[str, str]) -> None:
    sessions = {s.title: s.id for s in project.sessions.list()}
    themes = {t.name: t.id for b in project.boards.boards() for t in project.boards.themes(b.id)}
    for seed, clip_data in enumerate(CLIPS, start=1):
        title, session, speakers, seconds, pitch, edits, theme_names, transcript = clip_data
        people = [ids[p] for p in speakers]  # the consent gate applies: the demo keeps its rules
        sound = speech_like(seconds, RATE, seed=seed, pitch_hz=pitch)
        clip = project.radio.add_audio(sound, RATE, people, sessions[session], title)
        project.radio.save_clip(replace(clip, edits=edits, transcript=transcript,
                                        themes=tuple(themes[n] for n in theme_names)))  # fmt: skip
