"""Opening a library for a command: the same `Workspace`, index and config as the app.

Every command that analyses articles goes through `open_workspace` and `Workspace.analyse`,
so `facts`, `quotes`, `diff` and `clean` give the app's answers, and their offsets index the
same clean text. Problems (skipped files, missing paths, config) go to stderr, one line each.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.analysis import Analysis
from reader.commands.output import TerminalProgress, say
from reader.workspace import Workspace


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
    progress = TerminalProgress()
    analysis = workspace.analyse(progress)
    progress.end()
    for article_id, problem in workspace.problems().items():
        say(f"{workspace.article(article_id).path}: {problem}")
    return analysis
