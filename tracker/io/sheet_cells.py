"""A spreadsheet cell as the text its user sees and would type: what an XLSX import reads.

A number is shown through its format (108.51% for a stored 1.0851), a date as ISO text, a
truth value as TRUE or FALSE; text comes as it is, with Excel's escapes undone.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from tracker.io.numbers import format_plain

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: Quoted text and escaped characters in a number format, which show as they are.
_QUOTED = re.compile(r'"[^"]*"|\\.')


def seen_in_sheet(cell: Any) -> str:
    """A sheet cell as its user sees it. Only a number's format changes what is shown, and
    looking a format up costs openpyxl a microsecond a cell, so text skips it."""
    value = cell.value
    if type(value) is str:
        # Excel and XlsxWriter write a CR, and text that looks like such an escape, as
        # _x000D_ and _x005F_x...; openpyxl hands them over as they are.
        return _EXCEL_ESCAPE.sub(_unescape, value) if "_x" in value else value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return cell_text(value, cell.number_format)
    return cell_text(value, None)


def _unescape(match: re.Match[str]) -> str:
    return chr(int(match[1], 16))


def cell_text(value: object, number_format: str | None) -> str:
    """A cell's value as the text a user would type for it (dates ISO, percents with %)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        shown = format_plain(value)
        if number_format and "%" in _QUOTED.sub("", number_format):
            # The user sees 108.51%, not the stored 1.0851; keep what they see.
            return format(Decimal(shown).scaleb(2).normalize(), "f") + "%"
        return shown
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
