"""`newsreader fetch [NAME...] [--json]` and `newsreader add URL... [--json]`.

`fetch` fetches every subscribed feed (or the ones named) and each new entry's page into the
library; `add` fetches single pages the same way. On a terminal a progress line shows how far
it got; the summary (or, with `--json`, `{"added", "updated", "failed", "feeds"}`) follows.
The exit status is 0 unless nothing at all could be fetched.
"""

from __future__ import annotations

import argparse

from reader.commands.options import add_library_options
from reader.commands.output import TerminalProgress, fail, print_json
from reader.text import printable


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    fetch = subparsers.add_parser("fetch", help="fetch the feeds' new articles into the library")
    fetch.add_argument("names", nargs="*", metavar="NAME", help="feeds to fetch (default: all)")
    fetch.add_argument("--json", action="store_true", help="print added, updated, failed")
    fetch.set_defaults(func=run_fetch)
    add_library_options(fetch)
    add = subparsers.add_parser("add", help="fetch single pages into the library")
    add.add_argument("urls", nargs="+", metavar="URL")
    add.add_argument("--json", action="store_true", help="print added, updated, failed")
    add.set_defaults(func=run_add)
    add_library_options(add)


def run_fetch(args: argparse.Namespace) -> int:
    from reader import subscriptions
    from reader.paths import library_dir
    from reader.refresh import refresh
    from reader.store import Store

    try:
        chosen = subscriptions.load()
    except subscriptions.SubscriptionsError as error:
        return fail(str(error))
    if args.names:
        picked = [subscriptions.find(chosen, name) for name in args.names]
        unknown = [name for name, found in zip(args.names, picked, strict=True) if not found]
        if unknown:
            return fail(f"no feed named {', '.join(map(repr, unknown))} (newsreader feeds list)", 2)
        chosen = list(dict.fromkeys(p for p in picked if p is not None))
    if not chosen:
        return fail("no feeds to fetch; add one with: newsreader feeds add URL")
    progress = TerminalProgress()
    store = Store(library_dir())
    try:
        report = refresh(chosen, store, progress)
    finally:
        progress.end()
        store.close()
    return _print_report(report, args.json, str(store.root))


def run_add(args: argparse.Namespace) -> int:
    from reader.paths import library_dir
    from reader.refresh import add_pages
    from reader.store import Store

    progress = TerminalProgress()
    store = Store(library_dir())
    try:
        report = add_pages(args.urls, store, progress)
    finally:
        progress.end()
        store.close()
    return _print_report(report, args.json, str(store.root))


def _print_report(report, as_json: bool, library: str) -> int:  # noqa: ANN001
    if as_json:
        print_json(report.as_json(), indent=2)
    else:
        for feed in report.feeds:
            if feed.error:
                print(printable(f"{feed.name}: {feed.status}: {feed.error}"))
        for page in report.of_kind("failed"):
            print(printable(f"{page.url}: {page.error}"))
        added, updated = report.of_kind("added"), report.of_kind("updated")
        failed = len(report.failed_feeds) + len(report.of_kind("failed"))
        print(
            f"{len(added)} added, {len(updated)} updated, {failed} failed"
            + (f" (library: {library})" if added or updated else "")
        )
    worked = [f for f in report.feeds if not f.error] + [
        p for p in report.pages if p.kind != "failed"
    ]
    return 0 if worked or not (report.feeds or report.pages) else 1
