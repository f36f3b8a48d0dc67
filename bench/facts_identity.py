"""Dump `find_facts` for every story of the corpora and the seeds, to check that a speed change
changes no result.

usage: .venv/bin/python bench/facts_identity.py OUT.json [--docs DOCS.pickle] [CORPORA]
       .venv/bin/python bench/facts_identity.py --compare A.json B.json

The stories are those of all of CORPORA opened as one library (as `bench/scale.py` opens it),
plus the seeds as one story and newswcl50 as one story. Cleaning and grouping are not what is
checked: with `--docs` the cleaned documents and stories are pickled on the first run and read
on the next, so two versions of `find_facts` see the same input.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from dataclasses import asdict
from pathlib import Path

from reader.facts import StoryFacts, find_facts
from reader.library import load_library
from reader.paths import seeds_dir
from reader.stories import Story, group_stories
from reader.workspace import CleanDoc, clean_docs

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def inputs(corpora: Path) -> tuple[list[CleanDoc], list[Story]]:
    """Every cleaned document and the stories to find facts of."""
    docs = clean_docs(load_library([corpora]).articles)
    stories = [s for s in group_stories(docs) if len(s.articles) > 1]
    seeds = clean_docs(load_library([seeds_dir()]).articles)
    stories.append(Story("seeds", tuple(d.id for d in seeds)))
    newswcl50 = [d.id for d in docs if "/newswcl50/" in f"/{d.id}"]
    stories.append(Story("newswcl50", tuple(newswcl50)))
    return docs + seeds, stories


def as_json(facts: StoryFacts) -> dict[str, object]:
    found = asdict(facts)
    found.pop("_by_article", None)
    return found


def dump(out: Path, docs_path: Path | None, corpora: Path) -> None:
    if docs_path is not None and docs_path.exists():
        docs, stories = pickle.loads(docs_path.read_bytes())
    else:
        docs, stories = inputs(corpora)
        if docs_path is not None:
            docs_path.write_bytes(pickle.dumps((docs, stories), pickle.HIGHEST_PROTOCOL))
    by_id = {d.id: d for d in docs}
    start = time.perf_counter()
    results = {story.id: as_json(find_facts(story, by_id)) for story in stories}
    seconds = time.perf_counter() - start
    out.write_text(json.dumps(results, indent=1, sort_keys=True))
    shared = sum(len(r["shared"]) for r in results.values())
    print(f"{len(stories)} stories, {shared} shared facts, find_facts {seconds:.2f} s -> {out}")


def compare(a: Path, b: Path) -> int:
    left, right = json.loads(a.read_text()), json.loads(b.read_text())
    differing = sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))
    for story in differing[:20]:
        print(f"differs: {story}")
    print(f"{len(differing)} of {len(left.keys() | right.keys())} stories differ")
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--docs", type=Path)
    parser.add_argument("--compare", action="store_true")
    options = parser.parse_args()
    if options.compare:
        sys.exit(compare(*options.paths))
    out, *rest = options.paths
    dump(out, options.docs, rest[0] if rest else DEFAULT_CORPORA)


if __name__ == "__main__":
    main()
