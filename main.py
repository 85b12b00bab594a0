"""Starts SEND Self-Assessment: `python main.py [FILE.sendassess]`."""

import sys

from selfassess.gui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
