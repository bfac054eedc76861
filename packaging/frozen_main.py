"""The installed program's entry point: what PyInstaller freezes, the ``archive-browser`` command.

Double-clicked, it opens the window on the user's library; given a command, it runs it, as the
``archive-browser`` of a development install does.
"""

from __future__ import annotations

import sys

from desktop_app.cli import main

if __name__ == "__main__":
    # The guard matters: import workers start this program again, and must not open a window.
    sys.exit(main())
