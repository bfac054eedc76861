"""A forked worker's share of the log file: it writes to it, the importing process alone
rotates it."""

from __future__ import annotations

import logging
import logging.handlers


def follow_log_files() -> None:
    """In a worker forked from a process that logs to a rotating file: write to that file
    through a handler that follows it when the parent rotates it, instead of rotating too.

    Two processes rotating one file each rename it by their own count of its size: one
    renames the backup the other just made, and a backup is lost. A worker started afresh
    (spawned, or by the fork server) inherits no handlers, and this changes nothing there.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if not isinstance(handler, logging.handlers.BaseRotatingHandler):
            continue
        follower = logging.handlers.WatchedFileHandler(
            handler.baseFilename, encoding=handler.encoding, delay=True
        )
        follower.setLevel(handler.level)
        follower.setFormatter(handler.formatter)
        for log_filter in handler.filters:
            follower.addFilter(log_filter)
        # Not closed: the parent's stream, shared with this copy, is the parent's to close.
        root.removeHandler(handler)
        root.addHandler(follower)
