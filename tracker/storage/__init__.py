"""The only package that knows SQL: the connection, the migrations and the repository."""

# First: it loads sqlite-utils without numpy (see there).
from tracker.storage import _without_numpy  # noqa: F401
from tracker.storage.audit import AuditEntry
from tracker.storage.connection import (
    DatabaseError,
    SchemaTooNewError,
    open_database,
)
from tracker.storage.repository import Repository

__all__ = [
    "AuditEntry",
    "DatabaseError",
    "Repository",
    "SchemaTooNewError",
    "open_database",
]
