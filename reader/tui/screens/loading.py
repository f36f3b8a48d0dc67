"""Shown while a big library is read from disk, so the first frame comes at once.

The metadata guessed for each file is kept in the index, so a reopen lists the library after
reading the files, without guessing their titles, outlets and dates again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from reader.library import Library, find_library, load_library


class LoadingScreen(Screen[Library]):
    """Reads the files in a worker thread with a progress bar, then dismisses with the library."""

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self.paths = list(paths)

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Static("Reading the library…", id="loading-label", markup=False)
            yield ProgressBar(show_eta=False, id="loading-bar")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from reader.index import Index

        index = Index.open_default()
        found = find_library(self.paths)
        known = index.known_guesses({os.path.abspath(root) for _, root in found.files})
        library = load_library(found, self._progress_from_thread, known)
        index.remember_guesses(library.articles, known)
        self.app.call_from_thread(self.app.library_loaded, library, index)

    def _progress_from_thread(self, done: int, total: int) -> None:
        self.app.call_from_thread(self._show_progress, done, total)

    def _show_progress(self, done: int, total: int) -> None:
        self.query_one("#loading-label", Static).update(f"Reading files: {done:,} of {total:,}")
        self.query_one("#loading-bar", ProgressBar).update(total=total, progress=done)
