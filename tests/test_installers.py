"""The installers' inputs: every resource reaches the bundle and is found there through the
one resource-loading module; the platform files agree on the file type and take the version
from coprod_desktop only. (Building and running the bundle: installers/smoke_test.py.)"""

from __future__ import annotations

import ast
import configparser
import plistlib
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coprod_desktop import PROJECT_SUFFIX, __version__, resource_files
from coprod_desktop.resource_files import resource_path, shipped

ROOT = Path(__file__).resolve().parent.parent
INSTALLERS = ROOT / "installers"


def spec_lists() -> dict[str, list[str]]:
    tree = ast.parse((INSTALLERS / "coprod_desktop.spec").read_text())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("RESOURCE_FOLDERS", "EXCLUDES") or (
                    name == "RESOURCE_FILES" and isinstance(node.value, ast.List)):  # fmt: skip
                out[name] = ast.literal_eval(node.value)
    return out


def source_resources() -> list[str]:
    root = ROOT / "resources"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc"))  # fmt: skip


def test_the_spec_carries_every_file_under_resources():
    lists = spec_lists()
    folders = lists["RESOURCE_FOLDERS"]
    top = [f for f in source_resources() if "/" not in f]
    missing = [f for f in source_resources() if f.split("/")[0] not in folders and f not in top]
    assert missing == [], f"add their folder to RESOURCE_FOLDERS in the spec: {missing}"
    assert all((ROOT / "resources" / f).is_dir() for f in folders)
    assert {"PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets"} <= set(lists["EXCLUDES"])


def test_resources_are_found_from_source():
    assert shipped() == source_resources()
    for relative in shipped():
        assert resource_path(relative).is_file()
    with pytest.raises(FileNotFoundError, match="resource missing"):
        resource_path("icons/nope.svg")


def test_resources_are_found_in_a_frozen_bundle(tmp_path, monkeypatch):
    """Lay the files out as the spec's datas do, then pretend to be the frozen app."""
    bundle = tmp_path / "_internal"
    target = bundle / "coprod_desktop" / "resources"
    for folder in spec_lists()["RESOURCE_FOLDERS"]:
        shutil.copytree(ROOT / "resources" / folder, target / folder)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resource_files.resources_root() == target
    assert shipped() == source_resources()
    for relative in source_resources():
        assert resource_path(relative).is_relative_to(bundle)
    from coprod_desktop.anonymise import lexicon

    assert lexicon.names.__wrapped__("first_names.txt")  # the name lists load from there


def test_every_resource_the_code_asks_for_exists():
    asked = set()
    for path in (ROOT / "coprod_desktop").rglob("*.py"):
        asked.update(re.findall(r"resource_path\(\s*f?\"([^\"{]+)\"", path.read_text()))
    assert "icons/coprod.svg" in asked
    for relative in asked:
        assert resource_path(relative).exists(), relative


def test_linux_desktop_entry_mime_type_and_metainfo_agree():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(INSTALLERS / "linux" / "coprod-desktop.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "coprod-desktop" and "%f" in desktop["Exec"]
    mime = ET.parse(INSTALLERS / "linux" / "coprod-desktop-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = mime.find("m:mime-type", ns)
    assert desktop["MimeType"].rstrip(";") == kind.get("type")
    assert kind.find("m:glob", ns).get("pattern") == f"*{PROJECT_SUFFIX}"
    text = (INSTALLERS / "linux" / "io.github.coprod.CoprodDesktop.metainfo.xml.in").read_text()
    assert "@VERSION@" in text and __version__ not in text
    info = ET.fromstring(text.replace("@VERSION@", __version__).replace("@DATE@", "2026-11-23"))
    assert info.findtext("id") == desktop["Icon"] == "io.github.coprod.CoprodDesktop"
    assert info.find("launchable").text == "coprod-desktop.desktop"
    assert info.find("provides/mediatype").text == kind.get("type")


def test_windows_installer_is_per_user_and_registers_the_file_type():
    iss = (INSTALLERS / "windows" / "coprod_desktop.iss").read_text()
    assert "PrivilegesRequired=lowest" in iss and "{localappdata}" in iss
    assert f'Subkey: "Software\\Classes\\{PROJECT_SUFFIX}"' in iss
    assert '""%1""' in iss and "{userprograms}" in iss and "AppVersion={#AppVersion}" in iss
    assert __version__ not in iss  # passed in by build.py from coprod_desktop


def test_macos_bundle_asks_for_the_microphone_and_owns_the_file_type():
    spec = (INSTALLERS / "coprod_desktop.spec").read_text()
    assert "NSMicrophoneUsageDescription" in spec and '"coprod"' in spec
    entitlements = plistlib.loads((INSTALLERS / "macos" / "entitlements.plist").read_bytes())
    assert entitlements["com.apple.security.device.audio-input"] is True


def test_the_version_lives_in_one_place():
    for path in INSTALLERS.rglob("*"):
        if path.is_file() and "build" not in path.parts and "dist" not in path.parts:
            assert __version__ not in path.read_text(errors="ignore"), path
    assert re.search(r'version = \{ attr = "coprod_desktop.__version__" \}',
                     (ROOT / "pyproject.toml").read_text())  # fmt: skip
