"""Writing CSV files that Excel and WPS open correctly and safely.

UTF-8 with a BOM (without it Excel on Chinese Windows reads the file as GBK), CRLF, minimal
RFC 4180 quoting. Text that Excel would run as a formula is neutralised (OWASP "CSV
injection"). The target is replaced only once the whole file is written, so a cancelled or
failed export never leaves a half-written file where the old one was.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.io.numbers import format_plain
from tracker.messages import text as _t

# Characters that make Excel/WPS treat a cell as a formula; full-width ones count in WPS.
DANGEROUS_FIRST = frozenset("=+-@\t\r＝＋－＠")
PROGRESS_EVERY = 10_000
_date = dt.date

# The umask can only be read by setting it; do it once, at import, before any threads write.
_umask = os.umask(0)
os.umask(_umask)


class WriteCancelled(Exception):
    """The progress callback asked to stop; the target file was left as it was."""


class WriteError(OSError):
    """The file could not be written; str() is for the user. The target was left as it was."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def neutralize(cell: str) -> str:
    """`cell` with a leading ' when Excel/WPS would otherwise read it as a formula."""
    if cell and cell[0] in DANGEROUS_FIRST:
        return "'" + cell
    return cell


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], *,
              progress: Callable[[int], bool] | None = None) -> int:
    """Write `headers` and `rows` to `path`; return the number of data rows written.

    Cells: str (neutralised), int, float (shortest exact text), Decimal, bool, date/datetime
    (ISO), None (empty). Pass numbers as numbers: a str "-3" is text and gets a leading '.
    `progress(n)` is called after every 10,000 rows; returning False raises WriteCancelled.
    Raises WriteError on I/O failure and ValueError on a NaN/infinite float.
    """
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([neutralize(str(h)) for h in headers])
        count = 0
        for row in rows:
            writer.writerow(_row(row))
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0 and not progress(count):
                raise WriteCancelled
        fh.flush()
        os.fsync(fh.fileno())
    return count


def _row(row: Iterable[Any]) -> list[object]:
    # Runs for every cell of a million-row export: one loop, exact type checks for the common
    # types before anything slower, and format_plain inlined for ordinary floats.
    out: list[object] = []
    append = out.append
    for c in row:
        t = type(c)
        if t is str:
            append("'" + c if c and c[0] in DANGEROUS_FIRST else c)
        elif t is float:
            r = repr(c)
            if "e" in r or "n" in r:  # exponent, inf or nan
                r = format_plain(c)
            elif r[-2:] == ".0":
                r = r[:-2] if c else "0"  # also turns "-0.0" into "0"
            append(r)
        elif t is int or c is None:
            append(c)  # csv writes None as an empty field
        elif t is _date:
            append(c.isoformat())
        else:
            append(cell_text(c))
    return out


def cell_text(c: object) -> str:
    """The text written for a value that is not a plain str, int, float or None."""
    if isinstance(c, bool):
        return "TRUE" if c else "FALSE"
    if isinstance(c, int | float):  # subclasses such as IntEnum or numpy scalars
        return format_plain(float(c)) if isinstance(c, float) else str(int(c))
    if isinstance(c, Decimal):
        if not c.is_finite():
            raise ValueError(_t(f"无法写出非有限数值 {c}",
                                f"cannot write the non-finite number {c}"))
        return format(c, "f")
    if isinstance(c, dt.datetime):
        return c.date().isoformat() if c.time() == dt.time(0) else c.isoformat(sep=" ")
    if isinstance(c, dt.date):
        return c.isoformat()
    return neutralize(str(c))


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` that replaces `path` when the block ends without error.

    On an exception (including WriteCancelled) the temporary file is removed and `path` is
    untouched. OSErrors are turned into WriteError with a message for the user.
    """
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise _write_error(path, e) from e
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_error(path, e) from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_error(path: Path, e: OSError) -> WriteError:
    if isinstance(e, PermissionError):
        return WriteError(e.errno, _t(
            f"无法写入“{path}”：没有权限，或文件正被 Excel/WPS 等程序打开",
            f"cannot write {str(path)!r}: permission denied, or the file is open in Excel/WPS"))
    return WriteError(e.errno, _t(f"无法写入“{path}”：{e.strerror or e}",
                                  f"cannot write {str(path)!r}: {e.strerror or e}"))
