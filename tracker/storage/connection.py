"""Opening a Tracker database: connection settings, migrations and the newer-schema guard."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from tracker.messages import text
from tracker.storage.migrations import MIGRATION_SET, known_names, migrations
from tracker.storage.recovery import read_only_uri

BUSY_TIMEOUT_MS = 5000


class DatabaseError(Exception):
    """The file cannot be used as a Tracker database; the message says why, for the user."""


class SchemaTooNewError(DatabaseError):
    """The file was written by a newer Tracker; it may be read but never written."""


def open_database(
    path: Path | str | None,
    *,
    read_only: bool = False,
    wal: bool = True,
) -> Database:
    """Open (creating and migrating when writable) a Tracker database.

    ``path`` None or ":memory:" gives an in-memory database. ``read_only`` opens the file with
    SQLite's own read-only mode, so not even a migration can write. ``wal`` False keeps the
    rollback journal, for files on network shares where WAL's shared memory is unsafe.
    Raises DatabaseError (or SchemaTooNewError) with a message for the user.
    """
    memory = path is None or str(path) == ":memory:"
    if read_only and not memory:
        file = Path(path)  # type: ignore[arg-type]
        if not file.exists():
            raise DatabaseError(text(f"找不到数据库文件：{file}", f"No database file at {file}"))
        uri = f"file:{quote(str(file.resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    else:
        target = ":memory:" if memory else str(path)
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        db = Database(conn, execute_plugins=False)
        _configure(db, read_only=read_only, wal=wal and not memory)
        _check_schema(db, writable=not read_only)
        if not read_only:
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(
            text(f"无法打开数据库 {path}：{exc}", f"Cannot open the database {path}: {exc}")
        ) from exc
    except DatabaseError:
        conn.close()
        raise
    return db


def _configure(db: Database, *, read_only: bool, wal: bool) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    # Reading the header here turns "file is not a database" into an error at open time,
    # not at the first query.
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if read_only:
        return
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
    else:
        db.execute("PRAGMA journal_mode = DELETE")
    # NORMAL is durable in WAL mode across application crashes; only a power cut can lose
    # the last commits, never corrupt the file.
    db.execute("PRAGMA synchronous = NORMAL" if wal else "PRAGMA synchronous = FULL")


def applied_migrations(db: Database) -> list[str]:
    """Names of the migrations recorded in the file, in the order they were applied."""
    if not db["_sqlite_migrations"].exists():
        return []
    return [
        row[0]
        for row in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        ).fetchall()
    ]


def unknown_migrations(db: Database) -> list[str]:
    """Migrations in the file that this version of the app does not know (a newer app's)."""
    known = set(known_names())
    return [name for name in applied_migrations(db) if name not in known]


def _check_schema(db: Database, *, writable: bool) -> None:
    unknown = unknown_migrations(db)
    if unknown and writable:
        raise SchemaTooNewError(
            text(
                "这个数据库由更新版本的目标进度跟踪创建（结构 "
                f"{unknown[-1]}），为保护数据只能只读打开。请升级本程序。",
                f"This database was written by a newer version of Tracker (schema {unknown[-1]});"
                " to protect its data it can only be opened read-only. Please upgrade.",
            )
        )
    if not writable and not db["targets"].exists():
        raise DatabaseError(
            text("这不是目标进度跟踪的数据库（没有指标表）。",
                 "This is not a Tracker database (it has no targets table).")
        )


def schema_is_current(path: Path) -> bool:
    """Whether opening ``path`` for writing would apply no migration; read without writing.

    False for a file that needs a migration, comes from a newer Tracker, is not a Tracker
    database or cannot be read just now.
    """
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET])]
        # sqlite-utils rebuilds a migrations table without this primary key before it runs.
        key = conn.execute("SELECT pk FROM pragma_table_info('_sqlite_migrations') "
                           "WHERE name = 'id'").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return names == known_names() and key == (1,)


def schema_version(db: Database) -> str:
    """The newest migration applied to the file, or "" for an empty file."""
    names = applied_migrations(db)
    return names[-1] if names else ""


def schema_version_of(conn: sqlite3.Connection) -> str:
    """schema_version of the file open on ``conn``."""
    return schema_version(Database(conn))


@contextmanager
def one_snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Reads inside the block see one state of the file, even if another process commits
    between them (a read transaction, unless one is open already)."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        yield
    finally:
        if own:
            conn.execute("COMMIT")
