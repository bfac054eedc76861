"""Set the garbage collector up for extraction workers; importing this module does it.

The fork server imports it last, after the importer and its warm-up (see ``extraction``),
and every worker it forks inherits the set-up (see ``collector.set_up_worker_parent``).
"""

from __future__ import annotations

from desktop_app.core.collector import set_up_worker_parent

set_up_worker_parent()
