"""The targets table: one row per target with its latest figure, progress and status.

Cached state: ``_rows`` (a list of TargetRow, in service order) and ``_index`` (target id to
row). Both are replaced only in ``refresh()``, called for every ServiceBridge.changed, so the
model never reads the database while Qt is painting.
"""

from __future__ import annotations

from collections.abc import Callable
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
from PySide6.QtGui import QBrush

from tracker.commands import Changes
from tracker.domain import NotFoundError, TargetRow
from tracker.gui.models.audit import format_stamp
from tracker.gui.models.roles import SortRole, TargetIdRole, TargetRowRole
from tracker.gui.status_style import STATUS_ORDER, status_color, status_icon, status_text
from tracker.service import TrackerService
from tracker.units import format_magnitude, format_percent, format_quantity

Index = QModelIndex | QPersistentModelIndex
#: Asked to change one field of a target; returns whether the edit was accepted.
EditHandler = Callable[[TargetRow, str, object], bool]


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


class TargetsModel(QAbstractTableModel):
    """Every target of the service with its progress; edits go out through ``edit_handler``."""

    def __init__(self, service: TrackerService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._rows: list[TargetRow] = []
        self._index: dict[int, int] = {}
        self.edit_handler: EditHandler | None = None
        self.read_only = service.read_only
        self.reload()

    # -- cached state ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read every row afresh (one SQL pass)."""
        self.beginResetModel()
        self._rows = self._service.rows()
        self._index = {r.target.id: i for i, r in enumerate(self._rows)}  # type: ignore[misc]
        self.endResetModel()

    def refresh(self, changes: Changes) -> None:
        """Bring the cache up to date after ``changes``; only touched rows are re-read."""
        if changes.everything or changes.structure:
            self.reload()
            return
        for target_id in changes.target_ids:
            row = self._index.get(target_id)
            if row is None:
                continue
            try:
                self._rows[row] = self._service.row(target_id)
            except NotFoundError:
                self.reload()
                return
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def row_of(self, target_id: int) -> int | None:
        """The model row showing ``target_id``, if any."""
        return self._index.get(target_id)

    def target_row(self, row: int) -> TargetRow:
        """The TargetRow at model row ``row``."""
        return self._rows[row]

    def rows(self) -> list[TargetRow]:
        """All cached rows (read-only use)."""
        return list(self._rows)

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole and Column(section) in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and index.column() in EDITABLE:
            row = self._rows[index.row()]
            if not (index.column() == Column.TARGET and row.target.target_value is None):
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            field = EDITABLE.get(column)
            return getattr(row.target, field) if field else _display(row, column)
        if role == SortRole:
            return _sort_key(row, column)
        if role == TargetRowRole:
            return row
        if role == TargetIdRole:
            return row.target.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == Column.STATUS:
            if role == Qt.ItemDataRole.DecorationRole:
                return status_icon(row.progress.status)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(status_color(row.progress.status))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or self.edit_handler is None
            or not self.flags(index) & Qt.ItemFlag.ItemIsEditable
        ):
            return False
        field = EDITABLE[Column(index.column())]
        # The handler runs the edit as a command; the view refreshes from the change signal.
        return self.edit_handler(self._rows[index.row()], field, value)


def _display(row: TargetRow, column: Column) -> str:
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
            return format_stamp(max(t.updated_at, p.latest.updated_at if p.latest else ""))
    return ""


def _sort_key(row: TargetRow, column: Column) -> Any:
    t, p = row.target, row.progress
    missing = float("-inf")
    match column:
        case Column.TARGET:
            return t.target_value if t.target_value is not None else missing
        case Column.LATEST:
            return p.latest.value if p.latest else missing
        case Column.AS_OF:
            return p.latest.as_of.isoformat() if p.latest else ""
        case Column.PERCENT:
            return p.percent if p.percent is not None else missing
        case Column.EXPECTED:
            return p.expected if p.expected is not None else missing
        case Column.STATUS:
            return STATUS_ORDER[p.status]
    return _display(row, column)


def _tooltip(row: TargetRow) -> str:
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
