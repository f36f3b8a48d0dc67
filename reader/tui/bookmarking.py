"""Bookmarks as the reader sees them: which articles have some, and where their passages are."""

from __future__ import annotations

from pathlib import Path

from reader.bookmarks import (
    ArticleFinder,
    Bookmark,
    BookmarksError,
    BookmarkStore,
    locate,
    new_bookmark,
    resolved_path,
)
from reader.library import Article
from reader.tui.render import StyleSpan
from reader.workspace import Workspace

BOOKMARK_STYLE = "underline $success"
BOOKMARK_MARKER = "★ "


class BookmarkIndex:
    """The bookmarks file, read once and after each change, indexed by article of the library."""

    def __init__(self, store: BookmarkStore, workspace: Workspace) -> None:
        self.store = store
        self.workspace = workspace
        self._finder = ArticleFinder(workspace.articles)
        self._by_article: dict[str, list[Bookmark]] = {}
        self.problem: str | None = None
        self.deleted: list[Bookmark] = []
        """Bookmarks deleted on the bookmarks screen this session, newest last (its undo)."""

    def reload(self) -> str | None:
        """Re-read the file; returns a message for the user when it cannot be used."""
        self._by_article = {}
        try:
            bookmarks = self.store.load()
        except BookmarksError as error:
            self.problem = self.store.message or str(error)
            return self.problem
        self.problem = self.store.message
        for bookmark in bookmarks:
            article = self._finder.find(bookmark)
            if article is not None:
                self._by_article.setdefault(article.id, []).append(bookmark)
        return self.problem

    def find(self, bookmark: Bookmark) -> Article | None:
        """The library's article of `bookmark` (see `ArticleFinder`)."""
        return self._finder.find(bookmark)

    def article_ids(self) -> set[str]:
        return set(self._by_article)

    def spans_for(self, article_id: str, text: str) -> list[StyleSpan]:
        """Where this article's bookmarked passages are in its clean text, found again."""
        spans = []
        for bookmark in self._by_article.get(article_id, []):
            found = locate(bookmark, text)
            if found:
                spans.append((*found, BOOKMARK_STYLE))
        return spans

    def add(self, article: Article, text: str, start: int, end: int) -> tuple[Bookmark, Path]:
        """Save text[start:end] of `article`; returns the bookmark and the file it went to.

        Raises `BookmarksError` when it cannot be saved anywhere.
        """
        bookmark = article_bookmark(article, text, start, end)
        saved_to = self.store.add(bookmark)
        self.reload()
        return bookmark, saved_to


def article_bookmark(article: Article, text: str, start: int, end: int, note: str = "") -> Bookmark:
    """A new bookmark of `text[start:end]` of `article`'s clean text, with its source."""
    return new_bookmark(
        text,
        start,
        end,
        title=article.title,
        outlet=article.outlet,
        date=article.date or "",
        url=article.url or "",
        path=resolved_path(article.path),
        note=note,
    )
