"""The main window's menus, toolbar and shortcuts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from tracker import __version__
from tracker.gui import dialogs
from tracker.gui.resources import icon
from tracker.io.demo import ensure_demo_database
from tracker.messages import language as message_language
from tracker.paths import demo_database

if TYPE_CHECKING:
    from tracker.gui.main_window import MainWindow

# The window's own context, so these strings translate as the window's self.tr() would.
translate = QCoreApplication.translate


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create the menus and toolbar of ``window``; returns the actions by name."""
    actions: dict[str, QAction] = {}
    editing = not window.read_only

    def action(name: str, text: str, slot, icon_name: str | None = None,
               keys: QKeySequence | QKeySequence.StandardKey | str | None = None,
               enabled: bool = True) -> QAction:
        act = QAction(text, window)
        if icon_name:
            act.setIcon(icon(icon_name))
        if keys is not None:
            act.setShortcut(QKeySequence(keys))
        act.triggered.connect(slot)
        act.setEnabled(enabled)
        actions[name] = act
        return act

    menu_bar = window.menuBar()
    file_menu = menu_bar.addMenu(translate("MainWindow", "&File"))
    file_menu.addAction(action(
        "new_db", translate("MainWindow", "&New database…"),
        lambda: _new_database(window), "new-database"))
    file_menu.addAction(action(
        "open", translate("MainWindow", "&Open…"),
        lambda: _open_database(window, False), "open", QKeySequence.StandardKey.Open))
    file_menu.addAction(action(
        "open_ro", translate("MainWindow", "Open read-onl&y…"),
        lambda: _open_database(window, True), "read-only"))
    recent = QMenu(translate("MainWindow", "Open &recent"), window)
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    file_menu.addMenu(recent)
    file_menu.addAction(action(
        "open_demo", translate("MainWindow", "Open &demo (Shuozhou 2022)"),
        lambda: _open_demo(window), "dashboard"))
    window.file_menu = file_menu  # other features add their actions here
    file_menu.addSeparator()
    file_menu.addAction(action(
        "quit", translate("MainWindow", "&Quit"), window.close, "quit",
        QKeySequence.StandardKey.Quit))

    edit_menu = menu_bar.addMenu(translate("MainWindow", "&Edit"))
    stack = window.bridge.undo_stack
    undo = stack.createUndoAction(window, translate("MainWindow", "Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setIcon(icon("undo"))
    redo = stack.createRedoAction(window, translate("MainWindow", "Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    redo.setIcon(icon("redo"))
    actions["undo"], actions["redo"] = undo, redo
    for act in (undo, redo):
        act.setEnabled(False)
        act.setVisible(editing)
        edit_menu.addAction(act)
    edit_menu.addSeparator()
    edit_menu.addAction(action(
        "new_target", translate("MainWindow", "&New target…"), window.new_target,
        "new-target", QKeySequence.StandardKey.New, editing))
    edit_menu.addAction(action(
        "edit_target", translate("MainWindow", "&Edit target…"), window.edit_target,
        "edit-target", "Ctrl+E", editing))
    edit_menu.addAction(action(
        "delete_target", translate("MainWindow", "&Delete target…"), window.delete_targets,
        "delete-target", "Ctrl+Delete", editing))
    edit_menu.addAction(action(
        "add_figure", translate("MainWindow", "&Add a figure"), window.focus_entry,
        "add-measurement", "Ctrl+M", editing))
    edit_menu.addSeparator()
    edit_menu.addAction(action(
        "find", translate("MainWindow", "&Find"), window.filter_bar.focus_search, "search",
        QKeySequence.StandardKey.Find))

    view_menu = menu_bar.addMenu(translate("MainWindow", "&View"))
    view_menu.addAction(action("show_table", translate("MainWindow", "&Targets table"),
                               lambda: window.views.setCurrentIndex(0), "table", "Ctrl+1"))
    view_menu.addAction(action("show_dashboard", translate("MainWindow", "&Dashboard"),
                               lambda: window.views.setCurrentIndex(1), "dashboard", "Ctrl+2"))
    language = view_menu.addMenu(icon("language"), translate("MainWindow", "&Language"))
    group = QActionGroup(window)
    current = message_language()
    for code, label in (("zh", "中文"), ("en", "English")):
        act = QAction(label, window, checkable=True, checked=code == current)
        act.triggered.connect(lambda _=False, c=code: window.language_requested.emit(c))
        group.addAction(act)
        language.addAction(act)
        actions[f"lang_{code}"] = act

    help_menu = menu_bar.addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(action(
        "about", translate("MainWindow", "&About Tracker"), lambda: _about(window), "about"))

    toolbar = QToolBar(translate("MainWindow", "Main toolbar"), window)
    toolbar.setObjectName("mainToolbar")
    for name in ("open", "undo", "redo", "new_target", "edit_target", "delete_target",
                 "add_figure", "show_dashboard"):
        act = actions[name]
        if act.isVisible():
            toolbar.addAction(act)
            if name not in ("undo", "redo"):  # those name the edit they undo
                act.setToolTip(plain_text(act.text()))
    window.addToolBar(toolbar)
    window.toolbar = toolbar
    return actions


def plain_text(menu_text: str) -> str:
    """A menu text without its accelerator ("打开(&O)…" -> "打开", "&Open…" -> "Open")."""
    return re.sub(r"\(&\w\)|&(?=\w)|…$", "", menu_text).strip()


def _new_database(window: MainWindow) -> None:
    path = dialogs.ask_new_database(window)
    if path is not None:
        window.request_open(path, False)


def _open_database(window: MainWindow, read_only: bool) -> None:
    path = dialogs.ask_open_database(window)
    if path is not None:
        window.request_open(path, read_only)


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    recent = window.settings.recent_databases()
    if not recent:
        empty = menu.addAction(translate("MainWindow", "(none)"))
        empty.setEnabled(False)
    for path in recent:
        act = menu.addAction(str(path))
        act.triggered.connect(lambda _=False, p=path: window.request_open(p, False))


def _open_demo(window: MainWindow) -> None:
    path = demo_database()
    ensure_demo_database(path)
    window.request_open(path, False)


def _about(window: MainWindow) -> None:
    QMessageBox.about(
        window, translate("MainWindow", "About Tracker"),
        translate("MainWindow", "<h3>Tracker %1</h3><p>Targets and their progress for "
                  "planning offices: figures, expected pace, status and reports in one "
                  "SQLite file.</p>")
        .replace("%1", __version__),
    )
