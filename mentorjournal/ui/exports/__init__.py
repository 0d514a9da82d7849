"""The Journal menu's exports (JSON, Markdown, a calendar) and the JSON import."""
