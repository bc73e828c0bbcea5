"""The targets model sorts its own rows and keeps them sorted through edits."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from tracker.commands import UpdateTarget
from tracker.gui.models.filters import TargetFilter
from tracker.gui.models.roles import SortRole, TargetIdRole
from tracker.gui.models.targets import Column, TargetsModel

DESCENDING = Qt.SortOrder.DescendingOrder


def make(bridge) -> tuple[TargetsModel, TargetFilter]:
    model = TargetsModel(bridge.service)
    bridge.changed.connect(model.refresh)
    proxy = TargetFilter()
    proxy.setSourceModel(model)
    return model, proxy


def ids(proxy: TargetFilter) -> list[int]:
    return [proxy.index(r, 0).data(TargetIdRole) for r in range(proxy.rowCount())]


def keys(proxy: TargetFilter, column: Column) -> list[object]:
    return [proxy.index(r, column).data(SortRole) for r in range(proxy.rowCount())]


def test_sorting_by_status_puts_the_worst_first_and_ties_by_id(bridge):
    model, proxy = make(bridge)
    proxy.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)
    pairs = list(zip(keys(proxy, Column.STATUS), ids(proxy), strict=True))
    assert pairs == sorted(pairs)


def test_an_edit_moves_its_row_to_where_it_now_sorts(bridge):
    model, proxy = make(bridge)
    proxy.sort(Column.PERCENT, DESCENDING)
    heating = bridge.service.find_target("清洁取暖改造")
    assert ids(proxy)[0] == heating.id  # 108.51%, the best
    bridge.run(UpdateTarget(heating.id, {"target_value": 9_540_000.0}, heating.version))
    assert ids(proxy)[0] != heating.id  # 1.09% now
    percent = keys(proxy, Column.PERCENT)
    assert percent == sorted(percent, reverse=True)
    assert [r.target.id for r in model.rows()] == ids(proxy)


def test_sorting_by_last_updated_puts_the_latest_edit_last(bridge):
    model, proxy = make(bridge)
    heating = bridge.service.find_target("清洁取暖改造")
    bridge.run(UpdateTarget(heating.id, {"note": "刚刚修改"}, heating.version))
    proxy.sort(Column.UPDATED, Qt.SortOrder.AscendingOrder)
    assert ids(proxy)[-1] == heating.id
    stamps = keys(proxy, Column.UPDATED)
    edited = bridge.service.target(heating.id)
    assert stamps == sorted(stamps) and stamps[-1] == edited.updated_at  # finer than shown
    shown = [proxy.index(r, Column.UPDATED).data() for r in range(proxy.rowCount())]
    assert shown == sorted(shown)  # the same order as the local times shown
    proxy.sort(Column.UPDATED, DESCENDING)
    assert ids(proxy)[0] == heating.id


def test_the_current_row_follows_its_target_through_a_sort(qtbot, bridge):
    from PySide6.QtWidgets import QTableView

    _, proxy = make(bridge)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.selectionModel().setCurrentIndex(
        proxy.index(3, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    chosen = view.currentIndex().data(TargetIdRole)
    proxy.sort(Column.NAME, DESCENDING)
    assert view.currentIndex().data(TargetIdRole) == chosen


def test_sorting_by_no_column_restores_target_order(bridge):
    model, proxy = make(bridge)
    proxy.sort(Column.NAME, DESCENDING)
    proxy.sort(-1, DESCENDING)
    assert ids(proxy) == sorted(ids(proxy))


def test_a_filter_keeps_the_sorted_order(bridge):
    model, proxy = make(bridge)
    proxy.sort(Column.PERCENT, DESCENDING)
    proxy.set_criteria(category="民生保障")
    shown = ids(proxy)
    assert shown == [r.target.id for r in model.rows() if r.target.category == "民生保障"]
    assert [r.target.id for r in proxy.visible_rows()] == shown


def test_a_model_can_be_read_in_a_column_order_from_the_start(bridge):
    model, proxy = make(bridge)
    proxy.sort(Column.STATUS)
    first = TargetsModel(bridge.service, sort_column=Column.STATUS)
    assert [r.target.id for r in first.rows()] == ids(proxy)
