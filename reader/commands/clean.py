"""`newsreader clean FILE [--json]`: the article in reader mode, or JSON with what was removed.

Plain output is the cleaned text (paragraphs separated by blank lines). `--json` prints
`{"path", "title", "outlet", "date", "url", "text", "paragraphs", "removed"}` where `text` is
the paragraphs joined by blank lines (every character offset the project reports indexes it)
and each removed line is `{"line", "text", "reason"}` with `line` 1-based in the raw file.

The file is cleaned as part of its folder's library, as `facts` and `quotes` given that
folder clean it: with the site furniture of its outlet's other pages there. `cleaned_with`
says which folder and how many articles of the outlet it holds.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.output import say

if TYPE_CHECKING:
    from reader.library import Article
    from reader.workspace import Workspace


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the `clean` subcommand to the top-level CLI."""
    parser = subparsers.add_parser("clean", help="print an article in reader mode")
    parser.add_argument("file", type=Path, metavar="FILE", help="article file (.txt, .md, .html)")
    parser.add_argument("--json", action="store_true", help="print text, metadata, removed lines")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.commands.loading import open_workspace
    from reader.commands.output import print_json, print_text
    from reader.library import UnreadableFile, load_article

    path: Path = args.file
    if path.is_dir():
        return _fail(f"{path}: is a folder; give one article file")
    try:
        load_article(path)
    except UnreadableFile as error:
        return _fail(f"cannot read {path}: {error}")
    library_folder = path.resolve().parent
    workspace = open_workspace([library_folder])
    article = _find(workspace, path) if workspace else None
    if workspace is None or article is None:
        return _fail(f"cannot read {path}")
    cleaned = workspace.clean_in_library(article.id)
    if cleaned.problem:
        return _fail(f"{path}: {cleaned.problem}")
    if not args.json:
        if cleaned.text:
            print_text(cleaned.text)
        return 0
    page = cleaned.metadata
    same_outlet = sum(1 for other in workspace.articles if other.outlet == article.outlet)
    result = {
        "path": str(path),
        "title": article.title,
        "outlet": article.outlet,
        "date": article.date or page.date,
        "url": article.url or page.url,
        "text": cleaned.text,
        "paragraphs": list(cleaned.paragraphs),
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in cleaned.removed],
        "cleaned_with": {"library": str(library_folder), "outlet_articles": same_outlet},
    }
    print_json(result, indent=2)
    return 0


def _find(workspace: Workspace, path: Path) -> Article | None:
    wanted = path.resolve()
    return next((a for a in workspace.articles if a.path.resolve() == wanted), None)


def _fail(message: str) -> int:
    say(message)
    return 1
