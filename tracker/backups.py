"""Backups of a database file: taken one at a time, named by what they hold, listed, restored.

A backup is read off an open service (its file and fingerprint, on the service's own thread)
and may be copied on another: copying and checking a large file takes seconds, and the copy
needs only the file, never the window's connection. The window takes one after a writable
open and as it closes (tracker.gui.recovery), ``open_safely``/``close_safely`` do the same
for their callers, and File ▸ Back up now and ``tracker backup`` take one on demand.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tracker.messages import text
from tracker.service import TrackerService
from tracker.storage.audit import change_mark
from tracker.storage.backup import (
    BackupError,
    BackupInfo,
    default_backup_dir,
    list_backups,
    restore_backup,
    take_backup,
    thin_backups,
)
from tracker.storage.connection import schema_version_of


def backup_folder(path: Path, backup_dir: Path | None = None) -> Path:
    """The folder holding ``path``'s backups: ``backup_dir`` or the per-file default."""
    return Path(backup_dir) if backup_dir is not None else default_backup_dir(Path(path))


def format_fingerprint(change_mark: int, schema: str) -> str:
    """What a backup is named by: the file's change mark and its schema version."""
    return f"a{change_mark}-s{schema or 'none'}"


def held_fingerprint(copy: sqlite3.Connection) -> str:
    """The fingerprint of a copy, read from the copy: what it holds, even if the file
    changed between reading its fingerprint and copying it (take_backup's ``label``)."""
    return format_fingerprint(change_mark(copy), schema_version_of(copy))


def fingerprint(service: TrackerService) -> str:
    """What a backup of ``service``'s file is named by: its change mark and schema.

    The change mark (the newest audit id) grows with every change from any process, and
    audit rows cannot be deleted, so an unchanged file is never backed up twice while a
    changed one always is.
    """
    return format_fingerprint(service.change_mark(), service.schema_version())


#: Backups are taken one at a time: a window closing while its file reopens (switching the
#: language) would otherwise copy the same file twice at once, and thin one folder twice.
#: The second then finds the first's copy holds its data, and copies nothing. A restore
#: waits too: it must not replace a file while it is being copied.
_ONE_BACKUP_AT_A_TIME = threading.Lock()


@dataclass(frozen=True)
class PendingBackup:
    """A backup read off an open service, to be taken on another thread.

    The window opens first and backs up after: copying and checking a large file takes
    seconds, and the copy needs only the file, never the window's connection.
    """

    path: Path
    folder: Path
    fingerprint: str
    #: The window has let go of the file (the backup taken as it closes): see take_backup.
    closed: bool = False

    def take(self, now: datetime | None = None) -> BackupInfo | None:
        """Take the backup unless the newest one holds this data already; returns it, or
        None. Raises BackupError (with a message for the user) when it cannot be made."""
        moment = aware_now(now)
        with _ONE_BACKUP_AT_A_TIME:
            made = take_backup(self.path, self.folder, fingerprint=self.fingerprint,
                               now=moment, label=held_fingerprint, closed=self.closed)
            if made is not None:
                _thin(self.folder, moment)
            # The newest backup holds the data now: an earlier failure is no longer news.
            with contextlib.suppress(OSError):
                (self.folder / FAILURE_NOTE).unlink(missing_ok=True)
        return made

    def run(self, now: datetime | None = None) -> str:
        """Take the backup unless unchanged; returns a warning for the user, or "".

        A backup that fails once its file is closed (nobody is left to tell) leaves a note
        in the backup folder, which the next open_safely of the file reports.
        """
        try:
            self.take(now)
        except (BackupError, OSError, sqlite3.Error) as exc:
            if self.closed:
                _leave_failure_note(self.folder, str(exc))
            return text(f"未能备份数据库：{exc}", f"The database could not be backed up: {exc}")
        return ""


def pending_backup(
    service: TrackerService, backup_dir: Path | None = None
) -> PendingBackup | None:
    """What backing up ``service``'s file needs, read now; None when there is nothing to keep.

    A read-only or in-memory database has no backup to take, and neither has an empty file
    (offering an empty backup as "the newest good one" after a crash would mislead).
    """
    if service.read_only or service.path is None or service.change_mark() == 0:
        return None
    return backup_of(service, backup_dir)


def backup_now(
    service: TrackerService, backup_dir: Path | None = None, now: datetime | None = None
) -> BackupInfo | None:
    """Back up ``service``'s file now unless the newest backup already holds this data.

    Returns the new backup, or None when nothing changed. Raises BackupError (with a message
    for the user) when the copy cannot be made, or for an in-memory database.
    """
    return backup_of(service, backup_dir).take(now)


def backup_of(service: TrackerService, backup_dir: Path | None = None) -> PendingBackup:
    """What backing up ``service``'s file needs, read now on the service's own thread;
    its ``take()`` may then copy on another. Raises BackupError for an in-memory database."""
    if service.path is None:
        raise BackupError(text("内存中的数据库无法备份。",
                               "An in-memory database has no file to back up."))
    return PendingBackup(service.path, backup_folder(service.path, backup_dir),
                         fingerprint(service))


def newest_backup(path: Path, backup_dir: Path | None = None) -> BackupInfo | None:
    """The newest backup of ``path``, if there is one."""
    found = list_backups(backup_folder(path, backup_dir))
    return found[0] if found else None


def backups(path: Path, backup_dir: Path | None = None) -> list[BackupInfo]:
    """Every backup of ``path``, newest first."""
    return list_backups(backup_folder(path, backup_dir))


def restore(path: Path, backup: Path, *, now: datetime | None = None) -> Path | None:
    """Replace ``path`` with a byte copy of ``backup``; return where the previous file went.

    The file at ``path`` is never opened, so this works when it is damaged; it is moved
    aside (``<name>.before-restore-<time>``), never deleted. Every connection to ``path``
    must be closed first. Raises BackupError, having changed nothing, if the backup is
    damaged or the copy fails.
    """
    with _ONE_BACKUP_AT_A_TIME:  # not while a backup (of a window just closed) copies it
        return restore_backup(Path(backup), Path(path), now=aware_now(now))


def backup_quietly(service: TrackerService, folder: Path, moment: datetime) -> str:
    """Back up ``service``'s file into ``folder`` if it changed; a warning for the user if
    that failed, else "" (a failed backup must never stop the user working)."""
    pending = pending_backup(service, folder)
    return "" if pending is None else pending.run(moment)


#: In a file's backup folder: why the backup taken as the file was last closed failed.
FAILURE_NOTE = "last-close-backup-failed.txt"


def _leave_failure_note(folder: Path, reason: str) -> None:
    # If even the note cannot be written (the folder is gone or read-only), the next backup,
    # at the next open, fails the same way and is reported then.
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / FAILURE_NOTE).write_text(reason, encoding="utf-8")


def take_failure_note(folder: Path) -> str:
    """The note a failed backup at the last close left, as a warning (removed: said once;
    a later backup that succeeded removed it already)."""
    note = folder / FAILURE_NOTE
    try:
        reason = note.read_text(encoding="utf-8").strip()
        note.unlink()
    except (OSError, UnicodeDecodeError):
        return ""
    return text(f"上次关闭此文件时未能备份：{reason}",
                f"When this file was last closed, it could not be backed up: {reason}")


def _thin(folder: Path, moment: datetime) -> None:
    # Days and weeks are the user's own, so thinning buckets by local time.
    # Keeping an extra backup is harmless, so a failure to delete one is ignored.
    with contextlib.suppress(OSError):
        thin_backups(folder, now=moment.astimezone())


def aware_now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)
