"""The main screen: the article list on the left, the reading pane on the right."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, ProgressBar, Static

from reader.bookmarks import BookmarksError, BookmarkStore
from reader.library import Article
from reader.tui.bookmarking import BOOKMARK_MARKER, BookmarkIndex
from reader.tui.render import article_header, raw_body
from reader.tui.widgets.article_list import ArticleList, filter_articles
from reader.tui.widgets.reading_pane import ReadingPane
from reader.workspace import Workspace


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def count_label(total: int, shown: int | None = None) -> str:
    """ "1 article", "5 articles", or "2 of 5 articles" while a filter is on."""
    noun = "article" if total == 1 else "articles"
    return f"{total:,} {noun}" if shown is None else f"{shown:,} of {total:,} {noun}"


class ReaderScreen(Screen[None]):
    """List plus reading pane, with a fuzzy filter over titles and outlets."""

    BINDINGS = [
        Binding("enter,tab", "focus_pane", "Read", id="reader.read", key_display="enter"),
        Binding("escape", "focus_list", "Back to list", id="reader.back", show=False),
        Binding("slash", "filter", "Filter", id="reader.filter", key_display="/"),
        Binding("o", "open_url", "Open URL", id="reader.open_url", show=False),
        Binding("w", "toggle_list", "Hide list", id="reader.toggle_list", show=False),
        Binding("r", "toggle_raw", "Raw/clean", id="reader.toggle_raw"),
        Binding("m", "bookmark", "Bookmark", id="reader.bookmark"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.current: Article | None = None
        self.show_raw = False
        self.marks = BookmarkIndex(BookmarkStore(), workspace)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="list-column"):
                yield Input(placeholder="Filter: title or outlet", id="filter")
                yield ArticleList(id="articles")
                with Vertical(id="progress"):
                    yield Static("", id="progress-label", markup=False)
                    yield ProgressBar(id="progress-bar", show_eta=False)
            yield ReadingPane(id="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        problem = self.marks.reload()
        if problem:
            self.notify(problem, title="Bookmarks", severity="error", timeout=20, markup=False)
        article_list = self.query_one(ArticleList)
        article_list.show_articles(self.workspace.articles, self.list_markers())
        article_list.focus()
        self.sub_title = count_label(len(self.workspace.articles))
        self.call_after_refresh(self.analyse)

    @work(thread=True, exclusive=True, group="analysis")
    def analyse(self) -> None:
        """Clean (and later analyse) the whole library off the UI thread, showing progress."""
        self.workspace.clean_all(self._progress_from_thread)
        self.app.call_from_thread(self._analysis_done)

    def _progress_from_thread(self, stage: str, done: int, total: int) -> None:
        self.app.call_from_thread(self._show_progress, stage, done, total)

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        self.query_one("#progress-label", Static).update(f"{stage} {done:,} of {total:,}")
        self.query_one("#progress-bar", ProgressBar).update(total=total, progress=done)

    def _analysis_done(self) -> None:
        self.query_one("#progress").display = False
        if self.current:
            self.show_article(self.current, keep_scroll=True)

    @on(OptionList.OptionHighlighted, "#articles")
    def _article_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_article(self.workspace.article(event.option.id))

    @on(OptionList.OptionSelected, "#articles")
    def _article_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_focus_pane()

    def show_article(self, article: Article, *, keep_scroll: bool = False) -> None:
        """Show `article` in the pane: reader mode, or the raw text with removed lines marked."""
        self.current = article
        cleaned = self.workspace.cleaned(article.id)
        pane = self.query_one(ReadingPane)
        header = article_header(article)
        if self.show_raw and not article.is_html:
            text, spans = raw_body(article.raw, cleaned.removed)
            pane.show(header, text, spans, keep_scroll=keep_scroll, cursor=False)
        else:
            spans = self.marks.spans_for(article.id, cleaned.text)
            pane.show(header, cleaned.text, spans, keep_scroll=keep_scroll)

    def list_markers(self) -> dict[str, str]:
        """A prefix for each listed article that has bookmarks."""
        return {article_id: BOOKMARK_MARKER for article_id in self.marks.article_ids()}

    def refresh_list(self) -> None:
        filter_text = self.query_one("#filter", Input).value
        matches = filter_articles(filter_text, self.workspace.articles)
        self.query_one(ArticleList).show_articles(matches, self.list_markers())

    def action_bookmark(self) -> None:
        """Bookmark the passage under the cursor (or the mouse selection in the pane)."""
        pane = self.query_one(ReadingPane)
        if self.current is None or self.show_raw:
            self.notify("Switch to reader mode (r) to bookmark a passage.", severity="warning")
            return
        span = pane.passage or self._selected_span(pane)
        if span is None:
            self.notify(
                "Move to a passage first: { } by paragraph, ( ) by sentence.", severity="warning"
            )
            return
        try:
            bookmark, saved_to = self.marks.add(self.current, pane.text, *span)
        except (BookmarksError, ValueError) as error:
            self.notify(str(error), title="Not bookmarked", severity="error", markup=False)
            return
        where = "" if saved_to == self.marks.store.path else f"\nSaved to {saved_to}"
        self.notify(f"Bookmarked: {_first_words(bookmark.text)}{where}", markup=False)
        self.show_article(self.current, keep_scroll=True)
        self.refresh_list()

    def _selected_span(self, pane: ReadingPane) -> tuple[int, int] | None:
        selected = (self.get_selected_text() or "").strip()
        start = pane.text.find(selected) if selected else -1
        return (start, start + len(selected)) if start >= 0 else None

    def action_toggle_raw(self) -> None:
        self.show_raw = not self.show_raw
        if self.current:
            self.show_article(self.current, keep_scroll=True)
        mode = (
            "Raw page: removed lines are struck through, with the reason"
            if self.show_raw
            else "Reader mode"
        )
        self.notify(mode, timeout=2)

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
        matches = filter_articles(event.value, self.workspace.articles)
        self.query_one(ArticleList).show_articles(matches, self.list_markers())
        self.sub_title = count_label(len(self.workspace.articles), shown=len(matches))

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
