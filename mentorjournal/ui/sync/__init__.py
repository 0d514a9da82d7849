"""Sync in the window: the panel of a relationship's space, joining, and the folder watcher."""
