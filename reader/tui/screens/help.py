"""The help screen: every key binding of the app, grouped by where it applies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

BindingGroup = tuple[str, Iterable[Binding]]


def _key_label(app: App, binding: Binding) -> str:
    """The binding's keys as the footer shows them (`"` for quotation_mark, ^f for ctrl+f)."""
    if binding.key_display:
        return binding.key_display
    keys = (replace(binding, key=key.strip()) for key in binding.key.split(","))
    return ", ".join(app.get_key_display(one) for one in keys)


class HelpScreen(ModalScreen[None]):
    """A modal table of keys and what they do; Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, groups: list[BindingGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static("Keys  (Escape closes)", id="help-title", markup=False)
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Where", "Key", "Action", "Config id")
        for where, bindings in self.groups:
            for binding in bindings:
                if binding.description:
                    table.add_row(
                        Text(where),
                        Text(_key_label(self.app, binding)),
                        Text(binding.description),
                        Text(binding.id or "", style="dim"),
                    )
        table.focus()
