"""Pausing Python's cyclic garbage collector while many objects are made.

Reading, planning or writing a million figures creates millions of objects, and the rows
of 10,000 targets some 60,000; each few hundred objects made would run the collector over
every young object, and a young generation holding a column of a million cells is walked
cell by cell. None of these objects form reference cycles (reference counting alone frees
them), so the collector is paused while they are made.

Afterwards what the block made is moved into the oldest generation unexamined, as if it had
aged there: otherwise the next young collection walks all of it once (0.15 s for a file of
a million figures), and the one after again, one generation up. The oldest generation is
walked only by the rare full collection, as anything long-lived is. gc.freeze() moves every
tracked object aside and gc.unfreeze() puts them all back into the oldest generation. The
young objects of other code go with them: a garbage cycle among those waits for the next
full collection, which moving them does not bring nearer (it comes once enough objects have
aged the ordinary way), so it may be freed long after. Blocks are few (a rows() pass, an
import's read, plan and write), so little can wait. Tracker freezes nothing for good, so
unfreeze() lets nothing else loose.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; when it ends without an exception,
    move what it made into the oldest generation (see the module docstring).

    Re-entrant: an inner block leaves both to the outermost one, which restores what it
    found.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if enabled:
            gc.freeze()
            gc.unfreeze()
    finally:
        if enabled:
            gc.enable()
