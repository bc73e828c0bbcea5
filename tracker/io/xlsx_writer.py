"""Writing XLSX workbooks that open readably in Excel and WPS.

A bold, frozen header row, columns wide enough for Chinese text, per-column number formats.
Text is neutralised as in the CSV writer: openpyxl would store "=..." as a live formula, and
a workbook re-saved as CSV by the user must stay safe too. The target is replaced atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.io.csv_writer import (
    PROGRESS_EVERY,
    WriteCancelled,
    WriteError,
    cell_text,
    neutralize,
    replacing,
)
from tracker.io.numbers import format_plain
from tracker.units import display_width

__all__ = ["write_xlsx", "WriteCancelled", "WriteError"]

_SAMPLE_ROWS = 1000  # rows looked at to size the columns; the rest are streamed
_MIN_WIDTH = 8
_MAX_WIDTH = 60
# Control characters XML cannot hold; openpyxl refuses the whole cell otherwise.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], *,
               number_formats: Mapping[int, str] | None = None, sheet_title: str = "Sheet1",
               progress: Callable[[int], bool] | None = None) -> int:
    """Write one sheet with `headers` and `rows` to `path`; return the number of rows written.

    `number_formats` maps a 0-based column index to an Excel format ("#,##0", "0.00%",
    "yyyy-mm-dd"); note "0.00%" shows 1.0851 as 108.51%, so pass fractions, not percents.
    Cell types as for write_csv; control characters that XLSX cannot store are dropped.
    `progress(n)` is called after every 10,000 rows; returning False raises WriteCancelled.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    formats = dict(number_formats or {})
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_safe_title(sheet_title))
    source = iter(rows)
    # Column widths must be set before the first row is written, so size them on a sample.
    sample = [_values(r) for r in itertools.islice(source, _SAMPLE_ROWS)]
    header_values = [_text(neutralize(str(h))) for h in headers]
    for index, width in enumerate(_widths(header_values, sample, formats)):
        sheet.column_dimensions[_column_letter(index)].width = width
    sheet.freeze_panes = "A2"

    def cell(value: object, fmt: str) -> WriteOnlyCell:
        c = WriteOnlyCell(sheet, value=value)
        c.number_format = fmt
        return c

    bold = Font(bold=True)
    header_cells = []
    for value in header_values:
        c = WriteOnlyCell(sheet, value=value)
        c.font = bold
        header_cells.append(c)
    count = 0
    with replacing(path) as tmp, _exact_floats():
        try:
            sheet.append(header_cells)
            for values in itertools.chain(sample, map(_values, source)):
                for i, fmt in formats.items():
                    if i < len(values) and values[i] is not None:
                        values[i] = cell(values[i], fmt)
                sheet.append(values)
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0 and not progress(count):
                    raise WriteCancelled
        except BaseException:
            _discard(sheet)
            raise
        workbook.save(tmp)
    return count


@contextlib.contextmanager
def _exact_floats() -> Iterator[None]:
    """Write every float with all its digits while the sheet is being written.

    openpyxl formats numbers with "%.16g", which silently rounds a figure that needs 17
    significant digits (0.30000000000000004 becomes 0.3); repr() is the shortest text that
    reads back as the very same float.
    """
    from openpyxl.cell import _writer

    original = _writer.safe_string

    def exact(value: object) -> str:
        if isinstance(value, float) and math.isfinite(value):
            return repr(value)
        return original(value)

    _writer.safe_string = exact
    try:
        yield
    finally:
        _writer.safe_string = original


def _values(row: Sequence[object]) -> list[Any]:
    return [_value(c) for c in row]


def _value(c: Any) -> object:
    """What openpyxl is given for one cell."""
    t = type(c)
    if t is str:
        return _text(neutralize(c))
    if c is None or t is int or t is bool or t is dt.date or t is dt.datetime:
        return c
    if t is float:
        if not math.isfinite(c):
            format_plain(c)  # raises the user-facing ValueError
        return c
    if isinstance(c, Decimal):
        cell_text(c)  # refuses NaN/infinity with the same message as the CSV writer
        return float(c)
    if isinstance(c, int | float | dt.date | dt.time):
        return c
    return _text(cell_text(c))


def _text(s: str) -> str:
    return _ILLEGAL.sub("", s) if not s.isprintable() else s


def _widths(headers: list[str], sample: list[list[Any]],
            formats: Mapping[int, str]) -> list[float]:
    """Column widths in Excel's units (about one Latin character each) fitting the sample."""
    columns = max([len(headers), *(len(r) for r in sample)], default=0)
    widths = [display_width(h) * 1.2 + 2 for h in headers]  # bold text is wider
    widths += [0.0] * (columns - len(widths))
    for row in sample:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _shown_width(value, formats.get(i, "")) + 2)
    return [min(max(w, _MIN_WIDTH), _MAX_WIDTH) for w in widths]


def _shown_width(value: object, fmt: str) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return display_width(value)
    if isinstance(value, dt.datetime):
        return 19
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = len(format_plain(value))
        if "," in fmt:
            digits += digits // 3
        return digits + (1 if "%" in fmt else 0)
    return len(str(value))


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _safe_title(title: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, not blank."""
    return _BAD_TITLE.sub("_", title).strip("'")[:31] or "Sheet1"


def _discard(sheet: Any) -> None:
    """Remove the temporary file openpyxl streams an unsaved write-only sheet into."""
    writer = getattr(sheet, "_writer", None)
    if writer is not None:
        # Private openpyxl API, hence best effort; its atexit hook removes leftovers anyway.
        with contextlib.suppress(Exception):
            sheet.close()
            writer.cleanup()

