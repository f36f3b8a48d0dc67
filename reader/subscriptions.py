"""The feeds a reader subscribes to, kept in one human-readable YAML file.

Only what the reader chose lives here (a name and a URL per feed); what fetching learns
(last fetch, status, ETag) is kept in the library's state (`reader.feed_state`), so this file
stays short enough to edit by hand. Reading is `yaml.safe_load` with aliases refused and the
size capped; every change re-reads the file and writes it atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from reader.atomic import write_atomic
from reader.paths import feeds_path
from reader.urls import canonical_url, is_fetchable

MAX_FILE_BYTES = 1_000_000
_HEADER = (
    "# newsreader feeds: one entry per feed (name, url). Safe to edit by hand;\n"
    "# `newsreader feeds add|remove|import` rewrite this file (comments are not kept).\n"
)


@dataclass(frozen=True)
class Subscription:
    """One feed: the name it is shown under and the feed's URL."""

    name: str
    url: str
    added: str = ""


class SubscriptionsError(Exception):
    """The subscriptions file cannot be used; the message names the file and the problem."""


class _NoAliasLoader(yaml.SafeLoader):
    """`safe_load` that refuses anchors and aliases (no "billion laughs" in a YAML file)."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in this file", event.start_mark
            )
        return super().compose_node(parent, index)


def load(path: Path | None = None) -> list[Subscription]:
    """The subscriptions in file order; a missing file has none. Raises SubscriptionsError."""
    path = path or feeds_path()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SubscriptionsError(f"{path}: too large for a feeds file (over 1 MB)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise SubscriptionsError(f"cannot read {path}: {error}") from error
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise SubscriptionsError(f"{path}{where}: {problem}") from error
    return _subscriptions(path, data)


def _subscriptions(path: Path, data: object) -> list[Subscription]:
    if data is None:
        return []
    entries = data.get("feeds") if isinstance(data, dict) else None
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise SubscriptionsError(f"{path}: 'feeds' must be a list of {{name, url}} entries")
    found = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise SubscriptionsError(f"{path}: feed {number} has no url")
        url = entry["url"].strip()
        name = entry.get("name")
        added = entry.get("added", "")
        found.append(
            Subscription(
                str(name).strip() if name else default_name(url), url, str(added) if added else ""
            )
        )
    return found


def save(subscriptions: Iterable[Subscription], path: Path | None = None) -> None:
    path = path or feeds_path()
    entries = [
        {"name": s.name, "url": s.url, **({"added": s.added} if s.added else {})}
        for s in subscriptions
    ]
    text = yaml.safe_dump(
        {"feeds": entries}, allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    write_atomic(path, _HEADER + text)


def default_name(url: str) -> str:
    """A name for a feed added without one: its host, without `www.`."""
    host = canonical_url(url).split("/")[2] if "://" in url else url
    return re.sub(r"^www\.", "", host) or url


def find(subscriptions: Iterable[Subscription], name_or_url: str) -> Subscription | None:
    """The subscription named `name_or_url` (any case), or with that URL."""
    wanted = name_or_url.strip()
    for subscription in subscriptions:
        if subscription.name.casefold() == wanted.casefold():
            return subscription
    key = canonical_url(wanted) if is_fetchable(wanted) else None
    for subscription in subscriptions:
        if key and canonical_url(subscription.url) == key:
            return subscription
    return None


def add(new: Iterable[Subscription], path: Path | None = None) -> tuple[list[Subscription], list]:
    """Add `new` feeds, skipping URLs already subscribed; (added, skipped)."""
    current = load(path)
    known = {canonical_url(s.url) for s in current}
    names = {s.name.casefold() for s in current}
    added: list[Subscription] = []
    skipped: list[Subscription] = []
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for subscription in new:
        key = canonical_url(subscription.url)
        if key in known:
            skipped.append(subscription)
            continue
        name = _unique(subscription.name, names)
        names.add(name.casefold())
        known.add(key)
        added.append(Subscription(name, subscription.url, subscription.added or now))
    if added:
        save([*current, *added], path)
    return added, skipped


def remove(name_or_url: str, path: Path | None = None) -> Subscription | None:
    current = load(path)
    found = find(current, name_or_url)
    if found is not None:
        save([s for s in current if s != found], path)
    return found


def _unique(name: str, taken: set[str]) -> str:
    if name.casefold() not in taken:
        return name
    number = 2
    while f"{name} {number}".casefold() in taken:
        number += 1
    return f"{name} {number}"
