"""The measurements table's CHECK constraints, decided for whole columns at once.

SQLite evaluates a CHECK for every inserted row: for a million imported figures the date
rule alone (``date(as_of, '+0 days') IS as_of``) costs about 0.4 s, and the value's type
test more. The same rules decided once per distinct date (a file of a million figures holds
a few thousand) and once per distinct value type take a few hundredths of a second, after
which a bulk insert may ask SQLite to skip its per-row CHECKs.

Only when both hold: the table is exactly the one these rules were written for (a future
migration that adds or changes a CHECK, or a trigger, turns this off until the rules here
follow it, and a test says so), and every row passes: each distinct date is then put to
SQLite's own CHECK expression once. Any doubt and SQLite checks each row as usual, so the
rows that can be stored are always exactly those SQLite would take. NOT NULL, UNIQUE and
the foreign key are not CHECKs: SQLite still enforces them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date

#: The CHECK on as_of, as the schema words it for a column.
DATE_RULE = "typeof({col}) = 'text' AND date({col}, '+0 days') IS {col}"
#: The measurements table these rules were written for, whitespace collapsed; its CHECKs:
#: as_of is text holding a real calendar date as YYYY-MM-DD, value is a number.
MEASUREMENTS_SQL = (
    "CREATE TABLE measurements ( id INTEGER PRIMARY KEY, target_id INTEGER NOT NULL "
    "REFERENCES targets(id) ON DELETE CASCADE, as_of TEXT NOT NULL CHECK "
    f"({DATE_RULE.format(col='as_of')}), value REAL NOT NULL CHECK (typeof(value) IN "
    "('integer', 'real')), note TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', "
    "version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL, UNIQUE (target_id, as_of) )")


def table_is_known(conn: sqlite3.Connection) -> bool:
    """Whether ``main.measurements`` is the table whose CHECKs these rules decide, with no
    trigger on it (a trigger's writes would run unchecked too) and no temporary table or
    trigger of that name beside it."""
    row = conn.execute(
        "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = 'measurements'"
    ).fetchone()
    if row is None or " ".join(row[0].split()) != MEASUREMENTS_SQL:
        return False
    others = conn.execute(
        "SELECT (SELECT count(*) FROM main.sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'measurements') + (SELECT count(*) FROM temp.sqlite_master "
        "WHERE name = 'measurements' OR tbl_name = 'measurements')").fetchone()[0]
    return others == 0


def is_stored_date(value: object) -> bool:
    """A first sieve for the CHECK on as_of, in Python: text that is a calendar date
    written as YYYY-MM-DD. Not the last word: SQLite's own date arithmetic disagrees with
    the calendar on a few days (it makes 0300-03-01 into 0300-02-29), so the dates that
    pass are put to SQLite as well (``rows_pass``)."""
    if type(value) is not str or len(value) != 10:
        return False
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def dates_pass_in_sqlite(conn: sqlite3.Connection, dates: set[str]) -> bool:
    """Whether SQLite's own CHECK expression takes every one of these (distinct) dates."""
    refused = conn.execute(
        f"SELECT count(*) FROM json_each(?) WHERE NOT ({DATE_RULE.format(col='value')})",
        [json.dumps(sorted(dates))]).fetchone()[0]
    return refused == 0


def rows_pass(conn: sqlite3.Connection, dates: Sequence[object],
              values: Sequence[object]) -> bool:
    """Whether every (as_of, value) would pass the table's CHECKs, so that SQLite need not
    test them row by row; False whenever that cannot be told for certain. Each distinct
    date is put to SQLite once (a few thousand in a file of a million figures)."""
    # A bool is an int to SQLite too, but the rule is kept to the two types imports make.
    if not set(map(type, values)) <= {float, int} or not set(map(type, dates)) <= {str}:
        return False
    distinct: set[str] = set(dates)  # type: ignore[arg-type]
    return all(map(is_stored_date, distinct)) and dates_pass_in_sqlite(conn, distinct)
