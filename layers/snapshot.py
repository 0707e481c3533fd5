"""``python -m layers.snapshot``: the snapshot command line, kept under its first name.

The exports live in the ``export`` package (``export.cli`` for this command, same flags).
"""
import sys

from export.cli import main

if __name__ == "__main__":
    sys.exit(main())
