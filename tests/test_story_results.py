"""Story results (facts and quote clusters) kept in the index and read when asked for."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.index import Index
from reader.library import load_library
from reader.workspace import Analysis, Workspace


def seed_story(analysis: Analysis) -> str:
    return next(story.id for story in analysis.stories if len(story.articles) == 5)


def shared_fact_texts(analysis: Analysis, story_id: str) -> list[str]:
    return [fact.text for fact in analysis.facts[story_id].shared]


def test_story_results_are_read_from_the_index_when_asked_for(seeds: Path) -> None:
    in_memory = Workspace(load_library([seeds]), workers=1).analyse()
    indexed = Workspace(load_library([seeds]), index=Index.open_default(), workers=1).analyse()
    story_id = seed_story(indexed)
    assert shared_fact_texts(indexed, story_id) == shared_fact_texts(in_memory, story_id)
    assert len(indexed.quotes[story_id]) == len(in_memory.quotes[story_id]) > 0
    assert set(indexed.facts) == {story.id for story in indexed.stories}


def test_results_gone_from_the_index_are_worked_out_again(seeds: Path) -> None:
    index = Index.open_default()
    analysis = Workspace(load_library([seeds]), index=index, workers=1).analyse()
    story_id = seed_story(analysis)
    expected = Workspace(load_library([seeds]), workers=1).analyse()
    index.prune(max_age=-1)
    with sqlite3.connect(index.path) as db:
        assert db.execute("SELECT count(*) FROM blobs").fetchone() == (0,)
    assert shared_fact_texts(analysis, story_id) == shared_fact_texts(expected, story_id)
    assert analysis.facts.get("no such story") is None
