"""The help screen fits the terminal: no sideways scrolling, every binding still listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from reader.tui.screens.help import HelpScreen

from helpers import declared_binding_ids, make_app, screen_text, table_rows


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_help_fits_the_screen_and_lists_every_binding(
    seeds: Path, size: tuple[int, int]
) -> None:
    app = make_app(seeds)
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        assert not table.show_horizontal_scrollbar and table.max_scroll_x == 0
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.region.right <= size[0]
        rows = table_rows(table)
        assert {row[-1] for row in rows} - {""} == declared_binding_ids()
        assert "app.quit" in screen_text(app) and "Config id" in screen_text(app)
        quit_row = next(row for row in rows if row[-1] == "app.quit")
        assert quit_row[-3:] == ["q", "Quit", "app.quit"]
        groups = binding_groups(rows)
        assert groups["coverage.sort"] == "Coverage" and groups["list.next"] == "Article list"


def binding_groups(rows: list[list[str]]) -> dict[str, str]:
    """Each binding id's group: its row's first cell, or (a narrow table) the heading row
    above it."""
    groups, heading = {}, ""
    for row in rows:
        if row[-1] == "":
            heading = row[0]
        else:
            groups[row[-1]] = row[0] if len(row) == 4 else heading
    return groups


async def test_help_at_80_columns_names_each_group_once_above_its_keys(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = [line.split("█")[1] for line in screen_text(app).splitlines() if "█" in line]
        header = next(line for line in lines if "Config id" in line)
        assert "Where" not in header and header.index("Key") < header.index("Action")
        headings = [k for k, line in enumerate(lines) if line.split() in (["Anywhere"], ["Reader"])]
        assert len(headings) == 2
        assert lines[headings[0] + 1].split()[:3] == ["q", "Quit", "app.quit"]
        assert lines[headings[1] + 1].split()[:3] == ["enter", "Read", "reader.read"]


async def test_help_keeps_its_place_when_the_terminal_narrows(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        await pilot.press(*["down"] * 20)
        chosen = table_rows(table)[table.cursor_row][-1]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert table.max_scroll_x == 0 and len(table.columns) == 3
        assert table_rows(table)[table.cursor_row][-1] == chosen
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert len(table.columns) == 4 and table_rows(table)[table.cursor_row][-1] == chosen
