"""The import wizard's last page: what the import would do, row by row, and every problem.

The plan is worked out when the page is shown (nothing is written); the first rows of the
file are shown with their outcome, and every problem and every change is listed in a table
model (a file can have a million problems: a QTableWidget would not cope).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWizardPage,
)

from tracker.domain import field_label
from tracker.gui.transfer_actions import Cancelled, run_with_progress
from tracker.io.importer import MappingError, plan_import
from tracker.io.numbers import NumberFormatError, format_plain, parse_number

if TYPE_CHECKING:
    from tracker.gui.import_wizard import ImportWizard

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 200
#: The fields whose cells are figures.
NUMBER_FIELDS = frozenset({"value", "target_value", "baseline", "tolerance"})
OUTCOME_COLORS = {"new": "#e3f4ec", "changed": "#e3eefa", "error": "#fbe4dc",
                  "skipped": "#f0f0f0"}


def outcome_text(outcome: str) -> str:
    """An outcome as the user reads it."""
    return {
        "new": translate("Transfer", "new"),
        "changed": translate("Transfer", "changed"),
        "unchanged": translate("Transfer", "unchanged"),
        "error": translate("Transfer", "problem"),
        "skipped": translate("Transfer", "skipped"),
    }.get(outcome, "")


class ListModel(QAbstractTableModel):
    """Read-only rows of text. Cached state: ``rows`` (lists of str), set by ``set_rows``.

    Cells of the ``numeric`` columns that read as numbers are right-aligned, so that their
    digits line up; with ``figures`` given to set_rows, only in the rows it marks (a change
    of a note that reads "12" is text)."""

    def __init__(self, headers: list[str], numeric: frozenset[int] = frozenset()) -> None:
        super().__init__()
        self.headers = headers
        self.numeric = numeric
        self.rows: list[list[str]] = []
        self.figures: list[bool] | None = None

    def set_rows(self, rows: list[list[str]], figures: list[bool] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.figures = figures
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            row, column = index.row(), index.column()
            cell = self.rows[row][column]
            return _alignment(column in self.numeric and _reads_as_number(cell) and (
                column == 0 or self.figures is None or self.figures[row]))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


def _view(model: QAbstractTableModel, stretch: int | None = None) -> QTableView:
    """A table of ``model``; the ``stretch`` column (else the last) takes the spare width."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    # Fit columns such as "完成值（万户）" to their text, judged on the first rows only so a
    # list of a million problems stays quick.
    header.setResizeContentsPrecision(200)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:  # a right-aligned figure in a stretched last column would sit far from its title
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class PreviewPage(QWizardPage):
    """The plan: a summary, the first rows with their outcome, problems and changes."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(translate("Transfer", "Check and import"))
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.rows_table = QTableWidget()
        self.rows_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_table.verticalHeader().setVisible(False)
        self.problems = ListModel([translate("Transfer", "Row"), translate("Transfer", "Column"),
                                   translate("Transfer", "Value"), translate("Transfer", "Reason")],
                                  frozenset({0}))
        self.changes = ListModel([translate("Transfer", "Row"), translate("Transfer", "Target"),
                                  translate("Transfer", "As of"), translate("Transfer", "Field"),
                                  translate("Transfer", "Now"), translate("Transfer", "From file")],
                                 frozenset({0, 4, 5}))
        self.problems_view = _view(self.problems)
        self.changes_view = _view(self.changes, stretch=1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.rows_table, translate("Transfer", "First rows"))
        self.tabs.addTab(self.problems_view, translate("Transfer", "Problems"))
        self.tabs.addTab(self.changes_view, translate("Transfer", "Changes"))
        self.skip_box = QCheckBox(translate("Transfer", "Import the other rows (leave out the "
                                                        "rows with problems)"))
        self.skip_box.toggled.connect(self.completeChanged)
        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.message)

    def initializePage(self) -> None:  # noqa: N802
        wizard = self.wizard_
        table = wizard.table
        assert table is not None and wizard.path is not None
        self.message.clear()
        self.skip_box.setChecked(False)
        try:
            wizard.plan = run_with_progress(
                self, translate("Transfer", "Checking %1…").replace("%1", wizard.path.name),
                lambda progress: plan_import(wizard.bridge.service, table, wizard.mapping(),
                                             wizard.options(), file_name=wizard.path.name,
                                             progress=progress))
        except (Cancelled, MappingError) as exc:
            wizard.plan = None
            self.show_message(str(exc) or translate("Transfer", "Checking was cancelled."))
            return
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.wizard_.plan
        table = self.wizard_.table
        assert plan is not None and table is not None
        errors = len(plan.errors)
        text = plan.summary()
        if errors:
            text += "\n" + translate(
                "Transfer", "Nothing is imported while a row has a problem: fix the file and "
                "choose it again, or tick the box below to import the other rows.")
        elif not plan.has_work():
            text += "\n" + translate("Transfer", "Nothing new to import.")
        self.summary.setText(text)
        numbers = {h for h, f in self.wizard_.mapping().items() if f in NUMBER_FIELDS}
        self._fill_rows(table.headers, table.head(PREVIEW_ROWS), plan.outcomes,
                        {i for i, h in enumerate(table.headers) if h in numbers})
        self.problems.set_rows([[str(p.row), p.column or translate("Transfer", "(whole row)"),
                                 p.value, p.reason] for p in plan.problems])
        fields = [(c, f, v) for c in plan.changed for f, v in c.changes.items()]
        self.changes.set_rows(
            [[str(c.row), c.target_name, c.as_of, field_label(f), _shown(c.before[f]),
              _shown(v)] for c, f, v in fields],
            [f in NUMBER_FIELDS for _, f, _ in fields])
        self.tabs.setTabText(1, translate("Transfer", "Problems (%1)")
                             .replace("%1", str(len(plan.problems))))
        self.tabs.setTabText(2, translate("Transfer", "Changes (%1)")
                             .replace("%1", str(len(plan.changed))))
        # Where the user's attention belongs: the problems, else what the file would change
        # (a sheet sent again), else the file's first rows.
        self.tabs.setCurrentIndex(1 if plan.problems else 2 if plan.changed else 0)
        self.skip_box.setVisible(bool(errors))
        self.completeChanged.emit()

    def _fill_rows(self, headers: list[str], rows: list, outcomes: dict[int, str],
                   numeric: set[int]) -> None:
        """The first rows with their outcome; cells of the ``numeric`` columns that read
        as numbers right-aligned."""
        grid = self.rows_table
        grid.clear()
        grid.setColumnCount(len(headers) + 2)
        grid.setHorizontalHeaderLabels([translate("Transfer", "Row"),
                                        translate("Transfer", "Outcome"), *headers])
        grid.setRowCount(len(rows))
        for r, raw in enumerate(rows):
            outcome = outcomes.get(raw.number, "")
            cells = [str(raw.number), outcome_text(outcome), *raw.cells]
            for c, cell in enumerate(cells):
                item = QTableWidgetItem(cell if len(cell) <= 200 else cell[:200] + "…")
                item.setTextAlignment(_alignment(
                    c == 0 or (c - 2 in numeric and _reads_as_number(cell))))
                if outcome in OUTCOME_COLORS:
                    item.setBackground(QColor(OUTCOME_COLORS[outcome]))
                grid.setItem(r, c, item)
        grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        grid.resizeColumnsToContents()

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        plan = self.wizard_.plan
        return plan is not None and plan.can_import(self.skip_box.isChecked()) \
            and plan.has_work()


def _reads_as_number(cell: str) -> bool:
    """Whether a cell is a figure as the importer reads them ("103,516", "-2.5", "108.51%")."""
    try:
        return parse_number(cell) is not None
    except NumberFormatError:
        return False


def _alignment(right: bool) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def _shown(value: object) -> str:
    if isinstance(value, float):
        return format_plain(value)
    return str(getattr(value, "value", value))
