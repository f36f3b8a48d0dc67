"""Loading articles: titles, outlet evidence, dates, encodings, bad files, front matter."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from reader.library import load_article, load_library

SEED_TITLES = {
    "000_e9434feffba2dee6": (
        "Zelenskyy Open to Exchanging North Korean POWs for Ukrainian Soldiers Held by Russia"
    ),
    "001_342b799c0226035c": (
        "North Korean soldiers captured in Ukraine: exchanges, diplomacy and possible defections"
    ),
    "002_9fec8d9dde32483a": "Zelensky 'Ready' to Hand North Korean POWs to Pyongyang",
    "003_e0a66e3af4298884": (
        "Zelensky Proposes Exchange of North Korean Soldiers Amidst Growing Tensions"
    ),
    "004_5c145afd4be58015": (
        "Zelenskyy Offers North Korean Soldiers In Exchange For Ukrainians Held In Russia"
    ),
}


def test_seed_titles_are_headlines_not_breadcrumbs_or_fields(seeds: Path) -> None:
    library = load_library([seeds])
    assert {a.id: a.title for a in library.articles} == SEED_TITLES
    assert library.skipped == []


def test_outlet_from_bare_domain_line(seeds: Path) -> None:
    article = load_article(seeds / "000_e9434feffba2dee6.txt")
    assert (article.outlet, article.outlet_evidence) == ("apnews.com", "domain")


def test_outlet_url_and_date_from_the_moscow_times_page(seeds: Path) -> None:
    article = load_article(seeds / "002_9fec8d9dde32483a.txt")
    assert (article.outlet, article.outlet_evidence) == ("themoscowtimes.com", "url")
    assert article.url.startswith("https://www.themoscowtimes.com/2025/01/13/")
    assert article.date == "2025-01-13"


def test_outlet_from_credit_line(seeds: Path) -> None:
    article = load_article(seeds / "003_e0a66e3af4298884.txt")
    assert (article.outlet, article.outlet_evidence) == ("AFP News Agency", "credit")


def test_outlet_from_byline(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("A headline about something\n\nBy Reuters\n\nBody text here.\n")
    article = load_article(path)
    assert (article.outlet, article.outlet_evidence) == ("Reuters", "byline")


def test_outlet_falls_back_to_file_name(tmp_path: Path) -> None:
    path = tmp_path / "guardian.txt"
    path.write_text("Headline of the day\n\nBody.\n")
    assert load_article(path).outlet == "guardian"


def test_front_matter_overrides_guesses(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Given Title\noutlet: The Paper\ndate: 2024-03-05\nurl: https://x.org/a\n---\n"
        "Guessed Headline Here\n\nBy Someone Else\n\nBody text.\n"
    )
    article = load_article(path)
    assert (article.title, article.outlet, article.date, article.url) == (
        "Given Title",
        "The Paper",
        "2024-03-05",
        "https://x.org/a",
    )
    assert article.outlet_evidence == "front matter"


def test_broken_front_matter_is_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: [unclosed\n---\nHeadline words here\n")
    article = load_article(path)
    assert "[unclosed" in article.raw


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("Café in Zürich — “quoted”".encode(), "utf-8", "Café in Zürich — “quoted”"),
        ("Café in Zürich — “quoted”".encode("cp1252"), "cp1252", "Café in Zürich — “quoted”"),
        (b"Caf\xe9 \x81 na\xefve", "latin-1", "Café   naïve"),
        ("\ufeffBOM first line here".encode(), "utf-8", "BOM first line here"),
    ],
)
def test_encodings_decode_without_crashing(
    tmp_path: Path, data: bytes, encoding: str, expected: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    article = load_article(path)
    assert article.encoding == encoding
    assert article.raw == expected


def test_binary_and_oversized_files_are_skipped_with_reasons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok.txt").write_text("A good headline\n\nBody.\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "huge.txt").write_text("x" * 2000)
    monkeypatch.setattr("reader.library.MAX_FILE_BYTES", 1000)
    library = load_library([tmp_path])
    assert [a.id for a in library.articles] == ["ok"]
    reasons = {item.path.name: item.reason for item in library.skipped}
    assert reasons["image.txt"] == "binary file, not text"
    assert reasons["huge.txt"].startswith("too large")


def test_walks_folders_sorted_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.md", "a.txt", ".hidden/x.txt", ".x.txt", "notes.pdf"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Some headline words\n")
    library = load_library([tmp_path])
    assert [a.id for a in library.articles] == ["a", "b/1", "b/2"]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    library = load_library([tmp_path / "nope", tmp_path])
    assert library.articles == []
    assert library.missing == [tmp_path / "nope"]


def test_ids_stay_unique_across_roots(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("Headline words here\n")
    library = load_library([tmp_path / "one", tmp_path / "two"])
    assert [a.id for a in library.articles] == ["same", "same-2"]


def test_utf16_with_a_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("Headline in UTF-16 here\r\n\r\nBody.".encode("utf-16"))
    article = load_article(path)
    assert article.encoding == "utf-16"
    assert article.title == "Headline in UTF-16 here"


def test_control_characters_become_spaces_keeping_offsets(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Headline words here\n\nA bell\x07 and an escape \x1b[31m code.\n")
    article = load_article(path)
    assert "\x1b" not in article.raw and "\x07" not in article.raw
    assert len(article.raw) == len(
        "Headline words here\n\nA bell\x07 and an escape \x1b[31m code.\n"
    )


def test_deeply_nested_front_matter_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\n" + "[" * 5000 + "\n---\nHeadline words here\n")
    assert load_article(path).raw.startswith("---")


def test_gzip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    monkeypatch.setattr("reader.library.MAX_FILE_BYTES", 10_000)
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 100_000))
    library = load_library([tmp_path])
    assert library.articles == []
    assert "once decompressed" in library.skipped[0].reason


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text("Headline words here\n")
    (tmp_path / "news" / "loop").symlink_to(tmp_path / "news")
    library = load_library([tmp_path])
    assert [a.id for a in library.articles] == ["news/story"]


def test_known_guesses_are_used_only_while_the_file_is_unchanged(tmp_path: Path) -> None:
    article_file = tmp_path / "story.txt"
    article_file.write_text("Harbour reopens after the storm\n\nShips sailed again today.\n")
    first = load_library([tmp_path]).articles[0]
    assert first.stamp is not None
    remembered = {first.stamp: replace(first.guesses, title="Title kept from last time")}
    assert load_library([tmp_path], known=remembered).articles[0].title == (
        "Title kept from last time"
    )
    article_file.write_text("Harbour stays shut for a week\n\nNo ships sailed today at all.\n")
    assert load_library([tmp_path], known=remembered).articles[0].title == (
        "Harbour stays shut for a week"
    )


def test_a_rewrite_keeping_size_and_modification_time_is_guessed_again(tmp_path: Path) -> None:
    article_file = tmp_path / "story.txt"
    article_file.write_text("Harbour reopens after storm\n\nShips sailed again today.\n")
    first = load_library([tmp_path]).articles[0]
    times = (article_file.stat().st_atime_ns, article_file.stat().st_mtime_ns)
    article_file.write_text("Harbour shut after the gale\n\nShips sailed again today.\n")
    os.utime(article_file, ns=times)
    remembered = {first.stamp: first.guesses}
    assert load_library([tmp_path], known=remembered).articles[0].title == (
        "Harbour shut after the gale"
    )
