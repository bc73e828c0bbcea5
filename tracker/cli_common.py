"""What every `tracker` command shares: the database options and one way to refuse bad input.

Bad input gets one line in the user's language on stderr, exit code 2, and changes nothing.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from tracker.domain import ConflictError, NotFoundError, Status, ValidationError
from tracker.io.numbers import NumberFormatError
from tracker.messages import text
from tracker.paths import default_database
from tracker.safety import network_warning
from tracker.service import ReadOnlyError, TrackerService
from tracker.storage import DatabaseError

EXIT_BAD_INPUT = 2

USER_ERRORS = (ValidationError, NotFoundError, ConflictError, ReadOnlyError, DatabaseError,
               NumberFormatError)


def fail(message: str) -> None:
    """Print one line for the user and stop with exit code 2."""
    click.echo(message.splitlines()[0] if message else "error", err=True)
    sys.exit(EXIT_BAD_INPUT)


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the core's explained errors into one line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as exc:
            fail(str(exc))

    return wrapper


def parse_date(value: str) -> date:
    """An ISO date (2022-11-30, also 2022/11/30); a clear message for an impossible one."""
    cleaned = value.strip().replace("/", "-")
    try:
        parts = [int(p) for p in cleaned.split("-")]
        if len(parts) != 3:
            raise ValueError
        return date(*parts)
    except ValueError:
        raise ValidationError(
            text(f"“{value}”不是有效日期，请写成 2022-11-30 这样的格式。",
                 f"“{value}” is not a valid date; write it like 2022-11-30."),
            "as_of",
        ) from None


class Context:
    """What the group options chose: the database and how to open it."""

    def __init__(self, db: Path | None, read_only: bool) -> None:
        self.db = db
        self.read_only = read_only

    def path(self, override: Path | None = None) -> Path:
        return override or self.db or default_database()

    def open(self, override: Path | None = None, *, read_only: bool | None = None,
             must_exist: bool = True) -> TrackerService:
        path = self.path(override)
        if must_exist and not path.exists():
            raise DatabaseError(text(f"找不到数据库文件：{path}", f"No database file at {path}"))
        ro = self.read_only if read_only is None else read_only
        # SQLite's locking is unreliable on network shares: say so, and keep WAL off there.
        warning = network_warning(path)
        if warning:
            click.echo(warning, err=True)
        return TrackerService.open(path, read_only=ro, wal=warning is None)


db_option = click.option(
    "--db", "db_override", type=click.Path(dir_okay=False, path_type=Path),
    help="Database file (SQLite). Default: tracker.sqlite in the user data folder.",
)


def target_filters(func: Callable[..., Any]) -> Callable[..., Any]:
    """--category, --department, --status and --on: the filters of list, export and report."""
    options = [
        click.option("--category", help="Only targets of this category (领域)."),
        click.option("--department", help="Only targets of this department (责任单位)."),
        click.option("--status", type=click.Choice([s.value for s in Status]),
                     help="Only targets with this status."),
        click.option("--on", "on", help="Judge status on this date (default: today)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func
