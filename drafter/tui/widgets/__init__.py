"""Widgets, one file each, grouped by the part of the walk screen they belong to."""
