"""A story's quote clusters grouped for display, the same in the quote view and the CLI.

Clusters quoted by several outlets come first (most outlets first), then quotes only one outlet
has, then scare quotes and headline fragments; `quote_at` finds the quote under a reader's
cursor, and `other_version` the version to show beside one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.quotes import Quote, QuoteCluster


def quote_at(
    clusters: Iterable[QuoteCluster], article_id: str, offset: int, end: int | None = None
) -> Quote | None:
    """The quote of `article_id` whose span contains `offset` (or overlaps `offset:end`).

    A long quote can sit in several clusters, each holding the part another outlet covers, so
    a quote found in more outlets wins, then the narrowest.
    """
    found = [
        (len(cluster.outlets), quote)
        for cluster in clusters
        for quote in cluster.quotes
        if quote.article == article_id and _touches(quote, offset, end)
    ]
    best = min(found, key=lambda pair: (-pair[0], pair[1].end - pair[1].start), default=None)
    return best[1] if best else None


def _touches(quote: Quote, offset: int, end: int | None) -> bool:
    if end is None:
        return quote.start <= offset < quote.end
    return quote.start < end and offset < quote.end


def is_fragment_cluster(cluster: QuoteCluster) -> bool:
    """A cluster of scare quotes or headline fragments only."""
    return all(quote.fragment for quote in cluster.quotes)


@dataclass(frozen=True)
class ClusterGroups:
    """A story's clusters as listed: across outlets (most outlets first), one outlet, fragments."""

    shared: tuple[QuoteCluster, ...]
    single: tuple[QuoteCluster, ...]
    fragments: tuple[QuoteCluster, ...]

    @classmethod
    def of(cls, clusters: Sequence[QuoteCluster]) -> ClusterGroups:
        quoted = [c for c in clusters if not is_fragment_cluster(c)]
        return cls(
            shared=tuple(
                sorted((c for c in quoted if len(c.outlets) > 1), key=_most_outlets_first)
            ),
            single=tuple(c for c in quoted if len(c.outlets) == 1),
            fragments=tuple(c for c in clusters if is_fragment_cluster(c)),
        )

    def listed(self, with_fragments: bool) -> tuple[QuoteCluster, ...]:
        return self.shared + self.single + (self.fragments if with_fragments else ())

    def worded_differently(self) -> tuple[QuoteCluster, ...]:
        """The clusters whose outlets give the quote in different words."""
        return tuple(c for c in self.shared if c.fidelity.worded_differently)


def given_differently(clusters: Iterable[QuoteCluster]) -> dict[str, int]:
    """Per outlet, how many of the story's shared quotes it words differently from the
    others, most first (outlets that word none differently are left out)."""
    counts = Counter(
        outlet
        for cluster in clusters
        if not is_fragment_cluster(cluster)
        for outlet in cluster.fidelity.differing
    )
    return dict(counts.most_common())


def _most_outlets_first(cluster: QuoteCluster) -> int:
    return -len(cluster.outlets)


def other_version(cluster: QuoteCluster, index: int) -> int | None:
    """The version to show beside `index`: the first from another outlet, else any other."""
    outlet = cluster.quotes[index].outlet
    others = [i for i in range(len(cluster.quotes)) if i != index]
    elsewhere = [i for i in others if cluster.quotes[i].outlet != outlet]
    return next(iter(elsewhere or others), None)
