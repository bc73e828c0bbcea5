"""How a target's row reads in the targets table: the columns, their titles, the cell
texts, the sort keys and the tooltip. Plain functions of a TargetRow, so the model only
caches and orders."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication

from tracker.domain import TargetRow
from tracker.gui.models.audit import format_stamp
from tracker.gui.status_style import STATUS_ORDER, status_text
from tracker.units import format_magnitude, format_percent, format_quantity


class Column(IntEnum):
    """The table's columns, in order."""

    NAME = 0
    CATEGORY = 1
    DEPARTMENT = 2
    UNIT = 3
    TARGET = 4
    LATEST = 5
    AS_OF = 6
    PERCENT = 7
    EXPECTED = 8
    STATUS = 9
    UPDATED = 10


EDITABLE = {
    Column.NAME: "name",
    Column.CATEGORY: "category",
    Column.DEPARTMENT: "department",
    Column.UNIT: "unit",
    Column.TARGET: "target_value",
}
NUMERIC = {Column.TARGET, Column.LATEST, Column.PERCENT, Column.EXPECTED}

def column_title(column: Column) -> str:
    """The header text of a column, in the interface language."""
    return {
        Column.NAME: QCoreApplication.translate("TargetsModel", "Target"),
        Column.CATEGORY: QCoreApplication.translate("TargetsModel", "Category"),
        Column.DEPARTMENT: QCoreApplication.translate("TargetsModel", "Department"),
        Column.UNIT: QCoreApplication.translate("TargetsModel", "Unit"),
        Column.TARGET: QCoreApplication.translate("TargetsModel", "Target value"),
        Column.LATEST: QCoreApplication.translate("TargetsModel", "Latest"),
        Column.AS_OF: QCoreApplication.translate("TargetsModel", "As of"),
        Column.PERCENT: QCoreApplication.translate("TargetsModel", "Complete"),
        Column.EXPECTED: QCoreApplication.translate("TargetsModel", "Expected pace"),
        Column.STATUS: QCoreApplication.translate("TargetsModel", "Status"),
        Column.UPDATED: QCoreApplication.translate("TargetsModel", "Last updated"),
    }[column]


def display_text(row: TargetRow, column: Column) -> str:
    """The text of ``row``'s cell in ``column``."""
    t, p = row.target, row.progress
    match column:
        case Column.NAME:
            return t.name
        case Column.CATEGORY:
            return t.category
        case Column.DEPARTMENT:
            return t.department
        case Column.UNIT:
            return t.unit
        case Column.TARGET:
            return format_magnitude(t.target_value, t.unit) if t.target_value is not None else "—"
        case Column.LATEST:
            return format_magnitude(p.latest.value, t.unit) if p.latest else "—"
        case Column.AS_OF:
            return p.latest.as_of.isoformat() if p.latest else "—"
        case Column.PERCENT:
            return format_percent(p.percent)
        case Column.EXPECTED:
            return format_percent(p.expected)
        case Column.STATUS:
            return status_text(p.status)
        case Column.UPDATED:
            return format_stamp(_last_updated(row))
    return ""


def _last_updated(row: TargetRow) -> str:
    """When the target or its latest figure last changed, as stored (UTC)."""
    latest = row.progress.latest
    return max(row.target.updated_at, latest.updated_at if latest else "")


_MISSING = float("-inf")
# The raw value each column sorts by (numbers as numbers, missing values first); a column
# without one sorts by its text.
SORT_KEYS: dict[Column, Callable[[TargetRow], Any]] = {
    Column.NAME: lambda r: r.target.name,
    Column.CATEGORY: lambda r: r.target.category,
    Column.DEPARTMENT: lambda r: r.target.department,
    Column.UNIT: lambda r: r.target.unit,
    Column.TARGET: lambda r: _MISSING if r.target.target_value is None else r.target.target_value,
    Column.LATEST: lambda r: r.progress.latest.value if r.progress.latest else _MISSING,
    Column.AS_OF: lambda r: r.progress.latest.as_of.isoformat() if r.progress.latest else "",
    Column.PERCENT: lambda r: _MISSING if r.progress.percent is None else r.progress.percent,
    Column.EXPECTED: lambda r: _MISSING if r.progress.expected is None else r.progress.expected,
    Column.STATUS: lambda r: STATUS_ORDER[r.progress.status],
    # The stored UTC stamps (ISO text, ordered as written), not the local time shown: making
    # that text for 10,000 rows made this the one slow column to sort (about 150 ms).
    Column.UPDATED: _last_updated,
}


def sort_key(row: TargetRow, column: Column) -> Any:
    """What ``row`` sorts by in ``column`` (SORT_KEYS, else the cell text)."""
    key = SORT_KEYS.get(column)
    return key(row) if key else display_text(row, column)


def tooltip(row: TargetRow) -> str:
    """The tooltip of every cell of ``row``: the name, goal, latest figure and status."""
    t, p = row.target, row.progress
    lines = [t.name]
    if t.target_value is not None:
        goal = format_quantity(t.target_value, t.unit)
        lines.append(QCoreApplication.translate("TargetsModel", "Target: %1").replace("%1", goal))
    if p.latest:
        lines.append(
            QCoreApplication.translate("TargetsModel", "Latest: %1 as of %2")
            .replace("%1", format_quantity(p.latest.value, t.unit))
            .replace("%2", p.latest.as_of.isoformat())
        )
    lines.append(f"{status_text(p.status)} · {format_percent(p.percent)}")
    if t.note:
        lines.append(t.note)
    return "\n".join(lines)
