"""Two articles of a story side by side, sentence by sentence.

Rows come from `align_sentences`: a matched pair shares a row, a sentence with no counterpart
gets a row of its own with a bar on its side. Both columns are drawn by one scrolling widget
(`CompareView`, Textual's line API): each row is wrapped to the column width and padded to its
taller cell, so the columns scroll together, a pair always starts on the same screen line, and
a long article costs one widget instead of hundreds.

Names, numbers and dates that other outlets also report are underlined (bold too when three or
more outlets share them). Claims are not highlighted inside a sentence: a shared claim is a
whole sentence, and the alignment already shows it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Static

from reader.facts import Fact, Mention, SentencePair, align_sentences
from reader.text import TextSpan
from reader.tui.navigation import ArticleTarget
from reader.tui.render import StyleSpan, styled
from reader.tui.widgets.facts_panel import strength_style
from reader.workspace import Analysis, Workspace

FactMentions = Sequence[tuple[Mention, Fact]]

LEGEND = "▌ only in one of the two · underline: fact 2 outlets report · bold: 3 · accent: 4+"


def sentence_fact_spans(sentence: TextSpan, mentions: FactMentions) -> list[StyleSpan]:
    """Style spans, relative to `sentence`, for the shared non-claim facts inside it."""
    spans: list[StyleSpan] = []
    for mention, fact in mentions:
        if fact.kind == "claim" or len(fact.outlets) < 2:
            continue
        start, end = max(mention.start, sentence.start), min(mention.end, sentence.end)
        if start < end:
            spans.append((start - sentence.start, end - sentence.start, strength_style(fact)))
    return spans


def sentence_contents(
    sentences: Sequence[TextSpan | None], mentions: FactMentions
) -> list[Content | None]:
    """Each sentence as plain Content with its shared facts styled (None stays None).

    Mentions come in reading order, so each sentence only looks at those that start in it.
    """
    starts = [mention.start for mention, _ in mentions]
    contents: list[Content | None] = []
    for sentence in sentences:
        if sentence is None:
            contents.append(None)
            continue
        inside = mentions[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        contents.append(styled(sentence.text, sentence_fact_spans(sentence, inside)))
    return contents


def side_labels(left_outlet: str, right_outlet: str) -> tuple[str, str]:
    """Outlet names for the summary, told apart when both articles come from one outlet."""
    if left_outlet != right_outlet:
        return left_outlet, right_outlet
    return f"{left_outlet} (left)", f"{right_outlet} (right)"


def summary_text(pairs: Sequence[SentencePair], left_outlet: str, right_outlet: str) -> str:
    """ "N sentences shared, A only in <left>, B only in <right>"."""
    shared = sum(1 for p in pairs if p.left and p.right)
    only_left = sum(1 for p in pairs if p.left and not p.right)
    only_right = sum(1 for p in pairs if p.right and not p.left)
    left_label, right_label = side_labels(left_outlet, right_outlet)
    noun = "sentence" if shared == 1 else "sentences"
    return (
        f"{shared} {noun} shared, {only_left} only in {left_label}, "
        f"{only_right} only in {right_label}"
    )


def other_article(story: Sequence[str], left_id: str, current: str | None, step: int) -> str | None:
    """The article `step` places from `current` in `story`, skipping `left_id`, wrapping round.

    With no `current`, the article that follows `left_id` in the story (or precedes it, for a
    negative step).
    """
    at = story.index(left_id) if left_id in story else -1
    others = [a for a in (*story[at + 1 :], *story[: max(at, 0)]) if a != left_id]
    if not others:
        return None
    if current in others:
        return others[(others.index(current) + step) % len(others)]
    return others[0] if step > 0 else others[-1]


Cells = tuple[Content | None, Content | None]
"""One row: the left and right sentence, None where that side has no counterpart."""

ROW_GAP = 1
"""Blank lines between rows, so consecutive sentences on one side stay apart."""

BAR = "▌"
CURSOR_MARK = "┃"
SCROLLBAR_WIDTH = 1
"""The view's scrollbar gutter (`scrollbar-size-vertical` below); the header leaves it out."""


@dataclass(frozen=True)
class Columns:
    """Where the two columns sit in a line: cursor mark, bar, left text, gap, bar, right text."""

    text_width: int
    left_x: int
    right_x: int

    @classmethod
    def for_width(cls, width: int) -> Columns:
        text_width = max(8, (width - 6) // 2)
        return cls(text_width, 2, text_width + 5)


@dataclass(frozen=True)
class WrappedRow:
    """A row wrapped to the column width; `height` counts its text lines (not the gap)."""

    left: list[Content] | None
    right: list[Content] | None

    @property
    def height(self) -> int:
        return max(len(self.left or ()), len(self.right or ()), 1)


def wrap_row(cells: Cells, width: int) -> WrappedRow:
    left, right = cells
    return WrappedRow(
        left.wrap(width) if left is not None else None,
        right.wrap(width) if right is not None else None,
    )


class CompareView(ScrollView, can_focus=False):
    """Both columns of the comparison, one aligned row per sentence pair, with a row cursor.

    Not focusable: the screen's keys move the row cursor, so the view's own scrolling keys
    must not take them first.
    """

    COMPONENT_CLASSES = {"compare-view--cursor", "compare-view--mark", "compare-view--only"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cells: list[Cells] = []
        self.cursor = 0
        self._wrapped: list[WrappedRow] = []
        self._tops: list[int] = []
        self._columns = Columns.for_width(0)
        self._strips: dict[int, Strip] = {}

    def show_rows(self, cells: list[Cells]) -> None:
        """Replace the rows, put the cursor on the first and scroll to the top."""
        self.cells = cells
        self.cursor = 0
        self._relayout()
        self.scroll_home(animate=False)

    def on_resize(self, event: Resize) -> None:
        self._relayout()
        self.call_after_refresh(self.scroll_to_cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if not width:
            self._wrapped, self._tops = [], []
            return
        self._columns = Columns.for_width(width)
        self._wrapped = [wrap_row(cells, self._columns.text_width) for cells in self.cells]
        self._tops = []
        top = 0
        for row in self._wrapped:
            self._tops.append(top)
            top += row.height + ROW_GAP
        self._strips.clear()
        self.virtual_size = Size(width, max(top - ROW_GAP, 0))
        self.refresh()

    def row_at(self, y: int) -> int:
        """The index of the row drawn at content line `y` (a gap belongs to the row above)."""
        return max(bisect_right(self._tops, y) - 1, 0)

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row `index` and scroll it into view."""
        self._set_cursor(index)
        self.scroll_to_cursor()

    def _set_cursor(self, index: int) -> None:
        if self.cells:
            self.cursor = max(0, min(index, len(self.cells) - 1))
            self._strips.clear()
            self.refresh()

    def page(self, direction: int) -> None:
        """Page down (1) or up (-1), a whole row at the top; the cursor goes to that row.

        Down starts the page with the row cut off at the bottom, so no line is skipped.
        """
        if not self._tops:
            return
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        if direction > 0:
            index = self.row_at(top + height - 1)
            index += 1 if self._tops[index] <= top else 0
        else:
            index = bisect_left(self._tops, top - height)
            if index >= len(self._tops) or self._tops[index] >= top:
                index = self.row_at(top - 1)
        self._set_cursor(index)
        self.scroll_to(y=self._tops[self.cursor], animate=False, immediate=True)

    def scroll_to_cursor(self) -> None:
        if self._wrapped:
            top, height = self._tops[self.cursor], self._wrapped[self.cursor].height
            self.scroll_to_region(Region(0, top, 1, height), animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._tops:
            self._keep_cursor_in_view(round(new_value))

    def _keep_cursor_in_view(self, top: int) -> None:
        """Move the cursor to the nearest row in view when the mouse scrolls it out of sight.

        So Enter always opens a sentence the user can see.
        """
        bottom = top + self.scrollable_content_region.height
        row_top = self._tops[self.cursor]
        if row_top + self._wrapped[self.cursor].height <= top:
            self._set_cursor(bisect_left(self._tops, top))
        elif row_top >= bottom:
            self._set_cursor(self.row_at(bottom - 1))

    def on_click(self, event: Click) -> None:
        if self._tops:
            self.move_cursor(self.row_at(int(self.scroll_offset.y) + event.y))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_offset.y) + y
        strip = self._strips.get(line)
        if strip is None:
            strip = self._strips[line] = self._line(line, width)
        return strip

    def _line(self, line: int, width: int) -> Strip:
        base = self.rich_style
        if not self._tops or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        index = self.row_at(line)
        offset = line - self._tops[index]
        row = self._wrapped[index]
        if offset >= row.height:
            return Strip.blank(width, base)
        if index == self.cursor:
            base = self.get_visual_style("compare-view--cursor").rich_style
        return self._row_line(row, offset, index == self.cursor, base).adjust_cell_length(
            width, base
        )

    def _row_line(self, row: WrappedRow, offset: int, is_cursor: bool, base: Style) -> Strip:
        """Cursor mark, then each side: a bar when only that side has a sentence, its text."""
        mark = self.get_component_rich_style("compare-view--mark", partial=True)
        only = self.get_component_rich_style("compare-view--only", partial=True)
        exclusive = row.left is None or row.right is None
        width = self._columns.text_width
        parts = [Strip([Segment(CURSOR_MARK if is_cursor else " ", base + mark)], 1)]
        for lines in (row.left, row.right):
            has_text = lines is not None
            parts.append(Strip([Segment(BAR if exclusive and has_text else " ", base + only)], 1))
            text = lines[offset] if lines is not None and offset < len(lines) else None
            parts.append(_text_strip(text, width, base))
            parts.append(Strip.blank(2, base))
        return Strip.join(parts[:-1])


def _text_strip(text: Content | None, width: int, base: Style) -> Strip:
    if text is None:
        return Strip.blank(width, base)
    strip = Strip(text.render_segments(), text.cell_length)
    return strip.apply_style(base).adjust_cell_length(width, base)


class CompareHead(Widget):
    """The outlet (bold) and title (dim) over each column, lined up with `CompareView`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sides: list[tuple[str, str]] = []

    def show(self, sides: list[tuple[str, str]]) -> None:
        """Show (outlet, title) for the left and, when there is one, the right article."""
        self.sides = sides
        self.refresh()

    def render(self) -> Content:
        columns = Columns.for_width(self.size.width - SCROLLBAR_WIDTH)
        outlets, titles = Content(), Content()
        for x, (outlet, title) in zip((columns.left_x, columns.right_x), self.sides, strict=False):
            width = columns.text_width
            outlets = outlets.pad_right(x - outlets.cell_length) + _fit(outlet, width, "bold")
            titles = titles.pad_right(x - titles.cell_length) + _fit(title, width, "dim")
        return Content("\n").join([outlets, titles])


def _fit(text: str, width: int, style: str) -> Content:
    return Content(text).truncate(width, ellipsis=True).stylize(style)


class CompareScreen(Screen[ArticleTarget | None]):
    """Compare two articles of a story; returns where to open one, or None."""

    BINDINGS = [
        Binding(
            "right_square_bracket",
            "next_right",
            "Next outlet",
            id="compare.next_outlet",
            key_display="]",
        ),
        Binding(
            "left_square_bracket",
            "previous_right",
            "Previous outlet",
            id="compare.previous_outlet",
            key_display="[",
        ),
        Binding("s", "swap", "Swap sides", id="compare.swap"),
        Binding("enter", "open", "Open", id="compare.open"),
        Binding("escape", "close", "Close", id="compare.close"),
        Binding("j,down", "cursor(1)", "Next row", id="compare.down", show=False),
        Binding("k,up", "cursor(-1)", "Previous row", id="compare.up", show=False),
        Binding("space,pagedown", "page(1)", "Page down", id="compare.page_down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", id="compare.page_up", show=False),
        Binding("g,home", "first", "First row", id="compare.first", show=False),
        Binding("G,end", "last", "Last row", id="compare.last", show=False),
    ]

    def __init__(
        self,
        workspace: Workspace,
        analysis: Analysis,
        left_id: str,
        right_id: str | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.analysis = analysis
        self.left_id = left_id
        self.right_id = self._valid_right(right_id)
        self.pairs: list[SentencePair] = []

    def _valid_right(self, right_id: str | None) -> str | None:
        if right_id and right_id != self.left_id:
            return right_id
        return other_article(self.analysis.story_articles(self.left_id), self.left_id, None, 1)

    def compose(self) -> ComposeResult:
        yield CompareHead(id="compare-head")
        yield Static(id="compare-summary")
        yield CompareView(id="compare-rows")
        yield Static(id="compare-empty")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    @property
    def view(self) -> CompareView:
        return self.query_one(CompareView)

    def _show(self) -> None:
        """Align the two articles and show them (or say there is nothing to compare with)."""
        left = self.workspace.article(self.left_id)
        head = self.query_one(CompareHead)
        summary = self.query_one("#compare-summary", Static)
        empty = self.query_one("#compare-empty", Static)
        empty.display = self.right_id is None
        self.view.display = self.right_id is not None
        if self.right_id is None:
            self.pairs = []
            head.show([(left.outlet, left.title)])
            summary.update(Content("Only one article in this story"))
            message = f"Nothing to compare with: this story has only one article ({left.outlet})."
            empty.update(Content(message))
            return
        right = self.workspace.article(self.right_id)
        docs = self.workspace.doc(self.left_id), self.workspace.doc(self.right_id)
        self.pairs = align_sentences(*docs)
        head.show([(left.outlet, left.title), (right.outlet, right.title)])
        counts = summary_text(self.pairs, left.outlet, right.outlet)
        summary.update(Content(f"{counts}\n{LEGEND}").stylize("dim", len(counts) + 1))
        self.view.show_rows(self._cells())

    def _mentions(self, article_id: str) -> FactMentions:
        facts = self.analysis.facts_of(article_id)
        return facts.mentions_in(article_id, shared_only=True) if facts else []

    def _cells(self) -> list[Cells]:
        assert self.right_id is not None
        lefts = sentence_contents([p.left for p in self.pairs], self._mentions(self.left_id))
        rights = sentence_contents([p.right for p in self.pairs], self._mentions(self.right_id))
        return list(zip(lefts, rights, strict=True))

    def action_next_right(self) -> None:
        self._step_right(1)

    def action_previous_right(self) -> None:
        self._step_right(-1)

    def _step_right(self, step: int) -> None:
        story = self.analysis.story_articles(self.left_id)
        right_id = other_article(story, self.left_id, self.right_id, step)
        if right_id is None or right_id == self.right_id:
            self.notify("No other article in this story.", severity="warning")
            return
        self.right_id = right_id
        self._show()

    def action_swap(self) -> None:
        if self.right_id is not None:
            self.left_id, self.right_id = self.right_id, self.left_id
            self._show()

    def action_cursor(self, step: int) -> None:
        self.view.move_cursor(self.view.cursor + step)

    def action_page(self, direction: int) -> None:
        self.view.page(direction)

    def action_first(self) -> None:
        self.view.move_cursor(0)

    def action_last(self) -> None:
        self.view.move_cursor(len(self.pairs) - 1)

    def action_open(self) -> None:
        """Open the row's left sentence in the reader (its right one on a right-only row)."""
        if not self.pairs or self.right_id is None:
            return
        pair = self.pairs[self.view.cursor]
        if pair.left is not None:
            self.dismiss(ArticleTarget(self.left_id, pair.left.start, pair.left.end))
        elif pair.right is not None:
            self.dismiss(ArticleTarget(self.right_id, pair.right.start, pair.right.end))

    def action_close(self) -> None:
        self.dismiss(None)
