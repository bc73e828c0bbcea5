"""How long from an edit to the dashboard showing it, with thousands of targets.

``measure_edit_to_redraw(n_targets, repeats)`` builds an in-memory service with synthetic
targets (Chinese names, three figures each), the table model, the shared filter, the
dashboard at 1400x900 and the table as the main window makes it (sorted by status), all
offscreen. For each edit it first does what a user editing a target does: makes the target
the table's current row, scrolled into view, and the dashboard's timeline target. It then
times the UpdateTarget from ``bridge.run`` until both have redrawn: the coalescing timer has
fired, the charts have been fed, and Qt has delivered every paint the change caused (and those
these schedule in turn). An event filter counts the paints; an edit that did not repaint the
table, the bars and the timeline is an error, so the time always includes those redraws (and
never an extra forced repaint on top).
``measure_filter_to_redraw`` does the same for a change of the shared filter (which re-reads
every row); ``measure_long_history`` times choosing a target with a long daily history until
its timeline is drawn (the line reduced to what the screen can show). Run as a script it
prints the median and p95 of edits and filters at 1,000 and 10,000 targets (the goal for
edits: p95 under 50 ms at 10,000).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.commands import ImportRecords, UpdateTarget  # noqa: E402
from tracker.domain import Direction, Kind, Measurement, Target  # noqa: E402
from tracker.service import TrackerService  # noqa: E402
from tracker.storage import open_database  # noqa: E402

TODAY = date(2022, 12, 1)
CATEGORIES = ("经济运行", "能源保供", "产业转型", "改革开放", "民生保障", "生态环境")
PLACES = ("朔城区", "平鲁区", "山阴县", "应县", "右玉县", "怀仁市")
# A change whose charts are not fed within this time is an error, not a wait forever.
TIMEOUT_S = 10.0
WORKS = ("清洁取暖改造", "老旧小区改造", "农村公路建设", "污水管网改造", "新建学校", "光伏电站")


def synthetic_targets(n: int) -> ImportRecords:
    """``n`` targets with Chinese names and three figures each, across six categories."""
    targets: list[Target] = []
    figures: list[tuple[str, Measurement]] = []
    for i in range(n):
        name = f"{PLACES[i % 6]}{WORKS[(i // 6) % 6]}第{i + 1}批工程"
        kind = Kind.LEVEL if i % 10 == 7 else Kind.CUMULATIVE
        lower = kind == Kind.LEVEL and i % 20 == 7
        goal = 35.0 if lower else 100.0 + (i * 37) % 900
        targets.append(Target(
            name=name, category=CATEGORIES[i % 6], department="市发改委", unit="户",
            kind=kind, direction=Direction.LOWER if lower else Direction.HIGHER,
            baseline=0.0, target_value=goal,
        ))
        for k, month in enumerate((3, 6, 9)):
            share = (0.25 + 0.25 * k) * (0.6 + (i * 13 % 60) / 100)
            value = 30.0 + k if lower else round(goal * share, 1)
            figures.append((name, Measurement(0, date(2022, month, 28), value)))
    return ImportRecords(tuple(targets), tuple(figures), "bench")


class _Bench:
    """A file-less service with ``n`` targets, the table (sorted by status, as the window
    opens it), the shared filter and the dashboard."""

    def __init__(self, n_targets: int) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication

        from tracker.gui.bridge import ServiceBridge
        from tracker.gui.dashboard import DashboardWidget
        from tracker.gui.models.filters import TargetFilter
        from tracker.gui.models.targets import TargetsModel
        from tracker.gui.widgets.targets_table import SORTED_BY, make_targets_table

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.service = TrackerService(open_database(None), who="bench", today=lambda: TODAY)
        self.service.execute(synthetic_targets(n_targets))
        self.bridge = ServiceBridge(self.service)
        self.model = TargetsModel(self.service, sort_column=SORTED_BY)
        self.bridge.changed.connect(self.model.refresh)
        self.proxy = TargetFilter()
        self.proxy.setSourceModel(self.model)
        self.dashboard = DashboardWidget(self.bridge, self.proxy)
        self.dashboard.resize(1400, 900)
        self.dashboard.show()
        self.table = make_targets_table(self.proxy)
        self.table.resize(1400, 600)
        self.table.show()
        self.ids = [t.id for t in self.service.targets()]
        self.dashboard.show_target(self.ids[0])
        for _ in range(3):
            self.app.processEvents()
        self._redrawn: list[object] = []
        self.dashboard.feed.updated.connect(self._redrawn.append)
        self.painted: set[str] = set()
        self.paints = 0
        paint = QEvent.Type.Paint
        bench = self

        class PaintWatch(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() == paint:
                    bench.painted.add(watched.objectName())
                    bench.paints += 1
                return False

        self._watch = PaintWatch()
        views = {"table": self.table, "bars": self.dashboard.bars.plot.scene().views()[0],
                 "timeline": self.dashboard.timeline.plot.scene().views()[0],
                 "summary": self.dashboard.summary.plot.scene().views()[0]}
        for name, view in views.items():
            view.viewport().setObjectName(name)
            view.viewport().installEventFilter(self._watch)

    def look_at(self, target_id: int) -> None:
        """Make ``target_id`` the current row, in view, and the timeline's target."""
        row = self.proxy.mapFromSource(self.model.index(self.model.row_of(target_id) or 0, 0))
        self.table.setCurrentIndex(row)
        self.table.scrollTo(row)
        self.dashboard.show_target(target_id)
        for _ in range(3):
            self.app.processEvents()

    def timed(self, change: Callable[[], object],
              must_paint: tuple[str, ...] = ("table", "bars", "timeline")) -> float:
        """Seconds from ``change()`` until the table and the dashboard have redrawn: the
        charts fed, and every paint delivered, including those the paints schedule in turn
        (pyqtgraph repaints once more after a range change). ``must_paint`` names the views
        (table, bars, timeline, summary) that must have painted, or the run is an error."""
        self._redrawn.clear()
        self.painted.clear()
        start = time.perf_counter()
        if change() is False:
            raise RuntimeError("the change was refused")
        while not self._redrawn:
            if time.perf_counter() - start > TIMEOUT_S:
                raise TimeoutError(f"the charts were not fed within {TIMEOUT_S} s")
            self.app.processEvents()
        for _ in range(20):  # until a round of events paints nothing more
            before = self.paints
            self.app.processEvents()
            if self.paints == before:
                break
        elapsed = time.perf_counter() - start
        if missing := set(must_paint) - self.painted:
            raise RuntimeError(f"a change did not redraw {sorted(missing)}")
        return elapsed

    def close(self) -> None:
        self.table.close()
        self.table.deleteLater()
        self.dashboard.close()
        self.bridge.detach()
        self.dashboard.deleteLater()
        self.app.processEvents()
        self.service.close()


def measure_edit_to_redraw(n_targets: int, repeats: int) -> list[float]:
    """Seconds from ``bridge.run(UpdateTarget)`` to the dashboard repainted, per edit."""
    bench = _Bench(n_targets)
    timings: list[float] = []
    try:
        for k in range(repeats):
            target = bench.service.target(bench.ids[(k * 7919) % len(bench.ids)])
            assert target.id is not None and target.target_value is not None
            new_value = target.target_value * (1.25 if k % 2 == 0 else 0.8)
            command = UpdateTarget(target.id, {"target_value": new_value}, target.version)
            bench.look_at(target.id)
            timings.append(bench.timed(lambda command=command: bench.bridge.run(command)))
            # The bar shows the new figure (checked outside the timing).
            expected = bench.service.row(target.id).progress.percent
            assert bench.dashboard.bars.percent_of(target.id) == expected
    finally:
        bench.close()
    return timings


def measure_filter_to_redraw(n_targets: int, repeats: int) -> list[float]:
    """Seconds from TargetFilter.set_criteria to the dashboard repainted (a full re-read)."""
    bench = _Bench(n_targets)
    timings: list[float] = []
    try:
        for k in range(repeats):
            category = CATEGORIES[k % len(CATEGORIES)] if k % 2 == 0 else None
            timings.append(bench.timed(lambda c=category: bench.proxy.set_criteria(category=c),
                                       must_paint=("bars",)))
    finally:
        bench.close()
    return timings


def measure_long_history(n_figures: int, repeats: int) -> list[float]:
    """Seconds from choosing a target with ``n_figures`` daily figures (among 100 others)
    until its timeline has been fed and repainted, per choice."""
    bench = _Bench(100)
    timings: list[float] = []
    try:
        last = TODAY.toordinal()
        daily = Target(name="空气质量日均值监测", category="生态环境", unit="μg/m³",
                       kind=Kind.LEVEL, direction=Direction.LOWER, target_value=35.0,
                       period_start=date.fromordinal(last - n_figures + 1),
                       period_end=date(TODAY.year, 12, 31))
        bench.service.execute(ImportRecords((daily,), tuple(
            (daily.name, Measurement(0, date.fromordinal(last - i), 20.0 + (i * 7919) % 40))
            for i in range(n_figures)), "bench"))
        bench.app.processEvents()
        big = bench.service.find_target(daily.name).id
        viewport = bench.dashboard.timeline.plot.scene().views()[0].viewport()
        for _ in range(repeats):
            bench.dashboard.show_target(bench.ids[0])
            viewport.repaint()
            start = time.perf_counter()
            bench.dashboard.show_target(big)
            viewport.repaint()
            timings.append(time.perf_counter() - start)
            assert len(bench.dashboard.timeline.figures.getOriginalDataset()[0]) == n_figures
    finally:
        bench.close()
    return timings


def _summary(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"median {1000 * statistics.median(ordered):6.1f} ms, p95 {1000 * p95:6.1f} ms, "
            f"max {1000 * ordered[-1]:6.1f} ms")


def _report(n: int, repeats: int) -> None:
    print(f"{n:>6} targets, edit   -> redraw: {_summary(measure_edit_to_redraw(n, repeats))}")
    print(f"{n:>6} targets, filter -> redraw: {_summary(measure_filter_to_redraw(n, 10))}")


if __name__ == "__main__":
    for count in (1_000, 10_000):
        _report(count, 40)
