"""The empty state: shown instead of the reader when no article could be loaded."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from reader.library import Library
from reader.text import safe_text


def empty_message(library: Library, paths: list[str]) -> str:
    """Say what was looked at and why nothing is shown, in plain words (file names made
    safe to show: they may hold escape sequences or bytes that are not UTF-8)."""
    lines = ["No articles to show.", ""]
    if library.missing:
        lines.append("Not found: " + ", ".join(str(p) for p in library.missing))
    if library.skipped:
        lines.append(f"Skipped {len(library.skipped)} file(s) that could not be read:")
        lines += [f"  {item.describe()}" for item in library.skipped[:10]]
    if not library.missing and not library.skipped:
        lines.append("Looked in: " + ", ".join(paths))
        lines.append("No .txt, .md or .html files were found there.")
    lines += ["", "Run `newsreader FOLDER` with a folder of articles, or press q to quit."]
    return safe_text("\n".join(lines))


class EmptyScreen(Screen[None]):
    """A calm message instead of a traceback when the library is empty."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Static(self.message, id="empty-message", markup=False)
        yield Footer()
