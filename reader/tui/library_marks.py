"""Fetched articles as the list shows them: new, updated or unread, and read once opened.

The state lives in the library's index (reader/store.py); articles that were not fetched
(files of the reader's own folders) have no marks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.library import Article
from reader.paths import library_dir
from reader.store import Store, StoredArticle

NEW_MARKER = "● "
UPDATED_MARKER = "↻ "
UNREAD_MARKER = "○ "


class LibraryMarks:
    """The store's read state for the articles of one workspace; opened only when the
    library folder exists (starting the app creates nothing)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or library_dir()
        self.store: Store | None = None
        self._by_path: dict[Path, StoredArticle] = {}

    def reload(self) -> None:
        if self.store is None and (self.root / ".newsreader").is_dir():
            self.store = Store(self.root)
        self._by_path = self.store.marks() if self.store else {}

    def stored(self, article: Article) -> StoredArticle | None:
        return self._by_path.get(_resolved(article.path)) if self._by_path else None

    def marker(self, article: Article) -> str:
        stored = self.stored(article)
        if stored is None or stored.read:
            return ""
        if stored.status == "updated":
            return UPDATED_MARKER
        return NEW_MARKER if stored.status == "new" else UNREAD_MARKER

    def markers(self, articles: list[Article]) -> dict[str, str]:
        if not self._by_path:
            return {}
        return {a.id: marker for a in articles if (marker := self.marker(a))}

    def is_unread(self, article: Article) -> bool:
        stored = self.stored(article)
        return stored is not None and not stored.read

    def set_read(self, article: Article, read: bool = True) -> bool:
        """Mark a fetched article read or unread; False for an article that was not fetched."""
        stored = self.stored(article)
        if stored is None or self.store is None or stored.read == read:
            return stored is not None
        self.store.mark_read([article.path], read)
        status = "" if read else stored.status
        self._by_path[_resolved(article.path)] = replace(stored, read=read, status=status)
        return True

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
