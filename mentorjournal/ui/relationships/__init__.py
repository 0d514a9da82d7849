"""The list of relationships on the left of the main window, and the dialog that edits one."""
