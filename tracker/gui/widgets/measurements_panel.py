"""The figures of one target: a keyboard-first entry row over the editable history table.

Every change is a command run through the bridge (so it is undoable and audited) and the
table refreshes only from ``ServiceBridge.changed``. A refusal never pops up a dialog: a bad
value is explained under the entry row with the typed text left in place, and an edit that
met someone else's newer change shows a banner with both values until the user chooses.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.commands import AddMeasurement, Changes, Command
from tracker.domain import ConflictError, Kind, Measurement, NotFoundError, Target
from tracker.gui.bridge import ERRORS, ServiceBridge
from tracker.gui.models.measurements import (
    EDITABLE,
    Column,
    MeasurementsModel,
    column_title,
    delete_command,
    field_text,
    update_command,
)
from tracker.gui.resources import icon
from tracker.gui.widgets.confirm import ConflictBanner, field_error_label, show_error, undo_key
from tracker.gui.widgets.date_delegate import DateDelegate, make_date_edit, to_qdate
from tracker.io.numbers import NumberFormatError, parse_number
from tracker.units import format_quantity

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# How many figures, newest first, the table's column widths are judged on.
SIZED_ROWS = 30
# On a Mac keyboard the key marked "delete" sends Backspace.
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) if sys.platform == "darwin" else (
    Qt.Key.Key_Delete,)


# Builds a refused change again against the row as it is now (None: the row is gone).
Retry = Callable[[Measurement | None], Command | None]


class MeasurementsPanel(QWidget):
    """Title line, entry row, conflict banner and history table for one target."""

    # A short message for the main window's status bar ("Deleted … — Ctrl+Z to undo").
    status_message = Signal(str)

    def __init__(self, bridge: ServiceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._target: Target | None = None
        self._read_only = bridge.service.read_only
        self._build()
        bridge.changed.connect(self._on_changed)
        self.show_target(None)

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.banner = ConflictBanner(self)
        self.banner.use_theirs.connect(
            lambda: self._say(self.tr("Your change was dropped; the newer value stays.")))

        self.date_edit = make_date_edit(self)
        self.date_edit.setAccessibleName(self.tr("As-of date of the new figure"))
        self.value_edit = QLineEdit(self)
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value_edit.setAccessibleName(self.tr("Value of the new figure"))
        self.unit_label = QLabel(self)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Note (optional)"))
        self.note_edit.setAccessibleName(self.tr("Note on the new figure"))
        self.add_button = QPushButton(icon("add-measurement"), self.tr("Add"), self)
        self.add_button.setToolTip(self.tr("Add the figure (Enter); Esc clears"))
        self.add_button.clicked.connect(self.add_entry)
        self.entry_error = field_error_label(self)
        entry = QHBoxLayout()
        for widget, stretch in ((self.date_edit, 0), (self.value_edit, 2), (self.unit_label, 0),
                                (self.note_edit, 3), (self.add_button, 0)):
            entry.addWidget(widget, stretch)
        self._entry_widgets = (self.date_edit, self.value_edit, self.note_edit, self.add_button)
        for first, second in zip(self._entry_widgets, self._entry_widgets[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for widget in self._entry_widgets:
            widget.installEventFilter(self)

        self.model = MeasurementsModel(self._bridge.service, self)
        self.model.edit_handler = self._edit
        self.model.edit_refused.connect(self._show_table_error)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(Column.AS_OF, DateDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        triggers = QAbstractItemView.EditTrigger
        # Typing over a cell edits it, as in a spreadsheet; Enter and F2 too (eventFilter).
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed
                                   | triggers.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in Column:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NOTE, QHeaderView.ResizeMode.Stretch)
        # Not every figure: a weekly target has hundreds, all measured again at each layout.
        header.setResizeContentsPrecision(SIZED_ROWS)
        self.table.installEventFilter(self)
        self.table_error = field_error_label(self)
        self.delete_button = QPushButton(icon("delete-target"), self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected figures (Del); undo brings "
                                              "them back"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.table_error, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.banner)
        layout.addLayout(entry)
        layout.addWidget(self.entry_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # -- public -------------------------------------------------------------------------

    @property
    def target(self) -> Target | None:
        """The target shown, if any."""
        return self._target

    def show_target(self, target_id: int | None) -> None:
        """Show ``target_id``'s figures (None clears the panel)."""
        same = self._target is not None and target_id == self._target.id
        self._target = self._fetch(target_id)
        self.model.show_target(self._target.id if self._target else None)
        if not same:
            # A figure typed for one target must never land on another.
            self.banner.dismiss()
            self.clear_entry()
            show_error(self.table_error, "")
            self.date_edit.setDate(to_qdate(self._default_date()))
        self._update_enabled()

    def set_read_only(self, read_only: bool) -> None:
        """Allow or forbid changes (a read-only database always forbids them)."""
        self._read_only = read_only or self._bridge.service.read_only
        self.model.read_only = self._read_only
        self._update_enabled()

    def add_entry(self) -> bool:
        """Add the figure typed in the entry row; on a problem explain it under the row."""
        target = self._target
        if target is None or target.id is None or self._read_only:
            return False
        typed = self.value_edit.text()
        try:
            value = parse_number(typed, target.unit)
        except NumberFormatError as exc:
            return self._entry_refused(str(exc))
        if value is None:
            return self._entry_refused(self.tr("Enter the figure first."))
        figure = Measurement(target.id, self.date_edit.date().toPython(), value,
                             note=self.note_edit.text().strip())
        try:
            self._bridge.attempt(AddMeasurement(figure, target.name))
        except ERRORS as exc:
            return self._entry_refused(str(exc))
        show_error(self.entry_error, "")
        self.note_edit.setText("")
        # setText also empties the field's own undo history, so Ctrl+Z undoes the figure.
        self.value_edit.setText(typed)
        self.value_edit.setFocus()
        self.value_edit.selectAll()
        shown = format_quantity(value, target.unit)
        self._say(self.tr("Added %1 as of %2 — %3 to undo")
                  .replace("%1", shown).replace("%2", figure.as_of.isoformat())
                  .replace("%3", undo_key()))
        return True

    def clear_entry(self) -> None:
        """Forget what was typed in the entry row (the chosen date stays)."""
        self.value_edit.setText("")
        self.note_edit.setText("")
        show_error(self.entry_error, "")

    def delete_selected(self) -> bool:
        """Delete the selected figures as one undoable edit, without asking."""
        target = self._target
        if target is None or target.id is None or self._read_only:
            return False
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        figures = [self.model.measurement(row) for row in sorted(rows)]
        ids = {m.id for m in figures}

        def command(now: list[Measurement]) -> Command | None:
            label = self.tr("Delete %n figures of “%1”", "", len(now))
            return delete_command(now, target.name, label)

        def retry(_current: Measurement | None) -> Command | None:
            # "Delete anyway": against each figure as it is now, skipping those already gone.
            now = self._bridge.service.measurements(target.id or 0)
            return command([m for m in now if m.id in ids])

        mine = self.tr("delete %n figure(s)", "", len(figures))
        first = command(figures)
        if first is None or not self._run(first, retry, mine):
            return False
        self._say(self.tr("Deleted %n figure(s) — %1 to undo", "", len(figures))
                  .replace("%1", undo_key()))
        return True

    # -- edits from the table -----------------------------------------------------------

    def _edit(self, m: Measurement, field: str, value: object) -> bool:
        """The model's edit handler: one field of one figure, as an UpdateMeasurement."""
        name = self._target.name if self._target else ""

        def retry(current: Measurement | None) -> Command:
            if current is None:  # deleted meanwhile: "keep mine" puts it back with my change
                return AddMeasurement(replace(m, id=None, version=1, **{field: value}), name)
            return update_command(current, field, value, name)

        column = next(c for c, f in EDITABLE.items() if f == field)
        mine = f"{column_title(column)} {field_text(field, value, self._unit())}"
        if not self._run(update_command(m, field, value, name), retry, mine):
            return False
        self._say(self.tr("Saved %1 — %2 to undo").replace("%1", mine)
                  .replace("%2", undo_key()))
        return True

    def _run(self, command: Command, retry: Retry, mine: str) -> bool:
        """Run a change of the table; a conflict keeps it (``mine`` in words) in the banner."""
        try:
            self._bridge.attempt(command)
        except ConflictError as exc:
            current = exc.current if isinstance(exc.current, Measurement) else None
            lines = [str(exc)]
            if current is not None:
                now = [current.as_of.isoformat(), field_text("value", current.value, self._unit()),
                       current.note]
                lines.append(self.tr("Now in the database: %1").replace(
                    "%1", " · ".join(part for part in now if part)))
            lines.append(self.tr("Yours: %1").replace("%1", mine))

            def keep() -> None:
                if (again := retry(current)) is not None:
                    self._run(again, retry, mine)

            self.banner.offer("\n".join(lines), keep)
            self._say(str(exc))
            # The refusal proves another program wrote to the file: let every view catch up.
            self._bridge.poll()
            return False
        except ERRORS as exc:
            self._show_table_error(str(exc))
            return False
        self.banner.dismiss()
        show_error(self.table_error, "")
        return True

    # -- refresh ------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        target = self._target
        if target is None or not (changes.everything or target.id in changes.target_ids):
            return
        self._target = self._fetch(target.id)
        if self._target is None:  # deleted (here, by undo, or in another program)
            self.show_target(None)
            return
        self.model.refresh(changes)
        self._update_title()

    def _update_title(self) -> None:
        t = self._target
        if t is None:
            self.title.setText(self.tr("No target selected"))
            self.details.setText(self.tr("Select a target to see and enter its figures."))
            self.unit_label.setText("")
            self.value_edit.setPlaceholderText(self.tr("Value"))
            return
        self.title.setText(t.name)
        period = f"{t.period_start.isoformat()} – {t.period_end.isoformat()}"
        if t.kind == Kind.MILESTONE or t.target_value is None:
            goal = self.tr("done (1) or not (0)")
        else:
            goal = format_quantity(t.target_value, t.unit)
        self.details.setText(self.tr("Unit: %1 · Target: %2 · Period: %3")
                             .replace("%1", t.unit or "—").replace("%2", goal)
                             .replace("%3", period))
        self.unit_label.setText(t.unit)
        self.value_edit.setPlaceholderText(
            self.tr("Read-only") if self._read_only else self.tr("Value"))

    def _update_enabled(self) -> None:
        editable = self._target is not None and not self._read_only
        for widget in self._entry_widgets:
            widget.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self._update_title()

    def _default_date(self) -> date:
        today, t = self._bridge.service.today(), self._target
        return min(max(today, t.period_start), t.period_end) if t else today

    def _fetch(self, target_id: int | None) -> Target | None:
        try:
            return None if target_id is None else self._bridge.service.target(target_id)
        except NotFoundError:
            return None

    # -- keyboard -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == \
            Qt.KeyboardModifier.NoModifier
        if watched in self._entry_widgets:
            if event.type() == QEvent.Type.KeyPress and plain:
                if event.key() in ENTER_KEYS:
                    self.add_entry()
                    return True
                if event.key() == Qt.Key.Key_Escape:
                    self.clear_entry()
                    return True
            if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit) \
                    and _undo_is_for_window(watched, event):
                return True  # not accepted: the window's Undo/Redo acts on the database
        elif (watched is self.table and plain and event.key() in (*DELETE_KEYS, *ENTER_KEYS)
              and self.table.state() != QAbstractItemView.State.EditingState):
            # (While editing, Enter is the editor's: the delegate commits it.)
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # Delete here deletes figures, not the window's selected target
                return True
            if event.type() == QEvent.Type.KeyPress:
                current = self.table.currentIndex()
                if event.key() in DELETE_KEYS:
                    self.delete_selected()
                elif self.model.flags(current) & Qt.ItemFlag.ItemIsEditable:
                    self.table.edit(current)
                return True
        return super().eventFilter(watched, event)

    def _entry_refused(self, message: str) -> bool:
        show_error(self.entry_error, message)
        self.value_edit.setFocus()
        return False

    def _show_table_error(self, message: str) -> None:
        show_error(self.table_error, message)
        self._say(message)

    def _unit(self) -> str:
        return self._target.unit if self._target else ""

    def _say(self, message: str) -> None:
        self.status_message.emit(message)


def _undo_is_for_window(edit: QLineEdit, event: QKeyEvent) -> bool:
    """Whether Undo/Redo pressed in a line edit with nothing of its own to undo should reach
    the window's Undo/Redo (the database) instead of the field's text history."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return not edit.isUndoAvailable()
    if event.matches(QKeySequence.StandardKey.Redo):
        return not edit.isRedoAvailable()
    return False

