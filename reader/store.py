"""The library of fetched articles: one HTML file per article, its facts in a sidecar beside it.

    LIBRARY/<outlet>/<title-slug>-<hash>.html        the page as fetched (decoded to UTF-8)
    LIBRARY/<outlet>/<title-slug>-<hash>.meta.json   URL, feed, fetch time, title, date, author
    LIBRARY/.versions/<outlet>/<title-slug>-<hash>/  earlier versions (page and extracted text)
    LIBRARY/.newsreader/state.sqlite                 the library's index: which URL is which
                                                     file, feeds' fetch state, read state

The files are the truth and the index can be rebuilt from the sidecars: every write is atomic
and the page is written before its sidecar, so a fetch killed at any moment leaves whole files
only, and what it wrote is found again on the next open. The `<hash>` comes from the canonical
URL, so an article fetched again lands on its own file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.atomic import remove_stale_temp_files, write_atomic
from reader.library import SIDECAR_SUFFIX

if TYPE_CHECKING:  # the fetcher's modules load when it runs, not with the app
    from reader.pages import Page

STATE_FOLDER = ".newsreader"
MIN_WORDS_FOR_SAME_CONTENT = 50
"""Shorter texts (a paywall's teaser, a cookie wall) are alike across different articles, so
they are never taken for copies of each other."""
VERSIONS_FOLDER = ".versions"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    canonical TEXT UNIQUE NOT NULL,
    content_hash TEXT NOT NULL,
    feed TEXT,
    fetched TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    read INTEGER NOT NULL DEFAULT 0,
    versions INTEGER NOT NULL DEFAULT 1,
    etag TEXT,
    last_modified TEXT
);
CREATE INDEX IF NOT EXISTS articles_by_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS links (
    link TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    stamp TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    last_fetch TEXT,
    last_success TEXT,
    status TEXT NOT NULL DEFAULT 'never fetched',
    error TEXT,
    etag TEXT,
    last_modified TEXT,
    fresh_until REAL NOT NULL DEFAULT 0,
    retry_at REAL NOT NULL DEFAULT 0,
    gone INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass(frozen=True)
class StoredArticle:
    """An article file in the library and what the index knows of it."""

    path: Path
    canonical: str
    content_hash: str
    feed: str | None
    fetched: str
    status: str
    read: bool
    versions: int
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Saved:
    """What saving a page did: added, updated (a new version), unchanged, or duplicate (the
    same text as another article already in the library)."""

    kind: str
    path: Path


@dataclass(frozen=True)
class FeedState:
    url: str
    last_fetch: str | None = None
    last_success: str | None = None
    status: str = "never fetched"
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fresh_until: float = 0.0
    retry_at: float = 0.0
    gone: bool = False


@dataclass(frozen=True)
class Version:
    """One earlier version of an article: when it was fetched and its extracted text."""

    fetched: str
    text: str


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def content_key(text: str) -> str:
    """A hash of the words of `text`, case and spacing ignored: equal for equal content."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]


def sidecar_path(article_path: Path) -> Path:
    name = article_path.name
    stem = name[: -len(".html")] if name.endswith(".html") else article_path.stem
    return article_path.with_name(stem + SIDECAR_SUFFIX)


def read_sidecar(article_path: Path) -> dict | None:
    """The sidecar of an article file as a dict, None if there is none or it is unreadable."""
    try:
        data = json.loads(sidecar_path(article_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


class Store:
    """The library folder. Safe to use from several threads (one connection, one lock) and
    from several processes (SQLite's own locking)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).expanduser()
        self._lock = threading.RLock()
        self.root.mkdir(parents=True, exist_ok=True)
        state = self.root / STATE_FOLDER
        state.mkdir(exist_ok=True)
        self._db = sqlite3.connect(
            state / "state.sqlite", timeout=30, check_same_thread=False, isolation_level=None
        )
        with suppress(sqlite3.DatabaseError):
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self.reconcile()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # Keeping the index true to the files ------------------------------------------------

    def reconcile(self) -> int:
        """Index the sidecars the index does not know (a fetch killed between writing an
        article and recording it), drop rows whose file is gone, remove stale temp files.
        Returns how many articles were indexed again."""
        remove_stale_temp_files(self.root)
        with self._lock:
            known = {row[0] for row in self._db.execute("SELECT path FROM articles")}
        on_disk: dict[str, Path] = {}
        for sidecar in self.root.rglob("*" + SIDECAR_SUFFIX):
            if any(part.startswith(".") for part in sidecar.relative_to(self.root).parts):
                continue
            article = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)] + ".html")
            if article.is_file():
                on_disk[self._relative(article)] = article
        found = 0
        with self._transaction() as db:
            for relative in known - set(on_disk):
                db.execute("DELETE FROM articles WHERE path = ?", (relative,))
                db.execute("DELETE FROM links WHERE path = ?", (relative,))
            for relative in set(on_disk) - known:
                data = read_sidecar(on_disk[relative]) or {}
                if not isinstance(data.get("url"), str):
                    continue
                db.execute(
                    "INSERT OR REPLACE INTO articles (path, canonical, content_hash, feed,"
                    " fetched, status, versions) VALUES (?, ?, ?, ?, ?, 'new', ?)",
                    (
                        relative,
                        data["url"],
                        str(data.get("content_hash", "")),
                        data.get("feed"),
                        str(data.get("fetched", "")),
                        1 + len(data.get("versions") or []),
                    ),
                )
                found += 1
        return found

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _inside(self, path: Path) -> str | None:
        """`path` relative to the library, None when it is not in it."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    # Articles ---------------------------------------------------------------------------

    def articles(self) -> list[StoredArticle]:
        with self._lock:
            rows = self._db.execute(
                "SELECT path, canonical, content_hash, feed, fetched, status, read, versions,"
                " etag, last_modified FROM articles ORDER BY fetched, path"
            ).fetchall()
        return [self._article(row) for row in rows]

    def _article(self, row: tuple) -> StoredArticle:
        return StoredArticle(self.root / row[0], *row[1:6], bool(row[6]), *row[7:])

    def by_canonical(self, canonical: str) -> StoredArticle | None:
        return self._one("canonical = ?", canonical)

    def by_path(self, path: Path) -> StoredArticle | None:
        relative = self._inside(path)
        return self._one("path = ?", relative) if relative else None

    def _one(self, where: str, value: str) -> StoredArticle | None:
        with self._lock:
            row = self._db.execute(
                "SELECT path, canonical, content_hash, feed, fetched, status, read, versions,"
                f" etag, last_modified FROM articles WHERE {where}",
                (value,),
            ).fetchone()
        return self._article(row) if row else None

    def link(self, link: str) -> tuple[StoredArticle, str] | None:
        """The article an entry link (canonical form) led to, and the entry's stamp then."""
        with self._lock:
            row = self._db.execute(
                "SELECT path, stamp FROM links WHERE link = ?", (link,)
            ).fetchone()
        if row is None:
            return None
        article = self._one("path = ?", row[0])
        return (article, row[1]) if article else None

    def remember_link(self, link: str, path: Path, stamp: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO links (link, path, stamp) VALUES (?, ?, ?)",
                (link, self._relative(path), stamp),
            )

    def save(
        self,
        page: Page,
        *,
        feed: str | None = None,
        feed_name: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Saved:
        """Store `page`: a new article, a new version of one, or nothing (same text)."""
        digest = content_key(page.text)
        existing = self.by_canonical(page.canonical)
        if existing is not None:
            if existing.content_hash == digest:
                self._set_validators(existing.path, etag, last_modified)
                return Saved("unchanged", existing.path)
            self._new_version(existing, page, digest, feed, feed_name, etag, last_modified)
            return Saved("updated", existing.path)
        twin = None
        if len(page.text.split()) >= MIN_WORDS_FOR_SAME_CONTENT:
            with self._lock:
                twin = self._db.execute(
                    "SELECT path FROM articles WHERE content_hash = ?", (digest,)
                ).fetchone()
        if twin:
            return Saved("duplicate", self.root / twin[0])
        path = self._path_for(page)
        self._write(path, page, digest, feed, feed_name, versions=[])
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO articles (path, canonical, content_hash, feed, fetched,"
                " status, read, versions, etag, last_modified)"
                " VALUES (?, ?, ?, ?, ?, 'new', 0, 1, ?, ?)",
                (
                    self._relative(path),
                    page.canonical,
                    digest,
                    feed,
                    now_iso(),
                    etag,
                    last_modified,
                ),
            )
        return Saved("added", path)

    def _new_version(
        self,
        existing: StoredArticle,
        page: Page,
        digest: str,
        feed: str | None,
        feed_name: str | None,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        old = read_sidecar(existing.path) or {}
        versions = list(old.get("versions") or [])
        folder = self._versions_folder(existing.path)
        number = len(versions) + 1
        old_html = existing.path.read_text(encoding="utf-8", errors="replace")
        from reader.pages import extract

        old_text = extract(old_html, str(old.get("fetched_from") or page.url)).text
        write_atomic(folder / f"{number}.html", old_html)
        write_atomic(folder / f"{number}.txt", old_text)
        versions.append(
            {
                "fetched": old.get("fetched", existing.fetched),
                "page": (folder / f"{number}.html").relative_to(self.root).as_posix(),
                "text": (folder / f"{number}.txt").relative_to(self.root).as_posix(),
            }
        )
        self._write(existing.path, page, digest, feed or existing.feed, feed_name, versions)
        with self._transaction() as db:
            db.execute(
                "UPDATE articles SET content_hash = ?, fetched = ?, status = 'updated', read = 0,"
                " versions = ?, etag = ?, last_modified = ? WHERE path = ?",
                (
                    digest,
                    now_iso(),
                    len(versions) + 1,
                    etag,
                    last_modified,
                    self._relative(existing.path),
                ),
            )

    def _set_validators(self, path: Path, etag: str | None, last_modified: str | None) -> None:
        if etag or last_modified:
            with self._transaction() as db:
                db.execute(
                    "UPDATE articles SET etag = ?, last_modified = ? WHERE path = ?",
                    (etag, last_modified, self._relative(path)),
                )

    def _versions_folder(self, path: Path) -> Path:
        relative = Path(self._relative(path))
        return self.root / VERSIONS_FOLDER / relative.parent / relative.name.removesuffix(".html")

    def _path_for(self, page: Page) -> Path:
        """`<outlet>/<title-slug>-<hash of the canonical URL>.html`; the file already holding
        that hash (written by a fetch that was killed before recording it) when there is one."""
        folder = self.root / (_slug(page.outlet, 40) or "web")
        tag = hashlib.sha256(page.canonical.encode("utf-8")).hexdigest()[:10]
        earlier = sorted(folder.glob(f"*-{tag}.html")) if folder.is_dir() else []
        return (
            earlier[0] if earlier else folder / f"{_slug(page.title, 60) or 'article'}-{tag}.html"
        )

    def _write(
        self,
        path: Path,
        page: Page,
        digest: str,
        feed: str | None,
        feed_name: str | None,
        versions: list,
    ) -> None:
        sidecar = {
            "url": page.canonical,
            "fetched_from": page.url,
            "feed": feed,
            "feed_name": feed_name,
            "fetched": now_iso(),
            "title": page.title,
            "outlet": page.outlet,
            "date": page.date,
            "author": page.author,
            "charset": page.encoding,
            "content_hash": digest,
            "versions": versions,
        }
        write_atomic(path, page.html)
        write_atomic(sidecar_path(path), json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n")

    def versions(self, path: Path) -> list[Version]:
        """The earlier versions of an article, oldest first (the current one not included)."""
        data = read_sidecar(path) or {}
        found = []
        for version in data.get("versions") or []:
            with suppress(OSError, TypeError, KeyError):
                text = (self.root / version["text"]).read_text(encoding="utf-8")
                found.append(Version(str(version.get("fetched", "")), text))
        return found

    # Read state -------------------------------------------------------------------------

    def mark_read(self, paths: Iterable[Path], read: bool = True) -> None:
        relatives = [relative for path in paths if (relative := self._inside(path))]
        with self._transaction() as db:
            for relative in relatives:
                if read:
                    db.execute(
                        "UPDATE articles SET read = 1, status = '' WHERE path = ?", (relative,)
                    )
                else:
                    db.execute("UPDATE articles SET read = 0 WHERE path = ?", (relative,))

    def marks(self) -> dict[Path, StoredArticle]:
        """Every stored article by its resolved path (for the app's unread/new/updated marks)."""
        return {article.path.resolve(): article for article in self.articles()}

    # Feeds' fetch state -----------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState:
        with self._lock:
            row = self._db.execute(
                "SELECT url, last_fetch, last_success, status, error, etag, last_modified,"
                " fresh_until, retry_at, gone FROM feeds WHERE url = ?",
                (url,),
            ).fetchone()
        if row is None:
            return FeedState(url)
        return FeedState(*row[:9], gone=bool(row[9]))

    def record_feed(self, state: FeedState) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO feeds (url, last_fetch, last_success, status, error,"
                " etag, last_modified, fresh_until, retry_at, gone)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    state.url,
                    state.last_fetch,
                    state.last_success,
                    state.status,
                    state.error,
                    state.etag,
                    state.last_modified,
                    state.fresh_until,
                    state.retry_at,
                    int(state.gone),
                ),
            )

    def forget_feed(self, url: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM feeds WHERE url = ?", (url,))

    def article_counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT feed, COUNT(*) FROM articles WHERE feed IS NOT NULL GROUP BY feed"
            ).fetchall()
        return dict(rows)


def _slug(text: str, limit: int) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")
