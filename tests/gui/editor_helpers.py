"""Helpers for the editor tests: the clean-heating target, its figures, and typing.

The ``panel`` and ``two_services`` fixtures they work with are in tests/gui/conftest.py.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from tracker.domain import Target
from tracker.gui.widgets.measurements_panel import MeasurementsPanel
from tracker.service import TrackerService

HEATING = "清洁取暖改造"


def heating(service: TrackerService) -> Target:
    return service.find_target(HEATING)


def figures(service: TrackerService, target: Target) -> dict[date, float]:
    return {m.as_of: m.value for m in service.measurements(target.id)}

def type_text(qtbot, edit: QLineEdit, text: str) -> None:
    """Type into a line edit (QTest cannot send Chinese keystrokes; insert() types them)."""
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def type_entry(qtbot, panel: MeasurementsPanel, value: str, when: date) -> None:
    panel.date_edit.setDate(QDate(when.year, when.month, when.day))
    panel.value_edit.setText("")
    type_text(qtbot, panel.value_edit, value)
    qtbot.keyClick(panel.value_edit, Qt.Key.Key_Return)
