"""The dashboard's completion bars: figures, order, labels, edits, filters, clicks, scrolling.

Uses the shared ``bridge`` and ``dashboard`` fixtures (tests/gui/conftest.py: the demo in
memory, today 2022-12-01); the table model refreshes from bridge.changed as in the window.
"""

from __future__ import annotations

from datetime import date

import pytest
from dashboard_helpers import CLEAN_HEATING, lengths, settle, target_id, update_target

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from tracker.commands import AddMeasurement, ImportRecords
from tracker.domain import Measurement, Status, Target
from tracker.gui.dashboard.chart import opaque_over_background
from tracker.gui.status_style import STATUS_COLORS, status_text

# The offscreen platform cannot pass a shown window's minimum size on; nothing to fix here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


# -- completion bars ------------------------------------------------------------------------


def test_bars_show_the_services_figures(dashboard, bridge):
    rows = {r.target.id: r for r in bridge.service.rows()}
    bars = dashboard.bars.bar_data()
    assert len(bars) == len(rows) == 35
    for bar in bars:
        row = rows[bar.target_id]
        assert bar.name == row.target.name
        assert bar.percent == row.progress.percent
        assert bar.status == row.progress.status.value
        assert bar.color == STATUS_COLORS[row.progress.status]
        assert status_text(row.progress.status) in bar.label  # never colour alone


def test_bars_are_sorted_lowest_first_with_no_data_last(dashboard):
    percents = [bar.percent for bar in dashboard.bars.bar_data()]
    known = [p for p in percents if p is not None]
    assert known == sorted(known)
    assert percents[-2:] == [None, None]
    assert dashboard.bars.bar_data()[0].name == "低碳硅芯产业园开工项目"


def test_clean_heating_bar_reads_108_51_percent(dashboard):
    bar = next(b for b in dashboard.bars.bar_data() if b.name == CLEAN_HEATING)
    assert bar.label == f"108.51%  {status_text(Status.ACHIEVED)}"
    assert bar.length == pytest.approx(108.5096, abs=1e-3)


def test_the_bar_item_is_fed_the_visible_rows(dashboard):
    bars = dashboard.bars
    shown = bars.visible_range()
    assert len(shown) == 35  # the demo fits at 1400x900
    assert len(bars.bars.opts["width"]) == 35
    assert CLEAN_HEATING in bars.shown_names()


def test_expected_pace_line_is_labelled(dashboard):
    texts = [label.text for label in dashboard.bars.labels.labels()]
    assert "Expected pace 91.78%" in texts  # 335 of 365 days on 2022-12-01
    assert dashboard.bars.pace_line.value() == pytest.approx(91.78, abs=0.01)
    assert dashboard.bars.full_line.value() == 100


def test_hover_text_has_the_exact_figures(dashboard):
    bars = dashboard.bars
    position = bars.position_of(target_id(dashboard._bridge, CLEAN_HEATING))
    text = bars.tooltip(position)
    for part in (CLEAN_HEATING, "103,516户", "2022-11-30", "95,398户", "108.51%", "91.51%",
                 status_text(Status.ACHIEVED)):
        assert part in text


def test_an_edit_moves_only_its_bar_and_undo_moves_it_back(qtbot, dashboard, bridge):
    heating = target_id(bridge, CLEAN_HEATING)
    before = lengths(dashboard)
    headlines_before = dashboard.headlines.values()
    update_target(bridge, CLEAN_HEATING, target_value=120000.0)
    settle(qtbot, dashboard)
    after = lengths(dashboard)
    assert after[heating] == pytest.approx(100 * 103516 / 120000)
    assert {k: v for k, v in after.items() if k != heating} == {
        k: v for k, v in before.items() if k != heating
    }
    values = dashboard.headlines.values()
    assert int(values["achieved"]) == int(headlines_before["achieved"]) - 1
    assert int(values["behind"]) == int(headlines_before["behind"]) + 1  # now at risk

    bridge.undo_stack.undo()
    settle(qtbot, dashboard)
    assert lengths(dashboard) == before
    assert dashboard.headlines.values() == headlines_before


def test_a_new_figure_moves_its_bar(qtbot, dashboard, bridge):
    gdp = target_id(bridge, "地区生产总值")
    assert bridge.run(AddMeasurement(Measurement(gdp, date(2022, 11, 30), 1400.0)))
    settle(qtbot, dashboard)
    assert lengths(dashboard)[gdp] == pytest.approx(100 * 1400 / 1467.1)


def test_bars_past_200_percent_are_cut_but_labelled_truly(qtbot, dashboard, bridge):
    update_target(bridge, CLEAN_HEATING, target_value=40000.0)
    settle(qtbot, dashboard)
    bar = next(b for b in dashboard.bars.bar_data() if b.name == CLEAN_HEATING)
    assert bar.length == 200
    assert bar.label.startswith("258.79%")
    assert dashboard.bars.order()[-3] == bar.target_id  # best first of those with figures


def test_a_filter_limits_every_chart_to_its_rows(qtbot, dashboard, target_filter):
    target_filter.set_criteria(category="民生保障")
    settle(qtbot, dashboard)
    names = {bar.name for bar in dashboard.bars.bar_data()}
    assert CLEAN_HEATING in names and "地区生产总值" not in names
    assert len(names) == 15
    assert list(dashboard.summary.counts()) == ["民生保障"]
    assert dashboard.headlines.values()["targets"] == "15"

    target_filter.set_criteria()
    settle(qtbot, dashboard)
    assert len(dashboard.bars.bar_data()) == 35


def test_a_status_filter_follows_edits_in_and_out(qtbot, dashboard, bridge, target_filter):
    target_filter.set_criteria(status=Status.ACHIEVED)
    settle(qtbot, dashboard)
    assert len(dashboard.bars.bar_data()) == 30
    update_target(bridge, CLEAN_HEATING, target_value=200000.0)
    settle(qtbot, dashboard)
    assert CLEAN_HEATING not in {b.name for b in dashboard.bars.bar_data()}
    bridge.undo_stack.undo()
    settle(qtbot, dashboard)
    assert CLEAN_HEATING in {b.name for b in dashboard.bars.bar_data()}


def test_plot_items_are_fed_not_rebuilt(qtbot, dashboard, bridge):
    dashboard.show_target(target_id(bridge, CLEAN_HEATING))
    charts = (dashboard.bars, dashboard.timeline, dashboard.summary)
    before = [list(chart.plot.items) for chart in charts]
    bar_item = dashboard.bars.bars
    update_target(bridge, CLEAN_HEATING, target_value=120000.0)
    settle(qtbot, dashboard)
    after = [list(chart.plot.items) for chart in charts]
    assert all(
        len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))
        for a, b in zip(before, after, strict=True)
    )
    assert dashboard.bars.bars is bar_item


def test_grid_lines_are_drawn_opaque_behind_the_data(qtbot, dashboard, bridge, monkeypatch):
    # Translucent lines across the plot cost a thread-pool hand-off each in Qt's raster
    # engine (see chart.OpaqueGrid); the same colour pre-blended over white looks the same
    # only if the grid lies behind the plot's items.
    dashboard.show_target(target_id(bridge, CLEAN_HEATING))
    drawn: list[tuple[str, QColor]] = []
    original = pg.AxisItem.drawPicture

    def record(axis, painter, axis_spec, tick_specs, text_specs):
        drawn.extend((axis.orientation, pen.color()) for pen, _, _ in tick_specs)
        original(axis, painter, axis_spec, tick_specs, text_specs)

    monkeypatch.setattr(pg.AxisItem, "drawPicture", record)
    charts = (dashboard.bars, dashboard.timeline, dashboard.summary)
    for chart in charts:
        # No background of the view box's own, which would hide the grid behind it.
        assert chart.plot.getViewBox().state["background"] is None
        stacking = chart.plot.scene().items(Qt.SortOrder.DescendingOrder)  # topmost first
        for side in ("left", "bottom"):
            axis = chart.plot.getAxis(side)
            assert stacking.index(axis) > stacking.index(chart.plot.getViewBox())
            axis.picture = None  # drawn afresh below
    dashboard.grab()
    grid = [color for _, color in drawn if color.lightness() > 200]
    assert {side for side, _ in drawn} == {"left", "bottom"}
    assert grid, "the timeline and the bars show a grid"
    assert all(color.alpha() == 255 for _, color in drawn)
    # pyqtgraph's grey at 12% over white.
    assert opaque_over_background(QColor(95, 95, 95, 30)).name() == "#ececec"


def test_clicking_a_bar_activates_its_target(qtbot, dashboard):
    first = dashboard.bars.order()[0]
    with qtbot.waitSignal(dashboard.target_activated) as signal:
        dashboard.bars._on_bar_clicked(0)
    assert signal.args == [first]
    assert dashboard.selected_target() == first
    assert dashboard.timeline.target_id() == first


def test_a_real_mouse_click_on_a_bar_activates_it(qtbot, dashboard):
    bars = dashboard.bars
    position = 5
    view = bars.export_view()
    scene_point = bars.plot.getViewBox().mapViewToScene(QPointF(20.0, float(position)))
    point = view.mapFromScene(scene_point)
    with qtbot.waitSignal(dashboard.target_activated) as signal:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(),
                                                                                  point.y()))
    assert signal.args == [bars.order()[position]]


def test_many_targets_scroll_and_label_only_what_is_shown(qtbot, dashboard, bridge):
    targets = tuple(
        Target(name=f"第{i:03d}号示范项目建设", category="测试", unit="个", target_value=100.0)
        for i in range(300)
    )
    figures = tuple((t.name, Measurement(0, date(2022, 6, 30), float(i % 150)))
                    for i, t in enumerate(targets))
    assert bridge.run(ImportRecords(targets, figures))
    settle(qtbot, dashboard)
    bars = dashboard.bars
    shown = bars.visible_range()
    assert len(bars.bar_data()) == 335
    assert 0 < len(shown) < 100
    assert len(bars.bars.opts["width"]) == len(shown)
    assert len(bars.shown_names()) == len(shown)
    bars._scroll.setValue(200)
    assert bars.visible_range().start == 200
    assert bars.shown_names()[0] == bars.bar_data()[200].name


def test_an_import_redraws_once(qtbot, dashboard, bridge):
    emitted = []
    dashboard.feed.updated.connect(emitted.append)
    targets = tuple(Target(name=f"导入指标{i}", target_value=10.0) for i in range(50))
    assert bridge.run(ImportRecords(targets))
    settle(qtbot, dashboard)
    qtbot.wait(20)
    assert len(emitted) == 1
    assert len(emitted[0]) == 85
