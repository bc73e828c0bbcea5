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
