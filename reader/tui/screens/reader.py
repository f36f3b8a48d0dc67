"""The main screen: the article list on the left, the reading pane on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList

from reader.library import Article, Library
from reader.tui.render import article_header, plain_body
from reader.tui.widgets.article_list import ArticleList, filter_articles
from reader.tui.widgets.reading_pane import ReadingPane


class ReaderScreen(Screen[None]):
    """List plus reading pane, with a fuzzy filter over titles and outlets."""

    BINDINGS = [
        Binding("enter,tab", "focus_pane", "Read", id="reader.read", key_display="enter"),
        Binding("escape", "focus_list", "Back to list", id="reader.back"),
        Binding("slash", "filter", "Filter", id="reader.filter", key_display="/"),
        Binding("o", "open_url", "Open URL", id="reader.open_url"),
        Binding("w", "toggle_list", "Hide list", id="reader.toggle_list"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.articles_by_id = library.by_id()
        self.current: Article | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="list-column"):
                yield Input(placeholder="Filter: title or outlet", id="filter")
                yield ArticleList(id="articles")
            yield ReadingPane(id="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        article_list = self.query_one(ArticleList)
        article_list.show_articles(self.library.articles, {})
        article_list.focus()
        self.sub_title = f"{len(self.library.articles)} articles"

    @on(OptionList.OptionHighlighted, "#articles")
    def _article_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_article(self.articles_by_id[event.option.id])

    @on(OptionList.OptionSelected, "#articles")
    def _article_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_focus_pane()

    def show_article(self, article: Article) -> None:
        self.current = article
        self.query_one(ReadingPane).show(article_header(article), plain_body(article.raw))

    def action_focus_pane(self) -> None:
        self.query_one(ReadingPane).focus()

    def action_focus_list(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.has_focus:
            filter_input.value = ""
            filter_input.display = False
        self.query_one("#list-column").display = True
        self.query_one(ArticleList).focus()

    def action_filter(self) -> None:
        self.query_one("#list-column").display = True
        filter_input = self.query_one("#filter", Input)
        filter_input.display = True
        filter_input.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        matches = filter_articles(event.value, self.library.articles)
        self.query_one(ArticleList).show_articles(matches, {})
        self.sub_title = f"{len(matches)} of {len(self.library.articles)} articles"

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(ArticleList).focus()

    def action_open_url(self) -> None:
        if self.current and self.current.url:
            self.app.open_url(self.current.url)
            self.notify(f"Opening {self.current.url}", markup=False)
        else:
            self.notify("This article has no known URL.", severity="warning")

    def action_toggle_list(self) -> None:
        column = self.query_one("#list-column")
        column.display = not column.display
        if not column.display:
            self.query_one(ReadingPane).focus()
