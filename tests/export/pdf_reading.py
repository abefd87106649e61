"""Reading a PDF back as what its pages draw, for checking a layout: every piece of text with its
font, its size as drawn (the font size scaled by the text and graphics matrices, so a 7 pt font
in a text matrix scaled by two is 14 pt), where it starts and ends on the page, its colour and
whether it is slanted; and every filled rectangle, in the order painted.

A small interpreter of the content-stream operators reportlab writes (and forms drawn with
`Do`); text is decoded with each font's ToUnicode map (reportlab's fonts are one byte a
character)."""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field

import pypdf
from pypdf.generic import ContentStream

IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>")


def mult(m: list[float], n: list[float]) -> list[float]:
    """The matrix m then n (PDF's row-vector convention)."""
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]  # fmt: skip


@dataclass
class Run:
    """One text-showing operator's text."""

    page: int
    text: str
    font: str  # the base font, without its subset prefix: "DejaVuSans-Bold"
    size: float  # as drawn on the page
    x: float
    y: float
    end: float  # x where its last character ends
    colour: tuple[float, ...]
    slanted: bool  # skewed or rotated: how a program fakes italics
    order: int  # what was painted on the page before it has a lower number


@dataclass
class Fill:
    page: int
    x: float
    y: float
    width: float
    height: float
    colour: tuple[float, ...]
    order: int


@dataclass
class Page:
    runs: list[Run] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    word_spacing: list[float] = field(default_factory=list)  # each Tw set: justified text


@dataclass
class _Font:
    name: str
    first: int
    widths: list[float]
    chars: dict[int, str]


def _font(obj) -> _Font:
    obj = obj.get_object()
    chars: dict[int, str] = {}
    if "/ToUnicode" in obj:
        for code, text in _BFCHAR.findall(obj["/ToUnicode"].get_object().get_data()):
            chars[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    name = str(obj["/BaseFont"]).lstrip("/").split("+", 1)[-1]
    widths = [float(w) for w in obj.get("/Widths", [])]
    return _Font(name, int(obj.get("/FirstChar", 0)), widths, chars)


class _State:
    def __init__(self):
        self.ctm = list(IDENTITY)
        self.fill: tuple[float, ...] = (0.0, 0.0, 0.0)
        self.font: _Font | None = None
        self.size = 0.0
        self.leading = self.char_space = self.word_space = self.rise = 0.0
        self.scale = 1.0

    def copy(self) -> _State:
        other = _State()
        other.__dict__.update(self.__dict__)
        other.ctm = list(self.ctm)
        return other


def read(data: bytes) -> list[Page]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for number, page in enumerate(reader.pages, 1):
        out = Page()
        _run(ContentStream(page.get_contents(), reader), page["/Resources"], _State(), out,
             number, reader)  # fmt: skip
        pages.append(out)
    return pages


def _run(stream, resources, state: _State, out: Page, number: int, reader) -> None:
    resources = resources.get_object() if resources is not None else {}
    fonts = {str(k): _font(v) for k, v in resources.get("/Font", {}).items()}
    stack: list[_State] = []
    tm = tlm = list(IDENTITY)
    path: list[tuple[float, float, float, float]] = []

    def show(raw: bytes) -> None:
        nonlocal tm
        font = state.font
        assert font is not None, "text shown with no font set"
        m = mult(tm, state.ctm)
        start = mult([1, 0, 0, 1, 0, state.rise], m)
        text, advance = "", 0.0
        for code in raw:
            text += font.chars.get(code, chr(code))
            i = code - font.first
            w = font.widths[i] / 1000 if 0 <= i < len(font.widths) else 0.0
            space = state.word_space if code == 32 else 0.0
            advance += (w * state.size + state.char_space + space) * state.scale
        tm = mult([1, 0, 0, 1, advance, 0], tm)
        end = mult(tm, state.ctm)[4]
        out.runs.append(Run(number, text, font.name, state.size * math.hypot(m[2], m[3]),
                            start[4], start[5], end, state.fill,
                            abs(m[1]) > 1e-6 or abs(m[2]) > 1e-6, _painted(out)))  # fmt: skip

    def move(tx: float, ty: float) -> None:
        nonlocal tm, tlm
        tlm = mult([1, 0, 0, 1, tx, ty], tlm)
        tm = list(tlm)

    for operands, op in stream.operations:
        o = [float(v) if isinstance(v, (int, float)) else v for v in operands]
        if op == b"q":
            stack.append(state.copy())
        elif op == b"Q":
            state = stack.pop()
        elif op == b"cm":
            state.ctm = mult(o, state.ctm)
        elif op == b"rg":
            state.fill = tuple(o)
        elif op == b"g":
            state.fill = (o[0],) * 3
        elif op == b"k":
            c, m_, y, k = o
            state.fill = ((1 - c) * (1 - k), (1 - m_) * (1 - k), (1 - y) * (1 - k))
        elif op == b"re":
            x, y, w, h = o
            a = mult([1, 0, 0, 1, x, y], state.ctm)
            b = mult([1, 0, 0, 1, x + w, y + h], state.ctm)
            path.append((min(a[4], b[4]), min(a[5], b[5]), abs(b[4] - a[4]), abs(b[5] - a[5])))
        elif op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            out.fills += [Fill(number, *rect, state.fill, _painted(out)) for rect in path]
            path = []
        elif op in (b"n", b"S", b"s"):
            path = []
        elif op == b"BT":
            tm, tlm = list(IDENTITY), list(IDENTITY)
        elif op == b"Tf":
            state.font, state.size = fonts[str(operands[0])], o[1]
        elif op == b"Tm":
            tm, tlm = list(o), list(o)
        elif op == b"Td":
            move(o[0], o[1])
        elif op == b"TD":
            state.leading = -o[1]
            move(o[0], o[1])
        elif op == b"T*":
            move(0, -state.leading)
        elif op == b"TL":
            state.leading = o[0]
        elif op == b"Tc":
            state.char_space = o[0]
        elif op == b"Tw":
            state.word_space = o[0]
            out.word_spacing.append(o[0])
        elif op == b"Tz":
            state.scale = o[0] / 100
        elif op == b"Ts":
            state.rise = o[0]
        elif op == b"Tj":
            show(_raw(operands[0]))
        elif op == b"'":
            move(0, -state.leading)
            show(_raw(operands[0]))
        elif op == b'"':
            state.word_space, state.char_space = o[0], o[1]
            move(0, -state.leading)
            show(_raw(operands[2]))
        elif op == b"TJ":
            for item in operands[0]:
                if isinstance(item, (bytes, str)):
                    show(_raw(item))
                else:
                    tm = mult([1, 0, 0, 1, -float(item) / 1000 * state.size * state.scale, 0], tm)
        elif op == b"Do":
            xobject = resources["/XObject"][str(operands[0])].get_object()
            if xobject.get("/Subtype") == "/Form":
                inner = state.copy()
                inner.ctm = mult([float(v) for v in xobject.get("/Matrix", IDENTITY)], state.ctm)
                _run(ContentStream(xobject, reader), xobject.get("/Resources", resources), inner,
                     out, number, reader)  # fmt: skip


def _painted(page: Page) -> int:
    return len(page.runs) + len(page.fills)


def _raw(text) -> bytes:
    """A string operand's bytes, as written in the stream."""
    if isinstance(text, bytes):
        return bytes(text)
    return bytes(getattr(text, "original_bytes", None) or text.encode("latin-1"))


def lines(runs: list[Run], tolerance: float = 1.0) -> list[list[Run]]:
    """Runs on the same baseline of a page, left to right; lines from the top down."""
    by_line: dict[tuple[int, int], list[Run]] = {}
    for run in runs:
        if run.text.strip():
            key = (run.page, round(run.y / tolerance))
            by_line.setdefault(key, []).append(run)
    ordered = sorted(by_line.items(), key=lambda kv: (kv[0][0], -kv[0][1]))
    return [sorted(line, key=lambda r: r.x) for _key, line in ordered]


def line_text(line: list[Run]) -> str:
    return "".join(run.text for run in line)
