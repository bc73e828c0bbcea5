"""Importing the spreadsheets bureaus send back: read → map → validate → plan → command.

``read_file`` decodes the file (the encoding and line ending are reported, never guessed
silently), ``suggest_mapping`` names the field of each header, and ``plan_import`` checks
every row without writing anything: it returns an ImportPlan listing the new targets, the
new figures, the changes, the rows unchanged and every problem as (row, column, value,
reason). ``ImportPlan.command()`` is one command that applies it all in one transaction, and
whose inverse undoes it all in one step.

Rules: a blank figure is missing (the row is skipped and said so), never 0; a row with any
error is never imported; the same target and date twice in the file is an error; a figure
equal to the one in the database is unchanged (so importing a file twice changes nothing);
a different one is a change, applied as UpdateMeasurement. With ``skip_bad_rows`` the good
rows are imported and the bad ones listed; without it, one bad row stops the whole import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tracker.domain import Target
from tracker.gc_pause import gc_paused
from tracker.io.import_cells import (
    ALL_FIELDS,
    FIGURE_FIELDS,
    IGNORE,
    TARGET_ONLY,
    CellError,
    field_word,
    match_header,
)
from tracker.io.import_command import FigureRow, ImportFile, NewFigures, PlannedChange
from tracker.io.table_reader import RawTable, read_table
from tracker.messages import text
from tracker.service import TrackerService

KINDS = ("auto", "targets", "measurements")
PREVIEW_ROWS = 200
Progress = Callable[[int, int], bool]


class MappingError(ValueError):
    """The columns cannot be imported as mapped (a field twice, a needed field missing)."""


class ImportCancelled(Exception):
    """The user stopped the import; nothing was written."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a row: where, what, and why. ``blocking`` False is a notice
    (a row skipped because its figure is blank) that does not stop the import."""

    row: int
    column: str
    value: str
    reason: str
    blocking: bool = True


@dataclass(frozen=True)
class ImportOptions:
    """How to read the rows: as targets, figures or whichever the columns say (``auto``);
    ``year`` gives new targets without dates the period 1 January to 31 December."""

    kind: str = "auto"
    year: int | None = None


@dataclass
class ImportPlan:
    """Everything an import would do, worked out without writing anything."""

    file_name: str
    kind: str
    encoding: str
    line_ending: str
    mapping: dict[str, str]
    new_targets: list[tuple[int, Target]] = field(default_factory=list)
    figures: NewFigures = field(default_factory=NewFigures)
    changed: list[PlannedChange] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: What happened to each of the first rows ("new", "changed", "unchanged", "error",
    #: "skipped"), for the preview.
    outcomes: dict[int, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop an import unless bad rows are skipped."""
        return [p for p in self.problems if p.blocking]

    @property
    def new_figures(self) -> list[FigureRow]:
        """(target id, or the name of a new target; as_of; value; note; source) per new
        figure (built on each call: prefer ``figures`` for a big file)."""
        return self.figures.tuples()

    @property
    def new_figure_rows(self) -> list[int]:
        """The file row of each new figure."""
        return self.figures.rows

    @property
    def new_count(self) -> int:
        """New targets plus new figures."""
        return len(self.new_targets) + len(self.figures)

    def can_import(self, skip_bad_rows: bool = False) -> bool:
        """Whether the import may run: no errors, or bad rows are to be skipped."""
        return skip_bad_rows or not self.errors

    def has_work(self) -> bool:
        """Whether importing would change anything at all."""
        return bool(self.new_targets or self.figures or self.changed)

    def summary(self) -> str:
        """One line: new, changed, unchanged and problems, in the user's language."""
        t, f = len(self.new_targets), len(self.figures)
        c, u, p = len(self.changed), self.unchanged, len(self.errors)
        return text(f"新增{t + f}条（指标{t}个、数据{f}条），修改{c}条，未变{u}条，问题{p}个",
                    f"{t + f} new ({t} targets, {f} figures), {c} changed, {u} unchanged, "
                    f"{p} problems")

    def command(self, progress: Callable[[int, int], None] | None = None) -> ImportFile:
        """The command that applies this plan (the good rows only) in one transaction."""
        return ImportFile(
            self.file_name, tuple(self.new_targets),
            tuple(c for c in self.changed if c.record == "target"), self.figures,
            tuple(c for c in self.changed if c.record == "measurement"),
            progress=progress)


def read_file(path: Path, encoding: str | None = None) -> RawTable:
    """The table in a CSV or XLSX file (see table_reader.read_table for the rules).

    Raises TableError, EncodingError or OSError with a message for the user.
    """
    return read_table(Path(path), encoding)


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """Each header's field ("" to ignore it), from its name in Chinese or English."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        found, _ = match_header(header)
        if found and found in taken:
            found = IGNORE  # the first column of that name wins; the user can change it
        mapping[header] = found or IGNORE
        if found:
            taken.add(found)
    return mapping


def parse_map_option(option: str, headers: list[str]) -> dict[str, str]:
    """--map "指标=name,目标值=target": header -> field for the headers it names."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in option.replace("，", ",").split(","))):
        header, sep, word = part.rpartition("=")
        header = header.strip()
        if not sep or not header:
            raise MappingError(text(f"“{part}”应写成 列名=字段",
                                    f"{part!r} should be COLUMN=FIELD"))
        if header not in headers:
            raise MappingError(text(
                f"文件中没有“{header}”列（有：{'、'.join(headers)}）",
                f"the file has no column {header!r} (it has: {', '.join(headers)})"))
        try:
            mapping[header] = field_word(word)
        except CellError as exc:
            raise MappingError(str(exc)) from None
    return mapping


def resolve_kind(mapping: Mapping[str, str], kind: str = "auto") -> str:
    """"targets" or "measurements": as asked, or from the fields mapped when ``auto``."""
    if kind not in KINDS:
        raise MappingError(text(f"未知的导入类型“{kind}”", f"unknown kind {kind!r}"))
    if kind != "auto":
        return kind
    return "targets" if TARGET_ONLY & set(mapping.values()) else "measurements"


def check_mapping(mapping: Mapping[str, str], kind: str) -> None:
    """Raise MappingError unless the mapped fields can make targets or figures."""
    fields = [f for f in mapping.values() if f]
    unknown = set(fields) - set(ALL_FIELDS)
    if unknown:
        raise MappingError(f"unknown fields: {sorted(unknown)}")
    twice = sorted({f for f in fields if fields.count(f) > 1})
    if twice:
        headers = "、".join(h for h, f in mapping.items() if f in twice)
        raise MappingError(text(f"多个列对应同一字段：{headers}",
                                f"several columns are mapped to the same field: {headers}"))
    have = set(fields)
    if "name" not in have:
        raise MappingError(text("需要一个指标名称列（指标/名称/name）",
                                "a column with the target's name is needed (指标/名称/name)"))
    if kind == "measurements" and not set(FIGURE_FIELDS) <= have:
        raise MappingError(text("导入数据需要日期列（截至/日期/as_of）和数值列"
                                "（数值/完成值/value）",
                                "figures need a date column (截至/日期/as_of) and a value "
                                "column (数值/完成值/value)"))
    if kind == "targets" and bool(have & set(FIGURE_FIELDS)) != (set(FIGURE_FIELDS) <= have):
        raise MappingError(text("数值列和日期列需要同时提供", "a value column needs a date "
                                "column, and a date column a value column"))
    if kind == "measurements" and have & TARGET_ONLY:
        raise MappingError(text("导入数据时不能修改指标的目标值、类型或期间，请按指标导入",
                                "figures cannot change a target's value, kind or period; "
                                "import the file as targets"))


def plan_import(service: TrackerService, table: RawTable, mapping: Mapping[str, str],
                options: ImportOptions = ImportOptions(), *, file_name: str = "",
                progress: Progress | None = None) -> ImportPlan:
    """Check every row of ``table`` against the database and say what importing would do.

    Writes nothing. ``progress(done, total)`` is called every few thousand rows; returning
    False raises ImportCancelled. Raises MappingError for an unusable mapping.
    """
    from tracker.io.import_rows import RowPlanner  # the row rules, kept in their own module

    kind = resolve_kind(mapping, options.kind)
    check_mapping(mapping, kind)
    plan = ImportPlan(file_name, kind, table.encoding, table.line_ending, dict(mapping))
    for p in table.problems:
        plan.problems.append(Problem(p.row, p.column, p.value, p.reason))
        plan.outcomes[p.row] = "error"
    with gc_paused():
        RowPlanner(service, table, plan, options).run(progress)
    plan.problems.sort(key=lambda p: (p.row, table.headers.index(p.column)
                                      if p.column in table.headers else -1))
    return plan
