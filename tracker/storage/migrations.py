"""Named, append-only schema migrations.

Each migration runs in one transaction together with its record in ``_sqlite_migrations``
(sqlite-utils' Migrations). A shipped migration is never edited: a change to the schema is a
new function appended at the end. db/schema.sql is dumped from these by scripts/dump_schema
and a test checks that it is current.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "tracker"
migrations = Migrations(MIGRATION_SET)

_NUMERIC = "typeof({col}) IN ('integer', 'real')"
_OPTIONAL_NUMERIC = "({col} IS NULL OR typeof({col}) IN ('integer', 'real'))"
# '+0 days' makes SQLite normalise the date, so an impossible day such as '2022-02-30'
# (which plain date() passes through unchanged) compares unequal and is refused.
_ISO_DATE = "(typeof({col}) = 'text' AND date({col}, '+0 days') IS {col})"


def _n(col: str) -> str:
    return _NUMERIC.format(col=col)


def _on(col: str) -> str:
    return _OPTIONAL_NUMERIC.format(col=col)


def _d(col: str) -> str:
    return _ISO_DATE.format(col=col)


@migrations(name="0001_targets_measurements_audit")
def _initial(db: Database) -> None:
    # CHECK constraints, not just column types: SQLite would otherwise store the text
    # "pending" in a REAL column, and a figure must always be a number.
    db.execute(f"""
        CREATE TABLE targets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            category TEXT NOT NULL DEFAULT '',
            department TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL CHECK (kind IN ('cumulative', 'level', 'milestone')),
            direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
            baseline REAL CHECK {_on("baseline")},
            target_value REAL CHECK {_on("target_value")},
            period_start TEXT NOT NULL CHECK {_d("period_start")},
            period_end TEXT NOT NULL CHECK {_d("period_end")},
            tolerance REAL NOT NULL DEFAULT 0.05 CHECK ({_n("tolerance")}
                AND tolerance BETWEEN 0 AND 1),
            note TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            CHECK (period_end >= period_start),
            CHECK (kind = 'milestone' OR target_value IS NOT NULL)
        )""")
    db.execute(f"""
        CREATE TABLE measurements (
            id INTEGER PRIMARY KEY,
            target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
            as_of TEXT NOT NULL CHECK {_d("as_of")},
            value REAL NOT NULL CHECK ({_n("value")}),
            note TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            UNIQUE (target_id, as_of)
        )""")
    db.execute("""
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            table_name TEXT NOT NULL CHECK (table_name IN ('targets', 'measurements')),
            row_id INTEGER NOT NULL,
            target_id INTEGER,
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
            field TEXT NOT NULL DEFAULT '',
            old_value TEXT,
            new_value TEXT,
            source TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX audit_by_target ON audit (target_id, id)")
    db.execute("CREATE INDEX targets_by_category ON targets (category)")
    db.execute("CREATE INDEX targets_by_department ON targets (department)")
    # The audit trail is an official record: once written, it stays as written.
    db.execute("""
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows cannot be changed'); END""")
    db.execute("""
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows cannot be deleted'); END""")


@migrations(name="0002_audit_row_ranges")
def _audit_row_ranges(db: Database) -> None:
    # One audit line may cover the figures of one target that one import added: the rows of
    # that target with ids row_id..last_row_id (an import's ids are one contiguous block, so
    # no other figure lies in between). A million imported figures then write ten thousand
    # lines, not a million copies of themselves; each later change of such a figure is
    # audited on its own line, with its old value, so nothing of the history is lost.
    db.execute("ALTER TABLE audit ADD COLUMN last_row_id INTEGER "
               "CHECK (last_row_id IS NULL OR last_row_id >= row_id)")


def known_names() -> list[str]:
    """Names of every migration this version of the app knows, in order."""
    return [m.name for m in migrations._migrations]
