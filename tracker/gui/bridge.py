"""Where the core meets Qt: one change signal, the undo stack and the outside-change watch.

Edits, undo, redo, imports and another process's commits all reach the table and the charts
through ``ServiceBridge.changed``; nothing else refreshes a view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoCommand, QUndoStack

from tracker.commands import Changes, Command
from tracker.domain import ConflictError, NotFoundError, ValidationError
from tracker.service import ReadOnlyError, TrackerService

# Another process's commit shows within this time (the goal is 2 seconds).
OUTSIDE_POLL_MS = 1000

# The refusals an edit can meet; each carries a message for the user.
ERRORS = (ValidationError, ConflictError, NotFoundError, ReadOnlyError)


class UndoableEdit(QUndoCommand):
    """A thin QUndoCommand over a core command and the inverse it returned.

    The edit has already been applied when it is pushed (so a failure never reaches the
    stack); redo and undo apply the stored command and keep the inverse each returns.
    A failed undo or redo (someone else changed the row) is reported and the entry made
    obsolete, so the stack never claims a state the database does not have.

    Only the command that the next step runs is held: the edit itself is not, since its
    redo is what its undo returns. An import's command carries every figure of its file
    (a million take some hundred MB), which would otherwise stay in memory until the file
    is closed.
    """

    def __init__(self, bridge: ServiceBridge, done: Command, inverse: Command) -> None:
        super().__init__(done.describe())
        self._bridge = bridge
        self._next: Command | None = inverse
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._step(self._bridge.redo_source)

    def undo(self) -> None:
        self._step(self._bridge.undo_source)

    def _step(self, source: str) -> None:
        if self._next is not None:
            self._next = self._run(self._next, source)

    def _run(self, command: Command, source: str) -> Command | None:
        # Undoing a big import takes seconds: say so with the cursor (a small edit restores
        # it before anything repaints, so it never flickers).
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self._bridge.service.execute(command, source)
        except ERRORS as exc:
            self.setObsolete(True)
            self._bridge.failed.emit(exc)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()


class ServiceBridge(QObject):
    """Turns the service's notifications into a Qt signal and runs edits on the undo stack."""

    # Changes: what an edit, undo, redo, import or outside commit touched.
    changed = Signal(object)
    # An edit, undo or redo was refused; carries the exception (its message is for the user).
    failed = Signal(object)

    def __init__(self, service: TrackerService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = QUndoStack(self)
        self.undo_source = self.tr("undo")
        self.redo_source = self.tr("redo")
        self._unsubscribe: Callable[[], None] = service.subscribe(self.changed.emit)
        self._timer = QTimer(self)
        self._timer.setInterval(OUTSIDE_POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def run(self, command: Command, source: str | None = None) -> bool:
        """Apply ``command`` and push it on the undo stack; on refusal emit ``failed``."""
        try:
            inverse = self.service.execute(command, source)
        except ERRORS as exc:
            self.failed.emit(exc)
            return False
        self.undo_stack.push(UndoableEdit(self, command, inverse))
        return True

    def attempt(self, command: Command, source: str | None = None) -> None:
        """Apply ``command`` and push it on the undo stack; a refusal is raised to the caller.

        For dialogs and panels that show a refusal beside the field it concerns rather than
        through ``failed``.
        """
        inverse = self.service.execute(command, source)
        self.undo_stack.push(UndoableEdit(self, command, inverse))

    def poll(self) -> None:
        """Look for commits from other processes (PRAGMA data_version)."""
        self.service.poll_outside_changes()

    def detach(self) -> None:
        """Stop listening before the service is closed."""
        self._timer.stop()
        self._unsubscribe()
        # A window closed twice (or detached before closing) must not fail here.
        self._unsubscribe = lambda: None
        self.undo_stack.clear()


def everything() -> Changes:
    """The change that means "reload all"."""
    return Changes(everything=True)
