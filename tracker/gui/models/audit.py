"""One target's audit trail as a read-only table: who changed what, when, from what to what.

Cached state: ``_target`` (the Target, for its unit and name), ``_entries`` (AuditEntry values,
newest first, as the service gives them) and ``_dates`` (measurement id to its as-of date, so a
line about a figure can say which figure). All are replaced only in ``show_target()`` and
``refresh()``, which the owning view calls for every ServiceBridge.changed.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tracker.commands import Changes
from tracker.domain import Direction, Kind, NotFoundError, Target, field_label
from tracker.gui.models.roles import SortRole
from tracker.service import TrackerService
from tracker.storage import AuditEntry
from tracker.units import format_quantity

Index = QModelIndex | QPersistentModelIndex
# Long notes would make one line of history tall; the tooltip keeps the whole text.
SHOWN_CHARS = 60
NUMERIC_FIELDS = ("value", "baseline", "target_value")


class Column(IntEnum):
    """The history table's columns, in order."""

    WHEN = 0
    WHO = 1
    WHAT = 2
    FIELD = 3
    CHANGE = 4
    SOURCE = 5


def column_title(column: Column) -> str:
    """The header text of a column, in the interface language."""
    return {
        Column.WHEN: QCoreApplication.translate("AuditModel", "When"),
        Column.WHO: QCoreApplication.translate("AuditModel", "Who"),
        Column.WHAT: QCoreApplication.translate("AuditModel", "What"),
        Column.FIELD: QCoreApplication.translate("AuditModel", "Field"),
        Column.CHANGE: QCoreApplication.translate("AuditModel", "Old value → new value"),
        Column.SOURCE: QCoreApplication.translate("AuditModel", "Source"),
    }[column]


def format_stamp(stamp: str) -> str:
    """A stored UTC time stamp as the user's local time, to the minute: "2022-12-01 09:30"."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


#: Lines read at a time: the newest first, older ones as the view scrolls down to them.
PAGE = 500


class AuditModel(QAbstractTableModel):
    """The audit trail of one target and its figures, newest first; never editable."""

    def __init__(self, service: TrackerService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._target: Target | None = None
        self._entries: list[AuditEntry] = []
        self._dates: dict[int, str] = {}
        self._total = 0

    # -- cached state ---------------------------------------------------------------------

    @property
    def target(self) -> Target | None:
        """The target whose history is shown, if any."""
        return self._target

    def show_target(self, target_id: int | None) -> None:
        """Show the history of ``target_id`` (None, or a deleted target, shows nothing)."""
        self.beginResetModel()
        self._target, self._entries, self._dates, self._total = None, [], {}, 0
        if target_id is not None:
            try:
                self._target = self._service.target(target_id)
                # The count and the newest lines as of one moment, so that the title and
                # the lines agree even while another process writes.
                self._total, newest = self._service.audit_page(target_id, PAGE)
                self._add_lines(newest)
            except NotFoundError:
                self._target, self._entries, self._dates, self._total = None, [], {}, 0
        self.endResetModel()

    def total(self) -> int:
        """How many lines the history has (the newest are read first; see fetchMore)."""
        return self._total

    def _add_lines(self, entries: list[AuditEntry]) -> None:
        """Add older lines to the cache, with the dates of the figures they name: stored
        ones as they are now, deleted ones as the trail last recorded them (newer lines,
        read already, first)."""
        named = sorted({e.row_id for e in entries if e.table_name == "measurements"})
        for figure, when in _figure_dates(entries).items():
            self._dates.setdefault(figure, when)
        self._dates.update(self._service.measurement_dates(named))
        self._entries.extend(entries)

    def refresh(self, changes: Changes) -> None:
        """Re-read the history if ``changes`` touched the target shown."""
        if self._target is None or self._target.id is None:
            return
        if changes.everything or self._target.id in changes.target_ids:
            self.show_target(self._target.id)

    def entry(self, row: int) -> AuditEntry:
        """The audit line at model row ``row``."""
        return self._entries[row]

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._entries)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._entries) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        """Read the next page of older lines (the view asks as it nears the end)."""
        if not self.canFetchMore(parent) or self._target is None or self._target.id is None:
            return
        first = len(self._entries)
        added = self._service.audit(self._target.id, PAGE,
                                    self._entries[-1].id if self._entries else None)
        if not added:
            self._total = first  # fewer lines than counted (a file restored): no more
            return
        self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
        self._add_lines(added)
        self.endInsertRows()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            full = self._text(entry, column)
            if role == Qt.ItemDataRole.ToolTipRole:
                return full if len(full) > SHOWN_CHARS else None
            return full if len(full) <= SHOWN_CHARS else full[: SHOWN_CHARS - 1] + "…"
        if role == SortRole:
            return entry.id if column == Column.WHEN else self._text(entry, column)
        return None

    # -- what a line says ---------------------------------------------------------------------

    def _text(self, entry: AuditEntry, column: Column) -> str:
        match column:
            case Column.WHEN:
                return format_stamp(entry.at)
            case Column.WHO:
                return entry.who
            case Column.WHAT:
                return self._what(entry)
            case Column.FIELD:
                return field_label(entry.field) if entry.field else ""
            case Column.CHANGE:
                old = self._value(entry, entry.field, entry.old_value)
                new = self._value(entry, entry.field, entry.new_value)
                return f"{old or '—'} → {new or '—'}"
            case Column.SOURCE:
                return entry.source
        return ""

    def _what(self, entry: AuditEntry) -> str:
        if entry.table_name == "targets":
            return _target_action(entry.action)
        if entry.last_row_id is not None and entry.figure_count > 1:
            # One line for the figures one import added, or its undo removed or its redo put
            # back (see tracker.storage.audit).
            return _figures_action(entry.action).replace("%1", f"{entry.figure_count:,}")
        when = self._dates.get(entry.row_id, "")
        if entry.last_row_id is not None:
            when = _group_summary(entry.new_value or entry.old_value).get("from", when)
        return _figure_action(entry.action).replace("%1", str(when)).strip()

    def _value(self, entry: AuditEntry, field: str, raw: str | None) -> str:
        """An audit value as the user reads it: numbers with the unit, kinds in words."""
        if raw is None:
            return ""
        if not field:
            return self._row_summary(entry, raw)
        unit = self._target.unit if self._target else ""
        if field in NUMERIC_FIELDS:
            try:
                return format_quantity(float(raw), unit)
            except ValueError:
                return raw
        if field == "tolerance":
            try:
                return f"{float(raw) * 100:g}%"
            except ValueError:
                return raw
        try:
            if field == "kind":
                return kind_text(Kind(raw))
            if field == "direction":
                return direction_text(Direction(raw))
        except ValueError:
            pass
        return raw

    def _row_summary(self, entry: AuditEntry, raw: str) -> str:
        """A whole added or deleted row (stored as JSON) in a few words."""
        try:
            values = json.loads(raw)
        except ValueError:
            return raw
        if not isinstance(values, dict):
            return raw
        if entry.table_name == "targets":
            return str(values.get("name", ""))
        if entry.last_row_id is not None:
            first, last = values.get("from", ""), values.get("to", "")
            return str(first) if first == last else f"{first} – {last}"
        unit = self._target.unit if self._target else ""
        value = values.get("value")
        shown = format_quantity(value, unit) if isinstance(value, int | float) else ""
        return f"{values.get('as_of', '')} · {shown}".strip(" ·")


def kind_text(kind: Kind) -> str:
    """The kind of target in the interface language."""
    return {
        Kind.CUMULATIVE: QCoreApplication.translate("TargetKind", "cumulative"),
        Kind.LEVEL: QCoreApplication.translate("TargetKind", "level or rate"),
        Kind.MILESTONE: QCoreApplication.translate("TargetKind", "milestone"),
    }[kind]


def direction_text(direction: Direction) -> str:
    """Which way is better, in the interface language."""
    return {
        Direction.HIGHER: QCoreApplication.translate("TargetKind", "higher is better"),
        Direction.LOWER: QCoreApplication.translate("TargetKind", "lower is better"),
    }[direction]


def _target_action(action: str) -> str:
    return {
        "insert": QCoreApplication.translate("AuditModel", "Target created"),
        "update": QCoreApplication.translate("AuditModel", "Target changed"),
        "delete": QCoreApplication.translate("AuditModel", "Target deleted"),
        "restore": QCoreApplication.translate("AuditModel", "Target restored"),
    }.get(action, action)


def _figure_action(action: str) -> str:
    # %1 is the figure's as-of date, so "changed" says which figure.
    return {
        "insert": QCoreApplication.translate("AuditModel", "Figure %1 added"),
        "update": QCoreApplication.translate("AuditModel", "Figure %1 changed"),
        "delete": QCoreApplication.translate("AuditModel", "Figure %1 deleted"),
        "restore": QCoreApplication.translate("AuditModel", "Figure %1 restored"),
    }.get(action, action)


def _figures_action(action: str) -> str:
    # %1 is how many figures the line covers.
    return {
        "insert": QCoreApplication.translate("AuditModel", "%1 figures added"),
        "delete": QCoreApplication.translate("AuditModel", "%1 figures deleted"),
        "restore": QCoreApplication.translate("AuditModel", "%1 figures restored"),
    }.get(action, action)


def _group_summary(raw: str | None) -> dict[str, object]:
    """The {"count", "from", "to"} of a grouped line, or {} if it cannot be read."""
    try:
        values = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def _figure_dates(entries: list[AuditEntry]) -> dict[int, str]:
    """Each figure's as-of date as the trail last recorded it (for figures since deleted)."""
    dates: dict[int, str] = {}
    for entry in reversed(entries):  # oldest first, so later lines win
        if entry.table_name != "measurements":
            continue
        if entry.field == "as_of" and entry.new_value:
            dates[entry.row_id] = entry.new_value
        elif not entry.field:
            raw = entry.new_value or entry.old_value
            try:
                values = json.loads(raw) if raw else {}
            except ValueError:
                continue
            if isinstance(values, dict) and values.get("as_of"):
                dates[entry.row_id] = str(values["as_of"])
    return dates
