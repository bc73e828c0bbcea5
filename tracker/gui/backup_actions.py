"""File menu actions "Back up now" and "Restore from backup…".

A restore replaces the file under the window, so the window first lets go of it (stops its
bridge, closes its service), the backup is copied in, and the application is asked to open
the file again: the user then sees exactly what the backup holds, with a fresh undo stack
(the old one describes edits to a file that no longer exists).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.backups import backup_folder, backup_of, backups, restore
from tracker.gui.resources import icon
from tracker.gui.transfer_actions import Cancelled, run_in_thread
from tracker.gui.widgets.backup_dialog import BackupDialog, local_time
from tracker.gui.widgets.confirm import confirm
from tracker.storage.backup import BackupError

if TYPE_CHECKING:
    from tracker.gui.main_window import MainWindow

STATUS_MS = 8000
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; True for Yes (tests replace this)."""
    return confirm(parent, title, text)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user a backup or restore failed (tests replace this)."""
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user what was done (tests replace this)."""
    QMessageBox.information(parent, title, text)


def choose_backup(window: MainWindow) -> BackupDialog | None:
    """Show the backup list; the dialog if the user chose a backup to restore, else None."""
    path = window.service.path
    assert path is not None
    dialog = BackupDialog(backups(path), str(backup_folder(path)), window)
    chosen = dialog.exec() == BackupDialog.DialogCode.Accepted
    return dialog if chosen and dialog.selected_backup() is not None else None


def install_backup_actions(window: MainWindow) -> None:
    """Add "Back up now" and "Restore from backup…" to ``window.file_menu``.

    They go before the menu's last separator (above Quit) when there is one. Both are
    disabled for an in-memory database; restore also for a read-only window, which must
    not replace the file.
    """
    on_file = window.service.path is not None
    back_up = QAction(icon("backup"), translate("BackupActions", "&Back up now"), window)
    back_up.setObjectName("backupNowAction")
    back_up.setStatusTip(translate("BackupActions",
                                   "Copy the database to the backup folder, if it changed"))
    back_up.setEnabled(on_file)
    back_up.triggered.connect(lambda: back_up_now(window))
    restore_action = QAction(icon("restore"),
                             translate("BackupActions", "Res&tore from backup…"), window)
    restore_action.setObjectName("restoreBackupAction")
    restore_action.setStatusTip(translate("BackupActions",
                                          "Replace the database with one of its backups"))
    restore_action.setEnabled(on_file and not window.read_only)
    restore_action.triggered.connect(lambda: restore_from_backup(window))

    menu = window.file_menu
    separators = [a for a in menu.actions() if a.isSeparator()]
    if separators:
        menu.insertSeparator(separators[-1])
        menu.insertActions(separators[-1], [back_up, restore_action])
    else:
        menu.addSeparator()
        menu.addActions([back_up, restore_action])
    actions = getattr(window, "actions_", None)
    if isinstance(actions, dict):
        actions["backup_now"] = back_up
        actions["restore_backup"] = restore_action


def back_up_now(window: MainWindow) -> None:
    """Take a backup now if the data changed since the last one; say what happened.

    Copying and checking a large file takes seconds (300 MB: about 3.5 s, longer while a
    backup of the file just opened or closed is under way): it runs on a worker thread with
    a busy dialog, and only what names the backup is read here, on the window's connection.
    """
    try:
        job = backup_of(window.service)
        made = run_in_thread(window, translate("BackupActions", "Backing up…"), job.take)
    except Cancelled:
        return  # the user stopped waiting: the copy finishes unseen
    except BackupError as exc:
        show_error(window, translate("BackupActions", "Backup failed"), str(exc))
        return
    if made is not None:
        message = translate("BackupActions", "Backed up to %1").replace("%1", str(made.path))
    else:
        newest = backups(window.service.path)[0]  # type: ignore[arg-type]
        message = translate("BackupActions", "Nothing changed since the last backup (%1)") \
            .replace("%1", local_time(newest))
    window.statusBar().showMessage(message, STATUS_MS)


def restore_from_backup(window: MainWindow) -> None:
    """Let the user pick a backup, confirm, restore it and reopen the file."""
    path = window.service.path
    if path is None or window.read_only:
        return
    dialog = choose_backup(window)
    if dialog is None:
        return
    chosen = dialog.selected_backup()
    assert chosen is not None
    question = translate(
        "BackupActions",
        "Replace %1 with the backup taken on %2?\n\nChanges made after that time will not be "
        "in the restored file. The current file is moved aside and kept, not deleted.",
    ).replace("%1", path.name).replace("%2", local_time(chosen))
    if not ask(window, translate("BackupActions", "Restore from backup"), question):
        return
    # The file must be closed before it is replaced: on Windows it cannot be replaced while
    # open, and elsewhere the open connection would go on writing to the old file.
    window.bridge.detach()
    window.service.close()
    try:
        # On a worker thread: it waits for a backup of the file under way (seconds for a
        # large one). Not to be given up on: the file must be whole before it reopens.
        aside = run_in_thread(window, translate("BackupActions", "Restoring…"),
                              lambda: restore(path, chosen.path), cancellable=False)
    except BackupError as exc:
        # Nothing was changed; the same file is reopened below.
        show_error(window, translate("BackupActions", "Restore failed"), str(exc))
        window.request_open(path, False)
        return
    # Reopen first: while the message below is up the old window has no open file, so the
    # user reads it over the restored data.
    window.request_open(path, False)
    message = translate("BackupActions", "%1 was restored from the backup taken on %2.") \
        .replace("%1", path.name).replace("%2", local_time(chosen))
    if aside is not None:
        message += "\n\n" + translate("BackupActions", "The previous file was moved to:\n%1") \
            .replace("%1", str(aside))
    show_info(None, translate("BackupActions", "Restore from backup"), message)
