"""The measurements table's CHECK constraints, decided for whole columns at once.

SQLite evaluates a CHECK for every inserted row: for a million imported figures the date
rule alone (``date(as_of, '+0 days') IS as_of``) costs about 0.4 s, and the value's type
test more. The same rules decided in Python once per distinct date (a file of a million
figures holds a few thousand) and once per distinct value type take a few hundredths of a
second, after which a bulk insert may ask SQLite to skip its per-row CHECKs.

Only when both hold: the table is exactly the one these rules were written for (a future
migration that adds or changes a CHECK turns this off until the rules here follow it, and a
test says so), and every row passes. Any doubt and SQLite checks each row as usual, so the
rows that can be stored are always exactly those SQLite would take. NOT NULL, UNIQUE and
the foreign key are not CHECKs: SQLite still enforces them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date

#: The measurements table these rules were written for, whitespace collapsed; its CHECKs:
#: as_of is text holding a real calendar date as YYYY-MM-DD, value is a number.
MEASUREMENTS_SQL = (
    "CREATE TABLE measurements ( id INTEGER PRIMARY KEY, target_id INTEGER NOT NULL "
    "REFERENCES targets(id) ON DELETE CASCADE, as_of TEXT NOT NULL CHECK (typeof(as_of) = "
    "'text' AND date(as_of, '+0 days') IS as_of), value REAL NOT NULL CHECK (typeof(value) IN "
    "('integer', 'real')), note TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', "
    "version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL, UNIQUE (target_id, as_of) )")


def table_is_known(conn: sqlite3.Connection) -> bool:
    """Whether the measurements table is the one whose CHECKs these rules decide."""
    row = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'measurements'"
    ).fetchone()
    return row is not None and " ".join(row[0].split()) == MEASUREMENTS_SQL


def is_stored_date(value: object) -> bool:
    """The CHECK on as_of, decided in Python: text that is a calendar date written as
    YYYY-MM-DD (Python's dates run from year 1 to 9999, all of which SQLite takes)."""
    if type(value) is not str or len(value) != 10:
        return False
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def rows_pass(conn: sqlite3.Connection, dates: Sequence[object],
              values: Sequence[object]) -> bool:
    """Whether every (as_of, value) would pass the table's CHECKs, so that SQLite need not
    test them row by row; False whenever that cannot be told for certain."""
    # A bool is an int to SQLite too, but the rule is kept to the two types imports make.
    if not set(map(type, values)) <= {float, int} or not set(map(type, dates)) <= {str}:
        return False
    return all(map(is_stored_date, set(dates))) and table_is_known(conn)
