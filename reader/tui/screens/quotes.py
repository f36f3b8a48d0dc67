"""The quote view: a story's quotes, and two outlets' versions of one quote side by side.

The versions are laid out row by row here rather than left to Textual's wrapping, so both
columns wrap at word boundaries and every run of words the two share starts on the same row.
The diff styles read without colour: changed words are bold underlined, near forms underlined
only, words that only one side has are italic reversed, moved words dim italic.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.align import Row, joins_previous, side_by_side_rows
from reader.library import Article, outlet_label, unknown_outlets
from reader.quote_groups import ClusterGroups, given_differently, is_fragment_cluster, other_version
from reader.quote_groups import quote_at as quote_at  # the reader screen finds quotes here
from reader.quotes import Quote, QuoteCluster
from reader.tui.navigation import ArticleTarget
from reader.tui.render import StyleSpan, styled
from reader.workspace import Analysis, Workspace

CHANGED = "bold underline $text-warning"
NEAR = "underline"
LEFT_ONLY = "italic reverse $error"
RIGHT_ONLY = "italic reverse $success"
MOVED = "dim italic"
OUTLET = "bold $text-accent"
GUTTER = " │ "
TITLE_ROWS = 2
"""Rows of article title shown under each outlet name; longer titles end in an ellipsis."""

"""A word as written and its diff style ("" for a word both versions share)."""


# ----------------------------------------------------------------------------- the word diff


def diff_columns(left: str, right: str, width: int) -> tuple[list[Content], list[Content]]:
    """Both versions wrapped to `width` cells, word diff styled, with the same number of rows
    (the layout of `reader.align.side_by_side_rows`, which the CLI prints too)."""
    lefts, rights = side_by_side_rows(left, right, width, lambda row: cell_len(_joined(row)))
    return [_row(row, LEFT_ONLY) for row in lefts], [_row(row, RIGHT_ONLY) for row in rights]


KIND_STYLES = {"equal": "", "changed": CHANGED, "near": NEAR, "moved": MOVED}
"""How the quote view styles each kind of word of the layout (a one-side word: by side)."""


def _joined(row: Row) -> str:
    return "".join(
        ("" if not i or joins_previous(word) else " ") + word for i, (word, _) in enumerate(row)
    )


def _row(row: Row, only_style: str) -> Content:
    """Words joined by spaces; a run of one style is one span, so underlines do not break."""
    text = ""
    spans: list[StyleSpan] = []
    previous_style = ""
    for index, (word, kind) in enumerate(row):
        style = only_style if kind == "only" else KIND_STYLES[kind]
        if index and not joins_previous(word):
            text += " "
        start = len(text)
        text += word
        if style and style == previous_style:
            spans[-1] = (spans[-1][0], len(text), style)
        elif style:
            spans.append((start, len(text), style))
        previous_style = style
    return styled(text, spans)


# ---------------------------------------------------------------------------- the versions


@dataclass(frozen=True)
class Version:
    """One version of the quote with what is shown around it."""

    quote: Quote
    article: Article
    source: str
    """The article's clean text, which the quote's offsets point into."""
    position: str
    """Where this version is in the cluster: "2 of 3" ("" for a quote with one version)."""


def context_content(version: Version) -> Content:
    """The sentence(s) around the quote, dim, the quoted words themselves not dimmed."""
    quote, source = version.quote, version.source
    start, end = quote.context_start, quote.context_end
    if not 0 <= start < end <= len(source):
        start, end = quote.start, quote.end
    snippet = source[start:end]
    inside_start = min(max(quote.start - start, 0), len(snippet))
    inside_end = min(max(quote.end - start, inside_start), len(snippet))
    return styled(snippet, [(0, inside_start, "dim"), (inside_end, len(snippet), "dim")])


def version_header(version: Version, width: int) -> list[Content]:
    """The outlet in bold with the version's position, then the article title, dim."""
    name = version.article.outlet or version.quote.outlet
    outlet = Content.assemble(
        (outlet_label(name, unknown_outlets([version.article])), OUTLET),
        (f"  {version.position}" if version.position else "", "dim"),
    ).truncate(width, ellipsis=True)
    title = Content.styled(version.article.title, "dim").wrap(width)
    if len(title) > TITLE_ROWS:
        title = [*title[: TITLE_ROWS - 1], title[TITLE_ROWS - 1].truncate(width - 1).append("…")]
    return [outlet, *title]


def _rule(width: int) -> Content:
    return Content.styled("─" * width, "dim")


def _heading(text: str) -> Content:
    return Content.styled(text, "bold dim")


def pair_lines(left: Version, right: Version, width: int) -> list[Content]:
    """Two versions in columns: headers, the word diff, then each quote in its context."""
    column = max((width - len(GUTTER)) // 2, 1)
    diff_left, diff_right = diff_columns(left.quote.text, right.quote.text, column)
    return [
        *_beside(version_header(left, column), version_header(right, column), column),
        *_beside([_rule(column)], [_rule(column)], column),
        *_beside(diff_left, diff_right, column),
        Content(""),
        _heading("In context"),
        *_beside(context_content(left).wrap(column), context_content(right).wrap(column), column),
    ]


def single_lines(version: Version, width: int) -> list[Content]:
    """A quote only one version has: header, the quote, its context, and a note saying so."""
    return [
        *version_header(version, width),
        _rule(width),
        *Content(version.quote.text).wrap(width),
        Content(""),
        _heading("In context"),
        *context_content(version).wrap(width),
        Content(""),
        Content.styled("No other article has this quote.", "dim italic"),
    ]


def _beside(left: list[Content], right: list[Content], column: int) -> list[Content]:
    gutter = Content.styled(GUTTER, "dim")
    blank = Content("")
    height = max(len(left), len(right))
    left = left + [blank] * (height - len(left))
    right = right + [blank] * (height - len(right))
    return [
        Content.assemble(a.pad_right(max(column - a.cell_length, 0)), gutter, b)
        for a, b in zip(left, right, strict=True)
    ]


def legend() -> Content:
    """What the diff styles mean, each name drawn in its own style."""
    return Content.assemble(
        "Diff: ",
        ("changed", CHANGED),
        " · ",
        ("near form", NEAR),
        " · ",
        ("left only", LEFT_ONLY),
        " · ",
        ("right only", RIGHT_ONLY),
        " · ",
        ("moved", MOVED),
    )


class QuotePair(Widget):
    """Two versions of a quote (or one, or a message), laid out for the widget's width."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._versions: tuple[Version, Version | None] | None = None
        self._message = Content("")
        self._cache: tuple[int, list[Content]] | None = None

    def show_versions(self, left: Version, right: Version | None) -> None:
        self._versions = (left, right)
        self._changed()

    def show_message(self, message: str) -> None:
        self._versions = None
        self._message = Content(message)
        self._changed()

    def _changed(self) -> None:
        self._cache = None
        self.clear_cached_dimensions()
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, self._layout(width))
        return self._cache[1]

    def _layout(self, width: int) -> list[Content]:
        if self._versions is None:
            return self._message.wrap(max(width, 1))
        left, right = self._versions
        if right is None:
            return single_lines(left, max(width, 1))
        return pair_lines(left, right, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))


# ---------------------------------------------------------------------------------- the list


def _first_words(text: str, count: int = 9) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def cluster_prompt(cluster: QuoteCluster) -> Content:
    """Speaker and outlets on the first line (`≠ 2` when two outlets word the quote
    differently), the first words of the longest version below."""
    speaker = cluster.speaker or "Unknown speaker"
    count = len(cluster.outlets)
    where = f"{count} outlets" if count > 1 else cluster.outlets[0]
    differing = len(cluster.fidelity.differing)
    head = f"{speaker} · {where}" + (f" · ≠ {differing}" if differing else "")
    longest = max(cluster.quotes, key=lambda quote: len(quote.text))
    words = f"“{_first_words(longest.text)}”"
    return (
        Content(f"{head}\n{words}")
        .stylize("bold", 0, len(speaker))
        .stylize("dim", len(head) + 1, len(head) + 1 + len(words))
    )


def about_cluster(cluster: QuoteCluster) -> Content:
    """Who said it and what the text says they are; how faithfully the outlets give it."""
    speaker = cluster.speaker or "Unknown speaker"
    role = f", {cluster.speaker_role}" if cluster.speaker and cluster.speaker_role else ""
    fidelity = cluster.fidelity
    parts: list[tuple[str, str] | str] = [(speaker, "bold"), (role, "dim")]
    if fidelity.outlets > 1:
        style = "$text-warning" if fidelity.differing else "dim"
        parts += [" · ", (fidelity.describe(), style)]
        if fidelity.differing and len(fidelity.differing) < fidelity.outlets:
            parts.append((f" ({', '.join(fidelity.differing)})", "dim"))
    return Content.assemble(*parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _section(title: str) -> Option:
    return Option(Content.styled(title, "bold $text-accent"), disabled=True)


# -------------------------------------------------------------------------------- the screen


class QuotesScreen(Screen[ArticleTarget | None]):
    """A story's quotes, and two versions of the selected one side by side.

    `]` / `[` (or right / left) change the right-hand version, `}` / `{` (or shift+arrows) the
    left-hand one, `s` swaps them, Enter in the versions pane (or `o`) opens the left-hand
    version's article at the quote. `focus_start` picks between the parts of a long quote,
    which share its id across clusters.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("escape", "close", "Close", id="quotes.close"),
        Binding(
            "right_square_bracket",
            "cycle('right', 1)",
            "Right side",
            id="quotes.right_next",
            key_display="[ ]",
        ),
        Binding(
            "left_square_bracket",
            "cycle('right', -1)",
            "Previous right version",
            id="quotes.right_previous",
            key_display="[",
            show=False,
        ),
        Binding(
            "right",
            "cycle('right', 1)",
            "Next right version",
            id="quotes.right_next_arrow",
            key_display="→",
            show=False,
            priority=True,
        ),
        Binding(
            "left",
            "cycle('right', -1)",
            "Previous right version",
            id="quotes.right_previous_arrow",
            key_display="←",
            show=False,
            priority=True,
        ),
        Binding(
            "right_curly_bracket,shift+right",
            "cycle('left', 1)",
            "Left side",
            id="quotes.left_next",
            key_display="{ }",
        ),
        Binding(
            "left_curly_bracket,shift+left",
            "cycle('left', -1)",
            "Previous left version",
            id="quotes.left_previous",
            key_display="{",
            show=False,
        ),
        Binding("s", "swap", "Swap", id="quotes.swap"),
        Binding("enter,o", "open", "Open", id="quotes.open", key_display="o"),
        Binding("f", "toggle_fragments", "Fragments", id="quotes.fragments"),
        Binding("d", "toggle_differing", "Worded differently", id="quotes.worded_differently"),
        Binding("w", "toggle_list", "List", id="quotes.toggle_list"),
        Binding("j", "list_cursor(1)", "Next quote", id="quotes.next", show=False),
        Binding("k", "list_cursor(-1)", "Previous quote", id="quotes.previous", show=False),
    ]

    def __init__(
        self,
        workspace: Workspace,
        analysis: Analysis,
        story_id: str,
        focus_quote_id: str | None = None,
        *,
        focus_start: int | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.story_id = story_id
        self.groups = ClusterGroups.of(analysis.quotes.get(story_id, ()))
        story = analysis.story_by_id(story_id)
        self.story_articles = story.articles if story else ()
        self.show_fragments = False
        self.only_differing = False
        self.cluster: QuoteCluster | None = None
        self.left = 0
        self.right: int | None = None
        self._focus = self._find_focus(focus_quote_id, focus_start)

    def _find_focus(
        self, quote_id: str | None, start: int | None
    ) -> tuple[QuoteCluster, int] | None:
        """The cluster and version index of the quote to open on, if it is in this story."""
        found = [
            (cluster, index)
            for cluster in self.groups.listed(with_fragments=True)
            for index, quote in enumerate(cluster.quotes)
            if quote.id == quote_id
        ]
        spanning = [
            (cluster, index)
            for cluster, index in found
            if start is not None and cluster.quotes[index].start <= start
        ]
        best = max(spanning, key=lambda pair: pair[0].quotes[pair[1]].start, default=None)
        return best or next(iter(found), None)

    def compose(self) -> ComposeResult:
        yield Static(id="quotes-title")
        with Horizontal(id="quotes-body"):
            yield OptionList(id="quotes-list")
            with VerticalScroll(id="quotes-versions"):
                yield Static(id="quotes-about")
                yield QuotePair(id="quotes-pair")
        yield Static(legend(), id="quotes-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#quotes-title", Static).update(self._title())
        if self._focus:
            cluster, index = self._focus
            self.show_fragments = is_fragment_cluster(cluster)
            self._select(cluster, index)
        self._fill_list()
        target = "#quotes-versions" if self._focus and self.cluster else "#quotes-list"
        self.query_one(target).focus()

    def _title(self) -> Content:
        groups = self.groups
        counts = f"{len(groups.shared)} across outlets, {len(groups.single)} from one outlet"
        if groups.fragments:
            counts += f", {_plural(len(groups.fragments), 'fragment')}"
        given = given_differently(groups.shared)
        if given:
            unknown = unknown_outlets(self.workspace.article(a) for a in self.story_articles)
            counts += " · worded differently: " + ", ".join(
                f"{outlet_label(o, unknown)} {n}" for o, n in given.items()
            )
        title = ""
        if self.story_articles:
            title = f" · {self.workspace.article(self.story_articles[0]).title}"
        return Content.assemble(("Quotes", "bold"), f" · {counts}", (title, "dim"))

    # The list ---------------------------------------------------------------------------

    def _fill_list(self) -> None:
        """List the clusters by group, keep the selection, and show it (or an empty state)."""
        options = self.query_one("#quotes-list", OptionList)
        options.clear_options()
        listed = self._listed()
        for title, clusters in self._sections():
            if clusters:
                options.add_option(_section(f"{title} ({len(clusters)})"))
                options.add_options(Option(cluster_prompt(c), id=c.id) for c in clusters)
        if self.groups.fragments and not self.show_fragments and not self.only_differing:
            hidden = len(self.groups.fragments)
            note = f"{_plural(hidden, 'fragment')} hidden · f shows"
            options.add_option(Option(Content.styled(note, "dim italic"), disabled=True))
        self.query_one("#quotes-legend").display = bool(listed)
        if not listed:
            self._show_empty(options)
            return
        selected = self.cluster if self.cluster in listed else listed[0]
        if selected is not self.cluster:
            self._select(selected)
        options.highlighted = options.get_option_index(selected.id)

    def _listed(self) -> tuple[QuoteCluster, ...]:
        if self.only_differing:
            return self.groups.worded_differently()
        return self.groups.listed(self.show_fragments)

    def _sections(self) -> list[tuple[str, tuple[QuoteCluster, ...]]]:
        if self.only_differing:
            return [("Worded differently across outlets", self.groups.worded_differently())]
        sections = [("Across outlets", self.groups.shared), ("One outlet", self.groups.single)]
        if self.show_fragments:
            sections.append(("Scare quotes and fragments", self.groups.fragments))
        return sections

    def _show_empty(self, options: OptionList) -> None:
        self.cluster = None
        self.query_one("#quotes-about", Static).update("")
        if self.only_differing:
            message = "Every outlet gives this story's shared quotes in the same words."
        elif self.groups.fragments:
            message = "Only scare quotes and fragments here: press f to show them."
        else:
            message = "No quotes in this story: none of its articles quotes anyone."
            options.add_option(Option(Content("No quotes in this story."), disabled=True))
        self.query_one(QuotePair).show_message(message)

    @on(OptionList.OptionHighlighted, "#quotes-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        cluster = self._cluster_by_id(event.option.id)
        if cluster is not None and cluster is not self.cluster:
            self._select(cluster)

    @on(OptionList.OptionSelected, "#quotes-list")
    def _selected(self) -> None:
        self.query_one("#quotes-versions").focus()

    def _cluster_by_id(self, cluster_id: str | None) -> QuoteCluster | None:
        listed = self.groups.listed(with_fragments=True)
        return next((c for c in listed if c.id == cluster_id), None)

    # The versions -----------------------------------------------------------------------

    def _select(self, cluster: QuoteCluster, left: int = 0) -> None:
        self.cluster = cluster
        self.left = left
        self.right = other_version(cluster, left)
        self._show_versions()

    def _version(self, index: int) -> Version:
        assert self.cluster is not None
        quote = self.cluster.quotes[index]
        count = len(self.cluster.quotes)
        return Version(
            quote=quote,
            article=self.workspace.article(quote.article),
            source=self.workspace.cleaned(quote.article).text,
            position=f"{index + 1} of {count}" if count > 1 else "",
        )

    def _show_versions(self) -> None:
        assert self.cluster is not None
        self.query_one("#quotes-about", Static).update(about_cluster(self.cluster))
        right = None if self.right is None else self._version(self.right)
        self.query_one(QuotePair).show_versions(self._version(self.left), right)
        self.query_one("#quotes-versions", VerticalScroll).scroll_home(animate=False)

    def action_cycle(self, side: str, step: int) -> None:
        """Show the next (or previous) version on one side, never the one the other side shows."""
        if self.cluster is None or self.right is None:
            self.notify("This quote has only one version.", timeout=2)
            return
        if len(self.cluster.quotes) == 2:
            self.notify("Only two versions: s swaps them.", timeout=2)
            return
        count = len(self.cluster.quotes)
        index, other = (self.right, self.left) if side == "right" else (self.left, self.right)
        index = (index + step) % count
        if index == other:
            index = (index + step) % count
        if side == "right":
            self.right = index
        else:
            self.left = index
        self._show_versions()

    def action_swap(self) -> None:
        if self.right is None:
            self.notify("This quote has only one version.", timeout=2)
            return
        self.left, self.right = self.right, self.left
        self._show_versions()

    def action_open(self) -> None:
        """Open the left-hand version's article with the cursor on the quote."""
        if self.cluster is None:
            self.notify("No quote to open.", timeout=2)
            return
        quote = self.cluster.quotes[self.left]
        self.dismiss(ArticleTarget(quote.article, quote.start, quote.end))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_toggle_fragments(self) -> None:
        if not self.groups.fragments:
            self.notify("This story has no scare quotes or fragments.", timeout=2)
            return
        self.show_fragments = not self.show_fragments
        self._fill_list()

    def action_toggle_differing(self) -> None:
        """List only the quotes that outlets give in different words (again: all quotes)."""
        self.only_differing = not self.only_differing
        self._fill_list()
        if self.only_differing:
            count = len(self.groups.worded_differently())
            self.notify(f"{_plural(count, 'quote')} worded differently · d shows all", timeout=3)

    def action_toggle_list(self) -> None:
        options = self.query_one("#quotes-list", OptionList)
        options.display = not options.display
        if not options.display:
            self.query_one("#quotes-versions").focus()

    def action_list_cursor(self, step: int) -> None:
        options = self.query_one("#quotes-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()
