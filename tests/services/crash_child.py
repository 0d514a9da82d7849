"""A real process that runs one long operation on a journal, for tests that SIGKILL it.

Run as ``python -m tests.services.crash_child OPERATION JOURNAL LOCK_DIR ...`` with
``MENTORJOURNAL_TEST_STOP_AT`` naming the step where it stops itself to be killed. It uses
the cheap test Argon2id profile, so each run takes a fraction of a second.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings

CLOCK_START = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def main(argv: list[str]) -> int:
    operation, journal, lock_dir, *rest = argv
    settings = Settings(lock_dir=Path(lock_dir), kdf=crypto.TEST_PROFILE, clock=lambda: CLOCK_START)
    if operation == "restore":
        backup_file, passphrase = rest
        workspaces.restore(Path(backup_file), Path(journal), passphrase, settings).close()
        return 0
    passphrase, *more = rest
    with workspaces.unlock(Path(journal), passphrase, settings) as workspace:
        if operation == "rekey":
            print(workspace.rekey(more[0]))
        elif operation == "passwd":
            workspace.change_passphrase(more[0])
        elif operation == "daily-backup":
            workspace.after_changes()
        else:
            raise SystemExit(f"unknown operation {operation}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
