"""Story grouping: by content, never by file name; sub-quadratic; scored on real corpora."""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from reader.library import load_library
from reader.stories import group_stories
from reader.workspace import clean_docs


@dataclass(frozen=True)
class Doc:
    id: str
    outlet: str
    text: str
    title: str = ""


FLOOD = (
    "Flood waters forced 1,200 residents of Tarnow from their homes on Friday after the Vistula "
    "burst its banks. Rescuers in boats pulled families from rooftops, and the mayor of Tarnow "
    "opened the football stadium as a shelter for the evacuated residents."
)
ELECTION = (
    "Voters in Lisbon chose a new parliament on Sunday. The Socialist Party won 41 percent of "
    "the vote, and its leader promised lower rents and a rail line to Porto within four years."
)
CHESS = (
    "A twelve-year-old from Oslo won the national chess championship, beating three grandmasters "
    "with a rook sacrifice that commentators called the finest move of the tournament."
)


def paraphrase(text: str, outlet: str) -> str:
    sentences = text.split(". ")
    return f"{outlet} reports. " + ". ".join(reversed(sentences))


def test_articles_about_one_event_group_and_others_stay_apart() -> None:
    docs = [
        Doc("x/1", "herald", FLOOD),
        Doc("y/2", "courier", paraphrase(FLOOD, "Courier")),
        Doc("z/3", "herald", ELECTION),
        Doc("x/4", "gazette", paraphrase(ELECTION, "Gazette")),
        Doc("y/5", "gazette", CHESS),
    ]
    groups = {frozenset(s.articles) for s in group_stories(docs)}
    assert groups == {frozenset({"x/1", "y/2"}), frozenset({"z/3", "x/4"}), frozenset({"y/5"})}


def test_every_article_is_in_exactly_one_story_with_a_stable_id() -> None:
    docs = [Doc(f"a{i}", "o", text) for i, text in enumerate([FLOOD, ELECTION, CHESS, ""])]
    stories = group_stories(docs)
    assert sorted(a for s in stories for a in s.articles) == ["a0", "a1", "a2", "a3"]
    assert [s.id for s in stories] == [s.id for s in group_stories(docs)]
    assert len({s.id for s in stories}) == len(stories)


def test_copies_of_one_text_join_one_story() -> None:
    docs = [Doc("a", "o", FLOOD), Doc("b", "p", FLOOD), Doc("c", "q", paraphrase(FLOOD, "Q"))]
    assert [set(s.articles) for s in group_stories(docs)] == [{"a", "b", "c"}]


def pairwise_scores(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    tp = fp = fn = 0
    for x, y in combinations(sorted(truth), 2):
        same_truth, same_story = truth[x] == truth[y], predicted[x] == predicted[y]
        tp += same_truth and same_story
        fp += same_story and not same_truth
        fn += same_truth and not same_story
    return tp / (tp + fp), tp / (tp + fn)


def test_newswcl50_and_basil_group_by_event(corpora: Path) -> None:
    library = load_library([corpora / "newswcl50", corpora / "basil"])
    assert len({a.id for a in library.articles}) == len(library.articles)
    docs = clean_docs(library.articles)
    start = time.perf_counter()
    stories = group_stories(docs)
    elapsed = time.perf_counter() - start
    predicted = {a: s.id for s in stories for a in s.articles}
    truth = {a.id: Path(a.path).parent.as_posix() for a in library.articles}
    precision, recall = pairwise_scores(truth, predicted)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert elapsed < 5


def test_an_id_from_a_file_name_that_is_not_utf8_is_grouped() -> None:
    name = "caf\udce9"  # b"caf\xe9" decoded by the file system with surrogateescape
    stories = group_stories([Doc(name, "a", FLOOD), Doc("b", "b", FLOOD + " Rain fell.")])
    assert [set(story.articles) for story in stories] == [{name, "b"}]
