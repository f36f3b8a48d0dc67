"""trafilatura, one call at a time in a process.

trafilatura parses with module-level lxml parsers, which are not thread-safe: calls from two
threads at once crash the process now and then (a segmentation fault; trafilatura issues #840
and #925). A fetch extracts pages in worker threads while the app may clean an HTML article
on its own threads, so every call goes through this lock. (Worker processes have their own.)
"""

from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()


def bare_extraction(html: str, **options: Any) -> Any:
    """`trafilatura.bare_extraction(html, **options)`, never two at once."""
    import trafilatura  # slow to import (about 0.3 s), so only when a page is extracted

    with _LOCK:
        return trafilatura.bare_extraction(html, **options)
