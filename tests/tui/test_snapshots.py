"""Snapshots of the main screens (pytest-textual-snapshot); `--snapshot-update` to accept."""

from __future__ import annotations

from pathlib import Path

from helpers import make_app, wait_for_analysis


async def _analysed(pilot) -> None:
    await wait_for_analysis(pilot)
    await pilot.pause()


def test_reader_at_80x24(snap_compare, seeds: Path) -> None:
    assert snap_compare(make_app(seeds), terminal_size=(80, 24), run_before=_analysed)


def test_reader_with_facts_panel_at_160x48(snap_compare, seeds: Path) -> None:
    assert snap_compare(
        make_app(seeds), terminal_size=(160, 48), run_before=_analysed, press=["j", "j", "f"]
    )


def test_quote_view_at_160x48(snap_compare, seeds: Path) -> None:
    assert snap_compare(
        make_app(seeds), terminal_size=(160, 48), run_before=_analysed, press=["quotation_mark"]
    )
