"""A loaded library and everything worked out from it: clean text, stories, facts, quotes.

The app and the CLI hold one `Workspace`. Cleaning is done on demand for the article on
screen, and for the whole library by `analyse`, which reports progress so a UI can show it.

With an `Index`, results are cached per file and per story, so a reopen only works on what
changed, and an unchanged library gets its whole analysis back from the cache. A big library
is worked on in worker processes (`ProcessPoolExecutor`, spawned, so nothing of the calling
process's threads is inherited): cleaning in chunks, then stories grouped in one worker (the
other stays idle: the term vectors of every article are memory enough), then facts and
quote clusters story by story, quotes extracted on the way, with fresh workers for each stage
(a worker keeps the peak size of its biggest task). The calling thread waits, writes the
cache (cleaned rows through a writer thread) and keeps the cleaned articles; a big library's
raw texts are let go once cleaned (`raw_view` reads them again), and each story's results
stay in the index and are read when asked for (`reader.story_results`). Small libraries are
done in the calling thread, where starting processes would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
import json
import os
import pickle
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass, replace
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any

from reader.clean import (
    CleanedArticle,
    RemovedLine,
    clean_article_file,
    find_site_furniture,
)
from reader.index import CachedFile, FileKey, Index, content_hash, key_of, version
from reader.library import Article, Library, read_text
from reader.story_results import StoryResult, StoryResults

if TYPE_CHECKING:
    from reader.facts import StoryFacts
    from reader.quotes import Quote, QuoteCluster
    from reader.stories import Story

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while `analyse` runs."""

PARALLEL_MIN_ARTICLES = 300
"""Below this, worker processes cost more to start than they save."""
RAW_RELEASED_FROM = 300
"""Libraries of this many articles keep no raw text in memory once cleaned (see `raw_view`)."""
MAX_WORKERS = 4
WORKER_NICENESS = 10
"""How much lower than the app's the workers' CPU priority is (see `_start_worker`)."""
_CLEAN_CHUNK = 40
_STORY_CHUNK_CHARS = 200_000
_STORE_BATCH = 200
_IN_FLIGHT = 2


def _no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""


@dataclass(frozen=True)
class Analysis:
    """What the library says across articles: stories, their facts and their quotes."""

    stories: tuple[Story, ...]
    story_of: Mapping[str, str]
    facts: Mapping[str, StoryFacts]
    quotes: Mapping[str, tuple[QuoteCluster, ...]]

    def story_articles(self, article_id: str) -> tuple[str, ...]:
        """The ids of the articles in the same story as `article_id` (itself included)."""
        story_id = self.story_of.get(article_id)
        story = next((s for s in self.stories if s.id == story_id), None)
        return story.articles if story else (article_id,)


@dataclass(frozen=True)
class CleanDoc:
    """An article's clean text with the fields the analyses need (`DocLike`)."""

    id: str
    outlet: str
    title: str
    text: str


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
        self._raw_released: set[str] = set()
        self._position = {article.id: i for i, article in enumerate(library.articles)}
        """Articles cleaned alone (or taken from the index) before the library-wide pass."""
        self._keys: dict[str, FileKey] = {}
        self._cached_quotes: dict[str, tuple[str | None, str | None]] = {}
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._active_runner: _Runner | None = None

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
            self._clean_all(run, progress)

    def analyse(self, progress: Progress = _no_progress) -> Analysis:
        """Clean everything, group stories, then find each story's facts and quotes."""
        with self._runner() as run:
            self._clean_all(run, progress)
            run.fresh_workers()
            analysis = _Analyser(self, run, progress).run()
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
    def _runner(self) -> Iterator[_Runner]:
        runner = _Runner(self.workers, self._stopped)
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
        return _story_result(story, members, {})[0]

    def doc(self, article_id: str) -> CleanDoc:
        """The article's clean text with the fields the analyses need."""
        article = self.article(article_id)
        return CleanDoc(article.id, article.outlet, article.title, self.cleaned(article_id).text)

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
        with self._lock:
            released = article_id in self._raw_released
        if not released:
            return article.raw, cleaned.removed
        raw = read_text(article.path)[0]
        if content_hash(raw) != self.file_key(article).content_hash:
            cleaned = clean_article_file(replace(article, raw=raw), frozenset(), self.extra_phrases)
        return raw, cleaned.removed

    def _release_raw(self, article_ids: Iterable[str]) -> None:
        """Let go of the raw text of cleaned articles of a big library (tens of MB in all):
        only the raw view needs it, and `raw_view` reads it again. Call with `_lock` held."""
        if len(self._position) < RAW_RELEASED_FROM:
            return
        articles = self.library.articles
        for article_id in article_ids:
            if article_id not in self._raw_released:
                position = self._position[article_id]
                released = replace(articles[position], raw="")
                articles[position] = self._by_id[article_id] = released
                self._raw_released.add(article_id)

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
            key = FileKey.of(article.path, article.raw)
            with self._lock:
                self._keys[article.id] = key
        return key

    def cached_quotes(self, article_id: str) -> tuple[str | None, str | None]:
        """`(quotes_key, quotes_json)` of the article's index row, as read by `clean_all`."""
        return self._cached_quotes.get(article_id, (None, None))

    # Cleaning ---------------------------------------------------------------------------

    def _clean_all(self, run: _Runner, progress: Progress) -> None:
        keys = {a.id: self.file_key(a) for a in self.articles}
        rows = self.index.lookup(keys.values()) if self.index else {}
        self._cached_quotes = {
            a.id: (row.quotes_key, row.quotes_json)
            for a in self.articles
            if (row := rows.get(keys[a.id].path))
        }
        total = len(self.articles)
        changed = self._changed_groups(keys, rows)
        progress("Cleaning", total - sum(len(group) for _, group in changed), total)
        jobs, still_valid = self._jobs(run, changed, rows, keys)
        del changed  # jobs name their articles by id: cleaned ones can let go of their raw text
        done = total - len(jobs)
        if self.index is not None:
            self.index.mark_group(still_valid)
            self.index.touch(key.path for key in keys.values())
        progress("Cleaning", done, total)
        run.fresh_workers()
        self._clean_jobs(run, jobs, keys, progress, done)
        if self._raw_released:
            _return_freed_memory()

    def _changed_groups(
        self, keys: Mapping[str, FileKey], rows: Mapping[str, CachedFile]
    ) -> list[tuple[str, list[Article]]]:
        """`(group key, articles)` of the outlets with a file added, changed or removed since
        their rows were made; the articles of the other outlets are taken from their rows."""
        changed = []
        for outlet, group in _outlet_groups(self.articles).items():
            group_key = self._group_key(outlet, group, keys)
            found = [rows.get(keys[a.id].path) for a in group]
            if all(row is not None and row.group_key == group_key for row in found):
                self._keep({a.id: row.cleaned for a, row in zip(group, found, strict=True) if row})
            else:
                changed.append((group_key, group))
        return changed

    def _jobs(
        self,
        run: _Runner,
        changed: Sequence[tuple[str, list[Article]]],
        rows: Mapping[str, CachedFile],
        keys: Mapping[str, FileKey],
    ) -> tuple[list[_CleanJob], list[tuple[str, str]]]:
        """Articles of changed outlet groups to clean again: those whose row was cleaned with
        other site furniture than the group has now. Also `(path, group_key)` of the rest."""
        furniture = self._furniture(run, [group for _, group in changed])
        jobs: list[_CleanJob] = []
        still_valid: list[tuple[str, str]] = []
        for group_key, group in changed:
            group_furniture = furniture[group[0].outlet]
            furniture_key = key_of(version(), self.extra_phrases, sorted(group_furniture))
            for article in group:
                row = rows.get(keys[article.id].path)
                if row is not None and row.furniture_key == furniture_key:
                    self._keep({article.id: row.cleaned})
                    still_valid.append((row.key.path, group_key))
                else:
                    jobs.append(_CleanJob(article.id, group_furniture, group_key, furniture_key))
        return jobs, still_valid

    def _group_key(self, outlet: str, group: Sequence[Article], keys: Mapping[str, FileKey]) -> str:
        members = sorted(
            (k.path, k.size, k.mtime_ns, k.content_hash) for k in (keys[a.id] for a in group)
        )
        return key_of(version(), self.extra_phrases, outlet, members)

    def _furniture(
        self, run: _Runner, groups: Sequence[list[Article]]
    ) -> dict[str, frozenset[str]]:
        found = {group[0].outlet: frozenset[str]() for group in groups if len(group) == 1}
        tasks = (
            (_furniture_task, (group[0].outlet, _packed(a.raw for a in group)))
            for group in groups
            if len(group) > 1
        )
        found.update(run.map(tasks))
        return found

    def _clean_jobs(
        self,
        run: _Runner,
        jobs: Sequence[_CleanJob],
        keys: Mapping[str, FileKey],
        progress: Progress,
        done: int,
    ) -> None:
        by_id = {job.article_id: job for job in jobs}
        tasks = (
            self._clean_task(jobs[i : i + _CLEAN_CHUNK]) for i in range(0, len(jobs), _CLEAN_CHUNK)
        )
        pending: list[tuple[FileKey, str, str, CleanedArticle]] = []
        writing: Future[None] | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="index-writer") as writer:
            for packed_results in run.map(tasks):
                results = dict(_unpacked(packed_results))
                self._keep(results)
                for article_id, cleaned in results.items():
                    job = by_id[article_id]
                    if cleaned.problem:  # not cached: the next run tries again
                        continue
                    pending.append((keys[article_id], job.group_key, job.furniture_key, cleaned))
                if len(pending) >= _STORE_BATCH:
                    if writing is not None:
                        writing.result()
                    writing, pending = writer.submit(self._store, pending), []
                done += len(results)
                progress("Cleaning", done, len(self.articles))
            if writing is not None:
                writing.result()
            self._store(pending)

    def _clean_task(self, jobs: Sequence[_CleanJob]) -> Task:
        """A task cleaning `jobs`: articles packed, each outlet's furniture sent once."""
        furnitures = list({id(job.furniture): job.furniture for job in jobs}.values())
        position = {id(furniture): i for i, furniture in enumerate(furnitures)}
        furniture_of = [position[id(job.furniture)] for job in jobs]
        articles = _packed(self.article(job.article_id) for job in jobs)
        return _clean_task, (articles, furniture_of, furnitures, self.extra_phrases)

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
            self._release_raw(cleaned)


@dataclass(frozen=True)
class _CleanJob:
    article_id: str
    furniture: frozenset[str]
    group_key: str
    furniture_key: str


class _Analyser:
    """One run of the cross-article analysis: stories, then facts and quotes per story, each
    taken from the index when everything it depends on is unchanged."""

    def __init__(self, workspace: Workspace, run: _Runner, progress: Progress) -> None:
        self.workspace = workspace
        self.index = workspace.index
        self.run_tasks = run
        self.ids = [article.id for article in workspace.articles]
        self.progress = progress
        self.text_hash = {a: content_hash(workspace.doc(a).text) for a in self.ids}
        self.quotes: dict[str, tuple[Quote, ...]] | None = None
        self.new_quotes: set[str] = set()

    def run(self) -> Analysis:
        self.progress("Grouping stories", 0, 1)
        stories = self._stories()
        self.progress("Grouping stories", 1, 1)
        self.run_tasks.fresh_workers()
        results = self._story_results(stories)
        self._save_quotes()
        story_of = {article_id: story.id for story in stories for article_id in story.articles}
        return Analysis(stories, story_of, results.facts, results.quotes)

    # Stories ----------------------------------------------------------------------------

    def _stories(self) -> tuple[Story, ...]:
        key = "stories:" + key_of(version(), [(a, *self._member(a)) for a in self.ids])
        found = self.index.get_blobs([key]).get(key) if self.index else None
        if isinstance(found, tuple):
            self.index.touch(blob_keys=[key])
            return found
        grouping = (_group_task, (self._packed_docs(self.ids),))
        (grouped,) = self.run_tasks.map([grouping])
        stories = tuple(grouped)
        if self.index is not None:
            self.index.put_blobs({key: stories})
        return stories

    def _member(self, article_id: str) -> tuple[str, str, str, str]:
        article = self.workspace.article(article_id)
        return article.id, article.outlet, article.title, self.text_hash[article_id]

    def _packed_docs(self, article_ids: Iterable[str]) -> list[bytes]:
        """The articles' clean documents, packed; made one at a time, so no list of all the
        library's texts is held besides the cleaned articles."""
        return _packed(self.workspace.doc(article_id) for article_id in article_ids)

    # Quotes of single articles ----------------------------------------------------------

    def _known_quotes(self) -> dict[str, tuple[Quote, ...]]:
        """Quotes extracted so far: on first use, the valid ones from the index."""
        if self.quotes is None:
            self.quotes = {}
            for article_id in self.ids:
                found = self._cached_quotes(article_id)
                if found is not None:
                    self.quotes[article_id] = found
        return self.quotes

    def _cached_quotes(self, article_id: str) -> tuple[Quote, ...] | None:
        from reader.quotes import Quote

        quotes_key, quotes_json = self.workspace.cached_quotes(article_id)
        if quotes_json is None or quotes_key != self._quotes_key(article_id):
            return None
        try:
            return tuple(Quote(**fields) for fields in json.loads(quotes_json))
        except (ValueError, TypeError):
            return None

    def _quotes_key(self, article_id: str) -> str:
        return key_of(version(), *self._member(article_id))

    def _take_quotes(self, found: Mapping[str, tuple[Quote, ...]]) -> None:
        self._known_quotes().update(found)
        self.new_quotes.update(found)

    def _save_quotes(self) -> None:
        if self.index is None or not self.new_quotes:
            return
        quotes = self._known_quotes()
        entries = [
            (self.workspace.file_key(self.workspace.article(a)), self._quotes_key(a), quotes[a])
            for a in sorted(self.new_quotes)
        ]
        self.index.store_quotes(entries)

    # Facts and quote clusters per story -------------------------------------------------

    def _story_results(self, stories: Sequence[Story]) -> StoryResults:
        """Facts and quote clusters of every story: those the index holds are left there
        (read when asked for), the rest worked out in chunks and saved to it."""
        keys = {
            s.id: "story:" + key_of(version(), s.id, [self._member(a) for a in s.articles])
            for s in stories
        }
        results = StoryResults(self.index, stories, self.workspace.story_result)
        present = self.index.blob_keys(keys.values()) if self.index else set()
        for story_id, key in keys.items():
            if key in present:
                results.stored(story_id, key)
        if self.index is not None:
            self.index.touch(blob_keys=present)
        todo = [story for story in stories if keys[story.id] not in present]
        done, total = len(stories) - len(todo), len(stories)
        self.progress("Facts and quotes", done, total)
        for packed_results in self.run_tasks.map(self._story_tasks(todo)):
            found = list(_unpacked(packed_results))
            for _, _, extracted in found:
                self._take_quotes(extracted)
            saved = self.index is not None and self.index.put_pickled(
                {keys[story_id]: pickled for story_id, pickled, _ in found}
            )
            for story_id, pickled, _ in found:
                if saved:
                    results.stored(story_id, keys[story_id])
                else:
                    results.hold(story_id, pickle.loads(pickled))
            done += len(found)
            self.progress("Facts and quotes", done, total)
        return results

    def _story_tasks(self, stories: Sequence[Story]) -> Iterator[Task]:
        """Stories in chunks of similar text size, biggest stories first (they take longest);
        each chunk made when the pool can take it, so not all texts are packed at once."""
        quotes = self._known_quotes() if stories else {}
        chunk: list[tuple[Story, list[CleanDoc], dict[str, tuple[Quote, ...]]]] = []
        size = 0
        for story in sorted(stories, key=lambda s: -len(s.articles)):
            members = [self.workspace.doc(a) for a in story.articles]
            chunk.append((story, members, {a: quotes[a] for a in story.articles if a in quotes}))
            size += sum(len(doc.text) for doc in members)
            if size >= _STORY_CHUNK_CHARS:
                yield _story_task, (_packed(chunk),)
                chunk, size = [], 0
        if chunk:
            yield _story_task, (_packed(chunk),)


# Running tasks: in worker processes, or here ---------------------------------------------

Task = tuple[Callable[..., Any], tuple[Any, ...]]


class AnalysisStopped(Exception):
    """Raised by `analyse` and `clean_all` once `Workspace.stop` has been called."""


class _Runner:
    """Runs tasks in a process pool when it has one, else in the calling thread, one by one;
    at most `_IN_FLIGHT` tasks per worker are queued, so a stop never waits for a backlog."""

    def __init__(self, workers: int, stopped: threading.Event) -> None:
        self.workers = workers
        self.stopped = stopped
        self._lock = threading.Lock()
        self.executor: ProcessPoolExecutor | None = _start_executor(workers)

    def fresh_workers(self) -> None:
        """Replace the (idle) worker processes with new ones, so what the old ones allocated
        goes back to the system: a worker keeps the peak size of its biggest task."""
        with self._lock:
            if self.executor is None:
                return
            self.executor.shutdown(wait=True)
            self.executor = None if self.stopped.is_set() else _start_executor(self.workers)
        self._check()

    def end(self) -> None:
        """End the worker processes now, without waiting for their tasks (a stop)."""
        with self._lock:
            if self.executor is not None:
                _end_executor(self.executor)

    def close(self) -> None:
        """Shut the workers down once their work is done (or at once after a stop)."""
        with self._lock:
            if self.executor is not None:
                self.executor.shutdown(wait=not self.stopped.is_set(), cancel_futures=True)

    def map(self, tasks: Iterable[Task]) -> Iterator[Any]:
        """Each task's result as tasks finish (in order when run here)."""
        if self.executor is None:
            for function, args in tasks:
                self._check()
                yield function(*args)
            return
        queue = iter(tasks)
        limit = _IN_FLIGHT * self.workers
        futures = {self._submit(task) for task in itertools.islice(queue, limit)}
        while futures:
            finished, futures = wait(futures, return_when=FIRST_COMPLETED)
            for future in finished:
                yield self._result(future)
                futures |= {self._submit(task) for task in itertools.islice(queue, 1)}

    def _submit(self, task: Task) -> Future[Any]:
        self._check()
        assert self.executor is not None
        return self.executor.submit(task[0], *task[1])

    def _result(self, future: Future[Any]) -> Any:
        try:
            return future.result()
        except Exception as error:
            if self.stopped.is_set():
                raise AnalysisStopped() from error
            raise

    def _check(self) -> None:
        if self.stopped.is_set():
            raise AnalysisStopped()


def _start_worker() -> None:
    """Worker processes share the terminal of an app, and its CPU cores: nothing they print
    may reach the terminal, and they run at a lower priority, so the UI gets a core the
    moment it needs one (on two cores, two busy workers doubled key-press latency)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    with contextlib.suppress(OSError, AttributeError):
        app_niceness = os.getpriority(os.PRIO_PROCESS, os.getppid())
        os.nice(max(0, min(19, app_niceness + WORKER_NICENESS) - os.nice(0)))


def _start_executor(workers: int) -> ProcessPoolExecutor | None:
    """`workers` spawned processes (spawned, not forked: the caller may have threads), or
    None for one worker or where processes cannot be started."""
    if workers <= 1:
        return None
    try:
        _start_resource_tracker()
        return ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=_start_worker
        )
    except (OSError, NotImplementedError, ValueError):
        return None


@functools.cache
def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (once) with `sys.stderr` as the process
    started with it: the tracker is handed `sys.stderr.fileno()`, and a full-screen UI's
    replacement answers -1, which left the analysis without worker processes."""
    from multiprocessing import resource_tracker

    replaced = sys.stderr
    if sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = replaced


def _end_executor(executor: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for its tasks, ending its processes now."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def _return_freed_memory() -> None:
    """Hand the heap's free pages back to the system (glibc keeps freed memory for reuse, so
    letting go of tens of MB of text would not show in the process's size otherwise)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def default_workers(articles: int) -> int:
    """Worker processes for a library of `articles`: none below `PARALLEL_MIN_ARTICLES`."""
    if articles < PARALLEL_MIN_ARTICLES:
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _outlet_groups(articles: Iterable[Article]) -> dict[str, list[Article]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[article.outlet].append(article)
    return groups


# Tasks (module-level so worker processes can run them) -----------------------------------


def _packed(items: Iterable[Any]) -> list[bytes]:
    """Each item pickled on its own, for a task's arguments or results.

    A pool pickles a task's arguments, and unpickles its result, in one call that holds the
    GIL throughout: 15 MB of documents froze an app's UI for 30 ms. A list of small pickles is
    copied rather than walked, and its items are unpacked in calls of their own.
    """
    return [pickle.dumps(item, pickle.HIGHEST_PROTOCOL) for item in items]


def _unpacked(packed: Iterable[bytes]) -> Iterator[Any]:
    return (pickle.loads(item) for item in packed)


def _furniture_task(outlet: str, packed_raws: Sequence[bytes]) -> tuple[str, frozenset[str]]:
    return outlet, find_site_furniture(list(_unpacked(packed_raws)))


def _clean_task(
    packed_articles: Sequence[bytes],
    furniture_of: Sequence[int],
    furnitures: Sequence[frozenset[str]],
    extra_phrases: Sequence[str],
) -> list[bytes]:
    """Each article cleaned with its outlet's furniture, packed as `(article id, cleaned)`."""
    return _packed(
        (article.id, clean_article_file(article, furnitures[furniture], extra_phrases))
        for article, furniture in zip(_unpacked(packed_articles), furniture_of, strict=True)
    )


def _extract_quotes(docs: Iterable[CleanDoc]) -> dict[str, tuple[Quote, ...]]:
    from reader.quotes import extract_quotes

    return {
        doc.id: tuple(extract_quotes(doc.text, article=doc.id, outlet=doc.outlet, title=doc.title))
        for doc in docs
    }


def _group_task(packed_docs: Sequence[bytes]) -> list[Story]:
    from reader.stories import group_stories

    return group_stories(_unpacked(packed_docs))


def _story_task(packed_chunk: Sequence[bytes]) -> list[bytes]:
    """Facts and quote clusters of each story of a packed chunk of
    `(story, members, known quotes)`, packed as `(story id, pickled result, new quotes)`: the
    result goes to the index as it is."""
    results = []
    for story, members, known in _unpacked(packed_chunk):
        result, extracted = _story_result(story, members, known)
        results.append((story.id, pickle.dumps(result, pickle.HIGHEST_PROTOCOL), extracted))
    return _packed(results)


def _story_result(
    story: Story, members: Sequence[CleanDoc], known: Mapping[str, tuple[Quote, ...]]
) -> tuple[StoryResult, dict[str, tuple[Quote, ...]]]:
    """A story's facts and quote clusters, and the quotes it had to extract for them."""
    from reader.facts import find_facts
    from reader.quotes import cluster_quotes

    extracted = _extract_quotes(doc for doc in members if doc.id not in known)
    found = {**known, **extracted}
    story_quotes = [quote for doc in members for quote in found[doc.id]]
    docs = {doc.id: doc for doc in members}
    return (find_facts(story, docs), tuple(cluster_quotes(story_quotes))), extracted


def clean_docs(articles: Sequence[Article], extra_phrases: Sequence[str] = ()) -> list[CleanDoc]:
    """Clean `articles` as a library and return them as `CleanDoc`s (for the CLI commands)."""
    workspace = Workspace(Library(list(articles)), extra_phrases)
    workspace.clean_all()
    return workspace.docs()
