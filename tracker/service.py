"""TrackerService: the one door to the data for the window, the CLI and the importers.

It runs every edit as a command inside one transaction, tells every subscriber what changed
(edits, undo, redo, imports and changes made by another process all travel this one path),
and answers the views' questions with plain values.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.commands import Changes, Command
from tracker.domain import (
    FigureSeries,
    Measurement,
    NotFoundError,
    Target,
    TargetRow,
    positional_builder,
)
from tracker.gc_pause import gc_paused
from tracker.messages import text
from tracker.progress import evaluate
from tracker.storage import AuditEntry, Repository, open_database
from tracker.storage.connection import schema_version
from tracker.storage.rows import Latest

if TYPE_CHECKING:
    # Only for annotations: sqlite-utils is loaded through tracker.storage (see there).
    from sqlite_utils import Database

Listener = Callable[[Changes], None]
# Past the frozen __init__ (see positional_builder): rows() makes 10,000 at a first read.
_target_row = positional_builder(TargetRow)


class ReadOnlyError(Exception):
    """An edit was attempted on a database opened read-only."""


class TrackerService:
    """Targets, measurements and progress for one database file."""

    def __init__(
        self,
        db: Database,
        *,
        path: Path | None = None,
        read_only: bool = False,
        who: str | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self.repo = Repository(db, who or _user_name())
        self._today = today
        self._listeners: list[Listener] = []
        self._seen_version = self.repo.data_version()
        # True while the file's integrity check, deferred until the window shows (see
        # tracker.safety.open_safely), has not yet passed: edits are refused meanwhile, so
        # nothing is written into a file that may turn out to be damaged.
        self.awaiting_check = False
        # rows()' memory of its last answer (see there): the rows as read, and as judged.
        self._latest: dict[int, Latest] = {}
        self._judged: dict[int, TargetRow] = {}
        self._judged_on: date | None = None

    @classmethod
    def open(
        cls, path: Path | str | None, *, read_only: bool = False, who: str | None = None,
        wal: bool = True,
    ) -> TrackerService:
        """Open (creating when writable) the database at ``path``; None means in memory."""
        db = open_database(path, read_only=read_only, wal=wal)
        return cls(db, path=Path(path) if path else None, read_only=read_only, who=who)

    def close(self) -> None:
        """Close the connection; the service is unusable afterwards."""
        self.repo.close()

    # -- change notification ------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes)`` after every change; returns a function to unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)

    def poll_outside_changes(self) -> bool:
        """Notify subscribers if another connection committed since we last looked.

        PRAGMA data_version moves only for other connections' commits, so our own edits
        never echo back as outside changes.
        """
        version = self.repo.data_version()
        if version == self._seen_version:
            return False
        self._seen_version = version
        self._notify(Changes(everything=True))
        return True

    # -- edits --------------------------------------------------------------------------

    def execute(self, command: Command, source: str | None = None) -> Command:
        """Apply ``command`` in one transaction and return its inverse.

        ``source`` is written on the audit rows (typed in, undo, the imported file's name).
        Raises ValidationError, ConflictError, NotFoundError or ReadOnlyError and then
        changes nothing.
        """
        if self.read_only:
            raise ReadOnlyError(text("数据库以只读方式打开，不能修改。",
                                     "The database is open read-only; it cannot be changed."))
        if self.awaiting_check:
            raise ReadOnlyError(text("正在检查数据库文件是否完好，请稍后再修改。",
                                     "The database file is still being checked; please try "
                                     "your change again in a moment."))
        with self.repo.transaction():
            inverse, changes = command.apply(self.repo, source or text("手工录入", "typed in"))
        self._seen_version = self.repo.data_version()
        self._notify(changes)
        return inverse

    # -- questions ----------------------------------------------------------------------

    def today(self) -> date:
        """The reference date for status (today, unless a test or the CLI says otherwise)."""
        return self._today()

    def rows(self, on: date | None = None) -> list[TargetRow]:
        """Every target with its latest figure and progress, from one SQL pass.

        The rows of the last call are kept: the repository hands back the very same Target
        and Measurement objects for rows whose versions and time stamps have not moved (read
        in the same pass, so a change from any process shows), and their progress is kept
        too while the reference date is the same. 10,000 targets then take a key read, not
        10,000 objects built and judged afresh.
        """
        on = on or self.today()
        judged = self._judged if self._judged_on == on else {}
        rows: dict[int, TargetRow] = {}
        # The values made here hold no reference cycles, yet making 40,000 of them would run
        # the cycle collector over every object in the process (Qt's and pyqtgraph's too) some
        # hundred times: a third of a first call's time in the window. Afterwards they live
        # as long as the table shows them: the first young collection would walk all 60,000
        # of them (15 ms, a sixth of a first call at 10,000 targets), see gc_pause.
        with gc_paused():
            for target, latest in self.repo.latest_rows(self._latest):
                target_id: int = target.id  # type: ignore[assignment]
                row = judged.get(target_id)
                if row is None or row.target is not target or row.progress.latest is not latest:
                    row = _target_row(target, evaluate(target, latest, on))
                rows[target_id] = row
        self._judged = rows
        self._judged_on = on
        return list(rows.values())

    def row(self, target_id: int, on: date | None = None) -> TargetRow:
        """One target's row, as rows() would give it."""
        target = self.repo.target(target_id)
        latest = self.repo.latest_measurement(target_id)
        return TargetRow(target, evaluate(target, latest, on or self.today()))

    def targets(self) -> list[Target]:
        """Every target, by category."""
        return self.repo.targets()

    def target(self, target_id: int) -> Target:
        """The target with this id, or NotFoundError."""
        return self.repo.target(target_id)

    def find_target(self, name_or_id: str) -> Target:
        """The target a user named, by exact name or by number; NotFoundError otherwise."""
        target = self.repo.target_by_name(name_or_id)
        if target is None and name_or_id.strip().isdigit():
            try:
                target = self.repo.target(int(name_or_id))
            except NotFoundError:
                target = None
        if target is None:
            raise NotFoundError(text(f"找不到指标“{name_or_id}”。",
                                     f"No target named “{name_or_id}”."))
        return target

    def measurements(self, target_id: int) -> list[Measurement]:
        """A target's figures, oldest first."""
        return self.repo.measurements(target_id)

    def figure_series(self, target_id: int) -> FigureSeries:
        """A target's figures by column, oldest first, for a chart (see FigureSeries)."""
        return self.repo.figure_series(target_id)

    def measurement_dates(self, ids: Sequence[int]) -> dict[int, str]:
        """The as-of date (ISO) of each of these figures that still exists."""
        return self.repo.measurement_dates(ids)

    def newest_measurements(self, target_id: int, limit: int,
                            older_than: date | None = None) -> list[Measurement]:
        """Up to ``limit`` of a target's figures, newest first (older than ``older_than``)."""
        return self.repo.newest_measurements(target_id, limit, older_than)

    def measurements_since(self, target_id: int, since: date,
                           limit: int = -1) -> list[Measurement]:
        """A target's figures as of ``since`` or later, newest first (``limit`` at most)."""
        return self.repo.measurements_since(target_id, since, limit)

    def audit(self, target_id: int, limit: int = -1,
              before_id: int | None = None) -> list[AuditEntry]:
        """A target's audit trail, newest first (``limit`` lines older than ``before_id``)."""
        return self.repo.audit_for_target(target_id, limit, before_id)

    def audit_page(self, target_id: int, limit: int) -> tuple[int, list[AuditEntry]]:
        """How many lines a target's audit trail has, and its newest ``limit``, as of one
        moment (older lines: ``audit(target_id, limit, before_id)``)."""
        return self.repo.audit_page(target_id, limit)

    def change_mark(self) -> int:
        """A number that grows with every change to the data, from any process."""
        return self.repo.change_mark()

    def schema_version(self) -> str:
        """The newest migration applied to the file."""
        return schema_version(self.db)

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks; [] when all is well."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        if problems == ["ok"]:
            problems = []
        for table, rowid, parent, _ in self.db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(text(f"{table} 第 {rowid} 行引用了不存在的 {parent}",
                                 f"{table} row {rowid} refers to a missing {parent}"))
        return problems


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
