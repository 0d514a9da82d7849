"""``python -m mentorjournal`` runs the command line, or the app without a subcommand."""

import sys

from mentorjournal.launcher import main

if __name__ == "__main__":
    sys.exit(main())
