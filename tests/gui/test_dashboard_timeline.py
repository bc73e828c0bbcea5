"""The dashboard's timeline, status summary and headlines; a language change, an outside
change and the expected pace over targets with mixed periods.

Uses the shared ``bridge`` and ``dashboard`` fixtures (tests/gui/conftest.py: the demo in
memory, today 2022-12-01); the table model refreshes from bridge.changed as in the window.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta

import pytest
from dashboard_helpers import CLEAN_HEATING, settle, target_id, update_target

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

from tracker.commands import (
    AddMeasurement,
    Changes,
    CreateTarget,
    DeleteTarget,
    ImportRecords,
)
from tracker.domain import Direction, Kind, Measurement, Status, Target
from tracker.gui.dashboard.feed import Snapshot
from tracker.gui.dashboard.headlines import local_time
from tracker.gui.dashboard.timeline import MARKER_ROOM, marked, timestamp
from tracker.gui.status_style import status_text
from tracker.progress import elapsed_share

# The offscreen platform cannot pass a shown window's minimum size on; nothing to fix here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


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


def test_every_figure_gets_a_marker_while_they_fit_else_the_newest_alone():
    assert marked(0, 10.0) == [] and marked(3, 3.5) == [0, 1, 2]
    assert marked(4, 3.5) == [3]


def test_a_target_with_thousands_of_figures_is_drawn_as_the_screen_can_show_it(qtbot,
                                                                               dashboard,
                                                                               bridge):
    days = 5_000
    first = date(2022, 12, 31).toordinal() - days + 1
    daily = Target(name="空气质量日均值监测", category="生态环境", unit="天", kind=Kind.LEVEL,
                   target_value=300.0, period_start=date.fromordinal(first),
                   period_end=date(2022, 12, 31))
    figures = tuple(("空气质量日均值监测", Measurement(0, date.fromordinal(first + i),
                                                      float(i % 365), note=f"第{i}天"))
                    for i in range(days))
    assert bridge.run(ImportRecords((daily,), figures))
    settle(qtbot, dashboard)
    dashboard.show_target(target_id(bridge, "空气质量日均值监测"))
    timeline = dashboard.timeline
    line_x, line_y = timeline.figures.getOriginalDataset()
    assert len(line_x) == days and line_y[-1] == float((days - 1) % 365)
    assert timeline.figures.opts["autoDownsample"] and timeline.figures.opts["clipToView"]
    assert timeline.figures.opts["downsampleMethod"] == "peak"
    assert timeline.figures.opts["pen"].widthF() == 1  # a dense line: thin, or slow to stroke
    # 5,000 markers do not fit side by side: the newest alone keeps one, with its tip.
    xs, _ = timeline.points.getData()
    assert list(xs) == [timestamp(date(2022, 12, 31))]
    newest = timeline.points.points()[-1]
    assert timeline._point_tip(newest.pos().x(), newest.pos().y(), newest.data()) == \
        f"2022-12-31\n{(days - 1) % 365}天\n第{days - 1}天"


def test_markers_follow_the_charts_width(qtbot, dashboard, bridge):
    # Weekly figures: each marked while the chart is wide enough for all of them.
    weekly = Target(name="重点项目周报进度", category="产业转型", unit="个", kind=Kind.CUMULATIVE,
                    target_value=100.0, period_start=date(2022, 1, 1),
                    period_end=date(2022, 12, 31))
    figures = tuple(("重点项目周报进度", Measurement(0, date.fromordinal(
        date(2022, 1, 2).toordinal() + 7 * i), float(i))) for i in range(40))
    assert bridge.run(ImportRecords((weekly,), figures))
    settle(qtbot, dashboard)
    dashboard.show_target(target_id(bridge, "重点项目周报进度"))
    timeline = dashboard.timeline

    def markers_at(width: int) -> int:
        dashboard.resize(width, 900)
        qtbot.waitUntil(lambda: dashboard.width() == width)
        QApplication.processEvents()
        room = timeline.plot.getViewBox().width() / MARKER_ROOM
        assert (room >= 40) == (width == 1400), room  # the two sizes tried are apart
        return len(timeline.points.getData()[0]), timeline.figures.opts["pen"].widthF()

    assert markers_at(1400) == (40, 2)
    assert markers_at(700) == (1, 1)
    assert markers_at(1400) == (40, 2)


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


def test_a_milestone_keeps_a_marker_on_every_figure(qtbot, dashboard, bridge):
    # A milestone has no line: however many its figures, each keeps its marker.
    checks = Target(name="季度督查节点", category="改革开放", unit="项", kind=Kind.MILESTONE,
                    period_start=date(2020, 1, 1), period_end=date(2022, 12, 31))
    figures = tuple(("季度督查节点", Measurement(0, date(2020, 1, 1) + timedelta(days=15 * i),
                                                 float(i % 2))) for i in range(70))
    assert bridge.run(ImportRecords((checks,), figures))
    settle(qtbot, dashboard)
    dashboard.show_target(target_id(bridge, "季度督查节点"))
    assert len(dashboard.timeline.points.getData()[0]) == 70
    assert len(dashboard.timeline.figures.getOriginalDataset()[0] or []) == 0
