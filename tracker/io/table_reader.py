"""Reading a CSV or XLSX table into text cells, row by row, as Excel would show it.

The reader does not interpret cells (numbers, dates, units are the importer's job); it only
makes sure each returned row lines up with the headers. A row that cannot be lined up is not
returned but reported as a RowProblem with the row number the user sees in Excel, so one bad
line never stops the import of the rest.
"""

from __future__ import annotations

import csv
import io
import sys
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.gc_pause import gc_paused
from tracker.io.encoding import decode, line_ending
from tracker.io.sheet_cells import seen_in_sheet
from tracker.messages import text as _t

XLSX = "XLSX"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls and other legacy Office files
#: Excel's escape of a character in cell text: _x000D_ is a carriage return.
_SHOWN_CHARS = 100


@dataclass(slots=True)  # not frozen: a frozen __init__ doubles the cost of a million rows
class RawRow:
    """One data row: its number as Excel shows it (header row = 1) and its cells as text."""

    number: int
    cells: list[str]


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row was left out; `column` is the header name, or "" for the whole row."""

    row: int
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class RawTable:
    """A table as read: headers, the rows that line up with them, and the rows that did not.

    The rows are kept by column (``columns[c][i]`` is cell ``c`` of data row ``i``, whose
    Excel row number is ``numbers[i]``): an importer of a million rows then checks a whole
    column at a time instead of a million row objects. ``rows`` gives them row by row.
    """

    headers: list[str]
    numbers: list[int]
    columns: list[list[str]]
    encoding: str  # from encoding.decode, or "XLSX"
    line_ending: str  # "CRLF", "LF", "CR", "mixed" or "none"; "none" for XLSX
    problems: list[RowProblem]

    def __len__(self) -> int:
        return len(self.numbers)

    @property
    def rows(self) -> list[RawRow]:
        """The data rows, each with its number and its cells in header order."""
        return self.slice(0, len(self.numbers))

    def head(self, count: int) -> list[RawRow]:
        """The first ``count`` data rows."""
        return self.slice(0, count)

    def slice(self, start: int, stop: int) -> list[RawRow]:
        """The data rows ``start`` to ``stop`` (0-based, ``stop`` excluded)."""
        cells = zip(*(c[start:stop] for c in self.columns), strict=True)
        return [RawRow(n, list(c)) for n, c in zip(self.numbers[start:stop], cells, strict=True)]

    def rows_at(self, places: list[int]) -> list[RawRow]:
        """The data rows at these places (0-based)."""
        return [RawRow(self.numbers[i], [c[i] for c in self.columns]) for i in places]


class TableError(ValueError):
    """The file cannot be read as a table at all (no headers, bad headers, not a table file)."""


def read_table(path: Path, encoding: str | None = None, *,
               max_field_chars: int = 100_000) -> RawTable:
    """Read the CSV or the first sheet of the XLSX at `path`.

    `encoding` forces a CSV's encoding (see encoding.decode); it is ignored for XLSX.
    Fully blank lines are skipped (their numbers are still counted). Raises TableError,
    EncodingError or OSError when the file as a whole cannot be read.
    """
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE_MAGIC):
        raise TableError(_t("这是旧版 Excel（.xls）文件，请在 Excel/WPS 中另存为 .xlsx 或 CSV",
                            "this is an old Excel (.xls) file; save it as .xlsx or CSV first"))
    if head.startswith(_ZIP_MAGIC):
        # Certain, not a guess: an .xlsx is a zip archive, whatever its name says.
        return _assemble(_xlsx_records(path), XLSX, "none", max_field_chars, spreadsheet=True)
    decoded = decode(path.read_bytes(), encoding)
    text = decoded.text.removeprefix("\ufeff")
    with gc_paused():
        if '"' not in text and "\x00" not in text:
            fast = _split_plain(text, decoded.line_ending, decoded.encoding, max_field_chars,
                                decoded.line_breaks)
            if fast is not None:
                return fast
        return _assemble(iter_csv_records(text), decoded.encoding, line_ending(text, '"'),
                         max_field_chars, has_nul="\x00" in text)


def iter_csv_records(text: str) -> Iterator[tuple[int, list[str] | None]]:
    """Each CSV record of `text` with its number (1-based, blank lines counted).

    A record whose quoting is broken (text after a closing quote, a quote never closed) comes
    as (number, None); reading goes on with the next line.
    """
    if len(text) >= csv.field_size_limit():
        # The limit is process-wide; only ever raise it. Long fields are reported, not refused.
        csv.field_size_limit(min(len(text) + 1, sys.maxsize))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = consumed = 0
    while True:
        try:
            for cells in reader:
                number += 1
                yield number, cells
            return
        except csv.Error:
            number += 1
            yield number, None
            if reader.line_num == consumed:
                return  # an error that read nothing would repeat forever
            consumed = reader.line_num


def _assemble(records: Iterable[tuple[int, list[str] | None]], encoding: str, ending: str,
              max_field_chars: int, *, spreadsheet: bool = False,
              has_nul: bool = False) -> RawTable:
    headers: list[str] | None = None
    numbers: list[int] = []
    rows: list[list[str]] = []
    problems: list[RowProblem] = []
    width = 0
    for number, cells in records:
        if cells is None:
            if headers is None:
                raise TableError(_t(f"第 {number} 行（标题行）的引号不配对", f"row {number} (the "
                                    "header row) has unbalanced quotes"))
            problems.append(RowProblem(number, "", "", _t(
                "引号不配对：右引号后还有文字，或引号没有闭合（此时文件其余部分都被读进了这一行）",
                "unbalanced quotes: text after a closing quote, or a quote that is never closed "
                "(then the rest of the file was read into this row)")))
            continue
        first = cells[0] if cells else ""
        if not (first and not first.isspace()) and all(not c or c.isspace() for c in cells):
            continue
        if headers is None:
            headers = _headers(cells, number, max_field_chars)
            width = len(headers)
            continue
        if len(cells) != width:
            cells = _fit(cells, width, number, headers, problems, spreadsheet)
            if cells is None:
                continue
        if (has_nul and any("\x00" in c for c in cells)) or max(map(len, cells)) > max_field_chars:
            problems.extend(_cell_problems(number, headers, cells, max_field_chars))
            continue
        numbers.append(number)
        rows.append(cells)
    if headers is None:
        raise TableError(_t("文件是空的：没有标题行", "the file is empty: there is no header row"))
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in headers]
    return RawTable(headers, numbers, columns, encoding, ending, problems)


def _split_plain(text: str, ending: str, encoding: str, max_field_chars: int,
                 breaks: int) -> RawTable | None:
    """The table of a CSV without any quote, split by C string methods; None when a row
    needs the careful reader (a blank or ragged row, a long cell, a stray CR).

    Without quotes a comma always separates cells and a line break always ends a record, so
    splitting gives exactly what the csv module gives, at a fraction of the cost: this is
    how a million figures exported by Excel, WPS or Tracker are read. ``breaks`` is how many
    line breaks the text has (Decoded.line_breaks).
    """
    separator = {"CRLF": "\r\n", "LF": "\n"}.get(ending)
    if separator is None:
        return None  # "none" (a header alone), "CR" and "mixed" are rare: the careful way
    # The header: the first line that is not blank. Blank lines above it are skipped.
    start = number = 0
    while True:
        end = text.find(separator, start)
        line = text[start:] if end < 0 else text[start:end]
        number += 1
        if line.replace(",", "").strip():
            break
        if end < 0:
            return None  # nothing but blank lines: the careful reader says so
        start = end + len(separator)
    headers = _headers(line.split(","), number, max_field_chars)
    width = len(headers)
    if width < 2 or line.count(",") != width - 1:
        return None
    trailing = text.endswith(separator)
    begin = len(text) if end < 0 else end + len(separator)  # where the first row starts
    stop = len(text) - len(separator) if trailing else len(text)
    if begin >= stop:
        columns: list[list[str]] = [[] for _ in headers]
        return RawTable(headers, [], columns, encoding, ending, [])
    # Each line break becomes a cell of its own holding NUL (the text has none), so one
    # split gives every cell, and the NULs falling exactly every width + 1 cells prove that
    # every row has exactly width cells. The whole text is split, header and all: a slice
    # of the rows alone would copy (and rescan) the text once more, 0.08 s for 74 MB.
    cells = text.replace(separator, ",\x00,").split(",")
    # The rows' cells: past those of the lines above (a line break makes two commas), and
    # short of the marker and empty cell a final line break leaves.
    first = text.count(",", 0, begin) + 2 * text.count(separator, 0, begin)
    last = len(cells) - 2 if trailing else len(cells)
    rows, rest = divmod(last - first + 1, width + 1)
    # Every NUL must fall on a marker's place: counting them there and in all is needed,
    # since two short lines ("a", "b") would otherwise pass as one row with a NUL in it.
    # The rows' line breaks: all of them but those above the first row and the final one.
    within = breaks - text.count(separator, 0, begin) - trailing
    if (rest or within != rows - 1
            or cells[first + width:last:width + 1].count("\x00") != rows - 1):
        return None  # a row with a comma too many or too few (or a blank line)
    columns = [cells[first + c:last:width + 1] for c in range(width)]
    if not all(map(str.strip, columns[0])):
        return None  # a row may be blank (",,"), which is skipped: the careful way
    if (stop - begin > max_field_chars
            and not _lines_within(text, separator, max_field_chars, begin, stop)
            and max(max(map(len, c)) for c in columns) > max_field_chars):
        return None
    first_row = number + 1
    return RawTable(headers, list(range(first_row, first_row + rows)), columns, encoding,
                    ending, [])


def _lines_within(text: str, separator: str, limit: int, start: int = 0,
                  stop: int | None = None) -> bool:
    """Whether no line of ``text[start:stop]`` is longer than ``limit`` characters (then
    no cell is).

    Looked at ``limit`` characters at a time: the last line break in each stretch is where
    the next one starts, so a file of short lines costs one search per stretch, not a len()
    per cell (0.2 s for a million rows).
    """
    stop = len(text) if stop is None else stop
    width = len(separator)
    while stop - start > limit:
        last = text.rfind(separator, start, min(start + limit + width, stop))
        if last < 0:
            return False  # the line starting here is longer than limit
        start = last + width
    return True


def _cell_problems(number: int, headers: list[str], cells: list[str],
                   max_field_chars: int) -> Iterator[RowProblem]:
    """The cells of a row that cannot be taken as they are."""
    for header, cell in zip(headers, cells, strict=True):
        if "\x00" in cell:
            yield RowProblem(number, header, _shown(cell), _t(
                "含有空字符（NUL），文件可能已损坏",
                "contains a NUL character; the file may be damaged"))
        elif len(cell) > max_field_chars:
            yield RowProblem(number, header, _shown(cell), _t(
                f"内容过长：{len(cell):,} 个字符，上限为 {max_field_chars:,}",
                f"too long: {len(cell):,} characters, the limit is {max_field_chars:,}"))


def _headers(cells: list[str], number: int, max_field_chars: int) -> list[str]:
    headers = [c.strip().strip("\ufeff").strip() for c in cells]
    # Excel exports trailing empty columns once anything was ever typed in them.
    while headers and not headers[-1]:
        headers.pop()
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        column = _column_letter(i)
        if not h:
            raise TableError(_t(f"第 {number} 行（标题行）第 {column} 列的标题为空，"
                                "每一列都需要标题",
                                f"the header in column {column} of row {number} is blank; "
                                "every column needs a heading"))
        if "\x00" in h or len(h) > max_field_chars:
            raise TableError(_t(f"第 {column} 列的标题无效（含空字符或过长）",
                                f"the header in column {column} is invalid (NUL or too long)"))
        if h in seen:
            first = _column_letter(seen[h])
            raise TableError(_t(f"标题“{h}”重复出现在第 {first} 列和第 {column} 列",
                                f"the header {h!r} appears twice, in columns {first} and {column}"))
        seen[h] = i
    return headers


def _fit(cells: list[str], width: int, number: int, headers: list[str],
         problems: list[RowProblem], spreadsheet: bool) -> list[str] | None:
    """Cells lined up with the headers, or None after recording why they cannot be."""
    if len(cells) > width and not any(cells[width:]):
        return cells[:width]  # empty trailing cells, as Excel writes after a stray edit
    if spreadsheet and len(cells) < width:
        return cells + [""] * (width - len(cells))  # a sheet has no "missing" cells
    if spreadsheet:
        extra = next(i for i in range(width, len(cells)) if cells[i])
        problems.append(RowProblem(number, "", _shown(cells[extra]), _t(
            f"第 {_column_letter(extra)} 列有内容，但该列没有标题",
            f"column {_column_letter(extra)} has a value but no heading")))
        return None
    problems.append(RowProblem(number, "", _shown(",".join(cells)), _t(
        f"该行有 {len(cells)} 个单元格，但标题行有 {width} 列（可能多了或少了逗号）",
        f"the row has {len(cells)} cells but the header has {width} columns "
        "(a comma too many or too few?)")))
    return None


def _shown(value: str) -> str:
    """A value cut short enough to show in a list of problems, NUL made visible."""
    value = value.replace("\x00", "\u2400")
    return value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…"


def _column_letter(index: int) -> str:
    """Excel's name for the 0-based column `index`: A, B, ..., Z, AA, ..."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def _xlsx_records(path: Path) -> Iterator[tuple[int, list[str] | None]]:
    import openpyxl  # imported late: it is slow to import and CSV-only users never need it

    with path.open("rb") as fh:
        try:
            with warnings.catch_warnings():
                # openpyxl warns about features it ignores (data validation, styles); those do
                # not change cell values.
                warnings.simplefilter("ignore")
                workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
            raise TableError(_t(f"无法作为 Excel 工作簿读取：{e}",
                                f"cannot read the file as an Excel workbook: {e}")) from None
        try:
            if not workbook.worksheets:
                raise TableError(_t("工作簿中没有工作表", "the workbook has no worksheet"))
            sheet = workbook.worksheets[0]
            # The stored dimension is often wrong in files from other programs; trusting it
            # would cut rows off silently.
            sheet.reset_dimensions()
            for number, row in enumerate(sheet.iter_rows(min_row=1), start=1):
                yield number, list(map(seen_in_sheet, row))
        finally:
            workbook.close()
