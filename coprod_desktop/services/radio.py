"""Use cases for the radio lab: who may be recorded, clips made from recordings, recovery of
takes the app did not finish, rendering and export.

Rendering, waveforms and export are slow on long recordings: run them in the background, on
the project as a background job sees it (Project.for_worker(), given by ui/tasks.Operation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from coprod_desktop.audio import levels, processing
from coprod_desktop.domain.clips import Clip, Edits, FlaggedRange, clock
from coprod_desktop.domain.consent import may_record_audio
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.word_times import carry_over
from coprod_desktop.fileio import atomic_write
from coprod_desktop.storage import clips_repo, recordings_repo
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import ConflictError
from coprod_desktop.storage.recording_sink import ChunkSink

from .base import Service
from .consent import ConsentService
from .take import Take
from .verify import Steps, check_whole

EXPORT_FORMATS = ("wav", "mp3", "ogg")


class RadioService(Service):
    def __init__(self, file: ProjectFile, actor: Callable[[], str], consent: ConsentService):
        super().__init__(file, actor)
        self._consent = consent

    def _audit(self, action: str, clip_id: str, details: dict | None = None) -> None:
        self.audit(action, "clip", clip_id, details or {})

    # the consent gate --------------------------------------------------------------------
    def recording_refusals(self, people: Iterable[str]) -> list[str]:
        """Why each of these people may not be recorded now; empty when all agreed."""
        return self._consent.refusals(list(people), may_record_audio)

    def audio_refusals(self, people: Iterable[str]) -> dict[str, str]:
        """Refusals keyed by participant id, for lists that mark who may not be recorded."""
        return self._consent.refusals_by_person(list(people), may_record_audio)

    def check_may_record(self, people: Iterable[str]) -> None:
        people = list(people)
        if not people:
            raise ValidationError(
                "Tick everyone who is speaking or in earshot before recording: nobody may be "
                "recorded without their consent to audio recording."
            )
        refusals = self.recording_refusals(people)
        if refusals:
            raise ValidationError(
                "Recording cannot start: not everyone ticked has agreed to be audio "
                "recorded.\n" + "\n".join(refusals)
            )

    # clips -----------------------------------------------------------------------------
    def clips(self, session_id: str | None = None) -> list[Clip]:
        with self.read():
            return clips_repo.clips(self._db, session_id)

    def clip(self, clip_id: str) -> Clip | None:
        with self.read():
            return clips_repo.get(self._db, clip_id)

    def add_recorded(
        self,
        recording_id: str,
        title: str = "",
        speakers: Iterable[str] = (),
        session_id: str | None = None,
        action: str = "clip.recorded",
    ) -> Clip:
        """A clip for a take that has just been recorded (or recovered)."""
        with self.write():
            info = recordings_repo.info(self._db, recording_id)
            if info is None:
                raise ConflictError("That recording is no longer in the project.")
            duration = info["samples"] * 1000 // info["sample_rate"]
            number = clips_repo.count(self._db) + 1
            clip = Clip(new_id(), title or f"Clip {number}", recording_id, duration,
                        session_id or info["session_id"],
                        speakers=tuple(speakers) or tuple(recordings_repo.people(
                            self._db, recording_id))).validated()  # fmt: skip
            clips_repo.save(self._db, clip)
            self._audit(action, clip.id, {"recording": recording_id, "ms": duration})
        return self.clip(clip.id)

    def open_take(self, sample_rate: int, session_id: str | None, people: Iterable[str]) -> Take:
        """Begin storing a recording (call on the thread that will write to it). Consent is
        checked before: check_may_record()."""
        return Take(self._file, sample_rate, session_id, people)

    def add_audio(self, pcm: bytes, sample_rate: int, people: Iterable[str],
                  session_id: str | None = None, title: str = "") -> Clip:  # fmt: skip
        """A clip from sound made elsewhere (16-bit mono PCM), under the same consent gate as
        recording from the microphone."""
        people = list(people)
        self.check_may_record(people)
        with self.read():
            sink = ChunkSink(self._db.conn, sample_rate)
            recording_id = sink.start(session_id, people)
            sink.write(pcm)
            sink.finish()
        return self.add_recorded(recording_id, title)

    def save_clip(self, clip: Clip) -> Clip:
        """Store a changed clip; returns the clip as it was, for undo."""
        clip = clip.validated()
        with self.write():
            before = clips_repo.get(self._db, clip.id)
            if before is None:
                raise ConflictError("That clip is no longer in the project.")
            added = [p for p in clip.speakers if p not in before.speakers]
            refusals = self._consent.refusals(added, may_record_audio)
            if refusals:
                raise ValidationError("This clip cannot name as a speaker " + refusals[0])
            clip = replace(clip, recording_id=before.recording_id, duration_ms=before.duration_ms,
                           created_at=before.created_at, ranges=before.ranges)  # fmt: skip
            clips_repo.save(self._db, clip)
            if before.words and before.transcript != clip.transcript:
                # the words not edited keep their times; the rest wait to be aligned again
                words, _gaps = carry_over(before.transcript, before.words, clip.transcript)
                made = clips_repo.words_engine(self._db, clip.id)
                clips_repo.save_words(self._db, clip.id, clip.transcript,
                                      words if any(w.placed for w in words) else [],
                                      made[0] if made else "", bool(made and made[1]))  # fmt: skip
            changed = sorted(f for f in ("title", "session_id", "edits", "transcript",
                                         "speakers", "themes", "sensitive", "safeguarding")
                             if getattr(before, f) != getattr(clip, f))  # fmt: skip
            self._audit("clip.updated", clip.id, {"changed": changed})
            flags = {f: getattr(clip, f) for f in ("sensitive", "safeguarding")
                     if getattr(before, f) != getattr(clip, f)}  # fmt: skip
            if flags:  # a flag changed: said as such in the log, which is read for them
                self._audit("clip.flagged", clip.id, flags)
        return before

    # flagged parts ---------------------------------------------------------------------
    def flag_part(self, clip_id: str, start_ms: int, end_ms: int, flag: str, reason: str = "",
                  range_id: str | None = None) -> FlaggedRange:  # fmt: skip
        """Flag a part of a clip (ms of the recording) sensitive or safeguarding; `range_id`
        puts back one that was removed (redo, undo). Returns the part as stored."""
        with self.write():
            clip = clips_repo.get(self._db, clip_id)
            if clip is None:
                raise ConflictError("That clip is no longer in the project.")
            part = FlaggedRange(range_id or new_id(), clip_id, start_ms, end_ms, flag,
                                reason).validated(clip.duration_ms)  # fmt: skip
            clips_repo.add_range(self._db, part)
            self._audit("clip.part_flagged", clip_id, {
                "part": part.id, "flag": part.flag, "start_ms": part.start_ms,
                "end_ms": part.end_ms})  # fmt: skip
        return part

    def unflag_part(self, range_id: str) -> FlaggedRange:
        """Remove a flagged part; returns it as it was, for undo (flag_part with its id)."""
        with self.write():
            part = clips_repo.flagged_range(self._db, range_id)
            if part is None:
                raise ConflictError("That flagged part is no longer in the project.")
            clips_repo.remove_range(self._db, range_id)
            self._audit("clip.part_unflagged", part.clip_id, {"part": part.id, "flag": part.flag})
        return part

    def delete_clip(self, clip_id: str) -> None:
        """The clip and its audio go for good (zeroed on disk, not just unlinked)."""
        with self.write():
            clips_repo.delete(self._db, clip_id)
            self._audit("clip.deleted", clip_id)
        self._file.checkpoint()

    # recovery --------------------------------------------------------------------------
    def unfinished(self) -> list[dict]:
        """Takes the app stopped recording without finishing (a crash, a power cut)."""
        with self.read():
            return recordings_repo.unfinished(self._db)

    def recover(self, recording_id: str) -> Clip:
        with self.read():
            row = recordings_repo.info(self._db, recording_id)
            if row is None or row["status"] != "recording":
                raise ConflictError("That recording has already been recovered.")
            recordings_repo.mark_recovered(self._db, recording_id)
        started = dt.datetime.fromisoformat(row["started_at"]).astimezone()
        title = f"Recovered recording {started:%d %b %Y %H:%M}"
        return self.add_recorded(recording_id, title, action="clip.recovered")

    # audio (background) -------------------------------------------------------------------
    def waveform(self, recording_id: str) -> bytes:
        """The recording's overview (one peak byte per 10 ms), computed once and kept. Slow on
        a long recording: run it in the background (on the project's for_worker() view)."""
        with self.read() as conn:
            cached = recordings_repo.cached_waveform(conn, recording_id)
            if cached is not None:
                return cached
            info = recordings_repo.audio_format(conn, recording_id)
            if info is None:
                raise ConflictError("That recording is no longer in the project.")
            wave = levels.waveform(recordings_repo.chunks(conn, recording_id), info[0])
            recordings_repo.cache_waveform(conn, recording_id, wave)
        return wave

    def source(self, clip: Clip):
        """The whole recording as a pydub segment."""
        if not clip.has_audio:
            raise ValidationError(
                f"“{clip.title}” has no audio: it was erased when a speaker withdrew."
            )
        with self.read() as conn:
            row = recordings_repo.audio_format(conn, clip.recording_id)
            if row is None:
                raise ConflictError("That recording is no longer in the project.")
            pcm = b"".join(recordings_repo.chunks(conn, clip.recording_id))
        return processing.from_pcm(pcm, row[0], row[1], row[2])

    def preview(self, clip: Clip) -> bytes:
        """WAV of the whole recording with the bleeps in, for playback while editing (so
        positions match the waveform and transcript timestamps)."""
        segment = self.source(clip)
        return processing.wav_bytes(processing.render(segment, Edits(bleeps=clip.edits.bleeps)))

    def render(self, clip: Clip):
        return processing.render(self.source(clip), clip.edits)

    def export(self, clip: Clip, path: Path, fmt: str = "wav",
               progress: Steps | None = None) -> Path:  # fmt: skip
        """Write the rendered clip for the facilitator's own use, atomically; refused, with
        nothing written, if the whole-file check finds the project damaged."""
        fmt = fmt.lower()
        if fmt not in EXPORT_FORMATS:
            raise ValidationError(f"Clips can be exported as {', '.join(EXPORT_FORMATS)}.")
        if not processing.can_export(fmt):
            raise ValidationError(
                f"Exporting {fmt.upper()} needs the ffmpeg program, which is not installed on "
                "this computer. WAV export works without it."
            )
        check_whole(self._file, progress)
        segment = self.render(clip)
        data = processing.encoded(segment, fmt)
        atomic_write(Path(path), data)
        with self.write():
            self._audit("clip.exported", clip.id, {"format": fmt,
                                                   "length": clock(len(segment))})  # fmt: skip
        return Path(path)

    def flagged_counts(self) -> dict[str, int]:
        """Clips flagged as a whole, and flagged parts of clips."""
        with self.read():
            return clips_repo.flagged_counts(self._db)

    def counts(self) -> dict[str, int]:
        with self.read():
            clips = clips_repo.clips(self._db)
            return {
                "clips": len(clips),
                "clip_seconds": sum(c.length_ms for c in clips) // 1000,
                "unfinished_recordings": len(recordings_repo.unfinished(self._db)),
            }
