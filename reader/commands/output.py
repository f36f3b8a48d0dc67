"""What the commands print, made safe: text from files never reaches the terminal raw.

Titles, quotes and file names come from files, and a file may hold escape sequences (YAML
turns `\\e` into one). Plain output goes through `safe_text` (control characters become
spaces, line breaks stay) and JSON through `printable_json` (the characters JSON leaves raw
that a terminal acts on become `\\u` escapes, which any JSON reader reads back unchanged).
Errors go to stderr in one shape (`fail`), and long work shows its progress on one line of
stderr when that is a terminal (`TerminalProgress`).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from reader.text import printable, printable_json, safe_text


def print_text(text: str = "") -> None:
    """One line (or a block of lines) of plain output."""
    sys.stdout.write(safe_text(text) + "\n")


def print_json(data: Any, indent: int | None = None) -> None:
    """`data` as JSON on stdout, non-ASCII text kept readable."""
    sys.stdout.write(printable_json(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n")


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name (file names and reasons made
    printable: a newline or an escape in a name never reaches the terminal)."""
    print(f"newsreader: {printable(message)}", file=sys.stderr)


def fail(message: str, code: int = 1) -> int:
    """`say` the message; the exit status to return."""
    say(message)
    return code


class TerminalProgress:
    """`stage: done of total` redrawn on one line of stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        sys.stderr.write(f"\r\x1b[K{stage}: {done:,} of {total:,}")
        sys.stderr.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
