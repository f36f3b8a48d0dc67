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

_TAG = re.compile(r"""<([A-Za-z][\w:-]*+)((?:[^<>"']++|"[^"]*+"|'[^']*+')*+)>""")
"""A start tag, its attributes read past a `>` inside quotes. Possessive throughout, so that
a page of letters after a `<` costs its length, not its square."""
_QUOTED = re.compile(r""""[^"]*+"|'[^']*+'""")
_ATTRIBUTE = re.compile(r"[^\s=/]++(?:\s*+=\s*+[^\s]*+)?")
_LONG_TAG_CHARS = 2 * MAX_TAG_ATTRIBUTES
"""A tag shorter than this cannot hold more than `MAX_TAG_ATTRIBUTES` (each takes a space and
a letter at least); only longer ones are counted."""


def bare_extraction(html: str, **options: Any) -> Any:
    """`trafilatura.bare_extraction(html, **options)`, never two at once."""
    import trafilatura  # slow to import (about 0.3 s), so only when a page is extracted

    html = _TAG.sub(_bare_if_crowded, html)
    with _LOCK:
        return trafilatura.bare_extraction(html, **options)


def _bare_if_crowded(tag: re.Match[str]) -> str:
    """A tag as it is, or only its name when it has over `MAX_TAG_ATTRIBUTES` (counted with
    their quoted values taken out, valueless ones too)."""
    attributes = tag.group(2)
    if len(attributes) < _LONG_TAG_CHARS:
        return tag.group(0)
    if len(_ATTRIBUTE.findall(_QUOTED.sub('""', attributes))) > MAX_TAG_ATTRIBUTES:
        return f"<{tag.group(1)}>"
    return tag.group(0)
