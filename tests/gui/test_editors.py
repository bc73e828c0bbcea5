"""The figure panel, the history view and the target editor, driven through qtbot.

Uses the shared ``bridge`` fixture (tests/gui/conftest.py: the demo in memory, today
2022-12-01, user "tester"); the conflict tests open one file through two services.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import QDate, QEvent, QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit

from tracker.commands import AddMeasurement, UpdateMeasurement, UpdateTarget
from tracker.domain import Measurement, Target
from tracker.gui.bridge import ServiceBridge
from tracker.gui.models.audit import AuditModel
from tracker.gui.models.audit import Column as AuditColumn
from tracker.gui.models.measurements import Column, MeasurementsModel
from tracker.gui.models.roles import MeasurementRole, SortRole
from tracker.gui.widgets import confirm as confirm_module
from tracker.gui.widgets.audit_view import AuditView
from tracker.gui.widgets.measurements_panel import MeasurementsPanel
from tracker.gui.widgets.target_editor import TargetEditor
from tracker.io.demo import demo_command
from tracker.service import TrackerService

HEATING = "清洁取暖改造"


def heating(service: TrackerService) -> Target:
    return service.find_target(HEATING)


def figures(service: TrackerService, target: Target) -> dict[date, float]:
    return {m.as_of: m.value for m in service.measurements(target.id)}


@pytest.fixture
def panel(qtbot, bridge: ServiceBridge) -> MeasurementsPanel:
    widget = MeasurementsPanel(bridge)
    qtbot.addWidget(widget)
    widget.show_target(heating(bridge.service).id)
    return widget


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


def editor_of(panel: MeasurementsPanel, row: int, column: Column):
    index = panel.model.index(row, column)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    return panel.table.indexWidget(index)


# -- models ---------------------------------------------------------------------------------


def test_models_pass_qtmodeltester(qtmodeltester, bridge):
    target = heating(bridge.service)
    bridge.service.execute(AddMeasurement(Measurement(target.id, date(2022, 6, 30), 50_000)))
    measurements = MeasurementsModel(bridge.service)
    measurements.show_target(target.id)
    audit = AuditModel(bridge.service)
    audit.show_target(target.id)
    qtmodeltester.check(measurements)
    qtmodeltester.check(audit)
    assert measurements.rowCount() == 2 and audit.rowCount() >= 3


def test_measurement_values_are_right_aligned_with_unit(bridge):
    model = MeasurementsModel(bridge.service)
    model.show_target(heating(bridge.service).id)
    index = model.index(0, Column.VALUE)
    assert index.data() == "103,516户"
    assert index.data(Qt.ItemDataRole.EditRole) == "103516"
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_all_roles_at_once_answer_as_one_at_a_time(bridge):
    target = heating(bridge.service)
    bridge.service.execute(AddMeasurement(Measurement(target.id, date(2022, 6, 30), 50_000,
                                                      note="抽查", source="月报")))
    model = MeasurementsModel(bridge.service)
    model.show_target(target.id)
    roles = [*Qt.ItemDataRole, MeasurementRole, SortRole]
    for row in range(model.rowCount()):
        for column in Column:
            index = model.index(row, column)
            for role in roles:
                asked = QModelRoleData(int(role))
                model.multiData(index, QModelRoleDataSpan(asked))
                assert asked.data() == index.data(role), (row, column, role)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_figure_columns_are_sized_on_the_newest_figures(qtbot, bridge):
    # A weekly target gathers hundreds of figures; the oldest, with its long source, sits
    # below the rows the widths are judged on.
    target = heating(bridge.service)
    long_source = "一份来源名称非常非常长的旧报表" * 3
    for day in range(1, 41):
        bridge.service.execute(AddMeasurement(Measurement(
            target.id, date(2021, 1, day) if day <= 31 else date(2021, 2, day - 31),
            float(day), source=long_source if day == 1 else "周报")))
    panel = MeasurementsPanel(bridge)
    qtbot.addWidget(panel)
    panel.show_target(target.id)
    panel.show()
    needed = panel.table.fontMetrics().horizontalAdvance(long_source)
    assert panel.model.rowCount() > 40
    assert panel.table.columnWidth(Column.SOURCE) < needed


def test_model_keeps_rows_in_place_through_edits(qtmodeltester, bridge):
    target = heating(bridge.service)
    model = MeasurementsModel(bridge.service)
    model.show_target(target.id)
    bridge.changed.connect(model.refresh)
    qtmodeltester.check(model)
    bridge.run(AddMeasurement(Measurement(target.id, date(2022, 6, 30), 50_000)))
    first = model.measurement(1)
    bridge.run(UpdateMeasurement(first.id, {"as_of": date(2022, 12, 20)}, first.version))
    assert [m.as_of for m in model.measurements()] == [date(2022, 12, 20), date(2022, 11, 30)]
    bridge.undo_stack.undo()
    assert [m.as_of for m in model.measurements()] == [date(2022, 11, 30), date(2022, 6, 30)]


# -- entry row ------------------------------------------------------------------------------


def test_enter_adds_a_figure_and_undo_redo_follow(qtbot, panel, bridge):
    service, target = bridge.service, heating(bridge.service)
    audit_before = len(service.audit(target.id))
    type_entry(qtbot, panel, "104,000", date(2022, 12, 1))
    assert figures(service, target)[date(2022, 12, 1)] == 104_000
    assert len(service.audit(target.id)) == audit_before + 1
    assert panel.model.index(0, Column.VALUE).data() == "104,000户"
    assert panel.value_edit.selectedText() == "104,000"  # ready for the next figure
    bridge.undo_stack.undo()
    assert date(2022, 12, 1) not in figures(service, target)
    assert panel.model.rowCount() == 1
    bridge.undo_stack.redo()
    assert figures(service, target)[date(2022, 12, 1)] == 104_000
    assert panel.model.rowCount() == 2


def test_new_figure_defaults_to_today_within_the_period(panel):
    assert panel.date_edit.date() == QDate(2022, 12, 1)


def test_bad_value_is_explained_inline_and_changes_nothing(qtbot, panel, bridge):
    service, target = bridge.service, heating(bridge.service)
    before, audit_before = figures(service, target), len(service.audit(target.id))
    type_entry(qtbot, panel, "约100", date(2022, 12, 1))
    assert panel.entry_error.isVisibleTo(panel) and "约100" in panel.entry_error.text()
    assert panel.entry_error.objectName() == "fieldError"
    assert panel.value_edit.text() == "约100"
    assert figures(service, target) == before
    assert len(service.audit(target.id)) == audit_before
    assert bridge.undo_stack.count() == 0


def test_date_that_has_a_figure_is_refused_inline(qtbot, panel, bridge):
    type_entry(qtbot, panel, "1", date(2022, 11, 30))
    assert panel.entry_error.isVisibleTo(panel)
    assert panel.value_edit.text() == "1"
    assert figures(bridge.service, heating(bridge.service))[date(2022, 11, 30)] == 103_516


def test_escape_clears_the_entry(qtbot, panel):
    type_text(qtbot, panel.note_edit, "见报")
    type_text(qtbot, panel.value_edit, "约")
    qtbot.keyClick(panel.value_edit, Qt.Key.Key_Return)
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Escape)
    assert panel.value_edit.text() == panel.note_edit.text() == ""
    assert not panel.entry_error.isVisibleTo(panel)


def test_read_only_disables_entry(panel, qtbot, tmp_path: Path):
    panel.set_read_only(True)
    assert not panel.value_edit.isEnabled() and not panel.add_button.isEnabled()
    assert not panel.model.flags(panel.model.index(0, Column.VALUE)) & Qt.ItemFlag.ItemIsEditable
    assert not panel.delete_selected()
    panel.set_read_only(False)
    assert panel.value_edit.isEnabled()

    path = tmp_path / "ro.db"
    writer = TrackerService.open(path, who="setup")
    writer.execute(demo_command())
    writer.close()
    reader = TrackerService.open(path, read_only=True)
    ro_bridge = ServiceBridge(reader)
    ro_panel = MeasurementsPanel(ro_bridge)
    qtbot.addWidget(ro_panel)
    ro_panel.show_target(heating(reader).id)
    ro_panel.set_read_only(False)  # a read-only database cannot be switched to writable
    assert not ro_panel.value_edit.isEnabled()
    ro_bridge.detach()
    reader.close()


# -- history table --------------------------------------------------------------------------


def test_editing_a_value_cell_changes_the_database(qtbot, panel, bridge):
    editor = editor_of(panel, 0, Column.VALUE)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "103600")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits from the event loop
    qtbot.waitUntil(lambda: figures(bridge.service, heating(bridge.service))
                    [date(2022, 11, 30)] == 103_600)
    bridge.undo_stack.undo()
    assert figures(bridge.service, heating(bridge.service))[date(2022, 11, 30)] == 103_516


def test_editing_a_date_cell_uses_the_calendar_editor(qtbot, panel, bridge):
    editor = editor_of(panel, 0, Column.AS_OF)
    assert isinstance(editor, QDateEdit) and editor.calendarPopup()
    assert editor.displayFormat() == "yyyy-MM-dd"
    editor.setDate(QDate(2022, 11, 29))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: date(2022, 11, 29) in figures(bridge.service,
                                                          heating(bridge.service)))


def test_enter_opens_the_cell_editor_and_escape_cancels(qtbot, panel, bridge):
    panel.table.setCurrentIndex(panel.model.index(0, Column.NOTE))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    editor = panel.table.indexWidget(panel.model.index(0, Column.NOTE))
    assert isinstance(editor, QLineEdit)
    editor.setText("改过的备注")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.table.indexWidget(panel.model.index(0, Column.NOTE)) is None)
    assert bridge.undo_stack.count() == 0
    assert panel.model.measurement(0).note == "截至11月底，完成率108.51%"


def test_tab_commits_the_cell_and_moves_on(qtbot, panel, bridge):
    editor = editor_of(panel, 0, Column.NOTE)
    editor.setText("见朔州日报")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert bridge.service.measurements(heating(bridge.service).id)[0].note == "见朔州日报"
    assert panel.table.currentIndex().column() == Column.SOURCE


def test_bad_cell_value_is_explained_and_not_saved(qtbot, panel, bridge):
    assert not panel.model.setData(panel.model.index(0, Column.VALUE), "约100")
    assert "约100" in panel.table_error.text()
    assert bridge.undo_stack.count() == 0


def test_delete_asks_nothing_and_one_undo_restores_all(qtbot, panel, bridge, monkeypatch):
    monkeypatch.setattr(confirm_module, "confirm", lambda *a: pytest.fail("asked"))
    service = bridge.service
    target = heating(service)
    service.execute(AddMeasurement(Measurement(target.id, date(2022, 6, 30), 50_000)))
    messages: list[str] = []
    panel.status_message.connect(messages.append)
    panel.table.selectAll()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert figures(service, target) == {}
    assert "2" in messages[-1] and "Ctrl+Z" in messages[-1]
    assert bridge.undo_stack.count() == 1
    bridge.undo_stack.undo()
    assert len(figures(service, target)) == 2


# -- conflicts ------------------------------------------------------------------------------


@pytest.fixture
def two_services(tmp_path: Path) -> Iterator[tuple[ServiceBridge, TrackerService]]:
    path = tmp_path / "shared.db"
    mine = TrackerService.open(path, who="me")
    mine.execute(demo_command())
    theirs = TrackerService.open(path, who="colleague")
    bridge = ServiceBridge(mine)
    yield bridge, theirs
    bridge.detach()
    theirs.close()
    mine.close()


def conflicted_panel(qtbot, two_services) -> tuple[MeasurementsPanel, TrackerService]:
    bridge, theirs = two_services
    panel = MeasurementsPanel(bridge)
    qtbot.addWidget(panel)
    panel.show_target(heating(bridge.service).id)
    stale = panel.model.measurement(0)
    theirs.execute(UpdateMeasurement(stale.id, {"value": 104_444.0}, stale.version))
    # Edit straight away, as a user would before the outside-change poll comes round.
    assert not panel.model.setData(panel.model.index(0, Column.VALUE), "105000")
    return panel, theirs


def test_conflict_banner_shows_both_values_and_keep_mine_writes(qtbot, two_services):
    panel, theirs = conflicted_panel(qtbot, two_services)
    assert panel.banner.objectName() == "conflictBanner" and panel.banner.isVisibleTo(panel)
    assert "104,444" in panel.banner.text() and "105,000" in panel.banner.text()
    panel.banner.keep_button.click()
    assert figures(theirs, heating(theirs))[date(2022, 11, 30)] == 105_000
    assert not panel.banner.isVisibleTo(panel)
    assert panel.model.index(0, Column.VALUE).data() == "105,000户"


def test_conflict_use_theirs_leaves_their_value(qtbot, two_services):
    panel, theirs = conflicted_panel(qtbot, two_services)
    panel.banner.theirs_button.click()
    assert figures(theirs, heating(theirs))[date(2022, 11, 30)] == 104_444
    assert panel.model.index(0, Column.VALUE).data() == "104,444户"
    assert not panel.banner.isVisibleTo(panel)


# -- history view ---------------------------------------------------------------------------


def test_audit_view_follows_edits(qtbot, panel, bridge):
    view = AuditView(bridge)
    qtbot.addWidget(view)
    target = heating(bridge.service)
    view.show_target(target.id)
    rows = view.model.rowCount()
    type_entry(qtbot, panel, "104000", date(2022, 12, 1))
    assert view.model.rowCount() == rows + 1
    newest = view.model.index(0, AuditColumn.CHANGE).data()
    assert "104,000户" in newest and view.model.index(0, AuditColumn.WHO).data() == "tester"
    bridge.run(UpdateTarget(target.id, {"tolerance": 0.1}, target.version))
    assert view.model.index(0, AuditColumn.CHANGE).data() == "5% → 10%"


def test_history_shows_an_import_as_one_line_per_target(bridge, tmp_path):
    from tracker.io.importer import plan_import, read_file, suggest_mapping

    target = heating(bridge.service)
    path = tmp_path / "figures.csv"
    path.write_text("指标,截至,数值\n" + "".join(
        f"{target.name},2023-01-{d:02},{d}\n" for d in range(1, 13))
        + "老旧小区改造,2023-01-05,66\n", encoding="utf-8")
    table = read_file(path)
    command = plan_import(bridge.service, table, suggest_mapping(table.headers),
                          file_name=path.name).command()
    undo = bridge.service.execute(command)
    redo = bridge.service.execute(undo)
    model = AuditModel(bridge.service)
    model.show_target(target.id)
    assert model.index(0, AuditColumn.WHAT).data() == "12 figures deleted"
    assert model.index(0, AuditColumn.CHANGE).data() == "2023-01-01 – 2023-01-12 → —"
    bridge.service.execute(redo)
    model.show_target(target.id)
    assert model.index(0, AuditColumn.WHAT).data() == "12 figures restored"
    bridge.service.execute(undo)
    bridge.run(command)
    model.show_target(target.id)
    line = [model.index(0, c).data() for c in AuditColumn]
    assert line[AuditColumn.WHAT] == "12 figures added"
    assert line[AuditColumn.CHANGE] == "— → 2023-01-01 – 2023-01-12"
    assert line[AuditColumn.SOURCE] == "import figures.csv rows 2–13"
    model.show_target(bridge.service.find_target("老旧小区改造").id)
    assert model.index(0, AuditColumn.WHAT).data() == "Figure 2023-01-05 added"
    assert model.index(0, AuditColumn.SOURCE).data() == "import figures.csv row 14"


def test_deleting_the_target_clears_the_panel(panel, bridge):
    from tracker.commands import DeleteTarget

    target = heating(bridge.service)
    bridge.run(DeleteTarget(target.id, target.version, target.name))
    assert panel.target is None and panel.model.rowCount() == 0
    assert not panel.value_edit.isEnabled()


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
