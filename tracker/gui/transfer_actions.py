"""File ▸ Import…, Export ▸ (Targets…, Figures…, Audit trail…) and Report… for the window.

Exports and the report cover what the table shows: the TargetFilter's visible rows, in
their order. Long work shows a QProgressDialog with Cancel and keeps the window painting
(the work reports progress in chunks and events are processed between them); a cancelled
export leaves no file behind.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QMessageBox, QProgressDialog, QWidget

from tracker.gui import dialogs
from tracker.gui.resources import icon
from tracker.io.csv_writer import WriteCancelled, WriteError
from tracker.io.exporter import export_audit, export_measurements, export_targets

if TYPE_CHECKING:
    from tracker.gui.main_window import MainWindow

translate = QCoreApplication.translate
T = TypeVar("T")
STATUS_MS = 8000
EXPORTS = {"targets": export_targets, "measurements": export_measurements,
           "audit": export_audit}


class Cancelled(Exception):
    """The user pressed Cancel in a progress dialog."""


def install_transfer_actions(window: MainWindow) -> None:
    """Add Import…, Export ▸ and Report… to ``window.file_menu``, above its last separator.

    Import is disabled for a read-only window. The actions are also kept in
    ``window.actions_`` as "import", "export_targets", "export_figures", "export_audit"
    and "report".
    """
    import_action = QAction(icon("import"), translate("Transfer", "&Import…"), window)
    import_action.setObjectName("importAction")
    import_action.setStatusTip(translate("Transfer", "Import targets or figures from a CSV "
                                                     "or Excel file"))
    import_action.setEnabled(not window.read_only)
    import_action.triggered.connect(lambda: open_import_wizard(window))

    export_menu = QMenu(translate("Transfer", "&Export"), window)
    export_menu.setIcon(icon("export"))
    exports = {}
    for key, what, label in (
        ("export_targets", "targets", translate("Transfer", "&Targets…")),
        ("export_figures", "measurements", translate("Transfer", "&Figures…")),
        ("export_audit", "audit", translate("Transfer", "&Audit trail…")),
    ):
        act = QAction(icon("export"), label, window)
        act.setObjectName(key + "Action")
        act.triggered.connect(lambda _=False, w=what: export_shown(window, w))
        export_menu.addAction(act)
        exports[key] = act

    report_action = QAction(icon("report"), translate("Transfer", "Re&port…"), window)
    report_action.setObjectName("reportAction")
    report_action.setStatusTip(translate("Transfer", "A PDF for managers: status, tables, "
                                                     "charts and a sentence per target"))
    report_action.triggered.connect(lambda: save_report(window))

    menu = window.file_menu
    separators = [a for a in menu.actions() if a.isSeparator()]
    before = separators[-1] if separators else None
    if before is not None:
        menu.insertSeparator(before)
    else:
        menu.addSeparator()
    for item in (import_action, export_menu.menuAction(), report_action):
        if before is not None:
            menu.insertAction(before, item)
        else:
            menu.addAction(item)
    actions = getattr(window, "actions_", None)
    if isinstance(actions, dict):
        actions.update({"import": import_action, "report": report_action, **exports})


def open_import_wizard(window: MainWindow, path: Path | None = None) -> None:
    """Show the import wizard (on ``path`` when given) for the window's database."""
    from tracker.gui.import_wizard import ImportWizard

    wizard = ImportWizard(window.bridge, window, path)
    wizard.imported.connect(lambda message: window.statusBar().showMessage(message, STATUS_MS))
    wizard.open()


def export_shown(window: MainWindow, what: str) -> Path | None:
    """Ask for a file and export the visible targets (or their figures or audit trail)."""
    titles = {"targets": translate("Transfer", "Export targets"),
              "measurements": translate("Transfer", "Export figures"),
              "audit": translate("Transfer", "Export audit trail")}
    names = {"targets": "targets", "measurements": "figures", "audit": "audit"}
    base = window.service.path.stem if window.service.path else "tracker"
    suggested = Path.home() / f"{base}-{names[what]}.xlsx"
    path = dialogs.ask_save_file(window, titles[what], suggested, spreadsheet_filter())
    if path is None:
        return None
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    rows = window.target_filter.visible_rows()
    try:
        written = run_with_progress(
            window, translate("Transfer", "Exporting to %1…").replace("%1", path.name),
            lambda progress: EXPORTS[what](window.service, path, rows, None, progress))
    except Cancelled:
        window.statusBar().showMessage(translate("Transfer", "Export cancelled; nothing was "
                                                            "written."), STATUS_MS)
        return None
    except (WriteError, OSError, ValueError) as exc:
        show_error(window, titles[what], str(exc))
        return None
    window.statusBar().showMessage(
        translate("Transfer", "Exported %1 rows to %2").replace("%1", f"{written:,}")
        .replace("%2", str(path)), STATUS_MS)
    return path


def save_report(window: MainWindow) -> Path | None:
    """Ask for a PDF file and write the managers' report on the visible targets."""
    from tracker.gui.report_pdf import write_report

    base = window.service.path.stem if window.service.path else "tracker"
    path = dialogs.ask_save_file(
        window, translate("Transfer", "Save report"), Path.home() / f"{base}-report.pdf",
        translate("Transfer", "PDF files (*.pdf)"))
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    subtitle = window.service.path.name if window.service.path else ""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pages = write_report(path, window.target_filter.visible_rows(),
                             on=window.service.today(), subtitle=subtitle)
    except (WriteError, OSError) as exc:
        show_error(window, translate("Transfer", "Save report"), str(exc))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    window.statusBar().showMessage(
        translate("Transfer", "Saved the report (%1 pages) to %2").replace("%1", str(pages))
        .replace("%2", str(path)), STATUS_MS)
    return path


def spreadsheet_filter() -> str:
    """File-type filter for exports and imports."""
    return translate("Transfer", "Excel workbooks (*.xlsx);;CSV files (*.csv);;All files (*)")


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Say why something could not be done (tests replace this)."""
    QMessageBox.warning(parent, title, message)


def progress_dialog(parent: QWidget | None, label: str,
                    cancellable: bool = True) -> QProgressDialog:
    """A window-modal progress dialog (with Cancel if ``cancellable``), shown after half a
    second."""
    dialog = QProgressDialog(label, translate("Transfer", "Cancel"), 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(translate("Transfer", "Tracker"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    return dialog


def run_with_progress(parent: QWidget | None, label: str,
                      work: Callable[[Callable[[int, int], bool]], T]) -> T:
    """Run ``work(progress)`` in this thread, showing its progress(done, total) calls.

    Events are processed at each call, so the window repaints and Cancel works; after
    Cancel the next call returns False (or raises Cancelled for work that cannot say
    stop). WriteCancelled and ImportCancelled from the work become Cancelled.
    """
    from tracker.io.importer import ImportCancelled

    dialog = progress_dialog(parent, label)

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        return work(progress)
    except (WriteCancelled, ImportCancelled) as exc:
        raise Cancelled from exc
    finally:
        dialog.close()
        dialog.deleteLater()


def run_in_thread(parent: QWidget | None, label: str, work: Callable[[], T],
                  cancellable: bool = True) -> T:
    """Run ``work()`` in a worker thread (it must not touch Qt or the database) while a busy
    dialog keeps the window responsive. Raises Cancelled if the user gives up waiting (the
    work then finishes unseen; not offered unless ``cancellable``) and re-raises whatever
    the work raised."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="tracker-transfer", daemon=True)
    dialog = progress_dialog(parent, label, cancellable)
    thread.start()
    try:
        while thread.is_alive():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if cancellable and dialog.wasCanceled():
                raise Cancelled
            time.sleep(0.01)
    finally:
        dialog.close()
        dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
