"""Percent complete per target as horizontal bars, lowest first, coloured and labelled by status.

Only the rows on screen are drawn: the bar item, the names on the left axis and the value
labels are fed the visible slice, so 10,000 targets cost what 40 do. The rest scroll into
view with the scroll bar or the mouse wheel. Bars past 200% are cut (with a break mark);
their label keeps the true figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QFontMetricsF, QWheelEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QToolTip, QWidget

from tracker.gui.dashboard.chart import (
    FAINT,
    INK,
    LEFT,
    MUTED,
    RIGHT,
    ChartPanel,
    Label,
    TextLayer,
    chart_axes,
    chart_font,
    make_view,
    style_plot,
)
from tracker.gui.dashboard.feed import STATUSES, Snapshot
from tracker.gui.dashboard.names import NameColumn
from tracker.gui.status_style import STATUS_COLORS, STATUS_ORDER, status_text
from tracker.units import format_percent, format_quantity

CLIP = 200.0  # bars stop here; labels keep the true figure
NEGATIVE_CLIP = -50.0
ROW_MIN_PX, ROW_MAX_PX = 19.0, 30.0
BAR_HEIGHT = 0.66  # of a row
HEADER_ROWS = 1.2  # room above the first bar for the reference lines' labels
NAME_MAX_FRACTION = 0.42  # of the chart's width; longer names are elided (full in the tooltip)


@dataclass(frozen=True, slots=True)
class BarDatum:
    """One bar as drawn: ``length`` is the clipped percent, ``label`` the text beside it."""

    target_id: int
    name: str
    percent: float | None
    length: float
    status: str
    color: str
    label: str


class CompletionBars(ChartPanel):
    """Horizontal completion bars for the visible targets; click a bar to pick its target."""

    # The target id of the bar (or name) clicked.
    target_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._font = chart_font()
        self._metrics = QFontMetricsF(self._font)
        self._snapshot = Snapshot.of([], date(2000, 1, 1))
        self._order = np.zeros(0, np.int64)  # snapshot indexes, top to bottom
        self._first = 0
        self._page = 0
        self._selected: int | None = None
        self._hovered: int | None = None
        self._names = NameColumn(self._font)
        self._shown_names: list[str] = []
        self._brushes = [QBrush(QColor(STATUS_COLORS[s])) for s in STATUSES]

        self._view = make_view()
        self.plot = self._view.addPlot(row=0, col=0, axisItems=chart_axes())
        style_plot(self.plot, self._font)
        self.plot.hideAxis("top")
        self.plot.showGrid(x=True, y=False, alpha=0.12)
        self._vb = self.plot.getViewBox()
        self._vb.invertY(True)
        self._vb.enableAutoRange(enable=False)
        self.plot.getAxis("left").setStyle(tickLength=0, tickTextOffset=8)
        self.plot.getAxis("bottom").setStyle(tickLength=-4)

        # Made once, fed with setOpts/setValue/set_labels ever after.
        self.highlight = pg.BarGraphItem(x0=[], y=[], width=[], height=1.0, pen=None, brush=FAINT)
        self.bars = pg.BarGraphItem(
            x0=[], y=[], width=[], height=BAR_HEIGHT, pen=None, brushes=[]
        )
        self.full_line = pg.InfiniteLine(100.0, angle=90, pen=pg.mkPen(MUTED, width=1.2))
        self.pace_line = pg.InfiniteLine(
            0.0, angle=90, pen=pg.mkPen(INK, width=1.5, style=Qt.PenStyle.DashLine)
        )
        self.labels = TextLayer(self._font)
        for item in (self.highlight, self.bars, self.full_line, self.pace_line):
            self.plot.addItem(item)
        self.plot.addItem(self.labels, ignoreBounds=True)

        self._scroll = QScrollBar(Qt.Orientation.Vertical)
        self._scroll.valueChanged.connect(self._scrolled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._scroll)
        self._vb.sigResized.connect(lambda *_: self._redraw())
        self._view.scene().sigMouseMoved.connect(self._mouse_moved)
        self._view.scene().sigMouseClicked.connect(self._mouse_clicked)
        self._view.viewport().installEventFilter(self)
        self._view.viewport().setMouseTracking(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.plot.setTitle(self.tr("Percent complete, lowest first"))
        self._redraw()

    # -- public -------------------------------------------------------------------------

    def set_snapshot(self, snapshot: Snapshot) -> None:
        """Show ``snapshot``'s rows, keeping the scroll position."""
        self._snapshot = snapshot
        key = np.where(np.isnan(snapshot.percent), np.inf, snapshot.percent)
        rank = np.array([STATUS_ORDER[s] for s in STATUSES], np.int8)[snapshot.status]
        # Lowest percent first; ties worst status first; no figure last.
        self._order = np.lexsort((snapshot.ids, rank, key))
        self._names.update(snapshot)
        self._redraw()

    def set_selected(self, target_id: int | None, reveal: bool = True) -> None:
        """Mark ``target_id``'s bar and (with ``reveal``) scroll it into view."""
        self._selected = target_id
        position = self.position_of(target_id)
        shown = self._first <= (position or 0) < self._first + self._page
        if reveal and position is not None and not shown:
            self._scroll.setValue(max(0, position - self._page // 2))
        self._redraw()

    def position_of(self, target_id: int | None) -> int | None:
        """Where ``target_id``'s bar is, counting from the top (0), or None."""
        if target_id is None:
            return None
        hits = np.flatnonzero(self._snapshot.ids[self._order] == target_id)
        return int(hits[0]) if hits.size else None

    def percent_of(self, target_id: int) -> float | None:
        """The percent drawn for ``target_id`` (None without a figure or not shown)."""
        hits = np.flatnonzero(self._snapshot.ids == target_id)
        if not hits.size or math.isnan(self._snapshot.percent[hits[0]]):
            return None
        return float(self._snapshot.percent[hits[0]])

    def order(self) -> list[int]:
        """Target ids from top to bottom."""
        return [int(i) for i in self._snapshot.ids[self._order]]

    def bar_data(self) -> list[BarDatum]:
        """Every bar (not only those on screen), top to bottom."""
        return [self._datum(int(i)) for i in self._order]

    def shown_names(self) -> list[str]:
        """The names on the axis now, top to bottom (elided ones with their ellipsis)."""
        return list(self._shown_names)

    def visible_range(self) -> range:
        """Positions of the bars on screen."""
        return range(self._first, self._first + self._page)

    def export_view(self) -> QWidget:
        return self._view

    def export_title(self) -> str:
        return self.tr("Percent complete")

    # -- drawing ------------------------------------------------------------------------

    def _redraw(self) -> None:
        n = len(self._order)
        height = max(self._vb.height(), 1.0)
        row_px = min(ROW_MAX_PX, max(ROW_MIN_PX, height / (n + HEADER_ROWS) if n else ROW_MAX_PX))
        capacity = max(1, int(height / row_px - HEADER_ROWS))
        self._scroll.blockSignals(True)
        self._scroll.setRange(0, max(0, n - capacity))
        self._scroll.setPageStep(capacity)
        self._scroll.setVisible(n > capacity)
        self._first = self._scroll.value()
        self._scroll.blockSignals(False)
        self._page = max(0, min(capacity, n - self._first))
        top = self._first - 0.5 - HEADER_ROWS
        self._vb.setYRange(top, top + height / row_px, padding=0)
        self._draw_rows()

    def _draw_rows(self) -> None:
        snap, shown = self._snapshot, self._order[self._first:self._first + self._page]
        percent = snap.percent[shown]
        ends = np.clip(np.nan_to_num(percent, nan=0.0), NEGATIVE_CLIP, CLIP)
        y = np.arange(self._first, self._first + len(shown), dtype=np.float64)
        self.bars.setOpts(
            x0=np.minimum(ends, 0.0), width=np.abs(ends), y=y,
            brushes=[self._brushes[s] for s in snap.status[shown]],
        )
        x_lo, x_hi = self._x_range()
        labels = [self._value_label(int(i), float(yy)) for i, yy in zip(shown, y, strict=True)]
        labels += [
            Label(CLIP, float(yy), "//", RIGHT, dx=-6, color=QColor("white"), bold=True)
            for p, yy in zip(percent, y, strict=True) if p > CLIP
        ]
        labels += self._reference_labels(x_lo, x_hi)
        self.labels.set_labels(labels)
        self._draw_names(shown, y)
        self._draw_highlight()
        step = 25 if x_hi <= 125 else 50
        ticks = [(v, f"{v:g}%") for v in np.arange(math.ceil(x_lo / step) * step, x_hi + 1, step)]
        self.plot.getAxis("bottom").setTicks([ticks, []])

    def _x_range(self) -> tuple[float, float]:
        finite = self._snapshot.percent[~np.isnan(self._snapshot.percent)]
        lowest = float(finite.min()) if finite.size else 0.0
        highest = float(finite.max()) if finite.size else 100.0
        x_lo = min(0.0, max(lowest, NEGATIVE_CLIP))
        x_hi = min(max(highest, 100.0), CLIP)
        label_px = self._metrics.horizontalAdvance(
            "8,888.88%  " + max((status_text(s) for s in STATUSES), key=len)
        ) + 14
        plot_px = max(self._vb.width(), label_px + 60)
        room = label_px * (x_hi - x_lo) / (plot_px - label_px)
        self._vb.setXRange(x_lo, x_hi + room, padding=0)
        return x_lo, x_hi

    def _value_label(self, index: int, y: float) -> Label:
        row = self._snapshot.rows[index]
        p = row.progress.percent
        status = status_text(row.progress.status)
        if p is None:
            return Label(0.0, y, status, LEFT, dx=6, color=MUTED, backdrop=True)
        return Label(min(max(p, 0.0), CLIP), y, f"{format_percent(p)}  {status}", LEFT, dx=6,
                     backdrop=True)

    def _reference_labels(self, x_lo: float, x_hi: float) -> list[Label]:
        y = self._first - 0.5 - HEADER_ROWS / 2
        labels = [Label(100.0, y, "100%", LEFT, dx=4, color=MUTED)]
        pace = self._snapshot.pace
        self.pace_line.setVisible(pace is not None)
        if pace is not None:
            self.pace_line.setValue(pace)
            text = self.tr("Expected pace %1").replace("%1", format_percent(pace))
            # Left of its line (clear of the 100% label) unless that would run off the chart.
            px_per_unit = self._vb.width() / max(self._vb.viewRange()[0][1] - x_lo, 1e-9)
            fits_left = self._metrics.horizontalAdvance(text) + 8 < (pace - x_lo) * px_per_unit
            labels.append(Label(pace, y, text, RIGHT if fits_left else LEFT,
                                dx=-4 if fits_left else 4, bold=True))
        return labels

    def _draw_names(self, shown: np.ndarray, y: np.ndarray) -> None:
        rows = self._snapshot.rows
        limit = NAME_MAX_FRACTION * max(self.width(), 300)
        ticks = [(float(yy), self._names.fit(rows[int(i)].target.name, limit))
                 for i, yy in zip(shown, y, strict=True)]
        self._shown_names = [name for _, name in ticks]
        axis = self.plot.getAxis("left")
        axis.setTicks([ticks, []])
        axis.setWidth(int(min(self._names.widest, limit) + 16))

    def _draw_highlight(self) -> None:
        ys = []
        for target_id in (self._selected, self._hovered):
            position = self.position_of(target_id)
            if position is not None and self._first <= position < self._first + self._page:
                ys.append(float(position))
        x0 = self._vb.viewRange()[0][0]
        self.highlight.setOpts(x0=[x0] * len(ys), width=[1e6] * len(ys), y=ys)

    def _scrolled(self, value: int) -> None:
        self._redraw()

    # -- mouse --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            steps = -event.angleDelta().y() / 40
            self._scroll.setValue(self._scroll.value() + round(steps))
            return True
        if event.type() == QEvent.Type.Leave:
            self._set_hovered(None)
        return super().eventFilter(watched, event)

    def _position_at(self, scene_pos: QPointF) -> int | None:
        names = self.plot.getAxis("left").sceneBoundingRect()
        area = self._vb.sceneBoundingRect()
        if not (area.contains(scene_pos) or names.contains(scene_pos)):
            return None
        y = self._vb.mapSceneToView(scene_pos).y()
        position = round(y)
        if abs(y - position) > 0.5 or not self._first <= position < self._first + self._page:
            return None
        return position

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        position = self._position_at(scene_pos)
        if position is None:
            self._set_hovered(None)
            QToolTip.hideText()
            return
        index = int(self._order[position])
        self._set_hovered(int(self._snapshot.ids[index]))
        QToolTip.showText(QCursor.pos(), self.tooltip(position), self._view)

    def _mouse_clicked(self, event: object) -> None:
        button = event.button()  # type: ignore[attr-defined]
        if button == Qt.MouseButton.LeftButton:
            position = self._position_at(event.scenePos())  # type: ignore[attr-defined]
            if position is not None:
                self._on_bar_clicked(position)

    def _on_bar_clicked(self, index: int) -> None:
        """The bar at ``index`` (from the top) was clicked: emit its target's id."""
        if 0 <= index < len(self._order):
            self.target_clicked.emit(int(self._snapshot.ids[self._order[index]]))

    def _set_hovered(self, target_id: int | None) -> None:
        if target_id != self._hovered:
            self._hovered = target_id
            self._draw_highlight()

    def tooltip(self, position: int) -> str:
        """The exact figures behind the bar at ``position``: name, latest figure with its unit
        and date, target, percent, expected pace and status."""
        row = self._snapshot.rows[int(self._order[position])]
        t, p = row.target, row.progress
        lines = [t.name]
        if p.latest is not None:
            lines.append(
                self.tr("Latest: %1 as of %2")
                .replace("%1", format_quantity(p.latest.value, t.unit))
                .replace("%2", p.latest.as_of.isoformat())
            )
        if t.target_value is not None:
            goal = format_quantity(t.target_value, t.unit)
            lines.append(self.tr("Target: %1").replace("%1", goal))
        lines.append(self.tr("Complete: %1").replace("%1", format_percent(p.percent)))
        lines.append(self.tr("Expected pace: %1").replace("%1", format_percent(p.expected)))
        lines.append(self.tr("Status: %1").replace("%1", status_text(p.status)))
        return "\n".join(lines)

    def _datum(self, index: int) -> BarDatum:
        row = self._snapshot.rows[index]
        p = row.progress.percent
        return BarDatum(
            int(self._snapshot.ids[index]), row.target.name, p,
            0.0 if p is None else float(np.clip(p, NEGATIVE_CLIP, CLIP)),
            row.progress.status.value, STATUS_COLORS[row.progress.status],
            self._value_label(index, 0.0).text,
        )

