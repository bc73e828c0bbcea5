"""Copying the write-ahead log into the database file on a thread of its own, after big writes.

In WAL mode SQLite copies the log into the file (a checkpoint) at the end of the commit that
grows the log past 1,000 pages, on the committing thread. After an import of a million
figures the log holds some 40 MB, and that copy kept the user waiting another quarter of a
second. SQLite's documentation suggests checkpoints on a thread of their own for such
writes: a transaction that changed many rows therefore commits with the automatic
checkpoint off, and a thread with its own connection then runs a PASSIVE checkpoint, which
never blocks a reader or a writer (the log is already durable, the file consistent either
way). Small commits keep SQLite's automatic checkpoint; one that comes before the thread
has run does the copy itself, as before. Closing joins the thread, so the last connection
to close still folds the log into the file and removes it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

#: Rows changed by one transaction from which its log is copied in the background.
BIG_WRITE = 10_000
#: SQLite's default, restored after a big commit.
AUTOCHECKPOINT_PAGES = 1000


class BackgroundCheckpoints:
    """Runs a PASSIVE checkpoint of the file open on ``conn`` on a thread when asked.

    The thread lives only while there is a checkpoint to run, with a connection of its own
    made for each: between big writes no second handle stays open on the file (a service
    dropped without closing still lets go of it, and its last connection still folds the
    log in).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._path: str | None = None
        self._lock = threading.Lock()
        self._wanted = False
        self._closing = False
        self._thread: threading.Thread | None = None
        self.runs = 0  # checkpoints finished, for the tests

    @contextmanager
    def committing(self, changes_before: int) -> Iterator[None]:
        """Around a COMMIT: when the transaction changed ``BIG_WRITE`` rows or more (counted
        from ``changes_before``, the connection's total_changes at BEGIN) and the file is in
        WAL mode, the commit leaves the log to the thread, woken once it is through."""
        conn = self._conn
        if conn.total_changes - changes_before < BIG_WRITE or self._closing \
                or not self._wal_file():
            yield
            return
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
        self._wake()

    def close(self) -> None:
        """Finish the checkpoint under way, if any, and start no other (idempotent)."""
        with self._lock:
            self._closing = True
            thread = self._thread
        if thread is not None:
            thread.join()

    def _wal_file(self) -> bool:
        if self._path is None:
            mode = self._conn.execute("PRAGMA journal_mode").fetchone()[0]
            main = next((file for _, name, file in self._conn.execute("PRAGMA database_list")
                         if name == "main"), "")
            self._path = main if mode == "wal" and main else ""
        return bool(self._path)

    def _wake(self) -> None:
        with self._lock:
            if self._closing:
                return
            self._wanted = True
            if self._thread is not None:
                return  # the running thread takes this request before it ends
            thread = threading.Thread(target=self._run, args=(self._path or "",),
                                      name="tracker-checkpoint", daemon=True)
            try:
                thread.start()
            except RuntimeError:
                # No thread to be had: the commit stands, and the next commit's automatic
                # checkpoint or the close copies the log instead.
                self._wanted = False
                return
            self._thread = thread

    def _run(self, path: str) -> None:
        while True:
            with self._lock:
                if not self._wanted or self._closing:
                    self._thread = None
                    return
                self._wanted = False
            # An optimisation only: on an error SQLite's own checkpoints still come.
            with suppress(sqlite3.Error):
                conn = sqlite3.connect(path, timeout=0)
                try:
                    # Returns (busy, log pages, pages copied); "busy" only means a reader or
                    # another checkpoint held part of the log back: later ones copy it.
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                finally:
                    conn.close()
            self.runs += 1
