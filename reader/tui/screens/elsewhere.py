"""What the other outlets say at a fact: their sentences, and a way to open each one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.navigation import ArticleTarget
from reader.workspace import Workspace

if TYPE_CHECKING:
    from reader.facts import Fact


def mention_prompt(outlet: str, sentence: str, start: int, end: int) -> Content:
    """Outlet in bold over the sentence, the words that state the fact underlined."""
    head = f"{outlet}\n"
    return (
        Content(head + sentence)
        .stylize("bold $text-accent", 0, len(outlet))
        .stylize("bold underline", len(head) + start, len(head) + end)
    )


class ElsewhereScreen(ModalScreen[ArticleTarget | None]):
    """A modal list of the other articles' sentences for one fact; Enter opens one."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="elsewhere.close"),
        Binding("j", "cursor_down", "Next", id="elsewhere.next", show=False),
        Binding("k", "cursor_up", "Previous", id="elsewhere.previous", show=False),
    ]

    def __init__(self, fact: Fact, article_id: str, workspace: Workspace) -> None:
        super().__init__()
        self.fact = fact
        self.article_id = article_id
        self.workspace = workspace
        self.targets: dict[str, ArticleTarget] = {}

    def compose(self) -> ComposeResult:
        outlets = ", ".join(self.fact.outlets)
        heading = f"{self.fact.text}\nReported by {len(self.fact.outlets)} outlets: {outlets}"
        with Vertical(id="elsewhere-dialog"):
            yield Static(Content(heading).stylize("bold", 0, len(self.fact.text)))
            yield OptionList(id="elsewhere-list")
            yield Static(Content("Enter opens the article there · Escape closes"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        for index, mention in enumerate(self.fact.elsewhere(self.article_id)):
            text = self.workspace.cleaned(mention.article).text
            sentence = text[mention.sentence_start : mention.sentence_end]
            prompt = mention_prompt(
                mention.outlet,
                sentence,
                mention.start - mention.sentence_start,
                mention.end - mention.sentence_start,
            )
            option_id = f"m{index}"
            self.targets[option_id] = ArticleTarget(
                mention.article, mention.sentence_start, mention.sentence_end
            )
            options.add_option(Option(prompt, id=option_id))
        if self.targets:
            options.highlighted = 0
        else:
            options.add_option(Option(Content("No other outlet reports this."), disabled=True))
        options.focus()

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.targets.get(event.option.id or ""))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
