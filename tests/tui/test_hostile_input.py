"""Odd input and odd key sequences (issue 11): focus, list lines, bookmarking, URLs, outlets."""

from __future__ import annotations

import webbrowser
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.app import SuspendNotSupported
from textual.widgets import Input

from reader.bookmarks import BookmarkStore
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_pane import ReadingPane

from helpers import make_app, screen_text, wait_for_analysis, wait_until

NARROW = (80, 24)


async def test_escape_from_quotes_with_the_facts_panel_on_a_narrow_screen_leaves_q_quitting(
    seeds: Path,
) -> None:
    app = make_app(seeds)
    async with app.run_test(size=NARROW) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("f", "quotation_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.focused, Input)
        assert app.focused is not None and app.focused.display
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_the_list_keeps_its_outlet_lines_after_the_bookmarks_screen(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=NARROW) as pilot:
        await wait_for_analysis(pilot)
        await pilot.pause(0.5)  # the progress line and the "done" notice have gone
        before = screen_text(app)
        assert "apnews.com" in before
        await pilot.press("apostrophe")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        after = screen_text(app)
        assert list_column(after) == list_column(before)


def list_column(screen: str) -> list[str]:
    """The list's column of the screen, scroll bar aside (it moves as the pane settles)."""
    return [line[:24] for line in screen.splitlines()]


async def test_m_without_a_passage_bookmarks_the_paragraph_at_the_top_of_the_view(
    seeds: Path,
) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("enter", "m")
        await pilot.pause()
        pane = app.screen.query_one(ReadingPane)
        [mark] = BookmarkStore().load()
        assert mark.text == pane.passage_text()
        assert pane.text.startswith(mark.text)
        assert "Bookmarked: Ukrainian President Volodymyr" in screen_text(app)
        await pilot.press("space", "space")
        await pilot.pause()
        assert pane.scroll_y > 0
        pane.passage = None
        await pilot.press("m")
        await pilot.pause()
        second = BookmarkStore().load()[-1]
        top = pane.line_of_offset(second.start)
        assert pane.scroll_y - 1 <= top + _body_top(pane) <= pane.scroll_y + pane.size.height
        assert second.start > mark.start


def _body_top(pane: ReadingPane) -> int:
    body = pane.query_one("#article-body")
    return int(body.region.y - pane.content_region.y + pane.scroll_y)


def article_with_url(folder: Path, url: str) -> None:
    (folder / "a.md").write_text(
        f'---\ntitle: An article with a link\nurl: "{url}"\n---\nThe body of it, in words.\n'
    )


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "-dump_source", "javascript:alert(1)", "https://x.org/a b"]
)
async def test_o_opens_only_web_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda target, *a, **k: opened.append(target))
    article_with_url(tmp_path, url)
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause(0.3)
        assert opened == []
        assert "Not opened" in screen_text(app)


async def test_o_runs_a_text_browser_only_with_the_app_suspended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []

    class TextBrowser(webbrowser.GenericBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            events.append(f"browse {url}")
            return True

    @contextmanager
    def suspend():  # type: ignore[no-untyped-def]
        events.append("suspend")
        yield
        events.append("resume")

    monkeypatch.setattr(webbrowser, "get", lambda *a: TextBrowser("lynx"))
    article_with_url(tmp_path, "https://example.org/story")
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        monkeypatch.setattr(app, "suspend", suspend)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause(0.3)
        assert events == ["suspend", "browse https://example.org/story", "resume"]


async def test_o_shows_the_link_when_a_text_browser_cannot_have_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    class TextBrowser(webbrowser.GenericBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            opened.append(url)
            return True

    def cannot_suspend():  # type: ignore[no-untyped-def]
        raise SuspendNotSupported("not here")

    monkeypatch.setattr(webbrowser, "get", lambda *a: TextBrowser("lynx"))
    article_with_url(tmp_path, "https://example.org/story")
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        monkeypatch.setattr(app, "suspend", cannot_suspend)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause(0.3)
        assert opened == []
        assert "https://example.org/story" in screen_text(app)
        assert app.is_running


async def test_o_opens_a_web_url_in_a_graphical_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    class GraphicalBrowser(webbrowser.BackgroundBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            opened.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda *a: GraphicalBrowser("firefox"))
    article_with_url(tmp_path, "https://example.org/story")
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause(0.3)
        assert opened == ["https://example.org/story"]


async def test_an_article_without_outlet_evidence_shows_unknown_outlet_and_its_file_name(
    seeds: Path,
) -> None:
    app = make_app(seeds)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        app.screen.query_one(ArticleList).highlight_article("001_342b799c0226035c")
        await pilot.pause()
        text = screen_text(app)
        assert "unknown outlet · 001_342b799c0226035c" in text


@pytest.mark.parametrize("with_good_file", [True, False])
async def test_a_skipped_file_is_named_without_its_escape_sequences(
    tmp_path: Path, with_good_file: bool
) -> None:
    (tmp_path / "\x1b]52;c;SGVsbG8=\x07bad\udce9.txt").write_bytes(b"\x00binary")
    if with_good_file:
        (tmp_path / "good.txt").write_text("A headline for the test\n\nA body sentence here.\n")
    app = make_app(tmp_path)
    shown = "]52;c;SGVsbG8= bad\ufffd.txt: binary file, not text"
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await wait_until(pilot, lambda: shown in screen_text(app), "the notice")
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text


async def test_bookmarking_with_a_read_only_bookmarks_file_says_so_and_keeps_the_bookmark(
    seeds: Path,
) -> None:
    store = BookmarkStore()
    store.path.write_text("version: 1\nbookmarks: []\n", encoding="utf-8")
    store.path.chmod(0o444)
    app = make_app(seeds)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("enter", "right_curly_bracket", "m")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "read-only" in text
        assert store.path.read_text(encoding="utf-8") == "version: 1\nbookmarks: []\n"
        [recovered] = store.path.parent.glob("bookmarks.recovered-*.yaml")
        assert len(BookmarkStore(recovered).load()) == 1
