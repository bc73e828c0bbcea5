"""`tracker export` and `tracker import`: files for and from Excel, WPS and the bureaus.

Registered by tracker.cli (``register(group)``). Progress goes to stderr as a bar (shown on a
terminal only); the outcome and every problem go to stdout. Bad input, a file with errors
(unless --skip-bad-rows) or a refused write exit with code 2 and change nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from tracker.cli_common import Context, db_option, fail, parse_date, target_filters, user_errors
from tracker.domain import field_label
from tracker.gc_pause import gc_paused
from tracker.io.csv_writer import WriteCancelled, WriteError
from tracker.io.encoding import EncodingError
from tracker.io.exporter import (
    export_audit,
    export_format,
    export_measurements,
    export_targets,
    filter_rows,
)
from tracker.io.importer import (
    KINDS,
    ImportOptions,
    ImportPlan,
    MappingError,
    parse_map_option,
    plan_import,
    read_file,
    suggest_mapping,
)
from tracker.io.numbers import format_plain
from tracker.io.table_reader import TableError
from tracker.messages import text

EXPORTS = {"targets": export_targets, "measurements": export_measurements,
           "audit": export_audit}
FILE_ERRORS = (WriteError, EncodingError, TableError, MappingError, OSError)


def register(cli: click.Group) -> None:
    """Add the export and import commands to the `tracker` group."""
    cli.add_command(export)
    cli.add_command(import_)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], bool]]:
    """A progress(done, total) callback drawing a bar on stderr (on a terminal only)."""
    bar = None
    shown = sys.stderr.isatty()

    def update(done: int, total: int) -> bool:
        nonlocal bar
        if not shown:
            return True
        if bar is None:
            bar = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)
        return True

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@click.command()
@click.argument("what", type=click.Choice(sorted(EXPORTS)))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (.csv or .xlsx).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]),
              help="File format (default: from the file name's suffix, else CSV).")
@target_filters
@db_option
@click.pass_obj
@user_errors
def export(obj: Context, what: str, out: Path, fmt: str | None, category: str | None,
           department: str | None, status: str | None, on: str | None,
           db_override: Path | None) -> None:
    """Write targets, figures or the audit trail as CSV (Excel/WPS-ready) or XLSX.

    WHAT is targets (with percent complete, expected pace and status), measurements
    (every figure) or audit (every change). The filters pick targets as the window does.
    """
    service = obj.open(db_override, read_only=True)
    try:
        rows = None
        if category is not None or department is not None or status is not None \
                or (on and what == "targets"):
            rows = filter_rows(service.rows(parse_date(on) if on else None),
                               category, department, status)
        with progress_bar(text("导出", "Exporting")) as progress:
            written = EXPORTS[what](service, out, rows, export_format(out, fmt), progress)
    except WriteCancelled:
        fail(text("导出已取消。", "Export cancelled."))
    except FILE_ERRORS as exc:
        fail(str(exc))
    finally:
        service.close()
    noun = {"targets": ("个指标", " targets"), "measurements": ("条数据", " figures"),
            "audit": ("条修改记录", " audit lines")}[what]
    click.echo(text(f"已导出{written:,}{noun[0]}到 {out}",
                    f"Exported {written:,}{noun[1]} to {out}"))


@click.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--map", "map_", default="",
              help="Columns to fields, e.g. 指标=name,目标值=target,截至=as_of,数值=value "
                   "(other columns are recognised by name).")
@click.option("--kind", type=click.Choice(KINDS), default="auto", show_default=True,
              help="Rows are figures (measurements) or targets; auto decides from the columns.")
@click.option("--encoding", help="Read the CSV in this encoding (utf-8, gbk, gb18030) "
                                 "instead of detecting it.")
@click.option("--year", type=int, help="New targets without dates run through this year.")
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
@click.option("--skip-bad-rows", is_flag=True,
              help="Import the rows without problems even if others have some.")
@db_option
@click.pass_obj
@user_errors
def import_(obj: Context, file: Path, map_: str, kind: str, encoding: str | None,
            year: int | None, dry_run: bool, skip_bad_rows: bool,
            db_override: Path | None) -> None:
    """Import targets or figures from a CSV or XLSX file, all or nothing.

    Every problem is listed with its row, column, value and reason. If any row has an
    error nothing is imported (exit code 2), unless --skip-bad-rows is given. Figures
    already in the database are left as they are; different ones are changed (and
    audited), so importing the same file twice changes nothing.
    """
    # The collector stays paused from reading the file to writing it, and resumes once
    # the file's cells and the plan are freed: each step's own pause would otherwise end
    # with a walk over the millions of them still held (0.2 s for a million figures).
    with gc_paused():
        _import_file(obj, file, map_, kind, encoding, year, dry_run, skip_bad_rows,
                     db_override)


def _import_file(obj: Context, file: Path, map_: str, kind: str, encoding: str | None,
                 year: int | None, dry_run: bool, skip_bad_rows: bool,
                 db_override: Path | None) -> None:
    try:
        table = read_file(file, encoding)
    except FILE_ERRORS as exc:
        fail(text(f"无法读取 {file.name}：{exc}", f"Cannot read {file.name}: {exc}"))
    _say_format(table.encoding, table.line_ending, encoding)
    # An import may create the database; a dry run only reads one that exists.
    service = obj.open(db_override, read_only=dry_run or None, must_exist=dry_run)
    try:
        mapping = suggest_mapping(table.headers)
        mapping.update(parse_map_option(map_, table.headers))
        with progress_bar(text("检查", "Checking")) as progress:
            plan = plan_import(service, table, mapping, ImportOptions(kind, year),
                               file_name=file.name, progress=progress)
        del table
        _say_plan(plan)
        if not plan.can_import(skip_bad_rows):
            fail(text(f"文件中有{len(plan.errors)}个问题，未导入任何数据"
                      "（改正后重试，或加 --skip-bad-rows 只导入无误的行）。",
                      f"The file has {len(plan.errors)} problems; nothing was imported "
                      "(fix them and retry, or add --skip-bad-rows to import the good rows)."))
        if dry_run:
            click.echo(text("试运行：未写入任何数据。", "Dry run: nothing was written."))
            return
        if not plan.has_work():
            click.echo(text("没有需要导入的新内容。", "Nothing new to import."))
            return
        with progress_bar(text("写入", "Writing")) as progress:
            service.execute(plan.command(lambda done, total: progress(done, total) and None))
        click.echo(text(f"已导入 {file.name}。", f"Imported {file.name}."))
    except MappingError as exc:
        fail(str(exc))
    finally:
        service.close()


def _say_format(encoding: str, line_ending: str, forced: str | None) -> None:
    if encoding == "XLSX":
        click.echo(text("格式：XLSX 工作簿（第一个工作表）", "Format: XLSX workbook (first sheet)"))
        return
    how = text("按指定", "as given") if forced else text("自动检测", "detected")
    click.echo(text(f"编码：{encoding}（{how}）", f"Encoding: {encoding} ({how})"))
    click.echo(text(f"换行符：{line_ending}", f"Line endings: {line_ending}"))


def _say_plan(plan: ImportPlan) -> None:
    ignored = text("（忽略）", "(ignored)")
    columns = text("，", ", ").join(f"{h} → {field_label(f) if f else ignored}"
                                    for h, f in plan.mapping.items())
    click.echo(text(f"列：{columns}", f"Columns: {columns}"))
    kind = text("指标", "targets") if plan.kind == "targets" else text("数据", "figures")
    click.echo(text(f"按{kind}导入：{plan.summary()}", f"Importing {kind}: {plan.summary()}"))
    for change in plan.changed:
        what = "、".join(f"{field_label(f)} {plan_value(change.before[f])} → "
                        f"{plan_value(v)}" for f, v in change.changes.items())
        on = f" {change.as_of}" if change.as_of else ""
        click.echo(text(f"  修改 第{change.row}行 {change.target_name}{on}：{what}",
                        f"  change row {change.row} {change.target_name}{on}: {what}"))
    for p in plan.problems:
        label = text("问题", "problem") if p.blocking else text("提示", "note")
        column = p.column or text("整行", "whole row")
        click.echo(text(f"  {label} 第{p.row}行 [{column}] “{p.value}”：{p.reason}",
                        f"  {label} row {p.row} [{column}] {p.value!r}: {p.reason}"))


def plan_value(value: object) -> str:
    """A changed value as shown in the list of changes."""
    if isinstance(value, float):
        return format_plain(value)
    return str(getattr(value, "value", value))
