"""Whether a database sits on a network file system, where SQLite's locking is unreliable."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

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