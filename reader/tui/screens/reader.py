"""The main screen: the article list on the left, the reading pane on the right.

The library is analysed in a background worker (clean text, stories, facts, quotes) with a
progress bar; until it is done the pane shows clean text without fact highlights.
"""

from __future__ import annotations

import time

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from reader.bookmarks import BookmarksError, BookmarkStore
from reader.library import Article, UnreadableFile, unknown_outlets
from reader.text import first_words, printable
from reader.tui import browser
from reader.tui.bookmarking import BOOKMARK_MARKER, BookmarkIndex
from reader.tui.feed_actions import FeedActions
from reader.tui.library_marks import LibraryMarks
from reader.tui.navigation import ArticleTarget
from reader.tui.render import article_header, raw_body
from reader.tui.scheduling import analysis_settled, run_at_low_priority
from reader.tui.widgets.article_list import ArticleList, filter_articles
from reader.tui.widgets.facts_panel import (
    FactMention,
    FactsPanel,
    disagreement_spans,
    fact_spans,
    shared_mentions,
)
from reader.tui.widgets.progress_line import ProgressLine
from reader.tui.widgets.reading_pane import ReadingPane
from reader.workspace import Analysis, AnalysisStopped, Workspace

WIDE_ENOUGH_FOR_THREE_COLUMNS = 150
WRAP_TITLES_UP_TO = 500
PROGRESS_INTERVAL = 0.25
"""Seconds between redraws of the analysis progress. (Redrawn for every chunk of work, and
each time laying out the screen again, they made a key press wait three times as long.)"""
"""Longer lists show one line per title: wrapping thousands of titles slows the first frame."""


def count_label(total: int, shown: int | None = None) -> str:
    """ "1 article", "5 articles", or "2 of 5 articles" while a filter is on."""
    noun = "article" if total == 1 else "articles"
    return f"{total:,} {noun}" if shown is None else f"{shown:,} of {total:,} {noun}"


class ReaderScreen(FeedActions, Screen[None]):
    """List plus reading pane, with a fuzzy filter, shared facts, and bookmarks."""

    BINDINGS = [
        Binding(
            "enter,tab", "focus_pane", "Read", id="reader.read", key_display="enter", show=False
        ),
        Binding("escape", "focus_list", "Back to list", id="reader.back", show=False),
        Binding("slash", "filter", "Filter", id="reader.filter", key_display="/"),
        Binding("S", "search_bodies", "Search", id="reader.search", show=False),
        Binding("f", "toggle_facts", "Facts", id="reader.facts"),
        Binding("n", "next_fact", "Next shared fact", id="reader.next_fact", show=False),
        Binding(
            "N", "previous_fact", "Previous shared fact", id="reader.previous_fact", show=False
        ),
        Binding("e", "elsewhere", "What others say", id="reader.elsewhere", show=False),
        Binding("c", "compare", "Compare", id="reader.compare"),
        Binding("quotation_mark", "quotes", "Quotes", id="reader.quotes", key_display='"'),
        Binding("d", "quote_diff", "Diff quote here", id="reader.quote_diff", show=False),
        Binding("m", "bookmark", "Bookmark", id="reader.bookmark"),
        Binding(
            "apostrophe",
            "bookmarks",
            "Bookmarks",
            id="reader.bookmarks",
            key_display="'",
            show=False,
        ),
        Binding("r", "toggle_raw", "Raw page", id="reader.toggle_raw", show=False),
        Binding("s", "toggle_stories", "Group by story", id="reader.stories", show=False),
        Binding("v", "coverage", "Coverage", id="reader.coverage", show=False),
        Binding(
            "right_square_bracket",
            "next_event",
            "Next event of the saga",
            id="reader.next_event",
            key_display="]",
            show=False,
        ),
        Binding(
            "left_square_bracket",
            "previous_event",
            "Previous event of the saga",
            id="reader.previous_event",
            key_display="[",
            show=False,
        ),
        Binding("o", "open_url", "Open URL", id="reader.open_url", show=False),
        Binding("w", "toggle_list", "Hide list", id="reader.toggle_list", show=False),
        Binding("R", "refresh_feeds", "Fetch feeds", id="reader.refresh", show=False),
        Binding("F", "feeds", "Feeds", id="reader.feeds", show=False),
        Binding("u", "toggle_read", "Mark unread / read", id="reader.toggle_read", show=False),
        Binding("U", "next_unread", "Next unread", id="reader.next_unread", show=False),
        Binding("V", "versions", "What changed (versions)", id="reader.versions", show=False),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.current: Article | None = None
        self.show_raw = False
        self.grouped = False
        self.analysis: Analysis | None = None
        self.mentions: list[FactMention] = []
        self.marks = BookmarkIndex(BookmarkStore(), workspace)
        self._progress_shown: tuple[str, float] = ("", 0.0)
        self.library_marks = LibraryMarks()
        self.refreshing = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="list-column"):
                yield Input(placeholder="Filter: title or outlet", id="filter")
                yield ArticleList(id="articles")
                with Vertical(id="progress"):
                    yield Static("", id="progress-label", markup=False)
                    yield ProgressLine(id="progress-bar")
            yield ReadingPane(id="pane")
            yield FactsPanel(id="facts-panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.query_one(FactsPanel).display = False
        problem = self.marks.reload()
        if problem:
            self.notify(problem, title="Bookmarks", severity="error", timeout=20, markup=False)
        self.library_marks.reload()
        article_list = self.query_one(ArticleList)
        article_list.set_class(len(self.workspace.articles) > WRAP_TITLES_UP_TO, "-long")
        self.refresh_list()
        article_list.focus()
        self.call_after_refresh(self.analyse)

    def on_screen_resume(self) -> None:
        """Back from another screen: list heights measured again, and focus on a widget
        that is shown (Textual may give it to the hidden filter, which then eats `q`)."""
        self.query_one(ArticleList).remeasure()
        self._keep_focus_shown()

    def _keep_focus_shown(self) -> None:
        """Unless focus is on a shown widget: the list if it is shown, else the facts panel
        or the reading pane."""
        focused = self.focused
        if focused is not None and all(node.display for node in focused.ancestors_with_self):
            return
        if self.query_one("#list-column").display:
            self.query_one(ArticleList).focus()
        elif self.query_one(FactsPanel).display:
            self.query_one(FactsPanel).focus()
        else:
            self.query_one(ReadingPane).focus()

    # Background analysis ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis")
    def analyse(self) -> None:
        """Clean and analyse the whole library off the UI thread, showing progress."""
        try:
            analysis = run_at_low_priority(
                lambda: self.workspace.analyse(self._progress_from_thread)
            )
        except AnalysisStopped:
            return
        self.app.call_from_thread(self._analysis_done, analysis)

    def _progress_from_thread(self, stage: str, done: int, total: int) -> None:
        """Show progress from the analysis thread: each stage's start and end, and in between
        at most every `PROGRESS_INTERVAL` seconds."""
        shown_stage, shown_at = self._progress_shown
        now = time.monotonic()
        if stage == shown_stage and 0 < done < total and now - shown_at < PROGRESS_INTERVAL:
            return
        self._progress_shown = (stage, now)
        self.app.call_from_thread(self._show_progress, stage, done, total)

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        if not self._open():
            return
        label = self.query_one("#progress-label", Static)
        bar = self.query_one("#progress-bar", ProgressLine)
        label.update(f"{stage}: {done:,} of {total:,}", layout=False)  # fixed size
        bar.fraction = done / total if total else 0.0

    def _open(self) -> bool:
        """Whether the screen can still show what the analysis thread sends: not once the app
        has begun to close (it may then have removed the widgets)."""
        return self.is_attached and self.app.is_running

    def _analysis_done(self, analysis: Analysis) -> None:
        self.analysis = analysis
        analysis_settled()
        if self._open():
            self._show_analysis(analysis)

    def _show_analysis(self, analysis: Analysis) -> None:
        self.query_one("#progress").display = False
        stories = sum(1 for story in analysis.stories if len(story.articles) > 1)
        noun = "story" if stories == 1 else "stories"
        self.notify(f"Analysis done: {stories} {noun} across outlets.", timeout=3)
        self._report_problems()
        if self.grouped:
            self.refresh_list()
        if self.current:
            self.show_article(self.current, keep_scroll=True)

    def _report_problems(self) -> None:
        problems = self.workspace.problems()
        if not problems:
            return
        lines = [
            f"{self.workspace.article(article_id).path.name}: {problem}"
            for article_id, problem in list(problems.items())[:5]
        ]
        more = f"\n…and {len(problems) - 5} more" if len(problems) > 5 else ""
        self.notify(
            f"{len(problems)} file(s) could not be cleaned:\n" + "\n".join(lines) + more,
            severity="warning",
            timeout=15,
            markup=False,
        )

    # The list ---------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#articles")
    def _article_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted:
            return  # a stale event: the list has moved on since it was sent
        if event.option.id and (self.current is None or self.current.id != event.option.id):
            self.show_article(self.workspace.article(event.option.id))

    @on(OptionList.OptionSelected, "#articles")
    def _article_selected(self) -> None:
        self.action_focus_pane()

    def list_markers(self) -> dict[str, str]:
        """A prefix for each listed article that has bookmarks, or is new, updated, unread."""
        markers = {article_id: BOOKMARK_MARKER for article_id in self.marks.article_ids()}
        for article_id, mark in self.library_marks.markers(self.workspace.articles).items():
            markers[article_id] = mark + markers.get(article_id, "")
        return markers

    def refresh_list(self) -> None:
        """Show the articles matching the filter, grouped by story when that is on."""
        filter_text = self.query_one("#filter", Input).value
        matches = filter_articles(filter_text, self.workspace.articles)
        article_list = self.query_one(ArticleList)
        if self.grouped and self.analysis:
            article_list.show_grouped(matches, self.analysis.stories, self.list_markers())
        else:
            article_list.show_articles(matches, self.list_markers())
        total = len(self.workspace.articles)
        self.sub_title = count_label(total, shown=len(matches) if filter_text else None)

    def action_toggle_stories(self) -> None:
        if self.analysis is None:
            self.notify("Stories are still being worked out; try again in a moment.")
            return
        self.grouped = not self.grouped
        self.refresh_list()

    def action_filter(self) -> None:
        self.query_one("#list-column").display = True
        filter_input = self.query_one("#filter", Input)
        filter_input.display = True
        filter_input.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(ArticleList).focus()

    def action_focus_list(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.has_focus:
            filter_input.value = ""
            filter_input.display = False
        self.query_one("#list-column").display = True
        self.query_one(ArticleList).focus()

    def action_search_bodies(self) -> None:
        """Search every article's body; Enter opens the article at the matching words."""
        from reader.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.workspace), self.open_target)

    def action_toggle_list(self) -> None:
        column = self.query_one("#list-column")
        column.display = not column.display
        if not column.display:
            self.query_one(ReadingPane).focus()

    # The reading pane -------------------------------------------------------------------

    def show_article(self, article: Article, *, keep_scroll: bool = False) -> None:
        """Show `article` in the pane: reader mode, or the raw text with removed lines marked."""
        self.current = article
        cleaned = self.workspace.cleaned(article.id)
        if cleaned.problem and not keep_scroll:
            self.notify(
                f"{article.path.name}: {cleaned.problem}",
                title="Not cleaned",
                severity="error",
                markup=False,
            )
        pane = self.query_one(ReadingPane)
        header = article_header(article)
        if self.show_raw and not article.is_html:
            try:
                text, spans = raw_body(*self.workspace.raw_view(article.id))
            except UnreadableFile as error:
                self.show_raw = False
                self.notify(
                    f"{printable(article.path.name)}: {error}",
                    title="No raw page",
                    severity="error",
                    markup=False,
                )
            else:
                pane.show(header, text, spans, keep_scroll=keep_scroll, cursor=False)
                return
        self.mentions = shared_mentions(self._story_facts(article.id), article.id)
        facts = self._story_facts(article.id)
        spans = fact_spans(self.mentions) + disagreement_spans(facts, article.id)
        spans += self.marks.spans_for(article.id, cleaned.text)
        pane.show(header, cleaned.text, spans, keep_scroll=keep_scroll)
        panel = self.query_one(FactsPanel)
        if panel.display:
            panel.show_facts(
                self._story_facts(article.id), article.id, article.outlet, self._unknown_outlets()
            )

    def _unknown_outlets(self) -> frozenset[str]:
        """The stand-in names of the outlets nothing names, among the current story's."""
        if self.current is None or self.analysis is None:
            return frozenset()
        ids = self.analysis.story_articles(self.current.id)
        return unknown_outlets(self.workspace.article(a) for a in ids)

    def _story_facts(self, article_id: str):
        return self.analysis.facts_of(article_id) if self.analysis else None

    def open_target(self, target: ArticleTarget | None) -> None:
        """Open an article with the passage cursor on `target` (from another screen)."""
        if target is None:
            return
        self.show_raw = False
        article = self.workspace.article(target.article_id)
        if self.current is None or self.current.id != article.id:
            self.show_article(article)
        self.query_one(ArticleList).highlight_article(article.id)
        pane = self.query_one(ReadingPane)
        pane.set_passage(target.start, target.end)
        pane.focus()

    def action_focus_pane(self) -> None:
        self.query_one(ReadingPane).focus()
        if self.current is not None:
            self._set_read(self.current, True)

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

    def action_open_url(self) -> None:
        """Open the article's URL in a web browser, if it is a web link (see `browser`)."""
        url = self.current.url if self.current else None
        if not url:
            self.notify("This article has no known URL.", severity="warning")
            return
        problem = browser.url_problem(url)
        if problem:
            self.notify(f"Not opened: {problem}.\n{url}", severity="warning", markup=False)
            return
        self._open_url(url)

    @work(thread=True, group="browser")
    def _open_url(self, url: str) -> None:
        found = browser.find_browser()
        if found is None:
            message = f"No web browser found. The link:\n{url}"
            self.app.call_from_thread(self.notify, message, severity="warning", markup=False)
        elif browser.runs_in_terminal(found):
            self.app.call_from_thread(self._open_in_terminal, found, url)
        else:
            found.open(url)
            self.app.call_from_thread(self.notify, f"Opening {url}", markup=False)

    def _open_in_terminal(self, text_browser, url: str) -> None:
        """Run a text browser with the app suspended (it needs the terminal), if possible."""
        try:
            with self.app.suspend():
                text_browser.open(url)
        except SuspendNotSupported:
            self.notify(
                f"Only a text browser is available, and it cannot run here. The link:\n{url}",
                severity="warning",
                timeout=15,
                markup=False,
            )

    # Shared facts -----------------------------------------------------------------------

    def _facts_ready(self) -> bool:
        if self.analysis is None:
            self.notify("Facts are still being worked out; try again in a moment.")
            return False
        if self.show_raw:
            self.notify("Switch to reader mode (r) to see facts.", severity="warning")
            return False
        return True

    def action_toggle_facts(self) -> None:
        """Show or hide the facts panel; on narrow terminals it takes the list's place."""
        panel = self.query_one(FactsPanel)
        panel.display = not panel.display
        if self.size.width < WIDE_ENOUGH_FOR_THREE_COLUMNS:
            self.query_one("#list-column").display = not panel.display
            self._keep_focus_shown()
        if panel.display and self.current:
            panel.show_facts(
                self._story_facts(self.current.id),
                self.current.id,
                self.current.outlet,
                self._unknown_outlets(),
            )

    @on(OptionList.OptionSelected, "#facts-panel")
    def _fact_selected(self, event: OptionList.OptionSelected) -> None:
        mention = self.query_one(FactsPanel).targets.get(event.option.id or "")
        if mention:
            pane = self.query_one(ReadingPane)
            pane.set_passage(mention.start, mention.end)
            pane.focus()

    def _jump_fact(self, step: int) -> None:
        if not self._facts_ready():
            return
        if not self.mentions:
            self.notify("No fact here is shared with another outlet.")
            return
        pane = self.query_one(ReadingPane)
        here = pane.passage[0] if pane.passage else (-1 if step > 0 else len(pane.text) + 1)
        starts = [fm.mention.start for fm in self.mentions]
        candidates = [i for i, s in enumerate(starts) if (s > here if step > 0 else s < here)]
        if not candidates:
            self.notify("No more shared facts this way.", timeout=2)
            return
        chosen = self.mentions[candidates[0] if step > 0 else candidates[-1]]
        pane.set_passage(chosen.mention.start, chosen.mention.end)
        pane.focus()

    def action_next_fact(self) -> None:
        self._jump_fact(+1)

    def action_previous_fact(self) -> None:
        self._jump_fact(-1)

    def fact_at_cursor(self) -> FactMention | None:
        """The shared fact under the passage cursor: the narrowest mention inside it."""
        pane = self.query_one(ReadingPane)
        if pane.passage is None:
            return None
        start, end = pane.passage
        inside = [fm for fm in self.mentions if fm.mention.start < end and start < fm.mention.end]
        return min(inside, key=lambda fm: fm.mention.end - fm.mention.start, default=None)

    def action_elsewhere(self) -> None:
        from reader.tui.screens.elsewhere import ElsewhereScreen

        if not self._facts_ready() or self.current is None:
            return
        found = self.fact_at_cursor()
        if found is None:
            self.notify("Move to a shared fact first (n / N).", severity="warning")
            return
        screen = ElsewhereScreen(found.fact, self.current.id, self.workspace)
        self.app.push_screen(screen, self.open_target)

    # Compare and quotes -----------------------------------------------------------------

    def action_compare(self) -> None:
        """This article beside another of its story, sentences aligned."""
        from reader.tui.screens.compare import CompareScreen  # screens load when first opened

        if self.current is None or not self._facts_ready():
            return
        screen = CompareScreen(self.workspace, self.analysis, self.current.id)
        self.app.push_screen(screen, self.open_target)

    def _story_id(self) -> str | None:
        if self.analysis is None or self.current is None:
            return None
        story = self.analysis.story(self.current.id)
        return story.id if story else None

    def action_quotes(self) -> None:
        """The quotes of the current article's story, clustered across outlets."""
        from reader.tui.screens.quotes import QuotesScreen

        story_id = self._story_id()
        if story_id is None or not self._facts_ready():
            return
        self.app.push_screen(
            QuotesScreen(self.workspace, self.analysis, story_id), self.open_target
        )

    def action_quote_diff(self) -> None:
        """The versions of the quote under the passage cursor, side by side."""
        from reader.tui.screens.quotes import QuotesScreen, quote_at

        story_id = self._story_id()
        pane = self.query_one(ReadingPane)
        if story_id is None or self.current is None or not self._facts_ready():
            return
        if pane.passage is None:
            self.notify("Move to a quote first: ( ) by sentence.", severity="warning")
            return
        quote = quote_at(self.analysis.quotes.get(story_id, ()), self.current.id, *pane.passage)
        if quote is None:
            self.notify("There is no quote under the cursor.", severity="warning")
            return
        screen = QuotesScreen(
            self.workspace, self.analysis, story_id, quote.id, focus_start=quote.start
        )
        self.app.push_screen(screen, self.open_target)

    # Coverage and the saga's events ---------------------------------------------------

    def action_coverage(self) -> None:
        """The story's facts by outlet: who reported what, who left it out."""
        from reader.tui.screens.coverage import CoverageScreen

        story_id = self._story_id()
        if story_id is None or not self._facts_ready():
            return
        reading = self.current.id if self.current else None
        screen = CoverageScreen(self.workspace, self.analysis, story_id, reading)
        self.app.push_screen(screen, self.open_target)

    def _walk_saga(self, step: int) -> None:
        from reader.stories import thread_of

        story = self.analysis.story(self.current.id) if self.analysis and self.current else None
        if story is None:
            self.notify("Stories are still being worked out; try again in a moment.")
            return
        events = thread_of(story, self.analysis.stories)
        if len(events) == 1:
            self.notify("This story is not part of a saga of several events.", timeout=3)
            return
        place = events.index(story) + step
        if not 0 <= place < len(events):
            way = "later" if step > 0 else "earlier"
            self.notify(f"No {way} event in this saga.", timeout=2)
            return
        event = events[place]
        same_outlet = [
            a for a in event.articles if self.workspace.article(a).outlet == self.current.outlet
        ]
        article = self.workspace.article((same_outlet or list(event.articles))[0])
        self.show_raw = False
        self.show_article(article)
        self.query_one(ArticleList).highlight_article(article.id)
        when = f" · {event.date}" if event.date else ""
        self.notify(f"Event {place + 1} of {len(events)}{when}", timeout=3, markup=False)

    def action_next_event(self) -> None:
        self._walk_saga(+1)

    def action_previous_event(self) -> None:
        self._walk_saga(-1)

    # Bookmarks --------------------------------------------------------------------------

    def action_bookmark(self) -> None:
        """Bookmark the passage under the cursor, or the mouse selection in the pane, or else
        the paragraph at the top of the view (shown as the passage)."""
        pane = self.query_one(ReadingPane)
        if self.current is None or self.show_raw:
            self.notify("Switch to reader mode (r) to bookmark a passage.", severity="warning")
            return
        span = pane.passage or self._selected_span(pane) or pane.paragraph_at_top()
        if span is None:
            self.notify("This article has no text to bookmark.", severity="warning")
            return
        if pane.passage is None:
            pane.set_passage(*span, scroll=False)
        try:
            bookmark, saved_to = self.marks.add(self.current, pane.text, *span)
        except (BookmarksError, ValueError) as error:
            self.notify(str(error), title="Not bookmarked", severity="error", markup=False)
            return
        where = ""
        if saved_to != self.marks.store.path:
            where = f"\n{self.marks.problem or f'Saved to {saved_to}'}"
        self.notify(f"Bookmarked: {first_words(bookmark.text, 8)}{where}", markup=False)
        self.show_article(self.current, keep_scroll=True)
        self.refresh_list()

    def action_bookmarks(self) -> None:
        """The bookmarks screen; on return, marks are re-read and the pane redrawn."""
        from reader.tui.screens.bookmarks import BookmarksScreen

        screen = BookmarksScreen(self.marks.store, self.workspace, self.marks.deleted)
        self.app.push_screen(screen, self._bookmarks_closed)

    def _bookmarks_closed(self, target: ArticleTarget | None) -> None:
        self.marks.reload()
        self.refresh_list()
        if self.current:
            self.show_article(self.current, keep_scroll=True)
        self.open_target(target)

    def _selected_span(self, pane: ReadingPane) -> tuple[int, int] | None:
        selected = (self.get_selected_text() or "").strip()
        start = pane.text.find(selected) if selected else -1
        return (start, start + len(selected)) if start >= 0 else None
