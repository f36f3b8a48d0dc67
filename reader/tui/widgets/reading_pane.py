"""The reading pane: an article's header and body as plain Content, with a passage cursor.

The body is one Static built from the clean text and style spans (shared facts, bookmarks), so
article text is never parsed as markup. The passage cursor walks paragraphs (`{` `}`) and the
sentences inside them (`(` `)`); its span is what gets bookmarked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader.text import split_sentences
from reader.tui.render import StyleSpan, styled

PASSAGE_STYLE = "reverse"
PARAGRAPH_SEPARATOR = "\n\n"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of a clean text (paragraphs are joined by blank lines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split(PARAGRAPH_SEPARATOR):
        if paragraph.strip():
            spans.append((start, start + len(paragraph)))
        start += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return spans


class ReadingPane(VerticalScroll, can_focus=True):
    """Scrollable article view with a passage cursor over the clean text."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", id="pane.down", show=False),
        Binding("k", "scroll_up", "Scroll up", id="pane.up", show=False),
        Binding("space", "page_down", "Page down", id="pane.page_down", show=False),
        Binding("b", "page_up", "Page up", id="pane.page_up", show=False),
        Binding("g", "scroll_home", "Top", id="pane.top", show=False),
        Binding("G", "scroll_end", "Bottom", id="pane.bottom", show=False),
        Binding(
            "right_curly_bracket",
            "next_paragraph",
            "Next paragraph",
            id="pane.next_paragraph",
            key_display="}",
            show=False,
        ),
        Binding(
            "left_curly_bracket",
            "previous_paragraph",
            "Previous paragraph",
            id="pane.previous_paragraph",
            key_display="{",
            show=False,
        ),
        Binding(
            "right_parenthesis",
            "next_sentence",
            "Next sentence",
            id="pane.next_sentence",
            key_display=")",
            show=False,
        ),
        Binding(
            "left_parenthesis",
            "previous_sentence",
            "Previous sentence",
            id="pane.previous_sentence",
            key_display="(",
            show=False,
        ),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self.spans: list[StyleSpan] = []
        self.paragraphs: list[tuple[int, int]] = []
        self.passage: tuple[int, int] | None = None
        self.cursor_enabled = True

    def compose(self):
        yield Static(Content(""), id="article-header")
        yield Static(Content(""), id="article-body")

    def show(
        self,
        header: Content,
        text: str,
        spans: Sequence[StyleSpan] = (),
        *,
        keep_scroll: bool = False,
        cursor: bool = True,
    ) -> None:
        """Display an article body (clean text with style spans); scroll to the top unless told.

        `keep_scroll` means the same article again (in another version, say once its outlet's
        site furniture is known): the passage cursor stays on the same words. Only clean text
        has a cursor: the raw view has none, and none is carried into or out of it."""
        if text != self.text:
            old_start = self.passage[0] if self.passage else None
            same_view = keep_scroll and cursor and self.cursor_enabled
            self.passage = same_passage(self.text, text, self.passage) if same_view else None
            if self.passage and self.passage[0] != old_start:
                self.call_after_refresh(self.scroll_to_offset, self.passage[0])
        self.text = text
        self.spans = list(spans)
        self.paragraphs = paragraph_spans(text) if cursor else []
        self.cursor_enabled = cursor
        self.query_one("#article-header", Static).update(header)
        self._render_body()
        if not keep_scroll:
            self.scroll_home(animate=False)

    def _render_body(self) -> None:
        spans = list(self.spans)
        if self.passage and self.cursor_enabled:
            spans.append((*self.passage, PASSAGE_STYLE))
        self.query_one("#article-body", Static).update(styled(self.text, spans))

    def set_passage(self, start: int, end: int, *, scroll: bool = True) -> None:
        """Put the passage cursor on text[start:end] and bring it into view."""
        self.passage = (start, end)
        self._render_body()
        if scroll:
            self.call_after_refresh(self.scroll_to_offset, start)

    def passage_text(self) -> str | None:
        return self.text[self.passage[0] : self.passage[1]] if self.passage else None

    def _paragraph_index(self, offset: int) -> int:
        starts = [start for start, _ in self.paragraphs]
        return max(0, bisect_right(starts, offset) - 1)

    def _move_paragraph(self, step: int) -> None:
        if not self.paragraphs:
            return
        if self.passage is None:
            index = 0 if step > 0 else len(self.paragraphs) - 1
        else:
            index = self._paragraph_index(self.passage[0]) + step
            index = min(max(index, 0), len(self.paragraphs) - 1)
        self.set_passage(*self.paragraphs[index])

    def _move_sentence(self, step: int) -> None:
        sentences = [(s.start, s.end) for s in split_sentences(self.text)]
        if not sentences or not self.paragraphs:
            return
        if self.passage is None:
            target = sentences[0] if step > 0 else sentences[-1]
        else:
            starts = [start for start, _ in sentences]
            current = max(0, bisect_right(starts, self.passage[0]) - 1)
            is_paragraph = self.passage in self.paragraphs and self.passage != sentences[current]
            index = current if is_paragraph and step > 0 else current + step
            target = sentences[min(max(index, 0), len(sentences) - 1)]
        self.set_passage(*target)

    def action_next_paragraph(self) -> None:
        self._move_paragraph(+1)

    def action_previous_paragraph(self) -> None:
        self._move_paragraph(-1)

    def action_next_sentence(self) -> None:
        self._move_sentence(+1)

    def action_previous_sentence(self) -> None:
        self._move_sentence(-1)

    def line_of_offset(self, offset: int) -> int:
        """The row (from the top of the body) where character `offset` is drawn."""
        width = max(self.query_one("#article-body", Static).content_region.width, 1)
        spans = paragraph_spans(self.text)
        row = 0
        for number, (start, end) in enumerate(spans):
            lines = Content(self.text[start:end]).wrap(width)
            if offset < end or number == len(spans) - 1:
                return row + _line_index(self.text, start, end, lines, offset)
            row += len(lines) + 1
        return row

    def paragraph_at_top(self) -> tuple[int, int] | None:
        """The paragraph at the top of the view: the first one that starts in it, else the
        one the view is inside. None when the body has no paragraphs (the raw view)."""
        if not self.paragraphs:
            return None
        width = max(self.query_one("#article-body", Static).content_region.width, 1)
        top, bottom = self.scroll_y, self.scroll_y + self.scrollable_content_region.height
        row = self._body_top()
        containing = self.paragraphs[-1]
        for start, end in self.paragraphs:
            if row >= bottom:
                break
            height = len(Content(self.text[start:end]).wrap(width))
            if row >= top:
                return start, end
            if row + height > top:
                containing = (start, end)
            row += height + 1
        return containing

    def _body_top(self) -> int:
        """The row of the body's first line in the scrolled content."""
        body = self.query_one("#article-body", Static)
        return int(body.region.y - self.content_region.y + self.scroll_y)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that character `offset` of the body sits a third of the way down."""
        row = self._body_top() + self.line_of_offset(offset)
        self.scroll_to(y=max(0, row - self.size.height // 3), animate=False)


def same_passage(
    old_text: str, new_text: str, passage: tuple[int, int] | None
) -> tuple[int, int] | None:
    """Where `old_text[start:end]` is in `new_text`: the occurrence nearest its old place, or
    None when the words are gone."""
    if passage is None or passage[0] >= passage[1]:
        return None
    words = old_text[passage[0] : passage[1]]
    starts = [match.start() for match in re.finditer(re.escape(words), new_text)]
    if not starts:
        return None
    start = min(starts, key=lambda found: abs(found - passage[0]))
    return start, start + len(words)


def _line_index(text: str, start: int, end: int, lines: Sequence[Content], offset: int) -> int:
    """Which wrapped line of text[start:end] holds `offset` (wrapping eats the spaces at breaks)."""
    consumed = start
    for index, line in enumerate(lines):
        consumed += len(line.plain)
        while consumed < end and text[consumed] == " ":
            consumed += 1
        if offset < consumed:
            return index
    return max(len(lines) - 1, 0)
