"""Every edit as a small value that applies itself and returns its inverse.

``command.apply(repo, source)`` makes the change through the repository (inside the service's
transaction) and returns ``(inverse, changes)``: the command that undoes it and what it touched.
Undo is then just applying the inverse, so undo, redo and the audit trail need no special
cases (the idea of Orange3's paint-data ``transform``). Deleting returns a Restore command that
puts back the very rows, ids included, so a redo after an undo addresses the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from tracker.domain import ConflictError, Measurement, NotFoundError, Target, field_label
from tracker.messages import text
from tracker.storage import Repository

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a command touched, for the views to refresh.

    ``target_ids`` are the targets whose row (or whose measurements) changed; ``structure``
    says targets were added or removed; ``everything`` says reload all (an outside change).
    """

    target_ids: frozenset[int] = frozenset()
    structure: bool = False
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.target_ids | other.target_ids,
            self.structure or other.structure,
            self.everything or other.everything,
        )


class Command(Protocol):
    """An edit: applies itself and returns its inverse and what it touched."""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]: ...

    def describe(self) -> str: ...


def _existing(read: Callable[[int], T], row_id: int) -> T:
    """The row to be edited; a row deleted meanwhile is a conflict, like a changed one."""
    try:
        return read(row_id)
    except NotFoundError:
        raise ConflictError(text("这一行已被其他窗口或程序删除。",
                                 "This row was deleted in another window or program."),
                            None) from None


@dataclass(frozen=True)
class CreateTarget:
    """Add a new target."""

    target: Target

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        new = repo.insert_target(self.target.validated(), source)
        assert new.id is not None
        return DeleteTarget(new.id, new.version, new.name), Changes(frozenset({new.id}), True)

    def describe(self) -> str:
        return text(f"新建指标“{self.target.name}”", f"Create target “{self.target.name}”")


@dataclass(frozen=True)
class UpdateTarget:
    """Change some fields of a target that is still at ``expected_version``."""

    target_id: int
    changes: Mapping[str, object]
    expected_version: int
    name: str = ""
    #: Set by inverses: the version the row had, so an undone row is exactly as it was and
    #: older undo entries (which expect that version) still apply.
    set_version: int | None = None

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        current = _existing(repo.target, self.target_id)
        valid = replace(current, **self.changes).validated()  # type: ignore[arg-type]
        # Write the validated values (names trimmed), as CreateTarget does.
        changes = {f: getattr(valid, f) for f in self.changes}
        old, new = repo.update_target(self.target_id, changes, self.expected_version, source,
                                      self.set_version)
        undo = {f: getattr(old, f) for f in self.changes}
        inverse = UpdateTarget(self.target_id, undo, new.version, new.name, old.version)
        return inverse, Changes(frozenset({self.target_id}))

    def describe(self) -> str:
        fields = "、".join(field_label(f) for f in self.changes)
        return text(f"修改“{self.name}”的{fields}", f"Edit {fields} of “{self.name}”")


@dataclass(frozen=True)
class DeleteTarget:
    """Delete a target and its measurements."""

    target_id: int
    expected_version: int
    name: str = ""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        old, measurements = repo.delete_target(self.target_id, self.expected_version, source)
        return (RestoreTarget(old, tuple(measurements)),
                Changes(frozenset({self.target_id}), True))

    def describe(self) -> str:
        return text(f"删除指标“{self.name}”", f"Delete target “{self.name}”")


@dataclass(frozen=True)
class RestoreTarget:
    """Put back a deleted target with its measurements, ids and versions as they were."""

    target: Target
    measurements: tuple[Measurement, ...] = ()

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        new = repo.insert_target(self.target, source, restore=True)
        for m in self.measurements:
            repo.insert_measurement(m, source, restore=True)
        assert new.id is not None
        return (DeleteTarget(new.id, new.version, new.name),
                Changes(frozenset({new.id}), True))

    def describe(self) -> str:
        return text(f"恢复指标“{self.target.name}”", f"Restore target “{self.target.name}”")


@dataclass(frozen=True)
class AddMeasurement:
    """Record a new figure for a target."""

    measurement: Measurement
    name: str = ""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        target = repo.target(self.measurement.target_id)
        new = repo.insert_measurement(self.measurement.validated(target), source)
        assert new.id is not None
        inverse = DeleteMeasurement(new.id, new.version, target.name)
        return inverse, Changes(frozenset({target.id or 0}))

    def describe(self) -> str:
        return text(f"为“{self.name}”添加数据", f"Add a figure to “{self.name}”")


@dataclass(frozen=True)
class UpdateMeasurement:
    """Change some fields of a measurement that is still at ``expected_version``."""

    measurement_id: int
    changes: Mapping[str, object]
    expected_version: int
    name: str = ""
    #: As in UpdateTarget: the version an undo puts back.
    set_version: int | None = None

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        current = _existing(repo.measurement, self.measurement_id)
        target = repo.target(current.target_id)
        replace(current, **self.changes).validated(target)  # type: ignore[arg-type]
        old, new = repo.update_measurement(
            self.measurement_id, self.changes, self.expected_version, source, self.set_version
        )
        undo = {f: getattr(old, f) for f in self.changes}
        inverse = UpdateMeasurement(self.measurement_id, undo, new.version, target.name,
                                    old.version)
        return inverse, Changes(frozenset({current.target_id}))

    def describe(self) -> str:
        fields = "、".join(field_label(f) for f in self.changes)
        return text(f"修改“{self.name}”数据的{fields}", f"Edit {fields} of a “{self.name}” figure")


@dataclass(frozen=True)
class DeleteMeasurement:
    """Delete one figure."""

    measurement_id: int
    expected_version: int
    name: str = ""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        old = repo.delete_measurement(self.measurement_id, self.expected_version, source)
        return RestoreMeasurement(old, self.name), Changes(frozenset({old.target_id}))

    def describe(self) -> str:
        return text(f"删除“{self.name}”的一条数据", f"Delete a figure of “{self.name}”")


@dataclass(frozen=True)
class RestoreMeasurement:
    """Put back a deleted figure with its id and version."""

    measurement: Measurement
    name: str = ""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        new = repo.insert_measurement(self.measurement, source, restore=True)
        assert new.id is not None
        return (DeleteMeasurement(new.id, new.version, self.name),
                Changes(frozenset({new.target_id})))

    def describe(self) -> str:
        return text(f"恢复“{self.name}”的一条数据", f"Restore a figure of “{self.name}”")


@dataclass(frozen=True)
class Batch:
    """Several commands as one edit (an import, a paste): all apply or none do."""

    commands: tuple[Command, ...]
    label: str = ""
    inverse_label: str = field(default="", compare=False)

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        inverses: list[Command] = []
        changes = Changes()
        for command in self.commands:
            inverse, touched = command.apply(repo, source)
            inverses.append(inverse)
            changes = changes | touched
        label = self.inverse_label or text(f"撤销：{self.label}", f"Undo: {self.label}")
        return Batch(tuple(reversed(inverses)), label, self.label), changes

    def describe(self) -> str:
        return self.label or text(f"{len(self.commands)}项修改", f"{len(self.commands)} edits")


@dataclass(frozen=True)
class ImportRecords:
    """Add new targets and new figures in one edit (an import or the demo).

    Figures name their target, so a file can bring a target and its figures together. The
    inverse deletes exactly what was added; undoing an import is one step.
    """

    targets: tuple[Target, ...] = ()
    measurements: tuple[tuple[str, Measurement], ...] = ()
    label: str = ""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        inverses: list[Command] = []
        touched: set[int] = set()
        for target in self.targets:
            new = repo.insert_target(target.validated(), source)
            assert new.id is not None
            inverses.append(DeleteTarget(new.id, new.version, new.name))
            touched.add(new.id)
        by_name: dict[str, Target] = {}
        for name, m in self.measurements:
            target = by_name.get(name) or repo.target_by_name(name)
            if target is None or target.id is None:
                raise NotFoundError(text(f"找不到指标“{name}”。", f"No target named “{name}”."))
            by_name[name] = target
            new_m = repo.insert_measurement(
                replace(m, target_id=target.id).validated(target), source
            )
            assert new_m.id is not None
            if target.id not in touched:
                inverses.append(DeleteMeasurement(new_m.id, new_m.version, name))
            touched.add(target.id)
        label = text(f"撤销：{self.describe()}", f"Undo: {self.describe()}")
        return (Batch(tuple(reversed(inverses)), label, self.describe()),
                Changes(frozenset(touched), bool(self.targets)))

    def describe(self) -> str:
        return self.label or text(
            f"导入{len(self.targets)}个指标、{len(self.measurements)}条数据",
            f"Import {len(self.targets)} targets and {len(self.measurements)} figures",
        )
