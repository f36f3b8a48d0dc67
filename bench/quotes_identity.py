"""Dump quote extraction, `find_names` and `split_sentences` for every article of the corpora
and the seeds, to check that a speed change changes no result.

usage: .venv/bin/python bench/quotes_identity.py OUT.json [--docs DOCS.pickle] [CORPORA]
       .venv/bin/python bench/quotes_identity.py --compare A.json B.json

The articles are those of all of CORPORA plus the seeds, cleaned as `bench/facts_identity.py`
cleans them; with `--docs` the cleaned documents (and that script's stories) are pickled on
the first run and read on the next, in the same file format, so one pickle serves both scripts.
Each article gets its quotes (as the CLI's `newsreader quotes` extracts them), its names and
its sentences; each story of more than one article, plus the seeds and newswcl50 taken as one
story each, gets its quote clusters. Every stage starts with the caches cleared, as in a fresh
worker, and its time is printed.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from facts_identity import DEFAULT_CORPORA, inputs

from reader.names import find_names
from reader.quotes import Quote, cluster_quotes, extract_quotes
from reader.tasks import clear_story_caches
from reader.text import split_sentences
from reader.workspace import CleanDoc


def timed(stage: str, action: Callable[[], dict[str, object]]) -> dict[str, object]:
    """`action`'s result, its CPU time printed, from cold caches."""
    clear_story_caches()
    start = time.process_time()
    result = action()
    print(f"{stage} {time.process_time() - start:.2f} s")
    return result


def dump(out: Path, docs_path: Path | None, corpora: Path) -> None:
    if docs_path is not None and docs_path.exists():
        docs, stories = pickle.loads(docs_path.read_bytes())
    else:
        docs, stories = inputs(corpora)
        if docs_path is not None:
            docs_path.write_bytes(pickle.dumps((docs, stories), pickle.HIGHEST_PROTOCOL))
    by_id: dict[str, CleanDoc] = {d.id: d for d in docs}

    def quotes_of(doc: CleanDoc) -> list[Quote]:
        return extract_quotes(doc.text, article=doc.id, outlet=doc.outlet, title=doc.title)

    quotes = timed("extract_quotes", lambda: {d.id: quotes_of(d) for d in docs})
    clusters = timed(
        "cluster_quotes",
        lambda: {
            s.id: cluster_quotes([q for a in s.articles for q in quotes[by_id[a].id]])
            for s in stories
        },
    )
    names = timed("find_names", lambda: {d.id: find_names(d.text) for d in docs})
    sentences = timed("split_sentences", lambda: {d.id: split_sentences(d.text) for d in docs})
    results = {
        f"article {d.id}": {
            "quotes": [asdict(q) for q in quotes[d.id]],
            "names": [asdict(n) for n in names[d.id]],
            "sentences": [asdict(s) for s in sentences[d.id]],
        }
        for d in docs
    }
    for story in stories:
        results[f"story {story.id}"] = {"clusters": [asdict(c) for c in clusters[story.id]]}
    out.write_text(json.dumps(results, indent=1, sort_keys=True))
    found = sum(len(q) for q in quotes.values())
    print(f"{len(docs)} articles, {len(stories)} stories, {found} quotes -> {out}")


def compare(a: Path, b: Path) -> int:
    left, right = json.loads(a.read_text()), json.loads(b.read_text())
    differing = sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))
    for key in differing[:20]:
        parts = sorted(
            part
            for part in (left.get(key) or {}).keys() | (right.get(key) or {}).keys()
            if (left.get(key) or {}).get(part) != (right.get(key) or {}).get(part)
        )
        print(f"differs: {key} ({', '.join(parts)})")
    print(f"{len(differing)} of {len(left.keys() | right.keys())} articles and stories differ")
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
