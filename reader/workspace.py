"""A loaded library and everything worked out from it: clean text, stories, facts, quotes.

The app and the CLI hold one `Workspace`, the facade over the pipeline. Cleaning is done on
demand for the article on screen, and for the whole library by `analyse`, which reports
progress so a UI can show it: every article cleaned outlet by outlet (so repeated site
furniture is found), then the cross-article stages (`reader.pipeline`).

With an `Index`, results are cached per file and per story under keys that say when they are
stale (`reader.cache_keys`), so a reopen only works on what changed. The work itself is done
by the tasks of `reader.tasks` through a `reader.runner.Runner`: in worker processes for a big
library, in the calling thread for a small one. The calling thread writes the cache (cleaned
rows through a writer thread) and keeps the cleaned articles; a big library's raw texts are
let go once cleaned (`Library.release_raw`; `raw_view` reads them again).
"""

from __future__ import annotations

import contextlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.analysis import Analysis, CleanDoc
from reader.cache_keys import content_hash, furniture_key, group_key
from reader.clean import CleanedArticle, RemovedLine, clean_article_file
from reader.index import CachedFile, FileKey, Index
from reader.library import Article, Library
from reader.pipeline import Progress, StoryPipeline
from reader.runner import (
    AnalysisStopped,
    Runner,
    Task,
    default_workers,
    packed,
    return_freed_memory,
    unpacked,
)
from reader.tasks import clean_task, furniture_task, story_result

if TYPE_CHECKING:
    from reader.stories import Story
    from reader.story_results import StoryResult

__all__ = ["Analysis", "AnalysisStopped", "BodyHit", "CleanDoc", "Progress", "Workspace"]

RAW_RELEASED_FROM = 300
"""Libraries of this many articles keep no raw text in memory once cleaned (see `raw_view`)."""
CLEAN_CHUNK = 40
"""Articles per cleaning task."""
STORE_BATCH = 200
"""Cleaned rows written to the index at a time."""


def _no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""


@dataclass(frozen=True)
class BodyHit:
    """A body-search match in the library: `text[start:end]` of the article's clean text is
    the matched word, inside `sentence`."""

    article_id: str
    start: int
    end: int
    sentence: str


class Workspace:
    """The library plus a cache of cleaned articles; safe to fill from one worker thread."""

    def __init__(
        self,
        library: Library,
        extra_phrases: Sequence[str] = (),
        index: Index | None = None,
        workers: int | None = None,
    ) -> None:
        self.library = library
        self.extra_phrases = tuple(extra_phrases)
        self.index = index
        self.workers = workers if workers is not None else default_workers(len(library.articles))
        self._by_id = library.by_id()
        self._cleaned: dict[str, CleanedArticle] = {}
        self._provisional: dict[str, CleanedArticle] = {}
        """Articles cleaned alone (or taken from the index) before the library-wide pass."""
        self._keys: dict[str, FileKey] = {}
        self._cached_quotes: dict[str, tuple[str | None, str | None]] = {}
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._active_runner: Runner | None = None

    @property
    def articles(self) -> list[Article]:
        return self.library.articles

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def cleaned(self, article_id: str) -> CleanedArticle:
        """The cleaned article: from the library-wide pass when done, else from the index
        (as cleaned last time), else cleaned alone now."""
        with self._lock:
            found = self._cleaned.get(article_id) or self._provisional.get(article_id)
        if found is None:
            found = self._clean_alone(self.article(article_id))
            with self._lock:
                self._provisional[article_id] = found
        return found

    def _clean_alone(self, article: Article) -> CleanedArticle:
        if self.index is not None:
            key = self.file_key(article)
            cached = self.index.lookup([key], wait=False).get(key.path)
            if cached is not None:
                return cached.cleaned
        return clean_article_file(article, frozenset(), self.extra_phrases)

    def clean_all(self, progress: Progress = _no_progress) -> None:
        """Clean every article, outlet by outlet so repeated site furniture is found; with an
        index, unchanged files are taken from it."""
        with self._runner() as run:
            self._clean_all(run, progress, self.articles)

    def clean_in_library(self, article_id: str) -> CleanedArticle:
        """The article cleaned as `analyse` cleans it: with its outlet's site furniture (its
        outlet's other articles are cleaned too, or taken from the index)."""
        outlet = self.article(article_id).outlet
        with self._runner() as run:
            group = [article for article in self.articles if article.outlet == outlet]
            self._clean_all(run, _no_progress, group)
        return self.cleaned(article_id)

    def analyse(self, progress: Progress = _no_progress) -> Analysis:
        """Clean everything, group stories, then find each story's facts and quotes."""
        with self._runner() as run:
            self._clean_all(run, progress, self.articles)
            run.fresh_workers()
            analysis = StoryPipeline(self, run, progress).run()
        self._cached_quotes = {}
        if self.index is not None:
            self.index.prune()
        return analysis

    def stop(self) -> None:
        """Make a running (or later) `analyse` or `clean_all` stop soon, raising
        `AnalysisStopped`, and end its worker processes: for an app quitting mid-analysis."""
        self._stopped.set()
        with self._lock:
            runner = self._active_runner
        if runner is not None:
            runner.end()

    @contextlib.contextmanager
    def _runner(self) -> Iterator[Runner]:
        runner = Runner(self.workers, self._stopped)
        with self._lock:
            self._active_runner = runner
        try:
            yield runner
        finally:
            with self._lock:
                self._active_runner = None
            runner.close()

    def story_result(self, story: Story) -> StoryResult:
        """Work out one story's facts and quote clusters here and now."""
        members = [self.doc(article_id) for article_id in story.articles]
        return story_result(story, members, {})[0]

    def doc(self, article_id: str) -> CleanDoc:
        """The article's clean text with the fields the analyses need."""
        article = self.article(article_id)
        text = self.cleaned(article_id).text
        return CleanDoc(article.id, article.outlet, article.title, text, article.date)

    def docs(self) -> list[CleanDoc]:
        """Every article's clean text, for the story, fact and quote analyses."""
        return [self.doc(article.id) for article in self.articles]

    def search(self, query: str, limit: int = 50) -> list[BodyHit]:
        """Article bodies matching every word of `query`, best first. Only articles the index
        holds as they are now are searched (all of them once `clean_all` has run); [] when
        search is unavailable (see `search_problem`)."""
        if self.index is None:
            return []
        keys = {a.id: self.file_key(a) for a in self.articles}
        ids = {key.path: article_id for article_id, key in keys.items()}
        hashes = {key.path: key.content_hash for key in keys.values()}
        hits = self.index.search(query, limit, only=hashes)
        return [BodyHit(ids[h.article_path], h.start, h.end, h.sentence) for h in hits]

    @property
    def search_problem(self) -> str | None:
        """Why body search cannot be used, or None when it can."""
        if self.index is None:
            return "Body search needs the index, which is off."
        return self.index.search_problem

    def raw_view(self, article_id: str) -> tuple[str, tuple[RemovedLine, ...]]:
        """The article's raw text and the lines reader mode leaves out of it, for the raw view.

        A big library's raw texts are not kept once it is cleaned: they are read again from
        the file, and a file changed since is shown as it is now, cleaned again for the marks.
        Raises `UnreadableFile` when the file cannot be read any more."""
        article = self.article(article_id)
        cleaned = self.cleaned(article_id)
        raw = self.library.raw_text(article)
        if content_hash(raw) != self.file_key(article).content_hash:
            cleaned = clean_article_file(replace(article, raw=raw), frozenset(), self.extra_phrases)
        return raw, cleaned.removed

    def _with_raw(self, article: Article) -> Article:
        """The article with its raw text, for a task (read again if it was let go)."""
        return replace(article, raw=self.library.raw_text(article)) if not article.raw else article

    def problems(self) -> dict[str, str]:
        """Why each article that could not be cleaned could not be, by article id."""
        with self._lock:
            cleaned = {**self._provisional, **self._cleaned}
        return {article_id: c.problem for article_id, c in cleaned.items() if c.problem}

    def file_key(self, article: Article) -> FileKey:
        """The article's file key (stat and content hash), worked out once."""
        with self._lock:
            key = self._keys.get(article.id)
        if key is None:
            key = FileKey.of(article.path, self.library.raw_text(article))
            with self._lock:
                self._keys[article.id] = key
        return key

    def cached_quotes(self, article_id: str) -> tuple[str | None, str | None]:
        """`(quotes_key, quotes_json)` of the article's index row, as read by `clean_all`."""
        return self._cached_quotes.get(article_id, (None, None))

    # Cleaning ---------------------------------------------------------------------------

    def _clean_all(self, run: Runner, progress: Progress, articles: Sequence[Article]) -> None:
        keys = {a.id: self.file_key(a) for a in articles}
        rows = self.index.lookup(keys.values()) if self.index else {}
        self._cached_quotes = {
            a.id: (row.quotes_key, row.quotes_json)
            for a in articles
            if (row := rows.get(keys[a.id].path))
        }
        total = len(articles)
        changed = self._changed_groups(articles, keys, rows)
        progress("Cleaning", total - sum(len(group) for _, group in changed), total)
        jobs, still_valid = self._jobs(run, changed, rows, keys)
        del changed  # jobs name their articles by id: cleaned ones can let go of their raw text
        done = total - len(jobs)
        if self.index is not None:
            self.index.mark_group(still_valid)
            self.index.touch(key.path for key in keys.values())
        progress("Cleaning", done, total)
        run.fresh_workers()
        self._clean_jobs(run, jobs, keys, progress, done, total)
        if self._releases_raw():
            return_freed_memory()

    def _changed_groups(
        self,
        articles: Sequence[Article],
        keys: Mapping[str, FileKey],
        rows: Mapping[str, CachedFile],
    ) -> list[tuple[str, list[Article]]]:
        """`(group key, articles)` of the outlets with a file added, changed or removed since
        their rows were made; the articles of the other outlets are taken from their rows."""
        changed = []
        for outlet, group in _outlet_groups(articles).items():
            key = self._group_key(outlet, group, keys)
            found = [rows.get(keys[a.id].path) for a in group]
            if all(row is not None and row.group_key == key for row in found):
                self._keep({a.id: row.cleaned for a, row in zip(group, found, strict=True) if row})
            else:
                changed.append((key, group))
        return changed

    def _jobs(
        self,
        run: Runner,
        changed: Sequence[tuple[str, list[Article]]],
        rows: Mapping[str, CachedFile],
        keys: Mapping[str, FileKey],
    ) -> tuple[list[_CleanJob], list[tuple[str, str]]]:
        """Articles of changed outlet groups to clean again: those whose row was cleaned with
        other site furniture than the group has now. Also `(path, group_key)` of the rest."""
        furniture = self._furniture(run, [group for _, group in changed])
        jobs: list[_CleanJob] = []
        still_valid: list[tuple[str, str]] = []
        for key, group in changed:
            group_furniture = furniture[group[0].outlet]
            cleaned_with = furniture_key(group_furniture, self.extra_phrases)
            for article in group:
                row = rows.get(keys[article.id].path)
                if row is not None and row.furniture_key == cleaned_with:
                    self._keep({article.id: row.cleaned})
                    still_valid.append((row.key.path, key))
                else:
                    jobs.append(_CleanJob(article.id, group_furniture, key, cleaned_with))
        return jobs, still_valid

    def _group_key(self, outlet: str, group: Sequence[Article], keys: Mapping[str, FileKey]) -> str:
        files = (keys[article.id] for article in group)
        members = ((k.path, k.size, k.mtime_ns, k.content_hash) for k in files)
        return group_key(outlet, members, self.extra_phrases)

    def _furniture(self, run: Runner, groups: Sequence[list[Article]]) -> dict[str, frozenset[str]]:
        found = {group[0].outlet: frozenset[str]() for group in groups if len(group) == 1}
        tasks = (
            (furniture_task, (group[0].outlet, packed(self.library.raw_text(a) for a in group)))
            for group in groups
            if len(group) > 1
        )
        found.update(run.map(tasks))
        return found

    def _clean_jobs(
        self,
        run: Runner,
        jobs: Sequence[_CleanJob],
        keys: Mapping[str, FileKey],
        progress: Progress,
        done: int,
        total: int,
    ) -> None:
        by_id = {job.article_id: job for job in jobs}
        tasks = (
            self._clean_task(jobs[i : i + CLEAN_CHUNK]) for i in range(0, len(jobs), CLEAN_CHUNK)
        )
        pending: list[tuple[FileKey, str, str, CleanedArticle]] = []
        writing: Future[None] | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="index-writer") as writer:
            for packed_results in run.map(tasks):
                results = dict(unpacked(packed_results))
                self._keep(results)
                if self._releases_raw():  # hand back the raw texts as they are let go
                    return_freed_memory()
                for article_id, cleaned in results.items():
                    job = by_id[article_id]
                    if cleaned.problem:  # not cached: the next run tries again
                        continue
                    pending.append((keys[article_id], job.group_key, job.furniture_key, cleaned))
                if len(pending) >= STORE_BATCH:
                    if writing is not None:
                        writing.result()
                    writing, pending = writer.submit(self._store, pending), []
                done += len(results)
                progress("Cleaning", done, total)
            if writing is not None:
                writing.result()
            self._store(pending)

    def _clean_task(self, jobs: Sequence[_CleanJob]) -> Task:
        """A task cleaning `jobs`: articles packed, each outlet's furniture sent once."""
        furnitures = list({id(job.furniture): job.furniture for job in jobs}.values())
        position = {id(furniture): i for i, furniture in enumerate(furnitures)}
        furniture_of = [position[id(job.furniture)] for job in jobs]
        articles = packed(self._with_raw(self.article(job.article_id)) for job in jobs)
        return clean_task, (articles, furniture_of, furnitures, self.extra_phrases)

    def _store(self, rows: Sequence[tuple[FileKey, str, str, CleanedArticle]]) -> None:
        """Save cleaned rows to the index; during `clean_all`, in a thread of its own while
        the next rows are cleaned (indexing paragraphs for search takes about as long as
        cleaning them), one batch at a time."""
        if self.index is not None and rows:
            self.index.store(rows)

    def _keep(self, cleaned: Mapping[str, CleanedArticle]) -> None:
        with self._lock:
            self._cleaned.update(cleaned)
            for article_id in cleaned:
                self._provisional.pop(article_id, None)
            if self._releases_raw():
                self._by_id.update(self.library.release_raw(cleaned))

    def _releases_raw(self) -> bool:
        return len(self._by_id) >= RAW_RELEASED_FROM


def _outlet_groups(articles: Iterable[Article]) -> dict[str, list[Article]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[article.outlet].append(article)
    return groups


@dataclass(frozen=True)
class _CleanJob:
    article_id: str
    furniture: frozenset[str]
    group_key: str
    furniture_key: str


def clean_docs(articles: Sequence[Article], extra_phrases: Sequence[str] = ()) -> list[CleanDoc]:
    """Clean `articles` as a library and return them as `CleanDoc`s (for the CLI commands)."""
    workspace = Workspace(Library(list(articles)), extra_phrases)
    workspace.clean_all()
    return workspace.docs()
