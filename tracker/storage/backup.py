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
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from urllib.parse import quote, unquote

import platformdirs

from tracker.messages import text

BACKUP_DIR_ENV = "TRACKER_BACKUP_DIR"

# Files SQLite keeps next to a database; they belong to it and move with it.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")

_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_BACKUP_NAME = re.compile(r"^tracker-(?P<stamp>\d{8}T\d{12}Z)-(?P<token>.+)\.sqlite$")
_TEMP_PREFIX = ".tracker-tmp-"
# Keeps "tracker-<stamp>-<token>.sqlite" well under the 255-byte file name limit.
_MAX_TOKEN_CHARS = 150
_SQLITE_MAGIC = b"SQLite format 3\x00"

# Linux fstype names of file systems reached over a network. SQLite's locking (and WAL's
# shared memory) is unreliable on all of them.
NETWORK_FSTYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ceph",
        "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "ncpfs", "coda", "lustre",
        "fuse.rclone", "fuse.s3fs", "fuse.smbnetfs",
    }
)
# macOS f_fstypename values of network file systems.
_MAC_NETWORK_FSTYPES = frozenset({"nfs", "smbfs", "afpfs", "webdav", "cifs", "ftp"})


class BackupError(Exception):
    """A backup, check or restore failed; the message is in the user's language.

    ``problems`` holds SQLite's own findings (English, technical) when an integrity check
    was the cause, for a "details" area.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = list(problems or [])


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
) -> BackupInfo | None:
    """Copy ``db_path`` into ``backup_dir`` unless the newest backup has ``fingerprint``.

    Returns the new backup, or None when nothing changed since the newest one. The copy is
    made with SQLite's online backup API from a read-only connection, so it is a consistent
    snapshot that includes committed rows still in the ``-wal`` file, and the app may keep
    its own connection open meanwhile. Raises BackupError (and leaves no file behind) when
    the copy cannot be made or fails ``PRAGMA integrity_check``; raises ValueError for an
    empty or over-long fingerprint or a naive ``now``.
    """
    token = _fingerprint_token(fingerprint)
    taken_at = _utc(now if now is not None else datetime.now(UTC))
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

    final = backup_dir / f"tracker-{taken_at.strftime(_STAMP_FORMAT)}-{token}.sqlite"
    fd, tmp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".sqlite", dir=backup_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _copy_with_backup_api(db_path, tmp)
        # A separate, fresh read of the file on disk: what is checked is what is kept.
        problems = check_integrity(tmp)
        if problems:
            raise BackupError(
                text("备份副本未通过完整性检查，已丢弃。",
                     "The backup copy failed its integrity check and was discarded."),
                problems,
            )
        for suffix in SIDECAR_SUFFIXES:
            if _sidecar(tmp, suffix).exists():
                # A -wal here would mean the copy is not self-contained.
                raise BackupError(
                    text("备份副本不完整（存在日志文件），已丢弃。",
                         "The backup copy was not self-contained (a journal file was left), "
                         "so it was discarded.")
                )
        _fsync_file(tmp)
        os.replace(tmp, final)
        _fsync_dir(backup_dir)
    except BackupError:
        _remove_with_sidecars(tmp)
        raise
    except (sqlite3.Error, OSError) as exc:
        _remove_with_sidecars(tmp)
        raise BackupError(
            text(f"备份 {db_path} 失败：{exc}", f"Backing up {db_path} failed: {exc}")
        ) from exc
    return BackupInfo(final, taken_at, fingerprint, final.stat().st_size)


def _copy_with_backup_api(db_path: Path, target: Path) -> None:
    src = sqlite3.connect(_ro_uri(db_path), uri=True, timeout=10)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
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
            taken_at = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
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
    zone = _aware(now).tzinfo
    backups = list_backups(backup_dir)
    keep = _backups_to_keep(backups, now=_aware(now), zone=zone, keep_last=keep_last,
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


# --------------------------------------------------------------------------- checking


def check_integrity(path: Path) -> list[str]:
    """Run ``PRAGMA integrity_check`` on ``path`` read-only; [] when it is sound.

    Otherwise returns the problems as SQLite words them (English, technical), including
    "file is not a database" for a file that is not SQLite at all and "unable to open
    database file" for a missing one; it does not raise for a bad file. The file is opened
    with ``mode=ro``; when it is in WAL mode but has no ``-wal`` file (no one has it open)
    it is also opened ``immutable``, so checking leaves no empty ``-wal``/``-shm`` behind.
    A rollback-journal file with a hot ``-journal`` reports a problem too: a read-only
    connection cannot recover it, and it should then be opened normally or quarantined
    whole (quarantine moves the ``-journal`` with it).
    """
    path = Path(path)
    uri = _ro_uri(path)
    if _is_wal_header(path) and not _sidecar(path, "-wal").exists():
        # Safe only with no -wal: any connection to a WAL file keeps the -wal in place,
        # so nobody is writing, and immutable cannot miss committed rows.
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=10)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _is_wal_header(path: Path) -> bool:
    # Bytes 18 and 19 of the header are the read/write format versions; 2 means WAL.
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return len(header) == 20 and header.startswith(_SQLITE_MAGIC) and header[18:20] == b"\x02\x02"


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
    target = _free_name(db_path, "corrupt", _utc(now))
    moves: list[tuple[Path, Path]] = []
    try:
        # Sidecars first: if we stop part-way, no orphan -wal is left under the live name
        # for SQLite to replay into (or, for an empty new file, delete from) a new database.
        _move_sidecars(db_path, target, moves)
        os.rename(db_path, target)
        _fsync_dir(db_path.parent)
    except OSError as exc:
        _undo_moves(moves)
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
    if _sidecar(backup, "-wal").exists():
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
        _fsync_file(tmp)
        if _sha256(tmp) != _sha256(backup):
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
        if moved_live or any(os.path.lexists(p) for p in _iter_sidecars(db_path)):
            aside = _free_name(db_path, "before-restore", _utc(now))
            # Sidecars first: a stale -wal or -journal left next to the restored file would be
            # replayed into it by SQLite.
            _move_sidecars(db_path, aside, moves)
            if moved_live:
                linked = _set_aside(db_path, aside)
                if not linked:
                    moves.append((db_path, aside))
        os.replace(tmp, db_path)
        _fsync_dir(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if linked and aside is not None:
            # db_path was never replaced, so the extra name is just a second link to it.
            aside.unlink(missing_ok=True)
        _undo_moves(moves)
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
        source = _sidecar(db_path, suffix)
        if os.path.lexists(source):
            destination = _sidecar(target, suffix)
            os.rename(source, destination)
            moves.append((source, destination))


def _free_name(db_path: Path, label: str, when: datetime) -> Path:
    # Never overwrite an earlier quarantined or set-aside file, nor its sidecars.
    stem = f"{db_path.name}.{label}-{when.strftime(_STAMP_FORMAT)}"
    for n in range(1000):
        name = stem if n == 0 else f"{stem}-{n}"
        candidate = db_path.with_name(name)
        paths = [candidate, *_iter_sidecars(candidate)]
        if not any(os.path.lexists(p) for p in paths):
            return candidate
    raise BackupError(
        text(f"无法为 {db_path.name} 找到可用的文件名。",
             f"No free file name next to {db_path.name}.")
    )


# --------------------------------------------------------------------------- network file systems


def is_network_filesystem(path: Path, *, mounts_file: Path | None = None) -> bool:
    """Whether ``path`` is on a network file system (where SQLite's locking is unreliable).

    Linux, or whenever ``mounts_file`` is given (tests): the longest mount point containing
    the resolved path in ``/proc/self/mounts`` decides by its fstype. Windows: a UNC path or
    a drive of type DRIVE_REMOTE. macOS: ``statfs``'s file system type name via ctypes.
    Anything that cannot be determined (other systems, unreadable tables) answers False, so
    callers must treat True as a reliable warning and False as "not known to be remote".
    """
    if mounts_file is not None or sys.platform.startswith("linux"):
        table = Path("/proc/self/mounts") if mounts_file is None else Path(mounts_file)
        return _linux_network(Path(path), table)
    if sys.platform == "win32":
        return _windows_network(Path(path))
    if sys.platform == "darwin":
        return _mac_network(Path(path))
    return False


def _unescape_mount_field(field: str) -> str:
    # The kernel writes space, tab, newline and backslash in mount points as \040 etc.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def _linux_network(path: Path, mounts_file: Path) -> bool:
    try:
        content = mounts_file.read_bytes()
    except OSError:
        return False
    target = os.fsdecode(os.fsencode(path.resolve()))
    best_len = -1
    best_type = ""
    for raw in content.splitlines():
        fields = os.fsdecode(raw).split()
        if len(fields) < 3:
            continue
        mount_point = _unescape_mount_field(fields[1])
        fstype = _unescape_mount_field(fields[2])
        if not _path_under(target, mount_point):
            continue
        # ">=": a later line with the same mount point is mounted on top of the earlier one.
        if len(mount_point) >= best_len:
            best_len = len(mount_point)
            best_type = fstype
    return best_type.lower() in NETWORK_FSTYPES


def _path_under(path: str, mount_point: str) -> bool:
    if mount_point == "/":
        return path.startswith("/")
    mount_point = mount_point.rstrip("/")
    return path == mount_point or path.startswith(mount_point + "/")


def _windows_network(path: Path) -> bool:
    try:
        resolved = str(path.resolve())
    except OSError:
        resolved = str(path.absolute())
    normalized = resolved.replace("/", "\\")
    if normalized.upper().startswith("\\\\?\\UNC\\"):
        return True
    if normalized.startswith("\\\\") and not normalized.startswith(("\\\\?\\", "\\\\.\\")):
        return True
    drive = os.path.splitdrive(normalized.removeprefix("\\\\?\\"))[0]
    if len(drive) != 2 or drive[1] != ":":
        return False
    try:
        import ctypes

        drive_remote = 4
        windll = ctypes.windll  # type: ignore[attr-defined]
        return int(windll.kernel32.GetDriveTypeW(drive + "\\")) == drive_remote
    except (ImportError, AttributeError, OSError):
        return False


def _mac_network(path: Path) -> bool:
    try:
        import ctypes
        import ctypes.util

        class _StatFs(ctypes.Structure):
            # struct statfs with 64-bit inodes (the only layout on arm64, statfs$INODE64 on
            # x86_64); a generous tail guards against a layout we did not foresee.
            _fields_ = [
                ("f_bsize", ctypes.c_uint32),
                ("f_iosize", ctypes.c_int32),
                ("f_blocks", ctypes.c_uint64),
                ("f_bfree", ctypes.c_uint64),
                ("f_bavail", ctypes.c_uint64),
                ("f_files", ctypes.c_uint64),
                ("f_ffree", ctypes.c_uint64),
                ("f_fsid", ctypes.c_int32 * 2),
                ("f_owner", ctypes.c_uint32),
                ("f_type", ctypes.c_uint32),
                ("f_flags", ctypes.c_uint32),
                ("f_fssubtype", ctypes.c_uint32),
                ("f_fstypename", ctypes.c_char * 16),
                ("f_mntonname", ctypes.c_char * 1024),
                ("f_mntfromname", ctypes.c_char * 1024),
                ("f_reserved", ctypes.c_uint32 * 8),
                ("_spare", ctypes.c_char * 4096),
            ]

        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        try:
            statfs = libc["statfs$INODE64"]
        except AttributeError:
            statfs = libc.statfs
        existing = path.resolve()
        while not existing.exists() and existing.parent != existing:
            existing = existing.parent
        buf = _StatFs()
        if statfs(os.fsencode(existing), ctypes.byref(buf)) != 0:
            return False
        name = buf.f_fstypename.decode("ascii", "replace").lower()
        return name in _MAC_NETWORK_FSTYPES
    except (ImportError, AttributeError, OSError, TypeError):
        return False


# --------------------------------------------------------------------------- small helpers


def _ro_uri(path: Path) -> str:
    # as_uri percent-encodes "?", "#", "%" and non-ASCII, which SQLite decodes again.
    return Path(path).resolve().as_uri() + "?mode=ro"


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _utc(when: datetime) -> datetime:
    return _aware(when).astimezone(UTC)


def _aware(when: datetime) -> datetime:
    # A naive time would be read as local time by astimezone; refusing it avoids backups
    # named hours off, which would break "newest" ordering across a clock or zone change.
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required")
    return when


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    # Makes a rename durable on POSIX; Windows cannot open a folder this way and does not
    # need it.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_with_sidecars(path: Path) -> None:
    for candidate in (path, *_iter_sidecars(path)):
        with contextlib.suppress(OSError):
            candidate.unlink(missing_ok=True)


def _iter_sidecars(path: Path) -> Iterator[Path]:
    for suffix in SIDECAR_SUFFIXES:
        yield _sidecar(path, suffix)


def _undo_moves(moves: list[tuple[Path, Path]]) -> None:
    # Best effort, newest move first: put files back where SQLite expects them.
    for source, target in reversed(moves):
        with contextlib.suppress(OSError):
            if not os.path.lexists(source):
                os.rename(target, source)
