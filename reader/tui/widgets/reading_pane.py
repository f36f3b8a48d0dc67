"""The reading pane: an article's header and body as plain Content, scrolled with vi keys."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class ReadingPane(VerticalScroll, can_focus=True):
    """Scrollable article view. Text is set as Content, so article text is never markup."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", id="pane.down", show=False),
        Binding("k", "scroll_up", "Scroll up", id="pane.up", show=False),
        Binding("space", "page_down", "Page down", id="pane.page_down", show=False),
        Binding("b", "page_up", "Page up", id="pane.page_up", show=False),
        Binding("g", "scroll_home", "Top", id="pane.top", show=False),
        Binding("G", "scroll_end", "Bottom", id="pane.bottom", show=False),
    ]

    def compose(self):
        yield Static(Content(""), id="article-header")
        yield Static(Content(""), id="article-body")

    def show(self, header: Content, body: Content, *, keep_scroll: bool = False) -> None:
        """Display an article; scroll to the top unless `keep_scroll`."""
        self.query_one("#article-header", Static).update(header)
        self.query_one("#article-body", Static).update(body)
        if not keep_scroll:
            self.scroll_home(animate=False)
