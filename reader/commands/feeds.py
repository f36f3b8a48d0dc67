"""`newsreader feeds add|import|export|list|remove`: the feeds you subscribe to.

`feeds add URL [--name NAME]` takes a feed's URL, or a site's page that names its feed with
`<link rel="alternate">`; it fetches it once to check. `feeds import FILE.opml` adds every
feed of an OPML file, `feeds export` prints OPML, `feeds list [--json]` shows each feed's
last fetch, status and article count, `feeds remove NAME|URL` unsubscribes (stored articles
stay in the library).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from reader.commands.options import add_library_options
from reader.commands.output import fail
from reader.text import printable


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("feeds", help="add, import, export, list or remove feeds")
    actions = parser.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="subscribe to a feed (or the feed a page names)")
    add.add_argument("url", metavar="URL")
    add.add_argument("--name", metavar="NAME", help="the name to show (default: the feed's)")
    add.set_defaults(func=run_add)
    add_library_options(add)
    opml = actions.add_parser("import", help="subscribe to every feed of an OPML file")
    opml.add_argument("file", type=Path, metavar="FILE.opml")
    opml.set_defaults(func=run_import)
    add_library_options(opml)
    export = actions.add_parser("export", help="print the feeds as OPML")
    export.set_defaults(func=run_export)
    add_library_options(export)
    listing = actions.add_parser("list", help="each feed: last fetch, status, articles")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)
    add_library_options(listing)
    remove = actions.add_parser("remove", help="unsubscribe (stored articles stay)")
    remove.add_argument("feed", metavar="NAME|URL")
    remove.set_defaults(func=run_remove)
    add_library_options(remove)


def run_add(args: argparse.Namespace) -> int:
    from reader import subscriptions
    from reader.discovery import FeedNotFound, find_feed
    from reader.urls import is_fetchable

    url = args.url.strip()
    if not is_fetchable(url):
        return fail(f"{url}: not a web address; only http and https feeds can be added")
    try:
        feed_url, title = asyncio.run(find_feed(url))
    except FeedNotFound as error:
        return fail(f"cannot add {url}: {error}")
    name = (args.name or "").strip() or title or subscriptions.default_name(feed_url)
    try:
        added, skipped = subscriptions.add([subscriptions.Subscription(name, feed_url)])
    except (subscriptions.SubscriptionsError, OSError) as error:
        return fail(str(error))
    if skipped:
        print(f"Already subscribed: {printable(feed_url)}")
        return 0
    print(f"Added {printable(added[0].name)}: {printable(feed_url)}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from reader import subscriptions
    from reader.opml import OpmlError, read_opml

    try:
        found = read_opml(args.file)
        added, skipped = subscriptions.add(found)
    except (OpmlError, subscriptions.SubscriptionsError, OSError) as error:
        return fail(str(error))
    print(
        f"Imported {len(added)} feed{'s' if len(added) != 1 else ''}"
        + (f" ({len(skipped)} already subscribed)" if skipped else "")
        + f" from {args.file}"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from reader import subscriptions
    from reader.opml import write_opml

    try:
        sys.stdout.write(write_opml(subscriptions.load()))
    except subscriptions.SubscriptionsError as error:
        return fail(str(error))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from reader.feed_status import feed_rows
    from reader.subscriptions import SubscriptionsError

    try:
        rows = feed_rows()
    except (SubscriptionsError, OSError) as error:
        return fail(str(error))
    if args.json:
        json.dump([row.__dict__ for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print("No feeds yet: newsreader feeds add URL")
        return 0
    for row in rows:
        print(printable(f"{row.name}  {row.url}"))
        when = f"{row.last_fetch} · {row.status}" if row.last_fetch else "never fetched"
        detail = f"  {when} · {row.articles} article"
        print(detail + ("" if row.articles == 1 else "s"))
        if row.error:
            print(printable(f"  {row.error}"))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from reader import subscriptions
    from reader.paths import library_dir
    from reader.store import Store

    try:
        removed = subscriptions.remove(args.feed)
    except (subscriptions.SubscriptionsError, OSError) as error:
        return fail(str(error))
    if removed is None:
        return fail(f"no feed named {args.feed!r} (see newsreader feeds list)")
    store = Store(library_dir())
    store.forget_feed(removed.url)
    store.close()
    print(f"Removed {printable(removed.name)}; its articles stay in the library")
    return 0
