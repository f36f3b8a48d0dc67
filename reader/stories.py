"""Group articles about the same event into stories, by content alone.

Each article becomes a TF-IDF vector of its content-word stems and of pairs of neighbouring
stems (the title counts twice); idf is squared, so a story's own names and phrases outweigh
its topic's everyday words. Candidate pairs come from blocking: two articles are compared only
when they share one of their most distinctive words, and a word shared by too many articles is
no block at all, so the work grows with the number of articles rather than with its square
(a small library is simply compared pair by pair). Near-duplicates are set aside, then clusters
merge by average linkage (a pair never compared counts as zero similarity), which keeps a long
chain of loosely similar articles, such as a year of one outlet's football reports, from
collapsing into one story; two clusters of several articles each must moreover be nearly as
close to each other as inside, so two events of one topic (a summit, then a missile test)
stay two stories.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from reader.text import content_stems

SIGNATURE_TERMS = 20
"""How many of an article's highest-weighted terms are used to find its candidate pairs."""

MAX_BLOCK = 60
"""A signature term shared by more articles than this is too common to propose pairs."""

EXHAUSTIVE_UP_TO = 300
"""Libraries up to this many articles compare every pair (45,000 pairs at most)."""

DUPLICATE_SIMILARITY = 0.8
"""Cosine similarity at which two articles count as copies of one text."""

LINK_THRESHOLD = 0.04
"""Average cosine similarity at which two groups of articles are one story."""

IDF_POWER = 2

COHESION_RATIO = 0.7
"""How close two multi-article clusters must be, relative to their own cohesion, to merge."""

_NUMBER = re.compile(r"^\d[\d,.]*$")


class DocLike(Protocol):
    """What grouping and fact finding need from an article: clean text and where it came from."""

    @property
    def id(self) -> str: ...

    @property
    def outlet(self) -> str | None: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Story:
    """Articles about one event: `articles` holds article ids, in library order."""

    id: str
    articles: tuple[str, ...]


def group_stories(docs: Iterable[DocLike]) -> list[Story]:
    """Group `docs` into stories; every article is in exactly one (possibly alone). `docs` is
    read once, an article at a time, so it may be a generator: no text is kept."""
    ids: list[str] = []
    counts: list[_TermCounts] = []
    for doc in docs:
        ids.append(doc.id)
        counts.append(_TermCounts.of(_vector(doc)))
    vectors = _weighted(counts)
    del counts
    pairs = _candidate_pairs(vectors)
    copies = _copies(pairs)
    distinct = {(a, b): sim for (a, b), sim in pairs.items() if a not in copies and b not in copies}
    clusters = _average_linkage(len(ids), distinct, LINK_THRESHOLD)
    copies_of: defaultdict[int, list[int]] = defaultdict(list)
    for copy, original in copies.items():
        copies_of[original].append(copy)
    stories = []
    for members in clusters:
        if members[0] in copies:
            continue
        with_copies = sorted(members + [c for m in members for c in copies_of.get(m, [])])
        stories.append(_story([ids[i] for i in with_copies]))
    return stories


def _copies(pairs: dict[tuple[int, int], float]) -> dict[int, int]:
    """Near-duplicates (one wire copy saved twice), as copy -> the first article of its kind.

    Copies join their original's story without weighing in its clustering: a pair of copies
    would otherwise look far more cohesive than any real story and block its merges.
    """
    copies: dict[int, int] = {}
    for (a, b), sim in sorted(pairs.items()):
        if sim >= DUPLICATE_SIMILARITY:
            original = copies.get(a, a)
            if b != original and b not in copies:
                copies[b] = original
    return copies


def _story(article_ids: list[str]) -> Story:
    key = "\n".join(sorted(article_ids)).encode("utf-8", "surrogateescape")  # file names
    digest = hashlib.sha1(key).hexdigest()[:10]
    return Story(id=f"s{digest}", articles=tuple(article_ids))


def _vector(doc: DocLike) -> Counter[str]:
    title = getattr(doc, "title", None) or ""
    terms = Counter(_terms(doc.text))
    for term in _terms(title):
        terms[term] += 2
    return terms


def _terms(text: str) -> Iterable[str]:
    stems = [w for w in content_stems(text) if len(w) >= 3 or not _NUMBER.match(w)]
    yield from stems
    yield from map(" ".join, zip(stems, stems[1:], strict=False))


@dataclass(frozen=True)
class _TermCounts:
    """An article's term counts as arrays: each term by its hash (sorted), with its count,
    its order of first appearance and whether it is a single word. Arrays rather than a dict
    of strings: a few thousand articles have millions of terms, and a dict took 75 bytes per
    term where these take 21."""

    keys: np.ndarray
    counts: np.ndarray
    first_seen: np.ndarray
    is_word: np.ndarray

    @classmethod
    def of(cls, terms: Counter[str]) -> _TermCounts:
        size = len(terms)
        keys = np.fromiter(map(hash, terms), dtype=np.int64, count=size)
        order = np.argsort(keys, kind="stable")
        counts = np.fromiter(terms.values(), dtype=np.float64, count=size)
        is_word = np.fromiter((" " not in term for term in terms), dtype=bool, count=size)
        first_seen = np.arange(size, dtype=np.int32)
        return cls(keys[order], counts[order], first_seen[order], is_word[order])


@dataclass(frozen=True)
class _Vector:
    """Unit-length TF-IDF weights of the terms an article shares with at least one other
    (only shared terms can add to a cosine; the norm counts every term), and its signature:
    its highest-weighted single words, by hash."""

    keys: np.ndarray
    weights: np.ndarray
    signature: tuple[int, ...]


def _weighted(articles: Sequence[_TermCounts]) -> list[_Vector]:
    """TF-IDF vectors (sublinear tf, smooth idf raised to `IDF_POWER`) and signatures."""
    if not articles:
        return []
    terms, df = np.unique(np.concatenate([a.keys for a in articles]), return_counts=True)
    n = len(articles)
    vectors = []
    for article in articles:
        term_df = df[np.searchsorted(terms, article.keys)]
        idf = (np.log((n + 1) / (term_df + 1)) + 1) ** IDF_POWER
        weights = (1 + np.log(article.counts)) * idf
        weights /= math.sqrt(float(np.dot(weights, weights))) or 1.0
        words = np.flatnonzero(article.is_word)
        best = words[np.lexsort((article.first_seen[words], -weights[words]))][:SIGNATURE_TERMS]
        shared = term_df > 1
        vectors.append(
            _Vector(article.keys[shared], weights[shared], tuple(article.keys[best].tolist()))
        )
    return vectors


def _candidate_pairs(vectors: list[_Vector]) -> dict[tuple[int, int], float]:
    """Cosine similarity of every pair of articles sharing a distinctive signature term.

    A small library is compared exhaustively: there blocking saves nothing and term weights
    are too flat to pick signatures well.
    """
    if len(vectors) <= EXHAUSTIVE_UP_TO:
        return {
            (a, b): _cosine(vectors[a], vectors[b])
            for a in range(len(vectors))
            for b in range(a + 1, len(vectors))
        }
    blocks: defaultdict[int, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term in vector.signature:
            blocks[term].append(index)
    pairs: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if (a, b) not in pairs:
                    pairs[a, b] = _cosine(vectors[a], vectors[b])
    return pairs


def _cosine(a: _Vector, b: _Vector) -> float:
    if not len(a.keys) or not len(b.keys):
        return 0.0
    positions = np.searchsorted(b.keys, a.keys)
    positions[positions == len(b.keys)] = 0
    shared = b.keys[positions] == a.keys
    return float(np.dot(a.weights[shared], b.weights[positions[shared]]))


def _average_linkage(
    n: int, pairs: dict[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Merge clusters, closest first, while their mean pairwise similarity reaches `threshold`.

    Similarities are kept as sums between clusters; a pair never compared counts as zero. Two
    clusters of several articles each merge only when they are nearly as close to each other as
    each is inside (`COHESION_RATIO`): two events on one topic stay apart.
    """
    members = {i: [i] for i in range(n)}
    inner = dict.fromkeys(range(n), 0.0)
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), sim in pairs.items():
        sums[a][b] = sums[b][a] = sim
    heap = [(-sim, a, b) for (a, b), sim in pairs.items() if sim >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        mean = sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if mean < threshold:
            continue
        if -negative > mean + 1e-12:
            heapq.heappush(heap, (-mean, a, b))
            continue
        if mean < COHESION_RATIO * min(_cohesion(a, members, inner), _cohesion(b, members, inner)):
            continue
        inner[a] += inner.pop(b) + sums[a].get(b, 0.0)
        _merge(a, b, members, sums, heap, threshold)
    return [sorted(group) for _, group in sorted(members.items())]


def _cohesion(cluster: int, members: dict[int, list[int]], inner: dict[int, float]) -> float:
    """Mean similarity inside a cluster (0 for a single article: no constraint)."""
    size = len(members[cluster])
    return inner[cluster] / (size * (size - 1) / 2) if size > 1 else 0.0


def _merge(
    a: int,
    b: int,
    members: dict[int, list[int]],
    sums: dict[int, dict[int, float]],
    heap: list[tuple[float, int, int]],
    threshold: float,
) -> None:
    """Fold cluster `b` into `a`, updating the summed similarities to every neighbour."""
    members[a].extend(members.pop(b))
    for other, total in sums.pop(b).items():
        if other == a:
            continue
        sums[other].pop(b, None)
        combined = sums[a].get(other, 0.0) + total
        sums[a][other] = sums[other][a] = combined
    sums[a].pop(b, None)
    for other, total in sums[a].items():
        mean = total / (len(members[a]) * len(members[other]))
        if mean >= threshold:
            heapq.heappush(heap, (-mean, min(a, other), max(a, other)))
