"""Benchmark quote extraction and clustering on story folders (basil, newswcl50).

usage: .venv/bin/python bench/quotes.py [CORPUS_DIR...] [--links N] [--seed S]
       (default: ../shared/corpora/basil and ../shared/corpora/newswcl50)

Each sub-folder of a corpus is one story (its files are the outlets' versions). Articles are
loaded and cleaned first (not timed); then every article's quotes are extracted and each story's
quotes clustered, and that part is timed. Prints quotes, multi-outlet clusters and links, and with
`--links N` a random sample of N direct links (the pairs the matching rules joined) to check
by hand.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.library import load_library  # noqa: E402
from reader.quotes import (  # noqa: E402
    Quote,
    QuoteCluster,
    cluster_quotes,
    extract_quotes,
    linked_pairs,
)
from reader.workspace import CleanDoc, clean_docs  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"


def load_stories(corpus: Path) -> list[list[CleanDoc]]:
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    return [clean_docs(load_library([folder]).articles) for folder in folders]


def run(
    stories: list[list[CleanDoc]],
) -> tuple[list[Quote], list[QuoteCluster], list[tuple[Quote, Quote]], float]:
    started = time.perf_counter()
    quotes: list[Quote] = []
    clusters: list[QuoteCluster] = []
    pairs: list[tuple[Quote, Quote]] = []
    for docs in stories:
        story = [
            q
            for doc in docs
            for q in extract_quotes(doc.text, article=doc.id, outlet=doc.outlet, title=doc.title)
        ]
        quotes += story
        clusters += cluster_quotes(story)
        seconds = time.perf_counter() - started
        pairs += linked_pairs(story)
        started = time.perf_counter() - seconds
    return quotes, clusters, pairs, time.perf_counter() - started


def show(link: tuple[Quote, Quote], n: int) -> None:
    print(f"--- link {n}")
    for q in link:
        print(f"  {q.article} [{q.speaker}] “{' '.join(q.text.split())[:300]}”")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--links", type=int, default=0, help="print a sample of N links")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpora = args.corpora or [CORPORA / "basil", CORPORA / "newswcl50"]
    for corpus in corpora:
        if not corpus.is_dir():
            print(f"{corpus}: not found, skipped")
            continue
        stories = load_stories(corpus)
        quotes, clusters, pairs, seconds = run(stories)
        multi = [c for c in clusters if len(c.outlets) > 1]
        quoted = [q for q in quotes if not q.fragment]
        print(
            f"{corpus.name}: {len(stories)} stories, {sum(map(len, stories))} articles, "
            f"{len(quotes)} quotes ({len(quoted)} not fragments), "
            f"{len(multi)} multi-outlet clusters, {len(pairs)} links; "
            f"extract + cluster {seconds:.2f} s"
        )
        print(
            f"  speakers named for {sum(bool(q.speaker) for q in quoted)} of {len(quoted)} "
            f"quotes ({sum(bool(q.speaker_role) for q in quoted)} with a role); "
            f"{sum(c.fidelity.worded_differently for c in multi)} of {len(multi)} multi-outlet "
            "clusters worded differently"
        )
        sample = random.Random(args.seed).sample(pairs, min(args.links, len(pairs)))
        for n, link in enumerate(sample, start=1):
            show(link, n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
