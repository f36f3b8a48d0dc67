"""What a Pilot test needs to read the screen as the user sees it."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from reader.library import load_library
from reader.tui.app import NewsReaderApp


def screen_text(app: App) -> str:
    """The characters on the terminal right now, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def make_app(*paths: Path) -> NewsReaderApp:
    return NewsReaderApp(load_library(list(paths)), list(paths))
