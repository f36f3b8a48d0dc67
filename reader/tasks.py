"""The analysis's units of work, module-level so that worker processes can run them.

Each takes and returns packed (`reader.runner.packed`) values where those are big. Their
imports, followed, are what `reader.cache_keys.version` hashes: every module the analysis
runs is reached from here.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from reader.analysis import CleanDoc
from reader.clean import clean_article_file, find_site_furniture
from reader.runner import packed, unpacked

if TYPE_CHECKING:
    from reader.quotes import Quote
    from reader.stories import Story
    from reader.story_results import StoryResult


def furniture_task(outlet: str, packed_raws: Sequence[bytes]) -> tuple[str, frozenset[str]]:
    """The site furniture of one outlet's pages."""
    return outlet, find_site_furniture(list(unpacked(packed_raws)))


def clean_task(
    packed_articles: Sequence[bytes],
    furniture_of: Sequence[int],
    furnitures: Sequence[frozenset[str]],
    extra_phrases: Sequence[str],
) -> list[bytes]:
    """Each article cleaned with its outlet's furniture, packed as `(article id, cleaned)`."""
    return packed(
        (article.id, clean_article_file(article, furnitures[furniture], extra_phrases))
        for article, furniture in zip(unpacked(packed_articles), furniture_of, strict=True)
    )


def group_task(packed_docs: list[bytes]) -> list[Story]:
    """The library's articles grouped into stories. Each document's pickle is let go of once
    read (`_taken`): grouping holds every article's terms at once, and needs no text kept
    beside them."""
    from reader.stories import group_stories

    return group_stories(_taken(packed_docs))


def _taken(items: list[bytes]) -> Iterator[Any]:
    """The unpickled `items`, in order, each removed from the list as it is read."""
    items.reverse()
    while items:
        yield pickle.loads(items.pop())


def quotes_task(packed_docs: Sequence[bytes]) -> list[bytes]:
    """The quotes of each packed document, packed as `(article id, quotes)`."""
    found = extract_quotes(unpacked(packed_docs))
    clear_story_caches()
    return packed(found.items())


def story_task(packed_chunk: Sequence[bytes]) -> list[bytes]:
    """Facts and quote clusters of each story of a packed chunk of
    `(story, members, known quotes)`, packed as `(story id, pickled result, new quotes)`: the
    result goes to the index as it is."""
    results = []
    for story, members, known in unpacked(packed_chunk):
        result, extracted = story_result(story, members, known)
        results.append((story.id, pickle.dumps(result, pickle.HIGHEST_PROTOCOL), extracted))
    clear_story_caches()
    return packed(results)


def clear_story_caches() -> None:
    """Empty the caches of words, names and sentences that the facts and quotes fill, at the
    end of a chunk of stories. Kept over a whole stage they were a worker's biggest cost:
    the corpora's stories share few words, so a kept word was seldom asked for again (the
    stage takes no longer without), while a facts worker grew to 125 MB against about 90 MB,
    the caches' entries scattered over memory that could not be handed back."""
    from reader import facts, names, paraphrase, text

    for module in (facts, names, text):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    paraphrase.clear_caches()  # its vectors; its word table stays loaded


def story_result(
    story: Story, members: Sequence[CleanDoc], known: Mapping[str, tuple[Quote, ...]]
) -> tuple[StoryResult, dict[str, tuple[Quote, ...]]]:
    """A story's facts and quote clusters, and the quotes it had to extract for them."""
    from reader.facts import find_facts
    from reader.quotes import cluster_quotes

    extracted = extract_quotes(doc for doc in members if doc.id not in known)
    found = {**known, **extracted}
    story_quotes = [quote for doc in members for quote in found[doc.id]]
    docs = {doc.id: doc for doc in members}
    return (find_facts(story, docs), tuple(cluster_quotes(story_quotes))), extracted


def extract_quotes(docs: Iterable[CleanDoc]) -> dict[str, tuple[Quote, ...]]:
    """Each document's quotes, by article id."""
    from reader.quotes import extract_quotes as quotes_in

    return {
        doc.id: tuple(quotes_in(doc.text, article=doc.id, outlet=doc.outlet, title=doc.title))
        for doc in docs
    }
