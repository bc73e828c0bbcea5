"""Opening and closing a database so that no figure is lost: check, quarantine, back up.

The window and the CLI both come through here. Before a file is opened it is checked
read-only; a damaged file is moved aside unchanged (never opened for writing, never deleted)
and the newest good backup is offered instead. After every writable open, and on close, a
backup is taken if anything changed. A file on a network share is opened without WAL, whose
shared memory SQLite cannot keep consistent across machines.

A failed backup is reported as a warning and never stops the user working: refusing to open
the office's figures because the backup disk is full would be worse than the missing backup.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tracker.backups import (
    aware_now,
    backup_folder,
    backup_quietly,
    newest_backup,
    take_failure_note,
)
from tracker.messages import text
from tracker.service import TrackerService
from tracker.storage.backup import (
    BackupError,
    BackupInfo,
    check_integrity,
    is_network_filesystem,
    quarantine,
)
from tracker.storage.connection import DatabaseError, schema_is_current
from tracker.storage.recovery import closed_cleanly

_NOT_DAMAGE = ("database is locked", "database table is locked", "unable to open database file",
               "readonly database", "disk i/o error", "locking protocol", "out of memory")


@dataclass
class SafeOpen:
    """What ``open_safely`` found and did.

    ``service`` is None when the file was damaged; then ``problem`` says so in the user's
    language, ``quarantined`` is where the damaged file now lies (None if it could not be
    moved) and ``newest_backup`` is the backup to offer (None if there is none).
    ``details`` holds SQLite's own findings (English, technical) for a "details" area.
    ``warnings`` are things the user should know that did not stop the open.
    ``check_deferred`` is True when the quick check was left for later (``defer_check``):
    the caller runs ``deferred_damage`` once the window shows, and the service refuses edits
    until then (``TrackerService.awaiting_check``).
    """

    service: TrackerService | None
    warnings: list[str] = field(default_factory=list)
    quarantined: Path | None = None
    newest_backup: BackupInfo | None = None
    problem: str = ""
    details: list[str] = field(default_factory=list)
    check_deferred: bool = False


def network_warning(path: Path) -> str | None:
    """A warning for a database on a network share (which is then opened without WAL)."""
    if not is_network_filesystem(path):
        return None
    return text(
        f"数据库 {path} 位于网络共享文件夹上。网络文件系统的文件锁不可靠，因此本程序改用"
        "较慢但安全的日志方式；请确保同一时间只有一人修改这个文件。备份保存在本机。",
        f"The database {path} is on a network share, where file locking is unreliable, "
        "so Tracker uses the slower but safe rollback journal. Make sure only one person "
        "changes this file at a time. Backups are kept on this computer.",
    )


def open_safely(
    path: Path,
    *,
    read_only: bool = False,
    who: str | None = None,
    backup_dir: Path | None = None,
    now: datetime | None = None,
    backup: bool = True,
    defer_check: bool = False,
) -> SafeOpen:
    """Check, then open ``path``; quarantine it if damaged; back it up after a writable open.

    Raises what TrackerService.open raises (DatabaseError, SchemaTooNewError, OSError) for a
    file that is sound but cannot be used; a damaged file is never an exception but a
    SafeOpen with ``service`` None. ``backup_dir`` overrides the per-file backup folder;
    ``now`` (timezone-aware) is for tests. ``defer_check`` lets the window show first on a
    file that opening leaves untouched (see ``can_defer_check``): the check is then the
    caller's, and edits wait for it. A backup that failed as the file was last closed is
    among the warnings (once).
    """
    result = _open_safely(Path(path), read_only=read_only, who=who, backup_dir=backup_dir,
                          now=now, backup=backup, defer_check=defer_check)
    # Taken only now: an open that raises leaves the note for the next one.
    if failed := take_failure_note(backup_folder(Path(path), backup_dir)):
        result.warnings.append(failed)
    return result


def _open_safely(path: Path, *, read_only: bool, who: str | None, backup_dir: Path | None,
                 now: datetime | None, backup: bool, defer_check: bool) -> SafeOpen:
    path = Path(path)
    folder = backup_folder(path, backup_dir)
    moment = aware_now(now)
    result = SafeOpen(service=None)
    warning = network_warning(path)
    network = warning is not None
    if warning:
        result.warnings.append(warning)

    deferred = path.exists() and defer_check and not network and can_defer_check(path)
    if path.exists() and not deferred:
        problems = _problems(path)
        if problems and _is_damage(problems):
            _quarantine_damaged(path, folder, moment, problems, result)
            return result
        # Otherwise the file could not be checked just now (another program holds a write
        # lock, no permission): the ordinary open below reports that, and nothing is moved.

    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        service = TrackerService.open(path, read_only=read_only, who=who, wal=not network)
    except DatabaseError:
        if not deferred:
            raise
        # The file let itself be read but not opened: check it now, as without deferring.
        return _open_safely(path, read_only=read_only, who=who, backup_dir=backup_dir,
                            now=now, backup=backup, defer_check=False)
    result.service = service
    result.check_deferred = service.awaiting_check = deferred
    if not read_only and backup:
        warning = backup_quietly(service, folder, moment)
        if warning:
            result.warnings.append(warning)
    return result


def can_defer_check(path: Path) -> bool:
    """Whether ``path`` may be opened before its quick check, the check following.

    Only a file that opening leaves untouched until the first edit: closed cleanly last time
    (no journal to roll back, no WAL to replay or checkpoint, WAL mode already) and with no
    migration to apply. The quick check of 300 MB takes half a second, which the window
    then need not wait for; a file that crashed or needs an upgrade is checked first.
    """
    return closed_cleanly(path) and schema_is_current(path)


def deferred_damage(path: Path) -> list[str]:
    """The quick check open_safely deferred (for a worker thread): SQLite's findings when
    ``path`` is damaged, else [] (sound, or it could not be checked just now, as at open)."""
    problems = check_integrity(path, quick=True)
    return problems if problems and _is_damage(problems) else []


def close_safely(
    service: TrackerService, backup_dir: Path | None = None, now: datetime | None = None
) -> list[str]:
    """Back up ``service``'s file if it changed since the last backup, then close it.

    Returns warnings (a failed backup); the service is closed in every case. A service that
    is already closed is left alone.
    """
    warnings: list[str] = []
    try:
        if not service.read_only and service.path is not None:
            folder = backup_folder(service.path, backup_dir)
            warning = backup_quietly(service, folder, aware_now(now))
            if warning:
                warnings.append(warning)
    except sqlite3.ProgrammingError:
        # Closed already (the window released the file for a restore): nothing to back up.
        pass
    finally:
        service.close()
    return warnings


def _is_damage(problems: list[str]) -> bool:
    # SQLite's words for "could not look" rather than "found damage". A file a colleague is
    # writing to right now reports "database is locked", and must never be moved aside.
    return any(not any(word in p.lower() for word in _NOT_DAMAGE) for p in problems)


def _problems(path: Path) -> list[str]:
    # The quick check at every open finds a damaged file in a fraction of the full check's
    # time (0.4 s against 2–4 s on 300 MB); backups still get the full check.
    problems = check_integrity(path, quick=True)
    if problems and _sidecar(path, "-journal").exists() and _sound_after_rollback(path):
        # A hot rollback journal (a crash mid-write, in the mode used on network shares) makes
        # the read-only check fail on a sound file. Rolling it back is SQLite's normal crash
        # recovery, which any ordinary open would do; it is done for real only once a copy
        # showed it gives a sound file, so a damaged file is still quarantined unchanged.
        _roll_back_hot_journal(path)
        problems = check_integrity(path, quick=True)
    return problems


def _sound_after_rollback(path: Path) -> bool:
    try:
        with tempfile.TemporaryDirectory(prefix="tracker-check-") as tmp:
            copy = Path(tmp) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(_sidecar(path, "-journal"), _sidecar(copy, "-journal"))
            return _roll_back_hot_journal(copy) and not check_integrity(copy)
    except OSError:
        return False


def _roll_back_hot_journal(path: Path) -> bool:
    try:
        conn = sqlite3.connect(str(path), timeout=5)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True


def _quarantine_damaged(path: Path, folder: Path, moment: datetime, problems: list[str],
                        result: SafeOpen) -> None:
    result.details = problems
    result.newest_backup = newest_backup(path, folder)
    try:
        result.quarantined = quarantine(path, now=moment)
    except BackupError as exc:
        result.problem = text(
            f"数据库文件 {path} 已损坏，无法打开；也无法将它移到一旁：{exc}",
            f"The database file {path} is damaged and cannot be opened; it could not be "
            f"moved aside either: {exc}",
        )
        return
    result.problem = text(
        f"数据库文件 {path.name} 已损坏，无法打开。为保护其中的数据，它已原样（未作任何改动）"
        f"移到：{result.quarantined}",
        f"The database file {path.name} is damaged and cannot be opened. To protect what it "
        f"holds, it has been moved aside unchanged to: {result.quarantined}",
    )


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)

