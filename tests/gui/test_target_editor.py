"""The target editor dialog, Ctrl+Z in the entry row, the confirm box and the wait cursor.

Uses the shared ``bridge`` fixture (tests/gui/conftest.py: the demo in memory, today
2022-12-01, user "tester"); the conflict test uses ``two_services``, which opens one file
through two services.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from editor_helpers import HEATING, heating, type_text

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from tracker.commands import UpdateTarget
from tracker.domain import Target
from tracker.gui.bridge import ServiceBridge
from tracker.gui.widgets import confirm as confirm_module
from tracker.gui.widgets.target_editor import TargetEditor
from tracker.io.demo import demo_command
from tracker.service import TrackerService

# -- target editor --------------------------------------------------------------------------


def open_editor(qtbot, bridge, target: Target | None = None) -> TargetEditor:
    targets = bridge.service.targets()
    dialog = TargetEditor(bridge, target, [t.category for t in targets],
                          [t.department for t in targets])
    qtbot.addWidget(dialog)
    return dialog


def fill_new(qtbot, dialog: TargetEditor, name: str) -> None:
    type_text(qtbot, dialog.name, name)
    dialog.category.setCurrentText("民生保障")
    dialog.unit.setCurrentText("户")
    qtbot.keyClicks(dialog.target_value, "1,200")


def test_editor_empty_name_shows_error_and_disables_ok(qtbot, bridge):
    dialog = open_editor(qtbot, bridge, heating(bridge.service))
    assert dialog.windowTitle() == f"Edit target – {HEATING}"
    assert dialog.ok_button.isEnabled()
    dialog.name.clear()
    assert dialog.errors["name"].isVisibleTo(dialog) and dialog.errors["name"].text()
    assert not dialog.ok_button.isEnabled()


def test_editor_bad_number_is_shown_under_its_field(qtbot, bridge):
    dialog = open_editor(qtbot, bridge)
    fill_new(qtbot, dialog, "新指标")
    dialog.baseline.setText("约100")
    assert "约100" in dialog.errors["baseline"].text()
    assert not dialog.ok_button.isEnabled()


def test_editor_creates_a_valid_new_target(qtbot, bridge):
    dialog = open_editor(qtbot, bridge)
    assert dialog.windowTitle() == "New target" and not dialog.ok_button.isEnabled()
    fill_new(qtbot, dialog, "农村改厕")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    created = bridge.service.find_target("农村改厕")
    assert created.target_value == 1200 and created.unit == "户" and created.tolerance == 0.05
    assert dialog.saved_target_id == created.id and dialog.result() == dialog.DialogCode.Accepted
    bridge.undo_stack.undo()
    assert all(t.name != "农村改厕" for t in bridge.service.targets())


def test_editor_saves_only_changed_fields(qtbot, bridge):
    target = heating(bridge.service)
    audit_before = len(bridge.service.audit(target.id))
    dialog = open_editor(qtbot, bridge, target)
    dialog.tolerance.setValue(10)
    dialog.ok_button.click()
    new_lines = bridge.service.audit(target.id)[: len(bridge.service.audit(target.id))
                                                 - audit_before]
    assert [(e.field, e.old_value, e.new_value) for e in new_lines] == [("tolerance", "0.05",
                                                                          "0.1")]
    assert bridge.service.target(target.id) == replace(
        target, tolerance=0.1, version=target.version + 1,
        updated_at=bridge.service.target(target.id).updated_at)


def test_editor_duplicate_name_is_shown_under_name(qtbot, bridge):
    dialog = open_editor(qtbot, bridge)
    fill_new(qtbot, dialog, HEATING)
    dialog.ok_button.click()
    assert dialog.errors["name"].isVisibleTo(dialog) and dialog.errors["name"].text()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_editor_milestone_needs_no_target_value(qtbot, bridge):
    dialog = open_editor(qtbot, bridge)
    type_text(qtbot, dialog.name, "新厂投运")
    dialog.kind.setCurrentIndex(dialog.kind.findData("milestone"))
    assert not dialog.target_value.isEnabled() and dialog.ok_button.isEnabled()


def test_editor_conflict_keep_mine_and_use_theirs(qtbot, two_services):
    bridge, theirs = two_services
    target = heating(bridge.service)
    dialog = open_editor(qtbot, bridge, target)
    theirs.execute(UpdateTarget(target.id, {"department": "市能源局"}, target.version))
    dialog.tolerance.setValue(8)
    dialog.ok_button.click()
    assert dialog.banner.isVisibleTo(dialog)
    assert "市能源局" in dialog.theirs["department"].text()
    assert dialog.tolerance.value() == 8  # the typed value is kept
    dialog.banner.keep_button.click()
    saved = theirs.target(target.id)
    assert saved.tolerance == 0.08 and saved.department == "市能源局"

    dialog = open_editor(qtbot, bridge, bridge.service.target(target.id))
    theirs.execute(UpdateTarget(target.id, {"tolerance": 0.2}, saved.version))
    dialog.tolerance.setValue(9)
    dialog.ok_button.click()
    dialog.banner.theirs_button.click()
    assert dialog.tolerance.value() == 20 and theirs.target(target.id).tolerance == 0.2


def test_editor_on_read_only_database_cannot_save(qtbot, tmp_path: Path):
    path = tmp_path / "ro.db"
    writer = TrackerService.open(path)
    writer.execute(demo_command())
    writer.close()
    reader = TrackerService.open(path, read_only=True)
    bridge = ServiceBridge(reader)
    dialog = open_editor(qtbot, bridge, heating(reader))
    assert not dialog.ok_button.isEnabled()
    bridge.detach()
    reader.close()


def undo_key_stays_in(edit: QLineEdit) -> bool:
    """Whether Ctrl+Z pressed in ``edit`` would undo its text rather than reach the window."""
    event = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Z,
                      Qt.KeyboardModifier.ControlModifier)
    event.ignore()
    QApplication.sendEvent(edit, event)
    return event.isAccepted()


def test_ctrl_z_after_adding_reaches_the_window_undo(qtbot, panel):
    type_text(qtbot, panel.value_edit, "104")
    assert undo_key_stays_in(panel.value_edit)  # typing is undone in the field first
    qtbot.keyClick(panel.value_edit, Qt.Key.Key_Return)
    assert not undo_key_stays_in(panel.value_edit)  # then Ctrl+Z undoes the figure


@pytest.mark.parametrize(("button", "expected"), [("Yes", True), ("No", False)])
def test_confirm_returns_a_plain_bool(monkeypatch, button, expected):
    from PySide6.QtWidgets import QMessageBox

    answer = getattr(QMessageBox.StandardButton, button)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answer)
    assert confirm_module.confirm(None, "Delete target", "Delete it?") is expected


def test_undo_and_redo_show_the_wait_cursor_while_they_run(bridge):
    from PySide6.QtGui import QGuiApplication

    from tracker.commands import Changes

    seen: list[object] = []

    class Slow:
        def apply(self, repo, source):
            cursor = QGuiApplication.overrideCursor()
            seen.append(cursor.shape() if cursor else None)
            return self, Changes(frozenset())

        def describe(self) -> str:
            return "slow"

    bridge.run(Slow())
    bridge.undo_stack.undo()
    bridge.undo_stack.redo()
    assert seen == [None, Qt.CursorShape.WaitCursor, Qt.CursorShape.WaitCursor]
    assert QGuiApplication.overrideCursor() is None
