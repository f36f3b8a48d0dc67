"""An updated article's versions: what changed since the earlier fetch, paragraph by paragraph,
each changed paragraph as a word diff (the same drawing as the quotes' diff)."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from reader.text import safe_text
from reader.tui.screens.quotes import LEFT_ONLY, RIGHT_ONLY, diff_columns, legend
from reader.versions import ParagraphChange, compare

GUTTER = " │ "
MIN_COLUMN = 20


class VersionsScreen(Screen[None]):
    """Earlier version on the left, the current one on the right; Escape comes back."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="versions.close"),
    ]

    def __init__(self, title: str, old: str, new: str, old_fetched: str, count: int) -> None:
        super().__init__()
        self.article_title = title
        self.changes = compare(safe_text(old), safe_text(new))
        when = _local(old_fetched)
        self.heading = f"Version {count - 1} (fetched {when}) on the left → version {count} (now)"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(self.heading).stylize("bold"), id="versions-heading")
        yield Static(legend(), id="versions-legend")
        with VerticalScroll(id="versions-body"):
            yield Static(id="versions-diff")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.article_title
        self.query_one("#versions-body").focus()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        width = max(self.size.width - 2, 2 * MIN_COLUMN + len(GUTTER))
        column = (width - len(GUTTER)) // 2
        lines: list[Content] = []
        for change in self.changes:
            lines.extend(_change_lines(change, column))
            lines.append(Content(""))
        if not any(change.kind != "same" for change in self.changes):
            lines = [Content("The two versions have the same paragraphs.")]
        self.query_one("#versions-diff", Static).update(Content("\n").join(lines))


def _change_lines(change: ParagraphChange, column: int) -> list[Content]:
    if change.kind == "same":
        noun = "paragraph" if change.count == 1 else "paragraphs"
        return [Content.styled(f"… {change.count} unchanged {noun} …", "dim")]
    if change.kind == "added":
        left, right = [Content.styled("(new paragraph)", "dim")], _wrapped(change.new, column)
        right = [line.stylize(RIGHT_ONLY) for line in right]
    elif change.kind == "removed":
        left = [line.stylize(LEFT_ONLY) for line in _wrapped(change.old, column)]
        right = [Content.styled("(paragraph removed)", "dim")]
    else:
        left, right = diff_columns(change.old, change.new, column)
    return _beside(left, right, column)


def _wrapped(text: str, width: int) -> list[Content]:
    rows, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            rows.append(Content(current))
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        rows.append(Content(current))
    return rows


def _beside(left: list[Content], right: list[Content], column: int) -> list[Content]:
    gutter = Content.styled(GUTTER, "dim")
    height = max(len(left), len(right))
    left = left + [Content("")] * (height - len(left))
    right = right + [Content("")] * (height - len(right))
    return [
        Content.assemble(a.pad_right(max(column - a.cell_length, 0)), gutter, b)
        for a, b in zip(left, right, strict=True)
    ]


def _local(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso
