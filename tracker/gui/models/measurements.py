"""One target's figures as an editable table: as-of date, value, note, source, last updated.

Cached state: ``_target`` (the Target, for its unit and name) and ``_rows`` (its Measurements,
newest first, so the figure just typed in shows at the top). Both change only in
``show_target()`` and ``refresh()``; the owning panel calls ``refresh`` for every
ServiceBridge.changed. ``setData`` never touches the cache: it turns the typed text into a
domain value and hands it to ``edit_handler``, which runs an UpdateMeasurement; the new row
comes back through the change signal like any other edit, undo or outside change.

``refresh`` updates rows in place (removals, a layout change for reordering, insertions,
dataChanged), so the view keeps its current cell and selection across an edit or an undo.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from tracker.commands import Batch, Changes, Command, DeleteMeasurement, UpdateMeasurement
from tracker.domain import Measurement, NotFoundError, Target, ValidationError
from tracker.gui.models.audit import format_stamp
from tracker.gui.models.roles import MeasurementRole, SortRole
from tracker.gui.models.row_table import RowTableModel
from tracker.io.numbers import format_plain, parse_number
from tracker.service import TrackerService
from tracker.units import format_quantity

Index = QModelIndex | QPersistentModelIndex
# Asked to change one field of a figure to a domain value; returns whether it was accepted.
EditHandler = Callable[[Measurement, str, object], bool]
SHOWN_CHARS = 80
#: Figures read at a time: the newest page first, older ones as the view scrolls down to
#: them (canFetchMore/fetchMore), so a target with a long daily history opens at once.
PAGE = 500


class Column(IntEnum):
    """The table's columns, in order."""

    AS_OF = 0
    VALUE = 1
    NOTE = 2
    SOURCE = 3
    UPDATED = 4


EDITABLE = {Column.AS_OF: "as_of", Column.VALUE: "value", Column.NOTE: "note",
            Column.SOURCE: "source"}

# Plain ints: data() runs for every cell and role measured, and comparing ints is cheapest.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SORT, _MEASUREMENT = int(SortRole), int(MeasurementRole)
_AS_OF, _VALUE = int(Column.AS_OF), int(Column.VALUE)
_TEXTS = frozenset((int(Column.NOTE), int(Column.SOURCE)))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def column_title(column: Column) -> str:
    """The header text of a column, in the interface language."""
    return {
        Column.AS_OF: QCoreApplication.translate("MeasurementsModel", "As of"),
        Column.VALUE: QCoreApplication.translate("MeasurementsModel", "Value"),
        Column.NOTE: QCoreApplication.translate("MeasurementsModel", "Note"),
        Column.SOURCE: QCoreApplication.translate("MeasurementsModel", "Source"),
        Column.UPDATED: QCoreApplication.translate("MeasurementsModel", "Last updated"),
    }[column]


def edit_value(field: str, value: object, unit: str) -> object:
    """What an editor produced, as the domain value of ``field``.

    Raises NumberFormatError or ValidationError (with a message for the user) for a value
    that cannot be a figure's, so nothing is guessed at.
    """
    if field == "as_of":
        if isinstance(value, QDate):
            return value.toPython()
        if isinstance(value, date):
            return value
        return date.fromisoformat(str(value).strip())
    if field == "value":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        number = parse_number(str(value), unit)
        if number is None:
            raise ValidationError(
                QCoreApplication.translate("MeasurementsModel",
                                           "Enter a number; a figure cannot be blank."),
                "value",
            )
        return number
    return str(value).strip()


def update_command(measurement: Measurement, field: str, value: object,
                   name: str = "") -> UpdateMeasurement:
    """The edit of one field, refused if the row changed since ``measurement`` was read."""
    assert measurement.id is not None
    return UpdateMeasurement(measurement.id, {field: value}, measurement.version, name)


def delete_command(figures: list[Measurement], name: str, label: str) -> Command | None:
    """One DeleteMeasurement, or several as one Batch (``label``) so one undo restores all."""
    deletes = [DeleteMeasurement(m.id or 0, m.version, name) for m in figures]
    if len(deletes) <= 1:
        return deletes[0] if deletes else None
    return Batch(tuple(deletes), label.replace("%1", name))


def field_text(field: str, value: object, unit: str) -> str:
    """A figure's field value as the user reads it: values with the unit, dates ISO."""
    if field == "value" and isinstance(value, int | float):
        return format_quantity(value, unit)
    if isinstance(value, date):
        return value.isoformat()
    return f"“{value}”"


class MeasurementsModel(RowTableModel):
    """The figures of one target, newest first; edits go out through ``edit_handler``."""

    # A typed value was refused before any command ran; carries the reason for the user.
    edit_refused = Signal(str)

    def __init__(self, service: TrackerService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._target: Target | None = None
        self._rows: list[Measurement] = []
        self._more = False  # whether older figures than those in _rows are left to read
        self._changing = False
        self.edit_handler: EditHandler | None = None
        self.read_only = service.read_only

    # -- cached state ---------------------------------------------------------------------

    @property
    def target(self) -> Target | None:
        """The target whose figures are shown, if any."""
        return self._target

    def show_target(self, target_id: int | None) -> None:
        """Show the figures of ``target_id`` (None, or a deleted target, shows nothing)."""
        self.beginResetModel()
        self._target, self._rows, self._more = None, [], False
        if target_id is not None:
            try:
                self._target = self._service.target(target_id)
                self._rows, self._more = self._page(target_id, None)
            except NotFoundError:
                self._target, self._rows, self._more = None, [], False
        self.endResetModel()

    def refresh(self, changes: Changes) -> None:
        """Bring the cache up to date if ``changes`` touched the target shown."""
        if self._target is None or self._target.id is None:
            return
        target_id = self._target.id
        if not (changes.everything or target_id in changes.target_ids):
            return
        try:
            target = self._service.target(target_id)
            read = self._read(target_id)
        except NotFoundError:
            self.show_target(None)
            return
        if read is None:
            self.show_target(target_id)
            return
        rows, more = read
        unit_changed = target.unit != self._target.unit
        self._target = target
        # No fetching while the rows change: a view (or a model tester) asking for more in
        # the middle would add rows _sync does not know of (see fetchMore too).
        self._changing = True
        try:
            self._sync(rows)
        finally:
            self._changing = False
        self._more = more
        if unit_changed and self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1,
                                                               len(Column) - 1))

    def measurement(self, row: int) -> Measurement:
        """The figure at model row ``row``."""
        return self._rows[row]

    def measurements(self) -> list[Measurement]:
        """The figures read so far, newest first (read-only use)."""
        return list(self._rows)

    def row_of(self, measurement_id: int) -> int | None:
        """The model row showing ``measurement_id``, if any."""
        for row, m in enumerate(self._rows):
            if m.id == measurement_id:
                return row
        return None

    def _page(self, target_id: int, older_than: date | None) -> tuple[list[Measurement], bool]:
        """A page of figures older than ``older_than`` (the newest when None), and whether
        there are older ones still."""
        rows = self._service.newest_measurements(target_id, PAGE + 1, older_than)
        return rows[:PAGE], len(rows) > PAGE

    def _read(self, target_id: int) -> tuple[list[Measurement], bool] | None:
        """The figures to show after a change: back to the oldest one shown (at least a
        page), and whether there are older ones still; None when more than a page of them
        is new (a big import), for which the table starts again from the newest page."""
        if not self._rows:
            return self._page(target_id, None)
        limit = len(self._rows) + PAGE
        rows = self._service.measurements_since(target_id, self._rows[-1].as_of, limit + 1)
        if len(rows) > limit:
            return None
        if len(rows) < PAGE:
            return self._page(target_id, None)
        return rows, bool(self._service.newest_measurements(target_id, 1, rows[-1].as_of))

    def _sync(self, rows: list[Measurement]) -> None:
        """Turn the cached rows into ``rows`` with fine-grained signals, never a reset."""
        old = {m.id: m for m in self._rows}
        wanted = {m.id for m in rows}
        for row in reversed(range(len(self._rows))):
            if self._rows[row].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        survivors = [m for m in rows if m.id in old]
        if [m.id for m in survivors] != [m.id for m in self._rows]:
            # An as-of date changed and the figure moved: keep the view's cell on it.
            self.layoutAboutToBeChanged.emit()
            position = {m.id: i for i, m in enumerate(survivors)}
            ids = [m.id for m in self._rows]
            before = self.persistentIndexList()
            self._rows = survivors
            after = [self.index(position[ids[p.row()]], p.column()) for p in before]
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()
        else:
            self._rows = survivors
        for row, m in enumerate(rows):
            if m.id not in old:
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, m)
                self.endInsertRows()
        changed = [row for row, m in enumerate(self._rows) if m.id in old and old[m.id] != m]
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0),
                                  self.index(max(changed), len(Column) - 1))

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._more and not self._changing

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        """Read the next page of older figures (the view asks as it nears the end)."""
        if not self.canFetchMore(parent) or self._target is None or self._target.id is None:
            return
        try:
            rows, more = self._page(self._target.id, self._rows[-1].as_of if self._rows
                                    else None)
        except NotFoundError:
            return  # deleted: the change signal empties the table
        # A figure moved back in time by another program, before its change reached us,
        # would come twice: the change signal places it.
        known = {m.id for m in self._rows}
        rows = [m for m in rows if m.id not in known]
        self._more = more
        if rows:
            first = len(self._rows)
            self._changing = True  # no second fetch from a slot of the first's signals
            try:
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
            finally:
                self._changing = False

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole and section == Column.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _value(self, m: Measurement, column: int, role: int) -> Any:
        # Plain ints compared, not Column(column): this runs for every cell and role measured.
        if role == _DISPLAY:
            shown = self._display(m, column)
            return shown if len(shown) <= SHOWN_CHARS else shown[: SHOWN_CHARS - 1] + "…"
        if role == _ALIGNMENT:
            return _RIGHT if column == _VALUE else None
        if role == _EDIT:
            if column == _AS_OF:
                return QDate(m.as_of.year, m.as_of.month, m.as_of.day)
            if column == _VALUE:
                return format_plain(m.value)
            return self._display(m, column)
        if role == _MEASUREMENT:
            return m
        if role == _SORT:
            return m.value if column == _VALUE else self._display(m, column)
        if role == _TOOLTIP and column in _TEXTS:
            return self._display(m, column) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or self.edit_handler is None
            or not self.flags(index) & Qt.ItemFlag.ItemIsEditable
        ):
            return False
        m = self._rows[index.row()]
        field = EDITABLE[Column(index.column())]
        unit = self._target.unit if self._target else ""
        try:
            new = edit_value(field, value, unit)
        except ValueError as exc:  # NumberFormatError and ValidationError among them
            self.edit_refused.emit(str(exc))
            return False
        if new == getattr(m, field):
            return True  # nothing changed: no command, no audit line
        # The handler runs the edit as a command; the cache follows from the change signal.
        return self.edit_handler(m, field, new)

    def _display(self, m: Measurement, column: int) -> str:
        match column:
            case Column.AS_OF:
                return m.as_of.isoformat()
            case Column.VALUE:
                return format_quantity(m.value, self._target.unit if self._target else "")
            case Column.NOTE:
                return m.note
            case Column.SOURCE:
                return m.source
            case Column.UPDATED:
                return format_stamp(m.updated_at)
        return ""
