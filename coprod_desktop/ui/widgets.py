"""Small widget helpers shared by several screens."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget


def error_label(object_name: str) -> QLabel:
    """A hidden, word-wrapped label for a plain-language refusal, in bold red."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    label.hide()
    return label


def centred(box: QWidget, owner: QWidget) -> QBoxLayout:
    """Centre `box` in `owner`, a little above the middle. Stretches rather than alignment
    flags, so word-wrapped labels inside keep their full height."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(box)
    row.addStretch(1)
    layout = QVBoxLayout(owner)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)
    return layout
