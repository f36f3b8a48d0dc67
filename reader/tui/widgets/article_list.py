"""The article list: one option per article, title over outlet and date; never parses markup."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.library import Article

FILTER_SCORE_CUTOFF = 60


def article_prompt(article: Article, marker: str = "") -> Content:
    """Title in bold over a dim "outlet · date" line, built as plain Content (no markup)."""
    meta = " · ".join(part for part in (article.outlet, article.date) if part)
    title = f"{marker}{article.title}"
    return Content(f"{title}\n{meta}").stylize("bold", 0, len(title)).stylize("dim", len(title) + 1)


def filter_articles(query: str, articles: Sequence[Article]) -> list[Article]:
    """Articles whose title or outlet fuzzily match `query`, best first; all when it is blank."""
    query = query.strip()
    if not query:
        return list(articles)
    choices = [f"{article.title} {article.outlet}" for article in articles]
    matches = process.extract(
        query,
        choices,
        scorer=fuzz.partial_token_set_ratio,
        processor=str.lower,
        score_cutoff=FILTER_SCORE_CUTOFF,
        limit=None,
    )
    ranked = sorted(matches, key=lambda match: (-match[1], match[2]))
    return [articles[index] for _, _, index in ranked]


class ArticleList(OptionList):
    """An OptionList of articles with vi-style movement keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next article", id="list.next", show=False),
        Binding("k", "cursor_up", "Previous article", id="list.previous", show=False),
        Binding("g", "first", "First article", id="list.first", show=False),
        Binding("G", "last", "Last article", id="list.last", show=False),
    ]

    def show_articles(self, articles: Sequence[Article], markers: dict[str, str]) -> None:
        """Replace the options, keeping the highlighted article when it is still listed."""
        current = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        self.add_options(
            Option(article_prompt(article, markers.get(article.id, "")), id=article.id)
            for article in articles
        )
        ids = [article.id for article in articles]
        if ids:
            self.highlighted = ids.index(current) if current in ids else 0
