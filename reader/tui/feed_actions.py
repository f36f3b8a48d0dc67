"""The reader's feed keys: fetch (R), read state (u, U), the feeds screen (F), versions (v).

A mixin of `ReaderScreen` (reader/tui/screens/reader.py), which holds the workspace, the
list and the progress line these use; kept apart so the reader screen stays about reading.
"""

from __future__ import annotations

import contextlib

from textual import work
from textual.widgets.option_list import OptionDoesNotExist

from reader.library import Article
from reader.tui.bookmarking import BookmarkIndex
from reader.tui.widgets.article_list import ArticleList, article_prompt
from reader.workspace import Workspace


class FeedActions:
    """Needs from the screen: workspace, marks, library_marks, analysis, current, refreshing,
    refresh_list, show_article, analyse, list_markers, _progress_from_thread."""

    def action_refresh_feeds(self) -> None:
        """Fetch every feed in the background; new articles join the list when done."""
        if self.refreshing:
            self.notify("Already fetching; the progress is under the list.")
            return
        self.refreshing = True
        self.query_one("#progress").display = True
        self._refresh_worker()

    @work(thread=True, exclusive=True, group="refresh")
    def _refresh_worker(self) -> None:
        from reader.subscriptions import SubscriptionsError
        from reader.tui.refreshing import fetch_and_reload

        try:
            refreshed = fetch_and_reload(self.app.library_paths, self._progress_from_thread)
        except (SubscriptionsError, OSError) as error:
            self.app.call_from_thread(self._refresh_failed, str(error))
            return
        self.app.call_from_thread(self._refresh_done, refreshed)

    def _refresh_failed(self, message: str) -> None:
        self.refreshing = False
        self.query_one("#progress").display = self.analysis is None
        self.notify(message, title="Cannot fetch", severity="error", timeout=15, markup=False)

    def _refresh_done(self, refreshed) -> None:  # noqa: ANN001 - a tui.refreshing.Refreshed
        from reader.tui.refreshing import summary

        self.refreshing = False
        self.notify(summary(refreshed.report), timeout=6, markup=False)
        if not refreshed.report.of_kind("added") and not refreshed.report.of_kind("updated"):
            self.query_one("#progress").display = self.analysis is None
            self.library_marks.reload()
            return
        self.workspace.stop()
        workspace = Workspace(
            refreshed.library, self.workspace.extra_phrases, index=self.workspace.index
        )
        self.app.library, self.app.library_paths = refreshed.library, refreshed.paths
        self.app.workspace = workspace
        self.workspace = workspace
        self.marks = BookmarkIndex(self.marks.store, workspace)
        self.marks.reload()
        self.library_marks.reload()
        self.analysis = None
        if self.current is not None:
            self.current = workspace.library.by_id().get(self.current.id)
        self.refresh_list()
        if self.current is not None:
            self.show_article(self.current, keep_scroll=True)
        self.analyse()

    def _set_read(self, article: Article, read: bool) -> bool:
        """Mark a fetched article read or unread and redraw its line; False if not fetched."""
        if not self.library_marks.set_read(article, read):
            return False
        markers = self.list_markers()
        with contextlib.suppress(OptionDoesNotExist):
            self.query_one(ArticleList).replace_option_prompt(
                article.id, article_prompt(article, markers.get(article.id, ""))
            )
        return True

    def action_toggle_read(self) -> None:
        if self.current is None:
            return
        unread = self.library_marks.is_unread(self.current)
        if not self._set_read(self.current, unread):
            self.notify("Only fetched articles have a read state.", severity="warning")
            return
        self.notify("Marked read" if unread else "Marked unread", timeout=2)

    def action_next_unread(self) -> None:
        """Open the next unread fetched article after the highlighted one (wrapping round)."""
        article_list = self.query_one(ArticleList)
        options = article_list.options
        start = article_list.highlighted if article_list.highlighted is not None else -1
        order = [*range(start + 1, len(options)), *range(0, start + 1)]
        for index in order:
            option_id = options[index].id
            if option_id and self.library_marks.is_unread(self.workspace.article(option_id)):
                article_list.highlighted = index
                article = self.workspace.article(option_id)
                self.show_article(article)
                self._set_read(article, True)
                return
        self.notify("No unread articles.", timeout=2)

    def action_feeds(self) -> None:
        from reader.feed_status import feed_rows
        from reader.subscriptions import SubscriptionsError
        from reader.tui.screens.feeds import FeedsScreen

        try:
            rows, problem = feed_rows(), None
        except (SubscriptionsError, OSError) as error:
            rows, problem = [], str(error)
        self.app.push_screen(FeedsScreen(rows, problem))

    def action_versions(self) -> None:
        """The word diff of an updated article's previous version against this one."""
        from reader.tui.screens.versions import VersionsScreen

        stored = self.library_marks.stored(self.current) if self.current else None
        store = self.library_marks.store
        earlier = store.versions(stored.path) if stored is not None and store else []
        if self.current is None or not earlier:
            message = (
                "This article has one version only."
                if stored is not None
                else "Only articles fetched from the web have versions."
            )
            self.notify(message, timeout=3)
            return
        current = self.workspace.cleaned(self.current.id).text
        screen = VersionsScreen(
            self.current.title, earlier[-1].text, current, earlier[-1].fetched, stored.versions
        )
        self.app.push_screen(screen)
