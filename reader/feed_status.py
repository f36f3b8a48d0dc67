"""Each subscribed feed with what the last fetch found: for `feeds list` and the feeds screen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reader import subscriptions
from reader.paths import library_dir
from reader.store import Store


@dataclass(frozen=True)
class FeedRow:
    name: str
    url: str
    last_fetch: str | None
    status: str
    error: str | None
    articles: int


def feed_rows(store: Store | None = None, feeds_file: Path | None = None) -> list[FeedRow]:
    """Every subscription in file order with its fetch state and article count.
    Raises SubscriptionsError for an unusable feeds file."""
    own = store is None
    store = store or Store(library_dir())
    try:
        counts = store.article_counts()
        rows = []
        for subscription in subscriptions.load(feeds_file):
            state = store.feed_state(subscription.url)
            rows.append(
                FeedRow(
                    subscription.name,
                    subscription.url,
                    _local(state.last_fetch),
                    state.status,
                    state.error,
                    counts.get(subscription.url, 0),
                )
            )
        return rows
    finally:
        if own:
            store.close()


def _local(iso: str | None) -> str | None:
    if not iso:
        return None
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso
