"""`R` in the app: fetch every feed into the library, then read the grown library again.

Runs in a worker thread; the screen shows `progress` and swaps in the new library when done
(the analysis then takes unchanged files from the index cache, so only what is new is
worked on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader import subscriptions
from reader.library import Library, load_library
from reader.paths import library_dir, seeds_dir
from reader.refresh import Report, refresh
from reader.store import Store


@dataclass(frozen=True)
class Refreshed:
    report: Report
    library: Library
    paths: list[Path]


def paths_after_fetch(paths: Sequence[Path]) -> list[Path]:
    """The folders to show once articles were fetched: the library joins them, and the
    bundled seeds (shown only while there was nothing else) leave."""
    library = library_dir()
    kept = [p for p in paths if Path(p).resolve() != seeds_dir().resolve()]
    if not any(Path(p).resolve() == library.resolve() for p in kept):
        kept.insert(0, library)
    return kept


def fetch_and_reload(paths: Sequence[Path], progress: Callable[[str, int, int], None]) -> Refreshed:
    """Raises SubscriptionsError when the feeds file cannot be used."""
    feeds = subscriptions.load()
    store = Store(library_dir())
    try:
        report = refresh(feeds, store, progress) if feeds else Report()
    finally:
        store.close()
    new_paths = paths_after_fetch(paths)
    progress("Reading the library", 0, 1)
    return Refreshed(report, load_library(new_paths), new_paths)


def summary(report: Report) -> str:
    added, updated = len(report.of_kind("added")), len(report.of_kind("updated"))
    failed = len(report.failed_feeds) + len(report.of_kind("failed"))
    words = [f"{added} new", f"{updated} updated"]
    if failed:
        words.append(f"{failed} failed (F shows the feeds)")
    return "Fetched: " + ", ".join(words) + "."
