"""Screens: overview, walk, source reader, import, metadata and front matter, render, help,
start-up errors and the dialogs they raise."""
