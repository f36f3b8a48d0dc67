"""Fetching feeds and pages into the library, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.fetcher import Fetcher
from reader.refresh import add_pages, refresh
from reader.store import Store, read_sidecar
from reader.subscriptions import Subscription

from feedserver import FeedServer, Reply, Request, article_html, rss

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}
STORY = (
    "The city council voted on Tuesday to approve a new bridge across the river after "
    "months of debate among residents, engineers and the regional transport authority."
)


def paragraphs(topic: str) -> list[str]:
    return [
        f"{topic}: {STORY}",
        f"Officials said construction of the {topic} would begin in the spring and take two "
        "years, with the first lanes open to traffic before the end of the following summer.",
        f"Residents who opposed the {topic} said they would keep campaigning against it.",
    ]


def page(topic: str, **kwargs: str) -> Reply:
    return Reply(
        body=article_html(topic.title(), paragraphs(topic), **kwargs).encode(), headers=HTML
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "library")
    yield opened
    opened.close()


def quick() -> Fetcher:
    return Fetcher(timeout=1.0, deadline=5.0, max_retry_wait=2.0)


def publish(server: FeedServer, path: str, topics: list[str], **feed_headers: str) -> str:
    items = []
    for topic in topics:
        page_path = f"/{topic.replace(' ', '-')}.html"
        server.route(page_path, page(topic))
        items.append((topic.title(), server.url(page_path)))
    server.route(path, Reply(body=rss(items), headers={**RSS, **feed_headers}))
    return server.url(path)


def stored_texts(store: Store) -> list[str]:
    return sorted(article.path.name for article in store.articles())


# The formats ----------------------------------------------------------------------------

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>Harbour plan</title><link rel="alternate" href="{link}"/><id>tag:a,1</id>
<updated>2026-11-30T08:00:00Z</updated></entry></feed>"""
RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://x/"><title>RDF Times</title><link>http://x/</link></channel>
<item rdf:about="{link}"><title>Harbour plan</title><link>{link}</link></item></rdf:RDF>"""
JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON Times",
    "items": [{"id": "1", "url": "{link}", "title": "Harbour plan", "authors": [{"name": "A"}]}],
}


@pytest.mark.parametrize("kind", ["rss", "atom", "rdf", "json"])
def test_each_feed_format_brings_its_article_in(
    server: FeedServer, store: Store, kind: str
) -> None:
    server.route("/harbour.html", page("harbour plan"))
    link = server.url("/harbour.html")
    bodies = {
        "rss": rss([("Harbour plan", link)]),
        "atom": ATOM.format(link=link).encode(),
        "rdf": RDF.format(link=link).encode(),
        "json": json.dumps(JSON_FEED).replace("{link}", link).encode(),
    }
    server.route("/feed", Reply(body=bodies[kind]))
    report = refresh([Subscription("Times", server.url("/feed"))], store, fetcher=quick())
    assert [p.kind for p in report.pages] == ["added"], report
    (article,) = store.articles()
    assert "harbour plan" in article.path.read_text(encoding="utf-8").lower()
    assert read_sidecar(article.path)["feed"] == server.url("/feed")


# Politeness -----------------------------------------------------------------------------


def test_etag_and_last_modified_round_trip_adds_nothing_the_second_time(
    server: FeedServer, store: Store
) -> None:
    items = []
    for topic in ("bridge", "tunnel"):
        body = article_html(topic.title(), paragraphs(topic)).encode()

        def conditional(request: Request, body: bytes = body, tag: str = f'"{topic}-1"') -> Reply:
            if request.headers.get("if-none-match") == tag:
                return Reply(304, headers={"ETag": tag})
            return Reply(body=body, headers={**HTML, "ETag": tag})

        server.route(f"/{topic}.html", conditional)
        items.append((topic, server.url(f"/{topic}.html")))
    feed = rss(items)
    stamp = "Mon, 30 Nov 2026 08:00:00 GMT"

    def feed_route(request: Request) -> Reply:
        if request.headers.get("if-modified-since") == stamp:
            return Reply(304)
        return Reply(body=feed, headers={**RSS, "Last-Modified": stamp})

    server.route("/feed.xml", feed_route)
    subscription = Subscription("Local", server.url("/feed.xml"))
    first = refresh([subscription], store, fetcher=quick())
    assert len(first.of_kind("added")) == 2
    before = len(server.requests)
    second = refresh([subscription], store, fetcher=quick())
    assert second.feeds[0].status == "not modified"
    assert second.pages == [] and len(store.articles()) == 2
    assert server.paths_requested()[before:] == ["/feed.xml"]
    assert server.requests[-1].headers["if-modified-since"] == stamp


def test_pages_asked_again_send_their_etag_and_304_keeps_the_article(
    server: FeedServer, store: Store
) -> None:
    body = article_html("Bridge", paragraphs("bridge")).encode()
    server.route(
        "/a.html",
        lambda r: (
            Reply(304)
            if r.headers.get("if-none-match") == '"x"'
            else Reply(body=body, headers={**HTML, "ETag": '"x"'})
        ),
    )
    url = server.url("/a.html")
    assert add_pages([url], store, fetcher=quick()).of_kind("added")
    again = add_pages([url], store, fetcher=quick())
    assert [p.kind for p in again.pages] == ["unchanged"]
    assert server.requests[-1].headers["if-none-match"] == '"x"'


def test_cache_control_max_age_skips_the_feed_until_it_is_due(
    server: FeedServer, store: Store
) -> None:
    url = publish(server, "/feed.xml", ["bridge"], **{"Cache-Control": "max-age=600"})
    refresh([Subscription("Local", url)], store, fetcher=quick())
    before = len(server.requests)
    report = refresh([Subscription("Local", url)], store, fetcher=quick())
    assert report.feeds[0].status == "not due"
    assert len(server.requests) == before


def test_user_agent_names_newsreader(server: FeedServer, store: Store) -> None:
    url = publish(server, "/feed.xml", ["bridge"])
    refresh([Subscription("Local", url)], store, fetcher=quick())
    assert all("newsreader" in r.headers["user-agent"] for r in server.requests)


def test_at_most_two_requests_at_a_time_to_one_host(server: FeedServer, store: Store) -> None:
    topics = [f"bridge {n}" for n in range(8)]
    url = publish(server, "/feed.xml", topics)
    for topic in topics:
        server.routes[f"/{topic.replace(' ', '-')}.html"].delay = 0.15
    report = refresh([Subscription("Local", url)], store, fetcher=quick())
    assert len(report.of_kind("added")) == 8
    assert server.peak_in_flight == 2


def test_429_with_a_short_retry_after_is_waited_out_and_retried(
    server: FeedServer, store: Store
) -> None:
    body = article_html("Bridge", paragraphs("bridge")).encode()
    answers = iter([Reply(429, headers={"Retry-After": "1"}), Reply(body=body, headers=HTML)])
    server.route("/a.html", lambda request: next(answers))
    report = add_pages([server.url("/a.html")], store, fetcher=quick())
    assert [p.kind for p in report.pages] == ["added"]
    assert server.paths_requested() == ["/a.html", "/a.html"]


def test_429_with_a_long_retry_after_leaves_the_feed_alone_until_then(
    server: FeedServer, store: Store
) -> None:
    server.route("/feed.xml", Reply(429, headers={"Retry-After": "3600"}))
    subscription = Subscription("Busy", server.url("/feed.xml"))
    first = refresh([subscription], store, fetcher=quick())
    assert first.feeds[0].status == "rate limited"
    assert "wait until" in first.feeds[0].error
    second = refresh([subscription], store, fetcher=quick())
    assert second.feeds[0].status == "rate limited"
    assert server.paths_requested() == ["/feed.xml"]


def test_five_redirects_are_followed_and_a_sixth_is_refused(
    server: FeedServer, store: Store
) -> None:
    server.route("/end.html", page("bridge"))
    for hop in range(6):
        target = "/end.html" if hop == 5 else f"/hop{hop + 1}"
        server.route(f"/hop{hop}", Reply(302, headers={"Location": target}))
    five = add_pages([server.url("/hop1")], store, fetcher=quick())
    assert [p.kind for p in five.pages] == ["added"]
    six = add_pages([server.url("/hop0")], store, fetcher=quick())
    assert six.pages[0].kind == "failed"
    assert "too many redirects" in six.pages[0].error


# Dedupe and versions --------------------------------------------------------------------


def test_tracking_parameters_and_repeated_content_are_stored_once(
    server: FeedServer, store: Store
) -> None:
    server.route("/a.html", page("bridge"))
    server.route("/copy.html", page("bridge"))
    links = [
        ("A", server.url("/a.html?utm_source=rss&utm_medium=feed")),
        ("A again", server.url("/a.html?fbclid=123")),
        ("Syndicated copy", server.url("/copy.html")),
    ]
    server.route("/feed.xml", Reply(body=rss(links), headers=RSS))
    subscription = Subscription("Local", server.url("/feed.xml"))
    report = refresh([subscription], store, fetcher=quick())
    assert sorted(p.kind for p in report.pages) == ["added", "duplicate"]
    assert len(store.articles()) == 1
    page_requests = [path for path in server.paths_requested() if path.startswith("/a.html")]
    assert len(page_requests) == 1  # the two tracking variants are one link
    again = refresh([subscription], store, fetcher=quick())
    assert again.of_kind("added") == [] and len(store.articles()) == 1


def test_a_changed_article_keeps_both_versions(server: FeedServer, store: Store) -> None:
    server.route("/a.html", page("bridge"))
    link = server.url("/a.html")
    server.route("/feed.xml", Reply(body=rss([("Bridge", link)]), headers=RSS))
    subscription = Subscription("Local", server.url("/feed.xml"))
    refresh([subscription], store, fetcher=quick())
    changed = [*paragraphs("bridge"), "Update: the vote was postponed until next week."]
    server.route("/a.html", Reply(body=article_html("Bridge", changed).encode(), headers=HTML))
    later = {link: "Tue, 01 Dec 2026 09:00:00 GMT"}
    server.route("/feed.xml", Reply(body=rss([("Bridge", link)], dates=later), headers=RSS))
    report = refresh([subscription], store, fetcher=quick())
    assert [p.kind for p in report.pages] == ["updated"]
    (article,) = store.articles()
    assert article.status == "updated" and article.versions == 2 and not article.read
    (old,) = store.versions(article.path)
    assert "postponed" not in old.text and "spring" in old.text
    assert "postponed" in article.path.read_text(encoding="utf-8")


# Bad input: a clear message, and every other feed goes on -------------------------------


def gzip_bomb(size: int = 100_000_000) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * 1_000_000
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


def endless(size: int = 100_000_000) -> Iterator[bytes]:
    block = b"<p>" + b"x" * 65_530 + b"</p>"
    for _ in range(size // len(block)):
        yield block


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss version="2.0"><channel><title>&d;</title><item><link>http://127.0.0.1/x</link></item>
</channel></rss>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&secret;</title></channel></rss>"""


BAD_FEEDS = {
    "404": (Reply(404, b"no"), "not found"),
    "410": (Reply(410, b"gone"), "gone"),
    "500": (Reply(500, b"oops"), "server failed"),
    "timeout": (Reply(body=b"<rss/>", delay=2.5), "timed out"),
    "loop": (Reply(302, headers={"Location": "/bad/loop2"}), "redirect loop"),
    "to-file": (Reply(302, headers={"Location": "file:///etc/passwd"}), "only http and https"),
    "malformed": (
        Reply(body=b"<?xml version='1.0'?><rss version='2.0'><channel><item><titl"),
        "malformed XML",
    ),
    "html": (
        Reply(body=b"<!DOCTYPE html><html><body>Hello</body></html>", headers=HTML),
        "web page (HTML), not a feed",
    ),
    "huge": (Reply(body=endless()), "too large"),
    "huge-declared": (Reply(body=b"", headers={"Content-Length": "100000000"}), "too large"),
    "gzip-bomb": (
        Reply(body=gzip_bomb(), headers={**RSS, "Content-Encoding": "gzip"}),
        "too large",
    ),
    "billion-laughs": (Reply(body=BILLION_LAUGHS, headers=RSS), "entities"),
    "external-entity": (Reply(body=EXTERNAL_ENTITY, headers=RSS), "entities"),
}


def test_every_bad_feed_gets_a_clear_message_and_the_good_one_goes_on(
    server: FeedServer, store: Store
) -> None:
    good = publish(server, "/good.xml", ["bridge"])
    server.route("/bad/loop2", Reply(302, headers={"Location": "/bad/loop"}))
    subscriptions = [Subscription("Good", good)]
    for name, (reply, _) in BAD_FEEDS.items():
        server.route(f"/bad/{name}", reply)
        subscriptions.append(Subscription(name, server.url(f"/bad/{name}")))
    tls = Subscription("tls", server.url("/good.xml").replace("http://", "https://"))
    report = refresh([*subscriptions, tls], store, fetcher=quick())
    outcomes = {feed.name: feed for feed in report.feeds}
    assert outcomes["Good"].status == "ok"
    assert [p.kind for p in report.pages] == ["added"]
    for name, (_, words) in BAD_FEEDS.items():
        assert words in (outcomes[name].error or ""), (name, outcomes[name])
    assert "TLS" in outcomes["tls"].error
    assert outcomes["410"].status == "gone"
    assert "/etc/passwd" not in json.dumps(report.as_json()).replace("file:///etc/passwd", "")


def test_a_gone_feed_is_not_asked_again(server: FeedServer, store: Store) -> None:
    server.route("/feed.xml", Reply(410))
    subscription = Subscription("Old", server.url("/feed.xml"))
    refresh([subscription], store, fetcher=quick())
    report = refresh([subscription], store, fetcher=quick())
    assert report.feeds[0].status == "gone"
    assert server.paths_requested() == ["/feed.xml"]


def test_wrong_or_missing_charset_still_reads_the_page(server: FeedServer, store: Store) -> None:
    wrong = article_html("Café society", paragraphs("café"), charset="utf-8").encode("cp1252")
    server.route("/wrong.html", Reply(body=wrong, headers=HTML))
    undeclared = article_html("Café life", paragraphs("café terrace")).encode("cp1252")
    undeclared = undeclared.replace(b'<meta charset="utf-8">', b"")
    server.route("/missing.html", Reply(body=undeclared, headers={"Content-Type": "text/html"}))
    report = add_pages(
        [server.url("/wrong.html"), server.url("/missing.html")], store, fetcher=quick()
    )
    assert sorted(p.kind for p in report.pages) == ["added", "added"]
    for article in store.articles():
        assert "café" in article.path.read_text(encoding="utf-8").lower()


def test_a_pdf_where_a_page_was_expected_is_refused(server: FeedServer, store: Store) -> None:
    server.route(
        "/report.pdf", Reply(body=b"%PDF-1.7\n%binary", headers={"Content-Type": "application/pdf"})
    )
    server.route("/sneaky.html", Reply(body=b"%PDF-1.4\n...", headers=HTML))
    report = add_pages(
        [server.url("/report.pdf"), server.url("/sneaky.html")], store, fetcher=quick()
    )
    assert [p.kind for p in report.pages] == ["failed", "failed"]
    assert all("PDF" in p.error for p in report.pages)
    assert store.articles() == []


def test_a_gzipped_page_is_read(server: FeedServer, store: Store) -> None:
    body = gzip.compress(article_html("Bridge", paragraphs("bridge")).encode())
    server.route("/a.html", Reply(body=body, headers={**HTML, "Content-Encoding": "gzip"}))
    report = add_pages([server.url("/a.html")], store, fetcher=quick())
    assert [p.kind for p in report.pages] == ["added"]


def test_only_http_and_https_are_fetched(store: Store) -> None:
    report = add_pages(["file:///etc/passwd", "ftp://example.org/x"], store, fetcher=quick())
    assert all(p.kind == "failed" and "only http and https" in p.error for p in report.pages)


def test_a_page_that_failed_is_tried_again_even_when_the_feed_has_an_etag(
    server: FeedServer, store: Store
) -> None:
    body = article_html("Bridge", paragraphs("bridge")).encode()
    answers = iter([Reply(500), Reply(body=body, headers=HTML)])
    server.route("/a.html", lambda request: next(answers))
    feed = rss([("Bridge", server.url("/a.html"))])
    server.route(
        "/feed.xml",
        lambda r: (
            Reply(304)
            if r.headers.get("if-none-match") == '"f1"'
            else Reply(body=feed, headers={**RSS, "ETag": '"f1"'})
        ),
    )
    subscription = Subscription("Local", server.url("/feed.xml"))
    first = refresh([subscription], store, fetcher=quick())
    assert [p.kind for p in first.pages] == ["failed"]
    second = refresh([subscription], store, fetcher=quick())
    assert [p.kind for p in second.pages] == ["added"]
    third = refresh([subscription], store, fetcher=quick())
    assert third.feeds[0].status == "not modified"
