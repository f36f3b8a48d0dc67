"""Body search across the library (SQLite FTS5): each hit shows its matching sentence."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.navigation import ArticleTarget
from reader.workspace import BodyHit, Workspace

RESULT_LIMIT = 100


def hit_prompt(hit: BodyHit, outlet: str, title: str, text: str) -> Content:
    """ "outlet · title" over the sentence, the matched word in bold underline."""
    head = f"{outlet} · {title}\n"
    sentence_start = (
        text.rfind(hit.sentence, 0, hit.start + len(hit.sentence)) if hit.sentence else -1
    )
    content = Content(head + hit.sentence).stylize("bold $text-accent", 0, len(outlet))
    if sentence_start >= 0:
        word_start = len(head) + hit.start - sentence_start
        content = content.stylize("bold underline", word_start, word_start + hit.end - hit.start)
    return content


class SearchScreen(ModalScreen[ArticleTarget | None]):
    """Type words; every word must appear (a trailing * matches a prefix). Enter opens a hit."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("down", "results", "To results", id="search.results", show=False),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.hits: list[BodyHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Input(placeholder="Search article bodies: words, prefix*", id="search-input")
            yield Static(Content(""), id="search-status", classes="hint")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        problem = self.workspace.search_problem
        if problem:
            self._status(problem)
        self.query_one(Input).focus()

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Content(text))

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _query_submitted(self) -> None:
        self.action_results()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        """Query the index off the UI thread (it is shared with the analysis worker)."""
        hits = self.workspace.search(query, limit=RESULT_LIMIT) if query.strip() else []
        self.app.call_from_thread(self._show_hits, query, hits)

    def _show_hits(self, query: str, hits: list[BodyHit]) -> None:
        self.hits = hits
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        for index, hit in enumerate(hits):
            article = self.workspace.article(hit.article_id)
            text = self.workspace.cleaned(hit.article_id).text
            results.add_option(
                Option(hit_prompt(hit, article.outlet, article.title, text), id=str(index))
            )
        if not query.strip():
            self._status("")
        elif hits:
            more = " (first 100)" if len(hits) >= RESULT_LIMIT else ""
            self._status(f"{len(hits)} matching sentences{more} · ↓ to the results, Enter opens")
        else:
            self._status(self.workspace.search_problem or "No article says that.")

    def action_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.highlighted = results.highlighted or 0
            results.focus()

    @on(OptionList.OptionSelected, "#search-results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        self.dismiss(ArticleTarget(hit.article_id, hit.start, hit.end))

    def action_close(self) -> None:
        self.dismiss(None)
