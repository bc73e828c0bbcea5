"""Starting the Qt application: language, resources, and the window on a database."""

from __future__ import annotations

import sqlite3
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from tracker import messages
from tracker.gui.main_window import MainWindow
from tracker.gui.recovery import AfterOpen, after_open, open_with_recovery
from tracker.gui.resources import (
    Translations,
    icon,
    register_search_paths,
    style_sheet,
    system_language,
)
from tracker.gui.settings import Settings
from tracker.paths import default_database
from tracker.service import TrackerService


class TrackerApp(QObject):
    """Owns the window; opens databases and switches the language on its behalf."""

    def __init__(self, app: QApplication, settings: Settings) -> None:
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.translations = Translations(app)
        self.window: MainWindow | None = None
        self._backups: list[AfterOpen] = []
        self.set_language(settings.language() or system_language())

    def _backup_finished(self, warning: str) -> None:
        if warning and self.window is not None:
            self.window.report_backup(warning)

    def set_language(self, language: str) -> None:
        """Use ``language`` for Qt's texts and the core's messages alike."""
        if not self.translations.apply(language):
            language = "en"
            self.translations.apply(language)
        messages.set_language(language)
        # Dates and month names on the charts follow the interface language.
        QLocale.setDefault(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        )

    def switch_language(self, language: str) -> None:
        """Remember the choice and rebuild the window in the new language, same file."""
        self.settings.set_language(language)
        self.set_language(language)
        if self.window is not None:
            path, read_only = self.window.service.path, self.window.read_only
            self.open(path, read_only)

    def open(self, path: Path | None, read_only: bool = False, *,
             check_first: bool = False) -> bool:
        """Show ``path`` in the window (replacing the one shown); False if it cannot open.

        A file closed cleanly last time shows at once and is checked on a worker thread
        meanwhile (its edits wait for the check); ``check_first`` checks before showing, as
        every other file is.
        """
        target = path or default_database()
        service = self._open_service(target, read_only, defer_check=not check_first)
        if service is None:
            return False
        if not read_only:
            self.settings.add_recent(target)
        old = self.window
        if old is not None:
            old.close()
        try:
            window = MainWindow(service, self.settings)
        except sqlite3.DatabaseError:
            if not service.awaiting_check:
                raise
            # Opened before its check (it was closed cleanly), yet its pages cannot be read:
            # check it now, which moves it aside and offers the newest good backup.
            service.close()
            self.window = None
            return self.open(path, read_only, check_first=True)
        window.open_requested.connect(self.open)
        window.language_requested.connect(self.switch_language)
        self.window = window
        window.show()
        # After the window shows: checking 300 MB takes half a second, copying and checking
        # a backup of it seconds.
        runner = after_open(service)
        if runner is not None:
            # Kept for the application's life: a window may close before its copy ends.
            self._backups.append(runner)
            runner.checked.connect(partial(self._check_passed, service))
            runner.damaged.connect(partial(self._damage_found, window))
            runner.finished.connect(self._backup_finished)
            runner.start()
        return True

    def _check_passed(self, service: TrackerService) -> None:
        service.awaiting_check = False

    def _damage_found(self, window: MainWindow, _problems: list[str]) -> None:
        """The check deferred at open found damage in the window's file.

        The window lets go of the file (without the backup on close: a copy of a damaged
        file fails its own check) and the file is opened again with the check first, which
        moves it aside unchanged, says so and offers the newest good backup, exactly as for
        damage found at open. Nothing was written meanwhile: edits waited for the check.
        """
        if window is not self.window or window.isHidden():
            return  # closed or replaced meanwhile; a later open checks the file again
        path, read_only = window.service.path, window.read_only
        window.bridge.detach()
        window.service.close()
        if path is None or not self.open(path, read_only, check_first=True):
            # Nothing opened in its place: the window has no file left to show.
            self.window = None
            window.close()

    def _open_service(self, path: Path, read_only: bool, *,
                      defer_check: bool = False) -> TrackerService | None:
        # A damaged file is moved aside and a backup offered; a newer file opens read-only.
        return open_with_recovery(self.window, path, read_only, defer_check=defer_check)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Tracker's names, icon, resources and style."""
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("Tracker")
    QCoreApplication.setApplicationName("tracker")
    app.setApplicationDisplayName("Tracker")
    register_search_paths()
    app.setWindowIcon(QIcon(icon("tracker")))
    app.setStyleSheet(style_sheet())
    return app


def run(db: Path | None, *, read_only: bool = False) -> int:
    """Open the window on ``db`` (else the last database, else the default) and run."""
    app = make_application()
    settings = Settings()
    controller = TrackerApp(app, settings)
    if not controller.open(db or settings.last_database(), read_only):
        return 1
    return app.exec()
