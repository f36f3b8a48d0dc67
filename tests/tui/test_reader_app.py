"""Pilot tests: press the keys a user presses and check what the screen shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from reader.tui.screens.empty import EmptyScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_pane import ReadingPane

from helpers import (
    declared_binding_ids,
    make_app,
    screen_text,
    table_rows,
    wait_for_analysis,
    wait_until,
)

SIZE = (160, 48)


async def test_lists_the_five_seed_titles(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for fragment in (
            "Zelenskyy Open to Exchanging",
            "North Korean soldiers captured in",
            "Zelensky 'Ready' to Hand North",
            "Zelensky Proposes Exchange of",
            "Zelenskyy Offers North Korean",
        ):
            assert fragment in text
        assert app.screen.query_one(ArticleList).option_count == 5


async def test_moving_the_selection_changes_the_reading_pane(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "apnews.com" in screen_text(app)
        await pilot.press("j", "j")
        await pilot.pause()
        text = screen_text(app)
        assert "themoscowtimes.com · 2025-01-13" in text
        assert "https://www.themoscowtimes.com/2025/01/13/" in text
        await pilot.press("k")
        await pilot.pause()
        assert "Kiev shows the world the two captured" in screen_text(app)


async def test_reader_mode_hides_boilerplate_and_raw_view_shows_reasons(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "G")
        await pilot.pause()
        assert "LEAVE A REPLY" not in screen_text(app)
        await pilot.press("r", "G")
        await pilot.pause()
        text = screen_text(app)
        assert "Please enter your comment!  ← comment form" in text


async def test_raw_view_of_a_big_library_reads_the_file_and_says_when_it_is_gone(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import reader.workspace

    monkeypatch.setattr(reader.workspace, "RAW_RELEASED_FROM", 1)
    library = tmp_path / "library"
    shutil.copytree(seeds, library)
    app = make_app(library)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("enter", "r", "G")
        await pilot.pause()
        assert "Please enter your comment!  ← comment form" in screen_text(app)
        await pilot.press("r")
        app.screen.current.path.unlink()
        await pilot.press("r")
        await pilot.pause(0.3)
        assert "No raw page" in screen_text(app)
        assert "LEAVE A REPLY" not in screen_text(app)


async def test_enter_moves_into_the_pane_and_escape_back(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.focused, ReadingPane)
        await pilot.press("escape")
        assert isinstance(app.focused, ArticleList)


async def test_filter_narrows_the_list_fuzzily(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"moscowtimes")
        await pilot.pause()
        assert app.screen.query_one(ArticleList).option_count == 1
        assert "1 of 5 articles" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(ArticleList).option_count == 5


async def test_help_lists_every_key_and_closes(seeds: Path) -> None:
    from textual.widgets import DataTable

    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = table_rows(table)
        assert {row[3] for row in rows} == declared_binding_ids()
        quit_row = next(row for row in rows if row[3] == "app.quit")
        assert quit_row[:3] == ["Anywhere", "q", "Quit"]
        assert "Filter" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_shows_the_keys_the_config_gives(seeds: Path) -> None:
    from reader.config import Config, ConfigResult
    from reader.library import load_library
    from reader.tui.app import NewsReaderApp

    config = ConfigResult(Config(keys={"reader.filter": "ctrl+f", "reader.search": "ctrl+s"}))
    app = NewsReaderApp(load_library([seeds]), [seeds], config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        filter_row = next(line for line in screen_text(app).splitlines() if "reader.filter" in line)
        assert "^f" in filter_row
        assert " / " not in filter_row
        await pilot.press("escape", "ctrl+f")
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).has_focus


async def test_q_quits(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_empty_folder_shows_an_empty_state(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EmptyScreen)
        assert "No articles to show." in screen_text(app)


async def test_unreadable_files_are_named_in_a_notification(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A headline for the test\n\nA body sentence here.\n")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        shown = "blob.txt: binary file, not text"
        await wait_until(pilot, lambda: shown in screen_text(app), "the notice")


async def test_bookmark_a_passage_see_it_listed_and_jump_back(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("enter", "right_curly_bracket", "right_curly_bracket", "m")
        await pilot.pause()
        assert "Bookmarked: Zelenskyy revealed that one of the North" in screen_text(app)
        assert "★ Zelenskyy Open to Exchanging" in screen_text(app)
        await pilot.press("escape", "j", "j", "apostrophe")
        await pilot.pause()
        assert "Zelenskyy revealed that one of the North Korean soldiers" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        pane = app.screen.query_one(ReadingPane)
        assert app.screen.current.id == "000_e9434feffba2dee6"
        assert pane.passage_text().startswith("Zelenskyy revealed that one of the North")


async def test_shared_facts_panel_and_next_fact(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("j", "j", "f")
        await pilot.pause()
        text = screen_text(app)
        assert "Outlets, left to right" in text and "· · · · ■  themoscowtimes.com (this)" in text
        assert "unknown outlet 001_342b…" in text and "1 001_342b799c0226035c" not in text
        assert "Shared claims" in text and "■ ■ ■ ■ ■  " in text
        assert "more: v shows every fact and who reports it" in text
        assert "Numbers and dates" in text and "agree  two North Korean soldiers" in text
        assert "Disagreements (1)" in text and "10,000 troops" in text
        assert "Only in themoscowtimes.com" in text
        await pilot.press("enter", "n")
        await pilot.pause()
        first = app.screen.query_one(ReadingPane).passage_text()
        await pilot.press("n")
        await pilot.pause()
        second = app.screen.query_one(ReadingPane).passage_text()
        assert first and second and first != second


async def test_what_others_say_opens_another_outlet_at_the_fact(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("enter", "n", "n", "e")
        await pilot.pause()
        assert "Reported by" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.current.id != "000_e9434feffba2dee6"
        assert app.screen.query_one(ReadingPane).passage is not None


async def test_compare_and_quotes_open_from_the_reader(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert "sentences shared" in screen_text(app)
        await pilot.press("escape", "quotation_mark")
        await pilot.pause()
        assert "Across outlets" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Zelenskyy Open to Exchanging" in screen_text(app)


async def test_body_search_shows_sentences_and_opens_the_article(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("S", *"jaw")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "3 matching sentences" in text
        assert "with a bandage around his jaw." in text
        await pilot.press("down", "enter")
        await pilot.pause()
        passage = app.screen.query_one(ReadingPane).passage_text()
        assert passage == "jaw"
        assert app.screen.current.outlet == "themoscowtimes.com"


async def test_a_big_library_is_read_behind_a_loading_screen(seeds: Path) -> None:
    from reader.tui.app import NewsReaderApp

    app = NewsReaderApp(None, [seeds])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "5 articles" in screen_text(app), "the list")
        assert type(app.screen).__name__ == "ReaderScreen"
        assert app.screen.query_one(ArticleList).option_count == 5


async def test_reopening_a_big_library_lists_it_without_guessing_again(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.library
    from reader.tui.app import NewsReaderApp

    async def listed_titles() -> str:
        app = NewsReaderApp(None, [seeds])
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: "5 articles" in screen_text(app), "the list")
            options = app.screen.query_one(ArticleList)
            return "\n".join(
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            )

    first = await listed_titles()

    def no_guessing(*args: object, **kwargs: object) -> None:
        raise AssertionError("metadata guessed again for an unchanged file")

    monkeypatch.setattr(reader.library, "guess_metadata", no_guessing)
    assert await listed_titles() == first
    assert "Zelensky 'Ready' to Hand North Korean POWs" in first


async def test_undo_of_a_deleted_bookmark_survives_closing_the_screen(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_analysis(pilot)
        await pilot.press("enter", "right_curly_bracket", "m", "apostrophe", "d", "escape")
        await pilot.pause()
        assert app.screen.marks.store.load() == []
        await pilot.press("apostrophe", "u", "escape")
        await pilot.pause()
        assert len(app.screen.marks.store.load()) == 1


async def test_a_keymap_entry_naming_no_binding_is_reported(seeds: Path) -> None:
    from reader.config import Config, ConfigResult
    from reader.library import load_library
    from reader.tui.app import NewsReaderApp

    config = ConfigResult(Config(keys={"reader.filtre": "ctrl+f", "reader.filter": "ctrl+g"}))
    app = NewsReaderApp(load_library([seeds]), [seeds], config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("reader.filtre" in m and "reader.filter," not in m for m in messages)


async def test_a_bookmark_of_a_moved_file_still_stars_its_article(seeds: Path) -> None:
    import os

    from reader.bookmarks import BookmarkStore, new_bookmark
    from reader.library import load_library

    article = load_library([seeds]).articles[0]
    mark = new_bookmark(
        article.title,
        0,
        10,
        title=article.title,
        outlet=article.outlet,
        path="/no/longer/here/article.txt",
    )
    BookmarkStore(Path(os.environ["NEWSREADER_BOOKMARKS"])).add(mark)
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert f"★ {article.title[:25]}" in screen_text(app)


async def test_an_analysis_that_ends_after_the_app_closed_shows_nothing(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_analysis(pilot)
        screen = app.screen
        analysis = screen.analysis
    screen._show_progress("Cleaning", 1, 2)  # from the analysis thread, after the app closed
    screen._analysis_done(analysis)


async def test_a_narrow_footer_ends_with_the_command_palette_key_alone(seeds: Path) -> None:
    app = make_app(seeds)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert footer.rstrip().endswith("^p Commands"), footer
