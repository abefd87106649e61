"""Withdrawal of everything leaves none of a person's names anywhere in the file: for every
person in the demo project — community members, partner representatives and facilitators —
withdraw everything in a copy, then decrypt every page (free pages included) and the WAL and
look for their real name, its parts, their aliases and their guardian's name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.names import Names
from coprod_desktop.services.project import open_project
from coprod_desktop.services.verify import verify
from coprod_desktop.storage import audit_repo, consent_repo
from tests.conftest import PASSPHRASE
from tests.sqlcipher_pages import decrypted_pages

# Shorter terms turn up by chance in compressed audio and other binary pages; they are
# checked in every text the project holds instead (see below).
RAW_MIN = 4


def _found(data: bytes, term: str) -> bool:
    word = re.escape(term.encode("utf-8"))
    # letters only at the edges: a record's fields lie side by side ("P-05Chiamaka")
    return re.search(rb"(?<![A-Za-z])" + word + rb"(?![A-Za-z])", data,
                     re.IGNORECASE) is not None  # fmt: skip


def _everyone(path: Path) -> list[tuple[str, str, Names]]:
    project = open_project(path, PASSPHRASE)
    try:
        people = project.participants.list()
        db = project.file.db
        return [(p.id, f"{p.pseudonym} ({p.role.value})",
                 Names.of(p.pseudonym, p.real_name, p.aliases,
                          consent_repo.guardian_names(db, p.id)))
                for p in people if p.real_name or p.aliases]  # fmt: skip
    finally:
        project.close()


def test_no_name_of_a_withdrawn_person_is_left_anywhere(demo_template: Path, tmp_path: Path):
    people = _everyone(demo_template)
    roles = {label.split("(")[1] for _id, label, _n in people}
    assert roles >= {"community_member)", "partner_representative)", "facilitator)"}
    baseline = decrypted_pages(demo_template, PASSPHRASE)
    left: dict[str, list[str]] = {}
    for person_id, label, names in people:
        # another person's own name is theirs to keep, even when it is the same word
        others = {t for pid, _l, n in people if pid != person_id for t in n.terms}
        terms = [t for t in names.terms if t not in others]
        assert any(_found(baseline, t) for t in terms if len(t) >= RAW_MIN), label  # can fail
        copy = tmp_path / f"{person_id}.coprod"
        shutil.copy2(demo_template, copy)
        project = open_project(copy, PASSPHRASE)
        try:
            project.consent.withdraw(person_id, Scope.EVERYTHING)
            assert verify(project.file).ok, label  # the audit chain holds after erasure
            texts = " ".join(str(v) for v in _all_text(project))
            wal = copy.with_name(copy.name + "-wal")
            wal_bytes = wal.read_bytes() if wal.exists() else b""
        finally:
            project.close()
        pages = decrypted_pages(copy, PASSPHRASE)
        remaining = [t for t in terms
                     if (len(t) >= RAW_MIN and (_found(pages, t) or _found(wal_bytes, t)))
                     or _found(texts.encode("utf-8"), t)]  # fmt: skip
        if remaining:
            left[label] = remaining
    assert left == {}


def _all_text(project) -> list:
    """Every value of every column of every table, and the audit log's entries."""
    db = project.file.db
    values: list = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for row in db.execute(f'SELECT * FROM "{table}"'):
            values += [v for v in row if isinstance(v, str)]
    values += [repr(e) for e in audit_repo.entries(db)]
    return values
