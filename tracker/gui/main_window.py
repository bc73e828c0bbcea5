"""The main window: the targets table with its filters, the selected target's figures and
history, and the managers' dashboard, all fed by one ServiceBridge."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.commands import Batch, Changes, DeleteTarget, UpdateTarget
from tracker.domain import ConflictError, TargetRow, ValidationError, field_label
from tracker.gui.backup_actions import install_backup_actions
from tracker.gui.bridge import ERRORS, ServiceBridge
from tracker.gui.chart_preload import ChartPreload
from tracker.gui.menus import build_menus
from tracker.gui.models.filters import TargetFilter
from tracker.gui.models.roles import TargetIdRole, TargetRowRole
from tracker.gui.models.targets import Column, TargetsModel
from tracker.gui.recovery import close_with_backup
from tracker.gui.settings import Settings
from tracker.gui.transfer_actions import install_transfer_actions
from tracker.gui.widgets.audit_view import AuditView
from tracker.gui.widgets.confirm import confirm
from tracker.gui.widgets.filter_bar import FilterBar
from tracker.gui.widgets.measurements_panel import MeasurementsPanel
from tracker.gui.widgets.message_bar import MessageBar
from tracker.gui.widgets.target_editor import TargetEditor
from tracker.gui.widgets.targets_table import SORTED_BY, make_targets_table
from tracker.io.numbers import NumberFormatError, parse_number
from tracker.service import TrackerService
from tracker.units import format_quantity

if TYPE_CHECKING:
    from tracker.gui.dashboard.widget import DashboardWidget


class MainWindow(QMainWindow):
    """One window on one database file."""

    # Asks the application to open another database (path, read_only) or switch language.
    open_requested = Signal(object, bool)
    language_requested = Signal(str)

    def __init__(self, service: TrackerService, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.read_only = service.read_only
        self._closed = False
        self.backup_on_close: threading.Thread | None = None
        self.bridge = ServiceBridge(service, self)
        # Read in the order the table first shows.
        self.model = TargetsModel(service, self, sort_column=SORTED_BY)
        self.model.edit_handler = self.edit_target_cell
        self.target_filter = TargetFilter(self)
        self.target_filter.setSourceModel(self.model)
        self.bridge.changed.connect(self._on_changed)
        self.bridge.failed.connect(self.show_failure)

        self.table = self._make_table()
        self.filter_bar = FilterBar(self.model, self.target_filter)
        self.message_bar = MessageBar()
        self.measurements = MeasurementsPanel(self.bridge)
        self.audit = AuditView(self.bridge)
        # The dashboard is built the first time its tab is shown: a staff member who never
        # opens it never pays for 10,000 bars at start-up.
        self._dashboard: DashboardWidget | None = None
        self.measurements.status_message.connect(self.statusBar().showMessage)
        self.measurements.set_read_only(self.read_only)

        self.details = QTabWidget()
        self.details.addTab(self.measurements, self.tr("Figures"))
        self.details.addTab(self.audit, self.tr("History"))
        self.details.currentChanged.connect(self._show_history)
        # The table needs its full width (eleven columns); the selected target's figures and
        # history sit below it, as a mail client shows a message under its list.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.views = QTabWidget()
        self.views.addTab(self.splitter, self.tr("Targets"))
        self._dashboard_page = QWidget()
        QVBoxLayout(self._dashboard_page).setContentsMargins(0, 0, 0, 0)
        self.views.addTab(self._dashboard_page, self.tr("Dashboard"))
        self.views.currentChanged.connect(self._on_view_changed)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        if self.read_only:
            banner = QLabel(self.tr(
                "Read-only: this database was opened for viewing. Figures cannot be changed."))
            banner.setObjectName("readOnlyBanner")
            layout.addWidget(banner)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.views, 1)
        self.setCentralWidget(central)

        self.actions_ = build_menus(self)
        install_backup_actions(self)
        install_transfer_actions(self)
        self.target_filter.filter_changed.connect(self._update_counts)
        self.target_filter.filter_changed.connect(self._keep_a_current_row)
        self.target_filter.modelReset.connect(self._update_counts)
        # An edit can bring a target into the filter or take it out, and add or delete one.
        self.target_filter.rowsInserted.connect(self._update_counts)
        self.target_filter.rowsRemoved.connect(self._update_counts)
        self.path_label = QLabel(str(service.path or ""))
        self.statusBar().addPermanentWidget(self.path_label)
        self._update_title()
        self._update_counts()
        self._restore_state()
        self._select_first()
        self._chart_preload = ChartPreload(self)  # the dashboard's modules, once this is up

    # -- layout ---------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = make_targets_table(self.target_filter)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        table.doubleClicked.connect(self._on_double_clicked)
        return table

    def _restore_state(self) -> None:
        if geometry := self.settings.geometry():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if state := self.settings.header_state("targets"):
            header = self.table.horizontalHeader()
            header.restoreState(state)
            # Widths saved under the other language may be too narrow for these titles.
            for column in range(header.count() - 1):
                if header.sectionSize(column) < (hint := header.sectionSizeHint(column)):
                    header.resizeSection(column, hint)
        else:
            self.table.resizeColumnsToContents()
            self.table.setColumnWidth(Column.NAME, min(self.table.columnWidth(Column.NAME), 260))
        if state := self.settings.splitter_state():
            self.splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:
            super().closeEvent(event)
            return
        self._closed = True
        self.filter_bar.cancel_pending()  # a search typed just now must not reach a closed file
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_header_state("targets", self.table.horizontalHeader().saveState())
        self.settings.set_splitter_state(self.splitter.saveState())
        self.bridge.detach()
        self._chart_preload.stop()
        # The file is let go of now; its backup (if it changed) follows on a thread.
        self.backup_on_close = close_with_backup(self.service)
        super().closeEvent(event)

    def _update_title(self) -> None:
        name = self.service.path.name if self.service.path else self.tr("(in memory)")
        suffix = self.tr(" [read-only]") if self.read_only else ""
        self.setWindowTitle(self.tr("%1%2 — Tracker").replace("%1", name).replace("%2", suffix))

    def _update_counts(self) -> None:
        self.statusBar().showMessage(
            self.tr("Showing %1 of %2 targets")
            .replace("%1", str(self.target_filter.rowCount()))
            .replace("%2", str(self.model.total()))
        )

    # -- selection ------------------------------------------------------------------------

    def current_row(self) -> TargetRow | None:
        """The TargetRow of the table's current row, if any."""
        index = self.table.currentIndex()
        return index.data(TargetRowRole) if index.isValid() else None

    def selected_rows(self) -> list[TargetRow]:
        """Every selected TargetRow, in table order."""
        indexes = self.table.selectionModel().selectedRows()
        return [i.data(TargetRowRole) for i in sorted(indexes, key=lambda i: i.row())]

    def select_target(self, target_id: int) -> None:
        """Make ``target_id`` current in the table (clearing filters that hide it)."""
        if self.model.is_hidden(target_id):
            self.filter_bar.reset()
        source_row = self.model.row_of(target_id)
        if source_row is None:
            return
        proxy_index = self.target_filter.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            proxy_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(proxy_index)

    def _select_first(self) -> None:
        if self.target_filter.rowCount():
            self.table.selectRow(0)

    def _keep_a_current_row(self) -> None:
        # Criteria that hide the current target leave no current row, and Qt says nothing
        # (it is a layout change): move to the first row shown, or empty the panels.
        if not self.table.currentIndex().isValid():
            if self.target_filter.rowCount():
                self._select_first()
            else:
                self._on_current_changed(QModelIndex(), QModelIndex())

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        target_id = current.data(TargetIdRole) if current.isValid() else None
        self.measurements.show_target(target_id)
        self._show_history()
        if self._dashboard is not None:
            self._dashboard.show_target(target_id)

    def _show_history(self) -> None:
        # Read only while its tab is shown: a target's history can run to hundreds of lines,
        # and reading and measuring them for a hidden tab would delay the window's first
        # paint and every change of the selected target.
        if self.details.currentWidget() is self.audit:
            row = self.current_row()
            self.audit.show_target(row.target.id if row else None)

    @property
    def dashboard(self) -> DashboardWidget:
        """The managers' dashboard, built on first use."""
        if self._dashboard is None:
            # Imported on first use, like the dashboard is built: pyqtgraph and the charts take
            # a fifth of a second to import, which the table's first paint need not wait for.
            from tracker.gui.dashboard.widget import DashboardWidget

            dashboard = DashboardWidget(self.bridge, self.target_filter)
            dashboard.target_activated.connect(self.select_target)
            current = self.current_row()
            dashboard.show_target(current.target.id if current else None)
            self._dashboard = dashboard
            self._dashboard_page.layout().addWidget(dashboard)
        return self._dashboard

    def _on_view_changed(self, index: int) -> None:
        if index == 1 and self._dashboard is None:
            _ = self.dashboard  # building it is the point

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit_target()

    def _on_changed(self, changes: Changes) -> None:
        current = self.current_row()
        self.model.refresh(changes)
        if current is not None and (changes.structure or changes.everything):
            self.select_target(current.target.id)  # type: ignore[arg-type]
        self._update_counts()

    # -- edits ----------------------------------------------------------------------------

    def edit_target_cell(self, row: TargetRow, field: str, value: object) -> bool:
        """A table cell was edited: parse it, run the edit, explain any refusal in place."""
        target = row.target
        try:
            if field == "target_value":
                value = parse_number(str(value), target.unit)
            elif isinstance(value, str):
                value = value.strip()
        except NumberFormatError as exc:
            self.message_bar.show_error(f"{target.name} · {field_label(field)}: {exc}")
            return False
        command = UpdateTarget(target.id, {field: value}, target.version, target.name)  # type: ignore[arg-type]
        return self._attempt(command, field, value)

    def _attempt(self, command: UpdateTarget, field: str, typed: object) -> bool:
        try:
            self.bridge.attempt(command)
        except ConflictError as exc:
            self._offer_conflict(command, field, typed, exc)
            return False
        except ValidationError as exc:
            self.message_bar.show_error(f"{command.name} · {field_label(field)}: {exc}")
            return False
        except ERRORS as exc:  # read-only, or the target is gone
            self.show_failure(exc)
            return False
        self.message_bar.hide()
        return True

    def _offer_conflict(self, command: UpdateTarget, field: str, typed: object,
                        exc: ConflictError) -> None:
        current = exc.current
        if current is None:
            self.message_bar.show_error(str(exc))
            self.bridge.changed.emit(Changes(everything=True))
            return
        unit = getattr(current, "unit", "")
        theirs = getattr(current, field)
        mine_text = format_quantity(typed, unit) if isinstance(typed, float) else str(typed)
        theirs_text = format_quantity(theirs, unit) if isinstance(theirs, float) else str(theirs)
        message = self.tr(
            "“%1” was changed in another window or program. %2 is now %3 there; "
            "your value %4 was not saved."
        ).replace("%1", command.name).replace("%2", field_label(field)) \
            .replace("%3", theirs_text).replace("%4", mine_text)
        retry = UpdateTarget(command.target_id, command.changes, current.version, command.name)
        self.message_bar.show_conflict(
            message,
            keep_mine=lambda: self._attempt(retry, field, typed),
            use_theirs=lambda: self.bridge.changed.emit(Changes(everything=True)),
        )
        self.bridge.changed.emit(Changes(frozenset({command.target_id})))

    def report_backup(self, warning: str) -> None:
        """The backup taken after opening finished; a failure is said, never hidden."""
        if warning:
            self.message_bar.show_error(warning)

    def show_failure(self, exc: object) -> None:
        """An edit, undo or redo was refused: say why in the message bar."""
        self.message_bar.show_error(str(exc))
        self.bridge.changed.emit(Changes(everything=True))

    def new_target(self) -> None:
        """Open the editor for a new target."""
        self._open_editor(None)

    def edit_target(self) -> None:
        """Open the editor on the current target."""
        row = self.current_row()
        if row is not None:
            self._open_editor(row)

    def _open_editor(self, row: TargetRow | None) -> None:
        if self.read_only:
            return
        rows = self.model.rows()
        editor = TargetEditor(
            self.bridge, row.target if row else None,
            sorted({r.target.category for r in rows if r.target.category}),
            sorted({r.target.department for r in rows if r.target.department}),
            self,
        )
        editor.exec()

    def delete_targets(self) -> None:
        """Delete the selected targets after asking; one undo brings them all back."""
        rows = self.selected_rows()
        if not rows or self.read_only:
            return
        names = "、".join(r.target.name for r in rows[:5]) + ("…" if len(rows) > 5 else "")
        question = self.tr("Delete %1 target(s) and all their figures?\n%2\n\n"
                           "You can undo this with Ctrl+Z.").replace("%1", str(len(rows))) \
            .replace("%2", names)
        if not confirm(self, self.tr("Delete targets"), question):
            return
        commands = tuple(DeleteTarget(r.target.id, r.target.version, r.target.name)  # type: ignore[arg-type]
                         for r in rows)
        command = commands[0] if len(commands) == 1 else Batch(
            commands, self.tr("Delete %1 targets").replace("%1", str(len(commands))))
        self.bridge.run(command)

    def focus_entry(self) -> None:
        """Ctrl+M: jump to the new-figure entry of the selected target."""
        self.views.setCurrentIndex(0)
        self.details.setCurrentWidget(self.measurements)
        self.measurements.focus_entry()

    def request_open(self, path: Path, read_only: bool = False) -> None:
        """Ask the application to show another database."""
        self.open_requested.emit(path, read_only)

