"""Bookmarks as the reader sees them: which articles have some, and where their passages are."""

from __future__ import annotations

from pathlib import Path

from reader.bookmarks import (
    Bookmark,
    BookmarksError,
    BookmarkStore,
    locate,
    new_bookmark,
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
        self._article_by_path: dict[Path, str] | None = None
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
            article_id = self._articles_by_path().get(resolved_path(Path(bookmark.path)))
            if article_id:
                self._by_article.setdefault(article_id, []).append(bookmark)
        return self.problem

    def _articles_by_path(self) -> dict[Path, str]:
        """Article ids by resolved path, worked out once and only when there are bookmarks
        (resolving thousands of paths costs a noticeable part of start-up)."""
        if self._article_by_path is None:
            self._article_by_path = {resolved_path(a.path): a.id for a in self.workspace.articles}
        return self._article_by_path

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


def resolved_path(path: Path) -> Path:
    """`path` with symlinks resolved, or as it is when that fails (missing, a loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, on Python 3.11
        return path
