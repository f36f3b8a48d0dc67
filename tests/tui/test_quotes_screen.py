"""Pilot tests for the quote view: the list, the side-by-side versions, the keys, untrusted text."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.app import App

from reader.library import load_library
from reader.quote_groups import quote_at
from reader.quotes import Quote
from reader.tui.navigation import ArticleTarget
from reader.tui.screens.quotes import QuotePair, QuotesScreen, diff_columns
from reader.workspace import Workspace

from helpers import APP_CSS, screen_text

SIZE = (160, 48)
HOSTILE_QUOTE = "We will never allow [@click=app.quit]x[/] or [bold]tags[/bold] in our software"


class QuotesHost(App[None]):
    """Analyses a folder and opens the quote view on its story with the most quotes."""

    CSS_PATH = APP_CSS

    def __init__(self, folder: Path, focus_quote_id: str | None = None) -> None:
        super().__init__()
        self.workspace = Workspace(load_library([folder]))
        self.analysis = self.workspace.analyse()
        story = max(self.analysis.stories, key=lambda s: len(self.analysis.quotes[s.id]))
        self.story_id = story.id
        self.focus_quote_id = focus_quote_id
        self.results: list[ArticleTarget | None] = []

    def on_mount(self) -> None:
        screen = QuotesScreen(self.workspace, self.analysis, self.story_id, self.focus_quote_id)
        self.push_screen(screen, self.results.append)

    def find_quote(self, opening: str) -> Quote:
        return next(
            quote
            for cluster in self.analysis.quotes[self.story_id]
            for quote in cluster.quotes
            if quote.text.startswith(opening)
        )


def column_heads(app: App) -> tuple[str, ...]:
    """The outlet names over the two columns, as drawn on the versions pane's first row."""
    pair = app.screen.query_one(QuotePair)
    first_row = pair.lines(pair.size.width)[0].plain
    return tuple(side.strip().rsplit("  ", 1)[0] for side in first_row.split("│"))


async def test_lists_clusters_across_outlets_before_single_outlet_quotes(seeds: Path) -> None:
    app = QuotesHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Volodymyr Zelenskyy · 3 outlets" in text
        assert "Volodymyr Zelenskyy · 2 outlets" in text
        assert "“If Kim Jong Un even remembers" in text
        assert "Koo Byoungsam · apnews.com" in text
        assert "There’s nothing we can say" in text
        assert text.index("Across outlets") < text.index("One outlet") < text.index("Koo")


async def test_columns_are_headed_by_outlets_and_keys_change_them(seeds: Path) -> None:
    app = QuotesHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = column_heads(app)
        assert left == "apnews.com" and right != left
        text = screen_text(app)
        assert "apnews.com  1 of 3" in text and "In context" in text
        assert "unknown outlet 001_342b…  2 of 3" in text, "no id-like file name as outlet"
        await pilot.press("right_square_bracket")
        cycled = column_heads(app)
        assert cycled[0] == left and cycled[1] not in (left, right)
        await pilot.press("tab", "right")
        assert column_heads(app) == (left, right)
        await pilot.press("s")
        assert column_heads(app) == (right, left)
        await pilot.press("right_curly_bracket")
        assert column_heads(app)[0] not in (right, left)


async def test_enter_opens_the_left_version_at_the_quote(seeds: Path) -> None:
    app = QuotesHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "s")
        left_outlet = column_heads(app)[0]
        await pilot.press("enter", "enter")
        await pilot.pause()
        [target] = app.results
        assert target is not None
        assert app.workspace.article(target.article_id).outlet == left_outlet
        quoted = app.workspace.cleaned(target.article_id).text[target.start : target.end]
        assert quoted.startswith("Ukraine is ready to hand over Kim Jong Un")


async def test_escape_closes_with_no_target(seeds: Path) -> None:
    app = QuotesHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_focus_quote_opens_on_it_and_quote_at_finds_it(seeds: Path) -> None:
    probe = QuotesHost(seeds)
    koo = probe.find_quote("There’s nothing")
    clusters = probe.analysis.quotes[probe.story_id]
    assert quote_at(clusters, koo.article, koo.start + 3) == koo
    assert quote_at(clusters, koo.article, koo.end) is None
    app = QuotesHost(seeds, focus_quote_id=koo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "No other article has this quote." in text
        assert column_heads(app) == ("apnews.com",)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [ArticleTarget(koo.article, koo.start, koo.end)]


def write_story(folder: Path, name: str, outlet: str, first: str, second: str) -> None:
    """One outlet's article of a story with two quotes of the minister and a scare quote."""
    (folder / f"{name}.md").write_text(
        f"---\ntitle: Minister defends the markup reform in {outlet} report\noutlet: {outlet}\n"
        "date: 2025-01-02\n---\n"
        "The minister of digital affairs, Jane Doe, defended the markup reform on Monday.\n\n"
        f'"{first}," Doe said in a statement about the markup reform and software.\n\n'
        f'"{second}," she added, as critics called the plan a "reform" in name only.\n\n'
        "The ministry of digital affairs said the markup reform rules take effect on Monday.\n",
        encoding="utf-8",
    )


def write_differing_story(folder: Path) -> None:
    same = "Nobody in this ministry will ever stand in the way of open software"
    write_story(
        folder, "a", "First Outlet", "We will never give up on open markup in software", same
    )
    write_story(
        folder, "b", "Second Outlet", "We will never give up on open markup in software", same
    )
    write_story(
        folder, "c", "Third Outlet", "We shall not give up on open markup in software", same
    )


async def test_fragments_are_hidden_until_toggled(tmp_path: Path) -> None:
    write_differing_story(tmp_path)
    app = QuotesHost(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "3 fragments hidden" in screen_text(app)
        assert "Scare quotes and fragments" not in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert "Scare quotes and fragments (3)" in screen_text(app)


async def test_quotes_worded_differently_are_counted_and_filtered(tmp_path: Path) -> None:
    write_differing_story(tmp_path)
    app = QuotesHost(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Across outlets (2)" in text
        assert "worded differently: Third Outlet 1" in text
        await pilot.press("d")
        await pilot.pause()
        text = screen_text(app)
        assert "Worded differently across outlets (1)" in text
        assert "Across outlets (2)" not in text
        assert "Jane Doe, The minister of digital affairs" in text
        assert "worded differently in 1 of 3 outlets (Third Outlet)" in text
        await pilot.press("d")
        await pilot.pause()
        assert "Across outlets (2)" in screen_text(app)


def write_outlet(folder: Path, name: str, outlet: str, quote: str) -> None:
    (folder / f"{name}.md").write_text(
        f"---\ntitle: Minister rejects [red]markup[/red] in {outlet} report\noutlet: {outlet}\n"
        "date: 2025-01-02\n---\n"
        "The minister of digital affairs spoke about markup in software on Monday.\n\n"
        f'"{quote}," the minister, Jane Doe, said in a statement about markup and software.\n\n'
        "The ministry of digital affairs said software markup rules take effect on Monday.\n",
        encoding="utf-8",
    )


async def test_markup_in_quotes_is_shown_literally(tmp_path: Path) -> None:
    write_outlet(tmp_path, "first", "First Outlet", HOSTILE_QUOTE)
    write_outlet(tmp_path, "second", "Second Outlet", HOSTILE_QUOTE + " ever again")
    app = QuotesHost(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert set(column_heads(app)) == {"First Outlet", "Second Outlet"}
        await pilot.press("tab", "s")
        await pilot.click(QuotePair)
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text
        assert "[bold]tags[/bold]" in text
        assert "[red]markup[/red]" in text
        assert app.is_running


async def test_a_story_without_quotes_says_so(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("A quiet day\n\nNobody said anything at all today.\n")
    app = QuotesHost(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No quotes in this story" in screen_text(app)
        await pilot.press("o", "s", "right_square_bracket", "f")
        assert app.is_running


def test_long_versions_wrap_at_words_and_stay_level() -> None:
    left = "alpha beta gamma delta epsilon zeta eta theta then the same closing words here"
    right = "alpha kappa then the same closing words here and more"
    left_rows, right_rows = diff_columns(left, right, 16)
    assert len(left_rows) == len(right_rows)
    assert all(cell_len(row.plain) <= 16 for row in left_rows + right_rows)
    assert " ".join(row.plain for row in left_rows if row.plain).split() == left.split()
    starts = [
        next(i for i, row in enumerate(rows) if "then" in row.plain.split())
        for rows in (left_rows, right_rows)
    ]
    assert starts[0] == starts[1]
