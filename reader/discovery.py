"""From a URL a reader pastes to the feed to subscribe to: the URL itself when it is a feed,
else the first feed its page names with `<link rel="alternate">`."""

from __future__ import annotations

from reader.feeds import FeedError, discover_feeds, looks_like_html, parse_feed
from reader.fetcher import Fetcher, FetchError
from reader.pages import decode

_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, */*;q=0.5"


class FeedNotFound(Exception):
    """No feed at that URL nor named by its page; the message says why."""


async def find_feed(url: str, fetcher: Fetcher | None = None) -> tuple[str, str]:
    """(feed URL, feed title). Raises FeedNotFound."""
    async with fetcher or Fetcher() as client:
        try:
            response = await client.get(url, accept=_FEED_ACCEPT)
        except FetchError as error:
            raise FeedNotFound(str(error)) from error
        if not looks_like_html(response.body):
            try:
                return url, parse_feed(response.body, response.url, response.headers).title
            except FeedError as error:
                raise FeedNotFound(str(error)) from error
        text, _ = decode(response.body, response.headers.get("content-type", ""))
        named = discover_feeds(text, response.url)
        if not named:
            raise FeedNotFound("a web page that names no feed (no <link rel=alternate>)")
        problems = []
        for feed_url, _title in named[:3]:
            try:
                answer = await client.get(feed_url, accept=_FEED_ACCEPT)
                return feed_url, parse_feed(answer.body, answer.url, answer.headers).title
            except (FetchError, FeedError) as error:
                problems.append(f"{feed_url}: {error}")
        raise FeedNotFound("the feeds the page names do not work: " + "; ".join(problems))
