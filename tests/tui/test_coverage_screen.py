"""Pilot tests for the coverage view: facts down, outlets across, sorting, opening a mention."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable

from reader.facts import Disagreement, Fact, Mention, StoryFacts
from reader.library import load_library
from reader.tui.navigation import ArticleTarget
from reader.tui.screens.coverage import (
    DIFFERENT,
    LEFT_OUT,
    REPORTED,
    CoverageScreen,
    column_name,
    coverage_rows,
    sorted_rows,
)
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.reading_pane import ReadingPane
from reader.workspace import Workspace

from helpers import APP_CSS, make_app, screen_text, wait_for_analysis


def mention(article: str, outlet: str, start: int, end: int, text: str) -> Mention:
    return Mention(article, outlet, start, end, text, start, end)


def test_cells_say_reported_left_out_or_reported_differently() -> None:
    troops_a = mention("a", "herald", 10, 16, "10,000")
    troops_b = mention("b", "courier", 30, 36, "11,000")
    facts = StoryFacts(
        "s1",
        shared=(
            Fact(
                "f1",
                "troops sent to the front",
                "claim",
                "s1",
                ("courier", "herald"),
                (
                    mention("a", "herald", 0, 20, "10,000 troops sent"),
                    mention("b", "courier", 25, 45, "11,000 troops went"),
                ),
            ),
        ),
        exclusive=(
            Fact(
                "f2",
                "the bunk bed",
                "claim",
                "s1",
                ("herald",),
                (mention("a", "herald", 50, 62, "the bunk bed"),),
            ),
        ),
        disagreements=(Disagreement("troops", (troops_a, troops_b)),),
    )
    rows = coverage_rows(facts)
    shared, exclusive, disagreement = rows
    assert shared.cell("herald") == f"{DIFFERENT} 10,000"
    assert shared.cell("courier") == f"{DIFFERENT} 11,000"
    assert exclusive.cell("herald") == REPORTED and exclusive.cell("courier") == LEFT_OUT
    assert disagreement.text == "troops: 10,000 / 11,000"
    assert [r.text for r in sorted_rows(rows, fewest_first=True)][0] == "the bunk bed"


class CoverageHost(App[None]):
    """Analyses a folder and opens the coverage view on its biggest story."""

    CSS_PATH = APP_CSS

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.workspace = Workspace(load_library([folder]))
        self.analysis = self.workspace.analyse()
        self.story = max(self.analysis.stories, key=lambda s: len(s.articles))
        self.results: list[ArticleTarget | None] = []

    def on_mount(self) -> None:
        screen = CoverageScreen(self.workspace, self.analysis, self.story.id)
        self.push_screen(screen, self.results.append)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_shows_facts_by_outlet_and_opens_the_outlets_mention(
    seeds: Path, size: tuple[int, int]
) -> None:
    app = CoverageHost(seeds)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        facts = app.analysis.facts[app.story.id]
        assert table.row_count == len(facts.shared) + len(facts.exclusive) + len(
            facts.disagreements
        )
        assert table.row_count > 20  # more than a screen: the table scrolls
        text = screen_text(app)
        assert "reported differently" in text and "most outlets first" in text
        assert REPORTED in text and LEFT_OUT in text
        assert "(001_" in text and "(004_" in text, "two unnamed outlets told apart"
        first = app.screen.shown[0]
        assert first.coverage == max(row.coverage for row in app.screen.shown)
        await pilot.press("s")
        assert app.screen.shown[0].coverage == min(row.coverage for row in app.screen.shown)
        assert "fewest outlets first" in screen_text(app)
        await pilot.press("s")
        await pilot.press(*"j" * 10)
        assert table.cursor_coordinate.row == 10
        await pilot.pause()
        assert table.cursor_row in range(table.scroll_offset.y, table.scroll_offset.y + 24)
        row = app.screen.shown[10]
        outlet = next(o for o in app.screen.outlets if o in row.mentions)
        column = app.screen.outlets.index(outlet) + 1
        for _ in range(column):
            await pilot.press("l")
        await pilot.press("enter")
        await pilot.pause()
        expected = row.mentions[outlet][0]
        assert app.results == [ArticleTarget(expected.article, expected.start, expected.end)]


async def test_a_left_out_cell_says_so_and_stays(seeds: Path) -> None:
    app = CoverageHost(seeds)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("s")  # fewest outlets first: single-outlet facts lead
        row = screen.shown[0]
        missing = next(o for o in screen.outlets if o not in row.mentions)
        for _ in range(screen.outlets.index(missing) + 1):
            await pilot.press("l")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and app.results == []
        assert "does not report this" in screen_text(app)


async def test_the_reader_opens_it_with_v_and_enter_lands_on_the_mention(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        row, screen_outlets = app.screen.shown[0], app.screen.outlets
        await pilot.press("enter")  # the fact column: the first outlet reporting it
        await pilot.pause()
        pane = app.screen.query_one(ReadingPane)
        first_outlet = row.mentions[next(o for o in screen_outlets if o in row.mentions)][0]
        assert app.screen.current.id == first_outlet.article
        assert pane.passage == (first_outlet.start, first_outlet.end)


def test_a_narrow_column_keeps_a_stand_in_outlets_brackets() -> None:
    assert column_name("(001_342b…)", 8) == "(001_3…)"
    assert column_name("themoscowtimes.com", 8) == "themosc…"
    assert column_name("(ab)", 8) == "(ab)"


async def test_headings_keep_brackets_and_the_title_is_the_article_being_read(
    seeds: Path,
) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        reading = app.screen.current
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        title = str(app.screen.query_one("#coverage-title").render())
        assert reading.title[:30] in title
        headings = [str(c.label) for c in app.screen.query_one(DataTable).columns.values()]
        stand_ins = [h for h in headings if h.startswith("(")]
        assert len(stand_ins) == 2 and all(h.endswith(")") for h in stand_ins)


async def test_help_lists_the_coverage_keys(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["Reader", "v", "Coverage", "reader.coverage"] in rows
        assert ["Coverage", "s", "Sort by coverage", "coverage.sort"] in rows
        assert ["Reader", "]", "Next event of the saga", "reader.next_event"] in rows


async def test_markup_and_control_characters_in_facts_are_shown_literally(tmp_path: Path) -> None:
    body = (
        "The [bold]council[/bold] of Tarnow voted 31 to 4 on Monday to close the "
        "[@click=app.quit]old[/] bridge over the Vistula for repairs lasting two years.\x1b[2J"
    )
    for outlet in ("alpha.example.com", "beta.example.org"):
        (tmp_path / f"{outlet.split('.')[0]}.txt").write_text(
            f"Tarnow [/] closes bridge\n\nhttps://{outlet}/2024/05/01/bridge\n\n{body}\n",
            encoding="utf-8",
        )
    app = CoverageHost(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "council[/bold]" in text and "[@click=app.quit]old[/]" in text
        assert "\x1b" not in text
        assert "alpha.example" in text and "beta.example" in text
        await pilot.press("s", "s")
        assert app.is_running
