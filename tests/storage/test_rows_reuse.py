"""service.rows() keeps its last answer, yet never shows a stale row, whoever wrote."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest

from tracker.commands import AddMeasurement, CreateTarget, DeleteTarget, UpdateTarget
from tracker.domain import Measurement, Status, Target
from tracker.service import TrackerService

HEATING = Target("清洁取暖改造", category="民生保障", unit="户", target_value=95397.0)
ROADS = Target("农村公路", category="民生保障", unit="公里", target_value=100.0)
NOV_30 = date(2022, 11, 30)


@pytest.fixture
def two_windows(tmp_path: Path):
    """Two services on one file, as two processes would hold it."""
    path = tmp_path / "shared.sqlite"
    mine = TrackerService.open(path, who="mine")
    mine.execute(CreateTarget(HEATING))
    mine.execute(CreateTarget(ROADS))
    theirs = TrackerService.open(path, who="theirs")
    yield mine, theirs
    theirs.close()
    mine.close()


def by_name(service: TrackerService, on: date = NOV_30) -> dict:
    return {row.target.name: row for row in service.rows(on)}


def test_unchanged_rows_come_back_as_the_same_objects(demo_service):
    first, second = demo_service.rows(), demo_service.rows()
    assert first == second
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_an_edit_renews_only_its_own_row(demo_service):
    before = {r.target.id: r for r in demo_service.rows()}
    target = demo_service.find_target("清洁取暖改造")
    demo_service.execute(UpdateTarget(target.id, {"target_value": 110000.0}, target.version))
    after = {r.target.id: r for r in demo_service.rows()}
    assert after[target.id].target.target_value == 110000.0
    assert after[target.id] == demo_service.row(target.id)
    assert all(after[i] is row for i, row in before.items() if i != target.id)


def test_a_figure_from_another_process_shows(two_windows):
    mine, theirs = two_windows
    assert by_name(mine)[HEATING.name].progress.status == Status.NO_DATA
    heating = theirs.find_target(HEATING.name)
    theirs.execute(AddMeasurement(Measurement(heating.id, NOV_30, 103_516.0)))
    row = by_name(mine)[HEATING.name]
    assert row.progress.latest.value == 103_516.0
    assert row == mine.row(heating.id, NOV_30)


def test_targets_added_and_deleted_elsewhere_show(two_windows):
    mine, theirs = two_windows
    by_name(mine)
    roads = theirs.find_target(ROADS.name)
    theirs.execute(DeleteTarget(roads.id, roads.version))
    theirs.execute(CreateTarget(Target("新建学校", unit="所", target_value=3.0)))
    assert set(by_name(mine)) == {HEATING.name, "新建学校"}


def test_another_reference_date_is_judged_afresh(two_windows):
    mine, _ = two_windows
    heating = mine.find_target(HEATING.name)
    mine.execute(AddMeasurement(Measurement(heating.id, NOV_30, 50_000.0)))
    assert by_name(mine)[HEATING.name].progress.status == Status.BEHIND
    assert by_name(mine, date(2023, 1, 5))[HEATING.name].progress.status == Status.OVERDUE


def test_an_unchanged_reread_selects_only_the_keys(demo_service):
    demo_service.rows()
    statements: list[str] = []
    demo_service.repo.conn.set_trace_callback(statements.append)
    demo_service.rows()
    demo_service.repo.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1
    assert "t.name" not in selects[0]


def test_a_first_read_is_one_sql_pass(demo_service):
    statements: list[str] = []
    demo_service.repo.conn.set_trace_callback(statements.append)
    rows = demo_service.rows()
    demo_service.repo.conn.set_trace_callback(None)
    assert len(rows) == len(demo_service.targets())
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_the_rows_are_handed_over_in_the_oldest_collector_generation(demo_service):
    # The table keeps them for long, and they hold no cycles: no young-generation
    # collection should have to walk all of them (60,000 objects at 10,000 targets).
    rows = demo_service.rows()
    made = {id(o) for row in rows for o in (row, row.target, row.progress)}
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation=generation)}
    assert not made & young
