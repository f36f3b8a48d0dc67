"""The subscriptions file: human-readable, written atomically, never trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import subscriptions
from reader.subscriptions import Subscription, SubscriptionsError


def test_added_feeds_are_kept_in_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    added, skipped = subscriptions.add(
        [
            Subscription("Local", "http://a.example/feed"),
            Subscription("Other", "http://b.example/rss"),
        ],
        path,
    )
    assert [s.name for s in added] == ["Local", "Other"] and skipped == []
    text = path.read_text()
    assert "name: Local" in text and "url: http://a.example/feed" in text
    assert [s.url for s in subscriptions.load(path)] == [
        "http://a.example/feed",
        "http://b.example/rss",
    ]


def test_the_same_feed_twice_is_kept_once_and_names_stay_unique(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    subscriptions.add([Subscription("News", "http://a.example/feed")], path)
    added, skipped = subscriptions.add(
        [
            Subscription("News", "HTTP://A.example/feed?utm_source=x"),
            Subscription("News", "http://b.example/feed"),
        ],
        path,
    )
    assert len(skipped) == 1 and [s.name for s in added] == ["News 2"]


def test_remove_by_name_or_url(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    subscriptions.add(
        [Subscription("A", "http://a.example/f"), Subscription("B", "http://b.example/f")], path
    )
    assert subscriptions.remove("a", path).name == "A"
    assert subscriptions.remove("http://b.example/f", path).name == "B"
    assert subscriptions.remove("C", path) is None
    assert subscriptions.load(path) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("feeds: [&a {url: 'http://x/'}, *a]\n", "aliases are not allowed"),
        ("feeds: !!python/object:os.system {}\n", "line 1"),
        ("feeds: {url: x}\n", "must be a list"),
        ("feeds:\n  - name: no url\n", "feed 1 has no url"),
        ("feeds: [\n", "line"),
    ],
)
def test_a_crafted_or_broken_file_is_refused_with_its_line(
    tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(text)
    with pytest.raises(SubscriptionsError, match=words):
        subscriptions.load(path)
    with pytest.raises(SubscriptionsError):
        subscriptions.add([Subscription("New", "http://n.example/f")], path)
    assert path.read_text() == text


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("# x\n" * 300_000)
    with pytest.raises(SubscriptionsError, match="too large"):
        subscriptions.load(path)
