"""Opening a damaged file from the window, and the backup actions of the File menu."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QMainWindow

from tracker import backups as backups_module
from tracker import safety
from tracker.backups import backup_now, backups
from tracker.commands import UpdateTarget
from tracker.gui import backup_actions, recovery
from tracker.gui.backup_actions import install_backup_actions
from tracker.gui.bridge import ServiceBridge
from tracker.gui.widgets.backup_dialog import BackupDialog
from tracker.io.demo import demo_command
from tracker.safety import open_safely
from tracker.service import TrackerService
from tracker.storage.recovery import closed_cleanly


@pytest.fixture(autouse=True)
def backup_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "backups"
    monkeypatch.setenv("TRACKER_BACKUP_DIR", str(root))
    return root


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A demo database on disk with one backup of it, closed."""
    path = tmp_path / "office.sqlite"
    service = TrackerService.open(path, who="tester")
    service.execute(demo_command())
    backup_now(service)
    service.close()
    return path


class Questions:
    """Stands in for the message boxes: records what was asked and answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.told: list[str] = []

    def ask(self, _parent, _title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer

    def tell(self, _parent, _title: str, text: str) -> None:
        self.told.append(text)


def answering(monkeypatch: pytest.MonkeyPatch, module, answer: bool) -> Questions:
    questions = Questions(answer)
    monkeypatch.setattr(module, "ask", questions.ask)
    for name in ("show_error", "show_warning", "show_info"):
        if hasattr(module, name):
            monkeypatch.setattr(module, name, questions.tell)
    return questions


def damage(path: Path) -> bytes:
    garbage = b"this is not a database any more " * 500
    path.write_bytes(garbage)
    return garbage


def test_damaged_file_is_moved_aside_unchanged_and_the_backup_offered(
        qtbot, monkeypatch, db_path: Path) -> None:
    garbage = damage(db_path)
    questions = answering(monkeypatch, recovery, False)

    service = recovery.open_with_recovery(None, db_path, False)

    assert service is None
    assert not db_path.exists()  # nothing was opened in its place
    aside = list(db_path.parent.glob("office.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert len(questions.asked) == 1
    assert str(aside[0]) in questions.asked[0]
    assert backups(db_path)[0].taken_at.astimezone().strftime("%H:%M:%S") in questions.asked[0]


def test_accepting_the_offer_restores_the_backup_and_opens_it(
        qtbot, monkeypatch, db_path: Path) -> None:
    damage(db_path)
    answering(monkeypatch, recovery, True)

    service = recovery.open_with_recovery(None, db_path, False)

    assert service is not None
    try:
        assert len(service.targets()) == len(demo_command().targets)
        assert service.check() == []
    finally:
        closing_backup = recovery.close_with_backup(service)
        if closing_backup is not None:
            closing_backup.join()


def test_without_a_backup_the_user_is_told_and_nothing_opens(
        qtbot, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "lonely.sqlite"
    damage(path)
    questions = answering(monkeypatch, recovery, True)

    assert recovery.open_with_recovery(None, path, False) is None
    assert questions.asked == []
    assert len(questions.told) == 1 and "corrupt-" in questions.told[0]


class StandInWindow(QMainWindow):
    """The parts of MainWindow the backup actions use: service, bridge, File menu."""

    open_requested = Signal(object, bool)

    def __init__(self, service: TrackerService) -> None:
        super().__init__()
        self.service = service
        self.read_only = service.read_only
        self.bridge = ServiceBridge(service, self)
        self.actions_: dict = {}
        self.file_menu = self.menuBar().addMenu("&File")
        self.file_menu.addAction("Open…")
        self.file_menu.addSeparator()
        self.file_menu.addAction("Quit")

    def request_open(self, path: Path, read_only: bool = False) -> None:
        self.open_requested.emit(path, read_only)


@pytest.fixture
def window(qtbot, db_path: Path) -> Iterator[StandInWindow]:
    result = open_safely(db_path)
    assert result.service is not None
    win = StandInWindow(result.service)
    qtbot.addWidget(win)
    install_backup_actions(win)
    yield win
    # A restore has already let go of the file (detached and closed); detaching twice is
    # the bridge's concern, not what these tests check.
    with contextlib.suppress(ValueError):
        win.bridge.detach()
    win.service.close()


def test_actions_sit_above_quit(window: StandInWindow) -> None:
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts.index("&Back up now") < texts.index("Quit")
    assert texts.index("Res&tore from backup…") < texts.index("Quit")
    assert window.actions_["backup_now"].isEnabled()


def test_back_up_now_makes_a_backup_only_after_a_change(window: StandInWindow) -> None:
    before = len(backups(window.service.path))
    window.actions_["backup_now"].trigger()
    assert len(backups(window.service.path)) == before
    assert "Nothing changed" in window.statusBar().currentMessage()

    target = window.service.targets()[0]
    window.service.execute(UpdateTarget(target.id, {"note": "checked"}, target.version))
    window.actions_["backup_now"].trigger()

    assert len(backups(window.service.path)) == before + 1
    assert "Backed up to" in window.statusBar().currentMessage()


def test_back_up_now_copies_on_a_worker_thread(monkeypatch, window: StandInWindow) -> None:
    """Copying and checking a large file takes seconds: not on the window's thread."""
    target = window.service.targets()[0]
    window.service.execute(UpdateTarget(target.id, {"note": "checked"}, target.version))
    copied_on: list[threading.Thread] = []
    take = backups_module.take_backup

    def recording_take(*args, **kwargs):
        copied_on.append(threading.current_thread())
        return take(*args, **kwargs)

    monkeypatch.setattr(backups_module, "take_backup", recording_take)
    window.actions_["backup_now"].trigger()
    assert copied_on and copied_on[0] is not threading.main_thread()
    assert "Backed up to" in window.statusBar().currentMessage()


def test_dialog_lists_backups_newest_first(qtbot, window: StandInWindow) -> None:
    target = window.service.targets()[0]
    window.service.execute(UpdateTarget(target.id, {"note": "checked"}, target.version))
    backup_now(window.service)
    found = backups(window.service.path)

    dialog = BackupDialog(list(reversed(found)), "folder")
    qtbot.addWidget(dialog)

    assert dialog.table.rowCount() == len(found) >= 2
    names = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    assert names == [b.path.name for b in found]
    assert dialog.selected_backup() == found[0]
    assert dialog.restore_button.isEnabled()


def test_restore_closes_the_file_restores_and_asks_to_reopen(
        qtbot, monkeypatch, window: StandInWindow, db_path: Path) -> None:
    first_backup = backups(db_path)[-1]
    target = window.service.targets()[0]
    window.service.execute(UpdateTarget(target.id, {"note": "after the backup"}, target.version))
    questions = answering(monkeypatch, backup_actions, True)

    class Chosen:
        def selected_backup(self):
            return first_backup

    monkeypatch.setattr(backup_actions, "choose_backup", lambda _w: Chosen())
    with qtbot.waitSignal(window.open_requested) as reopened:
        window.actions_["restore_backup"].trigger()

    assert reopened.args == [db_path, False]
    assert len(questions.asked) == 1 and len(questions.told) == 1
    assert "before-restore" in questions.told[0]
    reopened_service = TrackerService.open(db_path)
    try:
        assert reopened_service.target(target.id).note == target.note
    finally:
        reopened_service.close()


def test_back_up_now_in_the_real_main_window(qtbot, db_path: Path) -> None:
    from tracker.gui.main_window import MainWindow
    from tracker.gui.settings import Settings

    result = open_safely(db_path)
    assert result.service is not None
    main = MainWindow(result.service, Settings())
    qtbot.addWidget(main)
    install_backup_actions(main)
    texts = [a.text() for a in main.file_menu.actions()]
    assert texts.index("&Back up now") < texts.index(main.actions_["quit"].text())
    before = len(backups(db_path))

    target = main.service.targets()[0]
    assert main.bridge.run(UpdateTarget(target.id, {"note": "checked"}, target.version))
    main.actions_["backup_now"].trigger()

    assert len(backups(db_path)) == before + 1  # qtbot closes the window afterwards


def test_closing_the_window_does_not_wait_for_its_backup(qtbot, monkeypatch, db_path: Path):
    """Copying and checking a big file takes seconds: the window closes and lets go of the
    file at once, and the backup of its changes follows on a thread."""
    from tracker.gui.main_window import MainWindow
    from tracker.gui.settings import Settings

    main = MainWindow(TrackerService.open(db_path, who="tester"), Settings())
    qtbot.addWidget(main)
    target = main.service.targets()[0]
    assert main.bridge.run(UpdateTarget(target.id, {"note": "改过"}, target.version))
    before = len(backups(db_path))
    copying, may_finish = threading.Event(), threading.Event()
    take = backups_module.take_backup

    def slow_take(*args, **kwargs):
        copying.set()
        assert may_finish.wait(10)
        return take(*args, **kwargs)

    monkeypatch.setattr(backups_module, "take_backup", slow_take)
    main.close()
    assert copying.wait(10) and main.isHidden() and main.backup_on_close is not None
    with pytest.raises(Exception, match="closed"):
        main.service.targets()  # the window's connection is closed already
    assert len(backups(db_path)) == before
    may_finish.set()
    main.backup_on_close.join()
    assert len(backups(db_path)) == before + 1
    assert closed_cleanly(db_path)  # the copy tidied up: the next open need not check first


def test_a_network_share_warning_is_shown_once(qtbot, monkeypatch, db_path: Path) -> None:
    monkeypatch.setattr(safety, "is_network_filesystem", lambda _path: True)
    questions = answering(monkeypatch, recovery, True)
    for _ in range(2):  # switching the language reopens the same file
        service = recovery.open_with_recovery(None, db_path, False)
        assert service is not None
        closing_backup = recovery.close_with_backup(service)
        if closing_backup is not None:
            closing_backup.join()
    assert len(questions.told) == 1 and str(db_path) in questions.told[0]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_backup_on_open_is_taken_after_the_window_shows(qtbot, monkeypatch, db_path: Path):
    from tracker.gui.application import TrackerApp
    from tracker.gui.settings import Settings

    edit = TrackerService.open(db_path, who="tester")  # a change since the last backup
    target = edit.find_target("清洁取暖改造")
    edit.execute(UpdateTarget(target.id, {"note": "已核实"}, target.version))
    edit.close()
    before = len(backups(db_path))
    service = recovery.open_with_recovery(None, db_path, False)
    assert service is not None
    service.close()
    assert len(backups(db_path)) == before  # opening alone copies nothing
    app = TrackerApp(QApplication.instance(), Settings())
    monkeypatch.setattr(app, "set_language", lambda language: None)
    assert app.open(db_path)
    qtbot.addWidget(app.window)
    runner = app._backups[-1]
    runner.thread.join(timeout=20)
    qtbot.waitUntil(lambda: len(backups(db_path)) == before + 1)


# -- the check of a cleanly closed file, after the window shows ------------------------------


def tracker_app(monkeypatch):
    from tracker.gui.application import TrackerApp
    from tracker.gui.settings import Settings

    app = TrackerApp(QApplication.instance(), Settings())
    monkeypatch.setattr(app, "set_language", lambda language: None)
    return app


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_cleanly_closed_file_shows_first_and_is_checked_after(
        qtbot, monkeypatch, db_path: Path) -> None:
    checked_on: list[str] = []

    def check(path: Path, **_: bool) -> list[str]:
        checked_on.append(threading.current_thread().name)
        return []

    monkeypatch.setattr(safety, "check_integrity", check)
    app = tracker_app(monkeypatch)
    assert app.open(db_path)
    qtbot.addWidget(app.window)
    assert app.window.isVisible() and app.window.service.awaiting_check
    qtbot.waitUntil(lambda: not app.window.service.awaiting_check)
    assert checked_on == ["tracker-after-open"]  # on the worker, not before the window showed


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_damage_found_after_the_window_shows_sets_the_file_aside_and_offers_the_backup(
        qtbot, monkeypatch, db_path: Path) -> None:
    questions = answering(monkeypatch, recovery, True)
    garbage = b"this is not a database any more " * 500
    check = recovery.deferred_damage

    def damaged_meanwhile(path: Path) -> list[str]:
        path.write_bytes(garbage)  # a disk fault while the window was opening
        return check(path)

    monkeypatch.setattr(recovery, "deferred_damage", damaged_meanwhile)
    app = tracker_app(monkeypatch)
    assert app.open(db_path)
    first = app.window
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: app.window is not first)

    assert len(questions.asked) == 1  # told where the file went, offered the backup: Yes
    aside = list(db_path.parent.glob("office.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    qtbot.addWidget(app.window)
    assert first.isHidden()
    assert len(app.window.service.targets()) == len(demo_command().targets)
    assert app.window.service.check() == []


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_cleanly_closed_file_damaged_inside_is_set_aside_at_open(
        qtbot, monkeypatch, db_path: Path) -> None:
    import sqlite3

    questions = answering(monkeypatch, recovery, True)
    conn = sqlite3.connect(db_path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'targets'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert safety.can_defer_check(db_path)
    with db_path.open("r+b") as fh:  # the table's pages, not the header: it still opens
        fh.seek((root - 1) * size)
        fh.write(b"\xa5" * size)
    assert safety.can_defer_check(db_path)
    app = tracker_app(monkeypatch)
    assert app.open(db_path)
    qtbot.addWidget(app.window)
    assert len(questions.asked) == 1  # told where the file went, offered the backup: Yes
    assert len(list(db_path.parent.glob("office.sqlite.corrupt-*"))) == 1
    assert len(app.window.service.targets()) == len(demo_command().targets)
