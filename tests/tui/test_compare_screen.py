"""Pilot tests of the compare view: two articles side by side, sentences aligned."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from reader.facts import SentencePair, align_sentences
from reader.library import load_library
from reader.text import TextSpan
from reader.tui.navigation import ArticleTarget
from reader.tui.screens.compare import (
    CompareScreen,
    CompareView,
    other_article,
    sentence_fact_spans,
)
from reader.workspace import CleanDoc, Workspace

from helpers import APP_CSS, screen_text

SIZE = (160, 48)


class CompareHost(App[None]):
    """Analyses a folder, then opens the compare view on two of its articles."""

    CSS_PATH = APP_CSS

    def __init__(self, folder: Path, left: int = 0, right: int | None = 2) -> None:
        super().__init__()
        self.workspace = Workspace(load_library([folder]))
        self.analysis = self.workspace.analyse()
        self.ids = [article.id for article in self.workspace.articles]
        self.left_id = self.ids[left]
        self.right_id = self.ids[right] if right is not None else None
        self.results: list[ArticleTarget | None] = []

    def on_mount(self) -> None:
        screen = CompareScreen(self.workspace, self.analysis, self.left_id, self.right_id)
        self.push_screen(screen, self.results.append)

    def doc(self, article_id: str) -> CleanDoc:
        article = self.workspace.article(article_id)
        text = self.workspace.cleaned(article_id).text
        return CleanDoc(article_id, article.outlet, article.title, text)

    def pairs(self) -> list[SentencePair]:
        return align_sentences(self.doc(self.left_id), self.doc(self.right_id or ""))


def opening(span: TextSpan, count: int = 4) -> str:
    return " ".join(span.text.split()[:count])


def line_of(text: str, fragment: str) -> int:
    """The screen row on which `fragment` appears (-1 when it is not on screen)."""
    return next((row for row, line in enumerate(text.splitlines()) if fragment in line), -1)


async def test_headers_name_both_outlets(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert line_of(text, "apnews.com") == line_of(text, "themoscowtimes.com") == 0
        assert "Zelensky 'Ready' to Hand North Korean POWs to Pyongyang" in text


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_matched_sentences_share_a_screen_row(seeds: Path, size: tuple[int, int]) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        checked = 0
        for pair in app.pairs():
            if pair.left is None or pair.right is None:
                continue
            left, right = opening(pair.left, 3), opening(pair.right, 3)
            row = line_of(text, left)
            if row < 0:
                continue
            line = text.splitlines()[row]
            assert right in line[line.index(left) + len(left) :], (left, right)
            checked += 1
        assert checked >= 1


async def test_a_sentence_without_counterpart_is_marked(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        only_right = next(p.right for p in app.pairs() if p.left is None and p.right)
        line = screen_text(app).splitlines()[line_of(screen_text(app), opening(only_right))]
        assert f"▌{opening(only_right)}" in line
        assert line[: line.index("▌")].strip() == ""


async def test_summary_counts_shared_and_exclusive_sentences(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pairs = app.pairs()
        shared = sum(1 for p in pairs if p.left and p.right)
        only_left = sum(1 for p in pairs if p.left and not p.right)
        only_right = sum(1 for p in pairs if p.right and not p.left)
        expected = (
            f"{shared} sentences shared, {only_left} only in apnews.com, "
            f"{only_right} only in themoscowtimes.com"
        )
        assert expected in screen_text(app)


async def test_brackets_change_the_right_outlet(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        header = screen_text(app).splitlines()[0]
        assert "AFP News Agency" in header and "themoscowtimes.com" not in header
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "themoscowtimes.com" in screen_text(app).splitlines()[0]


async def test_s_swaps_the_sides(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        header = screen_text(app).splitlines()[0]
        assert header.index("themoscowtimes.com") < header.index("apnews.com")
        assert "only in themoscowtimes.com, " in screen_text(app)


async def test_enter_returns_the_selected_sentence(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pairs = app.pairs()
        row = next(i for i, p in enumerate(pairs) if i > 0 and p.left and p.right)
        await pilot.press(*["j"] * row, "enter")
        await pilot.pause()
        assert len(app.results) == 1
        target = app.results[0]
        assert target is not None and target.article_id == app.left_id
        clean = app.workspace.cleaned(target.article_id).text
        assert clean[target.start : target.end] == pairs[row].left.text


async def test_enter_on_a_right_only_row_opens_the_right_article(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pairs = app.pairs()
        row = next(i for i, p in enumerate(pairs) if p.left is None)
        await pilot.press("G", "g", *["down"] * row, "enter")
        await pilot.pause()
        target = app.results[0]
        assert target is not None and target.article_id == app.right_id
        clean = app.workspace.cleaned(target.article_id).text
        assert clean[target.start : target.end] == pairs[row].right.text


async def test_clicking_a_row_puts_the_cursor_on_it(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pairs = app.pairs()
        row = next(i for i, p in enumerate(pairs) if i > 0 and p.left is not None)
        text = screen_text(app)
        line = line_of(text, opening(pairs[row].left))
        await pilot.click(
            CompareView, offset=(5, line - app.screen.query_one(CompareView).region.y)
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.results[0] == ArticleTarget(
            app.left_id, pairs[row].left.start, pairs[row].left.end
        )


async def test_escape_closes_with_nothing(seeds: Path) -> None:
    app = CompareHost(seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "b", "escape")
        await pilot.pause()
        assert app.results == [None]


async def test_a_lone_article_has_nothing_to_compare_with(tmp_path: Path) -> None:
    (tmp_path / "lone.txt").write_text("A lone headline\n\nOne sentence about a harbour.\n")
    app = CompareHost(tmp_path, right=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Nothing to compare with" in screen_text(app)
        await pilot.press("right_square_bracket", "s", "j", "enter")
        await pilot.pause()
        assert app.is_running and app.results == []


async def test_hostile_markup_shows_literally(tmp_path: Path) -> None:
    body = "The agency said [@click=app.quit]x[/] was pressed in Velmora on Tuesday."
    (tmp_path / "a.txt").write_text(f"[bold]Title[/] one\n\nBy [red]Agency[/red]\n\n{body}\n")
    (tmp_path / "b.txt").write_text(f"Title [/] two\n\n{body} A tag [/] stays.\n")
    app = CompareHost(tmp_path, left=0, right=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]Title[/] one" in text and "Title [/] two" in text
        assert text.count("[@click=app.quit]x[/]") == 2
        assert "A tag [/] stays." in text
        await pilot.press("s", "right_square_bracket", "j")
        await pilot.pause()
        assert app.is_running


async def test_every_binding_is_named_and_described() -> None:
    for binding in CompareScreen.BINDINGS:
        assert binding.id and binding.id.startswith("compare.")
        assert binding.description


def test_fact_spans_are_shifted_into_the_sentence(seeds: Path) -> None:
    workspace = Workspace(load_library([seeds]))
    analysis = workspace.analyse()
    article_id, mentions, mention = next(
        (article.id, mentions, m)
        for article in workspace.articles
        for mentions in [
            analysis.facts[analysis.story_of[article.id]].mentions_in(article.id, shared_only=True)
        ]
        for m, f in mentions
        if f.kind != "claim" and m.sentence_start > 0
    )
    text = workspace.cleaned(article_id).text
    sentence = TextSpan(
        mention.sentence_start,
        mention.sentence_end,
        text[mention.sentence_start : mention.sentence_end],
    )
    spans = sentence_fact_spans(sentence, mentions)
    assert (mention.start - sentence.start, mention.end - sentence.start) in [
        (start, end) for start, end, _ in spans
    ]
    assert all(0 <= start < end <= len(sentence.text) for start, end, _ in spans)


def test_other_article_skips_the_left_one_and_wraps() -> None:
    story = ("a", "b", "c", "d")
    assert other_article(story, "b", None, 1) == "c"
    assert other_article(story, "b", "d", 1) == "a"
    assert other_article(story, "b", "c", -1) == "a"
    assert other_article(("a",), "a", None, 1) is None
