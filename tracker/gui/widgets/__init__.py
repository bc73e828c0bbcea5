"""Reusable widgets: the filter bar, message bars, editors and panels."""
