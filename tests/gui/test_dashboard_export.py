"""The dashboard's exports: PNG at twice the size, SVG with its text kept as text, the
clipboard, and the context menu that offers them.

Uses the shared ``bridge`` and ``dashboard`` fixtures (tests/gui/conftest.py: the demo in
memory, today 2022-12-01).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from dashboard_helpers import CLEAN_HEATING, target_id

from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from tracker.gui.dashboard import DashboardWidget, export

# The offscreen platform cannot pass a shown window's minimum size on; nothing to fix here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SVG = "{http://www.w3.org/2000/svg}"


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
