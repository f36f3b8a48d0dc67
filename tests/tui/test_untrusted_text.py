"""Article text is never parsed as markup, on any screen."""

from __future__ import annotations

from pathlib import Path

from helpers import make_app, screen_text

HOSTILE_TITLE = "Markup [/] and [bold]x[/bold] in a title"
HOSTILE_BODY = (
    "The agency said, see [AP] wire, and [@click=app.quit]x[/] was pressed. "
    "A closing tag [/] alone and [bold]x[/bold] must stay literal."
)


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile.txt"
    text = f"{HOSTILE_TITLE}\n\nBy [red]Agency[/red]\n\n{HOSTILE_BODY}\n"
    path.write_text(text, encoding="utf-8")
    return path


async def test_hostile_markup_is_shown_literally_and_app_keeps_running(tmp_path: Path) -> None:
    write_hostile(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.click("#article-body")
        await pilot.pause()
        text = screen_text(app)
        assert HOSTILE_TITLE in text
        assert "see [AP] wire" in text
        assert "[@click=app.quit]x[/]" in text
        assert "[bold]x[/bold]" in text
        await pilot.press("r")
        await pilot.pause()
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("escape", "slash", *"[/]")
        await pilot.pause()
        assert app.is_running
