"""The analysis progress line: a bar and a percentage in one row."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.tui.widgets.progress_line import ProgressLine

from helpers import screen_text


class LineApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ProgressLine()


async def test_the_bar_fills_to_the_fraction_with_the_percentage_after_it() -> None:
    app = LineApp()
    async with app.run_test(size=(25, 3)) as pilot:
        line = app.query_one(ProgressLine)
        line.fraction = 0.5
        await pilot.pause()
        first_row = screen_text(app).splitlines()[0]
        assert first_row == "━" * 20 + "  50%"
        done, todo = line.render().spans[:2]
        assert (done.start, done.end, todo.start, todo.end) == (0, 10, 10, 20)
        line.fraction = 1.0
        await pilot.pause()
        assert screen_text(app).splitlines()[0].endswith(" 100%")
