"""The `newsreader` command: the reader app, and scriptable subcommands for pipes and scripts.

`newsreader [PATH...]` opens the app (on the fetched library and the config's folders when no
path is given, the bundled seeds while both are empty); `newsreader
clean|facts|quotes|diff|bookmarks|feeds|fetch|add ...` print plain text or, with `--json`, JSON.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.paths import BOOKMARKS_ENV, CACHE_ENV, CONFIG_ENV, FEEDS_ENV, LIBRARY_ENV

SUBCOMMAND_MODULES = {
    "clean": "reader.commands.clean",
    "facts": "reader.commands.facts",
    "quotes": "reader.commands.quotes",
    "diff": "reader.commands.quotes",
    "bookmarks": "reader.commands.bookmarks",
    "feeds": "reader.commands.feeds",
    "fetch": "reader.commands.fetch",
    "add": "reader.commands.fetch",
}


def _add_path_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bookmarks",
        dest="bookmarks_file",
        type=Path,
        metavar="FILE",
        help=f"bookmarks file (default: user data folder; env {BOOKMARKS_ENV})",
    )
    parser.add_argument(
        "--config",
        dest="config_file",
        type=Path,
        metavar="FILE",
        help=f"config file (default: user config folder; env {CONFIG_ENV})",
    )
    parser.add_argument(
        "--cache-dir",
        dest="cache_dir",
        type=Path,
        metavar="DIR",
        help=f"cache folder (default: user cache folder; env {CACHE_ENV})",
    )
    parser.add_argument(
        "--library",
        dest="library_dir",
        type=Path,
        metavar="DIR",
        help=f"where fetched articles are stored (default: user data folder; env {LIBRARY_ENV})",
    )
    parser.add_argument(
        "--feeds",
        dest="feeds_file",
        type=Path,
        metavar="FILE",
        help=f"subscriptions file (default: user config folder; env {FEEDS_ENV})",
    )


def app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description=(
            "Read one story across many outlets: shared facts, exclusive claims, quote diffs. "
            "Subcommands: " + ", ".join(SUBCOMMAND_MODULES) + " (newsreader SUBCOMMAND --help)."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=(
            "article files (.txt, .md, .html) or folders; default: the fetched library and "
            "the config's folders (the bundled seed articles while both are empty)"
        ),
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    _add_path_options(parser)
    return parser


def subcommand_parser(name: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsreader")
    _add_path_options(parser)
    subparsers = parser.add_subparsers(dest="command", required=True)
    importlib.import_module(SUBCOMMAND_MODULES[name]).add_parser(subparsers)
    return parser


def _apply_path_overrides(args: argparse.Namespace) -> None:
    """Flags win over environment variables: export them so every module sees one answer."""
    for attribute, env_var in (
        ("bookmarks_file", BOOKMARKS_ENV),
        ("config_file", CONFIG_ENV),
        ("cache_dir", CACHE_ENV),
        ("library_dir", LIBRARY_ENV),
        ("feeds_file", FEEDS_ENV),
    ):
        value = getattr(args, attribute, None)
        if value is not None:
            os.environ[env_var] = str(Path(value).expanduser().resolve())


OPTIONS_WITH_VALUES = frozenset({"--bookmarks", "--config", "--cache-dir", "--library", "--feeds"})


def _first_positional(arguments: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    skip_next = False
    for argument in arguments:
        if skip_next:
            skip_next = False
        elif argument in OPTIONS_WITH_VALUES:
            skip_next = True
        elif not argument.startswith("-"):
            return argument
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    first_positional = _first_positional(arguments)
    if first_positional in SUBCOMMAND_MODULES and not Path(first_positional).exists():
        args = subcommand_parser(first_positional).parse_args(arguments)
        _apply_path_overrides(args)
        try:
            return int(args.func(args) or 0)
        except BrokenPipeError:
            return 0
        except KeyboardInterrupt:
            return 130
    args = app_parser().parse_args(arguments)
    _apply_path_overrides(args)
    from reader.tui.app import run_app

    return run_app(args.paths)


if __name__ == "__main__":
    raise SystemExit(main())
