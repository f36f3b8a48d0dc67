"""What a Pilot test needs to read the screen as the user sees it."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App
from textual.widgets import DataTable

from reader.library import load_library
from reader.tui.app import NewsReaderApp


def screen_text(app: App) -> str:
    """The characters on the terminal right now, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def table_rows(table: DataTable) -> list[list[str]]:
    """A table's cells as the text they show, row by row."""
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def make_app(*paths: Path) -> NewsReaderApp:
    return NewsReaderApp(load_library(list(paths)), list(paths))


async def wait_until(pilot, ready, what: str, seconds: float = 10) -> None:
    """Pause until `ready()` holds (background work is done), or fail naming `what`."""
    for _ in range(int(seconds / 0.05)):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{what} did not happen in {seconds} s")


async def wait_for_analysis(pilot) -> None:
    """Let the reader's background analysis finish (it is quick on small libraries)."""
    await wait_until(
        pilot, lambda: getattr(pilot.app.screen, "analysis", None) is not None, "the analysis"
    )


def declared_binding_ids() -> set[str]:
    """Every binding id written in the TUI's source, read from the files themselves."""
    import ast

    import reader.tui

    ids = set()
    for source in Path(reader.tui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
                keywords = {k.arg: k.value for k in node.keywords}
                assert "id" in keywords, f"a binding without an id in {source.name}"
                description = keywords.get("description") or node.args[2]
                assert isinstance(description, ast.Constant) and description.value
                ids.add(keywords["id"].value)
    return ids


APP_CSS = Path(sys.modules[NewsReaderApp.__module__].__file__).with_name(NewsReaderApp.CSS_PATH)
"""The app's style sheet, for test hosts of a single screen: styled as in the app."""
