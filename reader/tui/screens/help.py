"""The help screen: every key binding of the app, grouped by where it applies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

BindingGroup = tuple[str, Iterable[Binding]]

COLUMNS = ("Where", "Key", "Action", "Config id")
MIN_ACTION_WIDTH = 12
MIN_ID_WIDTH = 10
"""When even the narrow layout is too wide, the actions and ids wrap down to these widths."""


def _key_label(app: App, binding: Binding) -> str:
    """The binding's keys as the footer shows them (`"` for quotation_mark, ^f for ctrl+f)."""
    if binding.key_display:
        return binding.key_display
    keys = (replace(binding, key=key.strip()) for key in binding.key.split(","))
    return ", ".join(app.get_key_display(one) for one in keys)


@dataclass(frozen=True)
class HelpRow:
    """One binding as the help screen lists it."""

    where: str
    key: str
    action: str
    binding_id: str


@dataclass(frozen=True)
class Layout:
    """How the table is laid out: `widths` None is a column per field, each as wide as its
    widest cell; else Key, Action and Config id of these widths, under a row naming each
    group (a narrow screen)."""

    widths: tuple[int, int, int] | None = None


def help_layout(rows: list[HelpRow], room: int, cell_padding: int = 1) -> Layout:
    """The layout that fits `room` cells: a column per field if they fit side by side, else
    groups as heading rows above Key, Action and Config id, the actions (and, when even
    that is too wide, the ids) wrapping to what is left."""
    fields = [[row.where, row.key, row.action, row.binding_id] for row in rows]
    natural = [
        max([cell_len(title), *(cell_len(cells[k]) for cells in fields)])
        for k, title in enumerate(COLUMNS)
    ]
    if sum(natural) + 2 * cell_padding * len(natural) <= room:
        return Layout()
    where, key, action, binding_id = natural
    key = max(key, where)  # the key column holds the group headings
    left = room - 2 * cell_padding * 3 - key
    action = max(MIN_ACTION_WIDTH, min(action, left - binding_id))
    binding_id = max(MIN_ID_WIDTH, min(binding_id, left - action))
    return Layout((key, action, binding_id))


class HelpTable(DataTable):
    """The table of keys, laid out again for its width whenever it changes size."""

    def __init__(self, rows: list[HelpRow], **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_shown = rows
        self.layout_used: Layout | None = None

    def on_resize(self, _: events.Resize) -> None:
        room = self.content_region.width - self.styles.scrollbar_size_vertical
        layout = help_layout(self.rows_shown, room, self.cell_padding)
        if room > 0 and layout != self.layout_used:
            self._fill(layout)

    def _fill(self, layout: Layout) -> None:
        """Fill the table in `layout`, the cursor staying on the binding it was on."""
        on_row = self._binding_at_cursor()
        self.layout_used = layout
        self.clear(columns=True)
        if layout.widths is None:
            self.add_columns(*COLUMNS)
            for n, row in enumerate(self.rows_shown):
                cells = (row.where, row.key, row.action)
                self.add_row(*map(Text, cells), Text(row.binding_id, style="dim"), key=str(n))
        else:
            for title, width in zip(COLUMNS[1:], layout.widths, strict=True):
                self.add_column(title, width=width)
            where = None
            for n, row in enumerate(self.rows_shown):
                if row.where != where:
                    where = row.where
                    self.add_row(Text(where, style="bold"), Text(""), Text(""), key=f"g{n}")
                cells = (Text(row.key), Text(row.action), Text(row.binding_id, style="dim"))
                fits = all(cell.cell_len <= w for cell, w in zip(cells, layout.widths, strict=True))
                self.add_row(*cells, key=str(n), height=1 if fits else None)
        if on_row is not None:
            self.move_cursor(row=self.get_row_index(str(on_row)))

    def _binding_at_cursor(self) -> int | None:
        """The index in `rows_shown` of the binding under the cursor (its group's first under
        a heading row), or None for an empty table."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value or ""
        return int(key.removeprefix("g"))


class HelpScreen(ModalScreen[None]):
    """A modal table of keys and what they do; Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, groups: list[BindingGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        rows = [
            HelpRow(where, _key_label(self.app, binding), binding.description, binding.id or "")
            for where, bindings in self.groups
            for binding in bindings
            if binding.description
        ]
        with Vertical(id="help-dialog"):
            yield Static("Keys  (Escape closes)", id="help-title", markup=False)
            yield HelpTable(rows, id="help-table")

    def on_mount(self) -> None:
        self.query_one(HelpTable).focus()
