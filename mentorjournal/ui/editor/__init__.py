"""Markdown editing: the plain-text editor with its safe preview, autosave and field history."""
