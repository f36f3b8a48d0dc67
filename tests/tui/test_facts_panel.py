"""The facts panel: its short labels and the outlet legend above the coverage strips."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.facts import Fact, Mention
from reader.tui.widgets.facts_panel import FactsPanel, _label, outlet_legend, overlapping_joined

from helpers import make_app, screen_text, wait_for_analysis


def test_a_label_cut_short_ends_in_one_ellipsis() -> None:
    text = "soldiers appear wounded … " + "x" * 80
    label = _label(text, "■ □", width=27).plain  # the cut falls just after " … "
    assert label.endswith("wounded…") and "… …" not in label
    assert _label("short claim", "■ □").plain == "■ □  short claim"


def test_details_only_here_that_overlap_read_as_one() -> None:
    text = "The capture is shaking the diplomatic balance of three nations, officials said."

    def detail(phrase: str, fact_id: str) -> tuple[Mention, Fact]:
        start = text.index(phrase)
        mention = Mention("a", "Herald", start, start + len(phrase), phrase, 0, len(text))
        return mention, Fact(fact_id, phrase, "claim", "s", ("Herald",), (mention,))

    claim = detail("shaking the diplomatic balance of three", "f1")
    number = detail("three nations", "f2")
    said = detail("officials said", "f3")
    joined = overlapping_joined([number, claim, claim, said])
    assert [mention.text for mention in joined] == [
        "shaking the diplomatic balance of three nations",
        "officials said",
    ]
    mention = joined[0]
    assert text[mention.start : mention.end] == mention.text, "Enter marks it all"


OUTLETS = ("unknown outlet 001_342b…", "unknown outlet 004_5c14…", "AFP News Agency")
"""The seed story's outlets with names of more than one word, as the panel names them."""
SHORT_OUTLETS = ("(001_342b…)", "(004_5c14…)", "AFP News Agency")


def panel_lines(app) -> list[str]:
    """The facts panel's rows as on screen (its left border cut off)."""
    region = app.screen.query_one(FactsPanel).region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return [row[region.x + 1 : region.right].rstrip() for row in rows]


def header_lines(app) -> list[str]:
    lines = panel_lines(app)
    end = next(k for k, line in enumerate(lines) if line.strip().startswith("Shared claims"))
    return [line.strip() for line in lines[:end]]


def square_columns(line: str) -> list[int]:
    return [k for k, char in enumerate(line) if char in "■□·"]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_outlet_header_never_breaks_a_name_and_lines_up_with_the_strips(
    seeds: Path, size: tuple[int, int]
) -> None:
    app = make_app(seeds)
    async with app.run_test(size=size) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("j", "j", "f")
        await pilot.pause()
        header = header_lines(app)
        for full, short in zip(OUTLETS, SHORT_OUTLETS, strict=True):
            assert any(full in line or short in line for line in header), (full, header)
        assert any("themoscowtimes.com" in line for line in header), header
        assert any("Outlets" in line for line in header)
        lines = panel_lines(app)
        strip = next(line for line in lines if "■ ■ ■ ■ ■  " in line)
        squares = square_columns(strip)[:5]
        pointers = [line for line in lines if line.lstrip().startswith(("■ ·", "· "))]
        if pointers:  # one line per outlet, its square filled above the outlets' squares
            assert [line.index("■") for line in pointers] == squares, pointers
        else:  # numbered, the numbers spaced like the squares
            scale = next(line for line in lines if "1 2 3 4 5" in line)
            assert [scale.index(str(k + 1)) for k in range(5)] == squares, scale


async def test_the_outlet_header_is_laid_out_again_when_the_panel_gets_wider(
    seeds: Path,
) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("j", "j", "f")
        await pilot.pause()
        assert not any(line.startswith("■ · · · ·") for line in header_lines(app))
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        header = header_lines(app)
        assert "■ · · · ·  unknown outlet 001_342b…" in header
        assert "· · · · ■  themoscowtimes.com (this)" in header


LABELS = [
    ("unknown outlet 001_342b…", "(001_342b…)"),
    ("AFP News Agency", "AFP News Agency"),
    ("apnews.com", "apnews.com"),
    ("Le Monde diplomatique", "Le Monde diplomatique"),
]


@pytest.mark.parametrize("width", range(8, 60))
def test_every_line_of_the_legend_fits_and_keeps_its_names_whole(width: int) -> None:
    legend = outlet_legend(LABELS, 1, width)
    lines = legend.plain.split("\n")
    assert all(cell_len(line) <= width for line in lines[1:]), lines
    entries = lines[1:]
    for full, short in LABELS:
        whole = any(full in line or short in line for line in entries)
        assert whole or any("…" in line for line in entries), (width, lines)
    if width >= 33:  # room for pointers and every full name
        assert entries[1] == "· ■ · ·  AFP News Agency (this)"


def test_the_legend_shows_outlet_names_literally() -> None:
    legend = outlet_legend([("[bold]Times[/]", "[bold]Times[/]"), ("B\nC", "B C")], 0, 40)
    assert "[bold]Times[/] (this)" in legend.plain and "B C" in legend.plain
