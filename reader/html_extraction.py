"""trafilatura, one call at a time in a process.

trafilatura parses with module-level lxml parsers, which are not thread-safe: calls from two
threads at once crash the process now and then (a segmentation fault; trafilatura issues #840
and #925). A fetch extracts pages in worker threads while the app may clean an HTML article
on its own threads, so every call goes through this lock. (Worker processes have their own.)
"""

from __future__ import annotations

import re
import threading
from typing import Any

_LOCK = threading.Lock()

MAX_TAG_ATTRIBUTES = 1_000
"""A tag with more attributes than this keeps only its name. lxml, jusText and htmldate each
take time in the square of a tag's attributes: one `<p>` of 100,000 (a 1 MB page) kept a
clean busy for over five minutes. Real tags have a handful; a long one is a data URI."""

_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]*)([^<>]{4000,})>")


def bare_extraction(html: str, **options: Any) -> Any:
    """`trafilatura.bare_extraction(html, **options)`, never two at once."""
    import trafilatura  # slow to import (about 0.3 s), so only when a page is extracted

    html = _LONG_TAG.sub(_bare_if_crowded, html)
    with _LOCK:
        return trafilatura.bare_extraction(html, **options)


def _bare_if_crowded(tag: re.Match[str]) -> str:
    """A long tag as it is, or only its name when it has over `MAX_TAG_ATTRIBUTES`."""
    if tag.group(2).count("=") > MAX_TAG_ATTRIBUTES:
        return f"<{tag.group(1)}>"
    return tag.group(0)
