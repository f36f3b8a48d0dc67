"""Bring the news in: fetch feeds, then each new entry's page, and store the articles.

`refresh(subscriptions, store)` and `add_pages(urls, store)` run one polite `Fetcher` over
everything at once (bounded per host and in all) and report, feed by feed and page by page,
what was added, updated and what failed and why. A feed that fails never stops the others.
Progress is reported as `progress(stage, done, total)`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from reader.feeds import Entry, FeedError, discover_feeds, looks_like_html, parse_feed
from reader.fetcher import Fetcher, FetchError, Response
from reader.pages import PageError, decode, extract, refuse_non_pages
from reader.store import FeedState, Store, now_iso
from reader.subscriptions import Subscription
from reader.urls import canonical_url

Progress = Callable[[str, int, int], None]
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json,"
    " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_FRESH_SECONDS = 86_400
"""A Cache-Control max-age longer than a day is taken as a day."""
MAX_ENTRIES_PER_FEED = 500
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _no_progress(stage: str, done: int, total: int) -> None:
    """Report nothing."""


@dataclass(frozen=True)
class PageOutcome:
    """One page: `kind` added, updated, unchanged, duplicate or failed."""

    kind: str
    url: str
    feed: str | None = None
    path: str | None = None
    title: str | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {k: v for k, v in self.__dict__.items() if v is not None and k != "kind"}


@dataclass(frozen=True)
class FeedOutcome:
    """One feed: its status in words (ok, not modified, not due, failed, gone, rate limited)."""

    name: str
    url: str
    status: str
    error: str | None = None
    entries: int = 0
    new_entries: int = 0


@dataclass
class Report:
    feeds: list[FeedOutcome] = field(default_factory=list)
    pages: list[PageOutcome] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[PageOutcome]:
        return [page for page in self.pages if page.kind == kind]

    @property
    def failed_feeds(self) -> list[FeedOutcome]:
        return [feed for feed in self.feeds if feed.error]

    def as_json(self) -> dict:
        return {
            "added": [p.as_dict() for p in self.of_kind("added")],
            "updated": [p.as_dict() for p in self.of_kind("updated")],
            "failed": [
                *({"feed": f.name, "url": f.url, "error": f.error} for f in self.failed_feeds),
                *(p.as_dict() for p in self.of_kind("failed")),
            ],
            "feeds": [f.__dict__ for f in self.feeds],
        }


@dataclass(frozen=True)
class _PageJob:
    url: str
    feed: Subscription | None
    entry: Entry | None


class _Counter:
    def __init__(self, progress: Progress, stage: str, total: int) -> None:
        self.progress, self.stage, self.total, self.done = progress, stage, total, 0
        progress(stage, 0, total)

    def step(self) -> None:
        self.done += 1
        self.progress(self.stage, self.done, self.total)


def refresh(
    subscriptions: Sequence[Subscription],
    store: Store,
    progress: Progress = _no_progress,
    fetcher: Fetcher | None = None,
) -> Report:
    """Fetch `subscriptions` and their new entries' pages into `store` (blocking)."""
    return asyncio.run(_refresh(subscriptions, store, progress, fetcher or Fetcher()))


def add_pages(
    urls: Iterable[str],
    store: Store,
    progress: Progress = _no_progress,
    fetcher: Fetcher | None = None,
) -> Report:
    """Fetch single pages into `store` (blocking); a page already stored is asked for again
    (conditionally) and kept as a new version if its text changed."""
    jobs = [_PageJob(url.strip(), None, None) for url in urls]
    return asyncio.run(_pages_only(jobs, store, progress, fetcher or Fetcher()))


async def _pages_only(
    jobs: list[_PageJob], store: Store, progress: Progress, fetcher: Fetcher
) -> Report:
    report = Report()
    async with fetcher:
        await _fetch_pages(jobs, store, fetcher, report, progress)
    return report


async def _refresh(
    subscriptions: Sequence[Subscription], store: Store, progress: Progress, fetcher: Fetcher
) -> Report:
    report = Report()
    async with fetcher:
        counter = _Counter(progress, "Fetching feeds", len(subscriptions))

        validators: dict[str, FeedState] = {}

        async def one(subscription: Subscription) -> list[_PageJob]:
            try:
                outcome, jobs, done = await _fetch_feed(subscription, store, fetcher)
            finally:
                counter.step()
            report.feeds.append(outcome)
            if done is not None:
                validators[subscription.url] = done
            return jobs

        found = await asyncio.gather(*(one(s) for s in subscriptions))
        order = {s.url: i for i, s in enumerate(subscriptions)}
        report.feeds.sort(key=lambda outcome: order.get(outcome.url, 0))
        jobs = [job for jobs in found for job in jobs]
        await _fetch_pages(jobs, store, fetcher, report, progress)
        failed = {page.feed for page in report.of_kind("failed")}
        for url, state in validators.items():
            if url not in failed:
                store.record_feed(state)
    return report


async def _fetch_feed(
    subscription: Subscription, store: Store, fetcher: Fetcher
) -> tuple[FeedOutcome, list[_PageJob], FeedState | None]:
    """The feed's outcome, the pages to fetch, and the state to record once they all were
    fetched: its ETag, Last-Modified and max-age count only then, so a fetch killed (or a
    page failing) half-way reads the whole feed again next time, and nothing is missed."""
    state = store.feed_state(subscription.url)
    now = time.time()
    skipped = _not_due(state, now)
    if skipped:
        return FeedOutcome(subscription.name, subscription.url, *skipped), [], None
    state = replace(state, last_fetch=now_iso())
    try:
        response = await fetcher.get(
            subscription.url,
            etag=state.etag,
            last_modified=state.last_modified,
            accept=FEED_ACCEPT,
        )
    except FetchError as error:
        return _feed_failed(store, subscription, state, error), [], None
    fresh_until = now + min(response.max_age or 0, MAX_FRESH_SECONDS)
    if response.not_modified:
        store.record_feed(
            replace(
                state,
                status="not modified",
                error=None,
                last_success=state.last_fetch,
                fresh_until=fresh_until,
                retry_at=0,
            )
        )
        return FeedOutcome(subscription.name, subscription.url, "not modified"), [], None
    try:
        feed = parse_feed(response.body, response.url, response.headers)
    except FeedError as error:
        message = str(error) + _feed_hint(response)
        store.record_feed(
            replace(state, status="failed", error=message, etag=None, last_modified=None)
        )
        return FeedOutcome(subscription.name, subscription.url, "failed", message), [], None
    entries = feed.entries[:MAX_ENTRIES_PER_FEED]
    jobs = [
        _PageJob(entry.link, subscription, entry)
        for entry in entries
        if _entry_is_new(store, entry)
    ]
    fetched = replace(
        state, status="ok", error=None, last_success=state.last_fetch, retry_at=0, gone=False
    )
    store.record_feed(replace(fetched, etag=None, last_modified=None, fresh_until=0))
    done = replace(
        fetched,
        etag=response.etag,
        last_modified=response.last_modified,
        fresh_until=fresh_until,
    )
    outcome = FeedOutcome(subscription.name, subscription.url, "ok", None, len(entries), len(jobs))
    return outcome, jobs, done


def _not_due(state: FeedState, now: float) -> tuple[str, str | None] | None:
    if state.gone:
        return "gone", state.error or "the site said this feed is gone (410)"
    if state.retry_at > now:
        return "rate limited", f"the server asked to wait until {_clock(state.retry_at)}"
    if state.fresh_until > now:
        return "not due", None
    return None


def _feed_failed(
    store: Store, subscription: Subscription, state: FeedState, error: FetchError
) -> FeedOutcome:
    status = {"gone": "gone", "rate_limited": "rate limited"}.get(error.kind, "failed")
    store.record_feed(
        replace(
            state,
            status=status,
            error=str(error),
            gone=error.kind == "gone",
            retry_at=error.retry_at or 0,
        )
    )
    return FeedOutcome(subscription.name, subscription.url, status, str(error))


def _feed_hint(response: Response) -> str:
    if not looks_like_html(response.body):
        return ""
    text, _ = decode(response.body, response.headers.get("content-type", ""))
    found = discover_feeds(text, response.url)
    return f"; the page names a feed at {found[0][0]}" if found else ""


def _entry_is_new(store: Store, entry: Entry) -> bool:
    known = store.link(canonical_url(entry.link))
    return known is None or known[1] != entry.stamp


async def _fetch_pages(
    jobs: list[_PageJob], store: Store, fetcher: Fetcher, report: Report, progress: Progress
) -> None:
    unique: dict[str, _PageJob] = {}
    for job in jobs:
        unique.setdefault(canonical_url(job.url), job)
    counter = _Counter(progress, "Fetching articles", len(unique))

    async def one(job: _PageJob) -> None:
        try:
            report.pages.append(await _fetch_page(job, store, fetcher))
        finally:
            counter.step()

    await asyncio.gather(*(one(job) for job in unique.values()))


async def _fetch_page(job: _PageJob, store: Store, fetcher: Fetcher) -> PageOutcome:
    feed_url = job.feed.url if job.feed else None
    link = canonical_url(job.url)
    known = store.link(link)
    stored = known[0] if known else store.by_canonical(link)
    try:
        response = await fetcher.get(
            job.url,
            etag=stored.etag if stored else None,
            last_modified=stored.last_modified if stored else None,
            accept=PAGE_ACCEPT,
        )
        if response.not_modified and stored is not None:
            store.remember_link(link, stored.path, _stamp(job))
            return PageOutcome("unchanged", job.url, feed_url, str(stored.path))
        refuse_non_pages(response.body, response.content_type)
        html, encoding = decode(response.body, response.headers.get("content-type", ""))
        page = await asyncio.to_thread(extract, html, response.url, encoding)
        if not page.text.strip():
            raise PageError("no article text found on the page")
        published = job.entry.published if job.entry else None
        if page.date is None and published and ISO_DATE.match(published):
            page = replace(page, date=published[:10])
        saved = store.save(
            page,
            feed=feed_url,
            feed_name=job.feed.name if job.feed else None,
            etag=response.etag,
            last_modified=response.last_modified,
        )
    except (FetchError, PageError) as error:
        return PageOutcome("failed", job.url, feed_url, error=str(error))
    except OSError as error:
        return PageOutcome("failed", job.url, feed_url, error=f"cannot save: {error}")
    store.remember_link(link, saved.path, _stamp(job))
    return PageOutcome(saved.kind, page.canonical, feed_url, str(saved.path), page.title)


def _stamp(job: _PageJob) -> str:
    return job.entry.stamp if job.entry else ""


def _clock(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch).strftime("%H:%M")
