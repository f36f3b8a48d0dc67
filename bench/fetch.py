"""Benchmark `newsreader fetch`: 200 feed entries served from 127.0.0.1, pages from textbench.

    .venv/bin/python bench/fetch.py            # articles a second, and bag-of-words F1
    .venv/bin/python bench/fetch.py --entries 400

A local server serves one RSS feed of N entries; entry i links to textbench page i mod 80
(the original HTML of ../shared/corpora/textbench/NNN.html.gz), each under its own URL, so
the pages beyond the first 80 are syndicated copies the library must recognise by content and
store once. Printed: the whole fetch (feed, pages, extraction, storing) in articles a second;
the same pages fetched alone with the client (what the network part costs), and with the
standard library's urllib in threads for comparison; and the stored
articles' text (as the reader shows it) scored against the `.truth.txt` bodies by
../shared/tools/score-clean (bag of words, macro P/R/F1).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from reader.clean import clean_html  # noqa: E402
from reader.fetcher import Fetcher  # noqa: E402
from reader.refresh import refresh  # noqa: E402
from reader.store import Store, read_sidecar  # noqa: E402
from reader.subscriptions import Subscription  # noqa: E402

from feedserver import FeedServer, Reply, rss  # noqa: E402

SHARED = ROOT.parent / "shared"
TEXTBENCH = SHARED / "corpora" / "textbench"
SCORER = SHARED / "tools" / "score-clean"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200)
    args = parser.parse_args()
    pages = sorted(TEXTBENCH.glob("*.html.gz"))
    if not pages:
        print(f"no pages in {TEXTBENCH}; nothing to measure")
        return 1
    bodies = {path.name.split(".")[0]: gzip.decompress(path.read_bytes()) for path in pages}
    ids = sorted(bodies)
    with FeedServer() as server, tempfile.TemporaryDirectory() as work:
        links = []
        for number in range(args.entries):
            page_id = ids[number % len(ids)]
            path = f"/{number:04d}/{page_id}.html"
            server.route(path, Reply(body=bodies[page_id], headers={"Content-Type": "text/html"}))
            links.append((f"Entry {number}", server.url(path)))
        server.route(
            "/feed.xml", Reply(body=rss(links), headers={"Content-Type": "application/rss+xml"})
        )

        urls = [url for _, url in links]
        started = time.perf_counter()
        asyncio.run(_fetch_only(urls))
        network = time.perf_counter() - started
        started = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(_urllib_get, urls))
        threaded = time.perf_counter() - started

        store = Store(Path(work) / "library")
        started = time.perf_counter()
        report = refresh([Subscription("Bench", server.url("/feed.xml"))], store)
        elapsed = time.perf_counter() - started
        kinds = {
            kind: len(report.of_kind(kind))
            for kind in ("added", "unchanged", "duplicate", "failed")
        }
        print(f"entries: {args.entries} (textbench pages: {len(ids)})  {kinds}")
        print(f"fetch + extract + store: {elapsed:.2f} s, {args.entries / elapsed:.1f} articles/s")
        print(
            f"the pages alone, httpx (2 per host): {network:.2f} s; "
            f"urllib in 8 threads, no per-host bound: {threaded:.2f} s"
        )
        for failed in report.of_kind("failed")[:5]:
            print(f"  failed: {failed.url}: {failed.error}")
        predictions = Path(work) / "pred"
        predictions.mkdir()
        for article in store.articles():
            fetched_from = (read_sidecar(article.path) or {}).get("fetched_from", "")
            page_id = fetched_from.rsplit("/", 1)[-1].split(".")[0]
            text = clean_html(article.path.read_text(encoding="utf-8")).text
            (predictions / f"{page_id}.txt").write_text(text, encoding="utf-8")
        store.close()
        scores = Path(work) / "scores.json"
        subprocess.run(
            [sys.executable, str(SCORER), str(predictions), "--json", str(scores)],
            check=True,
            capture_output=True,
        )
        bow = json.loads(scores.read_text())["bow"]
        print(
            f"stored text vs truth (bag of words, {len(ids)} pages): "
            f"P {bow['P']:.3f}  R {bow['R']:.3f}  F1 {bow['F1']:.3f}"
        )
    return 0


def _urllib_get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=20) as answer:  # noqa: S310 - 127.0.0.1 only
        return answer.read()


async def _fetch_only(urls: list[str]) -> None:
    async with Fetcher() as fetcher:
        await asyncio.gather(*(fetcher.get(url) for url in urls))


if __name__ == "__main__":
    raise SystemExit(main())
