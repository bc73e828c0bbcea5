"""File-level helpers shared by backups and recovery: sidecars, fsync, hashing, names."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

# Files SQLite keeps next to a database; they belong to it and move with it.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup, check or restore failed; the message is in the user's language.

    ``problems`` holds SQLite's own findings (English, technical) when an integrity check
    was the cause, for a "details" area.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = list(problems or [])



def ro_uri(path: Path) -> str:
    # as_uri percent-encodes "?", "#", "%" and non-ASCII, which SQLite decodes again.
    return Path(path).resolve().as_uri() + "?mode=ro"


def rw_uri(path: Path) -> str:
    """Opens ``path`` read-write, never creating it (a file moved away meanwhile is an
    error, not a new empty database)."""
    return Path(path).resolve().as_uri() + "?mode=rw"


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def utc(when: datetime) -> datetime:
    return aware(when).astimezone(UTC)


def aware(when: datetime) -> datetime:
    # A naive time would be read as local time by astimezone; refusing it avoids backups
    # named hours off, which would break "newest" ordering across a clock or zone change.
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required")
    return when


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def fsync_dir(folder: Path) -> None:
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


def remove_with_sidecars(path: Path) -> None:
    for candidate in (path, *iter_sidecars(path)):
        with contextlib.suppress(OSError):
            candidate.unlink(missing_ok=True)


def iter_sidecars(path: Path) -> Iterator[Path]:
    for suffix in SIDECAR_SUFFIXES:
        yield sidecar(path, suffix)


def undo_moves(moves: list[tuple[Path, Path]]) -> None:
    # Best effort, newest move first: put files back where SQLite expects them.
    for source, target in reversed(moves):
        with contextlib.suppress(OSError):
            if not os.path.lexists(source):
                os.rename(target, source)
