"""The feeds screen: each subscribed feed with its last fetch, status and error in words."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from reader.feed_status import FeedRow
from reader.text import printable

STATUS_STYLES = {"ok": "green", "not modified": "green", "not due": "dim"}


class FeedsScreen(Screen[None]):
    """A table of feeds; R on the reader refreshes them, Escape comes back."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="feeds.close"),
        Binding("j", "move(1)", "Next feed", id="feeds.next", show=False),
        Binding("k", "move(-1)", "Previous feed", id="feeds.previous", show=False),
    ]

    def __init__(self, rows: list[FeedRow], problem: str | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._summary(), id="feeds-summary", markup=False)
        yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="feed-detail", markup=False)
        yield Footer(compact=True)

    def _summary(self) -> str:
        if self.problem:
            return self.problem
        if not self.rows:
            return "No feeds yet. Add one from a terminal: newsreader feeds add URL"
        failing = sum(1 for row in self.rows if row.error)
        noun = "feed" if len(self.rows) == 1 else "feeds"
        return f"{len(self.rows)} {noun}, {failing} with a problem. R on the reader fetches them."

    def on_mount(self) -> None:
        self.sub_title = "Feeds"
        table = self.query_one(DataTable)
        table.add_columns("Feed", "Last fetch", "Status", "Articles", "Problem", "URL")
        for row in self.rows:
            style = STATUS_STYLES.get(row.status, "bold red" if row.error else "")
            table.add_row(
                Text(printable(row.name)),
                Text(row.last_fetch or "never", style="" if row.last_fetch else "dim"),
                Text(row.status, style=style),
                Text(str(row.articles), justify="right"),
                Text(printable(row.error or ""), style="red"),
                Text(printable(row.url), style="dim"),
            )
        table.focus()
        if self.rows:
            self._show_detail(0)

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    @on(DataTable.RowHighlighted, "#feeds-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, index: int) -> None:
        """The highlighted feed in full under the table (the columns cut long errors)."""
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        lines = [f"{row.name}: {row.status}", row.url]
        if row.error:
            lines.append(row.error)
        detail = Content(printable("\n".join(lines))).stylize("bold", 0, len(row.name))
        self.query_one("#feed-detail", Static).update(detail)
