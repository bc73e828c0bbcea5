"""The figure panel's history table, its conflict banner, and the history (audit) view.

Uses the shared ``bridge`` and ``panel`` fixtures (tests/gui/conftest.py: the demo in
memory, today 2022-12-01, user "tester"); the conflict tests use ``two_services``, which
opens one file through two services.
"""

from __future__ import annotations

from datetime import date

import pytest
from editor_helpers import figures, heating, type_entry

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QLineEdit

from tracker.commands import AddMeasurement, UpdateMeasurement, UpdateTarget
from tracker.domain import Measurement
from tracker.gui.models.audit import AuditModel
from tracker.gui.models.audit import Column as AuditColumn
from tracker.gui.models.measurements import Column
from tracker.gui.widgets import confirm as confirm_module
from tracker.gui.widgets.audit_view import AuditView
from tracker.gui.widgets.measurements_panel import MeasurementsPanel
from tracker.service import TrackerService


def editor_of(panel: MeasurementsPanel, row: int, column: Column):
    index = panel.model.index(row, column)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    return panel.table.indexWidget(index)


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
