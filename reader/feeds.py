"""Feeds parsed into entries: RSS 0.9x/1.0 (RDF)/2.0 and Atom with feedparser, JSON Feed
with `json` (feedparser does not read it), and a site's page searched for the feed it names.

XML that declares entities is refused before parsing (no "billion laughs", no external
entities): a news feed has no use for them.
"""

from __future__ import annotations

import contextlib
import json
import re
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
)
_JSON_FEED_VERSION = re.compile(r"^https?://jsonfeed\.org/version/")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)


class FeedError(Exception):
    """A body that is not a feed newsreader can read; the message says what it is instead."""


@dataclass(frozen=True)
class Entry:
    """One item of a feed: the link to its page, and what the feed says about it."""

    link: str
    title: str
    published: str | None
    updated: str | None
    author: str | None
    entry_id: str

    @property
    def stamp(self) -> str:
        """What changes when the feed says the entry changed."""
        return self.updated or self.published or ""


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str | None
    entries: tuple[Entry, ...]
    kind: str


def parse_feed(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed:
    """The feed in `body` (fetched from `url`). Raises FeedError."""
    headers = headers or {}
    start = body.lstrip()[:1]
    if start in (b"{", b"["):
        return _json_feed(body, url)
    if _LOOKS_LIKE_HTML.match(body[:4096]):
        raise FeedError("this is a web page (HTML), not a feed")
    _refuse_entities(body)
    parsed = feedparser.parse(body, response_headers={**headers, "content-location": url})
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        detail = f": {_first_line(reason)}" if reason else ""
        raise FeedError(f"not a feed newsreader can read (malformed XML{detail})")
    with warnings.catch_warnings():  # feedparser warns about its own updated_parsed fallback
        warnings.simplefilter("ignore", DeprecationWarning)
        entries = tuple(_rss_entry(item, url) for item in parsed.entries)
    if parsed.get("bozo") and not any(entries):
        reason = _first_line(parsed.get("bozo_exception") or "broken markup")
        raise FeedError(f"not a feed newsreader can read (malformed XML: {reason})")
    feed = parsed.feed
    return ParsedFeed(
        title=_clean(feed.get("title")) or url,
        link=feed.get("link"),
        entries=tuple(entry for entry in entries if entry is not None),
        kind=parsed.version,
    )


def _refuse_entities(body: bytes) -> None:
    if _ENTITY_DECLARATION.search(body[:65_536]):
        raise FeedError("the feed declares XML entities, which newsreader refuses to expand")
    try:
        defusedxml.ElementTree.fromstring(body, forbid_dtd=False)
    except DefusedXmlException as error:
        raise FeedError(f"the feed declares XML entities, refused ({error})") from error
    except Exception:  # noqa: BLE001 - malformed XML: feedparser's lenient parser decides
        return


def _rss_entry(item: feedparser.FeedParserDict, base: str) -> Entry | None:
    link = item.get("link") or _alternate(item)
    if not link:
        guid = item.get("id", "")
        link = guid if guid.startswith(("http://", "https://")) else ""
    if not link:
        return None
    link = urljoin(base, link.strip())
    return Entry(
        link=link,
        title=_clean(item.get("title")) or link,
        published=_iso(item.get("published_parsed")) or item.get("published"),
        updated=_iso(item.get("updated_parsed")) or item.get("updated"),
        author=_clean(item.get("author")),
        entry_id=item.get("id") or link,
    )


def _alternate(item: feedparser.FeedParserDict) -> str | None:
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise FeedError(f"not a feed: broken JSON ({_first_line(error)})") from error
    if not isinstance(data, dict) or not _JSON_FEED_VERSION.match(str(data.get("version", ""))):
        raise FeedError("JSON, but not a JSON Feed (no jsonfeed.org version)")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError("a JSON Feed without an items list")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if not isinstance(link, str) or not link.strip():
            continue
        link = urljoin(url, link.strip())
        author = item.get("author") or next(iter(item.get("authors") or []), None)
        entries.append(
            Entry(
                link=link,
                title=_clean(_string(item.get("title"))) or link,
                published=_string(item.get("date_published")),
                updated=_string(item.get("date_modified")),
                author=_clean(_string(author.get("name"))) if isinstance(author, dict) else None,
                entry_id=_string(item.get("id")) or link,
            )
        )
    return ParsedFeed(
        title=_clean(_string(data.get("title"))) or url,
        link=_string(data.get("home_page_url")),
        entries=tuple(entries),
        kind="json" + str(data["version"]).rsplit("/", 1)[-1],
    )


class _AlternateLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in _FEED_TYPES and values.get("href"):
            self.found.append((values["href"], values.get("title", "")))


def discover_feeds(html: str, base: str) -> list[tuple[str, str]]:
    """The feeds a page names with `<link rel="alternate" type="application/rss+xml" ...>`,
    as (absolute URL, title), in page order."""
    finder = _AlternateLinks()
    with contextlib.suppress(AssertionError, ValueError):
        finder.feed(html[:1_000_000])
    return [(urljoin(base, href.strip()), title) for href, title in finder.found]


def looks_like_html(body: bytes) -> bool:
    return bool(_LOOKS_LIKE_HTML.match(body[:4096]))


def _iso(parsed: object) -> str | None:
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = tuple(parsed)[:6]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ", value).split())
    return text or None


def _first_line(error: object) -> str:
    text = str(error).strip()
    if not text:
        return type(error).__name__
    text = re.sub(r"^<unknown>:(\d+):(\d+):\s*", r"line \1, column \2: ", text)
    return text.splitlines()[0][:160]
