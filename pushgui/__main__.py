"""``python -m pushgui``: the same as the ``pushgui`` command."""

import sys

from pushgui.cli import main

sys.exit(main())
