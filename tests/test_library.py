"""Loading articles: titles, outlet evidence, dates, encodings, bad files, front matter."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from reader.library import UnreadableFile, load_article, load_library

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


# Hostile and odd input (issue 11) ------------------------------------------------------

ESCAPES = ("\x1b", "\x07", "\x9b")


def test_escapes_decoded_from_front_matter_never_reach_the_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        '---\ntitle: "T \\e]52;c;SGVsbG8=\\a \\e[2J"\noutlet: "Out\\x9b2Jlet"\n'
        'url: "https://x.org/\\e[5m"\ndate: "2024-03-05 \\e[2J"\n---\nBody text here.\n'
    )
    article = load_article(path)
    fields = (article.title, article.outlet, article.url, article.date)
    assert not any(escape in field for field in fields for escape in ESCAPES)
    assert article.title.startswith("T ") and "]52;c;SGVsbG8=" in article.title


def test_escapes_in_a_file_name_or_an_html_title_never_reach_the_fields(tmp_path: Path) -> None:
    (tmp_path / "\x1b[2Jpage\nname.txt").write_text("x\n")
    (tmp_path / "b.html").write_text("<title>Hi &#27;[2J there &#7;</title><p>Body</p>")
    library = load_library([tmp_path])
    shown = [(a.title, a.outlet) for a in library.articles]
    assert len(shown) == 2
    assert not any(c in field for pair in shown for field in pair for c in (*ESCAPES, "\n"))


def _load_in_thread(target, *args):
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(target(*args)), daemon=True)
    thread.start()
    thread.join(timeout=5)
    return thread, result


def test_a_fifo_is_skipped_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "a.txt"
    os.mkfifo(fifo)
    (tmp_path / "b.txt").write_text("A good headline\n\nBody.\n")
    thread, result = _load_in_thread(load_library, [tmp_path])
    if thread.is_alive():  # let the stuck reader go before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert not thread.is_alive(), "reading a FIFO hung"
    library = result[0]
    assert [a.id for a in library.articles] == ["b"]
    assert "not a regular file" in library.skipped[0].reason


def test_a_device_is_refused_at_once(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    thread, result = _load_in_thread(_reason_refused, Path("/dev/zero"))
    assert not thread.is_alive(), "reading /dev/zero did not stop"
    assert "not a regular file" in result[0]


def _reason_refused(path: Path) -> str:
    try:
        load_article(path)
    except UnreadableFile as error:
        return str(error)
    return "read"


def test_reads_stop_at_the_size_limit_whatever_stat_says(monkeypatch: pytest.MonkeyPatch) -> None:
    status = Path("/proc/self/status")  # a regular file whose stat says 0 bytes
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("no /proc here")
    monkeypatch.setattr("reader.library.MAX_FILE_BYTES", 100)
    assert _reason_refused(status).startswith("too large")


def test_a_file_name_that_is_not_utf8_loads_and_shows_replacement_characters(
    tmp_path: Path,
) -> None:
    name = os.fsdecode(b"caf\xe9 news.txt")
    (tmp_path / name).write_text("x\n")
    library = load_library([tmp_path])
    [article] = library.articles
    assert (article.id, article.outlet) == ("caf\ufffd news", "caf\ufffd news")
    assert article.path.exists()


def test_an_alias_bomb_in_front_matter_is_refused(tmp_path: Path) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for number in range(1, 6):  # a small one: a real bomb has 9 levels (3 GB)
        previous, name = chr(ord("a") + number - 1), chr(ord("a") + number)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(levels) + "\ntitle: *f\n---\nBody words of it.\n")
    article = load_article(path)
    assert "title: *f" in article.raw  # left in the text, for the reader to see
    assert len(article.title) < 200


def test_huge_front_matter_is_left_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Given\nnote: " + "x" * 30_000 + "\n---\nBody words here.\n")
    assert load_article(path).title != "Given"


def test_symlinks_to_outside_the_opened_folders_are_skipped_with_a_notice(tmp_path: Path) -> None:
    library_folder = tmp_path / "lib"
    library_folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret headline words\n\nDo not show.\n")
    (library_folder / "p.txt").symlink_to(secret)
    (library_folder / "own.txt").write_text("Own headline words\n\nBody.\n")
    (library_folder / "same.txt").symlink_to(library_folder / "own.txt")
    library = load_library([library_folder])
    assert sorted(a.id for a in library.articles) == ["own", "same"]
    assert [(s.path.name, s.reason) for s in library.skipped] == [
        ("p.txt", "a symlink to outside the opened folders")
    ]


def test_a_device_named_as_the_library_is_refused_as_not_a_regular_file() -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    library = load_library([Path("/dev/null")])
    assert [item.reason for item in library.skipped] == [
        "not a regular file (a FIFO, device or socket)"
    ]


def test_a_skipped_file_is_described_on_one_printable_line(tmp_path: Path) -> None:
    (tmp_path / "bad\nname\x1b[2J.txt").write_bytes(b"x\x00")
    [skipped] = load_library([tmp_path]).skipped
    assert skipped.describe() == f"{tmp_path}/bad name [2J.txt: binary file, not text"
    assert skipped.describe(name_only=True) == "bad name [2J.txt: binary file, not text"
