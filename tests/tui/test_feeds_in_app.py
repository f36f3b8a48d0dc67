"""The app with feeds: R fetches from a server on 127.0.0.1, marks, read state, feeds, versions."""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import subscriptions
from reader.library import load_library
from reader.paths import library_dir
from reader.store import Store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.feeds import FeedsScreen
from reader.tui.screens.versions import VersionsScreen
from reader.tui.widgets.article_list import ArticleList

from feedserver import FeedServer, Reply, rss
from helpers import screen_text, wait_until

SIZE = (120, 40)
UPDATE = "Update: Kyiv said on Monday that talks on the exchange had begun."


def seed_page(path: Path, extra: str = "") -> bytes:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    title, body = lines[0], [line for line in lines[1:] if len(line.split()) > 8]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in [*body, extra] if p)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<meta property='og:site_name' content='Wire {path.stem[:3]}'></head>"
        f"<body><article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"
    ).encode()


@pytest.fixture
def world(seeds: Path, tmp_path: Path) -> Iterator[tuple[FeedServer, Path, list[Path]]]:
    """Two seed outlets on disk; two more served as web pages in a feed; a broken feed."""
    files = sorted(seeds.glob("*.txt"))
    mine = tmp_path / "mine"
    mine.mkdir()
    for path in files[:2]:
        shutil.copy(path, mine / path.name)
    with FeedServer() as server:
        items = []
        for path in files[3:]:
            server.route(
                f"/{path.stem}.html",
                Reply(body=seed_page(path), headers={"Content-Type": "text/html; charset=utf-8"}),
            )
            items.append((path.stem, server.url(f"/{path.stem}.html")))
        server.route(
            "/feed.xml", Reply(body=rss(items), headers={"Content-Type": "application/rss+xml"})
        )
        server.route("/broken.xml", Reply(500, b"oops"))
        subscriptions.save(
            [
                subscriptions.Subscription("Wire", server.url("/feed.xml")),
                subscriptions.Subscription("Broken Daily", server.url("/broken.xml")),
            ]
        )
        yield server, mine, files


def make(mine: Path) -> NewsReaderApp:
    return NewsReaderApp(load_library([mine]), [mine])


async def refresh(pilot) -> None:
    await pilot.press("R")
    await wait_until(pilot, lambda: not pilot.app.screen.refreshing, "the refresh", 30)
    await wait_until(pilot, lambda: pilot.app.screen.analysis is not None, "the analysis", 30)


async def test_r_brings_new_articles_into_the_list_and_their_story(world) -> None:
    _, mine, _ = world
    app = make(mine)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.analysis is not None, "the first analysis")
        assert app.screen.query_one(ArticleList).option_count == 2
        await refresh(pilot)
        assert app.screen.query_one(ArticleList).option_count == 4
        text = screen_text(app)
        assert text.count("● ") == 2 and "Wire 003" in text and "4 articles" in text
        await pilot.press("s")
        await pilot.pause()
        assert "(4 outlets)" in screen_text(app)


async def test_opening_marks_read_and_u_marks_unread_again(world) -> None:
    _, mine, _ = world
    app = make(mine)
    async with app.run_test(size=SIZE) as pilot:
        await refresh(pilot)
        await pilot.press("U")
        await pilot.pause()
        assert screen_text(app).count("● ") == 1
        assert [a.read for a in read_state()].count(True) == 1  # kept in the library's index
        await pilot.press("u")
        await pilot.pause()
        assert "○ " in screen_text(app)
        assert not any(a.read for a in read_state())


def read_state() -> list:
    store = Store(library_dir())
    try:
        return store.articles()
    finally:
        store.close()


async def test_feeds_screen_shows_the_failing_feed_in_plain_words(world) -> None:
    _, mine, _ = world
    app = make(mine)
    async with app.run_test(size=SIZE) as pilot:
        await refresh(pilot)
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen)
        text = screen_text(app)
        assert "Broken Daily" in text and "failed" in text and "2 feeds, 1 with a problem" in text
        await pilot.press("j")
        await pilot.pause()
        assert "the server failed (500 Internal Server Error)" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, FeedsScreen)


async def test_an_updated_article_is_marked_and_v_shows_what_changed(world) -> None:
    server, mine, files = world
    app = make(mine)
    async with app.run_test(size=SIZE) as pilot:
        await refresh(pilot)
        await pilot.press("U", "U")  # both new articles read
        link = server.url(f"/{files[3].stem}.html")
        server.route(f"/{files[3].stem}.html", Reply(body=seed_page(files[3], UPDATE)))
        later = {link: "Tue, 01 Dec 2026 09:00:00 GMT"}
        items = [(p.stem, server.url(f"/{p.stem}.html")) for p in files[3:]]
        server.route("/feed.xml", Reply(body=rss(items, dates=later)))
        await refresh(pilot)
        assert "↻ " in screen_text(app)
        await pilot.press("U")
        await pilot.pause()
        await pilot.press("V")
        await pilot.pause()
        assert isinstance(app.screen, VersionsScreen)
        text = screen_text(app)
        assert "(new paragraph)" in text and "Update: Kyiv said on Monday" in text
        assert "unchanged paragraphs" in text


async def test_v_on_an_article_with_one_version_says_so(world) -> None:
    _, mine, _ = world
    app = make(mine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("V")
        await pilot.pause()
        assert not isinstance(app.screen, VersionsScreen)
        notes = [note.message for note in app._notifications]
        assert "Only articles fetched from the web have versions." in notes
