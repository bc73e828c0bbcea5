"""File dialogs in one place, returning plain paths, so tests can replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def database_filter() -> str:
    """The file-type filter for Tracker databases."""
    return QCoreApplication.translate("Dialogs", "Tracker databases (*.sqlite *.db);;All files (*)")


def ask_open_database(parent: QWidget | None, start: Path | None = None) -> Path | None:
    """Ask for an existing database file; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("Dialogs", "Open database"),
        str(start or Path.home()), database_filter())
    return Path(path) if path else None


def ask_new_database(parent: QWidget | None, start: Path | None = None) -> Path | None:
    """Ask where to create a new database; None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Dialogs", "New database"),
        str(start or Path.home() / "tracker.sqlite"), database_filter())
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".sqlite")


def ask_save_file(parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
    """Ask where to save a file (exports, reports, chart images); None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(path) if path else None


def ask_open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    """Ask for a file to read (imports, backups); None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), filters)
    return Path(path) if path else None
