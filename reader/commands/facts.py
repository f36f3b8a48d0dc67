"""`newsreader facts PATH... [--json]`: stories, shared and exclusive facts, disagreements.

A fact's `text` is its short form (the words that carry it, "…" between parts); its mentions
are those words in each article, and a disagreement's mentions are the differing values. Offsets
in the JSON index each article's clean text, as `newsreader clean --json` gives it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.commands.output import print_json, print_text
from reader.facts import Disagreement, Fact, Mention, StoryFacts
from reader.stories import Story
from reader.text import shortened


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the `facts` subcommand to the top-level CLI."""
    parser = subparsers.add_parser("facts", help="group articles into stories and list facts")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--json", action="store_true", help="print stories and facts as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.commands.loading import analyse, open_workspace

    workspace = open_workspace(args.paths)
    if workspace is None:
        return 1
    analysis = analyse(workspace)
    stories = list(analysis.stories)
    results = [analysis.facts[story.id] for story in stories]
    if args.json:
        print_json(_as_json(workspace.articles, stories, results))
    else:
        _print_text(workspace.articles, stories, results)
    return 0


def _as_json(articles: list, stories: list[Story], results: list[StoryFacts]) -> dict[str, Any]:
    story_of = {a: s.id for s in stories for a in s.articles}
    return {
        "articles": [
            {
                "id": a.id,
                "path": str(a.path),
                "title": a.title,
                "outlet": a.outlet,
                "story": story_of.get(a.id),
            }
            for a in articles
        ],
        "stories": [{"id": s.id, "articles": list(s.articles)} for s in stories],
        "facts": [_fact(f) for r in results for f in r.shared],
        "exclusive": [_fact(f) for r in results for f in r.exclusive],
        "disagreements": [_disagreement(d) for r in results for d in r.disagreements],
    }


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "text": fact.text,
        "kind": fact.kind,
        "story": fact.story,
        "outlets": list(fact.outlets),
        "mentions": [_mention(m) for m in fact.mentions],
    }


def _disagreement(disagreement: Disagreement) -> dict[str, Any]:
    return {"about": disagreement.about, "mentions": [_mention(m) for m in disagreement.mentions]}


def _mention(mention: Mention) -> dict[str, Any]:
    return {
        "article": mention.article,
        "outlet": mention.outlet,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
    }


def _print_text(articles: list, stories: list[Story], results: list[StoryFacts]) -> None:
    from reader.library import outlet_label, unknown_outlets

    titles = {a.id: a.title for a in articles}
    unknown = unknown_outlets(articles)

    def named(outlet: str) -> str:
        return outlet_label(outlet, unknown)

    for story, result in zip(stories, results, strict=True):
        print_text(f"Story {story.id}: {len(story.articles)} article(s)")
        for article in story.articles:
            print_text(f"  {article}  {titles.get(article) or ''}")
        if result.outlets:
            names = ", ".join(map(named, result.outlets))
            print_text(f"  outlets, in the order of the strips: {names}")
        for fact in result.shared:
            print_text(f"  [{_strip(fact, result)}] {fact.kind}: {shortened(fact.text, 100)}")
        for disagreement in result.disagreements:
            values = " / ".join(
                f"{named(m.outlet)}: {shortened(m.text, 60)}" for m in disagreement.mentions
            )
            print_text(f"  disagree on {disagreement.about}: {values}")
        if result.exclusive:
            print_text(f"  {len(result.exclusive)} fact(s) only one outlet reports")
        print_text()


def _strip(fact: Fact, result: StoryFacts) -> str:
    """Which of the story's outlets report the fact: "■ □ ■" (outlets sorted by name)."""
    return " ".join("■" if o in fact.outlets else "□" for o in result.outlets)
