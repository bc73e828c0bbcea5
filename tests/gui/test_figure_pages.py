"""A long history in the figure table and in the history (audit) view: read a page at a
time, newest first, as the view scrolls (canFetchMore/fetchMore); the figure table keeps
what it read through edits, additions, deletions and undo.

Uses the shared ``bridge`` fixture (tests/gui/conftest.py: the demo in memory).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTableView

from tracker.commands import AddMeasurement, DeleteMeasurement, ImportRecords, UpdateMeasurement
from tracker.domain import Kind, Measurement, Target
from tracker.gui.models import audit
from tracker.gui.models import measurements as measurements_module
from tracker.gui.models.audit import AuditModel
from tracker.gui.models.audit import Column as AuditColumn
from tracker.gui.models.measurements import PAGE, MeasurementsModel

NAME = "空气质量日均值监测"
NEWEST = date(2022, 11, 30)
TOP = QModelIndex()


def daily_history(bridge, days: int) -> int:
    """A target with ``days`` daily figures up to NEWEST; its id."""
    target = Target(name=NAME, category="生态环境", unit="天", kind=Kind.LEVEL,
                    target_value=300.0)
    figures = tuple((NAME, Measurement(0, NEWEST - timedelta(days=i), float(i % 365)))
                    for i in range(days))
    assert bridge.run(ImportRecords((target,), figures))
    return bridge.service.find_target(NAME).id


@pytest.fixture
def model(bridge) -> MeasurementsModel:
    model = MeasurementsModel(bridge.service)
    bridge.changed.connect(model.refresh)
    model.show_target(daily_history(bridge, 2 * PAGE + 200))
    return model


def dates(model: MeasurementsModel) -> list[date]:
    return [model.measurement(row).as_of for row in range(model.rowCount())]


def test_a_long_history_is_read_a_page_at_a_time_newest_first(qtmodeltester, model):
    assert model.rowCount() == PAGE and model.canFetchMore(TOP)
    assert dates(model)[0] == NEWEST
    model.fetchMore(TOP)
    assert model.rowCount() == 2 * PAGE and model.canFetchMore(TOP)
    model.fetchMore(TOP)
    assert model.rowCount() == 2 * PAGE + 200 and not model.canFetchMore(TOP)
    shown = dates(model)
    assert shown == sorted(shown, reverse=True) and len(set(shown)) == len(shown)
    assert shown[-1] == NEWEST - timedelta(days=2 * PAGE + 199)
    model.fetchMore(TOP)  # nothing left: nothing happens
    assert model.rowCount() == 2 * PAGE + 200
    qtmodeltester.check(model)


def test_changes_keep_the_figures_read_as_far_back_as_they_were(bridge, model):
    model.fetchMore(TOP)
    tenth = model.measurement(10)
    assert bridge.run(UpdateMeasurement(tenth.id, {"value": 999.0}, tenth.version))
    assert model.rowCount() == 2 * PAGE and model.measurement(10).value == 999.0
    target = model.target.id
    assert bridge.run(AddMeasurement(Measurement(target, NEWEST + timedelta(days=1), 1.0)))
    assert model.rowCount() == 2 * PAGE + 1 and dates(model)[0] == NEWEST + timedelta(days=1)
    # Older than any read yet: it waits with the rest for the view to scroll down.
    assert bridge.run(AddMeasurement(Measurement(target, date(1990, 1, 1), 1.0)))
    assert model.rowCount() == 2 * PAGE + 1 and model.canFetchMore(TOP)
    fifth = model.measurement(5)
    assert bridge.run(DeleteMeasurement(fifth.id, fifth.version))
    assert model.rowCount() == 2 * PAGE and fifth.as_of not in dates(model)
    bridge.undo_stack.undo()
    assert model.rowCount() == 2 * PAGE + 1 and fifth.as_of in dates(model)
    model.fetchMore(TOP)
    model.fetchMore(TOP)
    assert dates(model)[-1] == date(1990, 1, 1) and not model.canFetchMore(TOP)


def test_deleting_every_figure_read_leaves_the_older_ones_to_fetch(bridge, model):
    for m in [model.measurement(row) for row in range(model.rowCount())]:
        assert bridge.run(DeleteMeasurement(m.id, m.version))
    assert model.rowCount() == PAGE  # the next page, read again from the newest left
    assert dates(model)[0] == NEWEST - timedelta(days=PAGE)


def test_the_view_reads_more_as_it_is_scrolled_down(qtbot, model):
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == PAGE
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE)


def test_a_long_trail_is_read_a_page_at_a_time_and_names_each_figure(qtmodeltester, bridge):
    days = 2 * audit.PAGE + 10
    target_id = daily_history(bridge, days)  # a line for the target, then one per figure
    oldest_figure = bridge.service.newest_measurements(target_id, days)[-1]
    newest_figure = bridge.service.newest_measurements(target_id, 1)[0]
    # The first figure added (NEWEST) is moved, then deleted: the newest lines say where it
    # went, and its first line, pages later, must not take the date back to what it was.
    moved = NEWEST + timedelta(days=5)
    assert bridge.run(UpdateMeasurement(newest_figure.id, {"as_of": moved},
                                        newest_figure.version))
    assert bridge.run(DeleteMeasurement(newest_figure.id, newest_figure.version + 1))
    model = AuditModel(bridge.service)
    model.show_target(target_id)
    assert model.total() == days + 3 and model.rowCount() == audit.PAGE
    assert model.canFetchMore(TOP)
    assert model.index(0, AuditColumn.WHAT).data() == f"Figure {moved} deleted"
    while model.canFetchMore(TOP):
        model.fetchMore(TOP)
    assert model.rowCount() == days + 3
    ids = [model.entry(row).id for row in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True)
    assert model.index(days + 1, AuditColumn.WHAT).data() == f"Figure {moved} added"
    assert model.index(2, AuditColumn.WHAT).data() == f"Figure {oldest_figure.as_of} added"
    qtmodeltester.check(model)


def test_a_big_import_into_the_target_shown_starts_again_from_the_newest_page(bridge):
    model = MeasurementsModel(bridge.service)
    bridge.changed.connect(model.refresh)
    target = daily_history(bridge, 3)
    model.show_target(target)
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    figures = tuple((NAME, Measurement(0, NEWEST + timedelta(days=1 + i), 1.0))
                    for i in range(2 * PAGE))
    assert bridge.run(ImportRecords((), figures))
    assert resets and model.rowCount() == PAGE and model.canFetchMore(TOP)
    assert dates(model)[0] == NEWEST + timedelta(days=2 * PAGE)


def test_a_model_tester_watching_every_change_finds_the_pages_consistent(
        qtmodeltester, bridge, monkeypatch):
    # Qt's tester fetches more from its slots whenever rows change: the model refuses to
    # fetch in the middle of a refresh or of another fetch.
    monkeypatch.setattr(measurements_module, "PAGE", 5)
    model = MeasurementsModel(bridge.service)
    bridge.changed.connect(model.refresh)
    target = daily_history(bridge, 30)
    model.show_target(target)
    qtmodeltester.check(model)  # stays attached, checking every signal from here on
    assert bridge.run(AddMeasurement(Measurement(target, NEWEST + timedelta(days=1), 1.0)))
    assert bridge.run(AddMeasurement(Measurement(target, date(1990, 1, 1), 1.0)))
    third = model.measurement(2)
    assert bridge.run(UpdateMeasurement(third.id, {"as_of": date(1991, 1, 1)}, third.version))
    first = model.measurement(0)
    assert bridge.run(DeleteMeasurement(first.id, first.version))
    while model.canFetchMore(TOP):
        model.fetchMore(TOP)
    shown = dates(model)
    assert shown == sorted(shown, reverse=True) and len(shown) == 31
    assert shown[-2:] == [date(1991, 1, 1), date(1990, 1, 1)]
