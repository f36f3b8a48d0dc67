"""The coverage view: a story's facts down, its outlets across, and who reported what.

Each cell says whether that outlet reports the fact (■), leaves it out (□) or gives it
differently (≠, with its version: one side of a disagreement). Rows are sorted by how many
outlets report them, most first or (to see what was left out) fewest first; Enter opens that
outlet's article at the mention. Built only on the public fields of `reader.facts`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from reader.library import outlet_label, unknown_outlets
from reader.text import shortened
from reader.tui.navigation import ArticleTarget
from reader.tui.screens.bookmarks import one_line

if TYPE_CHECKING:
    from reader.facts import Mention, StoryFacts
    from reader.workspace import Analysis, Workspace

REPORTED, LEFT_OUT, DIFFERENT = "■", "□", "≠"
OUTLET_WIDTH = 14
"""Characters of an outlet's name over its column (and of a differing version in a cell), at
most: on a narrow terminal the columns share what the fact column leaves."""
MIN_OUTLET_WIDTH = 6
MIN_FACT_WIDTH = 24
MAX_FACT_WIDTH = 70
_CELL_PADDING = 2


@dataclass(frozen=True)
class CoverageRow:
    """One fact (or disagreement) of a story: each reporting outlet's mentions, and the
    version of each outlet whose version differs from the others' (what differs in it)."""

    text: str
    kind: str
    mentions: dict[str, tuple[Mention, ...]]
    different: dict[str, str]

    @property
    def coverage(self) -> int:
        """How many outlets report it."""
        return len(self.mentions)

    def cell(self, outlet: str, width: int = OUTLET_WIDTH) -> str:
        """■ reported, □ left out, ≠ and the outlet's version when it differs."""
        found = self.mentions.get(outlet)
        if not found:
            return LEFT_OUT
        if outlet in self.different:
            return f"{DIFFERENT} {shortened(one_line(self.different[outlet]), width - 2)}"
        return REPORTED


def coverage_rows(facts: StoryFacts) -> list[CoverageRow]:
    """Every shared and single-outlet fact, then every disagreement, of one story."""
    disputed: defaultdict[str, list[Mention]] = defaultdict(list)
    for disagreement in facts.disagreements:
        for mention in disagreement.mentions:
            disputed[mention.article].append(mention)
    rows = []
    for fact in facts.shared + facts.exclusive:
        by_outlet = _by_outlet(fact.mentions)
        different = {
            outlet: d.text
            for outlet, mentions in by_outlet.items()
            for m in mentions
            for d in disputed.get(m.article, ())
            if _overlaps(m, d)
        }
        rows.append(CoverageRow(fact.text, fact.kind, by_outlet, different))
    for disagreement in facts.disagreements:
        by_outlet = _by_outlet(disagreement.mentions)
        versions = " / ".join(dict.fromkeys(one_line(m.text) for m in disagreement.mentions))
        different = {outlet: found[0].text for outlet, found in by_outlet.items()}
        rows.append(
            CoverageRow(f"{disagreement.about}: {versions}", "disagreement", by_outlet, different)
        )
    return rows


def sorted_rows(rows: Iterable[CoverageRow], fewest_first: bool = False) -> list[CoverageRow]:
    """By how many outlets report each row (most first, or fewest first), then as found."""
    sign = 1 if fewest_first else -1
    return sorted(rows, key=lambda row: sign * row.coverage)


def story_outlets(rows: Sequence[CoverageRow], article_outlets: Iterable[str]) -> list[str]:
    """The story's outlets, those reporting the most facts first."""
    reported: defaultdict[str, int] = defaultdict(int)
    for outlet in article_outlets:
        reported[outlet] += 0
    for row in rows:
        for outlet in row.mentions:
            reported[outlet] += 1
    return sorted(reported, key=lambda outlet: (-reported[outlet], outlet))


def column_name(label: str, width: int) -> str:
    """An outlet's column heading cut to `width`; a bracketed stand-in ("(001_342b…)") is cut
    inside its brackets, so it still reads as one."""
    if len(label) <= width or not (label.startswith("(") and label.endswith(")")):
        return shortened(label, width)
    return f"({shortened(label[1:-1], width - 2)})"


def _by_outlet(mentions: Iterable[Mention]) -> dict[str, tuple[Mention, ...]]:
    grouped: defaultdict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.outlet].append(mention)
    return {outlet: tuple(found) for outlet, found in grouped.items()}


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


class CoverageScreen(Screen[ArticleTarget | None]):
    """A table of one story's facts by outlet; Enter opens an outlet's article at a fact."""

    BINDINGS = [
        Binding("escape", "close", "Back to reader", id="coverage.close"),
        Binding("s", "toggle_sort", "Sort by coverage", id="coverage.sort"),
        Binding("enter", "open", "Open at mention", id="coverage.open"),
        Binding("j", "cursor_down", "Next fact", id="coverage.next", show=False),
        Binding("k", "cursor_up", "Previous fact", id="coverage.previous", show=False),
        Binding("l", "cursor_right", "Next outlet", id="coverage.right", show=False),
        Binding("h", "cursor_left", "Previous outlet", id="coverage.left", show=False),
    ]

    def __init__(
        self, workspace: Workspace, analysis: Analysis, story_id: str, reading: str | None = None
    ) -> None:
        """`reading`: the article the view is opened from, whose title names the story."""
        super().__init__()
        self.workspace = workspace
        self.story_id = story_id
        self.reading = reading
        facts: StoryFacts | None = analysis.facts.get(story_id)
        self.rows = coverage_rows(facts) if facts is not None else []
        story = analysis.story_by_id(story_id)
        self.articles = list(story.articles) if story else []
        outlets = (self._outlet_of(a) for a in self.articles)
        self.outlets = story_outlets(self.rows, outlets)
        unknown = unknown_outlets(workspace.article(a) for a in self.articles)
        self.names = {o: one_line(outlet_label(o, unknown)) for o in self.outlets}
        self.columns = {o: one_line(outlet_label(o, unknown, short=True)) for o in self.outlets}
        self.fewest_first = False
        self.shown: list[CoverageRow] = []

    def _outlet_of(self, article_id: str) -> str:
        return self.workspace.article(article_id).outlet or article_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="coverage-title", markup=False)
            legend = (
                f"{REPORTED} reported  {LEFT_OUT} not reported  {DIFFERENT} reported "
                "differently · Enter: the article there"
            )
            yield Static(legend, id="coverage-legend", markup=False)
            yield DataTable(id="coverage-table", cursor_type="cell", zebra_stripes=True)
            yield Static("", id="coverage-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.fact_width, self.outlet_width = self._widths(self.app.size.width)
        table.add_column("Fact", width=self.fact_width, key="fact")
        for outlet in self.outlets:
            name = column_name(self.columns[outlet], self.outlet_width)
            table.add_column(name, width=self.outlet_width, key=outlet)
        self._fill()
        table.focus()

    def _widths(self, screen_width: int) -> tuple[int, int]:
        """Fact and outlet column widths: every column on screen when it fits (the table
        scrolls sideways when it does not)."""
        room = screen_width - 4 - _CELL_PADDING * (len(self.outlets) + 1)
        outlets = max(1, len(self.outlets))
        outlet_width = max(MIN_OUTLET_WIDTH, min(OUTLET_WIDTH, (room - MIN_FACT_WIDTH) // outlets))
        fact_width = max(MIN_FACT_WIDTH, min(MAX_FACT_WIDTH, room - outlet_width * outlets))
        return fact_width, outlet_width

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.shown = sorted_rows(self.rows, self.fewest_first)
        for index, row in enumerate(self.shown):
            cells = [Text(shortened(one_line(row.text), self.fact_width))]
            for outlet in self.outlets:
                mark = row.cell(outlet, self.outlet_width)
                cells.append(Text(mark, style="dim" if mark == LEFT_OUT else "bold"))
            table.add_row(*cells, key=str(index))
        order = "fewest outlets first" if self.fewest_first else "most outlets first"
        title = self.query_one("#coverage-title", Static)
        title.update(
            f"Coverage of {self._story_title()}: {len(self.rows)} facts × "
            f"{len(self.outlets)} outlets · {order} (s sorts)"
        )
        if not self.shown:
            self.query_one("#coverage-detail", Static).update("No facts found in this story.")
        else:
            self._describe(table.cursor_coordinate.row)

    def _story_title(self) -> str:
        if not self.articles:
            return "this story"
        shown = self.reading if self.reading in self.articles else self.articles[0]
        return shortened(one_line(self.workspace.article(shown).title), 60)

    @on(DataTable.CellHighlighted)
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._describe(event.coordinate.row)

    def _describe(self, row_index: int) -> None:
        if not 0 <= row_index < len(self.shown):
            return
        row = self.shown[row_index]
        told = ", ".join(self.names[o] for o in self.outlets if o in row.mentions)
        left_out = ", ".join(self.names[o] for o in self.outlets if o not in row.mentions)
        who = f"Reported by {told} · not by {left_out}" if left_out else "Every outlet reports it"
        self.query_one("#coverage-detail", Static).update(f"{one_line(row.text)}\n{who}")

    def action_open(self) -> None:
        """Open the highlighted outlet's article at its mention (the fact column: the first
        outlet that reports it)."""
        table = self.query_one(DataTable)
        if not self.shown:
            return
        coordinate = table.cursor_coordinate
        row = self.shown[coordinate.row]
        if coordinate.column == 0:
            outlet = next(o for o in self.outlets if o in row.mentions)
        else:
            outlet = self.outlets[coordinate.column - 1]
        mentions = row.mentions.get(outlet)
        if not mentions:
            self.notify(f"{one_line(outlet)} does not report this.", markup=False)
            return
        first = mentions[0]
        self.dismiss(ArticleTarget(first.article, first.start, first.end))

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_toggle_sort(self) -> None:
        self.fewest_first = not self.fewest_first
        self._fill()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_cursor_right(self) -> None:
        self.query_one(DataTable).action_cursor_right()

    def action_cursor_left(self) -> None:
        self.query_one(DataTable).action_cursor_left()
