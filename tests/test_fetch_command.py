"""The `newsreader feeds`, `fetch` and `add` commands end to end, on a server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Store

from feedserver import FeedServer, Reply, article_html, rss

HTML = {"Content-Type": "text/html; charset=utf-8"}


def body(topic: str) -> bytes:
    text = [
        f"The {topic} was approved by the council on Tuesday after a long debate that lasted "
        "well into the evening, officials from the regional authority said afterwards.",
        f"Work on the {topic} starts in spring; residents who opposed it vowed to go to court.",
    ]
    return article_html(topic.title(), text).encode()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def serve_feed(server: FeedServer, topics: list[str], delay: float = 0.0) -> str:
    items = []
    for topic in topics:
        path = f"/{topic.replace(' ', '-')}.html"
        server.route(path, Reply(body=body(topic), headers=HTML, delay=delay))
        items.append((topic.title(), server.url(path)))
    feed = rss(items)
    headers = {"Content-Type": "application/rss+xml", "ETag": '"feed-1"'}
    server.route(
        "/feed.xml",
        lambda r: (
            Reply(304)
            if r.headers.get("if-none-match") == '"feed-1"'
            else Reply(body=feed, headers=headers)
        ),
    )
    return server.url("/feed.xml")


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def library() -> Path:
    return Path(os.environ["NEWSREADER_LIBRARY"])


def test_add_a_feed_fetch_it_and_list_it(server: FeedServer, capsys) -> None:
    url = serve_feed(server, ["bridge", "tunnel"])
    assert main(["feeds", "add", url, "--name", "Local"]) == 0
    assert "Added Local" in capsys.readouterr().out
    report = run_json(capsys, "fetch", "--json")
    assert len(report["added"]) == 2 and report["failed"] == []
    again = run_json(capsys, "fetch", "Local", "--json")
    assert again["added"] == [] and again["updated"] == []
    assert again["feeds"][0]["status"] == "not modified"
    (row,) = run_json(capsys, "feeds", "list", "--json")
    assert (row["name"], row["url"], row["articles"]) == ("Local", url, 2)
    assert row["status"] == "not modified"
    assert row["last_fetch"]


def test_feeds_add_finds_the_feed_a_page_names(server: FeedServer, capsys) -> None:
    url = serve_feed(server, ["bridge"])
    link = f'<link rel="alternate" type="application/rss+xml" href="{url}">'
    home = f"<!DOCTYPE html><html><head>{link}</head></html>"
    server.route("/", Reply(body=home.encode(), headers=HTML))
    assert main(["feeds", "add", server.url("/")]) == 0
    assert "Added Local Times" in capsys.readouterr().out
    (row,) = run_json(capsys, "feeds", "list", "--json")
    assert row["url"] == url and row["name"] == "Local Times"


def test_feeds_add_refuses_what_is_not_a_feed(server: FeedServer, capsys) -> None:
    server.route("/page", Reply(body=b"<!DOCTYPE html><html><body>hi</body></html>", headers=HTML))
    assert main(["feeds", "add", server.url("/page")]) == 1
    assert "names no feed" in capsys.readouterr().err
    assert main(["feeds", "add", "ftp://example.org/feed"]) == 1
    assert "only http and https" in capsys.readouterr().err
    assert run_json(capsys, "feeds", "list", "--json") == []


def test_import_export_and_remove(tmp_path: Path, capsys) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
        '<outline text="One" xmlUrl="http://127.0.0.1:1/one.xml"/>'
        '<outline text="Two" xmlUrl="http://127.0.0.1:1/two.xml"/></outline>'
        '<outline text="Not a feed" xmlUrl="javascript:alert(1)"/></body></opml>'
    )
    assert main(["feeds", "import", str(opml)]) == 0
    assert "Imported 2 feeds" in capsys.readouterr().out
    assert main(["feeds", "export"]) == 0
    exported = capsys.readouterr().out
    assert 'xmlUrl="http://127.0.0.1:1/one.xml"' in exported and "Two" in exported
    assert main(["feeds", "remove", "one"]) == 0
    assert "Removed One" in capsys.readouterr().out
    assert [r["name"] for r in run_json(capsys, "feeds", "list", "--json")] == ["Two"]
    assert main(["feeds", "remove", "http://127.0.0.1:1/two.xml"]) == 0
    assert main(["feeds", "remove", "Two"]) == 1


def test_import_refuses_an_opml_file_with_entities(tmp_path: Path, capsys) -> None:
    opml = tmp_path / "laughs.opml"
    opml.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        '<opml version="2.0"><body><outline text="&b;" xmlUrl="http://127.0.0.1:1/x"/>'
        "</body></opml>"
    )
    assert main(["feeds", "import", str(opml)]) == 1
    assert "entities" in capsys.readouterr().err
    assert run_json(capsys, "feeds", "list", "--json") == []


def test_add_stores_single_pages_and_clean_gives_their_url(server: FeedServer, capsys) -> None:
    server.route("/story.html", Reply(body=body("harbour wall"), headers=HTML))
    report = run_json(capsys, "add", server.url("/story.html?utm_campaign=x"), "--json")
    (added,) = report["added"]
    assert added["url"] == server.url("/story.html"), "the article's URL, without tracking"
    cleaned = run_json(capsys, "clean", added["path"], "--json")
    assert cleaned["url"] == server.url("/story.html")
    assert cleaned["outlet"] == "Local Times"
    assert "harbour wall" in cleaned["text"]


def test_fetch_with_an_unknown_name_says_so(server: FeedServer, capsys) -> None:
    main(["feeds", "add", serve_feed(server, ["bridge"])])
    capsys.readouterr()
    assert main(["fetch", "Nope"]) == 2
    assert "no feed named 'Nope'" in capsys.readouterr().err


def test_a_fetch_killed_mid_way_leaves_whole_files_and_a_rerun_completes_it(
    server: FeedServer, capsys
) -> None:
    topics = [f"bridge number {n}" for n in range(12)]
    main(["feeds", "add", serve_feed(server, topics, delay=0.25)])
    command = [sys.executable, "-c", "from reader.cli import main; raise SystemExit(main())"]
    fetching = subprocess.Popen(
        [*command, "fetch"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while len(list(library().rglob("*.html"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    fetching.send_signal(signal.SIGKILL)
    fetching.wait()
    pages = list(library().rglob("*.html"))
    assert 3 <= len(pages) < 12, "the fetch should have been killed half-way"
    assert all(page.read_text(encoding="utf-8").rstrip().endswith("</html>") for page in pages)
    assert subprocess.run([*command, "fetch"], capture_output=True, timeout=120).returncode == 0
    pages = sorted(library().rglob("*.html"))
    assert len(pages) == 12
    assert all(page.with_name(page.name[:-5] + ".meta.json").is_file() for page in pages)
    assert list(library().rglob("*.tmp")) == []
    store = Store(library())
    assert len({article.canonical for article in store.articles()}) == 12
    store.close()


def test_no_path_opens_the_library_and_seeds_only_while_it_is_empty(server, tmp_path) -> None:
    from reader.config import Config
    from reader.paths import seeds_dir
    from reader.tui.app import default_paths

    assert default_paths(Config()) == [seeds_dir()]
    server.route("/story.html", Reply(body=body("harbour wall"), headers=HTML))
    assert main(["add", server.url("/story.html")]) == 0
    folder = tmp_path / "mine"
    folder.mkdir()
    assert default_paths(Config(library=(folder,))) == [library(), folder]


def test_library_flag_overrides_the_environment(server: FeedServer, tmp_path: Path) -> None:
    server.route("/story.html", Reply(body=body("harbour wall"), headers=HTML))
    elsewhere = tmp_path / "elsewhere"
    assert main(["add", server.url("/story.html"), "--library", str(elsewhere)]) == 0
    assert len(list(elsewhere.rglob("*.html"))) == 1
