"""Render the app icon (resources/icons/coprod.svg) into the formats installers need: PNGs
for Linux, .ico for Windows, .icns for macOS. Uses Qt's own image writers (offscreen)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(out: Path) -> dict[str, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed
    svg = QSvgRenderer(str(ROOT / "resources" / "icons" / "coprod.svg"))
    if not svg.isValid():
        raise SystemExit("resources/icons/coprod.svg could not be read")
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        svg.render(painter)
        painter.end()
        path = out / f"coprod-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        made[f"png{size}"] = path
    big = QImage(str(made["png256"]))
    for fmt in ("ico", "icns"):
        path = out / f"coprod.{fmt}"
        source = big if fmt == "ico" else QImage(str(made["png512"]))
        if source.save(str(path), fmt.upper()):
            made[fmt] = path
    return made


if __name__ == "__main__":
    for name, path in render(ROOT / "installers" / "build" / "icons").items():
        print(f"{name:8} {path}")
