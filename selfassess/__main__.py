"""`python -m selfassess`: the command line."""

import sys

from selfassess.cli import main

sys.exit(main())
