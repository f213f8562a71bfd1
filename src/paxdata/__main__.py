"""``python -m paxdata``: the command line."""

import sys

from paxdata.cli import main

sys.exit(main())
