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

Stories are events. A running saga (a strike's first day and the deal that ended it three
weeks later) shares most of its names, so by content its events can look like one story;
clusters whose mean similarity still reaches the link threshold are one saga. Where articles
carry a date, a saga is cut wherever its coverage pauses for longer than a news cycle
(`NEWS_CYCLE_DAYS`), and each side is split further along the clusters content found. The
events of one saga share a `thread` and are walked in date order (`thread_of`).
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np

from reader.disjoint_sets import DisjointSets
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

NEWS_CYCLE_DAYS = 3
"""Coverage of one event comes day after day; a saga with no article for longer than this has
moved on to a new event."""

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
    thread: str = ""
    """Shared by the events of one saga; empty for a story that stands alone."""
    date: str | None = None
    """The earliest publication date (ISO) among its articles, when any is known."""


def group_stories(docs: Iterable[DocLike]) -> list[Story]:
    """Group `docs` into stories; every article is in exactly one (possibly alone). `docs` is
    read once, an article at a time, so it may be a generator: no text is kept."""
    ids: list[str] = []
    counts: list[_TermCounts] = []
    days: list[int | None] = []
    for doc in docs:
        ids.append(doc.id)
        counts.append(_TermCounts.of(_vector(doc)))
        days.append(_day(getattr(doc, "date", None)))
    vectors = _weighted(counts)
    pairs = _candidate_pairs(vectors)
    copies = _copies(pairs)
    distinct = {(a, b): sim for (a, b), sim in pairs.items() if a not in copies and b not in copies}
    clusters = _average_linkage(len(ids), distinct, LINK_THRESHOLD)
    copies_of: defaultdict[int, list[int]] = defaultdict(list)
    for copy, original in copies.items():
        copies_of[original].append(copy)
    clusters = [members for members in clusters if members[0] not in copies]
    sagas = [_events(saga, days, distinct) for saga in _sagas(clusters, distinct)]
    _rehome_cut_articles(sagas, days, distinct)
    stories = []
    for events in sagas:
        events = [event for event in events if event]
        thread = (
            _digest("t", [ids[i] for event in events for i in event]) if len(events) > 1 else ""
        )
        for members in events:
            with_copies = sorted(members + [c for m in members for c in copies_of.get(m, [])])
            known = [days[i] for i in with_copies if days[i] is not None]
            first = date.fromordinal(min(known)).isoformat() if known else None
            stories.append(_story([ids[i] for i in with_copies], thread, first))
    position = {article_id: i for i, article_id in enumerate(ids)}
    return sorted(stories, key=lambda story: position[story.articles[0]])


def thread_of(story: Story, stories: Iterable[Story]) -> tuple[Story, ...]:
    """The events of `story`'s saga in date order (undated ones last, in the order given);
    just `story` when it stands alone."""
    if not story.thread:
        return (story,)
    events = [s for s in stories if s.thread == story.thread]
    return tuple(sorted(events, key=lambda s: (s.date is None, s.date or "")))


def _day(value: object) -> int | None:
    """The day number of a date, or of an ISO date string (its first ten characters); None
    when there is none or it cannot be read."""
    if isinstance(value, date):
        return value.toordinal()
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _sagas(
    clusters: list[list[int]], pairs: Mapping[tuple[int, int], float]
) -> list[list[list[int]]]:
    """Clusters linked, directly or through others, by a mean similarity that reaches the link
    threshold: stories kept apart by cohesion, or by time, that share their subject."""
    cluster_of = {i: c for c, members in enumerate(clusters) for i in members}
    sums: defaultdict[tuple[int, int], float] = defaultdict(float)
    for (a, b), sim in pairs.items():
        ca, cb = cluster_of.get(a), cluster_of.get(b)
        if ca is not None and cb is not None and ca != cb:
            sums[min(ca, cb), max(ca, cb)] += sim
    threads = DisjointSets(range(len(clusters)))
    for (ca, cb), total in sums.items():
        if total / (len(clusters[ca]) * len(clusters[cb])) >= LINK_THRESHOLD:
            threads.join(ca, cb)
    sagas: defaultdict[int, list[list[int]]] = defaultdict(list)
    for c, members in enumerate(clusters):
        sagas[threads.find(c)].append(members)
    return list(sagas.values())


def _events(
    saga: list[list[int]], days: Sequence[int | None], pairs: Mapping[tuple[int, int], float]
) -> list[list[int]]:
    """A saga's events: its articles cut into spells of coverage by date (`_spells`), each
    spell split along the saga's clusters; an article alone in its piece joins the piece of
    its spell it is closest to. Without dates to cut by, the saga's clusters are its events."""
    members = sorted(i for cluster in saga for i in cluster)
    spells = _spells(members, days, pairs)
    if len(spells) == 1:
        return saga
    cluster_of = {i: c for c, cluster in enumerate(saga) for i in cluster}
    events = []
    for spell in spells:
        pieces: defaultdict[int, list[int]] = defaultdict(list)
        for i in spell:
            pieces[cluster_of[i]].append(i)
        events.extend(_absorb_lone(list(pieces.values()), pairs))
    return events


def _spells(
    members: list[int], days: Sequence[int | None], pairs: Mapping[tuple[int, int], float]
) -> list[list[int]]:
    """`members` cut wherever the dated ones pause for more than `NEWS_CYCLE_DAYS`; each
    undated article joins the spell whose articles it is most similar to on average."""
    dated = sorted((days[i], i) for i in members if days[i] is not None)
    spells: list[list[int]] = []
    last: int | None = None
    for day, i in dated:
        if last is None or day - last > NEWS_CYCLE_DAYS:
            spells.append([])
        spells[-1].append(i)
        last = day
    if len(spells) < 2:
        return [members]
    for i in members:
        if days[i] is None:
            max(spells, key=lambda spell, i=i: _mean_similarity([i], spell, pairs)).append(i)
    return [sorted(spell) for spell in spells]


def _rehome_cut_articles(
    sagas: list[list[list[int]]], days: Sequence[int | None], pairs: Mapping[tuple[int, int], float]
) -> None:
    """Move each dated article that a cut by time left alone in its saga to the event of its
    own time it is closest to, in any saga, when close enough: content put it with a story of
    another time (one outlet's angle on the saga), its date says which event it belongs to."""
    lone = {
        event[0]: (s, e)
        for s, events in enumerate(sagas)
        if len(events) > 1
        for e, event in enumerate(events)
        if len(event) == 1 and days[event[0]] is not None
    }
    if not lone:
        return
    event_of = {
        i: (s, e) for s, events in enumerate(sagas) for e, event in enumerate(events) for i in event
    }
    near: defaultdict[int, set[tuple[int, int]]] = defaultdict(set)
    for a, b in pairs:
        if a in lone:
            near[a].add(event_of[b])
        if b in lone:
            near[b].add(event_of[a])
    for i, (s, e) in lone.items():
        day = days[i]
        candidates = [
            place
            for place in near[i]
            if place != (s, e)
            and any(
                days[j] is not None and abs(days[j] - day) <= NEWS_CYCLE_DAYS
                for j in sagas[place[0]][place[1]]
            )
        ]
        scored = [(_mean_similarity([i], sagas[ps][pe], pairs), (ps, pe)) for ps, pe in candidates]
        best = max(scored, default=None)
        if best is not None and best[0] >= LINK_THRESHOLD:
            ps, pe = best[1]
            sagas[ps][pe] = sorted(sagas[ps][pe] + [i])
            sagas[s][e] = []


def _absorb_lone(
    pieces: list[list[int]], pairs: Mapping[tuple[int, int], float]
) -> list[list[int]]:
    """Pieces of one spell, each article alone in its piece moved to the piece it is closest
    to (a wire copy's odd outlet, not an event of its own), when it is close enough."""
    groups = [piece for piece in pieces if len(piece) > 1]
    for piece in pieces:
        if len(piece) > 1:
            continue
        best = max(groups, key=lambda g: _mean_similarity(piece, g, pairs), default=None)
        if best is not None and _mean_similarity(piece, best, pairs) >= LINK_THRESHOLD:
            best.extend(piece)
        else:
            groups.append(list(piece))
    return [sorted(group) for group in groups]


def _mean_similarity(a: list[int], b: list[int], pairs: Mapping[tuple[int, int], float]) -> float:
    total = sum(pairs.get((min(x, y), max(x, y)), 0.0) for x in a for y in b)
    return total / (len(a) * len(b))


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


def _story(article_ids: list[str], thread: str = "", first: str | None = None) -> Story:
    return Story(_digest("s", article_ids), tuple(article_ids), thread, first)


def _digest(prefix: str, article_ids: list[str]) -> str:
    key = "\n".join(sorted(article_ids)).encode("utf-8", "surrogateescape")  # file names
    return prefix + hashlib.sha1(key).hexdigest()[:10]


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
    term where these take 17."""

    keys: np.ndarray
    counts: np.ndarray
    first_seen: np.ndarray
    is_word: np.ndarray

    @classmethod
    def of(cls, terms: Counter[str]) -> _TermCounts:
        size = len(terms)
        keys = np.fromiter(map(hash, terms), dtype=np.int64, count=size)
        order = np.argsort(keys, kind="stable")
        counts = np.fromiter(terms.values(), dtype=np.uint32, count=size)
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


def _weighted(articles: list[_TermCounts]) -> list[_Vector]:
    """TF-IDF vectors (sublinear tf, smooth idf raised to `IDF_POWER`) and signatures. Each
    article's counts are taken out of `articles` once its vector is made, so the two are not
    all held at once."""
    if not articles:
        return []
    terms, df = _document_frequencies(articles)
    n = len(articles)
    vectors = []
    articles.reverse()
    while articles:
        article = articles.pop()
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


def _document_frequencies(articles: Sequence[_TermCounts]) -> tuple[np.ndarray, np.ndarray]:
    """Every term's hash, sorted, and how many articles have it: `numpy.unique` with counts,
    but sorted in place (`numpy.unique` sorts a copy, 8 bytes more for each term of every
    article at the peak of grouping)."""
    keys = np.concatenate([a.keys for a in articles])
    keys.sort()
    starts = np.flatnonzero(np.concatenate(([len(keys) > 0], keys[1:] != keys[:-1])))
    return keys[starts], np.diff(starts, append=len(keys))


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
