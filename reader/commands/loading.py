"""Opening a library for a command: the same `Workspace`, index and config as the app.

Every command that analyses articles goes through `open_workspace` and `Workspace.analyse`,
so `facts`, `quotes`, `diff` and `clean` give the app's answers, and their offsets index the
same clean text. Problems (skipped files, missing paths, config) go to stderr, one line each.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from reader.analysis import Analysis
from reader.text import printable
from reader.workspace import Workspace


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name (file names and reasons made
    printable: a newline or an escape in a name never reaches the terminal)."""
    print(f"newsreader: {printable(message)}", file=sys.stderr)


def open_workspace(paths: Sequence[Path]) -> Workspace | None:
    """The library at `paths` in a workspace with the user's index and config; None (after
    saying why) when it holds no article."""
    from reader.config import load_config
    from reader.index import Index
    from reader.library import load_library

    settings = load_config()
    if settings.problem:
        say(settings.problem)
    library = load_library(paths)
    for path in library.missing:
        say(f"{path}: no such file or folder")
    for skipped in library.skipped:
        say(f"skipped {skipped.describe()}")
    if not library.articles:
        if not library.missing:
            say("no articles found in " + ", ".join(str(path) for path in paths))
        return None
    return Workspace(library, settings.config.boilerplate, index=Index.open_default())


def analyse(workspace: Workspace) -> Analysis:
    """`workspace.analyse()`, with progress on stderr when it is a terminal; files that could
    not be cleaned are reported."""
    analysis = workspace.analyse(_progress_line if sys.stderr.isatty() else _silent)
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")
    for article_id, problem in workspace.problems().items():
        say(f"{workspace.article(article_id).path}: {problem}")
    return analysis


def _progress_line(stage: str, done: int, total: int) -> None:
    sys.stderr.write(f"\r\x1b[K{stage}: {done:,} of {total:,}")
    sys.stderr.flush()


def _silent(stage: str, done: int, total: int) -> None:
    """No progress: stderr is not a terminal."""
