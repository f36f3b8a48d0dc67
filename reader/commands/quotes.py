"""`newsreader quotes PATH... [--json]` and `newsreader diff PATH... --cluster ID`.

Articles are cleaned, grouped into stories (`reader.stories`), and the quotes of each story
clustered; cluster ids (c1, c2, ...) run across stories in library order, so `diff --cluster`
given the same paths finds the cluster that `quotes` printed.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reader.align import MARKS, side_by_side
from reader.commands.output import fail, print_json, print_text
from reader.quote_groups import ClusterGroups, given_differently
from reader.quotes import Quote, QuoteCluster
from reader.text import printable, shortened

SNIPPET_LENGTH = 110


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the `quotes` and `diff` subcommands to the top-level CLI."""
    quotes = subparsers.add_parser("quotes", help="list the quotes of the articles, by cluster")
    quotes.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    quotes.add_argument("--json", action="store_true", help="print quotes and clusters as JSON")
    quotes.set_defaults(func=run_quotes)

    diff = subparsers.add_parser("diff", help="show two versions of a quote side by side")
    diff.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    diff.add_argument("--cluster", required=True, metavar="ID", help="cluster id from `quotes`")
    diff.add_argument("--left", metavar="OUTLET", help="outlet of the left version")
    diff.add_argument("--right", metavar="OUTLET", help="outlet of the right version")
    diff.add_argument("--width", type=int, help="line width (default: the terminal's)")
    diff.set_defaults(func=run_diff)


def analyse(paths: Sequence[Path]) -> tuple[list[Quote], list[QuoteCluster]] | None:
    """All quotes of the articles at `paths`, and their clusters story by story, from the
    same analysis as the app's.

    None (after a message on stderr) when no article could be read.
    """
    from reader.commands.loading import analyse as analyse_library
    from reader.commands.loading import open_workspace

    workspace = open_workspace(paths)
    if workspace is None:
        return None
    analysis = analyse_library(workspace)
    clusters = [c for story in analysis.stories for c in analysis.quotes.get(story.id, ())]
    clusters.sort(key=lambda c: -len(c.outlets) if len(c.quotes) > 1 else 0)
    clusters = [replace(c, id=f"c{n}") for n, c in enumerate(clusters, start=1)]
    order = {article.id: n for n, article in enumerate(workspace.articles)}
    quotes = sorted(
        (q for c in clusters for q in c.quotes), key=lambda q: (order[q.article], q.start)
    )
    return quotes, clusters


def run_quotes(args: argparse.Namespace) -> int:
    result = analyse(args.paths)
    if result is None:
        return 1
    quotes, clusters = result
    if args.json:
        print_json(_as_json(quotes, clusters), indent=2)
    else:
        _print_clusters(clusters)
    return 0


def _as_json(quotes: Sequence[Quote], clusters: Sequence[QuoteCluster]) -> dict:
    fields = ("id", "article", "outlet", "speaker", "text", "start", "end", "fragment")
    return {
        "quotes": [{**{f: getattr(q, f) for f in fields}, "role": q.speaker_role} for q in quotes],
        "clusters": [
            {
                "id": c.id,
                "speaker": c.speaker,
                "role": c.speaker_role,
                "quotes": [q.id for q in c.quotes],
                "spans": [{"quote": q.id, "start": q.start, "end": q.end} for q in c.quotes],
                "fidelity": {
                    "outlets": c.fidelity.outlets,
                    "worded_differently": list(c.fidelity.differing),
                },
            }
            for c in clusters
        ],
        "given_differently": given_differently(clusters),
    }


def _print_clusters(clusters: Sequence[QuoteCluster]) -> None:
    """Clusters grouped as the quote view lists them: across outlets, one outlet, fragments."""
    groups = ClusterGroups.of(clusters)
    sections = (
        ("Quotes in more than one outlet:", groups.shared),
        ("Single-outlet quotes:", groups.single),
        ("Scare quotes and fragments:", groups.fragments),
    )
    for heading, listed in sections:
        if listed:
            print_text(heading)
        for cluster in listed:
            _print_cluster(cluster)
    _print_given_differently(clusters)


def _print_cluster(cluster: QuoteCluster) -> None:
    if len(cluster.outlets) > 1:
        differing = cluster.fidelity.differing
        print_text(
            f"{cluster.id}  {_who(cluster.speaker, cluster.speaker_role)}  "
            f"{len(cluster.outlets)} outlets, {cluster.fidelity.describe()}"
        )
        for quote in cluster.quotes:
            mark = "≠ " if quote.outlet in differing else "  "
            print_text(f"  {mark}{printable(quote.outlet)}: “{_snippet(quote.text)}”")
        return
    quote = cluster.quotes[0]
    mark = " (fragment)" if quote.fragment else ""
    print_text(
        f"{cluster.id}  {_who(quote.speaker, quote.speaker_role)}  {printable(quote.outlet)}{mark}"
    )
    print_text(f"    “{_snippet(quote.text)}”")


def _who(speaker: str | None, role: str | None) -> str:
    if not speaker:
        return "(unknown speaker)"
    return printable(f"{speaker} ({role})" if role else speaker)


def _print_given_differently(clusters: Sequence[QuoteCluster]) -> None:
    counts = given_differently(clusters)
    if counts:
        listed = ", ".join(f"{printable(outlet)} {n}" for outlet, n in counts.items())
        print_text(f"Quotes worded differently from the other outlets: {listed}")


def _snippet(text: str) -> str:
    flat = printable(" ".join(text.split()))
    return shortened(flat, SNIPPET_LENGTH)


def run_diff(args: argparse.Namespace) -> int:
    result = analyse(args.paths)
    if result is None:
        return 1
    cluster = next((c for c in result[1] if c.id == args.cluster), None)
    if cluster is None:
        return fail(f"no quote cluster {args.cluster!r}")
    pair = _pick_pair(cluster, args.left, args.right)
    if isinstance(pair, str):
        return fail(pair)
    left, right = pair
    width = args.width or shutil.get_terminal_size((100, 24)).columns
    print_text(f"{cluster.id}  {cluster.speaker or '(unknown speaker)'}")
    print_text(f"left:  {left.outlet} ({left.article})")
    print_text(f"right: {right.outlet} ({right.article})")
    legend = ", ".join(f"{o}{kind}{c}" for kind, (o, c) in MARKS.items())
    print_text(f"marks: {legend}")
    print_text()
    for row in side_by_side(left.text, right.text, width):
        print_text(row)
    return 0


def _pick_pair(
    cluster: QuoteCluster, left: str | None, right: str | None
) -> tuple[Quote, Quote] | str:
    """The two versions to compare: the named outlets, else the first two of the cluster."""
    if len(cluster.quotes) < 2:
        return f"cluster {cluster.id} has one version only"
    chosen: list[Quote] = []
    for outlet in (left, right):
        if outlet is None:
            continue
        found = [
            q for q in cluster.quotes if q.outlet.lower() == outlet.lower() and q not in chosen
        ]
        if not found:
            outlets = ", ".join(cluster.outlets)
            return f"no version from {outlet!r} in cluster {cluster.id} (outlets: {outlets})"
        chosen.append(found[0])
    rest = [q for q in cluster.quotes if q not in chosen]
    if left is None:
        chosen.insert(0, rest.pop(0))
    if right is None:
        chosen.append(rest[0])
    return chosen[0], chosen[1]
