"""What the dashboard's charts share: a CJK font, plain white plots with explicit colours,
a text layer, a swatch legend and a panel that knows how to export itself.

Colours are set on every plot rather than through ``pg.setConfigOptions``, so the charts look
the same whatever global state other parts of the application leave behind.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QFont, QFontDatabase, QImage, QPainter, QPen
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from tracker.gui.dashboard import export
from tracker.units import format_number

# Fonts that carry Chinese glyphs, in order of preference (Windows, macOS, Linux).
CJK_FAMILIES = ("Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC")
BASE_POINT_SIZE = 9.5

BACKGROUND = QColor("#ffffff")
INK = QColor("#1f1f1f")  # text and axes
MUTED = QColor("#5f5f5f")  # secondary text and reference lines
FAINT = QColor("#e6e6e6")  # highlight bands
BACKDROP = QColor(255, 255, 255, 215)

Align = Qt.AlignmentFlag
LEFT = Align.AlignLeft | Align.AlignVCenter
RIGHT = Align.AlignRight | Align.AlignVCenter
CENTER = Align.AlignCenter
_FAR = 4000.0  # half-size of the box text is aligned in; text never clips


def chart_font(point_size: float = BASE_POINT_SIZE, bold: bool = False) -> QFont:
    """A font that renders Chinese: the first installed of CJK_FAMILIES, the rest as fallback.

    The first family is the one SVG files name, so an exported chart asks for a font the
    reader's system is likely to have.
    """
    installed = set(QFontDatabase.families())
    families = [f for f in CJK_FAMILIES if f in installed] or list(CJK_FAMILIES)
    font = QFont()
    font.setFamilies(families + [QFont().defaultFamily()])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def style_plot(plot: pg.PlotItem, font: QFont) -> None:
    """White, black-inked, fixed (no pan, zoom or pyqtgraph menus): charts, not instruments."""
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getViewBox().setMouseEnabled(x=False, y=False)
    # No background of the view box's own: the canvas is already white, and one would hide
    # the grid, which lies behind the plot (see OpaqueGrid).
    for name in ("left", "bottom", "top", "right"):
        axis = plot.getAxis(name)
        # Below zero the axis stacks behind its plot (pyqtgraph sets that flag), so the view
        # box, a child of the plot, is drawn over its grid.
        axis.setZValue(-0.5)
        axis.setPen(pg.mkPen(MUTED))
        axis.setTextPen(pg.mkPen(INK))
        axis.setTickPen(pg.mkPen(MUTED))
        axis.setTickFont(font)
        axis.label.setFont(font)
    plot.titleLabel.item.setFont(chart_font(BASE_POINT_SIZE + 1.5, bold=True))
    plot.titleLabel.setAttr("color", INK.name())


def opaque_over_background(color: QColor) -> QColor:
    """``color`` at its alpha blended over the white canvas: how it looks, without alpha."""
    alpha = color.alphaF()
    return QColor.fromRgbF(*(alpha * c + (1 - alpha) * b for c, b in zip(
        (color.redF(), color.greenF(), color.blueF()),
        (BACKGROUND.redF(), BACKGROUND.greenF(), BACKGROUND.blueF()), strict=True)))


class OpaqueGrid:
    """Mixed into an axis: its grid lines are drawn opaque, in the colour they would show.

    pyqtgraph draws grid lines in the tick pen's colour at a low alpha. Qt's raster engine
    blends a translucent line that spans more than about a hundred pixel rows on its GUI
    thread pool, one hand-off per line; with two cores that made the dashboard wait 5–10 ms
    per redraw. Blended beforehand over the canvas and drawn
    opaque, a line is a plain fill on the calling thread. The two look the same because
    style_plot puts the axes (and so the grid) behind the plot's items, as charts usually
    keep their grid, where only the white canvas is under it. That holds while style_plot
    runs after the plot's axes are set (pyqtgraph's setAxisItems puts an axis back in front)
    and the view box has no background of its own; tests/gui check both.
    """

    def drawPicture(self, p: QPainter, axisSpec: Any, tickSpecs: list, textSpecs: list) -> None:  # noqa: N802, N803
        opaque = []
        for pen, start, stop in tickSpecs:
            if pen.color().alpha() < 255:
                pen = QPen(pen)
                pen.setColor(opaque_over_background(pen.color()))
            opaque.append((pen, start, stop))
        super().drawPicture(p, axisSpec, opaque, textSpecs)  # type: ignore[misc]


class ChartAxis(OpaqueGrid, pg.AxisItem):
    """The axis every chart uses (see OpaqueGrid)."""


def chart_axes(**axes: pg.AxisItem) -> dict[str, pg.AxisItem]:
    """Left and bottom axes for ``addPlot(axisItems=...)``: ChartAxis where ``axes`` gives
    none. (The top and right axes stay pyqtgraph's own, hidden: an axis item given for
    them would be shown.)"""
    given = {side: axes.get(side) for side in ("left", "bottom")}
    return {side: ChartAxis(side) if axis is None else axis for side, axis in given.items()}


class NumberAxis(ChartAxis):
    """An axis that writes figures as the office does: 103,516 rather than 1.035e5."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        decimals = 0 if spacing >= 1 else min(4, max(0, -math.floor(math.log10(spacing))))
        # A tick at 0 computed as -1e-12 must not read "-0".
        return [format_number(0.0 if abs(v) < spacing * 1e-6 else v * scale, decimals)
                for v in values]


def make_view() -> pg.GraphicsLayoutWidget:
    """A white pyqtgraph canvas."""
    view = pg.GraphicsLayoutWidget()
    view.setBackground(BACKGROUND)
    view.ci.setContentsMargins(6, 6, 10, 6)
    view.setMinimumSize(240, 160)
    return view


@dataclass(frozen=True, slots=True)
class Label:
    """A text placed at a data point, offset by ``dx``/``dy`` pixels and aligned by ``align``."""

    x: float
    y: float
    text: str
    align: Qt.AlignmentFlag = LEFT
    dx: float = 0.0
    dy: float = 0.0
    color: QColor | None = None
    bold: bool = False
    backdrop: bool = False  # a white box behind the text, so lines under it do not cross it


class TextLayer(pg.GraphicsObject):
    """Many labels in one item: positioned in data coordinates, drawn at screen size.

    One item instead of a TextItem per label keeps redraws cheap, and ``drawText`` keeps the
    labels as real text in SVG exports.
    """

    def __init__(self, font: QFont, color: QColor = INK) -> None:
        super().__init__()
        self._font = font
        self._bold = QFont(font)
        self._bold.setBold(True)
        self._color = color
        self._labels: Sequence[Label] = ()
        self._bounds = QRectF()

    def set_labels(self, labels: Sequence[Label]) -> None:
        """Replace every label."""
        self._labels = labels
        self.update()

    def labels(self) -> Sequence[Label]:
        """The labels now shown."""
        return self._labels

    def dataBounds(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802
        return None  # labels never widen the view

    def viewRangeChanged(self) -> None:  # noqa: N802
        vb = self.getViewBox()
        if vb is not None:
            self.prepareGeometryChange()
            self._bounds = vb.viewRect()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(self._bounds)

    def paint(self, painter: QPainter, *args: Any) -> None:
        if not self._labels:
            return
        to_device = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        pen = QPen(self._color)
        for label in self._labels:
            point = to_device.map(QPointF(label.x, label.y))
            x, y = point.x() + label.dx, point.y() + label.dy
            if label.align & Align.AlignRight:
                box = QRectF(x - 2 * _FAR, y - _FAR, 2 * _FAR, 2 * _FAR)
            elif label.align & Align.AlignHCenter:
                box = QRectF(x - _FAR, y - _FAR, 2 * _FAR, 2 * _FAR)
            else:
                box = QRectF(x, y - _FAR, 2 * _FAR, 2 * _FAR)
            painter.setFont(self._bold if label.bold else self._font)
            flags = int(label.align | Align.AlignVCenter)
            if label.backdrop:
                area = painter.boundingRect(box, flags, label.text).adjusted(-2, 0, 2, 0)
                painter.fillRect(area, BACKDROP)
            pen.setColor(label.color or self._color)
            painter.setPen(pen)
            painter.drawText(box, flags, label.text)
        painter.restore()


@dataclass(frozen=True, slots=True)
class Swatch:
    """A legend entry: a filled box, a line (``dash`` for dashed), a dot or a hollow ring."""

    text: str
    color: QColor
    shape: str = "box"  # "box", "line", "dash", "dot" or "ring"


class SwatchLegend(pg.GraphicsWidget):
    """A one-line legend under a plot; wraps to more lines when narrow."""

    ROW_HEIGHT = 20
    SAMPLE = 18

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self._font = font
        self._entries: Sequence[Swatch] = ()
        self.setSizePolicy(
            pg.QtWidgets.QSizePolicy.Policy.Expanding, pg.QtWidgets.QSizePolicy.Policy.Fixed
        )
        self.setFixedHeight(self.ROW_HEIGHT + 4)

    def set_entries(self, entries: Sequence[Swatch]) -> None:
        """Show ``entries`` in order."""
        self._entries = tuple(entries)
        self._relayout()

    def entries(self) -> Sequence[Swatch]:
        """The entries now shown."""
        return self._entries

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def _places(self, width: float) -> list[tuple[float, float, Swatch]]:
        metrics = pg.QtGui.QFontMetricsF(self._font)
        x, y, places = 8.0, 2.0, []
        for entry in self._entries:
            w = self.SAMPLE + 5 + metrics.horizontalAdvance(entry.text) + 16
            if x > 8 and x + w > width:
                x, y = 8.0, y + self.ROW_HEIGHT
            places.append((x, y, entry))
            x += w
        return places

    def _relayout(self) -> None:
        places = self._places(max(self.size().width(), 100.0))
        lines = 1 + round((places[-1][1] - 2) / self.ROW_HEIGHT) if places else 1
        self.setFixedHeight(lines * self.ROW_HEIGHT + 4)
        self.update()

    def paint(self, painter: QPainter, *args: Any) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        for x, y, entry in self._places(self.size().width()):
            mid = y + self.ROW_HEIGHT / 2
            color = entry.color
            if entry.shape == "box":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                painter.drawRect(QRectF(x + 3, mid - 6, 12, 12))
            elif entry.shape in ("dot", "ring"):
                painter.setPen(QPen(INK if entry.shape == "dot" else color, 1.5))
                painter.setBrush(color if entry.shape == "dot" else BACKGROUND)
                painter.drawEllipse(QPointF(x + 9, mid), 5, 5)
            else:
                style = Qt.PenStyle.DashLine if entry.shape == "dash" else Qt.PenStyle.SolidLine
                painter.setPen(QPen(color, 2, style))
                painter.drawLine(QPointF(x, mid), QPointF(x + self.SAMPLE, mid))
            painter.setPen(INK)
            painter.drawText(
                QRectF(x + self.SAMPLE + 5, y, _FAR, self.ROW_HEIGHT), int(LEFT), entry.text
            )


class ChartPanel(QWidget):
    """A chart that exports itself: PNG, SVG and the clipboard, from a right-click menu too.

    Subclasses say which widget is the picture (``export_view``) and what it shows
    (``export_title``).
    """

    def export_view(self) -> QWidget:
        """The widget painted into exports."""
        raise NotImplementedError

    def export_title(self) -> str:
        """The title written into SVG files and offered as the file name."""
        return self.tr("Chart")

    def export_png(self, path: Path | str) -> Path:
        """Save the chart as a PNG at twice its screen size."""
        return export.write_png(self.export_view(), path)

    def export_svg(self, path: Path | str) -> Path:
        """Save the chart as an SVG with its text as text."""
        return export.write_svg(self.export_view(), path, self.export_title())

    def copy_image(self) -> QImage:
        """Put the chart on the clipboard as an image."""
        return export.copy_image(self.export_view())

    def export_menu(self) -> QMenu:
        """The right-click menu: Export PNG…, Export SVG…, Copy image."""
        menu = QMenu(self)
        menu.addAction(self.tr("Export PNG…"), self._ask_export_png)
        menu.addAction(self.tr("Export SVG…"), self._ask_export_svg)
        menu.addAction(self.tr("Copy image"), self.copy_image)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.export_menu().exec(event.globalPos())
        event.accept()

    def retranslate(self) -> None:
        """Set every text again in the interface language (after the language changed)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _ask_export_png(self) -> None:
        path = export.ask_save_path(
            self, self.tr("Export PNG"), self.tr("PNG images (*.png)"),
            export.safe_file_name(self.export_title()) + ".png",
        )
        if path is not None:
            self._report_failure(self.export_png, path)

    def _ask_export_svg(self) -> None:
        path = export.ask_save_path(
            self, self.tr("Export SVG"), self.tr("SVG drawings (*.svg)"),
            export.safe_file_name(self.export_title()) + ".svg",
        )
        if path is not None:
            self._report_failure(self.export_svg, path)

    def _report_failure(self, save: Any, path: Path) -> None:
        try:
            save(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
