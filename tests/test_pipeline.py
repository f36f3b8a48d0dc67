"""The cross-article stages: quotes are found while the stories are grouped, once each."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import reader.tasks
from reader.analysis import CleanDoc
from reader.index import Index
from reader.library import load_library
from reader.workspace import Workspace


def open_workspace(folder: Path) -> Workspace:
    return Workspace(load_library([folder]), index=Index.open_default(), workers=1)


def test_progress_shows_the_quotes_found_before_the_facts(seeds: Path) -> None:
    stages: list[tuple[str, int, int]] = []
    workspace = Workspace(load_library([seeds]), workers=1)
    analysis = workspace.analyse(lambda stage, done, total: stages.append((stage, done, total)))
    articles = len(workspace.articles)
    names = [stage for stage, _, _ in stages]
    assert ("Finding quotes", articles, articles) in stages
    assert names.index("Finding quotes") < names.index("Facts and quotes")
    alone = {s.id: workspace.story_result(s)[1] for s in analysis.stories}
    assert analysis.quotes == alone
    assert any(alone.values())


def test_each_article_s_quotes_are_extracted_once(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extracted: Counter[str] = Counter()
    extract = reader.tasks.extract_quotes

    def counting(docs: list[CleanDoc]) -> dict[str, tuple[object, ...]]:
        docs = list(docs)
        extracted.update(doc.id for doc in docs)
        return extract(docs)

    monkeypatch.setattr(reader.tasks, "extract_quotes", counting)
    workspace = Workspace(load_library([seeds]), workers=1)
    workspace.analyse()
    assert extracted == Counter(article.id for article in workspace.articles)


def test_a_failure_while_quotes_are_found_keeps_the_stories_grouped(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = Workspace(load_library([seeds]), workers=1).analyse()

    def fail(*args: object) -> None:
        raise RuntimeError("a quote task failed")

    monkeypatch.setattr("reader.pipeline.quotes_task", fail)
    with pytest.raises(RuntimeError):
        open_workspace(seeds).analyse()
    monkeypatch.setattr("reader.pipeline.group_task", fail)
    again = open_workspace(seeds).analyse()  # the stories from the index, the quotes found now
    assert again.stories == expected.stories
    assert dict(again.quotes) == dict(expected.quotes)
