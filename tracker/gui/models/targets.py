"""The targets table: one row per target with its latest figure, progress and status.

The model keeps its rows in the table's sort order and sorts them itself, in Python with one
key per row: a QSortFilterProxyModel sorting 10,000 rows would call ``data()`` twice per
comparison, some 300,000 calls and seconds of start-up. It filters itself too, for the same
reason: a proxy filtering 10,000 rows calls Python three times a row (rowCount, columnCount
and data, for each row it asks about) at every change of the criteria, where one list
comprehension here decides them all. TargetFilter hands ``sort()`` and the criteria down to
here and passes the rows on as they are.

Cached state, replaced only in ``reload()``/``refresh()`` (called for every
ServiceBridge.changed, so the model never reads the database while Qt is painting) and
reordered only in ``sort()`` and ``set_criteria()``: ``_rows`` (the TargetRows passing the
criteria, sorted by the sort column, ties and the unsorted table by target id), ``_keys``
(each row's sort key, parallel to ``_rows``), ``_index`` (target id to row), ``_hidden``
(target id to the TargetRows the criteria hide) and ``_texts`` (target id to the row's
display texts, made the first time the row is shown and dropped when it changes).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import cache, cmp_to_key
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QIcon

from tracker.commands import Changes
from tracker.domain import NotFoundError, Status, TargetRow
from tracker.gui.models.filters import accepts
from tracker.gui.models.roles import SortRole, TargetIdRole, TargetRowRole
from tracker.gui.models.row_table import RowTableModel
from tracker.gui.models.target_cells import (
    EDITABLE,
    NUMERIC,
    SORT_KEYS,
    Column,
    column_title,
    display_text,
    sort_key,
    tooltip,
)
from tracker.gui.status_style import status_color, status_icon
from tracker.service import TrackerService

__all__ = ["EDITABLE", "NUMERIC", "Column", "EditHandler", "TargetsModel", "column_title"]

Index = QModelIndex | QPersistentModelIndex
# Asked to change one field of a target; returns whether the edit was accepted.
EditHandler = Callable[[TargetRow, str, object], bool]

# Plain ints: data() runs for every cell painted, and comparing ints is the cheapest test.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SORT, _ROW, _ID = int(SortRole), int(TargetRowRole), int(TargetIdRole)
_STATUS, _TARGET = int(Column.STATUS), int(Column.TARGET)
_EDITABLE = frozenset(int(c) for c in EDITABLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMERIC = frozenset(int(c) for c in NUMERIC)
_COLUMNS = len(Column)


class TargetsModel(RowTableModel):
    """Every target of the service with its progress; edits go out through ``edit_handler``."""

    def __init__(self, service: TrackerService, parent: QObject | None = None, *,
                 sort_column: int = -1) -> None:
        """``sort_column`` (ascending) is the order of the first read: sorting 10,000 rows
        by id only to sort them again by the view's column would cost start-up time."""
        super().__init__(parent)
        self._service = service
        self._rows: list[TargetRow] = []
        self._keys: list[tuple[Any, int]] = []
        self._index: dict[int, int] = {}
        self._hidden: dict[int, TargetRow] = {}
        self._texts: dict[int, tuple[str, ...]] = {}
        self._criteria: tuple[str | None, str | None, Status | None, str] | None = None
        self._sort_column = sort_column
        self._descending = False
        self.edit_handler: EditHandler | None = None
        self.read_only = service.read_only
        self.reload()

    # -- cached state ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read every row afresh (one SQL pass)."""
        self.beginResetModel()
        self._texts.clear()
        self._arrange(self._service.rows())
        self.endResetModel()

    def refresh(self, changes: Changes) -> None:
        """Bring the cache up to date after ``changes``; only touched rows are re-read."""
        if changes.everything or changes.structure:
            self.reload()
            return
        for target_id in changes.target_ids:
            if target_id not in self._index and target_id not in self._hidden:
                continue
            try:
                fresh = self._service.row(target_id)
            except NotFoundError:
                self.reload()
                return
            self._replace(target_id, fresh)

    def row_of(self, target_id: int) -> int | None:
        """The model row showing ``target_id``, if any (None when unknown or hidden)."""
        return self._index.get(target_id)

    def is_hidden(self, target_id: int) -> bool:
        """Whether ``target_id`` is a target the criteria hide."""
        return target_id in self._hidden

    def total(self) -> int:
        """How many targets there are, shown or hidden."""
        return len(self._rows) + len(self._hidden)

    def target_row(self, row: int) -> TargetRow:
        """The TargetRow at model row ``row``."""
        return self._rows[row]

    def rows(self) -> list[TargetRow]:
        """Every target's row: those shown, in table order, then those hidden."""
        return self._rows + list(self._hidden.values())

    def shown_rows(self) -> list[TargetRow]:
        """The rows passing the criteria, in table order."""
        return list(self._rows)

    # -- sorting --------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (-1: by target id), keeping every persistent index."""
        descending = column >= 0 and order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].target.id for i in persistent]
        self._sort_column, self._descending = column, descending
        self._arrange(self.rows())
        self.changePersistentIndexList(
            persistent, [self.index(self._index[i], p.column()) for i, p in zip(ids, persistent,
                                                                             strict=True)])
        self.layoutChanged.emit()

    def _key_maker(self) -> Callable[[TargetRow], tuple[Any, int]]:
        # Ties go by id, ascending either way (as a stable sort of the id-ordered rows).
        if self._sort_column < 0:
            return lambda row: (0, row.target.id)  # type: ignore[return-value]
        column, sign = Column(self._sort_column), -1 if self._descending else 1
        key = SORT_KEYS.get(column) or (lambda row: display_text(row, column))
        return lambda row: (key(row), sign * row.target.id)  # type: ignore[operator]

    def _arrange(self, rows: list[TargetRow]) -> None:
        """Keep the rows passing the criteria, in order; set the others aside."""
        self._hidden = {}
        if self._criteria is not None:
            criteria, shown, hidden = self._criteria, [], self._hidden
            for r in rows:
                if accepts(r, *criteria):
                    shown.append(r)
                else:
                    hidden[r.target.id] = r  # type: ignore[index]
            rows = shown
        keys = list(map(self._key_maker(), rows))
        order = sorted(range(len(rows)), key=keys.__getitem__, reverse=self._descending)
        self._rows = [rows[i] for i in order]
        self._keys = [keys[i] for i in order]
        self._index = {r.target.id: i for i, r in enumerate(self._rows)}  # type: ignore[misc]

    def _replace(self, target_id: int, fresh: TargetRow) -> None:
        self._texts.pop(target_id, None)
        passes = self._criteria is None or accepts(fresh, *self._criteria)
        old = self._index.get(target_id)
        if old is None or not passes:
            self._show_or_hide(target_id, fresh, old, passes)
            return
        key = self._key_maker()(fresh)
        if key != self._keys[old]:
            new = self._position(key, old)
            if new != old:
                # Qt counts the destination before the move: below means one further down.
                self.beginMoveRows(QModelIndex(), old, old, QModelIndex(),
                                   new + 1 if new > old else new)
                del self._rows[old], self._keys[old]
                self._rows.insert(new, fresh)
                self._keys.insert(new, key)
                for i in range(min(old, new), max(old, new) + 1):
                    self._index[self._rows[i].target.id] = i  # type: ignore[index]
                self.endMoveRows()
                old = new
        self._rows[old], self._keys[old] = fresh, key
        self.dataChanged.emit(self.index(old, 0), self.index(old, _COLUMNS - 1))

    def _show_or_hide(self, target_id: int, fresh: TargetRow, old: int | None,
                      passes: bool) -> None:
        """An edited row that comes into view, leaves it, or stays hidden."""
        if old is None and not passes:
            self._hidden[target_id] = fresh
            return
        if old is None:
            del self._hidden[target_id]
            key = self._key_maker()(fresh)
            new = self._position(key, None)
            self.beginInsertRows(QModelIndex(), new, new)
            self._rows.insert(new, fresh)
            self._keys.insert(new, key)
            self._reindex(new)
            self.endInsertRows()
            return
        self.beginRemoveRows(QModelIndex(), old, old)
        del self._rows[old], self._keys[old], self._index[target_id]
        self._reindex(old)
        self.endRemoveRows()
        self._hidden[target_id] = fresh

    def _reindex(self, start: int) -> None:
        for i in range(start, len(self._rows)):
            self._index[self._rows[i].target.id] = i  # type: ignore[index]

    def _position(self, key: tuple[Any, int], old: int | None) -> int:
        """Where a row with ``key`` belongs once row ``old`` (if any) is taken out."""
        keys = self._keys if old is None else self._keys[:old] + self._keys[old + 1:]
        if self._descending:
            return bisect_left(keys, _REVERSED(key), key=_REVERSED)
        return bisect_left(keys, key)

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else _COLUMNS

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
        column = index.column()
        if not self.read_only and column in _EDITABLE and not (
            column == _TARGET and self._rows[index.row()].target.target_value is None
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _value(self, row: TargetRow, column: int, role: int) -> Any:
        # The common roles first; the texts of a row are made once.
        if role == _DISPLAY:
            return self._texts_of(row)[column]
        if role == _ALIGNMENT:
            return _RIGHT if column in _NUMERIC else None
        if role in (_DECORATION, _FOREGROUND):
            if column != _STATUS:
                return None
            look = _look(row.progress.status)
            return look[0] if role == _DECORATION else look[1]
        if role == _ROW:
            return row
        if role == _ID:
            return row.target.id
        if role == _SORT:
            return sort_key(row, Column(column))
        if role == _EDIT:
            field = EDITABLE.get(Column(column))
            return getattr(row.target, field) if field else self._texts_of(row)[column]
        if role == _TOOLTIP:
            return tooltip(row)
        return None

    def set_criteria(self, criteria: tuple[str | None, str | None, Status | None, str] | None
                     ) -> None:
        """Show only the rows passing (category, department, status, search) (see
        filters.accepts), or every row for None. A layout change, not a reset: the current
        row and the selection stay wherever their targets are still shown."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].target.id for i in persistent]
        self._criteria = criteria
        self._arrange(self.rows())
        self.changePersistentIndexList(persistent, [
            self.index(self._index[i], p.column()) if i in self._index else QModelIndex()
            for i, p in zip(ids, persistent, strict=True)])
        self.layoutChanged.emit()

    def _texts_of(self, row: TargetRow) -> tuple[str, ...]:
        texts = self._texts.get(row.target.id)  # type: ignore[arg-type]
        if texts is None:
            texts = tuple(display_text(row, column) for column in Column)
            self._texts[row.target.id] = texts  # type: ignore[index]
        return texts

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


@cache
def _look(status: Status) -> tuple[QIcon, QBrush]:
    """The status column's icon and text colour."""
    return status_icon(status), QBrush(status_color(status))


# Sort keys compared the other way round, for searching a descending list.
_REVERSED = cmp_to_key(lambda a, b: (a < b) - (a > b))
