"""A table model over a list of row values, answering each cell from one ``_value`` method.

TargetsModel and MeasurementsModel both keep their rows in ``_rows`` and say what a cell
shows in ``_value(row, column, role)``; this base answers Qt's ``data`` and ``multiData``
from it. ``multiData`` matters: a view asks some seven roles of every cell it paints or
measures, and one call from Qt for all of them costs a third less than one call each.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Subclasses fill ``_rows`` and implement ``_value``."""

    _rows: list[Any]

    def _value(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = index.row()  # -1 for an invalid index
        if not 0 <= r < len(self._rows):
            return None
        return self._value(self._rows[r], index.column(), role)

    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:  # noqa: N802
        r = index.row()
        if not 0 <= r < len(self._rows):
            return
        row, column, value = self._rows[r], index.column(), self._value
        for item in roles:
            item.setData(value(row, column, item.role()))
