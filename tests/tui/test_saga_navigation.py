"""Pilot tests for sagas: the grouped list keeps a saga's events together, `[` `]` walk them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.tui.widgets.article_list import ArticleList

from helpers import make_app, screen_text, wait_for_analysis
from test_stories import BILL_INTRO, BILL_VOTE, STRIKE_DEAL, STRIKE_START

SIZE = (160, 48)


@dataclass(frozen=True)
class DatedDoc:
    id: str
    outlet: str
    title: str
    text: str
    date: str | None


@pytest.fixture
def saga_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two sagas of two events each, every article with its outlet and date in front matter.

    Grouping reads an article's date from the document it is given; the workspace's documents
    are given theirs here (`Workspace.doc` does not carry it yet).
    """
    import reader.workspace

    original = reader.workspace.Workspace.doc

    def dated(self, article_id: str):
        doc = original(self, article_id)
        date = getattr(doc, "date", None) or self.article(article_id).date
        return DatedDoc(doc.id, doc.outlet, doc.title, doc.text, date)

    monkeypatch.setattr(reader.workspace.Workspace, "doc", dated)
    library = tmp_path / "sagas"
    library.mkdir()
    events = {"start": STRIKE_START, "deal": STRIKE_DEAL, "intro": BILL_INTRO, "vote": BILL_VOTE}
    for name, articles in events.items():
        for outlet, day, title, text in articles:
            front = f"---\ntitle: {title}\noutlet: {outlet}\ndate: {day}\n---\n"
            (library / f"{name}-{outlet}.txt").write_text(f"{front}{title}\n\n{text}\n")
    return library


async def test_grouped_list_shows_a_sagas_events_in_date_order(saga_library: Path) -> None:
    app = make_app(saga_library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("s")
        await pilot.pause()
        text = screen_text(app)
        first_day = text.index("saga: event 1 of 2 · 2026-03-03")
        three_weeks_on = text.index("saga: event 2 of 2 · 2026-03-24")
        assert first_day < three_weeks_on
        listed = [o.id for o in app.screen.query_one(ArticleList).options if o.id]
        strike = [Path(app.workspace.article(a).path).stem.split("-")[0] for a in listed][:6]
        assert strike == ["start"] * 3 + ["deal"] * 3
        assert "saga: event 1 of 2 · 2026-01-14" in text
        assert "saga: event 2 of 2 · 2026-06-10" in text


async def test_brackets_walk_the_saga_from_the_reader(saga_library: Path) -> None:
    app = make_app(saga_library)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_analysis(pilot)
        screen = app.screen
        start = next(a for a in app.workspace.articles if a.title.startswith("Strike shuts"))
        screen.query_one(ArticleList).highlight_article(start.id)
        await pilot.pause()
        assert screen.current.id == start.id
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "No earlier event in this saga." in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.current.title == "Marrowby dockworkers back pay deal, ending strike"
        assert screen.current.outlet == start.outlet  # the same outlet's report of the event
        assert "Event 2 of 2 · 2026-03-24" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.current.id == start.id
