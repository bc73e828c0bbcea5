"""Tracker (目标进度跟踪): targets and their progress for municipal planning offices."""

__version__ = "0.1.0"
