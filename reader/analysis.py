"""What the library says across articles, and the questions the screens and the CLI ask it.

`Analysis` is the result of `Workspace.analyse`: the stories, and each story's facts and
quote clusters (read from the index when asked for, see `reader.story_results`). Screens and
commands ask it "which story is this article in", "the facts of this article's story",
"this story's quotes" rather than looking through its mappings themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.facts import StoryFacts
    from reader.quotes import QuoteCluster
    from reader.stories import Story


@dataclass(frozen=True)
class CleanDoc:
    """An article's clean text with the fields the analyses need (`DocLike`)."""

    id: str
    outlet: str
    title: str
    text: str
    date: str | None = None
    """The publication date (ISO) when known: stories are cut where coverage pauses."""


@dataclass(frozen=True)
class Analysis:
    """Stories, and each story's facts and quote clusters by story id."""

    stories: tuple[Story, ...]
    story_of: Mapping[str, str]
    facts: Mapping[str, StoryFacts]
    quotes: Mapping[str, tuple[QuoteCluster, ...]]
    _by_id: dict[str, Story] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {story.id: story for story in self.stories})

    def story_by_id(self, story_id: str) -> Story | None:
        return self._by_id.get(story_id)

    def story(self, article_id: str) -> Story | None:
        """The story `article_id` is in (None for an article the analysis did not see)."""
        return self.story_by_id(self.story_of.get(article_id, ""))

    def story_articles(self, article_id: str) -> tuple[str, ...]:
        """The ids of the articles in the same story as `article_id` (itself included)."""
        story = self.story(article_id)
        return story.articles if story else (article_id,)

    def facts_of(self, article_id: str) -> StoryFacts | None:
        """The facts of the story `article_id` is in."""
        story = self.story(article_id)
        return self.facts.get(story.id) if story else None

    def quotes_of(self, article_id: str) -> tuple[QuoteCluster, ...]:
        """The quote clusters of the story `article_id` is in."""
        story = self.story(article_id)
        return tuple(self.quotes.get(story.id, ())) if story else ()
