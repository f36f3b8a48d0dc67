"""What the commands print, made safe: text from files never reaches the terminal raw.

Titles, quotes and file names come from files, and a file may hold escape sequences (YAML
turns `\\e` into one). Plain output goes through `safe_text` (control characters become
spaces, line breaks stay) and JSON through `printable_json` (the characters JSON leaves raw
that a terminal acts on become `\\u` escapes, which any JSON reader reads back unchanged).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from reader.text import printable_json, safe_text


def print_text(text: str = "") -> None:
    """One line (or a block of lines) of plain output."""
    sys.stdout.write(safe_text(text) + "\n")


def print_json(data: Any, indent: int | None = None) -> None:
    """`data` as JSON on stdout, non-ASCII text kept readable."""
    sys.stdout.write(printable_json(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n")
