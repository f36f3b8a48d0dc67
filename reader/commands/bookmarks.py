"""`newsreader bookmarks list [--json]` and `newsreader bookmarks export --format md|yaml|json`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.bookmarks import (
    Bookmark,
    BookmarksError,
    BookmarkStore,
    export,
    json_text,
    source_line,
)
from reader.paths import bookmarks_path
from reader.text import printable, shortened

SNIPPET_LENGTH = 100


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the `bookmarks` subcommand (with `list` and `export`) to the top-level CLI."""
    # SUPPRESS: when not given here, keep whatever a global --bookmarks already set.
    file_option = argparse.ArgumentParser(add_help=False)
    file_option.add_argument(
        "--bookmarks",
        dest="bookmarks_file",
        type=Path,
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="bookmarks file (default: $NEWSREADER_BOOKMARKS or the user data folder)",
    )
    parser = subparsers.add_parser(
        "bookmarks", parents=[file_option], help="list or export bookmarked passages"
    )
    parser.set_defaults(func=run, json=False)
    commands = parser.add_subparsers(dest="bookmarks_command", metavar="COMMAND")

    list_parser = commands.add_parser(
        "list", parents=[file_option], help="list bookmarks (the default)"
    )
    list_parser.add_argument("--json", action="store_true", help="print them as a JSON array")

    export_parser = commands.add_parser(
        "export", parents=[file_option], help="print all bookmarks as Markdown, YAML or JSON"
    )
    export_parser.add_argument("--format", choices=("md", "yaml", "json"), default="md")


def run(args: argparse.Namespace) -> int:
    """Run `bookmarks list` or `bookmarks export`; errors are one line on stderr, exit 1."""
    store = BookmarkStore(getattr(args, "bookmarks_file", None) or bookmarks_path())
    try:
        bookmarks = store.load()
    except BookmarksError as error:
        print(f"newsreader: {printable(str(error))}", file=sys.stderr)
        return 1
    if store.error:
        print(f"newsreader: warning: {printable(str(store.error))}", file=sys.stderr)
    if args.bookmarks_command == "export":
        sys.stdout.write(export(bookmarks, args.format))
    elif args.json:
        sys.stdout.write(json_text([mark.as_dict() for mark in bookmarks]))
    else:
        _print_list(bookmarks, store.path)
    return 0


def _print_list(bookmarks: list[Bookmark], path: Path) -> None:
    if not bookmarks:
        print(f"No bookmarks in {printable(str(path))}.", file=sys.stderr)
    for mark in bookmarks:
        snippet = shortened(" ".join(printable(mark.text).split()), SNIPPET_LENGTH)
        print(f"{printable(mark.id)}  {source_line(mark).replace('**', '') or '(unknown source)'}")
        print(f"    “{snippet}”")
        if mark.note:
            print(f"    Note: {' '.join(printable(mark.note).split())}")
