"""A process that syncs one journal (verbatim ledger), for the kill tests of sync writing.

Arguments: the journal folder and the lock folder. The step to stop at comes from the
environment (``mentorjournal.store.rekey.STOP_VARIABLE``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.services.workspace import Settings
from tests.conftest import TEST_NOW, MovableClock
from tests.services.sync_ledger import opened

# The partner reading these files runs on the tests' fixed time: a child on the real clock
# would look a day or more ahead of it once that day has passed.


def main() -> None:
    root, lock_dir = Path(sys.argv[1]), Path(sys.argv[2])
    with opened(
        root, Settings(lock_dir=lock_dir, kdf=crypto.TEST_PROFILE, clock=MovableClock(TEST_NOW))
    ) as journal:
        journal.workspace.sync.now()


if __name__ == "__main__":
    main()
