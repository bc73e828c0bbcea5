"""The dashboard: bars, timeline, status summary and headlines over the shared filter.

Uses the shared ``bridge`` fixture (tests/gui/conftest.py: the demo in memory, today
2022-12-01); the table model refreshes from bridge.changed as in the window.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date
from pathlib import Path

import pytest

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, QTranslator
from PySide6.QtGui import QColor, QContextMenuEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tracker.commands import (
    AddMeasurement,
    Changes,
    CreateTarget,
    DeleteTarget,
    ImportRecords,
    UpdateTarget,
)
from tracker.domain import Direction, Kind, Measurement, Status, Target
from tracker.gui.bridge import ServiceBridge
from tracker.gui.dashboard import DashboardWidget, export
from tracker.gui.dashboard.chart import opaque_over_background
from tracker.gui.dashboard.feed import Snapshot
from tracker.gui.dashboard.headlines import local_time
from tracker.gui.dashboard.timeline import timestamp
from tracker.gui.models.filters import TargetFilter
from tracker.gui.models.targets import TargetsModel
from tracker.gui.status_style import STATUS_COLORS, status_text
from tracker.progress import elapsed_share

# The offscreen platform cannot pass a shown window's minimum size on; nothing to fix here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CLEAN_HEATING = "清洁取暖改造"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def target_filter(bridge: ServiceBridge) -> TargetFilter:
    model = TargetsModel(bridge.service)
    bridge.changed.connect(model.refresh)
    proxy = TargetFilter()
    proxy.setSourceModel(model)
    proxy._model = model  # keep the source model alive as long as the proxy
    return proxy


@pytest.fixture
def dashboard(qtbot, bridge: ServiceBridge, target_filter: TargetFilter) -> DashboardWidget:
    widget = DashboardWidget(bridge, target_filter)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def target_id(bridge: ServiceBridge, name: str) -> int:
    found = bridge.service.find_target(name).id
    assert found is not None
    return found


def lengths(dashboard: DashboardWidget) -> dict[int, float]:
    return {bar.target_id: bar.length for bar in dashboard.bars.bar_data()}


def settle(qtbot, dashboard: DashboardWidget) -> None:
    """Let the coalescing timer run, as the event loop would after an edit."""
    with qtbot.waitSignal(dashboard.feed.updated, timeout=2000):
        pass


def update_target(bridge: ServiceBridge, name: str, **changes: object) -> None:
    target = bridge.service.find_target(name)
    assert target.id is not None
    assert bridge.run(UpdateTarget(target.id, changes, target.version, target.name))


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


# -- timeline -------------------------------------------------------------------------------


def test_timeline_shows_figures_against_the_planned_pace(dashboard, bridge):
    dashboard.show_target(target_id(bridge, CLEAN_HEATING))
    timeline = dashboard.timeline
    assert not timeline.is_empty()
    xs, ys = timeline.points.getData()
    assert list(xs) == [timestamp(date(2022, 11, 30))] and list(ys) == [103516]
    pace_x, pace_y = timeline.pace.getData()
    assert list(pace_x) == [timestamp(date(2022, 1, 1)), timestamp(date(2022, 12, 31))]
    assert list(pace_y) == [0.0, 95398.0]
    assert timeline.target_line.value() == 95398
    fx, fy = timeline.forecast.getData()
    assert fx[-1] == timestamp(date(2022, 12, 31)) and fy[-1] > 103516
    assert timeline.forecast.opts["pen"].style() == Qt.PenStyle.DashLine
    assert isinstance(timeline.plot.getAxis("bottom"), pg.DateAxisItem)


def test_timeline_follows_a_new_figure(qtbot, dashboard, bridge):
    heating = target_id(bridge, CLEAN_HEATING)
    dashboard.show_target(heating)
    assert bridge.run(AddMeasurement(Measurement(heating, date(2022, 6, 30), 50000.0)))
    settle(qtbot, dashboard)
    assert len(dashboard.timeline.points.getData()[0]) == 2
    assert dashboard.selected_target() == heating


def test_timeline_empty_states(dashboard, bridge):
    dashboard.show_target(None)
    assert dashboard.timeline.is_empty()
    assert "Click a bar" in dashboard.timeline.message()
    dashboard.show_target(target_id(bridge, "煤基烯烃一体化项目总投资"))
    assert dashboard.timeline.is_empty()
    assert "煤基烯烃一体化项目总投资" in dashboard.timeline.message()


def test_timeline_of_a_milestone_marks_the_due_date(dashboard, bridge):
    dashboard.show_target(target_id(bridge, "林海220千伏变电站投运"))
    timeline = dashboard.timeline
    assert timeline.due_line.isVisible()
    assert timeline.due_line.value() == timestamp(date(2022, 12, 31))
    assert list(timeline.points.getData()[1]) == [1.0]
    assert not timeline.target_line.isVisible()
    assert len(timeline.pace.getData()[0] or []) == 0


def test_timeline_of_lower_is_better_shades_the_good_side(qtbot, dashboard, bridge):
    pm25 = Target(name="PM2.5年均浓度", category="生态环境", unit="μg/m³", kind=Kind.LEVEL,
                  direction=Direction.LOWER, target_value=35.0)
    assert bridge.run(CreateTarget(pm25))
    new_id = target_id(bridge, pm25.name)
    assert bridge.run(AddMeasurement(Measurement(new_id, date(2022, 10, 31), 33.0)))
    settle(qtbot, dashboard)
    dashboard.show_target(new_id)
    timeline = dashboard.timeline
    assert timeline.good_side.isVisible()
    low, high = timeline.good_side.getRegion()
    assert high == 35 and low < 33
    texts = [label.text for label in timeline.labels.labels()]
    assert any("lower is better" in text for text in texts)


def test_selection_survives_other_edits_and_deletion_clears_it(qtbot, dashboard, bridge):
    heating = target_id(bridge, CLEAN_HEATING)
    dashboard.show_target(heating)
    update_target(bridge, "地区生产总值", target_value=1500.0)
    settle(qtbot, dashboard)
    assert dashboard.selected_target() == heating
    assert dashboard.timeline.target_id() == heating
    version = bridge.service.target(heating).version
    assert bridge.run(DeleteTarget(heating, version, CLEAN_HEATING))
    settle(qtbot, dashboard)
    assert dashboard.selected_target() is None
    assert dashboard.timeline.is_empty()


# -- status summary and headlines ----------------------------------------------------------


def test_status_summary_counts_by_category(dashboard, bridge):
    counts = dashboard.summary.counts()
    expected: dict[str, dict[Status, int]] = {}
    for row in bridge.service.rows():
        per = expected.setdefault(row.target.category, dict.fromkeys(Status, 0))
        per[row.progress.status] += 1
    assert counts == expected
    assert counts["产业转型"][Status.BEHIND] == 1
    legend = [entry.text for entry in dashboard.summary.legend.entries()]
    assert legend == [status_text(s) for s in Status]


def test_headlines(dashboard, bridge):
    rows = bridge.service.rows()
    values = dashboard.headlines.values()
    assert values["targets"] == "35"
    assert values["achieved"] == str(sum(r.progress.status == Status.ACHIEVED for r in rows))
    behind = (Status.AT_RISK, Status.BEHIND, Status.OVERDUE)
    assert values["behind"] == str(sum(r.progress.status in behind for r in rows))
    assert len(values["updated"]) == len("2022-12-01 12:00")
    names = {label.objectName() for label in dashboard.headlines.findChildren(QLabel)}
    assert {"headline", "headlineCaption"} <= names


# -- exports --------------------------------------------------------------------------------


def charts(dashboard: DashboardWidget):
    return {"bars": dashboard.bars, "timeline": dashboard.timeline,
            "summary": dashboard.summary}


@pytest.mark.parametrize("which", ["bars", "timeline", "summary"])
def test_png_export_is_a_2x_image(tmp_path, dashboard, bridge, which):
    dashboard.show_target(target_id(bridge, CLEAN_HEATING))
    chart = charts(dashboard)[which]
    path = chart.export_png(tmp_path / "chart.png")
    image = QImage()
    assert image.load(str(path))
    view = chart.export_view()
    assert image.width() == 2 * view.width() and image.height() == 2 * view.height()
    assert image.pixelColor(image.width() // 2, image.height() // 2).isValid()
    assert len({image.pixel(x, image.height() // 2) for x in range(0, image.width(), 7)}) > 2


@pytest.mark.parametrize("which", ["bars", "timeline", "summary"])
def test_svg_export_parses_and_keeps_text_as_text(tmp_path, dashboard, bridge, which):
    dashboard.show_target(target_id(bridge, CLEAN_HEATING))
    chart = charts(dashboard)[which]
    path = chart.export_svg(tmp_path / "chart.svg")
    root = ET.parse(path).getroot()
    texts = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    expected = {"bars": CLEAN_HEATING, "timeline": CLEAN_HEATING, "summary": "民生保障"}[which]
    assert expected in texts
    assert root.find(f"{SVG}title").text == chart.export_title()
    # The resolution is the widget's DPI, so the drawing is the widget's size.
    assert root.get("viewBox") == f"0 0 {chart.export_view().width()} " \
                                  f"{chart.export_view().height()}"


def test_copy_image_puts_the_chart_on_the_clipboard(dashboard):
    QGuiApplication.clipboard().clear()
    dashboard.bars.copy_image()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert image.width() >= dashboard.bars.export_view().width()


def test_the_context_menu_exports_through_the_file_dialog(tmp_path, monkeypatch, dashboard):
    asked = []

    def fake_ask(parent, caption, name_filter, suggested) -> Path:
        asked.append(suggested)
        return tmp_path / suggested

    monkeypatch.setattr(export, "ask_save_path", fake_ask)
    menu = dashboard.summary.export_menu()
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["Export PNG…", "Export SVG…", "Copy image"]
    actions["Export PNG…"].trigger()
    actions["Export SVG…"].trigger()
    assert asked == ["Status by category.png", "Status by category.svg"]
    assert (tmp_path / asked[0]).stat().st_size > 0
    assert (tmp_path / asked[1]).stat().st_size > 0


def test_cancelled_export_writes_nothing(tmp_path, monkeypatch, dashboard):
    monkeypatch.setattr(export, "ask_save_path", lambda *a: None)
    dashboard.bars.export_menu().actions()[0].trigger()
    assert list(tmp_path.iterdir()) == []


def test_no_percent_is_nan_in_labels(dashboard):
    assert all("nan" not in bar.label for bar in dashboard.bars.bar_data())
    assert not any(math.isnan(bar.length) for bar in dashboard.bars.bar_data())


def test_a_right_click_opens_the_export_menu(monkeypatch, dashboard):
    opened = []

    class FakeMenu:
        def exec(self, position: QPoint) -> None:
            opened.append(position)

    monkeypatch.setattr(type(dashboard.bars), "export_menu", lambda self: FakeMenu())
    viewport = dashboard.bars.export_view().viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(50, 50),
                              viewport.mapToGlobal(QPoint(50, 50)))
    QApplication.sendEvent(viewport, event)  # pyqtgraph passes it up to the chart
    assert len(opened) == 1


# -- language, outside changes, the pace on mixed periods -----------------------------------


class FakeChinese(QTranslator):
    """A translator for a few of the dashboard's strings, without a .qm file."""

    WORDS = {"Percent complete, lowest first": "完成率（由低到高）", "Status by category":
             "各领域完成情况", "targets shown": "个指标", "achieved": "已完成",
             "Expected pace %1": "序时进度 %1"}

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201
        return self.WORDS.get(source, "")

    def isEmpty(self) -> bool:  # noqa: N802
        return False  # else Qt declines to install it


def test_a_language_change_retitles_every_chart(qtbot, dashboard):
    translator = FakeChinese()
    assert QApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: "完成率" in dashboard.bars.plot.titleLabel.text)
        assert "各领域完成情况" in dashboard.summary.plot.titleLabel.text
        assert "序时进度 91.78%" in [label.text for label in dashboard.bars.labels.labels()]
        assert dashboard.bars.bar_data()[-5].label.endswith("已完成")
        qtbot.waitUntil(lambda: dashboard.headlines.findChild(QLabel, "headlineCaption")
                        .text() == "个指标")
    finally:
        QApplication.removeTranslator(translator)


def test_an_outside_change_reloads_everything(qtbot, dashboard, bridge):
    heating = target_id(bridge, CLEAN_HEATING)
    dashboard.show_target(heating)
    with qtbot.waitSignal(dashboard.feed.updated) as signal:
        bridge.changed.emit(Changes(everything=True))
    assert signal.args[0].everything
    assert dashboard.timeline.target_id() == heating
    assert len(dashboard.bars.bar_data()) == 35


def test_expected_pace_is_the_median_over_mixed_periods(bridge):
    rows = bridge.service.rows()[:3]
    periods = [(date(2022, 1, 1), date(2022, 12, 31)), (date(2022, 7, 1), date(2022, 12, 31)),
               (date(2021, 1, 1), date(2022, 12, 31))]
    mixed = [replace(r, target=replace(r.target, period_start=start, period_end=end))
             for r, (start, end) in zip(rows, periods, strict=True)]
    snapshot = Snapshot.of(mixed, date(2022, 12, 1))
    paces = sorted(100 * elapsed_share(s, e, date(2022, 12, 1)) for s, e in periods)
    assert snapshot.pace == pytest.approx(paces[1])
    assert Snapshot.of(mixed[:2], date(2022, 12, 1)).pace == pytest.approx(
        (100 * elapsed_share(*periods[0], date(2022, 12, 1))
         + 100 * elapsed_share(*periods[1], date(2022, 12, 1))) / 2)
    assert Snapshot.of([], date(2022, 12, 1)).pace is None


def test_last_updated_is_shown_in_local_time():
    moment = local_time("2022-12-01T04:30:00+00:00")
    assert moment is not None and moment.utcoffset() is not None
    assert moment.astimezone(UTC).hour == 4
    assert local_time("") is None and local_time("not a time") is None
