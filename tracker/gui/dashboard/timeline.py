"""One target's figures over its period, against the planned pace, the target and the forecast.

Cumulative targets get the planned pace line from (period start, baseline) to (period end,
target); levels get the target line; milestones get done / not-done points and the due date.
For lower-is-better targets the target is drawn as a ceiling with the good side shaded.
Every item is made once; choosing another target only feeds them new data.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from tracker.domain import Direction, FigureSeries, Kind, Status, TargetRow
from tracker.gui.dashboard.chart import (
    BASE_POINT_SIZE,
    LEFT,
    MUTED,
    RIGHT,
    ChartPanel,
    Label,
    NumberAxis,
    OpaqueGrid,
    Swatch,
    SwatchLegend,
    TextLayer,
    chart_axes,
    chart_font,
    make_view,
    style_plot,
)
from tracker.gui.status_style import STATUS_COLORS, status_text
from tracker.units import format_percent, format_quantity

FIGURES = QColor("#1f1f1f")
PLANNED = QColor("#8c8c8c")
TARGET = QColor(STATUS_COLORS[Status.ACHIEVED])  # a met target is this green everywhere
GOOD_SIDE = QColor(0, 158, 115, 34)
NOT_DONE = QColor("#ffffff")
DAY = 86400.0


def _figure(value: float, unit: str) -> str:
    """A computed figure at a sensible precision: 113,130户, 36.2 μg/m³, 2.85亿吨."""
    size = abs(value)
    return format_quantity(round(value, 0 if size >= 100 else 1 if size >= 10 else 2), unit)


class DateAxis(OpaqueGrid, pg.DateAxisItem):
    """Dates in UTC midnights, month names in the interface's locale (2月 or Feb)."""

    def __init__(self) -> None:
        super().__init__("bottom", utcOffset=0)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        if spacing < 20 * DAY:
            return super().tickStrings(values, scale, spacing)
        locale = QLocale()
        labels = []
        for value in values:
            day = datetime.fromtimestamp(value, UTC).date()
            if spacing > 300 * DAY or day.month == 1:
                labels.append(str(day.year))
            else:
                labels.append(locale.standaloneMonthName(day.month, QLocale.FormatType.ShortFormat))
        return labels


_EPOCH = date(1970, 1, 1).toordinal()
_JULIAN_1970 = 2440587.5  # the Julian day number of 1970-01-01 (FigureSeries.days)
#: No target, or one without figures (never changed: FigureSeries holds plain lists).
NO_FIGURES = FigureSeries([], [], [])


def timestamp(day: date) -> float:
    """Seconds since 1970 at midnight UTC: what DateAxisItem(utcOffset=0) shows as ``day``."""
    # Day numbers, not timetuple(): a target with 100,000 daily figures is drawn in
    # milliseconds, not half a second.
    return (day.toordinal() - _EPOCH) * DAY


#: The room a figure's marker needs, in pixels. Figures that do not fit side by side would
#: merge into a band of markers: then the line alone shows them (reduced to what the screen
#: can show, keeping each pixel column's highest and lowest), and only the newest figure,
#: where the forecast starts, keeps its marker.
MARKER_ROOM = 12.0
#: Markers assumed to fit before the chart has its size (it is re-marked when it gets it).
MARKERS_BEFORE_LAYOUT = 24


def marked(count: int, room: float) -> list[int]:
    """Which of ``count`` figures (in date order) get a marker when ``room`` markers fit
    side by side: every one, or the newest alone."""
    if count <= room:
        return list(range(count))
    return [count - 1]


class Timeline(ChartPanel):
    """The selected target's history; a message instead when none is selected or it has no
    figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = chart_font()
        self._title_font = chart_font(BASE_POINT_SIZE + 1.5, bold=True)
        self._detail_font = chart_font(9.0)
        self._row: TargetRow | None = None
        self._series = NO_FIGURES
        self._xs: list[float] = []
        self._ys: list[float] = []
        self._marked = -1  # how many markers are shown (-1: to be worked out)
        self._view = make_view()
        self.plot = self._view.addPlot(
            row=0,
            col=0,
            axisItems=chart_axes(bottom=DateAxis(), left=NumberAxis("left")),
        )
        style_plot(self.plot, font)
        self.plot.showGrid(x=True, y=True, alpha=0.12)
        self.legend = SwatchLegend(font)
        self._view.addItem(self.legend, row=1, col=0)

        # Made once, fed with setData/setValue/setRegion ever after.
        self.good_side = pg.LinearRegionItem(
            (0, 0), orientation="horizontal", movable=False, brush=GOOD_SIDE,
            pen=pg.mkPen(None),
        )
        self.pace = pg.PlotDataItem(pen=pg.mkPen(PLANNED, width=2), antialias=True)
        self.target_line = pg.InfiniteLine(0.0, angle=0, pen=pg.mkPen(TARGET, width=2))
        self.due_line = pg.InfiniteLine(
            0.0, angle=90, pen=pg.mkPen(MUTED, width=1.5, style=Qt.PenStyle.DashLine)
        )
        self.forecast = pg.PlotDataItem(
            pen=pg.mkPen(FIGURES, width=2, style=Qt.PenStyle.DashLine), antialias=True
        )
        self.figures = pg.PlotDataItem(pen=pg.mkPen(FIGURES, width=2), antialias=True)
        self.points = pg.ScatterPlotItem(
            size=9, pen=pg.mkPen(FIGURES, width=1.5), brush=FIGURES, hoverable=True,
            tip=self._point_tip, antialias=True,
        )
        self.labels = TextLayer(font)
        for item in (self.good_side, self.pace, self.target_line, self.due_line,
                     self.forecast, self.figures, self.points):
            self.plot.addItem(item)
        self.plot.addItem(self.labels, ignoreBounds=True)
        # Thousands of figures are drawn as the screen can show them (see MARKER_ROOM). Set
        # once added: adding gives a line the plot's own setting (none).
        self.figures.setDownsampling(auto=True, method="peak")
        self.figures.setClipToView(True)
        # Peak downsampling keeps each pixel column's lowest and highest figure: two samples
        # a pixel are all it needs (pyqtgraph's default of five has no setter of its own).
        self.figures.opts["autoDownsampleFactor"] = 2.0

        self._message = QLabel()
        self._message.setObjectName("emptyState")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setStyleSheet("color: #5f5f5f; background: white;")
        self._message.setFont(chart_font(10.5))
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self._message)
        self._stack.addWidget(self._view)
        self.show_target(None, NO_FIGURES)

    # -- public -------------------------------------------------------------------------

    def target_id(self) -> int | None:
        """The target shown, if any."""
        return self._row.target.id if self._row else None

    def is_empty(self) -> bool:
        """Whether the message is shown instead of a chart."""
        return self._stack.currentWidget() is self._message

    def message(self) -> str:
        """The empty-state message (blank when a chart is shown)."""
        return self._message.text() if self.is_empty() else ""

    def show_target(self, row: TargetRow | None, series: FigureSeries) -> None:
        """Show ``row``'s target with its figures (``series``, oldest first); None shows
        the message."""
        self._row, self._series = row, series
        if row is None:
            self._message.setText(self.tr("Click a bar to see that target's figures over time."))
            self._stack.setCurrentWidget(self._message)
            return
        if not series.days:
            self._message.setText(
                self.tr("“%1” has no figures yet.").replace("%1", row.target.name)
            )
            self._stack.setCurrentWidget(self._message)
            return
        self._stack.setCurrentWidget(self._view)
        self._draw(row, series)

    def retranslate(self) -> None:
        self.show_target(self._row, self._series)

    def export_view(self) -> QWidget:
        return self._stack.currentWidget()

    def export_title(self) -> str:
        return self._row.target.name if self._row else self.tr("Timeline")

    # -- drawing ------------------------------------------------------------------------

    def _draw(self, row: TargetRow, series: FigureSeries) -> None:
        t, p = row.target, row.progress
        xs = [(day - _JULIAN_1970) * DAY for day in series.days]
        ys = series.values
        milestone, lower = t.kind == Kind.MILESTONE, t.direction == Direction.LOWER
        cumulative = t.kind == Kind.CUMULATIVE
        start, end = timestamp(t.period_start), timestamp(t.period_end)
        base = t.baseline if t.baseline is not None else 0.0
        status_color = QColor(STATUS_COLORS[p.status])
        labels: list[Label] = []

        self.figures.setData([] if milestone else xs, [] if milestone else ys)
        self._xs, self._ys, self._marked = xs, ys, -1
        self._mark()

        show_pace = cumulative and t.target_value is not None
        self.pace.setData([start, end] if show_pace else [], [base, t.target_value]
                          if show_pace else [])
        self.target_line.setVisible(t.target_value is not None and not milestone)
        has_forecast = p.forecast is not None and xs[-1] < end
        if t.target_value is not None and not milestone:
            self.target_line.setValue(t.target_value)
            goal = format_quantity(t.target_value, t.unit)
            text = (self.tr("Limit %1 (lower is better)") if lower
                    else self.tr("Target %1")).replace("%1", goal)
            # At the period start, clear of the figures and the forecast, which end right.
            above = not lower
            labels.append(Label(start, t.target_value, text, LEFT, dx=4,
                                dy=-10 if above else 10, color=TARGET, bold=True, backdrop=True))
        if has_forecast and p.forecast is not None:
            self.forecast.setData([xs[-1], end], [ys[-1], p.forecast])
            self.forecast.setPen(pg.mkPen(status_color, width=2, style=Qt.PenStyle.DashLine))
            # Beside the end of the line on the side the figures do not come from.
            rising = p.forecast >= ys[0]
            labels.append(Label(end, p.forecast, self.tr("Forecast %1").replace(
                "%1", _figure(p.forecast, t.unit)), RIGHT, dx=-6, dy=-11 if rising else 11,
                backdrop=True))
        else:
            self.forecast.setData([], [])

        self.due_line.setVisible(milestone)
        if milestone:
            self.due_line.setValue(end)
            labels.append(Label(end, 1.2, self.tr("Due %1").replace(
                "%1", t.period_end.isoformat()), RIGHT, dx=-4, color=MUTED))

        lo, hi = self._y_range(row, ys)
        self.good_side.setVisible(lower and t.target_value is not None and not milestone)
        if lower and t.target_value is not None:
            self.good_side.setRegion((lo - (hi - lo), t.target_value))

        x_lo, x_hi = min(start, xs[0]), max(end, xs[-1])
        pad = (x_hi - x_lo) * 0.03 or 86400.0
        self.plot.setXRange(x_lo - pad, x_hi + pad, padding=0)
        self.plot.setYRange(lo, hi, padding=0)
        left = self.plot.getAxis("left")
        left.setTicks([[(0, self.tr("not done")), (1, self.tr("done"))], []] if milestone else None)
        self.labels.set_labels(labels)
        self.plot.setTitle(self._title(row))
        self.legend.set_entries(self._legend(row, status_color))

    def _y_range(self, row: TargetRow, ys: list[float]) -> tuple[float, float]:
        t, p = row.target, row.progress
        if t.kind == Kind.MILESTONE:
            return -0.3, 1.4
        values = list(ys)
        for v in (t.target_value, p.forecast):
            if v is not None:
                values.append(v)
        if t.kind == Kind.CUMULATIVE:
            values.append(t.baseline or 0.0)
        lo, hi = min(values), max(values)
        if t.direction == Direction.LOWER and t.target_value is not None:
            # Room under the limit, so the shaded good side shows as a band, not a line.
            lo = min(lo, t.target_value - 0.3 * ((hi - lo) or abs(hi) or 1.0))
        if lo >= 0 and (t.kind == Kind.CUMULATIVE or lo < 0.25 * hi):
            lo = 0.0
        span = (hi - lo) or abs(hi) or 1.0
        return lo - 0.06 * span * (lo != 0), hi + 0.14 * span

    def _title(self, row: TargetRow) -> str:
        """Name and standing on one line, the name elided to fit (the plot must not widen)."""
        t, p = row.target, row.progress
        parts = [status_text(p.status), self.tr("%1 complete").replace(
            "%1", format_percent(p.percent))]
        if t.unit and t.kind != Kind.MILESTONE:
            parts.insert(0, self.tr("in %1").replace("%1", t.unit))
        if t.direction == Direction.LOWER:
            parts.append(self.tr("lower is better"))
        detail = " · ".join(parts)
        room = self._view.width() - 40 - QFontMetricsF(self._detail_font).horizontalAdvance(
            detail) - 16
        name = QFontMetricsF(self._title_font).elidedText(
            t.name, Qt.TextElideMode.ElideRight, max(room, 80.0))
        return (f"{html.escape(name)}&nbsp;&nbsp;<span style='font-weight:normal;"
                f"font-size:9pt;color:#5f5f5f'>{html.escape(detail)}</span>")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._row is not None and not self.is_empty():
            self.plot.setTitle(self._title(self._row))
            self._mark()

    def _mark(self) -> None:
        """Markers on the figures that fit them (see MARKER_ROOM), each with its tip."""
        width = self.plot.getViewBox().width()
        room = width / MARKER_ROOM if width > 0 else MARKERS_BEFORE_LAYOUT
        milestone = self._row is not None and self._row.target.kind == Kind.MILESTONE
        # A milestone has no line: its markers are all there is to see of its figures.
        shown = marked(len(self._xs), len(self._xs) if milestone else room)
        if len(shown) == self._marked:
            return  # the same markers: a resize need not rebuild them
        self._marked = len(shown)
        # A dense line is drawn 1 px wide: Qt strokes a wider antialiased line through its
        # outline, which for a zigzag of daily figures takes seconds instead of milliseconds.
        pen_width = 1 if len(shown) < len(self._xs) else 2
        if self.figures.opts["pen"].widthF() != pen_width:
            self.figures.setPen(pg.mkPen(FIGURES, width=pen_width))
        xs, ys = [self._xs[i] for i in shown], [self._ys[i] for i in shown]
        if milestone:
            brushes = [TARGET if v >= 1 else NOT_DONE for v in ys]
            pens = [pg.mkPen(FIGURES if v >= 1 else MUTED, width=1.5) for v in ys]
            self.points.setData(xs, ys, brush=brushes, pen=pens, size=12, data=shown)
        else:
            self.points.setData(xs, ys, brush=FIGURES, pen=pg.mkPen(FIGURES, width=1.5),
                                size=8, data=shown)

    def _legend(self, row: TargetRow, status_color: QColor) -> list[Swatch]:
        t = row.target
        if t.kind == Kind.MILESTONE:
            return [Swatch(self.tr("done"), TARGET, "dot"),
                    Swatch(self.tr("not done"), MUTED, "ring"),
                    Swatch(self.tr("due date"), MUTED, "dash")]
        entries = [Swatch(self.tr("figures"), FIGURES, "line")]
        if t.kind == Kind.CUMULATIVE and t.target_value is not None:
            entries.append(Swatch(self.tr("planned pace"), PLANNED, "line"))
        if t.target_value is not None:
            entries.append(Swatch(self.tr("limit") if t.direction == Direction.LOWER
                                  else self.tr("target"), TARGET, "line"))
        entries.append(Swatch(self.tr("forecast to period end"), status_color, "dash"))
        return entries

    def _point_tip(self, x: float, y: float, data: object) -> str:
        days, values, notes = self._series
        if self._row is None or not isinstance(data, int) or data >= len(days):
            return ""
        t, figure = self._row.target, values[data]
        if t.kind == Kind.MILESTONE:
            value = self.tr("done") if figure >= 1 else self.tr("not done")
        else:
            value = format_quantity(figure, t.unit)
        as_of = date.fromordinal(round(days[data] - _JULIAN_1970) + _EPOCH).isoformat()
        return "\n".join(s for s in (as_of, value, notes[data]) if s)

