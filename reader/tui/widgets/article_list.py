"""The article list: one option per article, title over outlet and date; never parses markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.library import Article
from reader.tui.render import article_meta

if TYPE_CHECKING:
    from reader.stories import Story

FILTER_SCORE_CUTOFF = 60
FIRST_BATCH = 200
LATER_BATCH = 500


def article_prompt(article: Article, marker: str = "") -> Content:
    """Title in bold over a dim "outlet · date" line, built as plain Content (no markup)."""
    title = Content(f"{marker}{article.title}\n").stylize("bold", 0, -1)
    return title + article_meta(article).stylize_before("dim")


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


def grouped_stories(stories: Sequence[Story]) -> list[tuple[Story, int, int]]:
    """Stories as the grouped list shows them, each with its place in its saga and the saga's
    number of events: biggest stories (a saga by its biggest event) first, a saga's events
    together in date order."""
    from reader.stories import thread_of

    sagas: dict[str, tuple[Story, ...]] = {}
    for story in stories:
        if story.thread and story.thread not in sagas:
            sagas[story.thread] = thread_of(story, stories)
    blocks = [sagas[s.thread] if s.thread else (s,) for s in stories]
    unique = list({block[0].id: block for block in blocks}.values())
    unique.sort(key=lambda block: -max(len(event.articles) for event in block))
    return [
        (event, place, len(block)) for block in unique for place, event in enumerate(block, start=1)
    ]


def story_heading(members: Sequence[Article], place: int, events: int, date: str | None) -> str:
    """ "━ title (3 outlets)", and for an event of a saga "┃ event 2 of 3 · date" after it."""
    outlets = len({article.outlet for article in members})
    heading = f"━ {members[0].title} ({outlets} outlet{'s' if outlets != 1 else ''})"
    if events > 1:
        when = f" · {date}" if date else ""
        heading += f"\n┃ saga: event {place} of {events}{when}"
    return heading


class ArticleList(OptionList):
    """An OptionList of articles with vi-style movement keys."""

    _generation = 0
    _wanted: str | None = None
    """An article to highlight once the batch holding it has been added."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next article", id="list.next", show=False),
        Binding("k", "cursor_up", "Previous article", id="list.previous", show=False),
        Binding("g", "first", "First article", id="list.first", show=False),
        Binding("G", "last", "Last article", id="list.last", show=False),
    ]

    def show_articles(self, articles: Sequence[Article], markers: dict[str, str]) -> None:
        """Replace the options, keeping the highlighted article when it is still listed.

        A long list is filled in batches after the first screenful, so it shows at once;
        a newer call makes the batches of an older one stop.
        """
        current = self.highlighted_option.id if self.highlighted_option else None
        self._generation += 1
        self.clear_options()
        options = [
            Option(article_prompt(article, markers.get(article.id, "")), id=article.id)
            for article in articles
        ]
        self.add_options(options[:FIRST_BATCH])
        later_ids = {option.id for option in options[FIRST_BATCH:]}
        self._wanted = current if current in later_ids else None
        if self._wanted is None:
            self.highlight_article(current)
        if len(options) > FIRST_BATCH:
            self.call_after_refresh(self._add_batch, options, FIRST_BATCH, self._generation)

    def _add_batch(self, options: list[Option], start: int, generation: int) -> None:
        if generation != self._generation:
            return
        end = start + LATER_BATCH
        self.add_options(options[start:end])
        if self._wanted in {option.id for option in options[start:end]}:
            self.highlight_article(self._wanted)
            self._wanted = None
        if end < len(options):
            self.call_after_refresh(self._add_batch, options, end, generation)

    def show_grouped(
        self, articles: Sequence[Article], stories: Sequence[Story], markers: dict[str, str]
    ) -> None:
        """Articles under a heading per story (stories with several articles first); the
        events of one saga follow each other in date order, each heading saying which it is."""
        current = self.highlighted_option.id if self.highlighted_option else None
        listed = {article.id: article for article in articles}
        self._generation += 1
        self.clear_options()
        for story, place, events in grouped_stories(stories):
            members = [listed[a] for a in story.articles if a in listed]
            if not members:
                continue
            heading = Content(story_heading(members, place, events, story.date))
            self.add_option(Option(heading.stylize("bold $text-accent"), disabled=True))
            self.add_options(
                Option(article_prompt(a, markers.get(a.id, "")), id=a.id) for a in members
            )
        self.highlight_article(current)

    def remeasure(self) -> None:
        """Measure the options' heights again. Options replaced while another screen is on
        top are measured at the wrong width by Textual (8.2), which then cuts off their
        last line (the outlet): call this when the list's screen is back on top."""
        self._clear_caches()

    def highlight_article(self, article_id: str | None) -> None:
        """Move the highlight to `article_id` if it is listed, else to the first article."""
        for index, option in enumerate(self.options):
            if option.id is not None and (article_id is None or option.id == article_id):
                self.highlighted = index
                return
        if article_id is not None:
            self.highlight_article(None)
