"""A loaded library and everything worked out from it: clean text, stories, facts, quotes.

The app and the CLI hold one `Workspace`. Cleaning is done on demand for the article on
screen, and for the whole library by `analyse`, which reports progress so a UI can show it.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.clean import CleanedArticle, clean_html, clean_library, clean_text
from reader.library import Article, Library

if TYPE_CHECKING:
    from reader.facts import StoryFacts
    from reader.quotes import Quote, QuoteCluster
    from reader.stories import Story

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while `analyse` runs."""


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


class Workspace:
    """The library plus a cache of cleaned articles; safe to fill from one worker thread."""

    def __init__(self, library: Library, extra_phrases: Sequence[str] = ()) -> None:
        self.library = library
        self.extra_phrases = tuple(extra_phrases)
        self._by_id = library.by_id()
        self._cleaned: dict[str, CleanedArticle] = {}
        self._lock = threading.Lock()

    @property
    def articles(self) -> list[Article]:
        return self.library.articles

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def cleaned(self, article_id: str) -> CleanedArticle:
        """The cleaned article: from the library-wide pass when done, else cleaned alone now."""
        with self._lock:
            found = self._cleaned.get(article_id)
        if found is not None:
            return found
        article = self.article(article_id)
        if article.is_html:
            return clean_html(article.raw)
        return clean_text(article.raw, extra_phrases=self.extra_phrases)

    def clean_all(self, progress: Progress = _no_progress) -> None:
        """Clean every article, outlet by outlet so repeated site furniture is found."""
        by_outlet: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            by_outlet[article.outlet].append(article)
        done = 0
        total = len(self.articles)
        for group in by_outlet.values():
            cleaned = clean_library(group, extra_phrases=self.extra_phrases)
            with self._lock:
                self._cleaned.update(cleaned)
            done += len(group)
            progress("Cleaning", done, total)

    def analyse(self, progress: Progress = _no_progress) -> Analysis:
        """Clean everything, group stories, then find each story's facts and quotes."""
        from reader.facts import find_facts  # imported here: not needed for the first paint
        from reader.quotes import cluster_quotes
        from reader.stories import group_stories

        self.clean_all(progress)
        docs = {doc.id: doc for doc in self.docs()}
        progress("Grouping stories", 0, 1)
        stories = tuple(group_stories(list(docs.values())))
        progress("Grouping stories", 1, 1)
        facts: dict[str, StoryFacts] = {}
        quotes: dict[str, tuple[QuoteCluster, ...]] = {}
        for done, story in enumerate(stories, start=1):
            members = {article_id: docs[article_id] for article_id in story.articles}
            facts[story.id] = find_facts(story, members)
            quotes[story.id] = tuple(cluster_quotes(_story_quotes(members.values())))
            progress("Facts and quotes", done, len(stories))
        story_of = {article_id: story.id for story in stories for article_id in story.articles}
        return Analysis(stories, story_of, facts, quotes)

    def docs(self) -> list[CleanDoc]:
        """Every article's clean text, for the story, fact and quote analyses."""
        return [CleanDoc(a.id, a.outlet, a.title, self.cleaned(a.id).text) for a in self.articles]


def clean_docs(articles: Sequence[Article], extra_phrases: Sequence[str] = ()) -> list[CleanDoc]:
    """Clean `articles` as a library and return them as `CleanDoc`s (for the CLI commands)."""
    workspace = Workspace(Library(list(articles)), extra_phrases)
    workspace.clean_all()
    return workspace.docs()


def _story_quotes(docs: Iterable[CleanDoc]) -> list[Quote]:
    from reader.quotes import extract_quotes

    return [
        quote
        for doc in docs
        for quote in extract_quotes(doc.text, article=doc.id, outlet=doc.outlet, title=doc.title)
    ]
