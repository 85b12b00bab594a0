"""Entry script of the bundled console command: the same as `python -m selfassess`."""

import sys

from selfassess.cli import main

sys.exit(main())
