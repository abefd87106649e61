"""Translating texts that are not written inside a class's self.tr() call.

pyside6-lupdate extracts self.tr("…") under the class's name, and both tr("…") below and the
domain's QT_TR_NOOP("…") marks under the empty context, which is where tr() looks them up.
So a text kept in a constant (a column list, a dict of labels in domain/) is marked where it
is written and translated where it is shown::

    COLUMNS = (QT_TR_NOOP("Title"), QT_TR_NOOP("Speakers"))
    table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])

A test runs the extractor and fails if a shown constant is not marked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    """``text`` in the user's language (the empty translation context)."""
    return QCoreApplication.translate("", text)
