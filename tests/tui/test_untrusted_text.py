"""Article text is never parsed as markup, on any screen."""

from __future__ import annotations

from pathlib import Path

from reader.bookmarks import BookmarkStore, new_bookmark

from helpers import make_app, screen_text, wait_for_analysis

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


HOSTILE_QUOTE = "We will [bold]never[/bold] accept [@click=app.quit]this[/] deal at all"


FRONT_MATTER = (  # YAML decodes these escapes: OSC 52 (write the clipboard), clear the screen
    '---\ntitle: "Minister [/] rejects \\e]52;c;SGVsbG8=\\a deal \\e[2J in Geneva talks"\n'
    'outlet: "Alpha \\x9b2J Times"\nurl: "https://alpha.example.com/\\e[5m"\n---\n'
)
TERMINAL_CONTROLS = ("\x1b", "\x07", "\x9b")


def write_hostile_story(folder: Path) -> None:
    """Two outlets reporting the same event and quote, both full of markup-like text; one
    has front matter with escape sequences, and a bookmark of the other has some too."""
    for outlet in ("alpha.example.com", "beta.example.org"):
        front_matter = FRONT_MATTER if outlet.startswith("alpha") else ""
        (folder / f"{outlet.split('.')[0]}.txt").write_text(
            f"{front_matter}Minister [/] rejects [red]deal[/red] in Geneva talks\n\n"
            f"https://{outlet}/2024/05/01/story\n\n"
            f'Minister Jane Doe said on Monday: "{HOSTILE_QUOTE}," in Geneva [AP] wire. '
            "The talks in Geneva drew 300 delegates from 40 countries on Monday.\n\n"
            "Doe added that the [/] ministry would publish its [@click=app.bell]position[/] "
            "on Tuesday after meeting 40 countries in Geneva.\n",
            encoding="utf-8",
        )
    passage = "The talks in Geneva drew 300 delegates from 40 countries on Monday."
    BookmarkStore().add(
        new_bookmark(
            passage,
            0,
            len(passage),
            title="Bookmarked \x1b]52;c;SGVsbG8=\x07 title \x1b[2J",
            outlet="Beta \x9b2J",
            url="https://beta.example.org/\x1b[5m",
            path=(folder / "beta.txt").resolve(),
            note="A note \x1b]0;pwned\x07 [bold]x[/bold]",
        )
    )


async def test_hostile_text_through_every_screen(tmp_path: Path) -> None:
    write_hostile_story(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for_analysis(pilot)
        steps = [
            ("ReaderScreen", ("enter",)),
            ("ReaderScreen", ("f",)),
            ("ReaderScreen", ("r",)),
            ("ReaderScreen", ("r", "n")),
            ("ElsewhereScreen", ("e",)),
            ("CompareScreen", ("escape", "c")),
            ("QuotesScreen", ("escape", "quotation_mark")),
            ("BookmarksScreen", ("escape", "right_curly_bracket", "m", "apostrophe")),
            ("HelpScreen", ("escape", "question_mark")),
        ]
        for screen_name, keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            assert app.is_running, f"app stopped on {screen_name}"
            assert type(app.screen).__name__ == screen_name
            text = screen_text(app)
            assert not any(control in text for control in TERMINAL_CONTROLS), screen_name
            if screen_name != "HelpScreen":
                assert "[/]" in text or "[bold]" in text, screen_name
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
