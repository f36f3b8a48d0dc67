"""The newsreader Textual app: loads the library, then shows the reader (or the empty state)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader.config import Config, ConfigResult, load_config
from reader.library import Library, count_article_files, load_library
from reader.paths import library_dir, seeds_dir
from reader.tui.scheduling import hold_full_collections
from reader.tui.screens.empty import EmptyScreen, empty_message
from reader.tui.screens.loading import LoadingScreen

if TYPE_CHECKING:
    from reader.index import Index
    from reader.workspace import Workspace

UI_SWITCH_INTERVAL = 0.001
"""Seconds between GIL hand-overs (Python's default is 0.005): the UI thread gets its turn
sooner while the analysis thread works, so a key press repaints quickly."""
LOAD_BEFORE_START_LIMIT = 300
"""Up to this many files are read before the first frame (a blink); more get a loading screen."""


class NewsReaderApp(App[None]):
    """Lists articles and shows them in a reading pane; see docs/guide.md for the keys."""

    CSS_PATH = "newsreader.tcss"
    TITLE = "newsreader"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
    ]

    def __init__(
        self,
        library: Library | None,
        paths: Sequence[Path],
        config: ConfigResult | None = None,
    ) -> None:
        """`library` None: a big library, read from `paths` behind the loading screen."""
        super().__init__()
        self.library = library
        self.library_paths = list(paths)
        self.paths = [str(p) for p in paths]
        self.config = config or ConfigResult(Config())
        self.workspace: Workspace | None = None

    def get_default_screen(self) -> Screen:
        """The reader, the empty state, or (for a big library still on disk) the loading screen."""
        if self.library is None:
            return LoadingScreen(self.library_paths)
        return self._library_screen()

    def library_loaded(self, library: Library, index: Index) -> None:
        """The loading screen is done: show the reader (or the empty state) in its place."""
        self.library = library
        self.push_screen(self._library_screen(index))
        self.call_after_refresh(self._report_skipped)

    def _library_screen(self, index: Index | None = None) -> Screen:
        if not self.library.articles:
            return EmptyScreen(empty_message(self.library, self.paths))
        from reader.index import Index  # the reader's modules load after a big library's
        from reader.tui.screens.reader import ReaderScreen  # first frame, not before it
        from reader.workspace import Workspace

        self.workspace = Workspace(
            self.library, self.config.config.boilerplate, index=index or Index.open_default()
        )
        return ReaderScreen(self.workspace)

    def on_unmount(self) -> None:
        """Quitting mid-analysis: stop the worker processes rather than wait for them."""
        if self.workspace is not None:
            self.workspace.stop()

    def on_mount(self) -> None:
        self._apply_config()
        if self.library is not None:
            self.call_after_refresh(self._report_skipped)

    def _apply_config(self) -> None:
        config = self.config.config
        if config.theme:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                self._warn(f"Unknown theme {config.theme!r} in {config.path}; using the default.")
        if config.keys:
            self.set_keymap(config.keys)
            self._check_key_ids(config.keys)
        if self.config.problem:
            self._warn(self.config.problem)

    def _check_key_ids(self, keys: dict[str, str]) -> None:
        """Warn of keymap entries that name no binding (a typo would silently do nothing)."""
        from reader.tui.keys import binding_groups

        known = {b.id for _, bindings in binding_groups(type(self)) for b in bindings}
        unknown = sorted(set(keys) - known)
        if unknown:
            names = ", ".join(unknown)
            path = self.config.config.path
            self._warn(f"Config {path}: no key binding has the id(s) {names}; see ? for the ids.")

    def _warn(self, message: str) -> None:
        self.call_after_refresh(self.notify, message, severity="warning", timeout=15, markup=False)

    def _report_skipped(self) -> None:
        skipped = self.library.skipped
        if not skipped:
            return
        names = "\n".join(item.describe(name_only=True) for item in skipped[:5])
        more = f"\n…and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        self.notify(
            f"Skipped {len(skipped)} file(s):\n{names}{more}",
            title="Some files could not be read",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def binding_groups(self) -> list[tuple[str, list[Binding]]]:
        """Every binding the user can press, grouped by where it applies, with the user's
        keys (for the help screen)."""
        from reader.tui.keys import binding_groups

        groups = binding_groups(type(self))
        return [(where, self._as_configured(bindings)) for where, bindings in groups]

    def _as_configured(self, bindings: Iterable[Binding]) -> list[Binding]:
        """`bindings` with the keys the user's config gives them (by binding id)."""
        keymap = self.config.config.keys
        return [
            replace(binding, key=keymap[binding.id], key_display=None)
            if binding.id in keymap
            else binding
            for binding in bindings
        ]

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen  # DataTable: only loaded when asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.binding_groups()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from reader.tui.screens.reader import ReaderScreen

        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: show all keys", "Every key binding", self.action_help)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand(
                "Filter articles", "Fuzzy filter by title and outlet", screen.action_filter
            )
            yield SystemCommand(
                "Toggle article list", "Hide or show the list", screen.action_toggle_list
            )
            yield SystemCommand("Open article URL", "In your web browser", screen.action_open_url)


def default_paths(config: Config) -> list[Path]:
    """The fetched articles' library and the config's folders; the bundled seeds while none
    of them holds an article (so a first start shows something)."""
    library = library_dir()
    folders = [*([library] if library.is_dir() else []), *config.library]
    return folders if count_article_files(folders, up_to=1) else [seeds_dir()]


def run_app(paths: Sequence[Path]) -> int:
    """Load `paths` (else the fetched library and the config's folders, else the bundled
    seeds) and run the app."""
    config = load_config()
    paths = list(paths) or default_paths(config.config)
    small = count_article_files(paths, up_to=LOAD_BEFORE_START_LIMIT + 1) <= LOAD_BEFORE_START_LIMIT
    library = load_library(paths) if small else None
    sys.setswitchinterval(UI_SWITCH_INTERVAL)
    hold_full_collections()
    NewsReaderApp(library, paths, config).run()
    return 0
