"""The first-run checklist: the usual way through a new project, each step done once the
project holds what it asks for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coprod_desktop.domain.words import QT_TR_NOOP

# key, what to do, what counts (the step is done when any of these counts is above zero)
STEPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("session", QT_TR_NOOP("Add a session"), ("sessions",)),
    ("people", QT_TR_NOOP("Add the people taking part"), ("participants",)),
    ("consent", QT_TR_NOOP("Record their consent"), ("consent_records",)),
    (
        "material",
        QT_TR_NOOP("Capture notes on a board, or clips in the radio lab"),
        ("notes", "clips"),
    ),
    ("review", QT_TR_NOOP("Review personal data before anything leaves"), ("decisions", "packs")),
    ("pack", QT_TR_NOOP("Make a pack for a partner organisation"), ("packs",)),
)


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    done: bool


def first_steps(counts: Mapping[str, int]) -> list[Step]:
    return [Step(key, label, any(counts.get(c, 0) > 0 for c in needs))
            for key, label, needs in STEPS]  # fmt: skip


def all_done(steps: list[Step]) -> bool:
    return all(step.done for step in steps)
