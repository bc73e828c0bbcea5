"""The targets table model and its filter."""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex, Qt

from tracker.commands import UpdateTarget
from tracker.domain import Status
from tracker.gui.models.filters import TargetFilter
from tracker.gui.models.roles import SortRole, TargetRowRole
from tracker.gui.models.targets import Column, TargetsModel


def make(bridge):
    model = TargetsModel(bridge.service)
    bridge.changed.connect(model.refresh)
    proxy = TargetFilter()
    proxy.setSourceModel(model)
    return model, proxy


def row_named(model: TargetsModel, name: str) -> int:
    return next(i for i, r in enumerate(model.rows()) if r.target.name == name)


def test_models_pass_qtmodeltester(qtmodeltester, bridge):
    model, proxy = make(bridge)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_clean_heating_reads_108_51_percent(bridge):
    model, _ = make(bridge)
    row = row_named(model, "清洁取暖改造")
    assert model.index(row, Column.PERCENT).data() == "108.51%"


def test_numbers_are_right_aligned(bridge):
    model, _ = make(bridge)
    alignment = model.index(0, Column.PERCENT).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_large_figures_use_wan(bridge):
    model, _ = make(bridge)
    row = row_named(model, "清洁取暖改造")
    assert model.index(row, Column.LATEST).data() == "10.35万户"


def test_status_has_text_and_icon_not_colour_alone(bridge):
    model, _ = make(bridge)
    index = model.index(row_named(model, "清洁取暖改造"), Column.STATUS)
    assert index.data() in ("achieved", "已完成")
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()


def test_edit_refreshes_only_through_the_change_signal(bridge, qtbot):
    model, _ = make(bridge)
    row = row_named(model, "清洁取暖改造")
    target = model.target_row(row).target
    with qtbot.waitSignal(model.dataChanged):
        bridge.run(UpdateTarget(target.id, {"target_value": 110000.0}, target.version))
    assert model.index(row, Column.PERCENT).data() == "94.11%"


def test_filter_by_category_and_search(bridge):
    _, proxy = make(bridge)
    proxy.set_criteria(category="民生保障")
    assert proxy.rowCount() > 0
    assert {r.target.category for r in proxy.visible_rows()} == {"民生保障"}
    proxy.set_criteria(search="取暖")
    assert [r.target.name for r in proxy.visible_rows()] == ["清洁取暖改造"]


def test_filter_by_status(bridge):
    _, proxy = make(bridge)
    proxy.set_criteria(status=Status.NO_DATA)
    assert proxy.rowCount() >= 1
    assert all(r.progress.status == Status.NO_DATA for r in proxy.visible_rows())


def test_models_pass_qtmodeltester_through_criteria_and_edits(qtmodeltester, qtbot, bridge):
    # The tester stays attached and checks every signal: criteria changes are layout changes
    # that drop and add rows, and edits move rows into and out of the filter.
    model, proxy = make(bridge)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    heating = bridge.service.find_target("清洁取暖改造")
    for criteria in ({"status": Status.BEHIND}, {"category": "民生保障"}, {"search": "取暖"},
                     {}, {"status": Status.BEHIND}):
        proxy.set_criteria(**criteria)
    bridge.run(UpdateTarget(heating.id, {"target_value": 1e9}, heating.version))  # comes in
    bridge.undo_stack.undo()  # goes out
    proxy.sort(Column.PERCENT, Qt.SortOrder.DescendingOrder)
    proxy.set_criteria()
    assert proxy.rowCount() == model.rowCount() == 35


def test_the_model_filters_itself_without_a_python_call_per_row(bridge, monkeypatch):
    # A proxy filtering 10,000 rows would call Python three times a row at every change of
    # the criteria; the model decides them all at once and the proxy passes its rows on.
    model, proxy = make(bridge)
    asked: list[int] = []
    data = TargetsModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):
        asked.append(index.row())
        return data(self, index, role)

    monkeypatch.setattr(TargetsModel, "data", counting)
    proxy.set_criteria(category="民生保障")
    assert asked == []
    assert model.rowCount() == proxy.rowCount() == len(proxy.visible_rows()) > 0
    assert {r.target.category for r in proxy.visible_rows()} == {"民生保障"}
    assert model.total() == len(model.rows()) == 35
    proxy.set_criteria()
    assert asked == [] and proxy.rowCount() == model.rowCount() == 35


def test_an_edit_brings_a_row_into_the_filter_and_takes_it_out(qtbot, bridge):
    model, proxy = make(bridge)
    proxy.set_criteria(status=Status.BEHIND)
    behind = {r.target.id for r in proxy.visible_rows()}
    heating = bridge.service.find_target("清洁取暖改造")  # achieved: hidden
    assert heating.id not in behind and model.is_hidden(heating.id)
    with qtbot.waitSignal(model.rowsInserted):
        bridge.run(UpdateTarget(heating.id, {"target_value": 1e9}, heating.version))
    assert model.row_of(heating.id) is not None and not model.is_hidden(heating.id)
    assert [r.progress.status for r in proxy.visible_rows()] == [Status.BEHIND] * len(
        proxy.visible_rows())
    assert proxy.rowCount() == len(behind) + 1
    with qtbot.waitSignal(model.rowsRemoved):
        bridge.undo_stack.undo()
    assert model.row_of(heating.id) is None and model.is_hidden(heating.id)
    assert {r.target.id for r in proxy.visible_rows()} == behind


def test_changing_the_criteria_keeps_the_current_row_where_it_stays_shown(bridge):
    model, proxy = make(bridge)
    heating = bridge.service.find_target("清洁取暖改造")
    current = QPersistentModelIndex(proxy.mapFromSource(model.index(model.row_of(heating.id), 0)))
    proxy.set_criteria(category=heating.category)
    assert current.isValid() and current.data(TargetRowRole).target.id == heating.id
    proxy.set_criteria(category="改革开放")  # a category it is not in
    assert not current.isValid()


def test_sorting_by_percent_is_numeric(bridge):
    _, proxy = make(bridge)
    proxy.sort(Column.PERCENT, Qt.SortOrder.DescendingOrder)
    keys = [proxy.index(r, Column.PERCENT).data(SortRole) for r in range(proxy.rowCount())]
    assert keys == sorted(keys, reverse=True)
    assert proxy.index(0, 0).data(TargetRowRole) is not None
