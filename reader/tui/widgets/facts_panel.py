"""Shared-fact highlighting for the reading pane, and the facts panel that lists them.

Strength follows the number of outlets and reads without colour: names, numbers and dates
are underlined (2 outlets), bold underlined (3) or bold underlined in the accent colour (4+);
whole shared sentences (claims) are italic on a tint that deepens with the outlet count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.render import StyleSpan

if TYPE_CHECKING:
    from reader.facts import Disagreement, Fact, Mention, StoryFacts

TERM_STYLES = ("underline", "bold underline", "bold underline $accent")
CLAIM_STYLES = ("italic on $success 10%", "italic on $success 18%", "italic on $success 28%")


@dataclass(frozen=True)
class FactMention:
    """One place in the article on screen where a fact is stated."""

    mention: Mention
    fact: Fact

    @property
    def outlet_count(self) -> int:
        return len(self.fact.outlets)


def strength_style(fact: Fact) -> str:
    """The highlight for a shared fact: stronger the more outlets report it."""
    level = min(len(fact.outlets), 4) - 2
    styles = CLAIM_STYLES if fact.kind == "claim" else TERM_STYLES
    return styles[max(level, 0)]


def shared_mentions(facts: StoryFacts | None, article_id: str) -> list[FactMention]:
    """The article's mentions of facts that two or more outlets report, in reading order."""
    if facts is None:
        return []
    return [FactMention(m, f) for m, f in facts.mentions_in(article_id, shared_only=True)]


def fact_spans(mentions: list[FactMention]) -> list[StyleSpan]:
    """Claims first so the names and numbers inside them are drawn on top."""
    ordered = sorted(mentions, key=lambda fm: fm.fact.kind != "claim")
    return [(fm.mention.start, fm.mention.end, strength_style(fm.fact)) for fm in ordered]


def _label(text: str, detail: str, width: int = 70) -> Content:
    short = text if len(text) <= width else text[: width - 1] + "…"
    return Content(f"{detail}  {short}").stylize("bold", 0, len(detail))


class FactsPanel(OptionList):
    """The article's shared facts (with outlet counts), its exclusive facts, disagreements."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.targets: dict[str, Mention] = {}

    def show_facts(self, facts: StoryFacts | None, article_id: str, outlet: str) -> None:
        self.clear_options()
        self.targets = {}
        if facts is None:
            self.add_option(
                Option(Content("Facts appear when the analysis is done."), disabled=True)
            )
            return
        if not (facts.shared or facts.exclusive):
            self.add_option(
                Option(
                    Content("No other outlet reports this story: nothing to compare."),
                    disabled=True,
                )
            )
            return
        shared = shared_mentions(facts, article_id)
        seen: set[str] = set()
        self._heading(f"Shared with other outlets ({len({fm.fact.id for fm in shared})})")
        for fm in sorted(shared, key=lambda fm: (-fm.outlet_count, fm.mention.start)):
            if fm.fact.id not in seen:
                seen.add(fm.fact.id)
                self._add(fm.mention, _label(fm.fact.text, f"{fm.outlet_count} outlets"))
        disagreements = facts.disagreements_in(article_id)
        self._heading(f"Disagreements ({len(disagreements)})")
        for disagreement in disagreements:
            self._add_disagreement(disagreement, article_id)
        exclusive = [(m, f) for m, f in facts.mentions_in(article_id) if len(f.outlets) == 1]
        self._heading(f"Only in {outlet} ({len({f.id for _, f in exclusive})})")
        for mention, fact in exclusive:
            if fact.id not in seen:
                seen.add(fact.id)
                self._add(mention, _label(fact.text, fact.kind))

    def _heading(self, text: str) -> None:
        self.add_option(Option(Content(text).stylize("bold reverse"), disabled=True))

    def _add(self, mention: Mention, prompt: Content) -> None:
        option_id = f"fact-{len(self.targets)}"
        self.targets[option_id] = mention
        self.add_option(Option(prompt, id=option_id))

    def _add_disagreement(self, disagreement: Disagreement, article_id: str) -> None:
        versions = " / ".join(f"{m.outlet}: {m.text}" for m in disagreement.mentions)
        own = next((m for m in disagreement.mentions if m.article == article_id), None)
        if own:
            self._add(own, _label(versions, disagreement.about, width=110))
