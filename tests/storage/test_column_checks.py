"""A bulk insert decides the measurements table's CHECKs a column at a time, and stores
exactly the rows SQLite's own per-row CHECKs would take."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.commands import CreateTarget
from tracker.domain import Target, ValidationError
from tracker.service import TrackerService
from tracker.storage import Repository, column_checks

SOURCE = ("导入 a.csv", "第{first}行", "第{first}–{last}行")


@pytest.fixture
def repo(service: TrackerService) -> Repository:
    service.execute(CreateTarget(Target("清洁取暖改造", unit="户", target_value=95397.0)))
    return service.repo


@pytest.fixture(scope="module")
def sqlite_check():
    """SQLite's own CHECK on as_of, as the schema words it."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (as_of TEXT CHECK "
                 "(typeof(as_of) = 'text' AND date(as_of, '+0 days') IS as_of))")

    def passes(value: object) -> bool:
        try:
            conn.execute("INSERT INTO t VALUES (?)", [value])
        except sqlite3.IntegrityError:
            return False
        return True

    yield passes
    conn.close()


def _bulk(repo: Repository, dates: list[object], values: list[object]) -> tuple[int, int]:
    target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
    n = len(dates)
    with repo.transaction():
        return repo.insert_measurements_bulk(
            ([target] * n, dates, values, [""] * n, [""] * n), list(range(2, n + 2)), SOURCE)


def _stored(repo: Repository) -> list[tuple[str, float]]:
    return repo.conn.execute("SELECT as_of, value FROM measurements ORDER BY id").fetchall()


def test_the_migrated_table_is_the_one_the_rules_were_written_for(repo):
    # Fails when a migration changes the measurements table: follow it in column_checks.
    assert column_checks.table_is_known(repo.conn)


def test_another_table_is_checked_by_sqlite_row_by_row():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE measurements (id INTEGER PRIMARY KEY, as_of TEXT, value REAL "
                 "CHECK (value >= 0))")
    assert not column_checks.table_is_known(conn)


@pytest.mark.parametrize("beside", [
    "CREATE TRIGGER stamp AFTER INSERT ON measurements BEGIN "
    "UPDATE targets SET note = 'x' WHERE id = new.target_id; END",
    "CREATE TEMP TABLE measurements (id INTEGER PRIMARY KEY, value REAL CHECK (value >= 0))",
    "CREATE TEMP TRIGGER stamp AFTER INSERT ON main.measurements BEGIN SELECT 1; END",
])
def test_a_trigger_or_a_temporary_table_beside_it_turns_the_shortcut_off(repo, beside):
    # Their writes would run with the CHECKs off too.
    repo.conn.execute(beside)
    assert not column_checks.table_is_known(repo.conn)


def test_the_date_rule_is_the_schemas(repo):
    sql = repo.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'measurements'")
    assert column_checks.DATE_RULE.format(col="as_of") in sql.fetchone()[0]


def test_the_import_asks_sqlite_to_skip_its_row_checks(repo):
    # Without this the shortcut could silently stop working and every test still pass.
    said: list[str] = []
    repo.conn.set_trace_callback(said.append)
    try:
        _bulk(repo, ["2022-01-07"], [1.0])
    finally:
        repo.conn.set_trace_callback(None)
    assert said.count("PRAGMA ignore_check_constraints = ON") == 1
    assert said[said.index("PRAGMA ignore_check_constraints = ON") + 1].startswith(
        "INSERT INTO measurements")


@given(st.dates())
def test_every_python_date_passes_both_ways(sqlite_check, day):
    assert column_checks.is_stored_date(day.isoformat())
    assert sqlite_check(day.isoformat())


@given(st.one_of(
    st.text(max_size=12),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    st.from_regex(r"\A[0-9 +-]{4,6}-[0-9]{1,2}-[0-9]{1,2}[ T0-9:Z]{0,3}\Z"),
    st.integers(), st.floats(allow_nan=False), st.binary(max_size=10)))
def test_a_date_passed_in_python_always_passes_in_sqlite(sqlite_check, value):
    if column_checks.is_stored_date(value):
        assert sqlite_check(value)


def test_a_day_sqlite_counts_differently_is_left_to_sqlite(repo, sqlite_check):
    # SQLite's date arithmetic makes 0300-03-01 into 0300-02-29: its CHECK refuses the day
    # Python's calendar takes, and the import must refuse it as SQLite would.
    assert column_checks.is_stored_date("0300-03-01") and not sqlite_check("0300-03-01")
    assert not column_checks.rows_pass(repo.conn, ["2022-01-07", "0300-03-01"], [1.0, 2.0])
    with pytest.raises(ValidationError):
        _bulk(repo, ["2022-01-07", "0300-03-01"], [1.0, 2.0])
    assert _stored(repo) == []


@pytest.mark.parametrize("value", ["2022-02-30", "2022-2-1", "20220201", "2022-02-01 ",
                                   "0000-01-01", b"2022-02-01", 20220201])
def test_what_python_does_not_take_is_left_to_sqlite(value):
    assert not column_checks.is_stored_date(value)


def test_plain_figures_are_stored_and_the_checks_are_back_on_afterwards(repo):
    assert column_checks.rows_pass(repo.conn, ["2022-01-07", "2022-01-14"], [518.8, 1037])
    _bulk(repo, ["2022-01-07", "2022-01-14"], [518.8, 1037])
    assert _stored(repo) == [("2022-01-07", 518.8), ("2022-01-14", 1037.0)]
    target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        repo.conn.execute("INSERT INTO measurements (target_id, as_of, value, updated_at) "
                          "VALUES (?, '2022-02-30', 1, 'x')", [target])


def test_a_date_sqlite_takes_and_python_does_not_is_still_stored(repo):
    # Year 0 is a date to SQLite, not to Python: the rows go through SQLite's own CHECKs.
    assert not column_checks.rows_pass(repo.conn, ["0000-01-01"], [1.0])
    _bulk(repo, ["2022-01-07", "0000-01-01"], [1.0, 2.0])
    assert _stored(repo) == [("2022-01-07", 1.0), ("0000-01-01", 2.0)]


@pytest.mark.parametrize(("dates", "values"), [
    (["2022-01-07", "2022-02-30"], [1.0, 2.0]),
    (["2022-01-07", "2022-01-14"], [1.0, "很多"]),
    (["2022-01-07", None], [1.0, 2.0]),
])
def test_a_row_sqlite_refuses_stops_the_whole_insert(repo, dates, values):
    with pytest.raises(ValidationError):
        _bulk(repo, dates, values)
    assert _stored(repo) == []
    target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        repo.conn.execute("INSERT INTO measurements (target_id, as_of, value, updated_at) "
                          "VALUES (?, '2022-01-07', 'x', 'x')", [target])


def test_a_not_a_number_is_still_refused(repo):
    # NaN passes the type rule, but SQLite stores it as NULL, which NOT NULL refuses.
    assert column_checks.rows_pass(repo.conn, ["2022-01-07"], [float("nan")])
    with pytest.raises(ValidationError):
        _bulk(repo, ["2022-01-07"], [float("nan")])
    assert _stored(repo) == []
    target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # refused inside, yet back on
        repo.conn.execute("INSERT INTO measurements (target_id, as_of, value, updated_at) "
                          "VALUES (?, '2022-02-30', 1, 'x')", [target])


def test_dates_that_cannot_be_told_apart_by_type_are_left_to_sqlite(repo):
    assert not column_checks.rows_pass(repo.conn, [date(2022, 1, 7)], [1.0])
    assert not column_checks.rows_pass(repo.conn, ["2022-01-07"], [True])


def test_checks_are_on_between_batches(repo, monkeypatch):
    # A progress call runs the window's event loop: nothing written then may go unchecked.
    from tracker.storage import bulk

    monkeypatch.setattr(bulk, "BATCH", 2)
    target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
    refused: list[int] = []

    def progress(done: int) -> None:
        try:
            repo.conn.execute("INSERT INTO measurements (target_id, as_of, value, updated_at) "
                              "VALUES (?, '2022-02-30', 1, 'x')", [target])
        except sqlite3.IntegrityError:
            refused.append(done)

    dates = ["2022-01-07", "2022-01-14", "2022-01-21"]
    with repo.transaction():
        repo.insert_measurements_bulk(([target] * 3, dates, [1.0, 2.0, 3.0], [""] * 3,
                                       [""] * 3), [2, 3, 4], SOURCE, progress)
    assert refused == [2, 3]
    assert [d for d, _ in _stored(repo)] == dates
