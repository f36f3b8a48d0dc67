"""Printing text that came from the web or from files: control characters never reach the
terminal, and errors go to stderr in one shape."""

from __future__ import annotations

import re
import sys

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with control characters (escape sequences, carriage returns) as spaces."""
    return _CONTROLS.sub(" ", text)


def fail(message: str, code: int = 1) -> int:
    print(f"newsreader: {printable(message)}", file=sys.stderr)
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
