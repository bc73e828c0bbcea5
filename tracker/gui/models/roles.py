"""Custom item data roles shared by the models, the proxies and the charts."""

from PySide6.QtCore import Qt

# The raw value to sort by (numbers as numbers, missing values last).
SortRole = Qt.ItemDataRole.UserRole + 1
# The whole TargetRow of a targets-table row.
TargetRowRole = Qt.ItemDataRole.UserRole + 2
# The target id of a row.
TargetIdRole = Qt.ItemDataRole.UserRole + 3
# The whole Measurement of a measurements row.
MeasurementRole = Qt.ItemDataRole.UserRole + 4
