"""The cross-article stages of the analysis: stories, then facts and quotes story by story.

An article's quotes are its own business, not its story's: they are found while the stories
are grouped, on the workers the grouping leaves idle (it is one task), so the story stage
only clusters them.

Run by `Workspace.analyse` once every article is clean. Each result is taken from the index
when everything it depends on is unchanged (`reader.cache_keys`), else worked out by the
runner's map function and saved.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING, TypeVar

from reader.analysis import Analysis, CleanDoc
from reader.cache_keys import Member, content_hash, quotes_key, stories_key, story_key
from reader.runner import Runner, Task, labelled, packed, unpacked
from reader.story_results import StoryResults
from reader.tasks import group_task, quotes_task, story_task

if TYPE_CHECKING:
    from reader.quotes import Quote
    from reader.stories import Story
    from reader.workspace import Workspace

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while the analysis runs."""

StoryEntry = tuple["Story", list[CleanDoc], dict[str, tuple["Quote", ...]]]
"""What a story task gets of one story: the story, its documents, their quotes found so far."""
Chunked = TypeVar("Chunked")

CHUNK_CHARS = 200_000
"""Stories (and articles, for their quotes) are sent to the workers in chunks of about this
much text."""
GROUPING = "grouping"
"""The label (`reader.runner.labelled`) of the task grouping the stories,"""
QUOTING = "quoting"
"""and that of the tasks finding articles' quotes meanwhile."""


class StoryPipeline:
    """One run of the cross-article analysis over a workspace's clean articles."""

    def __init__(self, workspace: Workspace, run: Runner, progress: Progress) -> None:
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
        self.run_tasks.fresh_workers()
        results = self._story_results(stories)
        self.run_tasks.close()  # the workers are done: ended before the quotes are saved
        self._save_quotes()
        story_of = {article_id: story.id for story in stories for article_id in story.articles}
        return Analysis(stories, story_of, results.facts, results.quotes)

    # Stories ----------------------------------------------------------------------------

    def _stories(self) -> tuple[Story, ...]:
        key = stories_key([self._member(a) for a in self.ids])
        found = self.index.get_blobs([key]).get(key) if self.index else None
        if isinstance(found, tuple):
            self.index.touch(blob_keys=[key])
            return found
        return self._group_finding_quotes(key)

    def _group_finding_quotes(self, key: str) -> tuple[Story, ...]:
        """The stories, grouped in one task while the other workers find the quotes of the
        articles the index has none for (`Finding quotes`, by article). The stories are
        saved (under `key`) the moment they are grouped: a stop, or a failure, while quotes
        are still being found keeps them."""
        known = self._known_quotes()
        missing = [a for a in self.ids if a not in known]
        grouping = labelled(GROUPING, (group_task, (self._packed_docs(self.ids),)))
        quoting = (labelled(QUOTING, (quotes_task, (docs,))) for docs in self._chunks(missing))
        stories: tuple[Story, ...] | None = None
        found = 0
        for label, result in self.run_tasks.map(chain([grouping], quoting)):
            if label == GROUPING:
                stories = tuple(result)
                if self.index is not None:
                    self.index.put_blobs({key: stories})
                continue
            quotes = dict(unpacked(result))
            self._take_quotes(quotes)
            found += len(quotes)
            self.progress("Finding quotes", found, len(missing))
            if found == len(missing) and stories is None:
                self.progress("Grouping stories", 0, 1)
        assert stories is not None
        return stories

    def _chunks(self, article_ids: Sequence[str]) -> Iterator[list[bytes]]:
        """The articles' clean documents, packed, in chunks of about `CHUNK_CHARS`."""
        docs = map(self.workspace.doc, article_ids)
        for chunk in _in_chunks(docs, lambda doc: len(doc.text)):
            yield packed(chunk)

    def _member(self, article_id: str) -> Member:
        article = self.workspace.article(article_id)
        return article.id, article.outlet, article.title, self.text_hash[article_id], article.date

    def _packed_docs(self, article_ids: Iterable[str]) -> list[bytes]:
        """The articles' clean documents, packed; made one at a time, so no list of all the
        library's texts is held besides the cleaned articles."""
        return packed(self.workspace.doc(article_id) for article_id in article_ids)

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

        key, quotes_json = self.workspace.cached_quotes(article_id)
        if quotes_json is None or key != quotes_key(self._member(article_id)):
            return None
        try:
            return tuple(Quote(**fields) for fields in json.loads(quotes_json))
        except (ValueError, TypeError):
            return None

    def _take_quotes(self, found: Mapping[str, tuple[Quote, ...]]) -> None:
        self._known_quotes().update(found)
        self.new_quotes.update(found)

    def _save_quotes(self) -> None:
        if self.index is None or not self.new_quotes:
            return
        quotes = self._known_quotes()
        entries = [
            (
                self.workspace.file_key(self.workspace.article(a)),
                quotes_key(self._member(a)),
                quotes[a],
            )
            for a in sorted(self.new_quotes)
        ]
        self.index.store_quotes(entries)

    # Facts and quote clusters per story -------------------------------------------------

    def _story_results(self, stories: Sequence[Story]) -> StoryResults:
        """Facts and quote clusters of every story: those the index holds are left there
        (read when asked for), the rest worked out in chunks and saved to it."""
        keys = {s.id: story_key(s.id, [self._member(a) for a in s.articles]) for s in stories}
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
            found = list(unpacked(packed_results))
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

        def entry(story: Story) -> StoryEntry:
            members = [self.workspace.doc(a) for a in story.articles]
            return story, members, {a: quotes[a] for a in story.articles if a in quotes}

        entries = map(entry, sorted(stories, key=lambda s: -len(s.articles)))
        for chunk in _in_chunks(entries, lambda e: sum(len(doc.text) for doc in e[1])):
            yield story_task, (packed(chunk),)


def _in_chunks(
    items: Iterable[Chunked], size_of: Callable[[Chunked], int]
) -> Iterator[list[Chunked]]:
    """`items`, read as they are needed, in runs of about `CHUNK_CHARS` of text (`size_of`)."""
    chunk: list[Chunked] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += size_of(item)
        if size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
