"""The Qt window over the core library; the only package that imports PySide6."""

from desktop_app.gui.app import run_window

__all__ = ["run_window"]
