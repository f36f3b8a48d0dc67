"""The bookmarks screen: every saved passage, a preview, a filter, and note, delete and undo.

Bookmark text, notes and titles come from articles and a hand-editable file, so everything here
is built as plain `Content` (never markup). The file is re-read after every change, because
another running newsreader may have changed it; a file that cannot be used is shown in a banner
and never written to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content, Span
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.bookmarks import ArticleFinder, Bookmark, BookmarksError, BookmarkStore, locate
from reader.library import Article
from reader.text import first_words
from reader.tui.navigation import ArticleTarget
from reader.workspace import Workspace

FILTER_WORD_CUTOFF = 75
PROMPT_WORDS = 12
EMPTY_MESSAGE = "No bookmarks yet. In the reading pane, move to a passage with { } ( ) and press m."
# Control characters (a hand-edited file can hold any) would reach the terminal as they are.
_CONTROL_CHARACTERS = {code: "\ufffd" for code in (*range(32), *range(127, 160))}
_CONTROL_CHARACTERS.update({ord("\n"): "\n", ord("\t"): " ", ord("\r"): None})

Piece = tuple[str, str]
"""A run of text and its style ("" for none)."""


@dataclass(frozen=True)
class BookmarkTarget(ArticleTarget):
    """Open `article_id` with the passage cursor on its clean text[start:end].

    An `ArticleTarget`, so the reader's `open_target` takes it as it is.
    """


def safe_text(text: str) -> str:
    """`text` without control characters (shown as �), tabs as spaces, no carriage returns."""
    return text.translate(_CONTROL_CHARACTERS)


def one_line(text: str) -> str:
    """`text` on a single line, every whitespace run made one space."""
    return " ".join(safe_text(text).split())


def assemble(pieces: Sequence[Piece]) -> Content:
    """Plain text pieces joined into one Content, each styled by offsets (nothing is parsed)."""
    spans: list[Span] = []
    offset = 0
    for text, style in pieces:
        if style and text:
            spans.append(Span(offset, offset + len(text), style))
        offset += len(text)
    return Content("".join(text for text, _ in pieces), spans)


def source_meta(bookmark: Bookmark) -> str:
    """ "outlet · date · title", leaving out whatever is unknown."""
    parts = (bookmark.outlet, bookmark.date, bookmark.title)
    return " · ".join(one_line(part) for part in parts if part.strip())


def bookmark_prompt(bookmark: Bookmark) -> Content:
    """The passage's first words in bold, a dim source line, and the note if there is one."""
    pieces: list[Piece] = [(first_words(one_line(bookmark.text), PROMPT_WORDS), "bold"), ("\n", "")]
    pieces.append((source_meta(bookmark) or "unknown source", "dim"))
    if bookmark.note.strip():
        pieces += [("\n", ""), ("✎ " + one_line(bookmark.note), "italic $text-accent")]
    return assemble(pieces)


def bookmark_preview(bookmark: Bookmark) -> Content:
    """The whole passage between its dim context words, the note, then where it came from."""
    pieces: list[Piece] = []
    if bookmark.before.strip():
        pieces.append(("…" + one_line(bookmark.before) + " ", "dim"))
    pieces.append((safe_text(bookmark.text), "bold"))
    if bookmark.after.strip():
        pieces.append((" " + one_line(bookmark.after) + "…", "dim"))
    pieces.append(("\n\n", ""))
    if bookmark.note.strip():
        pieces += [("Note: ", "bold $text-accent"), (safe_text(bookmark.note), "italic")]
    else:
        pieces.append(("No note (press e to add one).", "dim"))
    pieces.append(("\n\n", ""))
    pieces += _source_pieces(bookmark)
    return assemble(pieces)


def _source_pieces(bookmark: Bookmark) -> list[Piece]:
    pieces: list[Piece] = []
    if bookmark.title.strip():
        pieces += [(one_line(bookmark.title), "bold"), ("\n", "")]
    where = " · ".join(one_line(part) for part in (bookmark.outlet, bookmark.date) if part.strip())
    if where:
        pieces += [(where, "$text-accent"), ("\n", "")]
    link = bookmark.url or bookmark.path
    if link.strip():
        pieces += [(one_line(link), "dim underline"), ("\n", "")]
    if bookmark.tags:
        pieces += [
            ("Tags: " + ", ".join(one_line(tag) for tag in bookmark.tags), "dim"),
            ("\n", ""),
        ]
    pieces.append((f"Bookmarked {_when(bookmark.created)}", "dim"))
    return pieces


def _when(created: str) -> str:
    """A bookmark's `created` time to the minute, or as written when it is not ISO 8601."""
    try:
        return dt.datetime.fromisoformat(created).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return one_line(created)


def _created_key(bookmark: Bookmark) -> float:
    try:
        return dt.datetime.fromisoformat(bookmark.created).timestamp()
    except (ValueError, OverflowError, OSError):
        return float("-inf")


def newest_first(bookmarks: Sequence[Bookmark]) -> list[Bookmark]:
    """Newest `created` first; among equals (or unreadable dates), later in the file first."""
    order = sorted(enumerate(bookmarks), key=lambda item: (_created_key(item[1]), item[0]))
    return [bookmark for _, bookmark in reversed(order)]


def _haystack(bookmark: Bookmark) -> str:
    parts = (bookmark.text, bookmark.title, bookmark.outlet, bookmark.note)
    return " ".join(parts).lower()


def filter_bookmarks(query: str, bookmarks: Sequence[Bookmark]) -> list[Bookmark]:
    """Bookmarks where every word of `query` fuzzily appears in the passage, title, outlet or
    note; best matches first, keeping the given order among equals. All when `query` is blank.
    """
    words = query.lower().split()
    if not words:
        return list(bookmarks)
    scored = []
    for index, bookmark in enumerate(bookmarks):
        haystack = _haystack(bookmark)
        scores = [fuzz.partial_ratio(word, haystack) for word in words]
        if min(scores) >= FILTER_WORD_CUTOFF:
            scored.append((-sum(scores), index, bookmark))
    return [bookmark for *_, bookmark in sorted(scored, key=lambda item: item[:2])]


def _error_text(error: Exception) -> str:
    """A KeyError's message without the quotes `str()` adds; other errors as they are."""
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])
    return str(error)


class BookmarkList(OptionList):
    """The bookmarks, one option each (id = bookmark id), with vi-style movement keys."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="bookmarks.open"),
        Binding("j", "cursor_down", "Next bookmark", id="bookmarks.next", show=False),
        Binding("k", "cursor_up", "Previous bookmark", id="bookmarks.previous", show=False),
        Binding("g", "first", "First bookmark", id="bookmarks.first", show=False),
        Binding("G", "last", "Last bookmark", id="bookmarks.last", show=False),
    ]


class NoteEditor(ModalScreen[str | None]):
    """A one-line editor for a bookmark's note: Enter saves, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="bookmarks.note_cancel")]

    def __init__(self, bookmark: Bookmark) -> None:
        super().__init__()
        self.bookmark = bookmark

    def compose(self) -> ComposeResult:
        passage = first_words(one_line(self.bookmark.text), PROMPT_WORDS)
        heading = assemble([("Note for ", "bold"), (f"“{passage}”", "italic")])
        hint = "Enter saves · Escape cancels · an empty note removes it"
        if "\n" in self.bookmark.note:
            hint += " · line breaks become spaces when saved"
        with Vertical(id="note-dialog"):
            yield Static(heading, id="note-heading")
            yield Input(value=one_line(self.bookmark.note), placeholder="Note", id="note-input")
            yield Static(Content(hint), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class BookmarksScreen(Screen[BookmarkTarget | None]):
    """All bookmarks, newest first, with a preview; dismisses with where to open one."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    AUTO_FOCUS = ""  # `_show_list_or_empty_state` sets the focus: the list may be hidden

    BINDINGS = [
        Binding("escape", "back", "Close", id="bookmarks.close"),
        Binding("slash", "filter", "Filter", id="bookmarks.filter", key_display="/"),
        Binding("e", "edit_note", "Note", id="bookmarks.edit_note"),
        Binding("d", "delete", "Delete", id="bookmarks.delete"),
        Binding("u", "undo", "Undo delete", id="bookmarks.undo"),
        Binding("r", "reload", "Reload the file", id="bookmarks.reload", show=False),
    ]

    def __init__(
        self,
        store: BookmarkStore,
        workspace: Workspace,
        deleted: list[Bookmark] | None = None,
    ) -> None:
        """`deleted` is the undo stack; pass the same list each time so that an undo still
        works after the screen was closed and opened again."""
        super().__init__()
        self.store = store
        self.workspace = workspace
        self.bookmarks: list[Bookmark] = []
        self.deleted: list[Bookmark] = [] if deleted is None else deleted
        self.load_failed = False
        self._finder = ArticleFinder(workspace.articles)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="bookmarks-banner")
        yield Input(placeholder="Filter: passage, title, outlet or note", id="bookmarks-filter")
        yield Static(Content(EMPTY_MESSAGE), id="bookmarks-empty")
        with Container(id="bookmarks-body"):
            yield BookmarkList(id="bookmarks-list")
            with VerticalScroll(id="bookmarks-preview-scroll"):
                yield Static(id="bookmarks-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Bookmarks"
        self.reload()

    # Reading the file -------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Re-read the file and show it; `select` is the bookmark id to highlight."""
        try:
            self.bookmarks = newest_first(self.store.load())
        except BookmarksError as error:
            self.bookmarks = []
            self.load_failed = True
            self._show_banner(self.store.message or str(error))
        else:
            self.load_failed = False
            self._show_banner(self.store.message)
        self.refresh_list(select)

    def _show_banner(self, problem: str | None) -> None:
        """An error banner when nothing could be read, a warning one when edits are disabled."""
        banner = self.query_one("#bookmarks-banner", Static)
        banner.set_class(problem is not None, "-shown")
        banner.set_class(not self.load_failed, "-warning")
        if problem is None:
            return
        if self.load_failed:
            headline = "⚠ The bookmarks file cannot be used, so nothing is listed."
            advice = "\nFix the file, then press r to reload."
        else:
            headline = "⚠ Bookmarks are read-only: notes, delete and undo are disabled."
            advice = ""
        banner.update(
            assemble([(headline, "bold"), ("\n", ""), (safe_text(problem), ""), (advice, "")])
        )

    def refresh_list(self, select: str | None = None) -> None:
        """List the bookmarks matching the filter, keeping (or moving to) the highlighted one."""
        options = self.query_one(BookmarkList)
        current = select or self._highlighted_id()
        index = options.highlighted or 0
        query = self.query_one("#bookmarks-filter", Input).value
        shown = filter_bookmarks(query, self.bookmarks)
        options.clear_options()
        options.add_options(Option(bookmark_prompt(b), id=b.id) for b in shown)
        if self.bookmarks and not shown:
            options.add_option(Option(Content("No bookmark matches this filter."), disabled=True))
        self._highlight(current, index)
        self._show_list_or_empty_state()
        self._update_subtitle(len(shown), query)
        self.show_preview()

    def _highlight(self, bookmark_id: str | None, fallback_index: int) -> None:
        options = self.query_one(BookmarkList)
        ids = [option.id for option in options.options]
        if bookmark_id in ids:
            options.highlighted = ids.index(bookmark_id)
        elif ids and ids[0] is not None:
            options.highlighted = min(fallback_index, len(ids) - 1)

    def _show_list_or_empty_state(self) -> None:
        empty = not self.bookmarks and not self.load_failed
        self.query_one("#bookmarks-empty").set_class(empty, "-shown")
        self.query_one("#bookmarks-body").display = bool(self.bookmarks)
        if not self.bookmarks:
            self.set_focus(None)
        elif self.focused is None:
            self.query_one(BookmarkList).focus()
        self.refresh_bindings()

    def _update_subtitle(self, shown: int, query: str) -> None:
        if self.load_failed:
            self.sub_title = "file unreadable"
            return
        total = len(self.bookmarks)
        noun = "bookmark" if total == 1 else "bookmarks"
        self.sub_title = f"{shown} of {total} {noun}" if query.strip() else f"{total} {noun}"

    def _highlighted_id(self) -> str | None:
        option = self.query_one(BookmarkList).highlighted_option
        return option.id if option else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys that have nothing to act on (the footer follows)."""
        if action in ("filter", "edit_note", "delete"):
            return bool(self.bookmarks)
        if action == "undo":
            return bool(self.deleted) or (self.store.read_only and not self.load_failed)
        return True

    def highlighted_bookmark(self) -> Bookmark | None:
        bookmark_id = self._highlighted_id()
        return next((b for b in self.bookmarks if b.id == bookmark_id), None)

    @on(OptionList.OptionHighlighted, "#bookmarks-list")
    def show_preview(self) -> None:
        bookmark = self.highlighted_bookmark()
        preview = self.query_one("#bookmarks-preview", Static)
        preview.update(bookmark_preview(bookmark) if bookmark else Content(""))
        self.query_one("#bookmarks-preview-scroll").scroll_home(animate=False)

    # Filter and close -------------------------------------------------------------------

    def action_filter(self) -> None:
        filter_input = self.query_one("#bookmarks-filter", Input)
        filter_input.add_class("-shown")
        filter_input.focus()

    @on(Input.Changed, "#bookmarks-filter")
    def _filter_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#bookmarks-filter")
    def _filter_submitted(self) -> None:
        self.query_one(BookmarkList).focus()

    def action_back(self) -> None:
        """Escape: clear and hide the filter if it is open, else close the screen."""
        filter_input = self.query_one("#bookmarks-filter", Input)
        if not filter_input.has_class("-shown"):
            self.dismiss(None)
            return
        filter_input.remove_class("-shown")
        self.query_one(BookmarkList).focus()
        if filter_input.value:
            filter_input.value = ""

    def action_reload(self) -> None:
        self.reload()
        self.notify("Bookmarks file re-read.", timeout=2)

    # Opening ----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _open_selected(self) -> None:
        bookmark = self.highlighted_bookmark()
        if bookmark is not None:
            self.open_bookmark(bookmark)

    def open_bookmark(self, bookmark: Bookmark) -> None:
        """Dismiss with the bookmark's article and passage, or say why that is not possible."""
        article = self.find_article(bookmark)
        if article is None:
            where = one_line(bookmark.path or bookmark.url) or "unknown file"
            self._warn(f"That article is not in the open library ({where}).")
            return
        found = locate(bookmark, self.workspace.cleaned(article.id).text)
        if found is None:
            self._warn(
                f"The passage is no longer in “{one_line(article.title)}”: "
                "the article has changed too much to find it."
            )
            return
        self.dismiss(BookmarkTarget(article.id, *found))

    def find_article(self, bookmark: Bookmark) -> Article | None:
        """The library's article for `bookmark` (see `ArticleFinder`)."""
        return self._finder.find(bookmark)

    # Editing ----------------------------------------------------------------------------

    def _editable(self) -> Bookmark | None:
        """The highlighted bookmark if it may be changed; otherwise say why not."""
        if self.store.read_only:
            self._warn("Bookmarks are read-only until the file is fixed; nothing was changed.")
            return None
        bookmark = self.highlighted_bookmark()
        if bookmark is None:
            self._warn("No bookmark is selected.")
        return bookmark

    def action_edit_note(self) -> None:
        bookmark = self._editable()
        if bookmark is not None:
            self.app.push_screen(NoteEditor(bookmark), lambda note: self._save_note(bookmark, note))

    def _save_note(self, bookmark: Bookmark, note: str | None) -> None:
        if note is None or note == one_line(bookmark.note):
            return
        try:
            self.store.update_note(bookmark.id, note)
        except (BookmarksError, KeyError) as error:
            self._failed("Note not saved", error)
        else:
            self.notify("Note saved." if note else "Note removed.", timeout=2)
        self.reload(select=bookmark.id)

    def action_delete(self) -> None:
        bookmark = self._editable()
        if bookmark is None:
            return
        try:
            removed = self.store.remove(bookmark.id)
        except (BookmarksError, KeyError) as error:
            self._failed("Not deleted", error)
        else:
            self.deleted.append(removed)
            passage = f"“{first_words(one_line(removed.text), 6)}”"
            self.notify("Deleted — press u to undo", title=passage, markup=False)
        self.reload()

    def action_undo(self) -> None:
        if self.store.read_only:
            self._warn("Bookmarks are read-only until the file is fixed; nothing was restored.")
            return
        if not self.deleted:
            self.notify("Nothing to undo.", timeout=2)
            return
        bookmark = self.deleted.pop()
        try:
            saved_to = self.store.add(bookmark)
        except BookmarksError as error:
            self.deleted.append(bookmark)
            self._failed("Not restored", error)
        else:
            where = "" if saved_to == self.store.path else f" (saved to {saved_to})"
            self.notify(
                f"Restored “{first_words(one_line(bookmark.text), 6)}”{where}", markup=False
            )
        self.reload(select=bookmark.id)

    def _warn(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def _failed(self, title: str, error: Exception) -> None:
        self.notify(_error_text(error), title=title, severity="error", timeout=10, markup=False)
