"""The headless command line, ``mentorjournal`` (DESIGN.md section 8).

Each command opens the journal, does one thing through the services, prints plain text or
JSON, and turns every failure into one line on standard error and an exit code.
"""

from mentorjournal.cli.app import main

__all__ = ["main"]
