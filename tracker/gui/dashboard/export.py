"""Saving a chart as PNG or SVG and copying it to the clipboard.

pyqtgraph 0.14's SVGExporter fails on Qt 6.11, so SVG is painted with QSvgGenerator. The
generator's resolution must be the widget's logical DPI: without it Qt scales fonts by
72/96 and every label comes out the wrong size. Text stays text (<text> elements), so
Chinese names can be searched and edited in the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QGraphicsView, QWidget

# PNGs are rendered at twice the screen size so they stay crisp in reports and slides.
PNG_SCALE = 2.0


def ask_save_path(parent: QWidget, caption: str, name_filter: str, suggested: str) -> Path | None:
    """Ask where to save; None when the user cancels. Tests replace this one function."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, name_filter)
    return Path(path) if path else None


def render_image(view: QWidget, scale: float = PNG_SCALE) -> QImage:
    """``view`` painted into a white image ``scale`` times its size (vector items stay sharp)."""
    size = view.size()
    image = QImage(
        max(1, round(size.width() * scale)),
        max(1, round(size.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.white)
    # Screen resolution, so a 2x image reads as a normal-size picture at high density.
    dots_per_metre = round(view.logicalDpiX() * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        _paint(view, painter)
    finally:
        painter.end()
    return image


def write_png(view: QWidget, path: Path | str, scale: float = PNG_SCALE) -> Path:
    """Save ``view`` as a PNG at ``scale`` times its size; OSError if it cannot be written."""
    path = Path(path)
    if not render_image(view, scale).save(str(path), "PNG"):
        raise OSError(
            QCoreApplication.translate("Dashboard", "Could not write %1").replace("%1", str(path))
        )
    return path


def write_svg(view: QWidget, path: Path | str, title: str = "") -> Path:
    """Save ``view`` as an SVG with its text as text; OSError if it cannot be written."""
    path = Path(path)
    size = view.size()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setResolution(view.logicalDpiX())
    generator.setTitle(title)
    generator.setDescription(QCoreApplication.translate("Dashboard", "Made with Tracker"))
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(
            QCoreApplication.translate("Dashboard", "Could not write %1").replace("%1", str(path))
        )
    try:
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), Qt.GlobalColor.white)
        _paint(view, painter)
    finally:
        painter.end()
    if not path.exists():
        raise OSError(
            QCoreApplication.translate("Dashboard", "Could not write %1").replace("%1", str(path))
        )
    return path


def copy_image(view: QWidget, scale: float = PNG_SCALE) -> QImage:
    """Put ``view`` on the clipboard as an image and return it."""
    image = render_image(view, scale)
    QGuiApplication.clipboard().setImage(image)
    return image


def safe_file_name(title: str) -> str:
    """A file name made from a chart title (Chinese kept, path separators dropped)."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|\n\r\t' else ch for ch in title).strip(" ._")
    return cleaned or "chart"


def _paint(view: QWidget, painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if isinstance(view, QGraphicsView):
        # Through the view's own transform: exactly what is on screen, as vectors.
        rect = view.viewport().rect()
        view.render(painter, QRectF(rect), rect)
    else:
        view.render(painter)
