"""Checking, quarantining and restoring database files without ever opening a bad one.

See tracker.storage.backup for the safety rules these keep.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from tracker.messages import text
from tracker.storage.files import (
    SIDECAR_SUFFIXES,
    SQLITE_MAGIC,
    STAMP_FORMAT,
    BackupError,
    fsync_dir,
    fsync_file,
    iter_sidecars,
    ro_uri,
    sha256,
    sidecar,
    undo_moves,
    utc,
)

# --------------------------------------------------------------------------- checking


def check_integrity(path: Path, *, quick: bool = False) -> list[str]:
    """Run ``PRAGMA integrity_check`` on ``path`` read-only; [] when it is sound.

    ``quick`` runs ``quick_check`` instead: every page and b-tree, but not whether indexes
    match their tables. It is several times faster on a large file, so it suits the check
    at every open; backups always get the full check.

    Otherwise returns the problems as SQLite words them (English, technical), including
    "file is not a database" for a file that is not SQLite at all and "unable to open
    database file" for a missing one; it does not raise for a bad file. The file is opened
    with ``mode=ro``; when it is in WAL mode but has no ``-wal`` file (no one has it open)
    it is also opened ``immutable``, so checking leaves no empty ``-wal``/``-shm`` behind.
    A rollback-journal file with a hot ``-journal`` reports a problem too: a read-only
    connection cannot recover it, and it should then be opened normally or quarantined
    whole (quarantine moves the ``-journal`` with it).
    """
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=10)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` read-only and leaves nothing behind.

    A WAL-mode file with no ``-wal`` beside it (no one has it open) is also opened
    ``immutable``, so reading it creates no empty ``-wal``/``-shm``.
    """
    path = Path(path)
    uri = ro_uri(path)
    if is_wal_file(path) and not sidecar(path, "-wal").exists():
        # Safe only with no -wal: any connection to a WAL file keeps the -wal in place,
        # so nobody is writing, and immutable cannot miss committed rows.
        uri += "&immutable=1"
    return uri


def closed_cleanly(path: Path) -> bool:
    """Whether ``path`` is a WAL-mode file that its last connection closed cleanly.

    True when its header says WAL, no hot ``-journal`` lies beside it and no ``-wal`` holds
    frames (SQLite removes the ``-wal`` as the last connection closes; a crash leaves it
    full). Opening such a file writes nothing into it: there is no journal to roll back, no
    WAL to replay or checkpoint, and its journal mode is WAL already.
    """
    path = Path(path)
    if not is_wal_file(path) or os.path.lexists(sidecar(path, "-journal")):
        return False
    try:
        return sidecar(path, "-wal").stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def is_wal_file(path: Path) -> bool:
    """Whether ``path``'s header says WAL mode."""
    # Bytes 18 and 19 of the header are the read/write format versions; 2 means WAL.
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return len(header) == 20 and header.startswith(SQLITE_MAGIC) and header[18:20] == b"\x02\x02"


# --------------------------------------------------------------------------- quarantine, restore


def quarantine(db_path: Path, *, now: datetime) -> Path:
    """Move a damaged database aside unchanged, with its -wal/-shm/-journal; return its path.

    The file becomes ``<name>.corrupt-<UTC timestamp>`` in the same folder and its sidecars
    ``<that>-wal`` etc., so SQLite still pairs them if someone later opens the quarantined
    file for recovery. The file is never opened: it is renamed, not copied, so it stays byte
    for byte what it was. Raises BackupError when ``db_path`` does not exist or cannot be
    moved.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise BackupError(
            text(f"找不到要隔离的文件 {db_path}", f"No file to quarantine at {db_path}")
        )
    target = _free_name(db_path, "corrupt", utc(now))
    moves: list[tuple[Path, Path]] = []
    try:
        # Sidecars first: if we stop part-way, no orphan -wal is left under the live name
        # for SQLite to replay into (or, for an empty new file, delete from) a new database.
        _move_sidecars(db_path, target, moves)
        os.rename(db_path, target)
        fsync_dir(db_path.parent)
    except OSError as exc:
        undo_moves(moves)
        raise BackupError(
            text(f"无法将损坏的文件 {db_path} 移到一旁：{exc}",
                 f"Cannot move the damaged file {db_path} aside: {exc}")
        ) from exc
    return target


def restore_backup(backup: Path, db_path: Path, *, now: datetime) -> Path | None:
    """Make ``db_path`` a byte-identical copy of ``backup``; return where the old file went.

    The backup is checked first (BackupError if it fails, nothing is touched). The current
    file, if any, is moved aside unopened as ``<name>.before-restore-<UTC timestamp>`` with
    its -wal/-shm/-journal, so this works when the live file is damaged and never loses it.
    Returns None when there was no live file. Every connection to ``db_path`` must be closed
    first (Windows refuses to replace an open file; elsewhere an open connection would keep
    writing to the old file).
    """
    backup = Path(backup)
    db_path = Path(db_path)
    if sidecar(backup, "-wal").exists():
        # Its content would be split across two files and a byte copy would miss part of it.
        raise BackupError(
            text(f"备份 {backup.name} 不是独立文件（旁边有 -wal 文件），无法恢复。",
                 f"The backup {backup.name} is not self-contained (it has a -wal file beside "
                 "it) and cannot be restored.")
        )
    problems = check_integrity(backup)
    if problems:
        raise BackupError(
            text(f"备份 {backup.name} 已损坏，无法恢复。",
                 f"The backup {backup.name} is damaged and cannot be restored."),
            problems,
        )

    folder = db_path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.restore-", dir=folder)
    except OSError as exc:
        raise BackupError(
            text(f"无法在 {folder} 中写入文件：{exc}", f"Cannot write a file in {folder}: {exc}")
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # The copy is made and verified before the live file is touched, so a failure here
        # (disk full, unreadable backup) leaves everything as it was.
        shutil.copyfile(backup, tmp)
        # mkstemp makes the file private (0600); on a shared folder that would lock
        # colleagues out, so the restored file gets the permissions the live one had.
        if db_path.exists():
            shutil.copymode(db_path, tmp)
        else:
            os.chmod(tmp, 0o644)
        fsync_file(tmp)
        if sha256(tmp) != sha256(backup):
            raise BackupError(
                text("恢复时复制的备份与原备份不一致。",
                     "The copy of the backup made for the restore differs from the backup.")
            )
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(
            text(f"无法复制备份 {backup.name}：{exc}",
                 f"Cannot copy the backup {backup.name}: {exc}")
        ) from exc

    moved_live = db_path.exists()
    aside: Path | None = None
    moves: list[tuple[Path, Path]] = []
    linked = False
    try:
        if moved_live or any(os.path.lexists(p) for p in iter_sidecars(db_path)):
            aside = _free_name(db_path, "before-restore", utc(now))
            # Sidecars first: a stale -wal or -journal left next to the restored file would be
            # replayed into it by SQLite.
            _move_sidecars(db_path, aside, moves)
            if moved_live:
                linked = _set_aside(db_path, aside)
                if not linked:
                    moves.append((db_path, aside))
        os.replace(tmp, db_path)
        fsync_dir(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if linked and aside is not None:
            # db_path was never replaced, so the extra name is just a second link to it.
            aside.unlink(missing_ok=True)
        undo_moves(moves)
        raise BackupError(
            text(f"恢复到 {db_path} 失败，原文件未改动：{exc}",
                 f"Restoring to {db_path} failed; the previous file was left as it was: {exc}")
        ) from exc
    # None when there was no live file (any orphan -wal/-shm went to "<aside>-wal" etc.).
    return aside if moved_live else None


def _set_aside(db_path: Path, aside: Path) -> bool:
    # A hard link keeps db_path in place until os.replace swaps in the restored copy, so
    # there is no moment when the database is missing (an app started then would create an
    # empty one). File systems without hard links get a plain rename. True when linked.
    try:
        os.link(db_path, aside)
    except OSError:
        os.rename(db_path, aside)
        return False
    return True


def _move_sidecars(db_path: Path, target: Path, moves: list[tuple[Path, Path]]) -> None:
    # Records each move in ``moves`` as it happens, so a failure part-way can be undone.
    for suffix in SIDECAR_SUFFIXES:
        source = sidecar(db_path, suffix)
        if os.path.lexists(source):
            destination = sidecar(target, suffix)
            os.rename(source, destination)
            moves.append((source, destination))


def _free_name(db_path: Path, label: str, when: datetime) -> Path:
    # Never overwrite an earlier quarantined or set-aside file, nor its sidecars.
    stem = f"{db_path.name}.{label}-{when.strftime(STAMP_FORMAT)}"
    for n in range(1000):
        name = stem if n == 0 else f"{stem}-{n}"
        candidate = db_path.with_name(name)
        paths = [candidate, *iter_sidecars(candidate)]
        if not any(os.path.lexists(p) for p in paths):
            return candidate
    raise BackupError(
        text(f"无法为 {db_path.name} 找到可用的文件名。",
             f"No free file name next to {db_path.name}.")
    )
