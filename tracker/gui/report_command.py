"""`tracker report --out report.pdf`: the managers' PDF from the command line.

A click command that needs Qt (QPdfWriter), so it lives in the GUI package and tracker.app
passes it to the command group through ``extra_commands``. Without a display it runs Qt's
offscreen platform; Qt is imported only when the command runs. Options and refusals are
the other commands' (tracker.cli_common): one line, exit code 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tracker.cli_common import Context, db_option, fail, target_filters, user_errors
from tracker.io.csv_writer import WriteError
from tracker.io.exporter import filter_rows
from tracker.io.import_cells import CellError, parse_date_cell
from tracker.messages import text

# Beyond the core's refusals, the report can fail to be written.
_REFUSALS = (WriteError, OSError, CellError)


def ensure_gui_application() -> object:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
                and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    return app


@click.command()
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF file to write.")
@click.option("--title", default="", help="Title on the first page.")
@target_filters
@db_option
@click.pass_obj
@user_errors
def report(obj: Context, out: Path, title: str, category: str | None, department: str | None,
           status: str | None, on: str | None, db_override: Path | None) -> None:
    """Write a printable PDF for managers: status counts, tables, charts and sentences."""
    try:
        pages, rows = _write(obj, out, title, category, department, status, on, db_override)
    except _REFUSALS as exc:
        fail(str(exc))
    click.echo(text(f"已生成报告 {out}（{pages}页，{rows}个指标）",
                    f"Wrote the report {out} ({pages} pages, {rows} targets)"))


def _write(obj: Context, out: Path, title: str, category: str | None, department: str | None,
           status: str | None, on: str | None, db_override: Path | None) -> tuple[int, int]:
    when = parse_date_cell(on) if on else None
    service = obj.open(db_override, read_only=True)
    try:
        day = when or service.today()
        rows = filter_rows(service.rows(day), category, department, status)
        name = service.path.name if service.path else ""
    finally:
        service.close()
    ensure_gui_application()
    from tracker.gui.report_pdf import write_report

    return write_report(out, rows, on=day, title=title, subtitle=name), len(rows)
