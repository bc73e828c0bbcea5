"""The import as one command: applied in one transaction, undone in one step.

ImportFile follows tracker.commands' protocol (``apply(repo, source) -> (inverse, Changes)``
and ``describe()``). New figures go in with a few thousand multi-row INSERTs
(Repository.insert_measurements_bulk) and one audit line per target naming the file and its
rows ("导入 figures.csv 第2–101行"), so a million rows take seconds, not minutes. The inverse
deletes exactly the ids inserted, puts back changed values and removes the targets the
import created; redoing it reads the deleted figures back from the audit trail, so no
command on the undo stack holds a million figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from tracker.commands import Batch, Changes, Command, DeleteTarget, UpdateMeasurement, UpdateTarget
from tracker.domain import Target
from tracker.gc_pause import gc_paused
from tracker.messages import text
from tracker.storage import Repository

#: A figure to add: (target id, or a new target's name; as_of; value; note; source).
FigureRow = tuple[int | str, str, float, str, str]


@dataclass
class NewFigures:
    """The figures an import adds, by column, each with the file row it came from.

    Columns, not a tuple per figure: a million figures then cost five lists, which the
    planner fills a chunk at a time and the repository binds without building any tuple.
    ``targets`` holds a target's id, or the name of a target the same import creates.
    """

    targets: list[int | str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def append(self, target: int | str, as_of: str, value: float, note: str, source: str,
               row: int) -> None:
        """Add one figure."""
        for column, item in zip(self._columns(), (target, as_of, value, note, source, row),
                                strict=True):
            column.append(item)  # type: ignore[attr-defined]

    def extend(self, *columns: list) -> None:
        """Add many figures, given as six columns of equal length (as the fields)."""
        for mine, more in zip(self._columns(), columns, strict=True):
            mine.extend(more)  # type: ignore[attr-defined]

    def keep(self, indexes: list[int]) -> None:
        """Keep only the figures at ``indexes`` (in order)."""
        for mine in self._columns():
            mine[:] = [mine[i] for i in indexes]  # type: ignore[index]

    def tuples(self) -> list[FigureRow]:
        """Each figure as (target, as_of, value, note, source)."""
        return list(zip(self.targets, self.dates, self.values, self.notes, self.sources,
                        strict=True))

    def _columns(self) -> tuple[list, ...]:
        return (self.targets, self.dates, self.values, self.notes, self.sources, self.rows)


@dataclass(frozen=True)
class PlannedChange:
    """A target or figure in the file that differs from the database.

    ``record`` is "target" or "measurement"; ``changes`` the new values of the fields that
    differ and ``before`` their values now; ``as_of`` the figure's date (None for targets).
    """

    row: int
    record: str
    record_id: int
    expected_version: int
    target_name: str
    changes: Mapping[str, object]
    before: Mapping[str, object]
    as_of: str = ""


#: Touching more targets than this asks the views to reload once rather than row by row.
RELOAD_OVER = 50


def touched(target_ids: set[int] | frozenset[int], structure: bool = False) -> Changes:
    """Changes naming ``target_ids``; many of them means "reload everything"."""
    return Changes(frozenset(target_ids), structure, len(target_ids) > RELOAD_OVER)


def row_source(file_name: str, row: int) -> str:
    """The audit source of an imported row: "导入 figures.csv 第12行"."""
    prefix, suffix = _source_parts(file_name)
    return f"{prefix}{row}{suffix}"


def _source_parts(file_name: str) -> tuple[str, str]:
    return text(f"导入 {file_name} 第", f"import {file_name} row "), text("行", "")


def _range_source(file_name: str) -> tuple[str, str, str]:
    """How an audit line names the rows of a file: one row, or a range of them."""
    prefix, suffix = _source_parts(file_name)
    return prefix, text(f"导入 {file_name} 第", f"import {file_name} rows "), suffix


@dataclass(frozen=True)
class ImportFile:
    """Add the new targets and figures of a file and apply its changes, all or nothing."""

    file_name: str
    new_targets: tuple[tuple[int, Target], ...] = ()
    target_changes: tuple[PlannedChange, ...] = ()
    figures: NewFigures = field(default_factory=NewFigures)
    figure_changes: tuple[PlannedChange, ...] = ()
    #: progress(done, total) while figures are written; it may raise to cancel (the
    #: transaction then rolls back and nothing is written).
    progress: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        inverses: list[Command] = []
        targets: set[int] = set()
        ids: dict[str, int] = {}
        for row, target in self.new_targets:
            new = repo.insert_target(target.validated(), row_source(self.file_name, row))
            assert new.id is not None
            ids[new.name] = new.id
            inverses.append(DeleteTarget(new.id, new.version, new.name))
            targets.add(new.id)
        for change in self.target_changes:
            command = UpdateTarget(change.record_id, dict(change.changes),
                                   change.expected_version, change.target_name)
            inverse, changes = command.apply(repo, row_source(self.file_name, change.row))
            inverses.append(inverse)
            targets |= changes.target_ids
        if self.figures:
            figures = self.figures
            target_ids: list[int] = [ids.get(t, t) for t in figures.targets] if ids \
                else figures.targets  # type: ignore[assignment, misc]
            total = len(figures)
            report = None if self.progress is None else \
                (lambda done: self.progress(done, total))  # type: ignore[misc]
            with gc_paused():
                first, last = repo.insert_measurements_bulk(
                    (target_ids, figures.dates, figures.values, figures.notes,
                     figures.sources), figures.rows, _range_source(self.file_name), report)
            inverses.append(DeleteImportedFigures(first, last, total, total, self.describe()))
            targets |= set(target_ids)
        for change in self.figure_changes:
            command_m = UpdateMeasurement(change.record_id, dict(change.changes),
                                          change.expected_version, change.target_name)
            inverse, changes = command_m.apply(repo, row_source(self.file_name, change.row))
            inverses.append(inverse)
            targets |= changes.target_ids
        label = self.describe()
        undo = Batch(tuple(reversed(inverses)), text(f"撤销：{label}", f"Undo: {label}"), label)
        return undo, touched(targets, bool(self.new_targets))

    def describe(self) -> str:
        targets, figures = len(self.new_targets), len(self.figures)
        changes = len(self.target_changes) + len(self.figure_changes)
        return text(f"导入 {self.file_name}（新指标{targets}个、新数据{figures:,}条、"
                    f"修改{changes}处）",
                    f"Import {self.file_name} ({targets} new targets, {figures:,} new figures, "
                    f"{changes} changes)")


@dataclass(frozen=True)
class DeleteImportedFigures:
    """Undo the figures an import added: exactly the ids first..last, if unchanged since."""

    first_id: int
    last_id: int
    count: int
    versions: int
    label: str = ""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        with gc_paused():  # a million rows read back: see gc_pause
            first_line, last_line, targets = repo.delete_measurements_bulk(
                self.first_id, self.last_id, self.count, self.versions, source)
        return RestoreImportedFigures(first_line, last_line, self.count, self.label), \
            touched(targets)

    def describe(self) -> str:
        return text(f"撤销：{self.label}", f"Undo: {self.label}")


@dataclass(frozen=True)
class RestoreImportedFigures:
    """Redo an undone import's figures with their ids and versions as they were.

    The figures come back from the audit lines the undo wrote (first_line..last_line), which
    keep every one of them: the command holds no figure, however big the import.
    """

    first_line: int
    last_line: int
    count: int
    label: str = ""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        with gc_paused():
            first, last, versions, targets = repo.restore_measurements_bulk(
                self.first_line, self.last_line, self.count, source)
        return (DeleteImportedFigures(first, last, self.count, versions, self.label),
                touched(targets))

    def describe(self) -> str:
        return self.label
