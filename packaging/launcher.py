"""Entry script of the frozen program: the same as ``python -m pushgui``."""

import sys

from pushgui.cli import main

if __name__ == "__main__":
    sys.exit(main())
