"""Pilot tests of the bookmarks screen: what it lists, and what its keys do to the file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input

from reader.bookmarks import Bookmark, BookmarkStore
from reader.library import load_library
from reader.tui.bookmarking import article_bookmark
from reader.tui.navigation import ArticleTarget
from reader.tui.screens.bookmarks import BookmarkList, BookmarksScreen, BookmarkTarget, NoteEditor
from reader.workspace import Workspace

from helpers import APP_CSS, screen_text

WIDE = (160, 48)
SMALL = (80, 24)
HOSTILE = "[@click=app.quit]x[/]"


class Host(App[None]):
    """Opens the bookmarks screen at once and keeps what it is dismissed with."""

    CSS_PATH = APP_CSS

    def __init__(self, store: BookmarkStore, workspace: Workspace) -> None:
        super().__init__()
        self.store = store
        self.workspace = workspace
        self.results: list[BookmarkTarget | None] = []
        self.toasts: list[tuple[str, str, bool]] = []

    def notify(self, message: str, *, title: str = "", markup: bool = True, **kwargs) -> None:
        """Keep every toast's title, message and markup flag, then show it."""
        self.toasts.append((title, message, markup))
        super().notify(message, title=title, markup=markup, **kwargs)

    def toasted(self, fragment: str) -> bool:
        """Whether a toast said `fragment`; every toast must have been plain text."""
        assert all(not markup for *_, markup in self.toasts), self.toasts
        return any(fragment in f"{title}\n{message}" for title, message, _ in self.toasts)

    def on_mount(self) -> None:
        self.push_screen(BookmarksScreen(self.store, self.workspace), self.results.append)


@pytest.fixture
def workspace(seeds: Path) -> Workspace:
    return Workspace(load_library([seeds]))


@pytest.fixture
def store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "b.yaml")


def mark(workspace: Workspace, index: int, created: str, note: str = "") -> Bookmark:
    """A bookmark of one sentence of the `index`-th article, made the way the reader does."""
    article = workspace.articles[index]
    text = workspace.cleaned(article.id).text
    start = text.index(". ", 200) + 2
    end = text.index(". ", start + 60) + 1
    bookmark = article_bookmark(article, text, start, end, note)
    return dataclasses.replace(bookmark, created=created)


def saved(store: BookmarkStore) -> dict[str, Bookmark]:
    return {bookmark.id: bookmark for bookmark in BookmarkStore(store.path).load()}


def listed_ids(app: App) -> list[str | None]:
    return [option.id for option in app.screen.query_one(BookmarkList).options]


def three_marks(store: BookmarkStore, workspace: Workspace) -> list[Bookmark]:
    """Bookmarks of articles 0, 1, 2, saved oldest last so the file order is not the answer."""
    marks = [
        mark(workspace, 0, "2025-01-01T09:00:00+00:00", note="check the numbers"),
        mark(workspace, 1, "2025-03-01T09:00:00+00:00"),
        mark(workspace, 2, "2025-02-01T09:00:00+00:00"),
    ]
    for bookmark in reversed(marks):
        store.add(bookmark)
    return marks


def first_words(bookmark: Bookmark, count: int = 5) -> str:
    return " ".join(bookmark.text.split()[:count])


@pytest.mark.parametrize("size", [SMALL, WIDE])
async def test_lists_passages_newest_first_with_source_and_note(
    store: BookmarkStore, workspace: Workspace, size: tuple[int, int]
) -> None:
    old, newest, middle = three_marks(store, workspace)
    app = Host(store, workspace)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        assert listed_ids(app) == [newest.id, middle.id, old.id]
        text = screen_text(app)
        for bookmark in (old, newest, middle):
            assert first_words(bookmark) in text
        source = workspace.articles[2]
        assert f"{source.outlet} · {source.date} · {source.title[:20]}" in text
        assert "✎ check the numbers" in text
        assert "3 bookmarks" in text
        assert "No note (press e to add one)." in text  # the preview of the newest


async def test_preview_shows_context_note_and_source(
    store: BookmarkStore, workspace: Workspace
) -> None:
    old, *_ = three_marks(store, workspace)
    app = Host(store, workspace)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("G")
        await pilot.pause()
        text = screen_text(app)
        assert "Note: check the numbers" in text
        assert old.before.split()[-1] in text
        assert old.title[:40] in text
        assert "Bookmarked 2025-01-01 09:00" in text


async def test_filter_narrows_and_escape_clears_then_closes(
    store: BookmarkStore, workspace: Workspace
) -> None:
    marks = three_marks(store, workspace)
    app = Host(store, workspace)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("slash", *"moscowtimes")
        await pilot.pause()
        moscow = [b.id for b in marks if "moscowtimes" in b.outlet]
        assert listed_ids(app) == moscow
        assert "1 of 3 bookmarks" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(listed_ids(app)) == 3
        assert not app.results
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_filter_searches_notes(store: BookmarkStore, workspace: Workspace) -> None:
    old, *_ = three_marks(store, workspace)
    app = Host(store, workspace)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("slash", *"numbres", "enter")
        await pilot.pause()
        assert listed_ids(app) == [old.id]


async def test_enter_opens_the_article_at_the_passage(
    store: BookmarkStore, workspace: Workspace
) -> None:
    _, _, middle = three_marks(store, workspace)
    app = Host(store, workspace)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
    target = app.results[0]
    assert target == BookmarkTarget(workspace.articles[2].id, middle.start, middle.end)
    assert isinstance(target, ArticleTarget)
    text = workspace.cleaned(target.article_id).text
    assert text[target.start : target.end] == middle.text


async def test_enter_finds_a_moved_article_by_title_and_outlet_and_an_edited_passage(
    store: BookmarkStore, workspace: Workspace
) -> None:
    bookmark = mark(workspace, 3, "2025-01-01T09:00:00+00:00")
    moved = dataclasses.replace(bookmark, path="/elsewhere/old-copy.txt", start=0, end=5)
    store.add(moved)
    app = Host(store, workspace)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [BookmarkTarget(workspace.articles[3].id, bookmark.start, bookmark.end)]


async def test_enter_says_so_when_the_article_or_passage_is_gone(
    store: BookmarkStore, workspace: Workspace
) -> None:
    bookmark = mark(workspace, 0, "2025-01-01T09:00:00+00:00")
    store.add(dataclasses.replace(bookmark, path="/gone.txt", title="Gone", outlet="x.com"))
    rewritten = "Entirely different words that no article of the seeds contains anywhere."
    store.add(
        dataclasses.replace(
            bookmark, id="rewritten", text=rewritten, before="", after="", created="2024-01-01"
        )
    )
    app = Host(store, workspace)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.toasted("not in the open library (/gone.txt)")
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.toasted("The passage is no longer in")
        assert isinstance(app.screen, BookmarksScreen)
    assert app.results == []


async def test_note_edit_is_saved_and_escape_cancels(
    store: BookmarkStore, workspace: Workspace
) -> None:
    _, newest, _ = three_marks(store, workspace)
    app = Host(store, workspace)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"compare with AP", "enter")
        await pilot.pause()
        assert saved(store)[newest.id].note == "compare with AP"
        assert "✎ compare with AP" in screen_text(app)
        await pilot.press("e", "ctrl+u", *"discarded", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
    assert saved(store)[newest.id].note == "compare with AP"


async def test_delete_then_undo_restores_the_bookmark_in_the_file(
    store: BookmarkStore, workspace: Workspace
) -> None:
    _, newest, _ = three_marks(store, workspace)
    before = saved(store)[newest.id]
    app = Host(store, workspace)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert newest.id not in saved(store)
        assert newest.id not in listed_ids(app)
        assert app.toasted("Deleted — press u to undo")
        assert "press u to undo" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert saved(store)[newest.id] == before
        assert listed_ids(app)[0] == newest.id


async def test_changes_made_by_another_newsreader_are_reported_not_fatal(
    store: BookmarkStore, workspace: Workspace
) -> None:
    _, newest, middle = three_marks(store, workspace)
    app = Host(store, workspace)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        BookmarkStore(store.path).remove(newest.id)
        await pilot.press("d")
        await pilot.pause()
        assert app.toasted("deleted elsewhere")
        assert listed_ids(app)[0] == middle.id
        BookmarkStore(store.path).remove(middle.id)
        await pilot.press("e", *"lost", "enter")
        await pilot.pause()
        assert app.toasted("Note not saved")
        assert app.is_running
        assert len(listed_ids(app)) == 1


async def test_corrupt_file_is_named_with_its_line_and_left_untouched(
    store: BookmarkStore, workspace: Workspace
) -> None:
    store.path.write_bytes(b"bookmarks: [unclosed\n")
    app = Host(store, workspace)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("d", "e", "u", "enter", "r")
        await pilot.pause()
        text = screen_text(app)
        assert f"{store.path.name}, line 2: not valid YAML" in text
        assert "cannot be used, so nothing is listed" in text
        assert "No bookmarks yet" not in text
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert store.path.read_bytes() == b"bookmarks: [unclosed\n"


async def test_newer_format_lists_but_refuses_changes(
    store: BookmarkStore, workspace: Workspace
) -> None:
    three_marks(store, workspace)
    store.path.write_text(store.path.read_text().replace("version: 1", "version: 2"))
    original = store.path.read_bytes()
    app = Host(store, workspace)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("d")
        await pilot.pause()
        text = screen_text(app)
        assert "Bookmarks are read-only: notes, delete and undo are disabled." in text
        assert app.toasted("read-only until the file is fixed; nothing was changed")
        await pilot.press("e", "u")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert len(listed_ids(app)) == 3
    assert store.path.read_bytes() == original


async def test_empty_state_says_how_to_bookmark(store: BookmarkStore, workspace: Workspace) -> None:
    app = Host(store, workspace)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        assert "No bookmarks yet. In the reading pane, move to a passage" in screen_text(app)
        await pilot.press("escape")
    assert app.results == [None]


async def test_markup_in_passage_and_note_is_shown_literally(
    tmp_path: Path, store: BookmarkStore
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    body = f"The agency said that {HOSTILE} was pressed and [bold]x[/bold] stayed literal."
    (library / "hostile.txt").write_text(f"A hostile headline here\n\n{body}\n", encoding="utf-8")
    workspace = Workspace(load_library([library]))
    article = workspace.articles[0]
    text = workspace.cleaned(article.id).text
    start = text.index(HOSTILE)
    note = f"[bold]mine[/bold] {HOSTILE}"
    store.add(article_bookmark(article, text, start, start + len(HOSTILE) + 15, note=note))
    app = Host(store, workspace)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert f"{HOSTILE} was pressed" in shown
        assert f"Note: {note}" in shown
        link_at = (len("…The agency said that "), 1)  # where a parsed "x" would be a link
        await pilot.click("#bookmarks-preview", offset=link_at)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(Input).value == note
        await pilot.press("escape", "d")
        await pilot.pause()
        assert app.toasted(f"“{HOSTILE} was pressed")
        assert HOSTILE in screen_text(app)
        assert app.is_running
