"""db/schema.sql is what the migrations build (regenerate with scripts/dump_schema)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tracker.storage.schema_dump import dump_schema, fresh_schema

SCHEMA = Path(__file__).resolve().parents[2] / "db" / "schema.sql"


def body(schema: str) -> str:
    return "".join(line for line in schema.splitlines(keepends=True)
                   if not line.startswith("--"))


def test_schema_sql_is_current():
    assert SCHEMA.read_text(encoding="utf-8") == fresh_schema(), "run scripts/dump_schema"


def test_schema_sql_builds_the_same_schema():
    db = Database(sqlite3.connect(":memory:"))
    db.conn.executescript(SCHEMA.read_text(encoding="utf-8"))
    assert body(dump_schema(db)) == body(fresh_schema())
    db.conn.close()


def test_every_statement_ends_with_semicolon_newline():
    chunks = body(SCHEMA.read_text(encoding="utf-8")).split(";\n")
    assert chunks[-1] == ""
    assert all(chunk.strip().startswith("CREATE ") for chunk in chunks[:-1])


def test_a_file_from_before_grouped_audit_lines_is_migrated_or_read_as_it_is(tmp_path):
    from tracker.commands import AddMeasurement
    from tracker.domain import Measurement
    from tracker.io.demo import demo_command
    from tracker.service import TrackerService
    from tracker.storage import open_database
    from tracker.storage.migrations import migrations

    path = tmp_path / "old.sqlite"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="0002_audit_row_ranges")
    old.conn.close()
    # Read-only, the file stays as it was and its history still reads.
    service = TrackerService(open_database(path, read_only=True), who="t")
    assert service.audit(1) == [] and service.repo.count_audit() == 0
    assert list(service.repo.iter_audit_rows()) == []
    service.close()
    service = TrackerService(open_database(path), who="t")  # writable: migrated
    service.execute(demo_command())
    target = service.targets()[0]
    service.execute(AddMeasurement(Measurement(target.id, target.period_start, 1)))
    assert service.audit(target.id)[0].last_row_id is None
    assert len(next(iter(service.repo.iter_audit_rows()))) == 12
    service.close()
