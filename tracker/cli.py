"""The command line: the second client of TrackerService, beside the window.

Bad input (an unknown target, a value that is not a number, an impossible date) gets one line
in the user's language on stderr, exit code 2, and changes nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from tracker import cli_safety, cli_transfer, messages
from tracker.cli_common import Context, db_option, fail, parse_date, target_filters, user_errors
from tracker.commands import AddMeasurement
from tracker.domain import (
    Measurement,
    direction_label,
    kind_label,
    status_label,
)
from tracker.io.demo import demo_command
from tracker.io.numbers import parse_number
from tracker.messages import text
from tracker.service import TrackerService
from tracker.table_text import render_table, target_table
from tracker.units import format_percent, format_quantity

WindowLauncher = Callable[[Path | None, bool], int]


def build_cli(
    open_window: WindowLauncher | None = None, extra_commands: Sequence[click.Command] = ()
) -> click.Group:
    """The `tracker` command group; ``open_window`` runs the GUI when no command is given.

    Commands that need Qt (the PDF report) come in through ``extra_commands`` from
    tracker.app, so this module stays free of Qt.
    """

    @click.group(invoke_without_command=True,
                 context_settings={"help_option_names": ["-h", "--help"]})
    @click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
                  help="Database file (SQLite). Default: tracker.sqlite in the user data folder.")
    @click.option("--read-only", is_flag=True, help="Open the database read-only (for managers).")
    @click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of messages.")
    @click.version_option(package_name="tracker")
    @click.pass_context
    def cli(ctx: click.Context, db: Path | None, read_only: bool, lang: str | None) -> None:
        """Tracker (目标进度跟踪): targets and their progress.

        Without a command, opens the window.
        """
        if lang:
            messages.set_language(lang)
        ctx.obj = Context(db, read_only)
        if ctx.invoked_subcommand is None:
            if open_window is None:
                click.echo(ctx.get_help())
                return
            sys.exit(open_window(db, read_only))

    @cli.command()
    @click.argument("database", required=False, type=click.Path(dir_okay=False, path_type=Path))
    @db_option
    @click.pass_obj
    @user_errors
    def demo(obj: Context, database: Path | None, db_override: Path | None) -> None:
        """Load the Shuozhou 2022 demo into DATABASE (which must be new or empty)."""
        path = obj.path(database or db_override)
        path.parent.mkdir(parents=True, exist_ok=True)
        service = TrackerService.open(path)
        try:
            if service.targets():
                fail(text(f"{path} 中已有指标；演示数据只能载入新的或空的数据库。",
                          f"{path} already holds targets; the demo loads only into a new or "
                          "empty database."))
            command = demo_command()
            service.execute(command, source=text("演示数据", "demo data"))
            click.echo(text(f"已将 {len(command.targets)} 个演示指标载入 {path}",
                            f"Loaded {len(command.targets)} demo targets into {path}"))
        finally:
            service.close()

    @cli.command(name="list")
    @target_filters
    @db_option
    @click.pass_obj
    @user_errors
    def list_(obj: Context, category: str | None, department: str | None, status: str | None,
              on: str | None, db_override: Path | None) -> None:
        """Print targets with percent complete, expected pace and status."""
        service = obj.open(db_override, read_only=True)
        try:
            rows = service.rows(parse_date(on) if on else None)
        finally:
            service.close()
        rows = [
            r for r in rows
            if (category is None or r.target.category == category)
            and (department is None or r.target.department == department)
            and (status is None or r.progress.status == status)
        ]
        click.echo(render_table(*target_table(rows)))

    @cli.command()
    @click.argument("target")
    @click.option("--on", "on", help="Judge status on this date (default: today).")
    @db_option
    @click.pass_obj
    @user_errors
    def show(obj: Context, target: str, on: str | None, db_override: Path | None) -> None:
        """Show one target, its progress and every figure."""
        service = obj.open(db_override, read_only=True)
        try:
            t = service.find_target(target)
            assert t.id is not None
            row = service.row(t.id, parse_date(on) if on else None)
            figures = service.measurements(t.id)
        finally:
            service.close()
        p = row.progress
        lines = [
            (text("名称", "Name"), t.name),
            (text("领域", "Category"), t.category),
            (text("责任单位", "Department"), t.department),
            (text("类型", "Kind"), f"{kind_label(t.kind)}，{direction_label(t.direction)}"),
            (text("目标", "Target"), format_quantity(t.target_value, t.unit) or "—"),
            (text("基数", "Baseline"), format_quantity(t.baseline, t.unit) or "—"),
            (text("期间", "Period"), f"{t.period_start} — {t.period_end}"),
            (text("完成率", "Complete"), format_percent(p.percent)),
            (text("序时进度", "Expected pace"), format_percent(p.expected)),
            (text("状态", "Status"), status_label(p.status)),
            (text("每月还需", "Needed per month"),
             format_quantity(p.required_per_month and round(p.required_per_month, 2), t.unit)
             or "—"),
            (text("期末预计", "Forecast at end"),
             format_quantity(p.forecast and round(p.forecast, 2), t.unit) or "—"),
            (text("备注", "Note"), t.note),
            (text("来源", "Source"), t.source),
        ]
        width = max(len(k) for k, _ in lines)
        for key, value in lines:
            click.echo(f"{key:<{width}}  {value}")
        click.echo("")
        header = [text("截至", "As of"), text("数值", "Value"), text("备注", "Note"),
                  text("来源", "Source")]
        body = [[m.as_of.isoformat(), format_quantity(m.value, t.unit), m.note, m.source]
                for m in figures]
        click.echo(render_table(header, body, right_aligned={1}))

    # A negative figure ("-5") would otherwise be taken for an unknown option and get click's
    # usage text instead of the one-line reason the value is refused.
    @cli.command(name="add-measurement", context_settings={"ignore_unknown_options": True})
    @click.argument("target")
    @click.argument("value")
    @click.option("--as-of", "as_of", required=True, help="Date of the figure, e.g. 2022-11-30.")
    @click.option("--note", default="", help="A note kept with the figure.")
    @click.option("--source", default="", help="Where the figure comes from.")
    @db_option
    @click.pass_obj
    @user_errors
    def add_measurement(obj: Context, target: str, value: str, as_of: str, note: str,
                        source: str, db_override: Path | None) -> None:
        """Record a figure for TARGET as of a date."""
        when = parse_date(as_of)
        service = obj.open(db_override)
        try:
            t = service.find_target(target)
            number = parse_number(value, t.unit)
            if number is None:
                fail(text("数值不能为空。", "The value cannot be blank."))
            assert t.id is not None and number is not None
            m = Measurement(t.id, when, number, note, source)
            service.execute(AddMeasurement(m, t.name), source=source or None)
            row = service.row(t.id)
            click.echo(text(
                f"已记录：{t.name} {format_quantity(number, t.unit)}（截至{when}），"
                f"完成率 {format_percent(row.progress.percent)}",
                f"Recorded: {t.name} {format_quantity(number, t.unit)} as of {when}, "
                f"{format_percent(row.progress.percent)} complete",
            ))
        finally:
            service.close()

    @cli.command()
    @db_option
    @click.pass_obj
    @user_errors
    def check(obj: Context, db_override: Path | None) -> None:
        """Check the database's integrity and schema version."""
        service = obj.open(db_override, read_only=True)
        try:
            problems = service.check()
            version = service.schema_version()
            count = len(service.targets())
        finally:
            service.close()
        click.echo(text(f"结构版本：{version}", f"Schema version: {version}"))
        click.echo(text(f"指标数：{count}", f"Targets: {count}"))
        if problems:
            for problem in problems:
                click.echo(problem, err=True)
            fail(text("检查发现问题。", "The check found problems."))
        click.echo("ok")

    for module in (cli_transfer, cli_safety):
        module.register(cli)
    for command in extra_commands:
        cli.add_command(command)
    return cli


def main(
    open_window: WindowLauncher | None = None, extra_commands: Sequence[click.Command] = ()
) -> None:
    """Entry point used by tracker.app (which supplies the window and the report)."""
    build_cli(open_window, extra_commands)(prog_name="tracker")
