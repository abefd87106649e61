"""Counted nouns in plain English: "1 note", "3 notes", "1 piece of personal data"."""

from __future__ import annotations


def QT_TR_NOOP(text: str) -> str:
    """Marks a text the UI shows (a label kept in a constant) so that pyside6-lupdate
    extracts it; the UI translates it with ui.translation.tr(). Plain Python: no Qt here."""
    return text


def counted(n: int, one: str, many: str | None = None) -> str:
    """`n` and the noun in the form that agrees with it (`many` defaults to one + "s")."""
    return f"{n} {one if n == 1 else (many if many is not None else one + 's')}"


def pieces(n: int) -> str:
    """How many possible pieces of personal data."""
    return counted(n, "possible piece of personal data", "possible pieces of personal data")


MATERIAL = {"note": ("note", "notes"), "clip": ("clip", "clips"),
            "audio": ("audio file", "audio files")}  # fmt: skip


def material(kind: str, n: int) -> str:
    """How many notes, clips or audio files ('1 clip', '4 audio files')."""
    one, many = MATERIAL.get(kind, (kind, kind))
    return counted(n, one, many)
