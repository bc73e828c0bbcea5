"""Backups, integrity checks, quarantine and restore for a SQLite file.

Schema-agnostic on purpose: nothing here knows Tracker's tables, so it works on any SQLite
file, including one too damaged or too new for the rest of the app to open.

Safety rules this module keeps:

* A backup only appears under its final name after ``PRAGMA integrity_check`` passed on the
  finished copy, so every file ``list_backups`` reports was good when it was written.
* Backups are single self-contained files (rollback-journal mode, no ``-wal``), so copying
  one file by hand is a complete copy.
* A live file that is being replaced or set aside is moved, never opened and never deleted,
  together with its ``-wal``/``-shm``/``-journal`` files: SQLite would otherwise replay a stale
  ``-wal`` or ``-journal`` into whatever file later takes that name.
"""


from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from urllib.parse import quote, unquote

import platformdirs

from tracker.messages import text
from tracker.storage.files import (
    SIDECAR_SUFFIXES,
    STAMP_FORMAT,
    BackupError,
    aware,
    fsync_dir,
    fsync_file,
    remove_with_sidecars,
    ro_uri,
    rw_uri,
    sidecar,
    utc,
)

# Checking, recovery and the network test live beside this module; they are re-exported so
# callers keep one import for all of a file's safety.
from tracker.storage.filesystems import NETWORK_FSTYPES, is_network_filesystem
from tracker.storage.recovery import check_integrity, is_wal_file, quarantine, restore_backup

BACKUP_DIR_ENV = "TRACKER_BACKUP_DIR"

_BACKUP_NAME = re.compile(r"^tracker-(?P<stamp>\d{8}T\d{12}Z)-(?P<token>.+)\.sqlite$")
_TEMP_PREFIX = ".tracker-tmp-"
#: A temporary copy older than this is left over from a copy that was cut off.
STALE_TEMPORARY_S = 3600
# Keeps "tracker-<stamp>-<token>.sqlite" well under the 255-byte file name limit.
_MAX_TOKEN_CHARS = 150



@dataclass(frozen=True)
class BackupInfo:
    """One backup file as listed from its name (the file is never opened to list it)."""

    path: Path
    taken_at: datetime  # UTC, timezone-aware
    fingerprint: str
    size: int


# --------------------------------------------------------------------------- locations


def default_backup_dir(db_path: Path) -> Path:
    """The folder for ``db_path``'s backups, unique per database file.

    Under ``platformdirs.user_data_dir("tracker")/backups`` (a local disk even when the
    database sits on a share), or under ``$TRACKER_BACKUP_DIR`` when set. The folder name is
    the file's stem plus a short hash of its resolved path, so two "targets.sqlite" files in
    different folders never share backups (and thinning of one never deletes the other's).
    """
    override = os.environ.get(BACKUP_DIR_ENV)
    root = Path(override) if override else Path(platformdirs.user_data_dir("tracker")) / "backups"
    # normcase: on Windows C:\A\x.sqlite and c:\a\X.SQLITE are the same file.
    resolved = os.path.normcase(str(Path(db_path).resolve()))
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return root / f"{Path(db_path).stem}-{digest}"


# --------------------------------------------------------------------------- taking backups


def take_backup(
    db_path: Path,
    backup_dir: Path,
    *,
    fingerprint: str,
    now: datetime | None = None,
    label: Callable[[sqlite3.Connection], str] | None = None,
    closed: bool = False,
) -> BackupInfo | None:
    """Copy ``db_path`` into ``backup_dir`` unless the newest backup has ``fingerprint``.

    Returns the new backup, or None when nothing changed since the newest one. The copy is
    made with SQLite's online backup API, so it is a consistent snapshot that includes
    committed rows still in the ``-wal`` file, and the app may keep its own connection open
    meanwhile. ``label``, if given, reads the fingerprint of what the copy actually holds
    (the file may have changed since ``fingerprint`` was read): the backup is named by it,
    and dropped if the newest backup has it already. ``closed`` says the window has let go
    of the file: a WAL file with no rollback journal beside it is then read through a
    read-write connection, which, closing last, tidies the ``-wal`` and ``-shm`` away as the
    window's own close did (a read-only one leaves them, and the next open would take the
    file for one that was not closed cleanly). Any other file is read read-only: a
    read-write connection would roll back a hot journal unchecked (on a network share, where
    the journal is used, it may even be a colleague's live one).
    Raises BackupError (and leaves no file behind) when the copy cannot be made or fails
    ``PRAGMA integrity_check``; raises ValueError for an empty or over-long fingerprint or a
    naive ``now``.
    """
    token = _fingerprint_token(fingerprint)
    taken_at = utc(now if now is not None else datetime.now(UTC))
    db_path = Path(db_path)
    backup_dir = Path(backup_dir)

    try:
        existing = list_backups(backup_dir)
    except OSError as exc:
        raise BackupError(
            text(f"无法读取备份文件夹 {backup_dir}：{exc}",
                 f"Cannot read the backup folder {backup_dir}: {exc}")
        ) from exc
    if existing and existing[0].fingerprint == fingerprint:
        return None
    if not db_path.is_file():
        raise BackupError(
            text(f"无法备份：找不到数据库文件 {db_path}",
                 f"Cannot back up: no database file at {db_path}")
        )
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            text(f"无法创建备份文件夹 {backup_dir}：{exc}",
                 f"Cannot create the backup folder {backup_dir}: {exc}")
        ) from exc

    _remove_stale_temporaries(backup_dir, taken_at)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".sqlite", dir=backup_dir)
    except OSError as exc:
        raise BackupError(
            text(f"无法在备份文件夹 {backup_dir} 中写入：{exc}",
                 f"Cannot write in the backup folder {backup_dir}: {exc}")
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    tidy = closed and is_wal_file(db_path) and not sidecar(db_path, "-journal").exists()
    try:
        held = _copy_with_backup_api(db_path, tmp, label, tidy)
        if held is not None and held != fingerprint:
            if existing and existing[0].fingerprint == held:
                remove_with_sidecars(tmp)
                return None
            fingerprint, token = held, _fingerprint_token(held)
        # A separate, fresh read of the file on disk: what is checked is what is kept.
        problems = check_integrity(tmp)
        if problems:
            raise BackupError(
                text("备份副本未通过完整性检查，已丢弃。",
                     "The backup copy failed its integrity check and was discarded."),
                problems,
            )
        for suffix in SIDECAR_SUFFIXES:
            if sidecar(tmp, suffix).exists():
                # A -wal here would mean the copy is not self-contained.
                raise BackupError(
                    text("备份副本不完整（存在日志文件），已丢弃。",
                         "The backup copy was not self-contained (a journal file was left), "
                         "so it was discarded.")
                )
        fsync_file(tmp)
        final = backup_dir / f"tracker-{taken_at.strftime(STAMP_FORMAT)}-{token}.sqlite"
        os.replace(tmp, final)
        fsync_dir(backup_dir)
    except BackupError:
        remove_with_sidecars(tmp)
        raise
    except (sqlite3.Error, OSError) as exc:
        remove_with_sidecars(tmp)
        raise BackupError(
            text(f"备份 {db_path} 失败：{exc}", f"Backing up {db_path} failed: {exc}")
        ) from exc
    return BackupInfo(final, taken_at, fingerprint, final.stat().st_size)


def _copy_with_backup_api(db_path: Path, target: Path,
                          label: Callable[[sqlite3.Connection], str] | None,
                          tidy: bool) -> str | None:
    """Copy the file (through a read-write connection if ``tidy``); return what ``label``
    reads from the copy (None without one)."""
    src = sqlite3.connect(rw_uri(db_path) if tidy else ro_uri(db_path), uri=True, timeout=10)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            held = None if label is None else label(dst)
            # The copied header keeps the source's WAL flag; switching back to the rollback
            # journal makes the copy one self-contained file that opens without a -wal.
            mode = dst.execute("PRAGMA journal_mode = DELETE").fetchone()
            if mode is None or str(mode[0]).lower() != "delete":
                raise BackupError(
                    text("无法将备份副本设为独立文件。",
                         "Could not make the backup copy a self-contained file.")
                )
        finally:
            dst.close()
    finally:
        src.close()
    return held


def _remove_stale_temporaries(backup_dir: Path, now: datetime) -> None:
    """Remove copies left half-made over an hour ago (the process was killed mid-copy, as
    at a Windows logoff): nothing else would, and each is as big as the file."""
    cutoff = now.timestamp() - STALE_TEMPORARY_S
    with contextlib.suppress(OSError):
        for entry in os.scandir(backup_dir):
            if entry.name.startswith(_TEMP_PREFIX) and entry.stat().st_mtime < cutoff:
                with contextlib.suppress(OSError):
                    os.remove(entry.path)


def _fingerprint_token(fingerprint: str) -> str:
    # Percent-encoding is reversible, so the exact fingerprint is read back from the name
    # and two different fingerprints can never look alike after sanitising.
    if not fingerprint:
        raise ValueError("fingerprint must not be empty")
    token = quote(fingerprint, safe="")
    if len(token) > _MAX_TOKEN_CHARS:
        raise ValueError(f"fingerprint too long for a file name ({len(token)} chars encoded)")
    return token


# --------------------------------------------------------------------------- listing, thinning


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """The backups in ``backup_dir``, newest first, read from file names only.

    Temporary files of a backup in progress, and any file not named like a backup, are
    ignored. A missing folder has no backups.
    """
    found: list[BackupInfo] = []
    try:
        entries = list(os.scandir(backup_dir))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        match = _BACKUP_NAME.match(entry.name)
        if match is None:
            continue
        try:
            taken_at = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
            if not entry.is_file():
                continue
            size = entry.stat().st_size
        except (ValueError, OSError):
            # An impossible date, or the file vanished (thinned by another window) meanwhile.
            continue
        found.append(BackupInfo(Path(entry.path), taken_at, unquote(match["token"]), size))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def thin_backups(
    backup_dir: Path,
    *,
    now: datetime,
    keep_last: int = 10,
    daily: int = 7,
    weekly: int = 4,
    monthly: int = 12,
) -> list[Path]:
    """Delete backups beyond a grandfather-father-son schedule; return the deleted paths.

    Kept: the newest ``keep_last``; the newest backup of each of the ``daily`` most recent
    days that have backups, likewise for ``weekly`` ISO weeks and ``monthly`` months; every
    backup dated after ``now`` (a clock that was set wrong must not make us delete recent
    work); and always the newest backup. Days, weeks and months are counted in ``now``'s
    time zone, so pass a local aware time to bucket by the user's calendar. Deterministic
    given the folder's contents and ``now``.
    """
    if min(keep_last, daily, weekly, monthly) < 0:
        raise ValueError("retention counts must not be negative")
    zone = aware(now).tzinfo
    backups = list_backups(backup_dir)
    keep = _backups_to_keep(backups, now=aware(now), zone=zone, keep_last=keep_last,
                            daily=daily, weekly=weekly, monthly=monthly)
    deleted: list[Path] = []
    for backup in backups:
        if backup.path in keep:
            continue
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
        deleted.append(backup.path)
    return deleted


def _backups_to_keep(
    backups: list[BackupInfo],
    *,
    now: datetime,
    zone: tzinfo | None,
    keep_last: int,
    daily: int,
    weekly: int,
    monthly: int,
) -> set[Path]:
    if not backups:
        return set()
    keep = {backups[0].path}
    keep.update(b.path for b in backups[:keep_last])
    keep.update(b.path for b in backups if b.taken_at > now)
    past = [b for b in backups if b.taken_at <= now]

    def bucket_day(d: datetime) -> tuple[int, ...]:
        return (d.year, d.month, d.day)

    def bucket_week(d: datetime) -> tuple[int, ...]:
        iso = d.isocalendar()
        return (iso.year, iso.week)

    def bucket_month(d: datetime) -> tuple[int, ...]:
        return (d.year, d.month)

    for count, bucket in ((daily, bucket_day), (weekly, bucket_week), (monthly, bucket_month)):
        seen: set[tuple[int, ...]] = set()
        for backup in past:  # newest first, so the first one met is the bucket's newest
            if len(seen) >= count:
                break
            key = bucket(backup.taken_at.astimezone(zone))
            if key not in seen:
                seen.add(key)
                keep.add(backup.path)
    return keep


__all__ = [
    "BACKUP_DIR_ENV", "NETWORK_FSTYPES", "SIDECAR_SUFFIXES", "BackupError", "BackupInfo",
    "check_integrity", "default_backup_dir", "is_network_filesystem", "list_backups",
    "quarantine", "restore_backup", "take_backup", "thin_backups",
]
