"""Each story's facts and quote clusters, read from the index when asked for.

A library of thousands has thousands of stories, and their facts and quote clusters took a
hundred megabytes or more; the app shows one story at a time. So the results live in the
index and are read when asked for (the last few stay in memory); results the index could not
take are held in memory, and a story whose results have gone from the index since (a deleted
cache) is worked out again and saved.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.facts import StoryFacts
    from reader.index import Index
    from reader.quotes import QuoteCluster
    from reader.stories import Story

StoryResult = tuple["StoryFacts", tuple["QuoteCluster", ...]]

log = logging.getLogger(__name__)

RECENT_STORIES = 64
"""How many stories' results stay in memory once read."""


class StoryResults:
    """Facts and quote clusters by story id, for every story of an analysis."""

    def __init__(
        self,
        index: Index | None,
        stories: Sequence[Story],
        work_out: Callable[[Story], StoryResult],
    ) -> None:
        self._index = index
        self._stories = {story.id: story for story in stories}
        self._work_out = work_out
        self._keys: dict[str, str] = {}
        self._held: dict[str, StoryResult] = {}
        self._recent: OrderedDict[str, StoryResult] = OrderedDict()
        self._lock = threading.Lock()
        self.facts: Mapping[str, StoryFacts] = _Column(self, 0)
        self.quotes: Mapping[str, tuple[QuoteCluster, ...]] = _Column(self, 1)

    def stored(self, story_id: str, key: str) -> None:
        """The index holds the story's results under `key`."""
        self._keys[story_id] = key

    def hold(self, story_id: str, result: StoryResult) -> None:
        """Keep the story's results in memory (the index could not take them)."""
        self._held[story_id] = result

    @property
    def story_ids(self) -> Sequence[str]:
        return list(self._stories)

    def get(self, story_id: str) -> StoryResult | None:
        """The story's facts and quote clusters; None for an unknown story."""
        if story_id in self._held:
            return self._held[story_id]
        with self._lock:
            if story_id in self._recent:
                self._recent.move_to_end(story_id)
                return self._recent[story_id]
        story = self._stories.get(story_id)
        if story is None:
            return None
        result = self._read(story_id) or self._worked_out_again(story)
        if result is None:
            return None
        with self._lock:
            self._recent[story_id] = result
            while len(self._recent) > RECENT_STORIES:
                self._recent.popitem(last=False)
        return result

    def _worked_out_again(self, story: Story) -> StoryResult | None:
        """The results of a story the index no longer holds, saved to it again; None (and
        logged) if working them out fails, so the reader shows the article without facts."""
        try:
            result = self._work_out(story)
        except Exception:
            log.exception("working out the facts of story %s failed", story.id)
            return None
        key = self._keys.get(story.id)
        if key is not None and self._index is not None:
            self._index.put_blobs({key: result})
        return result

    def _read(self, story_id: str) -> StoryResult | None:
        key = self._keys.get(story_id)
        if key is None or self._index is None:
            return None
        found = self._index.get_blobs([key]).get(key)
        return found if isinstance(found, tuple) and len(found) == 2 else None


class _Column(Mapping[str, Any]):
    """One side of `StoryResults` (facts, or quote clusters) as a read-only mapping."""

    def __init__(self, results: StoryResults, position: int) -> None:
        self._results = results
        self._position = position

    def __getitem__(self, story_id: str) -> Any:
        found = self._results.get(story_id)
        if found is None:
            raise KeyError(story_id)
        return found[self._position]

    def __iter__(self) -> Iterator[str]:
        return iter(self._results.story_ids)

    def __len__(self) -> int:
        return len(self._results.story_ids)
