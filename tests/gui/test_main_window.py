"""The main window: cell edits, undo and redo, conflicts, read-only mode, title and settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from tracker.commands import CreateTarget, UpdateTarget
from tracker.domain import Target
from tracker.gui.main_window import MainWindow
from tracker.gui.models.targets import Column
from tracker.gui.settings import Settings
from tracker.io.demo import ensure_demo_database
from tracker.service import TrackerService

HEATING = "清洁取暖改造"


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    ensure_demo_database(path)
    return path


@pytest.fixture
def window(qtbot, demo_file: Path):
    service = TrackerService.open(demo_file)
    win = MainWindow(service, Settings())
    qtbot.addWidget(win)
    yield win


def cell(win: MainWindow, name: str, column: Column):
    row = win.model.row_of(win.service.find_target(name).id)
    return win.target_filter.mapFromSource(win.model.index(row, column))


def audit_count(path: Path) -> int:
    other = TrackerService.open(path, read_only=True)
    try:
        return other.change_mark()
    finally:
        other.close()


def test_title_names_the_file(window, demo_file):
    assert demo_file.name in window.windowTitle()


def test_editing_a_cell_changes_the_row_and_writes_an_audit_row(window, demo_file):
    before = audit_count(demo_file)
    index = cell(window, HEATING, Column.TARGET)
    assert window.target_filter.setData(index, "100,000", Qt.ItemDataRole.EditRole)
    target = window.service.find_target(HEATING)
    assert target.target_value == 100000
    assert audit_count(demo_file) == before + 1
    entry = window.service.audit(target.id)[0]
    assert (entry.field, entry.old_value, entry.new_value) == ("target_value", "95398", "100000")
    assert cell(window, HEATING, Column.PERCENT).data() == "103.52%"


def test_undo_restores_and_redo_applies_again(window):
    index = cell(window, HEATING, Column.TARGET)
    window.target_filter.setData(index, "100000", Qt.ItemDataRole.EditRole)
    undo, redo = window.actions_["undo"], window.actions_["redo"]
    assert undo.isEnabled()
    assert HEATING in undo.text()  # the menu entry names the action
    undo.trigger()
    assert window.service.find_target(HEATING).target_value == 95398
    assert cell(window, HEATING, Column.PERCENT).data() == "108.51%"
    redo.trigger()
    assert window.service.find_target(HEATING).target_value == 100000


def test_delete_asks_first_and_can_be_undone(window, monkeypatch):
    asked = []
    monkeypatch.setattr("tracker.gui.main_window.confirm",
                        lambda *args: asked.append(args) or True)
    window.select_target(window.service.find_target(HEATING).id)
    window.delete_targets()
    assert asked
    assert all(r.target.name != HEATING for r in window.model.rows())
    window.actions_["undo"].trigger()
    restored = window.service.find_target(HEATING)
    assert len(window.service.measurements(restored.id)) == 1


def test_declining_the_question_deletes_nothing(window, monkeypatch):
    monkeypatch.setattr("tracker.gui.main_window.confirm", lambda *args: False)
    window.select_target(window.service.find_target(HEATING).id)
    window.delete_targets()
    assert window.service.find_target(HEATING)


def test_a_bad_number_is_explained_in_place_and_changes_nothing(window):
    index = cell(window, HEATING, Column.TARGET)
    assert not window.target_filter.setData(index, "约100", Qt.ItemDataRole.EditRole)
    assert not window.message_bar.isHidden()
    assert window.service.find_target(HEATING).target_value == 95398


def test_conflict_keeps_the_typed_value_and_can_keep_mine(window, demo_file):
    other = TrackerService.open(demo_file)
    stale = window.service.find_target(HEATING)
    other.execute(UpdateTarget(stale.id, {"target_value": 96000.0}, stale.version))
    other.close()
    index = cell(window, HEATING, Column.TARGET)  # the table still shows the old row
    assert not window.target_filter.setData(index, "99000", Qt.ItemDataRole.EditRole)
    bar = window.message_bar
    assert not bar.isHidden()
    assert "96,000" in bar.label.text() and "99,000" in bar.label.text()
    assert window.service.find_target(HEATING).target_value == 96000
    bar.keep_button.click()
    assert window.service.find_target(HEATING).target_value == 99000


def test_conflict_use_theirs_keeps_the_other_value(window, demo_file):
    other = TrackerService.open(demo_file)
    stale = window.service.find_target(HEATING)
    other.execute(UpdateTarget(stale.id, {"target_value": 96000.0}, stale.version))
    other.close()
    window.target_filter.setData(cell(window, HEATING, Column.TARGET), "99000",
                                 Qt.ItemDataRole.EditRole)
    window.message_bar.theirs_button.click()
    assert window.service.find_target(HEATING).target_value == 96000
    assert cell(window, HEATING, Column.TARGET).data() == "9.6万户"


def test_outside_changes_appear_after_a_poll(window, demo_file):
    other = TrackerService.open(demo_file)
    target = other.find_target(HEATING)
    other.execute(UpdateTarget(target.id, {"target_value": 110000.0}, target.version))
    other.close()
    window.bridge.poll()
    assert cell(window, HEATING, Column.PERCENT).data() == "94.11%"


def test_read_only_mode_refuses_edits(qtbot, demo_file):
    service = TrackerService.open(demo_file, read_only=True)
    win = MainWindow(service, Settings())
    qtbot.addWidget(win)
    index = cell(win, HEATING, Column.TARGET)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not win.target_filter.setData(index, "1", Qt.ItemDataRole.EditRole)
    assert not win.actions_["new_target"].isEnabled()
    assert not win.actions_["delete_target"].isEnabled()
    assert "read-only" in win.windowTitle() or "只读" in win.windowTitle()
    assert win.findChild(type(win.path_label), "readOnlyBanner") is not None
    win.delete_targets()
    assert service.find_target(HEATING)


def reopened_after_width(qtbot, demo_file: Path, column: Column, width: int) -> MainWindow:
    """A window on ``demo_file`` opened after another was closed with ``column`` this wide."""
    win = MainWindow(TrackerService.open(demo_file), Settings())
    qtbot.addWidget(win)
    win.table.setColumnWidth(column, width)
    win.close()
    again = MainWindow(TrackerService.open(demo_file), Settings())
    qtbot.addWidget(again)
    return again


def test_column_widths_are_remembered(qtbot, demo_file):
    again = reopened_after_width(qtbot, demo_file, Column.NAME, 333)
    assert again.table.columnWidth(Column.NAME) == 333


def test_remembered_widths_never_cut_a_column_title_short(qtbot, demo_file):
    # As after switching language: widths saved for shorter titles.
    again = reopened_after_width(qtbot, demo_file, Column.EXPECTED, 20)
    header = again.table.horizontalHeader()
    assert again.table.columnWidth(Column.EXPECTED) >= header.sectionSizeHint(Column.EXPECTED)


def test_dashboard_is_built_on_first_view_and_selects_in_the_table(window):
    assert window._dashboard is None
    window.views.setCurrentIndex(1)
    dashboard = window._dashboard
    assert dashboard is not None
    target = window.service.find_target(HEATING)
    dashboard.target_activated.emit(target.id)
    assert window.current_row().target.id == target.id
    assert window.views.currentIndex() == 1  # the manager stays on the dashboard


def test_the_history_is_read_when_its_tab_is_shown(window):
    assert window.audit.model.target is None  # hidden at start: nothing read
    window.details.setCurrentWidget(window.audit)
    assert window.audit.model.target.id == window.current_row().target.id
    window.select_target(window.service.find_target(HEATING).id)
    assert window.audit.model.target.name == HEATING


def test_column_widths_are_judged_on_the_first_rows_only(qtbot, tmp_path):
    # 40 targets without figures sort by id; the last one's long category is not measured.
    service = TrackerService.open(tmp_path / "many.sqlite")
    long_category = "一个非常非常长的领域名称" * 4
    for n in range(40):
        category = long_category if n == 39 else "民生保障"
        service.execute(CreateTarget(Target(f"指标{n}", category=category, target_value=1.0)))
    win = MainWindow(service, Settings())
    qtbot.addWidget(win)
    needed = win.table.fontMetrics().horizontalAdvance(long_category)
    assert win.table.columnWidth(Column.CATEGORY) < needed


def in_a_fresh_window(demo_file: Path, tmp_path: Path, preload_after_ms: int,
                      then: str) -> list[str]:
    """Run ``then`` in a fresh interpreter (inside pytest-qt the dashboard's modules are
    loaded already) just after a window on ``demo_file`` is shown; return what it printed."""
    code = (
        "import sys, time\n"
        "from PySide6.QtCore import QSettings\n"
        "QSettings.setDefaultFormat(QSettings.Format.IniFormat)\n"
        "QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])\n"
        "from tracker.gui import chart_preload\n"
        "from tracker.gui.application import make_application\n"
        "from tracker.gui.main_window import MainWindow\n"
        "from tracker.gui.settings import Settings\n"
        "from tracker.service import TrackerService\n"
        f"chart_preload.PRELOAD_AFTER_MS = {preload_after_ms}\n"
        "app = make_application(sys.argv[:1])\n"
        "window = MainWindow(TrackerService.open(sys.argv[1]), Settings())\n"
        "window.show()\n"
        "def run_events(seconds, until=lambda: False):\n"
        "    end = time.monotonic() + seconds\n"
        "    while time.monotonic() < end and not until():\n"
        "        app.processEvents()\n"
        "        time.sleep(0.01)\n"
        + then
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(demo_file), str(tmp_path / "settings")],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_window_opens_without_loading_the_dashboard_or_numpy(demo_file, tmp_path):
    printed = in_a_fresh_window(demo_file, tmp_path, 600_000, (  # the first paint alone
        "app.processEvents()\n"
        "print(*sorted(m for m in ('numpy', 'pyqtgraph', 'tracker.gui.dashboard')\n"
        "              if m in sys.modules), 'loaded')\n"
        "window.close()\n"))
    assert printed == ["loaded"]


def test_the_dashboard_modules_load_in_the_background_once_the_window_is_up(demo_file,
                                                                             tmp_path):
    # A second after the window is made they are imported on a thread while the event loop
    # goes on; the dashboard itself is built on first use.
    printed = in_a_fresh_window(demo_file, tmp_path, 1000, (
        "run_events(30, lambda: 'tracker.gui.dashboard.widget' in sys.modules)\n"
        "window._chart_preload.stop()  # waits for the import to end\n"
        "print(chart_preload.started(), window._dashboard is None)\n"
        "window.views.setCurrentIndex(1)\n"
        "print(type(window._dashboard).__name__)\n"
        "window.close()\n"))
    assert printed == ["True", "True", "DashboardWidget"]


def test_a_window_closed_before_the_background_import_starts_none(demo_file, tmp_path):
    # Closed windows may be kept alive a while (by a backup's signal): one closed before its
    # moment to import must not start an import nobody waits for.
    printed = in_a_fresh_window(demo_file, tmp_path, 100, (
        "window.close()\n"
        "run_events(0.6)\n"
        "print(chart_preload.started(), 'tracker.gui.dashboard.widget' in sys.modules)\n"))
    assert printed == ["False", "False"]


def test_the_count_follows_the_filter_and_edits_in_and_out_of_it(window):
    heating = window.service.find_target(HEATING)  # achieved (the demo is judged in 2026)
    window.target_filter.set_criteria(category=heating.category)
    shown = window.target_filter.rowCount()
    assert window.statusBar().currentMessage() == f"Showing {shown} of 35 targets"
    window.bridge.run(UpdateTarget(heating.id, {"category": "别的领域"}, heating.version))
    assert window.statusBar().currentMessage() == f"Showing {shown - 1} of 35 targets"


def test_selecting_a_target_the_filter_hides_clears_the_filter(window):
    heating = window.service.find_target(HEATING)
    window.target_filter.set_criteria(category="改革开放")  # not heating's
    assert window.model.is_hidden(heating.id)
    window.select_target(heating.id)
    assert not window.target_filter.active()
    assert window.current_row().target.id == heating.id


def test_a_filter_that_hides_the_current_target_moves_the_panels_on(window):
    heating = window.service.find_target(HEATING)
    window.select_target(heating.id)
    assert window.measurements.target.id == heating.id
    window.target_filter.set_criteria(category="改革开放")  # not heating's
    current = window.current_row()
    assert current is not None and current.target.category == "改革开放"
    assert window.measurements.target.id == current.target.id
    window.target_filter.set_criteria(search="no such target")
    assert window.current_row() is None and window.measurements.target is None


def test_closing_the_window_drops_a_search_still_waiting(qtbot, monkeypatch, window):
    from tracker.gui.widgets import filter_bar

    monkeypatch.setattr(filter_bar, "DEBOUNCE_ROWS", 10)
    window.filter_bar.search.insert("取")
    assert window.filter_bar.search_pending()
    window.close()
    assert not window.filter_bar.search_pending()
    qtbot.wait(filter_bar.DEBOUNCE_MS + 50)  # nothing reaches the closed file
