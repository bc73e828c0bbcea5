"""The database: migrations, connection settings, SQL-level rules, audit and conflicts."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from tracker.commands import AddMeasurement, Batch, CreateTarget, DeleteTarget, UpdateTarget
from tracker.domain import ConflictError, Measurement, Target, ValidationError
from tracker.service import TrackerService
from tracker.storage import Repository, SchemaTooNewError, open_database
from tracker.storage.connection import BUSY_TIMEOUT_MS, applied_migrations
from tracker.storage.migrations import MIGRATION_SET, known_names, migrations

HEATING = Target("清洁取暖改造", category="民生保障", unit="户", target_value=95397.0)


@pytest.fixture
def repo(service: TrackerService) -> Repository:
    return service.repo


@pytest.fixture
def heating(service: TrackerService) -> Target:
    service.execute(CreateTarget(HEATING))
    return service.find_target(HEATING.name)


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "tracker.sqlite"
    open_database(path).conn.close()
    return path


@pytest.fixture
def opened():
    """Open databases that are closed again after the test."""
    dbs = []

    def open_(path, **kwargs):
        dbs.append(open_database(path, **kwargs))
        return dbs[-1]

    yield open_
    for db in dbs:
        db.conn.close()


def audit_count(repo: Repository) -> int:
    return repo.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


def names(db, kind: str) -> set[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = ?"
    return {r[0] for r in db.execute(sql, [kind]).fetchall()}


def insert_target_sql(conn: sqlite3.Connection, **values: object) -> None:
    row = {"name": "t", "kind": "level", "direction": "higher", "target_value": 1,
           "period_start": "2022-01-01", "period_end": "2022-12-31", "updated_at": "x"} | values
    conn.execute(f"INSERT INTO targets ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 list(row.values()))


def test_migrations_create_the_tables(service):
    assert {"targets", "measurements", "audit"} <= names(service.db, "table")


def test_migrations_create_the_audit_triggers(service):
    assert {"audit_no_update", "audit_no_delete"} <= names(service.db, "trigger")


def test_every_known_migration_is_recorded(service):
    assert applied_migrations(service.db) == known_names()


def test_reopening_applies_nothing(db_file, opened):
    before = opened(db_file).execute("SELECT * FROM _sqlite_migrations").fetchall()
    db = opened(db_file)
    assert migrations.pending(db) == []
    assert db.execute("SELECT * FROM _sqlite_migrations").fetchall() == before


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("foreign_keys", 1), ("busy_timeout", BUSY_TIMEOUT_MS)],
)
def test_file_database_settings(db_file, opened, pragma, expected):
    assert opened(db_file).execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_text_in_a_numeric_column_is_refused_by_sqlite(repo, heating):
    with pytest.raises(sqlite3.IntegrityError):
        repo.conn.execute(
            "INSERT INTO measurements (target_id, as_of, value, updated_at) VALUES (?, ?, ?, ?)",
            [heating.id, "2022-11-30", "abc", "x"],
        )


@pytest.mark.parametrize("day", ["2022-02-30", "2023-02-29", "2022-13-01", "2022-2-3", "昨天"])
def test_impossible_date_is_refused_by_sqlite(repo, day):
    with pytest.raises(sqlite3.IntegrityError):
        insert_target_sql(repo.conn, period_start=day)


def test_impossible_measurement_date_is_refused_by_sqlite(repo, heating):
    with pytest.raises(sqlite3.IntegrityError):
        repo.conn.execute(
            "INSERT INTO measurements (target_id, as_of, value, updated_at) VALUES (?, ?, ?, ?)",
            [heating.id, "2022-02-30", 1, "x"],
        )


def test_impossible_date_is_refused_on_update(repo, heating):
    with pytest.raises(sqlite3.IntegrityError):
        repo.conn.execute("UPDATE targets SET period_end = '2022-04-31'")


def test_leap_day_is_a_real_date(repo):
    insert_target_sql(repo.conn, period_start="2024-02-29", period_end="2024-12-31")


def test_insert_writes_one_audit_row(service, repo):
    service.execute(CreateTarget(HEATING))
    (entry,) = repo.conn.execute("SELECT action, who FROM audit").fetchall()
    assert entry == ("insert", "tester")


def test_update_writes_an_audit_row_per_changed_field(service, repo, heating):
    before = audit_count(repo)
    service.execute(UpdateTarget(heating.id, {"note": "x", "unit": "户", "department": "住建"},
                                 heating.version))
    assert audit_count(repo) - before == 2


def test_delete_audits_the_target_and_its_measurements(service, repo, heating):
    service.execute(AddMeasurement(Measurement(heating.id, date(2022, 11, 30), 103516)))
    before = audit_count(repo)
    service.execute(DeleteTarget(heating.id, heating.version))
    actions = repo.conn.execute("SELECT table_name, action FROM audit WHERE id > ?", [before])
    assert sorted(actions) == [("measurements", "delete"), ("targets", "delete")]


def test_failing_command_leaves_no_audit_row_and_no_change(service, repo, heating):
    before = (audit_count(repo), service.rows())
    batch = Batch((CreateTarget(Target("新指标", target_value=1.0)), CreateTarget(HEATING)))
    with pytest.raises(ValidationError):
        service.execute(batch)
    assert (audit_count(repo), service.rows()) == before


def test_stale_version_is_a_conflict_carrying_the_current_row(service, heating):
    service.execute(UpdateTarget(heating.id, {"note": "第一次"}, heating.version))
    with pytest.raises(ConflictError) as info:
        service.execute(UpdateTarget(heating.id, {"note": "第二次"}, heating.version))
    assert info.value.current == service.target(heating.id)
    assert info.value.current.note == "第一次"


def test_conflict_writes_nothing(service, repo, heating):
    service.execute(UpdateTarget(heating.id, {"note": "第一次"}, heating.version))
    before = (audit_count(repo), service.rows())
    with pytest.raises(ConflictError):
        service.execute(UpdateTarget(heating.id, {"note": "第二次"}, heating.version))
    assert (audit_count(repo), service.rows()) == before


def test_conflict_on_a_deleted_row_carries_none(repo):
    with pytest.raises(ConflictError) as info, repo.transaction():
        repo.update_target(999, {"note": "x"}, 1, "test")
    assert info.value.current is None


@pytest.mark.parametrize("sql", ["UPDATE audit SET who = 'x'", "DELETE FROM audit"])
def test_audit_rows_cannot_be_changed(service, repo, heating, sql):
    with pytest.raises(sqlite3.IntegrityError):
        repo.conn.execute(sql)


def record_newer_migration(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES (?, '9999_from_the_future', '2030-01-01')", [MIGRATION_SET])
    conn.commit()
    conn.close()


def test_newer_schema_is_refused_for_writing(db_file):
    record_newer_migration(db_file)
    with pytest.raises(SchemaTooNewError):
        open_database(db_file)


def test_newer_schema_opens_read_only(db_file, opened):
    record_newer_migration(db_file)
    db = opened(db_file, read_only=True)
    assert db.execute("SELECT count(*) FROM targets").fetchone() == (0,)


def test_read_only_open_refuses_writes_at_the_sqlite_level(db_file, opened):
    db = opened(db_file, read_only=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        insert_target_sql(db.conn)


def test_data_version_moves_when_another_connection_commits(db_file, opened):
    ours = Repository(opened(db_file), "a")
    theirs = TrackerService(opened(db_file), who="b")
    before = ours.data_version()
    theirs.execute(CreateTarget(HEATING))
    assert ours.data_version() != before


def test_data_version_stays_for_our_own_commits(db_file, opened):
    service = TrackerService(opened(db_file), who="a")
    before = service.repo.data_version()
    service.execute(CreateTarget(HEATING))
    assert service.repo.data_version() == before


def test_latest_rows_gives_each_targets_latest_figure(service, heating):
    for day, value in [(date(2022, 6, 30), 50_000), (date(2022, 11, 30), 103_516),
                       (date(2022, 9, 30), 80_000)]:
        service.execute(AddMeasurement(Measurement(heating.id, day, value)))
    service.execute(CreateTarget(Target("无数据", target_value=1.0)))
    rows = {t.name: m and (m.as_of, m.value) for t, m in service.repo.latest_rows()}
    assert rows == {"清洁取暖改造": (date(2022, 11, 30), 103_516), "无数据": None}


def test_latest_rows_is_one_query(demo_service):
    statements: list[str] = []
    demo_service.repo.conn.set_trace_callback(statements.append)
    list(demo_service.repo.latest_rows())
    demo_service.repo.conn.set_trace_callback(None)
    assert len(statements) == 1


def test_pages_series_and_dates_of_a_targets_figures(service, repo, heating):
    for day, value, note in ((date(2022, 1, 31), 10.0, ""), (date(2022, 3, 31), 30.0, "季报"),
                             (date(2022, 2, 28), 20.0, "")):
        service.execute(AddMeasurement(Measurement(heating.id, day, value, note)))
    newest = repo.newest_measurements(heating.id, 2)
    assert [m.as_of for m in newest] == [date(2022, 3, 31), date(2022, 2, 28)]
    older = repo.newest_measurements(heating.id, 5, older_than=date(2022, 2, 28))
    assert [m.as_of for m in older] == [date(2022, 1, 31)]
    since = repo.measurements_since(heating.id, date(2022, 2, 28))
    assert [m.as_of for m in since] == [date(2022, 3, 31), date(2022, 2, 28)]
    series = repo.figure_series(heating.id)
    # Julian day numbers: 2022-01-31 is day 19,023 since 1970-01-01 (2440587.5).
    assert series.days == [2440587.5 + 19023, 2440587.5 + 19051, 2440587.5 + 19082]
    assert (series.values, series.notes) == ([10.0, 20.0, 30.0], ["", "", "季报"])
    assert repo.figure_series(heating.id + 1) == ([], [], [])
    ids = [m.id for m in newest]
    assert repo.measurement_dates([*ids, 10**6]) == {ids[0]: "2022-03-31",
                                                      ids[1]: "2022-02-28"}


def test_glob_classes_match_exactly_their_characters_however_awkward():
    from itertools import combinations

    from tracker.storage.bulk import _glob_class

    conn = sqlite3.connect(":memory:")
    awkward = [*"]-^'*?[a,\n", "－"]
    for size in (1, 2, 3, 4):
        for chars in map("".join, combinations(awkward, size)):
            pattern = f"'{_glob_class(chars)}*'"
            for first in [*awkward, "b", "\\"]:
                matched = conn.execute(f"SELECT ? GLOB {pattern}", [first + "z"]).fetchone()[0]
                assert matched == (first in chars), (chars, pattern, first)
