"""Use cases for radio programmes: the running order (clips, studio links, music, pauses), the
broadcast gate, and making the programme: one loudness-normalised track as WAV or MP3 with its
chapters, beside a text of its show notes and anonymised transcript, logged as a disclosure.

Checking the gate reviews the clips' transcripts and making a programme mixes all its audio:
run both in the background, on the project as a background job sees it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from coprod_desktop import __version__
from coprod_desktop.domain import programmes as rules
from coprod_desktop.domain.clips import clock
from coprod_desktop.domain.consent import credit_name
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.programmes import BroadcastGate, Item, ItemKind, Programme
from coprod_desktop.fileio import stage
from coprod_desktop.storage import (
    clips_repo,
    packs_repo,
    participants_repo,
    programmes_repo,
    recordings_repo,
    sessions_repo,
)
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import ConflictError
from coprod_desktop.storage.recording_sink import ChunkSink

from .anonymising import AnonymiseService
from .base import Service
from .consent import ConsentService
from .issuing import check_target
from .pack_text import outgoing, unbleeped, without_timestamps
from .radio import RadioService
from .retention import RetentionService
from .verify import check_whole

FORMATS = ("wav", "mp3")
TARGETS = {"podcast": -16.0, "broadcast": -23.0}  # integrated LUFS; broadcast is EBU R128
AUDIENCE = "Programme: {0}"  # how a programme's release shows in the disclosure log
TEXT_KINDS = ("clip", "clip_title", "programme", "programme_notes", "programme_item",
              "programme_script")  # fmt: skip

Progress = Callable[[int, int, str], None]  # done, total, what is happening


@dataclass(frozen=True)
class Remake:
    """A programme that went out with someone who has since withdrawn: it must be re-made
    without them, and those it went to told."""

    people: tuple[str, ...]  # pseudonyms
    releases: tuple[dict, ...]  # the disclosure log's rows of the releases that carried them


@dataclass(frozen=True)
class Made:
    path: Path
    text_path: Path
    release_id: str
    sha256: str
    length_ms: int
    lufs: float
    true_peak_dbtp: float
    voices: int


@dataclass(frozen=True)
class Playback:
    title: str
    wav: bytes
    running_order: tuple[tuple[str, int, int], ...]  # (title, start ms, end ms)
    captions: tuple[rules.Caption, ...]
    left_out: str = ""  # items not played (erased audio, withdrawn voices), in plain words

    def now(self, ms: int) -> tuple[int, str]:
        """(index of the item playing at `ms`, the caption showing then)."""
        index = max((n for n, (_t, start, _e) in enumerate(self.running_order) if start <= ms),
                    default=0)  # fmt: skip
        caption = next((c.text for c in reversed(self.captions) if c.start_ms <= ms), "")
        return index, caption


class ProgrammeService(Service):
    def __init__(self, file: ProjectFile, actor: Callable[[], str], consent: ConsentService,
                 radio: RadioService, anonymise: AnonymiseService,
                 retention: RetentionService | None = None):  # fmt: skip
        super().__init__(file, actor)
        self._retention = retention
        self._consent = consent
        self._radio = radio
        self._anonymise = anonymise

    # programmes --------------------------------------------------------------------------
    def list(self) -> list[Programme]:
        """Every programme, the most recently changed first."""
        with self.read():
            return programmes_repo.programmes(self._db)

    def get(self, programme_id: str) -> Programme | None:
        with self.read():
            return programmes_repo.get(self._db, programme_id)

    def find(self, title: str = "") -> Programme:
        """The programme with this title (any case), or the most recently changed one."""
        programmes = self.list()
        if not programmes:
            raise ValidationError("This project has no programmes yet: make one on the "
                                  "Programmes page.")  # fmt: skip
        if not title.strip():
            return programmes[0]
        wanted = " ".join(title.split()).casefold()
        found = next((p for p in programmes if p.title.casefold() == wanted), None)
        if found is None:
            raise ValidationError(f"No programme is called “{title}”. Programmes: "
                                  + "; ".join(f"“{p.title}”" for p in programmes))  # fmt: skip
        return found

    def draft(self) -> Programme:
        with self.read():
            n = programmes_repo.count(self._db) + 1
        return Programme(new_id(), f"Programme {n}")

    def save(self, programme: Programme) -> Programme:
        """Store the programme as it is now (new or changed) and return it as stored."""
        programme = programme.validated()
        with self.write():
            before = programmes_repo.get(self._db, programme.id)
            self._check_sources(programme, before)
            programmes_repo.save(self._db, programme)
            self.audit("programme.changed" if before else "programme.added", "programme",
                       programme.id, {"title": programme.title,
                                      "items": len(programme.items)})  # fmt: skip
        return self.get(programme.id)

    def _check_sources(self, programme: Programme, before: Programme | None) -> None:
        known = {i.id for i in before.items} if before else set()
        people = {p.id for p in participants_repo.list_all(self._db)}
        for item in programme.items:
            if item.id in known or item.lost:
                continue
            if item.kind is ItemKind.CLIP and clips_repo.get(self._db, item.source_id) is None:
                raise ConflictError(f"The clip for “{item.title}” is no longer in the project.")
            if item.kind in (ItemKind.LINK, ItemKind.MUSIC) and recordings_repo.info(
                    self._db, item.source_id) is None:  # fmt: skip
                raise ConflictError(f"The audio for “{item.title}” is no longer in the project.")
        if any(person not in people for item in programme.items for person, _ in item.roles):
            raise ConflictError("Someone given a role is no longer in the project.")

    def delete(self, programme_id: str) -> None:
        with self.write():
            programmes_repo.delete(self._db, programme_id)
            self.audit("programme.deleted", "programme", programme_id)

    def _state(self, kind: str, record_id: str):
        if kind != "programme":
            return super()._state(kind, record_id)
        return programmes_repo.get(self._db, record_id)

    def _put_state(self, kind: str, record_id: str, state) -> None:
        if kind != "programme":
            super()._put_state(kind, record_id, state)
        elif state is None:
            programmes_repo.delete(self._db, record_id)
            self.audit("programme.deleted", "programme", record_id, {"undo": True})
        else:
            programmes_repo.save(self._db, state)
            self.audit("programme.changed", "programme", record_id, {"title": state.title,
                       "items": len(state.items), "undo": True})  # fmt: skip

    # items -------------------------------------------------------------------------------
    @staticmethod
    def clip_item(clip) -> Item:
        return Item(new_id(), ItemKind.CLIP, clip.title, clip.length_ms, clip.id)

    @staticmethod
    def silence_item(ms: int = 2_000) -> Item:
        return Item(new_id(), ItemKind.SILENCE, "Pause", ms)

    def link_item(self, recording_id: str, title: str = "Link", script: str = "") -> Item:
        """A studio link just recorded in place (through the radio lab's recorder and its
        consent gate: check_may_record, then open_take)."""
        with self.read():
            info = recordings_repo.info(self._db, recording_id)
        if info is None:
            raise ConflictError("That recording is no longer in the project.")
        ms = info["samples"] * 1000 // info["sample_rate"]
        return Item(new_id(), ItemKind.LINK, title, ms, recording_id, script=script)

    def link_from_audio(self, pcm: bytes, rate: int, people: list[str], title: str,
                        script: str = "") -> Item:  # fmt: skip
        """A studio link from sound made elsewhere (16-bit mono PCM), under the same consent
        gate as recording one in place: everyone in earshot agreed to be recorded."""
        self._radio.check_may_record(people)
        recording_id, ms = self._stored(pcm, rate, people)
        with self.write():
            self.audit("programme.link_added", "recording", recording_id, {"ms": ms})
        return self.link_item(recording_id, title, script)

    def _stored(self, pcm: bytes, rate: int, people: list[str]) -> tuple[str, int]:
        """Sound kept in the project as a recording, committed chunk by chunk (the sink runs
        its own transactions, like the recorder's)."""
        with self.read():
            sink = ChunkSink(self._db.conn, rate)
            recording_id = sink.start(None, people)
            sink.write(pcm)
            return recording_id, sink.finish() * 1000 // rate

    def import_music(self, path: Path, title: str = "") -> Item:
        """A jingle or music bed from a WAV, MP3, OGG or FLAC file, kept in the project file
        (nobody's voice: music is under no one's consent)."""
        from coprod_desktop.audio.podcast import decoded  # its ffmpeg is found only when used

        pcm, rate = decoded(Path(path))
        recording_id, ms = self._stored(pcm, rate, [])
        with self.write():
            self.audit("programme.music_imported", "recording", recording_id,
                       {"file": Path(path).name, "ms": ms})  # fmt: skip
        return Item(new_id(), ItemKind.MUSIC, " ".join((title or Path(path).stem).split()), ms,
                    recording_id)  # fmt: skip

    def voices(self, programme: Programme) -> dict[str, list[str]]:
        """Item id -> everyone heard in it: a clip's speakers and whoever was ticked as in
        earshot when it was recorded; a link's people in earshot; nobody in music."""
        out: dict[str, list[str]] = {}
        with self.read():
            for item in programme.items:
                if item.lost or item.kind in (ItemKind.SILENCE, ItemKind.MUSIC):
                    continue
                people: list[str] = []
                recording = item.source_id
                if item.kind is ItemKind.CLIP:
                    clip = clips_repo.get(self._db, item.source_id)
                    people, recording = list(clip.speakers), clip.recording_id
                if recording:
                    people += recordings_repo.people(self._db, recording)
                out[item.id] = list(dict.fromkeys(people))
        return out

    # the gate ----------------------------------------------------------------------------
    def _texts(self, programme: Programme, progress=None):
        """The programme's public texts and the clips' transcripts, with the review's findings."""
        clips = {i.source_id for i in programme.items if i.kind is ItemKind.CLIP and not i.lost}
        own = {programme.id} | {i.id for i in programme.items}
        items = [i for i in self._anonymise.material() if i.source_type in TEXT_KINDS and (
            i.source_id in clips or i.source_id in own)]  # fmt: skip
        return items, self._anonymise.review(items, progress)

    def gate(self, programme: Programme, at: dt.datetime | None = None,
             progress: Callable[[int, int], None] | None = None,
             findings=None) -> BroadcastGate:  # fmt: skip
        """May the programme go out now, and what would it leave out? Reviews the transcripts
        of its clips (slow on many: run in the background)."""
        if findings is None:
            findings = self._texts(programme, progress)[1]
        with self.read():
            pseudonyms = {p.id: p.pseudonym for p in participants_repo.list_all(self._db)}
        words = {}
        for item in programme.items:
            if item.kind is ItemKind.CLIP and not item.lost:
                clip = self._radio.clip(item.source_id)
                words[item.id] = unbleeped(clip, findings) if clip else 0
        return rules.broadcast_gate(programme, self.voices(programme), self._consent.histories(),
                                    pseudonyms, self.flagged(programme), words, at,
                                    self._lapsed(at))  # fmt: skip

    def flagged(self, programme: Programme) -> dict[str, str]:
        """Item id -> "safeguarding" or "sensitive" for each clip item whose clip, whose session,
        or a part of what it plays is flagged: a programme is public, so neither goes out."""
        out = {}
        with self.read():
            sessions = {s.id: s for s in sessions_repo.list_all(self._db)}
            for item in programme.items:
                if item.kind is not ItemKind.CLIP or item.lost:
                    continue
                clip = clips_repo.get(self._db, item.source_id)
                if clip is None:
                    continue
                session = sessions.get(clip.session_id)
                flags = {clip.flag, clip.audio_flag()}
                if session is not None:
                    flags |= {"safeguarding" if session.safeguarding else None,
                              "sensitive" if session.sensitive else None}  # fmt: skip
                if "safeguarding" in flags:
                    out[item.id] = "safeguarding"
                elif "sensitive" in flags:
                    out[item.id] = "sensitive"
        return out

    def _lapsed(self, at: dt.datetime | None = None):
        """What is past the project's retention at `at`: its sound never goes out."""
        return self._retention.lapsed(at) if self._retention else None

    def remake(self, programme_id: str) -> Programme:
        """Take out every item whose audio was erased or in which someone has withdrawn their
        voice; returns the programme as it was, for undo."""
        before = self.get(programme_id)
        if before is None:
            raise ConflictError("That programme is no longer in the project.")
        gate = rules.broadcast_gate(before, self.voices(before), self._consent.histories(), {},
                                    self.flagged(before), lapsed=self._lapsed())  # fmt: skip
        if not gate.left_out:
            raise ValidationError("Nothing in this programme needs to come out.")
        self.save(rules.remade(before, gate))
        return before

    def credits(self, programme: Programme) -> str:
        histories = self._consent.histories()
        agreed = {pid: credit_name(h) for pid, h in histories.items()}
        return rules.credits_line(programme, agreed)

    def remakes(self, at: dt.datetime | None = None) -> dict[str, Remake]:
        """Programmes that went out carrying someone who has since withdrawn their voice."""
        with self.read():
            releases = [r for r in packs_repo.packs(self._db) if r["details"].get("programme_id")]
            carried = {r["id"]: packs_repo.disclosed_people(self._db, r["id"]) for r in releases}
        histories = self._consent.histories()
        out: dict[str, tuple[dict, list[str]]] = {}
        for release in releases:
            issued = dt.datetime.fromisoformat(release["issued_at"])
            gone = [pseudonym for pid, pseudonym, _n in carried[release["id"]]
                    if pid in histories and any(w.effective_at > issued for w in
                                                histories[pid].active_withdrawals(at)
                                                if rules.ends_broadcast(w))]  # fmt: skip
            if gone:
                releases_, people = out.setdefault(release["details"]["programme_id"], ([], []))
                releases_.append(release)
                people += [p for p in gone if p not in people]
        return {pid: Remake(tuple(people), tuple(rel)) for pid, (rel, people) in out.items()}

    # playing it to the room --------------------------------------------------------------
    def playback(self, programme_id: str, progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Playback:
        """The programme as the group made it, to play back in the room: mixed at podcast
        loudness, bleeps in, without the items a release would leave out; with its running
        order and captions (the review's removals made). Slow: run it in the background."""
        from coprod_desktop.audio import mixdown, podcast

        programme = self.get(programme_id)
        if programme is None:
            raise ConflictError("That programme is no longer in the project.")
        items, findings = self._texts(programme)
        gate = self.gate(programme, findings=findings)
        playing = rules.remade(programme, gate)
        if not playing.items:
            raise ValidationError("Nothing is left to play: every item is left out.")
        if progress:
            progress(1, 4)
        mixed = mixdown.mix(self._pieces(playing, cancelled), TARGETS["podcast"], None, cancelled)
        if progress:
            progress(3, 4)
        texts, _mentions = outgoing(items, findings, frozenset())
        public = _public(programme, texts)
        starts = rules.starts_ms(playing)
        running, shown = [], []
        for item, start in zip(playing.items, starts, strict=True):
            running.append((public.items[item.id].title, start, start + item.length_ms))
            if item.kind is ItemKind.CLIP:
                clip = self._radio.clip(item.source_id)
                shown += rules.captions(texts.get(("clip", clip.id), ""), start,
                                        clip.edits.trim_in_ms, clip.edits.trim_out_ms)
            elif item.kind is ItemKind.LINK and public.items[item.id].script.strip():
                shown.append(rules.Caption(start, " ".join(public.items[item.id].script.split())))
        if progress:
            progress(4, 4)
        return Playback(public.title, podcast.wav_bytes(mixed.samples, mixed.rate),
                        tuple(running), tuple(sorted(shown, key=lambda c: c.start_ms)),
                        gate.notes())  # fmt: skip

    # making it ---------------------------------------------------------------------------
    def check_target(self, target: Path) -> tuple[Path, str]:
        """The file to write and its format, refused in plain words before any work."""
        target = Path(target)
        fmt = target.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise ValidationError("A programme is made as a .mp3 or a .wav file.")
        return check_target(target, "programme"), fmt

    def make(self, programme_id: str, target: Path, loudness: float = TARGETS["podcast"],
             progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> Made:  # fmt: skip
        """Check the gate afresh, mix, normalise and encode the programme, and write it with
        its text (show notes, credits, running order, anonymised transcript) beside it; then
        log the release all or nothing, the files renamed into place last."""
        from coprod_desktop.audio import mixdown, podcast  # numpy: loaded only when making

        tell = progress or (lambda done, total, text: None)
        target, fmt = self.check_target(target)
        if not -31.0 <= loudness <= -9.0:
            raise ValidationError("Choose a loudness between −31 and −9 LUFS (a podcast is "
                                  "−16, broadcast −23).")  # fmt: skip
        programme = self.get(programme_id)
        if programme is None:
            raise ConflictError("That programme is no longer in the project.")
        check_whole(self._file, lambda n, total, text: tell(n, total * 10, text))
        tell(1, 10, "Checking consent and review")
        items, findings = self._texts(programme)
        gate = self.gate(programme, findings=findings)
        if not gate:
            raise ValidationError("The programme cannot go out yet:\n" + gate.summary())
        playing = rules.remade(programme, gate)
        pieces = self._pieces(playing, cancelled)
        tell(4, 10, "Mixing and setting the loudness")
        mixed = mixdown.mix(pieces, loudness, lambda done, total: tell(
            40 + 40 * done // max(1, total), 100, "Mixing and setting the loudness"), cancelled)
        tell(8, 10, "Encoding")
        starts = rules.starts_ms(playing)
        chapters = [podcast.Chapter(i.title, s, s + i.length_ms)
                    for i, s in zip(playing.items, starts, strict=True)]  # fmt: skip
        texts, _mentions = outgoing(items, findings, frozenset())  # nobody named: it is public
        public = _public(programme, texts)
        credits = self.credits(playing)
        if fmt == "mp3":
            audio = podcast.tagged_mp3(podcast.mp3_bytes(mixed.samples, mixed.rate),
                                       public.title, public.show_notes, credits,
                                       [replace(c, title=public.items[i.id].title) for c, i in
                                        zip(chapters, playing.items, strict=True)])  # fmt: skip
        else:
            audio = podcast.wav_bytes(mixed.samples, mixed.rate)
        text = _programme_text(public, playing, starts, credits, texts, loudness)
        text_path = target.with_suffix(".txt")
        if cancelled and cancelled():
            raise mixdown.Cancelled
        tell(9, 10, "Writing the files")
        staged = [stage(target, audio), stage(text_path, text.encode("utf-8"))]
        digest = hashlib.sha256(audio).hexdigest()
        release = f"PG-{dt.date.today():%y%m%d}-{new_id()[:4].upper()}"
        length = len(mixed.samples) * 1000 // mixed.rate
        placed: list[Path] = []
        try:
            with self.write():
                self._log(release, programme, playing, target, digest, loudness, length)
                for staged_path, final in zip(staged, (target, text_path), strict=True):
                    os.replace(staged_path, final)  # last: a failure rolls the log back
                    placed.append(final)
        except BaseException:
            for path in staged:
                path.unlink(missing_ok=True)
            for path in placed:  # the log could not be committed: the programme did not go out
                path.unlink(missing_ok=True)
            raise
        tell(10, 10, "Done")
        return Made(target, text_path, release, digest, length, mixed.lufs,
                    mixed.true_peak_dbtp, len(gate.voices))  # fmt: skip

    def _pieces(self, playing: Programme, cancelled):
        from coprod_desktop.audio.mixdown import Cancelled, Piece

        starts = rules.starts_ms(playing)
        out = []
        for n, (item, start) in enumerate(zip(playing.items, starts, strict=True)):
            if cancelled and cancelled():
                raise Cancelled
            after = playing.items[n + 1] if n + 1 < len(playing.items) else None
            fade_in = item.join_ms if item.crossfade else 0
            fade_out = after.join_ms if after is not None and after.crossfade else 0
            if item.kind is ItemKind.SILENCE:
                pcm, rate = bytes(item.length_ms * 48 * 2), 48_000
            elif item.kind is ItemKind.CLIP:
                segment = self._radio.render(self._radio.clip(item.source_id))
                pcm, rate = segment.set_sample_width(2).set_channels(1).raw_data, \
                    segment.frame_rate
            else:
                with self.read():
                    rate = recordings_repo.audio_format(self._db, item.source_id)[0]
                    pcm = recordings_repo.pcm(self._db, item.source_id)
            out.append(Piece(pcm, rate, start, fade_in, fade_out))
        return out

    def _log(self, release: str, programme: Programme, playing: Programme, target: Path,
             digest: str, loudness: float, length: int) -> None:  # fmt: skip
        voices = self.voices(playing)
        credited = {pid for pid, h in self._consent.histories().items() if credit_name(h)}
        items, disclosures = [], []
        for item in playing.items:
            if item.kind is ItemKind.SILENCE:
                continue
            kind = "clip_audio" if item.kind is ItemKind.CLIP else "recording"
            items.append((kind, item.source_id))
            disclosures += [(pid, kind, item.source_id) for pid in voices.get(item.id, ())]
            disclosures += [(pid, "credit", item.id) for pid, _role in item.roles
                            if pid in credited]  # fmt: skip
        details = {"programme_id": programme.id, "title": programme.title,
                   "format": target.suffix.lstrip(".").lower(), "loudness": loudness,
                   "length": clock(length),
                   "version": __version__}  # fmt: skip
        disclosures = list(dict.fromkeys(disclosures))
        packs_repo.record(self._db, {
            "id": release, "audience": AUDIENCE.format(programme.title),
            "issued_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            "file_name": target.name, "sha256": digest, "issued_by": self._actor(),
            "details": details}, list(dict.fromkeys(items)), disclosures)  # fmt: skip
        self.audit("programme.exported", "programme", programme.id,
                   {"release": release, "sha256": digest, "items": len(items),
                    "people": len({d[0] for d in disclosures})})  # fmt: skip

    def counts(self) -> dict[str, int]:
        with self.read():
            return {"programmes": programmes_repo.count(self._db)}


@dataclass(frozen=True)
class _Public:
    """The programme's own words as they leave: title, show notes, and each item (by id) with
    its title and link script, the review's removals made."""

    title: str
    show_notes: str
    items: dict[str, Item]


def _public(programme: Programme, texts: dict) -> _Public:
    def out(kind: str, source: str, text: str) -> str:
        return texts.get((kind, source), text)

    return _Public(out("programme", programme.id, programme.title),
                   out("programme_notes", programme.id, programme.show_notes),
                   {i.id: replace(i, title=out("programme_item", i.id, i.title),
                                  script=out("programme_script", i.id, i.script))
                    for i in programme.items})  # fmt: skip


def _programme_text(public: _Public, playing: Programme, starts: list[int], credits: str,
                    texts: dict, loudness: float) -> str:  # fmt: skip
    lines = [public.title, "=" * min(len(public.title), 60), ""]
    if public.show_notes.strip():
        lines += [public.show_notes.strip(), ""]
    if credits:
        lines += [credits, ""]
    lines += ["Running order", ""]
    for item, start in zip(playing.items, starts, strict=True):
        lines.append(f"{clock(start)}  {public.items[item.id].title}")
    lines += ["", "Transcript", ""]
    for item, start in zip(playing.items, starts, strict=True):
        said = ""
        if item.kind is ItemKind.CLIP:
            said = "\n".join(line.strip() for line in without_timestamps(
                texts.get(("clip", item.source_id), "")).splitlines())  # fmt: skip
        elif item.kind is ItemKind.LINK:
            said = public.items[item.id].script.strip()
        if said:
            lines += [f"[{clock(start)}] {public.items[item.id].title}", said, ""]
    lines.append(f"Loudness: {loudness:g} LUFS integrated, true peak at most −1 dBTP.")
    return "\n".join(lines).rstrip() + "\n"
