"""The import wizard and the File menu's transfer actions, through qtbot."""

from __future__ import annotations

import csv
import gc
import io
import weakref
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tracker import messages
from tracker.domain import Status
from tracker.gui import dialogs
from tracker.gui.import_wizard import ImportWizard
from tracker.gui.main_window import MainWindow
from tracker.gui.settings import Settings
from tracker.gui.transfer_actions import install_transfer_actions
from tracker.io.demo import ensure_demo_database
from tracker.io.importer import plan_import, read_file
from tracker.service import TrackerService

HEATING = "清洁取暖改造"
# The offscreen platform cannot resize windows to their contents; that is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def figures_file(tmp_path: Path, body: str, encoding: str = "gbk") -> Path:
    path = tmp_path / "figures.csv"
    path.write_bytes(("指标,截至,完成值,备注\r\n" + body).encode(encoding))
    return path


def state(service: TrackerService) -> tuple:
    conn = service.repo.conn
    return tuple(conn.execute(sql).fetchall() for sql in (
        "SELECT id, name, target_value, version FROM targets ORDER BY id",
        "SELECT id, target_id, as_of, value, note, version FROM measurements ORDER BY id"))


@pytest.fixture
def wizard_on(qtbot, bridge):
    def make(path: Path) -> ImportWizard:
        wizard = ImportWizard(bridge, None, path)
        qtbot.addWidget(wizard)
        wizard.show()  # a QWizard starts (and lays out its pages) when shown
        return wizard
    return make


def finish(wizard: ImportWizard):
    return wizard.button(QWizard.WizardButton.FinishButton)


def test_encoding_is_shown_and_the_mapping_prefilled(wizard_on, tmp_path):
    wizard = wizard_on(figures_file(tmp_path, f"{HEATING},2022-12-15,104000,\r\n"))
    assert wizard.file_page.encoding_label.text() == "GBK (detected)"
    assert wizard.file_page.line_ending_label.text() == "CRLF"
    combos = wizard.columns_page.combos
    assert {h: c.currentData() for h, c in combos.items()} == {
        "指标": "name", "截至": "as_of", "完成值": "value", "备注": "note"}
    assert wizard.file_page.isComplete() and wizard.columns_page.isComplete()


def test_the_encoding_can_be_overridden(wizard_on, tmp_path):
    wizard = wizard_on(figures_file(tmp_path, f"{HEATING},2022-12-15,104000,\r\n"))
    combo = wizard.file_page.encoding_combo
    combo.setCurrentIndex(combo.findData("gb18030"))
    combo.activated.emit(combo.currentIndex())
    assert wizard.file_page.encoding_label.text() == "GB18030 (as chosen)"
    combo.setCurrentIndex(combo.findData("utf-8"))
    combo.activated.emit(combo.currentIndex())
    assert not wizard.file_page.isComplete()
    assert "UTF-8" in wizard.file_page.error_label.text()


def test_a_file_that_cannot_be_read_says_why(wizard_on):
    nasty = Path(__file__).resolve().parents[1] / "fixtures" / "nasty" / "utf16.csv"
    wizard = wizard_on(nasty)
    assert "UTF-16" in wizard.file_page.error_label.text()
    assert not wizard.file_page.isComplete()


def test_changing_a_column_to_an_unusable_mapping_blocks_next(wizard_on, tmp_path):
    wizard = wizard_on(figures_file(tmp_path, f"{HEATING},2022-12-15,104000,\r\n"))
    combo = wizard.columns_page.combos["指标"]
    combo.setCurrentIndex(combo.findData(""))
    assert not wizard.columns_page.isComplete()
    assert wizard.columns_page.message.text()


def test_preview_lists_every_problem_and_disables_import(wizard_on, tmp_path):
    messages.set_language("en")
    wizard = wizard_on(figures_file(tmp_path, f"{HEATING},2022-12-15,104000,\r\n"
                                              f"{HEATING},2022-12-31,约105000,\r\n"
                                              "没有的指标,2022-12-31,1,\r\n"))
    wizard.next()
    wizard.next()
    page = wizard.preview_page
    problems = [[page.problems.index(r, c).data() for c in range(4)]
                for r in range(page.problems.rowCount())]
    assert [p[:3] for p in problems] == [["3", "完成值", "约105000"], ["4", "指标", "没有的指标"]]
    assert "approximate" in problems[0][3]
    assert not finish(wizard).isEnabled()
    outcomes = [page.rows_table.item(r, 1).text() for r in range(page.rows_table.rowCount())]
    assert outcomes == ["new", "problem", "problem"]
    page.skip_box.setChecked(True)
    assert finish(wizard).isEnabled()


def test_import_then_one_undo_restores_the_database(wizard_on, bridge, tmp_path):
    service = bridge.service
    before = state(service)
    wizard = wizard_on(figures_file(tmp_path, f"{HEATING},2022-12-15,104000,第一\r\n"
                                              f"{HEATING},2022-11-30,103600,改\r\n"
                                              f"老旧小区改造,2022-12-31,70,\r\n"))
    wizard.next()
    wizard.next()
    assert wizard.plan is not None and len(wizard.plan.changed) == 1
    assert wizard.preview_page.changes.rowCount() == 2  # value and note of the one figure
    assert finish(wizard).isEnabled()
    assert wizard.run_import()
    after = state(service)
    assert after != before and bridge.undo_stack.count() == 1
    heating = service.find_target(HEATING)
    assert [m.value for m in service.measurements(heating.id)][-2:] == [103600, 104000]
    bridge.undo_stack.undo()
    assert state(service) == before
    bridge.undo_stack.redo()
    assert state(service) == after


def test_the_undo_stack_does_not_keep_the_imported_figures(bridge, tmp_path):
    """An import's command carries every figure of its file; once applied, the stack keeps
    only its undo (a million figures would otherwise stay in memory until the file closes),
    and undo then redo still work."""
    service = bridge.service
    plan = plan_import(service, read_file(figures_file(
        tmp_path, f"{HEATING},2022-12-15,104000,\r\n")), {"指标": "name", "截至": "as_of",
                                                            "完成值": "value", "备注": "note"})
    command = plan.command()
    kept = weakref.ref(command.figures)
    bridge.attempt(command)
    after = state(service)
    del command, plan
    gc.collect()
    assert kept() is None
    bridge.undo_stack.undo()
    assert state(service) != after
    bridge.undo_stack.redo()
    assert state(service) == after


@pytest.mark.parametrize(("body", "tab"), [
    (f"{HEATING},2022-12-15,104000,\r\n", 0),  # only new figures: the file's first rows
    (f"{HEATING},2022-11-30,103600,\r\n{HEATING},2022-12-15,104000,\r\n", 2),  # changes
    (f"{HEATING},2022-11-30,103600,\r\n没有的指标,2022-12-15,1,\r\n", 1),  # problems first
])
def test_the_preview_opens_where_attention_belongs(wizard_on, tmp_path, body, tab):
    wizard = wizard_on(figures_file(tmp_path, body))
    wizard.next()
    wizard.next()
    assert wizard.preview_page.tabs.currentIndex() == tab


def test_figures_line_up_on_the_right_and_text_on_the_left(wizard_on, tmp_path):
    wizard = wizard_on(figures_file(tmp_path, f"{HEATING},2022-11-30,\"103,600\",改\r\n"
                                              f"{HEATING},2022-12-15,约105000,\r\n"))
    wizard.next()
    wizard.next()
    page = wizard.preview_page
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def aligned(item) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag(item.textAlignment())

    grid = page.rows_table  # row, outcome, then the file's columns: 指标, 截至, 完成值, 备注
    assert [aligned(grid.item(0, c)) for c in range(6)] == [right, left, left, left, right,
                                                            left]
    assert aligned(grid.item(1, 4)) == left  # "约105000" is no plain figure
    changes = page.changes
    alignments = [changes.data(changes.index(0, c), Qt.ItemDataRole.TextAlignmentRole)
                  for c in range(6)]
    assert alignments == [right, left, left, left, right, right]
    # The note's change (row 1 of the list) is text, even where it reads as a number.
    changes.rows[1][4] = changes.rows[1][5] = "12"
    assert [changes.data(changes.index(1, c), Qt.ItemDataRole.TextAlignmentRole)
            for c in (4, 5)] == [left, left]


def test_nothing_new_means_nothing_to_import(wizard_on, tmp_path):
    wizard = wizard_on(figures_file(tmp_path, f"{HEATING},2022-11-30,103516,\r\n"))
    wizard.next()
    wizard.next()
    assert wizard.plan.unchanged == 1 and not finish(wizard).isEnabled()


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "demo.sqlite"
    ensure_demo_database(path)
    win = MainWindow(TrackerService.open(path), Settings())
    qtbot.addWidget(win)
    if "import" not in win.actions_:
        install_transfer_actions(win)
    return win


def test_actions_sit_in_the_file_menu_above_quit(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts.index("&Import…") < texts.index("&Export") < texts.index("Re&port…") \
        < texts.index("&Quit")
    for name in ("import", "export_targets", "export_figures", "export_audit", "report"):
        assert window.actions_[name].isEnabled()


def test_export_from_a_filtered_view_writes_what_is_shown(window, tmp_path, monkeypatch):
    messages.set_language("zh")
    out = tmp_path / "shown.csv"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *args: out)
    window.target_filter.set_criteria(category="经济运行", status=Status.ACHIEVED)
    shown = [r.target.name for r in window.target_filter.visible_rows()]
    window.actions_["export_targets"].trigger()
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == shown and 0 < len(shown) < 35
    assert str(out) in window.statusBar().currentMessage()


def test_read_only_windows_cannot_import(qtbot, tmp_path):
    path = tmp_path / "demo.sqlite"
    ensure_demo_database(path)
    win = MainWindow(TrackerService.open(path, read_only=True), Settings())
    qtbot.addWidget(win)
    if "import" not in win.actions_:
        install_transfer_actions(win)
    assert not win.actions_["import"].isEnabled()
    assert win.actions_["export_figures"].isEnabled()
