"""Benchmark story grouping and fact finding.

usage: .venv/bin/python bench/facts.py [CORPORA]   (default: ../shared/corpora)

Prints the time of `find_facts` on the seed story (target < 200 ms), on a 50-article story
(all of newswcl50 taken as one story), grouping plus facts for every corpus together, and how
that time grows with the number of articles (it should be near-linear). Cleaning is done once,
up front, and not timed: it is `bench/clean.py`'s business.

Its libraries run one thread each, as in the analysis's worker processes
(`reader.runner.ONE_THREAD_EACH`), unless the environment says otherwise: numpy's BLAS
threads otherwise spin on the other core, which a worker never has to itself.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.runner import ONE_THREAD_EACH

for _name, _value in ONE_THREAD_EACH.items():
    os.environ.setdefault(_name, _value)

from reader.facts import find_facts  # noqa: E402 (after the thread settings, before numpy)
from reader.library import load_library  # noqa: E402
from reader.paths import seeds_dir  # noqa: E402
from reader.stories import Story, group_stories  # noqa: E402
from reader.workspace import CleanDoc, clean_docs  # noqa: E402

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    """The best of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def analyse(docs: Sequence[CleanDoc]) -> int:
    by_id = {d.id: d for d in docs}
    stories = group_stories(docs)
    return sum(len(find_facts(story, by_id).shared) for story in stories)


def as_one_story(docs: Sequence[CleanDoc]) -> float:
    story = Story("all", tuple(d.id for d in docs))
    return timed(lambda: find_facts(story, {d.id: d for d in docs}), repeat=3)


def main() -> None:
    corpora = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPORA
    seeds = clean_docs(load_library([seeds_dir()]).articles)
    print(f"seed story, {len(seeds)} articles: find_facts {as_one_story(seeds) * 1000:.0f} ms")
    if not corpora.is_dir():
        print(f"{corpora} not found: corpus figures skipped")
        return
    newswcl50 = clean_docs(load_library([corpora / "newswcl50"]).articles)
    newswcl50 = [d for d in newswcl50 if "/" in d.id]
    seconds = as_one_story(newswcl50)
    print(f"{len(newswcl50)}-article story (newswcl50 as one): {seconds * 1000:.0f} ms")
    folders = [corpora / name for name in ("newswcl50", "basil", "allsides", "bbc", "polnear")]
    docs = clean_docs(load_library([f for f in folders if f.is_dir()]).articles)
    for share in (0.25, 0.5, 1.0):
        part = docs[: int(len(docs) * share)]
        seconds = timed(lambda part=part: analyse(part))
        per_article = seconds / len(part) * 1000
        print(
            f"{len(part):5d} articles: group + facts {seconds:.2f} s ({per_article:.2f} ms/article)"
        )


if __name__ == "__main__":
    main()
