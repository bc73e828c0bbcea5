"""The targets table model and its filter."""

from __future__ import annotations

from PySide6.QtCore import Qt

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


def test_without_criteria_a_moved_row_costs_no_filter_call_per_row(bridge, monkeypatch):
    from tracker.gui.models.roles import AcceptRole

    model, proxy = make(bridge)
    proxy.sort(Column.PERCENT, Qt.SortOrder.AscendingOrder)
    asked: list[int] = []
    value = TargetsModel._value

    def counting(self, row, column, role):
        if role == AcceptRole:
            asked.append(row.target.id)
        return value(self, row, column, role)

    monkeypatch.setattr(TargetsModel, "_value", counting)
    target = model.target_row(row_named(model, "清洁取暖改造")).target  # 108.51%, near the end
    moved: list[object] = []
    model.rowsMoved.connect(lambda *_: moved.append(1))
    bridge.run(UpdateTarget(target.id, {"target_value": 1e9}, target.version))  # to the top
    assert moved and asked == []  # Qt passed every row without asking Python
    assert proxy.rowCount() == model.rowCount()
    proxy.set_criteria(category="民生保障")  # with a criterion, every row is asked
    assert len(asked) >= model.rowCount()
    assert {r.target.category for r in proxy.visible_rows()} == {"民生保障"}
    proxy.set_criteria()
    assert proxy.rowCount() == model.rowCount()


def test_sorting_by_percent_is_numeric(bridge):
    _, proxy = make(bridge)
    proxy.sort(Column.PERCENT, Qt.SortOrder.DescendingOrder)
    keys = [proxy.index(r, Column.PERCENT).data(SortRole) for r in range(proxy.rowCount())]
    assert keys == sorted(keys, reverse=True)
    assert proxy.index(0, 0).data(TargetRowRole) is not None
