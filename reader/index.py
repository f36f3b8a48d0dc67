"""The embedded index: cleaned articles, quotes and analyses cached in SQLite, plus body search.

One file, `cache_dir()/index.sqlite3`, in WAL mode with a busy timeout and short transactions,
so two newsreader processes can share it. It is only a cache: deleting it is always safe, and
a file SQLite cannot read (corrupt, truncated, not a database) is moved aside to
`index.sqlite3.corrupt` and rebuilt; no index error ever reaches the user as a crash.

Design:

- `files`: one row per article file, keyed by its path, valid while the file's size, mtime_ns
  and content hash (blake2b of the decoded text) and the `version` still match. Site
  furniture makes a file's cleaning depend on its outlet's other pages, so each row also
  records the `furniture_key` (a hash of the furniture set and user phrases it was cleaned
  with) and the `group_key` (a hash of every member of its outlet group, by path, size,
  mtime and hash). When the whole group is unchanged the rows are used as they are; when it
  changed, the caller works out the group's furniture again and keeps the rows whose
  furniture key still matches, so only files whose cleaning can differ are cleaned again.
- The row's quotes are valid for its `quotes_key` (article id, outlet, title, clean text).
- `guesses`: each file's metadata as `load_library` guessed it (title, outlet, date, URL), valid
  while the file's `FileStamp` (path, size, mtime, root) and the library code are unchanged:
  reopening a big library skips the guessing, most of the time it takes to list it.
- `blobs`: pickled cross-article results (stories of a library, facts and quote clusters of a
  story) under keys the caller derives from everything they depend on. Pickle rather than
  JSON because these are graphs of frozen dataclasses owned by the analysis modules, which
  change often: a JSON mapping would have to follow every change, while `version` already
  includes a hash of the analysis code, so a stale pickle is never looked up, and any error
  while unpickling is a cache miss. The file sits in the user's own cache folder, so loading
  a pickle from it trusts nothing the user's own code does not.
- `paragraphs`: clean paragraphs (path, content hash, offset in the clean text), indexed for
  `search` by the FTS5 table `passages` (external content, kept in step by triggers, so a
  file's paragraphs are replaced by path through an ordinary index). Without FTS5 in the
  SQLite build, search reports itself unavailable.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, astuple, dataclass
from pathlib import Path
from typing import Any

from reader.cache_keys import content_hash, guessing_version, version
from reader.clean import CleanedArticle, PageMetadata, RemovedLine
from reader.collector import collector_paused
from reader.library import Article, FileStamp, Guesses
from reader.paths import cache_dir

INDEX_FILE = "index.sqlite3"
SCHEMA_VERSION = 2
"""Bump when the tables change: a file of another schema is discarded and built afresh."""
BUSY_TIMEOUT_MS = 5000
MAX_AGE_SECONDS = 30 * 24 * 3600
"""Rows and blobs not used for this long are pruned."""

_SQL_BATCH = 500
_TOUCH_INTERVAL = 24 * 3600
_MARK_START, _MARK_END = "\ue000", "\ue001"
_WORD = re.compile(r"\w", re.UNICODE)

log = logging.getLogger(__name__)
OPEN_ATTEMPTS = 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    group_key TEXT NOT NULL,
    furniture_key TEXT NOT NULL,
    cleaned TEXT NOT NULL,
    quotes_key TEXT,
    quotes TEXT,
    used_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS guesses (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    root TEXT NOT NULL,
    version TEXT NOT NULL,
    guesses TEXT NOT NULL,
    used_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS guesses_root ON guesses (root);
CREATE TABLE IF NOT EXISTS blobs (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    used_at REAL NOT NULL
);
"""
_FTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS paragraphs (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    start INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS paragraphs_path ON paragraphs (path);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
    body, content = 'paragraphs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS paragraphs_added AFTER INSERT ON paragraphs BEGIN
    INSERT INTO passages (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER IF NOT EXISTS paragraphs_removed AFTER DELETE ON paragraphs BEGIN
    INSERT INTO passages (passages, rowid, body) VALUES ('delete', old.id, old.body);
END;
"""


@dataclass(frozen=True)
class FileKey:
    """What a cached row must match to be used for a file."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str

    @classmethod
    def of(cls, path: Path, text: str) -> FileKey:
        """The key of a file whose decoded text is `text`, by absolute path (stat failures
        give a key that matches no row)."""
        name = os.path.abspath(path)
        try:
            stat = os.stat(name)
        except OSError:
            return cls(storable_path(name), -1, -1, content_hash(text))
        return cls(storable_path(name), stat.st_size, stat.st_mtime_ns, content_hash(text))


def storable_path(name: str) -> str:
    """`name` as SQLite can store it: a file name that is not valid UTF-8 decodes with lone
    surrogates, which cannot be encoded; its odd bytes are written as `\\xNN` instead."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _is_storable(name: str) -> bool:
    return storable_path(name) == name


@dataclass(frozen=True)
class CachedFile:
    """A row of the index, with its cleaned article decoded."""

    key: FileKey
    group_key: str
    furniture_key: str
    cleaned: CleanedArticle
    quotes_key: str | None
    quotes_json: str | None


@dataclass(frozen=True)
class SearchHit:
    """A search match: `start`/`end` index the article's clean text (paragraphs joined by
    a blank line) and lie inside `sentence`, the sentence the match is in."""

    article_path: str
    content_hash: str
    start: int
    end: int
    sentence: str


class Index:
    """The cache and search index in one SQLite file; every method is safe from any thread
    and never raises `sqlite3` errors (a failed read is a miss, a failed write is skipped)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self.search_available = False
        self.search_problem: str | None = "The search index is not open."
        self._open()

    @classmethod
    def open_default(cls) -> Index:
        """The index in the user's cache folder (`$NEWSREADER_CACHE_DIR` when set)."""
        return cls(cache_dir() / INDEX_FILE)

    # Opening, and rebuilding a damaged file ------------------------------------------------

    def _open(self) -> None:
        try:
            self._connect_when_free()
        except sqlite3.DatabaseError as error:
            if _is_busy(error):
                log.warning("index %s stays locked (%s); caching is off", self.path, error)
                self._connection = None
                return
            log.warning("index %s unreadable (%s); rebuilding it", self.path, error)
            self._discard_file()
            try:
                self._connect()
            except sqlite3.DatabaseError as again:
                log.warning("index %s still unusable (%s); caching is off", self.path, again)
                self._connection = None
        except OSError as error:
            log.warning("index folder %s not usable (%s); caching is off", self.path, error)
            self._connection = None

    def _connect_when_free(self) -> None:
        """Connect, waiting while another newsreader holds the file (never a reason to rebuild:
        that would throw away the other instance's work)."""
        for attempt in range(OPEN_ATTEMPTS):
            try:
                self._connect()
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or attempt == OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _connect(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = self._connection_to_current_schema()
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("SELECT count(*) FROM files WHERE 0").fetchall()
            self._enable_search(connection)
        except sqlite3.DatabaseError:
            connection.close()
            raise
        self._connection = connection

    def _connection_to_current_schema(self) -> sqlite3.Connection:
        """A connection to the file, discarded first when it holds another schema's tables."""
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        try:
            found = connection.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            connection.close()
            raise
        if found in (0, SCHEMA_VERSION):
            return connection
        connection.close()
        self._discard_file(keep=False)
        return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    def _enable_search(self, connection: sqlite3.Connection) -> None:
        try:
            connection.executescript(_FTS_SCHEMA)
        except sqlite3.OperationalError as error:
            if "fts5" not in str(error).lower():
                raise
            self.search_available = False
            self.search_problem = "Body search needs SQLite with FTS5, which this Python lacks."
            return
        self.search_available = True
        self.search_problem = None

    def _discard_file(self, keep: bool = True) -> None:
        """Delete the index file and its journals; a damaged one is kept aside, one copy, for a
        bug report."""
        with contextlib.suppress(OSError):
            if keep:
                os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))
            else:
                os.remove(self.path)
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.remove(self.path.with_name(self.path.name + suffix))

    def _recover(self, error: sqlite3.DatabaseError) -> None:
        """After an error mid-session: rebuild when the file is damaged, else just go on."""
        message = str(error).lower()
        if "malformed" not in message and "not a database" not in message:
            log.info("index operation failed: %s", error)
            return
        log.warning("index %s damaged (%s); rebuilding it", self.path, error)
        self.close()
        self._discard_file()
        self._open()

    @contextlib.contextmanager
    def _db(self, what: str, *, wait: bool = True) -> Iterator[sqlite3.Connection | None]:
        """The connection, serialised; `None` when caching is off (or, with `wait=False`, when
        another thread is using it). Errors are logged, and a damaged file is rebuilt, so
        callers only see a miss."""
        if not self._lock.acquire(blocking=wait):
            yield None
            return
        try:
            if self._connection is None:
                yield None
                return
            try:
                yield self._connection
            except sqlite3.DatabaseError as error:
                log.info("index: %s failed", what)
                with contextlib.suppress(sqlite3.Error):
                    self._connection.rollback()
                self._recover(error)
        finally:
            self._lock.release()

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._connection.close()
                self._connection = None

    # Per-file rows ------------------------------------------------------------------------

    def lookup(self, keys: Iterable[FileKey], *, wait: bool = True) -> dict[str, CachedFile]:
        """The valid rows for `keys` (same size, mtime, hash and version), by path; with
        `wait=False`, nothing rather than waiting while another thread writes (the UI)."""
        wanted = {key.path: key for key in keys}
        found: dict[str, CachedFile] = {}
        current = version()
        with self._db("lookup", wait=wait) as db:
            if db is None:
                return found
            for batch in _batches(list(wanted)):
                rows = db.execute(
                    "SELECT path, size, mtime_ns, content_hash, version, group_key,"
                    " furniture_key, cleaned, quotes_key, quotes FROM files"
                    f" WHERE path IN ({_marks(batch)})",
                    batch,
                ).fetchall()
                for row in rows:
                    key = wanted[row[0]]
                    if (row[1], row[2], row[3], row[4]) == (*_stamp(key), current):
                        cached = _decode_row(key, row)
                        if cached is not None:
                            found[key.path] = cached
        return found

    def store(self, rows: Sequence[tuple[FileKey, str, str, CleanedArticle]]) -> None:
        """Save cleaned articles as `(key, group_key, furniture_key, cleaned)`, replacing the
        rows (and search passages) of those paths, in one short transaction."""
        if not rows:
            return
        now = time.time()
        with self._db("store") as db:
            if db is None:
                return
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO files (path, size, mtime_ns, content_hash, version,"
                    " group_key, furniture_key, cleaned, quotes_key, quotes, used_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)",
                    [
                        (key.path, *_stamp(key), version(), group, furniture, _encode(c), now)
                        for key, group, furniture, c in rows
                    ],
                )
                if self.search_available:
                    self._index_passages(db, [(key, cleaned) for key, _, _, cleaned in rows])

    def _index_passages(
        self, db: sqlite3.Connection, articles: Sequence[tuple[FileKey, CleanedArticle]]
    ) -> None:
        db.executemany("DELETE FROM paragraphs WHERE path = ?", [(k.path,) for k, _ in articles])
        db.executemany(
            "INSERT INTO paragraphs (path, content_hash, start, body) VALUES (?, ?, ?, ?)",
            [
                (key.path, key.content_hash, start, paragraph)
                for key, cleaned in articles
                for start, paragraph in _paragraph_starts(cleaned.paragraphs)
            ],
        )

    def mark_group(self, paths_and_keys: Sequence[tuple[str, str]]) -> None:
        """Record `(path, group_key)`: rows found still valid for their outlet's new group."""
        with self._db("mark_group") as db:
            if db is None or not paths_and_keys:
                return
            with db:
                db.executemany(
                    "UPDATE files SET group_key = ?, used_at = ? WHERE path = ?",
                    [(group, time.time(), path) for path, group in paths_and_keys],
                )

    def store_quotes(self, entries: Sequence[tuple[FileKey, str, Sequence[Any]]]) -> None:
        """Save each file's extracted quotes (dataclasses) under their `quotes_key`, each
        file's JSON made as it is written (not all of the library's at once)."""
        with self._db("store_quotes") as db:
            if db is None or not entries:
                return
            with db:
                db.executemany(
                    "UPDATE files SET quotes_key = ?, quotes = ?"
                    " WHERE path = ? AND content_hash = ?",
                    (
                        (
                            quotes_key,
                            json.dumps([asdict(q) for q in quotes]),
                            k.path,
                            k.content_hash,
                        )
                        for k, quotes_key, quotes in entries
                    ),
                )

    # Guessed metadata ------------------------------------------------------------------------

    def known_guesses(self, roots: Iterable[str]) -> dict[FileStamp, Guesses]:
        """The metadata kept for files under `roots` (absolute folders), by file stamp."""
        found: dict[FileStamp, Guesses] = {}
        current = guessing_version()
        with self._db("known_guesses") as db:
            if db is None:
                return found
            for batch in _batches(sorted(set(roots))):
                rows = db.execute(
                    "SELECT path, size, mtime_ns, ctime_ns, inode, root, guesses FROM guesses"
                    f" WHERE version = ? AND root IN ({_marks(batch)})",
                    [current, *batch],
                )
                for *stamp, fields in rows:
                    guesses = _decode_guesses(fields)
                    if guesses is not None:
                        found[FileStamp(*stamp)] = guesses
        return found

    def remember_guesses(self, articles: Iterable[Article], known: Iterable[FileStamp]) -> None:
        """Keep the metadata of `articles` not among `known`, and mark the known as used."""
        now = time.time()
        known = set(known)
        stamped = [  # a file name that is not UTF-8 is not kept: it is guessed again next time
            (article.stamp, article)
            for article in articles
            if article.stamp is not None
            and _is_storable(article.stamp.path)
            and _is_storable(article.stamp.root)
        ]
        fresh = [
            (*astuple(stamp), guessing_version(), _encode_guesses(article.guesses), now)
            for stamp, article in stamped
            if stamp not in known
        ]
        used = [(now, stamp.path, now - _TOUCH_INTERVAL) for stamp, _ in stamped if stamp in known]
        with self._db("remember_guesses") as db:
            if db is None:
                return
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO guesses (path, size, mtime_ns, ctime_ns, inode,"
                    " root, version, guesses, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    fresh,
                )
                db.executemany(
                    "UPDATE guesses SET used_at = ? WHERE path = ? AND used_at < ?", used
                )

    # Blobs ---------------------------------------------------------------------------------

    def get_blobs(self, keys: Iterable[str]) -> dict[str, Any]:
        """The unpickled blobs found for `keys`; a blob that fails to unpickle is a miss."""
        found: dict[str, Any] = {}
        with self._db("get_blobs") as db:
            if db is None:
                return found
            for batch in _batches(list(dict.fromkeys(keys))):
                rows = db.execute(
                    f"SELECT key, value FROM blobs WHERE key IN ({_marks(batch)})", batch
                ).fetchall()
                with collector_paused():
                    found.update(_unpickled(rows))
        return found

    def blob_keys(self, keys: Iterable[str]) -> set[str]:
        """Those of `keys` the index holds a blob for (without reading the blobs)."""
        found: set[str] = set()
        with self._db("blob_keys") as db:
            if db is None:
                return found
            for batch in _batches(list(dict.fromkeys(keys))):
                rows = db.execute(f"SELECT key FROM blobs WHERE key IN ({_marks(batch)})", batch)
                found.update(key for (key,) in rows)
        return found

    def put_blobs(self, blobs: Mapping[str, Any]) -> bool:
        """Pickle and save `blobs` by key in one transaction; False when they were not saved."""
        return self.put_pickled(
            {key: pickle.dumps(value, pickle.HIGHEST_PROTOCOL) for key, value in blobs.items()}
        )

    def put_pickled(self, blobs: Mapping[str, bytes]) -> bool:
        """Save blobs pickled already, by key, in one transaction; False when not saved."""
        if not blobs:
            return True
        now = time.time()
        saved = False
        with self._db("put_blobs") as db:
            if db is None:
                return False
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO blobs (key, value, used_at) VALUES (?, ?, ?)",
                    [(key, value, now) for key, value in blobs.items()],
                )
            saved = True
        return saved

    def touch(self, paths: Iterable[str] = (), blob_keys: Iterable[str] = ()) -> None:
        """Mark rows and blobs as used, so `prune` keeps them (written at most once a day)."""
        now = time.time()
        with self._db("touch") as db:
            if db is None:
                return
            with db:
                for table, column, keys in (("files", "path", paths), ("blobs", "key", blob_keys)):
                    db.executemany(
                        f"UPDATE {table} SET used_at = ? WHERE {column} = ? AND used_at < ?",
                        [(now, key, now - _TOUCH_INTERVAL) for key in keys],
                    )

    def prune(self, max_age: float = MAX_AGE_SECONDS) -> None:
        """Forget rows and blobs nobody used for `max_age` seconds (other libraries, old runs)."""
        cutoff = time.time() - max_age
        with self._db("prune") as db:
            if db is None:
                return
            with db:
                stale = [
                    r[0] for r in db.execute("SELECT path FROM files WHERE used_at < ?", (cutoff,))
                ]
                db.execute("DELETE FROM files WHERE used_at < ?", (cutoff,))
                db.execute("DELETE FROM blobs WHERE used_at < ?", (cutoff,))
                db.execute("DELETE FROM guesses WHERE used_at < ?", (cutoff,))
                if self.search_available and stale:
                    db.executemany("DELETE FROM paragraphs WHERE path = ?", [(p,) for p in stale])

    # Search --------------------------------------------------------------------------------

    def search(
        self, query: str, limit: int = 50, only: Mapping[str, str] | None = None
    ) -> list[SearchHit]:
        """Paragraphs matching every word of `query`, best first, as sentence-level hits.

        The user's words are quoted, so FTS syntax (`"`, `*`, `AND`, `NEAR(`) is just text;
        a word ending in `*` stays a prefix search. `only` maps path to content hash: hits in
        other files, or in other versions of them, are left out. Returns [] when search is
        unavailable (see `search_problem`) or the query has no words.
        """
        match = fts_query(query)
        if not match or not self.search_available or limit <= 0:
            return []
        hits: list[SearchHit] = []
        with self._db("search") as db:
            if db is None:
                return hits
            cursor = db.execute(
                "SELECT p.path, p.content_hash, p.start,"
                f" highlight(passages, 0, '{_MARK_START}', '{_MARK_END}')"
                " FROM passages JOIN paragraphs AS p ON p.id = passages.rowid"
                " WHERE passages MATCH ? ORDER BY passages.rank",
                (match,),
            )
            for path, hashed, start, marked in cursor:
                if only is not None and only.get(path) != hashed:
                    continue
                hit = _hit(path, hashed, start, marked)
                if hit is not None:
                    hits.append(hit)
                if len(hits) >= limit:
                    break
        return hits


def _unpickled(rows: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, Any]]:
    for key, value in rows:
        try:
            yield key, pickle.loads(value)
        except Exception:  # any unpickling failure is a miss, never a crash
            log.info("index: blob %s unreadable", key)


def fts_query(text: str) -> str:
    """The user's search words as an FTS5 query: each word a quoted string (so nothing is
    syntax), all required; a trailing `*` makes a prefix search."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if not _WORD.search(word):
            continue
        terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms)


def _hit(path: str, hashed: str, start: int, marked: str) -> SearchHit | None:
    """A hit from a highlighted paragraph: the first match, inside its sentence."""
    from reader.text import split_sentences

    first = marked.find(_MARK_START)
    if first < 0:
        return None
    close = marked.find(_MARK_END, first)
    plain = marked.replace(_MARK_START, "").replace(_MARK_END, "")
    match_start = first
    match_end = close - 1 if close > 0 else first
    sentence = next(
        (s for s in split_sentences(plain) if s.start <= match_start < s.end),
        None,
    )
    text = plain[sentence.start : sentence.end] if sentence else plain
    return SearchHit(path, hashed, start + match_start, start + match_end, text)


def _paragraph_starts(paragraphs: Sequence[str]) -> Iterator[tuple[int, str]]:
    """Each paragraph with its offset in the clean text (paragraphs joined by "\\n\\n")."""
    offset = 0
    for paragraph in paragraphs:
        yield offset, paragraph
        offset += len(paragraph) + 2


def _stamp(key: FileKey) -> tuple[int, int, str]:
    return key.size, key.mtime_ns, key.content_hash


def _encode(cleaned: CleanedArticle) -> str:
    return json.dumps(
        {
            "paragraphs": list(cleaned.paragraphs),
            "removed": [[r.line, r.text, r.reason] for r in cleaned.removed],
            "metadata": asdict(cleaned.metadata),
        },
        ensure_ascii=False,
    )


def _decode_row(key: FileKey, row: Sequence[Any]) -> CachedFile | None:
    try:
        data = json.loads(row[7])
        cleaned = CleanedArticle(
            paragraphs=tuple(data["paragraphs"]),
            removed=tuple(RemovedLine(*r) for r in data["removed"]),
            metadata=PageMetadata(**data["metadata"]),
        )
    except (ValueError, TypeError, KeyError):
        return None
    return CachedFile(key, row[5], row[6], cleaned, row[8], row[9])


def _encode_guesses(guesses: Guesses) -> str:
    return json.dumps(astuple(guesses), ensure_ascii=False)


def _decode_guesses(fields: str) -> Guesses | None:
    try:
        return Guesses(*json.loads(fields))
    except (ValueError, TypeError):
        return None


def _batches(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _SQL_BATCH):
        yield items[start : start + _SQL_BATCH]


def _marks(batch: Sequence[object]) -> str:
    return ", ".join("?" * len(batch))


def _is_busy(error: sqlite3.DatabaseError) -> bool:
    """True when SQLite says another connection holds the file, not that the file is bad."""
    return isinstance(error, sqlite3.OperationalError) and (
        "locked" in str(error) or "busy" in str(error)
    )
