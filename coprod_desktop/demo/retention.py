"""The demo's retention policy: raw audio for six months after the last session, real names for
a year, and the material of those who did not agree to research for eighteen months. The demo's
sessions ended in October 2026, so nothing is due until April 2027."""

from __future__ import annotations

from coprod_desktop.domain.retention import RetentionPolicy


def add_retention(project) -> None:
    project.retention.set_policy(RetentionPolicy(audio_months=6, names_months=12,
                                                 material_months=18))  # fmt: skip
