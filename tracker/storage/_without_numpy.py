"""sqlite-utils, loaded before the rest of storage, without numpy or pandas.

sqlite-utils imports numpy and pandas whenever they are installed, only to map their value
types to column types when it creates a table from Python values. Tracker creates its tables
with SQL and never hands it such values, yet numpy alone would add a tenth of a second to
every start, window and command line alike; the dashboard's charts import numpy themselves,
later, when they are first shown. Every import of sqlite-utils in Tracker comes through this
package, whose __init__ imports this module first.
"""

from __future__ import annotations

import sys

_SKIPPED = ("numpy", "pandas")

if "sqlite_utils" not in sys.modules and not any(m in sys.modules for m in _SKIPPED):
    # None in sys.modules makes `import numpy` raise ImportError, which sqlite-utils takes
    # as "not installed"; the entries are removed at once, so a later import finds numpy.
    for name in _SKIPPED:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in _SKIPPED:
            del sys.modules[name]
