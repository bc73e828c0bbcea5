"""Pausing Python's cyclic garbage collector while millions of rows are made.

Reading, planning or writing a million figures creates millions of small lists and tuples;
each few hundred thousand new objects make the collector rescan the whole growing heap, which
costs a third of the time. None of those objects form reference cycles (they are freed by
reference counting alone), so pausing the collector for the duration is safe.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block (re-entrant: restores what it found)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
