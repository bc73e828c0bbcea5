"""The audit trail is an official record: SQLite itself refuses to change or delete it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from fault_kit import report

FORGERIES = (
    "UPDATE audit SET new_value = 'forged' WHERE id = 1",
    "UPDATE audit SET who = 'someone else'",
    "DELETE FROM audit WHERE id = 1",
    "DELETE FROM audit",
)


def audit_rows(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT * FROM audit ORDER BY id").fetchall()


def test_audit_rows_cannot_be_changed_or_deleted(seeded_db: Path) -> None:
    before = audit_rows(seeded_db)
    assert before
    refused = 0
    for statement in FORGERIES:
        # A plain connection, as any SQLite tool would open the file: the triggers live in
        # the file, not in Tracker.
        with closing(sqlite3.connect(seeded_db)) as conn:
            with pytest.raises(sqlite3.IntegrityError, match="audit rows cannot be"):
                conn.execute(statement)
            refused += 1
        assert audit_rows(seeded_db) == before
    report(f"audit trail: {refused}/{len(FORGERIES)} UPDATE/DELETE statements refused by the "
           f"file's triggers, all {len(before)} audit rows unchanged")
