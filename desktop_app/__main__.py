"""``python -m desktop_app`` is the ``archive-browser`` command."""

from desktop_app.cli import main

raise SystemExit(main())
