"""How many targets of each category are achieved, on track, at risk, behind, overdue or
without figures: one stacked bar per category, counts written on the segments, a legend
naming every colour."""

from __future__ import annotations

import numpy as np

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QCursor, QFontMetricsF
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from tracker.domain import Status
from tracker.gui.dashboard.chart import (
    CENTER,
    LEFT,
    MUTED,
    ChartPanel,
    Label,
    Swatch,
    SwatchLegend,
    TextLayer,
    chart_axes,
    chart_font,
    make_view,
    style_plot,
)
from tracker.gui.dashboard.feed import STATUSES, Snapshot
from tracker.gui.status_style import STATUS_COLORS, status_text

MAX_CATEGORIES = 10  # more are folded into one "other" bar
BAR_HEIGHT = 0.62
ROW_MIN_PX, ROW_MAX_PX = 22.0, 44.0


def nice_step(rough: float) -> int:
    """The tick step nearest above ``rough`` of 1, 2 or 5 times a power of ten (at least 1)."""
    if rough <= 1:
        return 1
    power = 10 ** int(np.floor(np.log10(rough)))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)


def _text_on(color: str) -> QColor:
    """Black or white, whichever reads better on ``color``."""
    c = QColor(color)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return QColor("#000000") if luminance > 150 else QColor("#ffffff")


class StatusSummary(ChartPanel):
    """Stacked status counts per category for the visible targets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._font = chart_font()
        self._metrics = QFontMetricsF(self._font)
        self._categories: list[str] = []
        self._counts = np.zeros((0, len(STATUSES)), np.int64)
        self._view = make_view()
        self.plot = self._view.addPlot(row=0, col=0, axisItems=chart_axes())
        style_plot(self.plot, self._font)
        self.plot.getAxis("left").setStyle(tickLength=0, tickTextOffset=8)
        self.plot.getAxis("bottom").setStyle(tickLength=-4)
        self._vb = self.plot.getViewBox()
        self._vb.invertY(True)
        self._vb.enableAutoRange(enable=False)
        self.legend = SwatchLegend(self._font)
        self._view.addItem(self.legend, row=1, col=0)

        # Made once: one bar item per status, fed with setOpts.
        self.segments = {
            status: pg.BarGraphItem(x0=[], y=[], width=[], height=BAR_HEIGHT, pen=None,
                                    brush=QColor(STATUS_COLORS[status]))
            for status in STATUSES
        }
        for item in self.segments.values():
            self.plot.addItem(item)
        self.labels = TextLayer(self._font)
        self.plot.addItem(self.labels, ignoreBounds=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)
        self._vb.sigResized.connect(lambda *_: self._redraw())
        self._view.scene().sigMouseMoved.connect(self._mouse_moved)
        self.retranslate()

    def set_snapshot(self, snapshot: Snapshot) -> None:
        """Count ``snapshot``'s rows by category and status."""
        width = len(STATUSES)
        n = len(snapshot.categories)
        counts = np.bincount(
            snapshot.category * width + snapshot.status.astype(np.int64), minlength=n * width
        ).reshape(n, width)
        used = np.flatnonzero(counts.sum(axis=1))
        counts = counts[used]
        names = [snapshot.categories[i] for i in used]
        order = sorted(range(len(names)), key=lambda i: (names[i] == "", names[i]))
        categories = [names[i] or self.tr("(no category)") for i in order]
        counts = counts[order] if order else counts
        if len(categories) > MAX_CATEGORIES:
            keep = sorted(np.argsort(-counts.sum(axis=1), kind="stable")[:MAX_CATEGORIES - 1])
            rest = np.setdiff1d(np.arange(len(categories)), keep)
            other = self.tr("other (%1 categories)").replace("%1", str(len(rest)))
            categories = [categories[i] for i in keep] + [other]
            counts = np.vstack([counts[keep], counts[rest].sum(axis=0, keepdims=True)])
        self._categories, self._counts = categories, counts
        self._redraw()

    def counts(self) -> dict[str, dict[Status, int]]:
        """Targets per category and status, as drawn."""
        return {
            name: {s: int(c) for s, c in zip(STATUSES, row, strict=True)}
            for name, row in zip(self._categories, self._counts, strict=True)
        }

    def export_view(self) -> QWidget:
        return self._view

    def export_title(self) -> str:
        return self.tr("Status by category")

    def retranslate(self) -> None:
        self.plot.setTitle(self.tr("Status by category"))
        self.legend.set_entries(
            [Swatch(status_text(s), QColor(STATUS_COLORS[s])) for s in STATUSES]
        )
        self._redraw()

    def _redraw(self) -> None:
        n, counts = len(self._categories), self._counts
        height = max(self._vb.height(), 1.0)
        row_px = min(ROW_MAX_PX, max(ROW_MIN_PX, height / (n + 0.4) if n else ROW_MAX_PX))
        self._vb.setYRange(-0.7, -0.7 + height / row_px, padding=0)
        totals = counts.sum(axis=1) if n else np.zeros(0, np.int64)
        highest = float(totals.max()) if n else 1.0
        total_px = self._metrics.horizontalAdvance(str(int(highest))) + 12
        plot_px = max(self._vb.width(), total_px + 40)
        x_hi = max(highest, 1.0) * plot_px / (plot_px - total_px)
        self._vb.setXRange(0, x_hi, padding=0)
        y = np.arange(n, dtype=np.float64)
        left = np.zeros(n)
        labels: list[Label] = []
        px_per_target = plot_px / x_hi
        for code, status in enumerate(STATUSES):
            width = counts[:, code].astype(np.float64) if n else np.zeros(0)
            self.segments[status].setOpts(x0=left.copy(), width=width, y=y)
            color = _text_on(STATUS_COLORS[status])
            for row in np.flatnonzero(width):
                text = str(int(width[row]))
                if width[row] * px_per_target >= self._metrics.horizontalAdvance(text) + 6:
                    labels.append(Label(left[row] + width[row] / 2, y[row], text, CENTER,
                                        color=color))
            left += width
        labels += [Label(float(t), float(yy), str(int(t)), LEFT, dx=5, color=MUTED)
                   for t, yy in zip(totals, y, strict=True)]
        self.labels.set_labels(labels)
        axis = self.plot.getAxis("left")
        axis.setTicks([[(float(i), c) for i, c in enumerate(self._categories)], []])
        widest = max((self._metrics.horizontalAdvance(c) for c in self._categories), default=40)
        axis.setWidth(int(widest + 16))
        step = nice_step(highest / 5)
        self.plot.getAxis("bottom").setTicks(
            [[(float(v), str(v)) for v in range(0, int(highest) + 1, step)], []]
        )

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        area = self._vb.sceneBoundingRect() | self.plot.getAxis("left").sceneBoundingRect()
        row = round(self._vb.mapSceneToView(scene_pos).y())
        if not area.contains(scene_pos) or not 0 <= row < len(self._categories):
            QToolTip.hideText()
            return
        parts = [f"{status_text(s)} {int(c)}" for s, c in zip(STATUSES, self._counts[row],
                                                               strict=True) if c]
        QToolTip.showText(QCursor.pos(), f"{self._categories[row]}\n" + "\n".join(parts),
                          self._view)

