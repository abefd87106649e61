"""A mixed programme as a file to hand out (16-bit WAV, or MP3 with its title, show notes,
credits and chapters in an ID3v2.4 tag), and imported music (a jingle, a bed) as 16-bit mono
48 kHz PCM.

MP3 and decoding go through the ffmpeg binary that the imageio-ffmpeg package carries (and
the installer bundles), over pipes: no temporary files, no system install. ffmpeg is only ever
given a local file or a pipe: the protocol whitelist, a `file:` path and a demuxer chosen from
the extension keep it from opening anything else, such as a URL inside a playlist.

numpy (through mixdown), mutagen and imageio-ffmpeg are imported inside the functions that need
them, so importing this module at start-up costs nothing."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coprod_desktop.domain.errors import ValidationError

RATE = 48_000  # what decoded() gives; the same as mixdown.RATE
MAX_IMPORT_S = 30 * 60  # a jingle or a bed, not a whole programme
MAX_CHAPTERS = 255  # what one table of contents (CTOC) can list: its count is one byte
FEED = 1 << 20  # bytes of PCM given to the encoder at a time: about 10 s
MP3_RATES = (8_000, 48_000)  # what an MP3 can carry (ffmpeg resamples in between)
FORMATS = {".wav": "wav", ".mp3": "mp3", ".ogg": "ogg", ".flac": "flac"}  # extension: demuxer
QUIET = ("-nostdin", "-hide_banner", "-loglevel", "error")

# ffmpeg's own words for the usual failures, and plain ones for them
_PLAIN = (
    ("Invalid data found when processing input", "it is not a sound file, or it is damaged"),
    ("No such file or directory", "the file is not there"),
    ("Permission denied", "the app is not allowed to open it"),
    ("matches no streams", "it holds no sound"),
    ("does not contain any stream", "it holds no sound"),
    ("Nothing was written into output file", "no sound could be found in it"),
)


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int


def ffmpeg_exe() -> str:
    """The path of the ffmpeg that imageio-ffmpeg carries."""
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as exc:
        raise ValidationError(
            "The sound converter that comes with the app is missing, so MP3 files and imported "
            "music cannot be used. Installing the app again brings it back."
        ) from exc


def _run(
    arguments: list[str],
    stdin: bytes | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> subprocess.CompletedProcess:
    """ffmpeg with `arguments`, given `stdin` (or nothing), its output captured. With
    `progress` or `cancelled`, stdin is fed a piece at a time on this thread, telling
    progress(samples fed, samples) and killing ffmpeg when cancelled() says so."""
    hidden = {"creationflags": subprocess.CREATE_NO_WINDOW} if sys.platform == "win32" else {}
    command = [ffmpeg_exe(), *arguments]
    try:
        if stdin is None or (progress is None and cancelled is None):
            return subprocess.run(command, input=stdin, capture_output=True, check=False,
                                  stdin=None if stdin is not None else subprocess.DEVNULL,
                                  **hidden)  # fmt: skip
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, **hidden)  # fmt: skip
    except OSError as exc:
        raise ValidationError(f"The sound converter that comes with the app could not be "
                              f"started: {exc.strerror or exc}.") from exc  # fmt: skip
    captured: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda name=name, stream=stream:
                                captured.__setitem__(name, stream.read()), daemon=True)
               for name, stream in (("out", process.stdout), ("err", process.stderr))]  # fmt: skip
    for reader in readers:
        reader.start()
    data, finished = memoryview(stdin), False
    try:
        for start in range(0, len(data), FEED):
            if cancelled is not None and cancelled():
                from coprod_desktop.audio.mixdown import Cancelled

                raise Cancelled()
            process.stdin.write(data[start : start + FEED])
            if progress is not None:
                progress(min(len(data), start + FEED) // 2, len(data) // 2)
        process.stdin.close()
        finished = True
    except BrokenPipeError:
        finished = True  # ffmpeg stopped reading: what it wrote to stderr says why
    finally:
        if not finished:
            process.kill()
        process.wait()
        for reader in readers:
            reader.join()
    return subprocess.CompletedProcess(command, process.returncode, captured.get("out", b""),
                                       captured.get("err", b""))  # fmt: skip


def _reason(stderr: bytes, returncode: int) -> str:
    """ffmpeg's last line of complaint, in plain words where we know them."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    last = next((line for line in reversed(lines) if line), "")
    for words, plain in _PLAIN:
        if words in last:
            return plain
    last = re.sub(r"^(?:\[[^\]]*\]\s*|(?:file|pipe):\S*:\s*)", "", last)  # who said it
    return last or f"the converter stopped with code {returncode}"


# -- writing ------------------------------------------------------------------------------------


def wav_bytes(samples, rate) -> bytes:
    """Float samples (mono, 1.0 = full scale) as a 16-bit mono WAV file."""
    import numpy as np

    from coprod_desktop.audio.mixdown import pcm16

    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    size = 2 * len(samples)
    if size > 0xFFFFFFFF - 36:
        raise ValidationError("The programme is too long for one WAV file: export it as MP3.")
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + size, b"WAVE", b"fmt ", 16,
                         1, 1, int(rate), int(rate) * 2, 2, 16, b"data", size)  # fmt: skip
    return pcm16(samples, header)


def mp3_bytes(samples, rate, bitrate: str = "128k", *,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> bytes:  # fmt: skip
    """Float samples (mono) as a constant-bitrate MP3, encoded by ffmpeg from a pipe to a pipe.

    Encoding an hour of sound can take a minute or more, so `progress(samples encoded,
    samples)` and `cancelled()` (raising mixdown.Cancelled) work as in mixdown.mix. No Xing
    header: ffmpeg cannot go back to fill it in on a pipe, and a constant bitrate gives players
    the length without one."""
    from coprod_desktop.audio.mixdown import pcm16

    if not re.fullmatch(r"[1-9][0-9]{1,2}k", bitrate):
        raise ValidationError("The MP3 bitrate must be written like 128k.")
    if not MP3_RATES[0] <= rate <= MP3_RATES[1]:
        raise ValidationError(f"An MP3 cannot carry sound at {rate} samples a second.")
    data = pcm16(samples)
    if not data:
        raise ValidationError("There is no sound to make an MP3 of.")
    arguments = [*QUIET, "-protocol_whitelist", "pipe",
                 "-f", "s16le", "-ac", "1", "-ar", str(int(rate)), "-i", "pipe:0",
                 "-map_metadata", "-1", "-c:a", "libmp3lame", "-b:a", bitrate,
                 "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3", "pipe:1"]  # fmt: skip
    done = _run(arguments, data, progress, cancelled)
    if done.returncode or not done.stdout:
        raise ValidationError(
            f"The programme could not be made into an MP3: {_reason(done.stderr, done.returncode)}."
        )
    return done.stdout


def tagged_mp3(mp3: bytes, title: str, notes: str, credits: str,
               chapters: Sequence[Chapter]) -> bytes:  # fmt: skip
    """The MP3 with an ID3v2.4 tag: its title, the show notes as a comment (with the credits
    after them), the credits on their own (TXXX:Credits), its length (TLEN), a chapter (CHAP
    ch0, ch1, ... with a title) for each of `chapters`, and an ordered top-level table of
    contents (CTOC) listing them. Any tag the MP3 had is replaced."""
    import io

    from mutagen.id3 import CHAP, COMM, CTOC, ID3, TIT2, TLEN, TXXX, CTOCFlags
    from mutagen.mp3 import MP3, HeaderNotFoundError

    if len(chapters) > MAX_CHAPTERS:
        raise ValidationError(f"A podcast can have at most {MAX_CHAPTERS} chapters; this one "
                              f"would have {len(chapters)}.")  # fmt: skip
    for chapter in chapters:
        if not 0 <= chapter.start_ms <= chapter.end_ms:
            raise ValidationError(f"The chapter “{chapter.title}” ends before it starts.")
    buffer = io.BytesIO(mp3)
    try:
        length_ms = round(MP3(buffer).info.length * 1000)
    except HeaderNotFoundError as exc:
        raise ValidationError("The programme's MP3 is damaged: it has no sound in it.") from exc
    comment = notes.strip()
    if credits.strip():
        comment = f"{comment}\n\nCredits:\n{credits.strip()}" if comment else credits.strip()
    tag = ID3()
    tag.add(TIT2(encoding=3, text=[title]))
    tag.add(COMM(encoding=3, lang="eng", desc="", text=[comment]))
    if credits.strip():
        tag.add(TXXX(encoding=3, desc="Credits", text=[credits.strip()]))
    tag.add(TLEN(encoding=3, text=[str(length_ms)]))
    ids = [f"ch{i}" for i in range(len(chapters))]
    for element_id, chapter in zip(ids, chapters, strict=True):
        tag.add(CHAP(element_id=element_id, start_time=chapter.start_ms,
                     end_time=chapter.end_ms, start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                     sub_frames=[TIT2(encoding=3, text=[chapter.title])]))  # fmt: skip
    if ids:
        tag.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                     child_element_ids=ids,
                     sub_frames=[TIT2(encoding=3, text=[title])]))  # fmt: skip
    buffer.seek(0)
    tag.save(buffer, v1=0, v2_version=4, padding=lambda info: 0)
    return buffer.getvalue()


# -- reading ------------------------------------------------------------------------------------


def decoded(path: Path) -> tuple[bytes, int]:
    """A WAV, MP3, OGG or FLAC file as 16-bit mono PCM at 48 kHz: (pcm, 48000).

    Refuses other kinds of file, files ffmpeg cannot read as sound, and anything longer than
    thirty minutes, with a message that names the file."""
    path = Path(path)
    demuxer = FORMATS.get(path.suffix.lower())
    if demuxer is None:
        raise ValidationError(f"{path.name} cannot be imported: the app takes sound files "
                              "ending in .wav, .mp3, .ogg or .flac.")  # fmt: skip
    if not path.is_file():
        raise ValidationError(f"{path.name} could not be read as sound: the file is not there.")
    arguments = [*QUIET, "-protocol_whitelist", "file,pipe", "-f", demuxer,
                 "-i", "file:" + str(path.resolve()), "-map", "0:a:0", "-vn", "-sn", "-dn",
                 "-t", str(MAX_IMPORT_S + 1), "-f", "s16le", "-c:a", "pcm_s16le",
                 "-ac", "1", "-ar", str(RATE), "pipe:1"]  # fmt: skip
    done = _run(arguments)
    if done.returncode:
        raise ValidationError(f"{path.name} could not be read as sound: "
                              f"{_reason(done.stderr, done.returncode)}.")  # fmt: skip
    pcm = done.stdout[: len(done.stdout) - len(done.stdout) % 2]
    if not pcm:
        raise ValidationError(f"{path.name} could not be read as sound: it holds no sound.")
    if len(pcm) > MAX_IMPORT_S * RATE * 2:
        raise ValidationError(f"{path.name} is longer than {MAX_IMPORT_S // 60} minutes: import "
                              "a shorter piece of music, or cut it first.")  # fmt: skip
    return pcm, RATE
