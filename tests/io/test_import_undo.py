"""Undoing and redoing an import: the figures come back from the audit trail, exactly."""

from __future__ import annotations

import dataclasses
import json
from contextlib import closing
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.commands import Batch, CreateTarget
from tracker.domain import ConflictError, Target
from tracker.io.import_command import ImportFile, NewFigures, RestoreImportedFigures
from tracker.service import TrackerService
from tracker.storage import open_database

TARGETS = (Target("清洁取暖改造", unit="户", target_value=95397.0),
           Target("旅游公路", unit="公里", target_value=264.0))
START = date(2022, 1, 1)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
figure = st.tuples(st.integers(0, 1), st.integers(0, 400),
                   st.floats(allow_nan=False, allow_infinity=False), text, text)


def stored(service: TrackerService) -> list[tuple]:
    """Every figure as stored, each column (its time stamp too)."""
    return service.repo.conn.execute(
        "SELECT id, target_id, as_of, value, note, source, version, updated_at "
        "FROM measurements ORDER BY id").fetchall()


def import_figures(service: TrackerService, rows: list[tuple[int, int, float, str, str]]):
    """Import ``rows`` of (target 0 or 1, day of 2022, value, note, source) as a file would;
    return the import's undo."""
    known = {t.name for t in service.targets()}
    for target in TARGETS:
        if target.name not in known:
            service.execute(CreateTarget(target))
    ids = [service.find_target(t.name).id for t in TARGETS]
    figures = NewFigures()
    for line, (target, day, value, note, source) in enumerate(rows, start=2):
        figures.append(ids[target], (START + timedelta(days=day)).isoformat(), value, note,
                       source, line)
    return service.execute(ImportFile("f.csv", figures=figures))


def restore_of(redo: Batch) -> RestoreImportedFigures:
    """The figures' part of an undone import's redo."""
    (restore,) = (c for c in redo.commands if isinstance(c, RestoreImportedFigures))
    return restore


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(figure, min_size=1, max_size=40, unique_by=lambda f: (f[0], f[1])))
def test_redo_puts_back_exactly_what_the_undo_removed(rows):
    with closing(TrackerService(open_database(None), who="tester")) as service:
        check_undo_redo(service, rows)


def check_undo_redo(service: TrackerService, rows: list[tuple[int, int, float, str, str]]):
    undo = import_figures(service, rows)
    imported = stored(service)
    redo = service.execute(undo)
    assert stored(service) == []
    undo_again = service.execute(redo)
    assert stored(service) == imported  # ids, values, texts, versions and time stamps
    redo_again = service.execute(undo_again)
    assert stored(service) == []
    service.execute(redo_again)
    assert stored(service) == imported


def test_the_redo_holds_no_figure_and_the_trail_says_what_came_back(service):
    rows = [(t, d, d * 1.5, "", "周报") for d in range(300) for t in (0, 1)]  # targets mixed
    redo = restore_of(service.execute(import_figures(service, rows)))
    assert {f.name for f in dataclasses.fields(redo)} == {"first_line", "last_line", "count",
                                                            "label"}
    service.execute(redo)
    for target in TARGETS:
        lines = [e for e in service.audit(service.find_target(target.name).id)
                 if e.table_name == "measurements"]
        restore, delete, insert = lines[:3]
        assert (restore.action, delete.action, insert.action) == ("restore", "delete", "insert")
        assert json.loads(restore.new_value) == {"count": 300, "from": "2022-01-01",
                                                 "to": "2022-10-27"}
        assert len(json.loads(delete.old_value)["figures"]) == 300


def test_a_redo_that_does_not_match_the_trail_is_refused_and_changes_nothing(service):
    redo = restore_of(service.execute(import_figures(
        service, [(0, 1, 1.0, "", ""), (0, 2, 2.0, "", "")])))
    with pytest.raises(ConflictError):
        service.execute(dataclasses.replace(redo, count=3))
    assert stored(service) == []
    service.execute(redo)
    assert len(stored(service)) == 2


def test_a_redo_is_refused_when_its_dates_were_taken_since(service):
    redo = service.execute(import_figures(service, [(0, 1, 1.0, "", "")]))
    import_figures(service, [(0, 1, 7.0, "", "")])
    before = stored(service)
    with pytest.raises(ConflictError):
        service.execute(redo)
    assert stored(service) == before


def test_the_redo_asks_sqlite_to_skip_its_row_checks_and_turns_them_back_on(service):
    # The figures came from the trail, which held them checked; their dates and values are
    # decided a column at a time, as for the import itself (storage/column_checks).
    redo = restore_of(service.execute(import_figures(
        service, [(0, 1, 1.0, "", ""), (1, 2, 2.5, "备注", "周报")])))
    said: list[str] = []
    service.repo.conn.set_trace_callback(said.append)
    try:
        service.execute(redo)
    finally:
        service.repo.conn.set_trace_callback(None)
    assert said.count("PRAGMA ignore_check_constraints = ON") == 1
    assert said.count("PRAGMA ignore_check_constraints = OFF") == 1
    assert len(stored(service)) == 2
