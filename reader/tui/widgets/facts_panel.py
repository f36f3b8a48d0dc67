"""Shared-fact highlighting for the reading pane, and the facts panel: a digest of the story.

Strength follows the number of outlets and reads without colour: numbers and dates are
underlined (2 outlets), bold underlined (3) or bold underlined in the accent colour (4+); the
words of a shared claim are italic on a tint that deepens with the outlet count. What a shared
sentence adds that no other outlet has stays plain ("only here"); a value another outlet gives
differently is bold on a red tint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import events
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.library import outlet_label
from reader.text import shortened
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


DIGEST_CLAIMS = 12
"""The shared claims the digest lists, strongest first; the coverage view (`v`) has them all."""
DISAGREEMENT_STYLE = "bold on $error 25%"
REPORTED, NOT_REPORTED = "■", "□"


def coverage_strip(fact: Fact, outlets: tuple[str, ...]) -> str:
    """One square per outlet of the story, filled where the outlet reports the fact."""
    return " ".join(REPORTED if o in fact.outlets else NOT_REPORTED for o in outlets)


def disagreement_spans(facts: StoryFacts | None, article_id: str) -> list[StyleSpan]:
    """The article's words where it gives a value another outlet gives differently."""
    if facts is None:
        return []
    return [
        (m.start, m.end, DISAGREEMENT_STYLE)
        for d in facts.disagreements_in(article_id)
        for m in d.mentions
        if m.article == article_id
    ]


def overlapping_joined(exclusive: list[tuple[Mention, Fact]]) -> list[Mention]:
    """What only this article says, each fact once, in reading order, and facts whose words
    overlap as one detail ("shaking the diplomatic balance of three" and "three nations" read
    "shaking the diplomatic balance of three nations")."""
    first: dict[str, Mention] = {}
    for mention, fact in exclusive:
        first.setdefault(fact.id, mention)
    joined: list[Mention] = []
    for mention in sorted(first.values(), key=lambda m: (m.start, -m.end)):
        last = joined[-1] if joined else None
        if last is None or mention.start >= last.end:
            joined.append(mention)
        elif mention.end > last.end:
            text = last.text + mention.text[last.end - mention.start :]
            joined[-1] = replace(last, end=mention.end, text=text)
    return joined


LEGEND_ID = "outlet-legend"
LEGEND_TITLE = "Outlets, left to right"
LEGEND_GAP = "  "
THIS_OUTLET = " (this)"
BOLD_IS_THIS = " (this one in bold)"
ELSEWHERE = "·"


def outlet_legend(labels: Sequence[tuple[str, str]], current: int | None, width: int) -> Content:
    """What the squares of the coverage strips stand for, in lines at most `width` cells wide
    (0: as wide as it takes); `labels` are each outlet's name and a short one, `current` the
    index of the article's own outlet.

    Each outlet gets a line with a pointer drawn like a strip, its own square filled
    (`· · ■ · ·  AFP`): it sits right above that outlet's squares. Where the pointers leave
    too little room, "1 name  2 name …" wrapped between entries. No name is broken across
    lines: when the names do not fit, the short ones are shown, the article's own outlet is
    told by bold rather than " (this)", and as a last resort a name is cut with "…"."""
    for short in (False, True):
        names = [" ".join(label[short].split()) for label in labels]
        for mark_this in (True, False):
            for pointers in (True, False):
                lines = _legend_lines(names, current, width, pointers, mark_this)
                if lines is not None:
                    return _titled(lines, len(names), pointers, mark_this or current is None)
    lines = _legend_lines(names, current, width, False, False, cut=True)
    return _titled(lines, len(names), False, current is None)


def _legend_lines(
    names: list[str],
    current: int | None,
    width: int,
    pointers: bool,
    mark_this: bool,
    cut: bool = False,
) -> list[Content] | None:
    """The legend's lines in one layout, or None if a name does not fit `width` uncut."""
    entries = []
    for k, name in enumerate(names):
        text = name if pointers else f"{k + 1} {name}"
        entry = Content(text + (THIS_OUTLET if mark_this and k == current else ""))
        entry = entry.stylize("bold") if k == current else entry
        if pointers:
            entry = Content(_pointer(len(names), k) + LEGEND_GAP) + entry
        if width and entry.cell_length > width:
            if not cut:
                return None
            entry = entry.truncate(width, ellipsis=True)
        entries.append(entry)
    return entries if pointers else _flowed(entries, width)


def _titled(lines: list[Content], count: int, pointers: bool, marked: bool) -> Content:
    """The legend under its title; above numbered entries (up to 9), the title starts with
    the numbers spaced like the squares ("1 2 3  Outlets"), each above its outlet's square."""
    scale = "" if pointers or count > 9 else " ".join(str(k + 1) for k in range(count))
    words = f"{scale}{LEGEND_GAP}Outlets" if scale else LEGEND_TITLE
    start = words.index("Outlets")
    title = Content(words + ("" if marked else BOLD_IS_THIS)).stylize("bold", start, start + 7)
    return Content("\n").join([title, *lines])


def _pointer(count: int, index: int) -> str:
    return " ".join(REPORTED if k == index else ELSEWHERE for k in range(count))


def _flowed(entries: list[Content], width: int) -> list[Content]:
    """`entries` on lines of at most `width` cells (0: one line), `LEGEND_GAP` between two."""
    lines: list[Content] = []
    for entry in entries:
        joined = lines[-1] + LEGEND_GAP + entry if lines else entry
        if lines and (not width or joined.cell_length <= width):
            lines[-1] = joined
        else:
            lines.append(entry)
    return lines


def _label(text: str, detail: str, width: int = 70) -> Content:
    short = shortened(" ".join(text.split()), width)
    return Content(f"{detail}  {short}").stylize("bold", 0, len(detail))


class FactsPanel(OptionList):
    """A digest of the story for the article on screen: the claims outlets share (the
    strongest `DIGEST_CLAIMS`, each with a coverage strip), numbers and dates, disagreements,
    and what only this outlet says. Enter jumps to the article's words for a fact."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.targets: dict[str, Mention] = {}
        self.unknown: frozenset[str] = frozenset()
        self._legend: tuple[tuple[tuple[str, str], ...], int | None] | None = None
        self._legend_width = 0

    def show_facts(
        self,
        facts: StoryFacts | None,
        article_id: str,
        outlet: str,
        unknown: frozenset[str] = frozenset(),
    ) -> None:
        """The digest of `facts` for `article_id` of `outlet`; `unknown` are the stand-in
        names of outlets nothing names (see `reader.library.outlet_label`)."""
        self.clear_options()
        self.targets = {}
        self.unknown = unknown
        self._legend = None
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
        outlets = facts.outlets or tuple(sorted({o for f in facts.shared for o in f.outlets}))
        self._outlet_header(outlets, outlet)
        own = {f.id: m for m, f in reversed(facts.mentions_in(article_id))}
        claims = [f for f in facts.shared if f.kind == "claim"]
        self._heading(f"Shared claims ({len(claims)})")
        for fact in claims[:DIGEST_CLAIMS]:
            self._add_fact(fact, own.get(fact.id), coverage_strip(fact, outlets))
        if len(claims) > DIGEST_CLAIMS:
            more = f"… {len(claims) - DIGEST_CLAIMS} more: v shows every fact and who reports it"
            self.add_option(Option(Content(more).stylize("dim"), disabled=True))
        figures = [f for f in facts.shared if f.kind in ("number", "date")]
        self._heading(f"Numbers and dates ({len(figures)})")
        for fact in figures:
            strip = coverage_strip(fact, outlets)
            self._add_fact(fact, own.get(fact.id), f"{strip}  {len(fact.outlets)} agree")
        disagreements = facts.disagreements
        self._heading(f"Disagreements ({len(disagreements)})")
        for disagreement in disagreements:
            self._add_disagreement(disagreement, article_id)
        exclusive = [(m, f) for m, f in facts.mentions_in(article_id) if len(f.outlets) == 1]
        details = overlapping_joined(exclusive)
        self._heading(f"Only in {outlet_label(outlet, unknown)} ({len(details)})")
        for mention in details:
            self._add(mention, _label(mention.text, "only here"))

    def _outlet_header(self, outlets: tuple[str, ...], current: str) -> None:
        names = tuple(
            (outlet_label(o, self.unknown), outlet_label(o, self.unknown, short=True))
            for o in outlets
        )
        self._legend = (names, outlets.index(current) if current in outlets else None)
        self._legend_width = self._width_for_legend()
        self.add_option(Option(outlet_legend(*self._legend, self._legend_width), LEGEND_ID, True))

    def _width_for_legend(self) -> int:
        """The cells an option's line has, leaving room for a scrollbar (0 before layout)."""
        padding = self.get_component_styles("option-list--option").padding
        room = self.content_region.width - self.styles.scrollbar_size_vertical - padding.width
        return max(room, 0)

    def on_resize(self, _: events.Resize) -> None:
        """Lay the outlet legend out again for the new width."""
        width = self._width_for_legend()
        if self._legend is not None and width != self._legend_width:
            self._legend_width = width
            self.replace_option_prompt(LEGEND_ID, outlet_legend(*self._legend, width))

    def _heading(self, text: str) -> None:
        self.add_option(Option(Content(text).stylize("bold reverse"), disabled=True))

    def _add_fact(self, fact: Fact, mention: Mention | None, detail: str) -> None:
        prompt = _label(fact.text, detail)
        if mention is None:
            self.add_option(Option(prompt, disabled=True))
        else:
            self._add(mention, prompt)

    def _add(self, mention: Mention, prompt: Content) -> None:
        option_id = f"fact-{len(self.targets)}"
        self.targets[option_id] = mention
        self.add_option(Option(prompt, id=option_id))

    def _add_disagreement(self, disagreement: Disagreement, article_id: str) -> None:
        versions = " / ".join(
            f"{outlet_label(m.outlet, self.unknown)}: {m.text}" for m in disagreement.mentions
        )
        prompt = _label(versions, disagreement.about, width=110)
        own = next((m for m in disagreement.mentions if m.article == article_id), None)
        if own:
            self._add(own, prompt)
        else:
            self.add_option(Option(prompt, disabled=True))
