"""The import wizard: choose a file, check its columns, preview every problem, import.

1. File: the encoding and line ending found are shown (never guessed silently) and can be
   overridden; a file that cannot be read says why.
2. Columns: a combo per header, pre-filled from its name in Chinese or English, and whether
   the rows are targets or figures.
3. Preview: what the import would do, the first rows with their outcome, and every problem
   as row, column, value and reason. Import is disabled while any row has an error, unless
   "Import the other rows" is ticked.

The import runs through ``bridge.attempt`` as one command, so Edit ▸ Undo takes it all back
in one step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tracker.domain import ConflictError, NotFoundError, ValidationError, field_label
from tracker.gui import dialogs
from tracker.gui.bridge import ServiceBridge
from tracker.gui.import_preview import PreviewPage
from tracker.gui.transfer_actions import Cancelled, run_in_thread, spreadsheet_filter
from tracker.io.encoding import EncodingError
from tracker.io.import_cells import ALL_FIELDS, match_header
from tracker.io.importer import (
    ImportOptions,
    ImportPlan,
    MappingError,
    check_mapping,
    read_file,
    resolve_kind,
    suggest_mapping,
)
from tracker.io.table_reader import RawTable, TableError

translate = QCoreApplication.translate
# (codec given to the reader, label); None means detect.
ENCODINGS = ((None, "Detect"), ("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030"))


class ImportWizard(QWizard):
    """Import a CSV or XLSX file into the bridge's database, undoable in one step."""

    # A sentence saying what was imported, for the status bar.
    imported = Signal(str)

    def __init__(self, bridge: ServiceBridge, parent: QWidget | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.path: Path | None = None
        self.table: RawTable | None = None
        self.forced_encoding: str | None = None
        self.plan: ImportPlan | None = None
        self.setWindowTitle(translate("Transfer", "Import"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, translate("Transfer", "Import"))
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        for page in (self.file_page, self.columns_page, self.preview_page):
            self.addPage(page)
        self.resize(900, 640)
        if path is not None:
            self.set_file(path)

    # -- state --------------------------------------------------------------------------

    def set_file(self, path: Path, encoding: str | None = None) -> bool:
        """Read ``path`` (in ``encoding``, or detected); False, with the reason shown, if it
        cannot be read."""
        self.path, self.forced_encoding, self.table, self.plan = path, encoding, None, None
        try:
            self.table = run_in_thread(
                self, translate("Transfer", "Reading %1…").replace("%1", path.name),
                lambda: read_file(path, encoding))
        except Cancelled:
            self.file_page.show_error(translate("Transfer", "Reading was cancelled."))
            return False
        except (EncodingError, TableError, OSError) as exc:
            self.file_page.show_error(str(exc))
            return False
        self.file_page.show_table(self.table)
        self.columns_page.fill(self.table.headers)
        return True

    def mapping(self) -> dict[str, str]:
        """Header -> field as the combos say."""
        return self.columns_page.mapping()

    def options(self) -> ImportOptions:
        """The kind and the year chosen on the columns page."""
        return self.columns_page.options()

    def skip_bad_rows(self) -> bool:
        """Whether the rows without problems may be imported while others have some."""
        return self.preview_page.skip_box.isChecked()

    # -- the import -----------------------------------------------------------------------

    def accept(self) -> None:
        """Import: runs the plan through the bridge, so one undo takes it back."""
        if self.run_import():
            super().accept()

    def run_import(self) -> bool:
        """Apply the previewed plan; False (with the reason shown) if it was refused."""
        from tracker.gui.transfer_actions import run_with_progress

        plan = self.plan
        if plan is None or not plan.can_import(self.skip_bad_rows()) or not plan.has_work():
            return False

        def work(progress) -> None:
            def report(done: int, total: int) -> None:
                if not progress(done, total):
                    from tracker.io.importer import ImportCancelled

                    raise ImportCancelled
            self.bridge.attempt(plan.command(report))

        try:
            run_with_progress(self, translate("Transfer", "Importing %1…")
                              .replace("%1", plan.file_name), work)
        except Cancelled:
            self.preview_page.show_message(translate("Transfer", "Import cancelled; nothing "
                                                                 "was written."))
            return False
        except (ValidationError, ConflictError, NotFoundError) as exc:
            self.preview_page.show_message(str(exc))
            return False
        self.imported.emit(translate("Transfer", "Imported %1: %2")
                           .replace("%1", plan.file_name).replace("%2", plan.summary()))
        return True


class FilePage(QWizardPage):
    """Choose the file; see (and if need be override) how its text is encoded."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(translate("Transfer", "Choose a file"))
        self.setSubTitle(translate("Transfer", "A CSV file (UTF-8, GBK or GB18030) or an Excel "
                                               "workbook (.xlsx, first sheet)."))
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        choose = QPushButton(translate("Transfer", "Choose…"))
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        self.encoding_label = QLabel()
        self.encoding_label.setObjectName("encodingLabel")
        self.line_ending_label = QLabel()
        self.encoding_combo = QComboBox()
        for codec, label in ENCODINGS:
            shown = translate("Transfer", "Detect automatically") if codec is None else label
            self.encoding_combo.addItem(shown, codec)
        self.encoding_combo.activated.connect(self._reread)
        self.error_label = QLabel()
        self.error_label.setObjectName("importError")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("Transfer", "File:"), row)
        form.addRow(translate("Transfer", "Encoding:"), self.encoding_label)
        form.addRow(translate("Transfer", "Line endings:"), self.line_ending_label)
        form.addRow(translate("Transfer", "Read as:"), self.encoding_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def choose(self) -> None:
        path = dialogs.ask_open_file(self, translate("Transfer", "Import"), spreadsheet_filter())
        if path is not None:
            self.encoding_combo.setCurrentIndex(0)
            self.wizard_.set_file(path)

    def _reread(self) -> None:
        if self.wizard_.path is not None:
            self.wizard_.set_file(self.wizard_.path, self.encoding_combo.currentData())

    def show_table(self, table: RawTable) -> None:
        self.path_edit.setText(str(self.wizard_.path))
        self.error_label.clear()
        if table.encoding == "XLSX":
            self.encoding_label.setText(translate("Transfer", "Excel workbook (no text encoding)"))
            self.line_ending_label.setText("—")
            self.encoding_combo.setEnabled(False)
        else:
            how = translate("Transfer", "detected") if self.wizard_.forced_encoding is None \
                else translate("Transfer", "as chosen")
            self.encoding_label.setText(f"{table.encoding} ({how})")
            self.line_ending_label.setText(table.line_ending)
            self.encoding_combo.setEnabled(True)
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.path_edit.setText(str(self.wizard_.path or ""))
        self.encoding_label.setText("—")
        self.line_ending_label.setText("—")
        self.error_label.setText(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.wizard_.table is not None


class ColumnsPage(QWizardPage):
    """One combo per header saying which field it holds; targets or figures."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(translate("Transfer", "Match the columns"))
        self.setSubTitle(translate("Transfer", "Columns were matched by their names; change any "
                                               "that are wrong. Unmatched columns are ignored."))
        self.combos: dict[str, QComboBox] = {}
        self.grid = QFormLayout()
        self.kind_combo = QComboBox()
        for kind, label in (("auto", translate("Transfer", "Decide from the columns")),
                            ("targets", translate("Transfer", "Targets")),
                            ("measurements", translate("Transfer", "Figures"))):
            self.kind_combo.addItem(label, kind)
        self.kind_combo.currentIndexChanged.connect(self._check)
        self.year_box = QSpinBox()
        self.year_box.setRange(1999, 2100)
        self.year_box.setSpecialValueText(translate("Transfer", "none (dates must be given)"))
        self.year_box.setValue(1999)
        self.message = QLabel()
        self.message.setObjectName("mappingError")
        self.message.setWordWrap(True)
        options = QFormLayout()
        options.addRow(translate("Transfer", "Rows are:"), self.kind_combo)
        options.addRow(translate("Transfer", "New targets without dates run through:"),
                       self.year_box)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addLayout(options)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def fill(self, headers: list[str]) -> None:
        while self.grid.rowCount():
            self.grid.removeRow(0)
        self.combos.clear()
        suggested = suggest_mapping(headers)
        for header in headers:
            combo = QComboBox()
            combo.addItem(translate("Transfer", "(ignore)"), "")
            for field in ALL_FIELDS:
                combo.addItem(field_label(field), field)
            combo.setCurrentIndex(max(0, combo.findData(suggested[header])))
            combo.currentIndexChanged.connect(self._check)
            self.combos[header] = combo
            unit = match_header(header)[1]
            # A unit in the header is used: its figures are converted from it.
            label = header if not unit else translate("Transfer", "%1 (figures in %2)") \
                .replace("%1", header).replace("%2", unit)
            self.grid.addRow(label, combo)
        self._check()

    def mapping(self) -> dict[str, str]:
        return {h: c.currentData() for h, c in self.combos.items()}

    def options(self) -> ImportOptions:
        year = self.year_box.value()
        return ImportOptions(self.kind_combo.currentData(),
                             None if year == self.year_box.minimum() else year)

    def problem(self) -> str:
        """Why the mapping cannot be used, or ""."""
        try:
            check_mapping(self.mapping(), resolve_kind(self.mapping(), self.options().kind))
        except MappingError as exc:
            return str(exc)
        return ""

    def _check(self) -> None:
        self.message.setText(self.problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.combos) and not self.problem()
