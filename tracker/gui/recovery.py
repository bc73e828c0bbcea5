"""Opening a database from the window, with the safety net: damaged files, backups, shares.

``open_with_recovery`` is what the application calls to get a service. A damaged file has
already been moved aside unchanged by ``tracker.safety`` when the user hears of it; the user
is told where it went and offered the newest good backup. The questions go through ``ask``,
``show_warning`` and ``show_error``, small functions a test can replace.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.backups import PendingBackup, pending_backup, restore
from tracker.gui.widgets.confirm import confirm
from tracker.safety import SafeOpen, deferred_damage, open_safely
from tracker.service import TrackerService
from tracker.storage import DatabaseError, SchemaTooNewError
from tracker.storage.backup import BackupError

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

# Warnings already shown in this session: a network-share warning is said once, not at every
# reopen (switching the language reopens the file).
_shown_warnings: set[str] = set()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; True for Yes."""
    return confirm(parent, title, text)


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something that did not stop the file opening."""
    QMessageBox.warning(parent, title, text)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user why nothing was opened."""
    QMessageBox.critical(parent, title, text)


def open_with_recovery(
    parent: QWidget | None, path: Path, read_only: bool, *, offer_restore: bool = True,
    defer_check: bool = False,
) -> TrackerService | None:
    """Open ``path`` for the window, or None when it cannot be opened (the user was told).

    A damaged file is moved aside unchanged and the newest good backup offered: Yes
    restores it and opens it; No opens nothing. A database from a newer Tracker is offered
    read-only. Warnings (a network share, a failed backup) are shown once per session.
    ``defer_check`` leaves the integrity check of a cleanly closed file until the window
    shows (the service's ``awaiting_check`` then says so; see ``after_open``).
    """
    try:
        # The backup on open is taken after the window shows (after_open), not before.
        result = open_safely(Path(path), read_only=read_only, backup=False,
                             defer_check=defer_check)
    except SchemaTooNewError as exc:
        question = str(exc) + "\n\n" + translate("Recovery", "Open it read-only?")
        if ask(parent, translate("Recovery", "Newer database"), question):
            return open_with_recovery(parent, path, True, offer_restore=offer_restore)
        return None
    except (DatabaseError, OSError) as exc:
        show_error(parent, translate("Recovery", "Cannot open database"), str(exc))
        return None
    _show_new_warnings(parent, result.warnings)
    if result.service is not None:
        return result.service
    if offer_restore and _offer_backup(parent, result) and _restore_newest(parent, path, result):
        # Only one round: should the restored file fail too, the user is told, not asked
        # again.
        return open_with_recovery(parent, path, read_only, offer_restore=False)
    return None


class AfterOpen(QObject):
    """What waits until the window shows, done on a worker thread: the integrity check that
    opening deferred, then the backup on open.

    The check comes first, and the backup only once the file passed it: a copy of a damaged
    file would fail its own check anyway, after seconds of copying.
    """

    # The deferred check found damage: SQLite's findings (nothing else runs after).
    damaged = Signal(object)
    # The deferred check passed: the file may be written.
    checked = Signal()
    # The backup's warning for the user, or "" when it was taken or not needed.
    finished = Signal(str)

    def __init__(self, pending: PendingBackup | None, check: Path | None = None) -> None:
        super().__init__()
        self._pending = pending
        self._check = check
        # Not a daemon: quitting waits for a copy in progress instead of cutting it off.
        self.thread = threading.Thread(target=self._run, name="tracker-after-open")

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        if self._check is not None:
            problems = deferred_damage(self._check)
            if problems:
                self.damaged.emit(problems)
                return
            self.checked.emit()
        if self._pending is not None:
            self.finished.emit(self._pending.run())


def after_open(service: TrackerService) -> AfterOpen | None:
    """The deferred check (if opening left one) and the backup (if the file changed) of
    ``service``'s file, ready to start; None when there is nothing to do.

    Connect to its signals before calling ``start()``: a signal sent before anything is
    connected is lost. ``checked`` should clear ``service.awaiting_check``; ``damaged``
    should let go of the file and open it again with the check first, which moves it aside
    and offers the newest good backup.
    """
    pending = pending_backup(service)
    check = service.path if service.awaiting_check else None
    if pending is None and check is None:
        return None
    return AfterOpen(pending, check)


def close_with_backup(service: TrackerService) -> threading.Thread | None:
    """Close the service's file at once, then back it up if it changed, on a thread of its
    own; returns that thread (None when there is nothing to back up).

    Called as the window closes: copying and checking a large file takes seconds (300 MB:
    about 3.5 s), which the closing window need not wait for, as the copy needs only the
    file. The thread is not a daemon, so quitting waits for the copy instead of cutting it
    off. Nobody is left to show a failed backup to: it goes to the standard error, and the
    next open of the file says it (PendingBackup.run leaves a note).
    """
    try:
        pending = pending_backup(service)
    except sqlite3.ProgrammingError:
        pending = None  # closed already (the window let go of the file for a restore)
    finally:
        service.close()
    if pending is None:
        return None
    pending = dataclasses.replace(pending, closed=True)
    thread = threading.Thread(target=_back_up, args=(pending,), name="tracker-close-backup")
    thread.start()
    return thread


def _back_up(pending: PendingBackup) -> None:
    if warning := pending.run():
        print(warning, file=sys.stderr)


def _show_new_warnings(parent: QWidget | None, warnings: list[str]) -> None:
    fresh = [w for w in warnings if w not in _shown_warnings]
    if not fresh:
        return
    _shown_warnings.update(fresh)
    show_warning(parent, translate("Recovery", "Please note"), "\n\n".join(fresh))


def _offer_backup(parent: QWidget | None, result: SafeOpen) -> bool:
    backup = result.newest_backup
    if backup is None:
        none = translate("Recovery", "There is no backup of this file to restore.")
        show_error(parent, translate("Recovery", "Damaged database"),
                   result.problem + "\n\n" + none)
        return False
    when = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    offer = translate("Recovery", "The newest good backup was taken on %1. Restore it and open "
                      "it? Changes made after that time are not in the backup.")
    question = result.problem + "\n\n" + offer.replace("%1", when)
    return ask(parent, translate("Recovery", "Damaged database"), question)


def _restore_newest(parent: QWidget | None, path: Path, result: SafeOpen) -> bool:
    assert result.newest_backup is not None
    try:
        restore(Path(path), result.newest_backup.path)
    except BackupError as exc:
        show_error(parent, translate("Recovery", "Restore failed"), str(exc))
        return False
    return True
