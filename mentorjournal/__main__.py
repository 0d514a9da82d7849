"""``python -m mentorjournal`` runs the command line."""

import sys

from mentorjournal.cli import main

if __name__ == "__main__":
    sys.exit(main())
