"""The only package that knows SQL: the connection, the migrations and the repository."""

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
