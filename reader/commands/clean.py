"""`newsreader clean FILE [--json]`: the article in reader mode, or JSON with what was removed.

Plain output is the cleaned text (paragraphs separated by blank lines). `--json` prints
`{"path", "title", "outlet", "date", "url", "text", "paragraphs", "removed"}` where `text` is
the paragraphs joined by blank lines (every character offset the project reports indexes it)
and each removed line is `{"line", "text", "reason"}` with `line` 1-based in the raw file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the `clean` subcommand to the top-level CLI."""
    parser = subparsers.add_parser("clean", help="print an article in reader mode")
    parser.add_argument("file", type=Path, metavar="FILE", help="article file (.txt, .md, .html)")
    parser.add_argument("--json", action="store_true", help="print text, metadata, removed lines")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.clean import clean_html, clean_text
    from reader.config import load_config
    from reader.library import UnreadableFile, load_article

    path: Path = args.file
    if path.is_dir():
        return _fail(f"{path}: is a folder; give one article file")
    try:
        article = load_article(path)
    except UnreadableFile as error:
        return _fail(f"cannot read {path}: {error}")
    settings = load_config()
    if settings.problem:
        print(f"newsreader: {settings.problem}", file=sys.stderr)
    if article.is_html:
        cleaned = clean_html(article.raw)
    else:
        cleaned = clean_text(article.raw, extra_phrases=settings.config.boilerplate)
    if not args.json:
        if cleaned.text:
            sys.stdout.write(cleaned.text + "\n")
        return 0
    page = cleaned.metadata
    result = {
        "path": str(path),
        "title": page.title or article.title,
        "outlet": article.outlet,
        "date": page.date or article.date,
        "url": (article.url if article.is_html else None) or page.url or article.url,
        "text": cleaned.text,
        "paragraphs": list(cleaned.paragraphs),
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in cleaned.removed],
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _fail(message: str) -> int:
    print(f"newsreader: {message}", file=sys.stderr)
    return 1
