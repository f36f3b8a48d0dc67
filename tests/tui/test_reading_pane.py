"""The reading pane's passage cursor when the text under it changes."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from reader.tui.widgets.reading_pane import ReadingPane

FIRST_VERSION = (
    "SHARE ON FACEBOOK\n\nThe harbour reopened on Monday.\n\nShips sailed again, the port said."
)
CLEANER_VERSION = "The harbour reopened on Monday.\n\nShips sailed again, the port said."
OTHER_ARTICLE = "Ships sailed again, the port said.\n\nA different story follows here."


class PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReadingPane()


async def test_the_passage_stays_on_its_words_when_the_article_is_cleaned_again() -> None:
    app = PaneApp()
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        pane.show(Content("Harbour"), FIRST_VERSION)
        start = FIRST_VERSION.index("Ships")
        pane.set_passage(start, len(FIRST_VERSION))
        pane.show(Content("Harbour"), CLEANER_VERSION, keep_scroll=True)
        await pilot.pause()
        assert pane.passage_text() == "Ships sailed again, the port said."
        assert pane.passage == (CLEANER_VERSION.index("Ships"), len(CLEANER_VERSION))


async def test_another_article_starts_without_a_passage() -> None:
    app = PaneApp()
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        pane.show(Content("Harbour"), CLEANER_VERSION)
        pane.set_passage(CLEANER_VERSION.index("Ships"), len(CLEANER_VERSION))
        pane.show(Content("Other"), OTHER_ARTICLE)
        await pilot.pause()
        assert pane.passage is None


async def test_the_raw_view_has_no_passage_and_brings_none_back() -> None:
    app = PaneApp()
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        pane.show(Content("Harbour"), CLEANER_VERSION)
        pane.set_passage(CLEANER_VERSION.index("Ships"), len(CLEANER_VERSION))
        pane.show(Content("Harbour"), FIRST_VERSION, keep_scroll=True, cursor=False)
        await pilot.pause()
        assert pane.passage is None
        pane.show(Content("Harbour"), CLEANER_VERSION, keep_scroll=True)
        await pilot.pause()
        assert pane.passage is None
