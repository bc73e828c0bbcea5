"""The figure panel: its models, and the entry row that adds a figure, driven through qtbot.

Uses the shared ``bridge`` and ``panel`` fixtures (tests/gui/conftest.py: the demo in
memory, today 2022-12-01, user "tester"; the panel shows the clean-heating target).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from editor_helpers import figures, heating, type_entry, type_text

from PySide6.QtCore import QDate, QModelRoleData, QModelRoleDataSpan, Qt

from tracker.commands import AddMeasurement, UpdateMeasurement
from tracker.domain import Measurement
from tracker.gui.bridge import ServiceBridge
from tracker.gui.models.audit import AuditModel
from tracker.gui.models.measurements import Column, MeasurementsModel
from tracker.gui.models.roles import MeasurementRole, SortRole
from tracker.gui.widgets.measurements_panel import MeasurementsPanel
from tracker.io.demo import demo_command
from tracker.service import TrackerService

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
