"""The stored library: files are the truth, the index follows them, read state is kept."""

from __future__ import annotations

import json
from pathlib import Path

from reader.library import load_library
from reader.pages import Page
from reader.store import Store, sidecar_path


def page(url: str, text: str, title: str = "Bridge vote") -> Page:
    html = f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>"
    return Page(url, url, html, "utf-8", text, title, "Local Times", "2026-11-30", "Ann")


def test_saved_articles_load_with_the_sidecars_metadata(tmp_path: Path) -> None:
    store = Store(tmp_path)
    saved = store.save(
        page("http://e.org/a", "The council approved the bridge."), feed="http://e.org/f"
    )
    assert saved.kind == "added"
    data = json.loads(sidecar_path(saved.path).read_text())
    assert data["feed"] == "http://e.org/f" and data["fetched"]
    (article,) = load_library([tmp_path]).articles
    assert (article.title, article.outlet, article.url) == (
        "Bridge vote",
        "Local Times",
        "http://e.org/a",
    )
    assert article.date == "2026-11-30"


def test_read_state_is_kept_across_opens(tmp_path: Path) -> None:
    store = Store(tmp_path)
    path = store.save(page("http://e.org/a", "One text.")).path
    store.mark_read([path])
    store.close()
    again = Store(tmp_path)
    (article,) = again.articles()
    assert article.read and article.status == ""
    again.mark_read([path], read=False)
    assert not again.articles()[0].read


def test_an_article_written_but_not_recorded_is_found_again(tmp_path: Path) -> None:
    store = Store(tmp_path)
    path = store.save(page("http://e.org/a", "One text.")).path
    store.close()
    (tmp_path / ".newsreader" / "state.sqlite").unlink()
    for leftover in (tmp_path / ".newsreader").glob("state.sqlite-*"):
        leftover.unlink()
    (path.parent / ".half-written.html.abc.tmp").write_text("<html")
    rebuilt = Store(tmp_path)
    assert [a.canonical for a in rebuilt.articles()] == ["http://e.org/a"]
    assert rebuilt.save(page("http://e.org/a", "One text.")).kind == "unchanged"
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_page_written_without_its_sidecar_is_completed_in_place(tmp_path: Path) -> None:
    store = Store(tmp_path)
    first = store.save(page("http://e.org/a", "One text.")).path
    sidecar_path(first).unlink()
    store.close()
    again = Store(tmp_path)
    assert again.articles() == []
    assert again.save(page("http://e.org/a", "One text.")).path == first
    assert sidecar_path(first).is_file() and len(list(tmp_path.rglob("*.html"))) == 1


def test_long_copies_are_one_article_but_short_alike_texts_are_not(tmp_path: Path) -> None:
    store = Store(tmp_path)
    body = " ".join(f"word{n}" for n in range(80))
    assert store.save(page("http://a.org/story", body)).kind == "added"
    assert store.save(page("http://b.org/copy", body)).kind == "duplicate"
    teaser = "Subscribe to keep reading this article."
    assert store.save(page("http://a.org/one", teaser, "One")).kind == "added"
    assert store.save(page("http://a.org/two", teaser, "Two")).kind == "added"
