"""The bookmarks store: file format, edits, never losing a bookmark, locate, export, CLI."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import bookmarks as bookmarks_module
from reader.bookmarks import (
    Bookmark,
    BookmarksError,
    BookmarksFileError,
    BookmarkStore,
    export,
    locate,
    new_bookmark,
)
from reader.commands import bookmarks as command

ARTICLE = (
    "Ukrainian President Volodymyr Zelenskyy has expressed willingness to hand over two "
    "captured North Korean soldiers to Pyongyang.\n\n"
    "Zelenskyy revealed that one of the North Korean soldiers has expressed a desire to stay "
    "in Ukraine, while the other wishes to return to North Korea, as confirmed by interview "
    "videos released by Ukrainian authorities.\n\n"
    "Officials in Seoul said they were ready to help."
)
PASSAGE = "one of the North Korean soldiers has expressed a desire to stay in Ukraine"


def make(text: str = ARTICLE, passage: str = PASSAGE, **fields: object) -> Bookmark:
    start = text.index(passage)
    defaults = {
        "title": "Zelenskyy open to exchanging POWs",
        "outlet": "Reuters",
        "date": "2025-01-12",
        "url": "https://example.com/pows",
        "path": "seeds/000.txt",
    }
    return new_bookmark(text, start, start + len(passage), **{**defaults, **fields})


@pytest.fixture
def store() -> BookmarkStore:
    return BookmarkStore()


# The bookmark and the file format ----------------------------------------------------------


def test_new_bookmark_trims_the_selection_and_keeps_context_words() -> None:
    start = ARTICLE.index(PASSAGE)
    mark = new_bookmark(ARTICLE, start - 1, start + len(PASSAGE), title="T")
    assert mark.text == PASSAGE
    assert ARTICLE[mark.start : mark.end] == PASSAGE
    assert mark.before == "North Korean soldiers to Pyongyang. Zelenskyy revealed that"
    assert mark.after == ", while the other wishes to return to"
    assert dt.datetime.fromisoformat(mark.created).tzinfo is not None
    assert len(mark.id) == 12 and mark.id != make().id


BLANK = ARTICLE.index("\n\n")


@pytest.mark.parametrize(
    ("start", "end"), [(5, 3), (-1, 4), (0, len(ARTICLE) + 1), (BLANK, BLANK + 2)]
)
def test_new_bookmark_rejects_an_empty_or_out_of_range_passage(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        new_bookmark(ARTICLE, start, end)


def test_default_path_comes_from_the_environment(isolated_paths: Path) -> None:
    assert BookmarkStore().path == isolated_paths / "bookmarks.yaml"


def test_missing_file_has_no_bookmarks_and_first_write_creates_the_folder(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "new" / "folder" / "bookmarks.yaml")
    assert store.load() == []
    mark = make()
    assert store.add(mark) == store.path
    assert store.load() == [mark]


def test_file_is_readable_yaml_with_block_passages_and_stable_keys(store: BookmarkStore) -> None:
    first = make(note="two\nlines", tags=["pows", "ukraine"])
    second = make(passage="Officials in Seoul said they were ready to help.")
    store.add(first)
    store.add(second)
    text = store.path.read_text(encoding="utf-8")
    assert "version: 1\nbookmarks:\n- id: " in text
    assert f"  text: |-\n    {PASSAGE}\n" in text
    assert "  note: |-\n    two\n    lines\n" in text
    assert "  tags: [pows, ukraine]\n" in text
    keys = [line.lstrip("- ").split(":")[0] for line in text.splitlines()]
    keys = [key for key in keys if key in bookmarks_module._KEY_ORDER]
    assert keys[: len(bookmarks_module._KEY_ORDER)] == list(bookmarks_module._KEY_ORDER)
    emoji = make(text="A great day 😀 for us.", passage="A great day 😀 for us.")
    assert "  text: |-\n    A great day 😀 for us.\n" in export([emoji], "yaml")
    # Rewriting the same bookmarks gives the same bytes: diffs show only real changes.
    store.update_note(second.id, second.note)
    assert store.path.read_text(encoding="utf-8") == text


printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(
    text=printable.filter(str.strip),
    note=printable,
    title=printable,
    tags=st.lists(printable, max_size=3),
)
def test_any_text_survives_a_round_trip_through_the_file(
    tmp_path_factory: pytest.TempPathFactory, text: str, note: str, title: str, tags: list[str]
) -> None:
    mark = Bookmark(
        id="abc123",
        text=text,
        title=title,
        outlet="o",
        date="2025-01-12",
        url="",
        path="",
        start=0,
        end=len(text),
        before=title,
        after=note,
        created="2025-01-12T10:00:00+01:00",
        note=note,
        tags=tuple(tags),
    )
    path = tmp_path_factory.mktemp("roundtrip") / "bookmarks.yaml"
    path.write_text(export([mark], "yaml"), encoding="utf-8")
    assert BookmarkStore(path).load() == [mark]


def test_hand_edited_unquoted_values_are_read_as_text(store: BookmarkStore) -> None:
    store.path.write_text(
        "bookmarks:\n"
        "- id: 12345\n"
        "  text: passage\n"
        "  title: 1984\n"
        "  date: 2025-01-12\n"
        "  start: 0\n"
        "  end: 7\n"
        "  created: 2025-01-12 10:00:00+01:00\n"
        "  tags: [yes]\n",
        encoding="utf-8",
    )
    [mark] = store.load()
    assert (mark.id, mark.title, mark.date, mark.tags) == ("12345", "1984", "2025-01-12", ("True",))
    assert mark.created == "2025-01-12T10:00:00+01:00"


# Editing -----------------------------------------------------------------------------------


def test_add_remove_undo_and_edit_note(store: BookmarkStore) -> None:
    first, second = make(), make(passage="Officials in Seoul said they were ready to help.")
    store.add(first)
    store.add(second)
    store.add(first)  # adding an id that is already there changes nothing
    assert store.load() == [first, second]

    removed = store.remove(first.id)
    assert removed == first and store.load() == [second]
    store.add(removed)  # undo
    assert store.load() == [second, first]

    updated = store.update_note(first.id, "check the\ntranslation")
    assert updated.note == "check the\ntranslation"
    assert store.load() == [second, updated]


def test_removing_the_last_bookmark_leaves_an_empty_list(store: BookmarkStore) -> None:
    mark = make()
    store.add(mark)
    store.remove(mark.id)
    assert store.path.read_text(encoding="utf-8").endswith("version: 1\nbookmarks: []\n")
    assert store.load() == []


def test_editing_a_bookmark_that_is_gone_raises_key_error(store: BookmarkStore) -> None:
    with pytest.raises(KeyError):
        store.remove("nope")
    with pytest.raises(KeyError):
        store.update_note("nope", "note")


def test_two_stores_on_one_file_merge_and_deletions_stay_deleted(store: BookmarkStore) -> None:
    other = BookmarkStore(store.path)
    a, b, c = (make(passage=p) for p in ("Ukrainian President", "Zelenskyy revealed", "Officials"))
    store.add(a)
    store.add(b)
    other.remove(a.id)
    store.add(c)  # `store` never saw the removal; it must not bring `a` back
    assert [mark.id for mark in other.load()] == [b.id, c.id]


def test_keys_from_a_newer_version_are_kept_on_rewrite(store: BookmarkStore) -> None:
    mark = make()
    document = {
        "version": 1,
        "sync": {"device": "laptop", "peers": [1, 2]},
        "bookmarks": [{**mark.as_dict(), "colour": "yellow", "anchors": {"xpath": "/p[2]"}}],
    }
    store.path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    [loaded] = store.load()
    assert loaded.extra == {"colour": "yellow", "anchors": {"xpath": "/p[2]"}}

    store.add(make(passage="Officials in Seoul"))
    store.update_note(mark.id, "new note")
    store.path.write_text(
        store.path.read_text(encoding="utf-8").replace("colour: yellow", "colour: 1"),
        encoding="utf-8",
    )
    store.add(make(passage="Ukrainian President"))
    data = yaml.safe_load(store.path.read_text(encoding="utf-8"))
    assert data["sync"] == {"device": "laptop", "peers": [1, 2]}
    assert data["bookmarks"][0]["colour"] == 1
    assert data["bookmarks"][0]["anchors"] == {"xpath": "/p[2]"}
    assert data["bookmarks"][0]["note"] == "new note"


def test_a_newer_format_version_is_listed_but_never_rewritten(store: BookmarkStore) -> None:
    mark = make()
    original = yaml.safe_dump({"version": 2, "bookmarks": [mark.as_dict()]})
    store.path.write_text(original, encoding="utf-8")
    assert store.load() == [mark]
    assert store.read_only and "format version 2" in str(store.error)
    saved_to = store.add(make(passage="Officials"))
    assert saved_to != store.path and saved_to.exists()
    assert store.message is not None and str(saved_to) in store.message
    assert store.path.read_text(encoding="utf-8") == original


# Never lose a bookmark --------------------------------------------------------------------


def test_python_object_tags_are_refused_not_executed(store: BookmarkStore, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    original = f"version: 1\nbookmarks:\n- !!python/object/apply:os.system ['touch {marker}']\n"
    store.path.write_text(original, encoding="utf-8")
    with pytest.raises(BookmarksFileError) as caught:
        store.load()
    assert caught.value.line == 3
    assert "python/object" in str(caught.value) and str(store.path) in str(caught.value)
    assert not marker.exists()
    assert store.read_only
    store.add(make())
    assert not marker.exists()
    assert store.path.read_text(encoding="utf-8") == original


CORRUPT_FILES = {
    "bad indentation": ("version: 1\nbookmarks:\n- id: a\n   text: b\n  start: [\n", 4),
    "not utf-8": ("version: 1\nbookmarks:\n- id: caf\xe9\n", 3),
    "control character": ("version: 1\nbookmarks:\n- id: a\x00b\n", 3),
    "top level list": ("- id: a\n  text: b\n", 1),
    "missing keys": (
        "bookmarks:\n- id: a\n  text: b\n  start: 0\n  end: 1\n  created: x\n- id: c\n",
        7,
    ),
    "offset not a number": ("bookmarks:\n- {id: a, text: b, start: x, end: 1, created: x}\n", 2),
}


@pytest.mark.parametrize(("content", "line"), CORRUPT_FILES.values(), ids=CORRUPT_FILES.keys())
def test_a_corrupt_file_is_reported_with_its_line_and_never_touched(
    store: BookmarkStore, content: str, line: int
) -> None:
    raw = content.encode("latin-1")
    store.path.write_bytes(raw)
    with pytest.raises(BookmarksFileError) as caught:
        store.load()
    assert caught.value.path == store.path and caught.value.line == line
    assert f"{store.path}, line {line}" in str(caught.value)
    assert "will not change this file" in str(caught.value)
    assert store.read_only and store.error is caught.value
    assert store.message == str(caught.value)

    mark = make()
    saved_to = store.add(mark)
    assert saved_to == store.recovery_path
    assert saved_to.parent == store.path.parent and ".recovered-" in saved_to.name
    assert BookmarkStore(saved_to).load() == [mark]
    assert store.add(make(passage="Officials")) == saved_to  # one recovery file per session
    with pytest.raises(BookmarksFileError):
        store.remove(mark.id)
    with pytest.raises(BookmarksFileError):
        store.update_note(mark.id, "note")
    assert store.path.read_bytes() == raw

    store.path.write_text("version: 1\nbookmarks: []\n", encoding="utf-8")  # fixed by hand
    assert store.load() == [] and not store.read_only and store.message is None


def test_every_truncation_of_a_file_fails_loudly_or_keeps_whole_bookmarks(
    store: BookmarkStore,
) -> None:
    marks = [
        make(note="a note", tags=["x"]),
        make(passage="Officials in Seoul said they were ready to help."),
        make(passage="Zelenskyy revealed that"),
    ]
    for mark in marks:
        store.add(mark)
    full = store.path.read_bytes()
    for cut in range(len(full)):
        store.path.write_bytes(full[:cut])
        try:
            loaded = store.load()
        except BookmarksFileError as error:
            assert error.line is not None
            continue
        assert loaded == marks[: len(loaded)], f"truncated at byte {cut}"


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_crash_mid_write_leaves_the_previous_file_intact(
    store: BookmarkStore, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    store.add(make())
    before = store.path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bookmarks_module.os, failing, crash)
    with pytest.raises(BookmarksError, match="No space left"):
        store.add(make(passage="Officials"))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == [
        "bookmarks.yaml",
        "bookmarks.yaml.lock",
    ]


def test_temp_files_left_by_a_killed_writer_are_cleaned_up(store: BookmarkStore) -> None:
    stale = store.path.parent / ".bookmarks.yaml.x1y2z3.tmp"
    stale.write_text("half a fi", encoding="utf-8")
    store.add(make())
    assert not stale.exists()


def test_without_any_file_locking_it_still_works(
    store: BookmarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bookmarks_module, "fcntl", None)
    monkeypatch.setattr(bookmarks_module, "msvcrt", None)
    mark = make()
    store.add(mark)
    assert store.load() == [mark]


def test_a_symlinked_file_stays_a_symlink_and_keeps_its_mode(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "bookmarks.yaml"
    real.parent.mkdir()
    real.write_text("version: 1\nbookmarks: []\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "bookmarks.yaml"
    link.symlink_to(real)
    mark = make()
    BookmarkStore(link).add(mark)
    assert link.is_symlink()
    assert BookmarkStore(real).load() == [mark]
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


# Finding the passage again ----------------------------------------------------------------


def test_locate_uses_the_saved_offsets_while_they_are_valid() -> None:
    mark = make()
    assert locate(mark, ARTICLE) == (mark.start, mark.end)


def test_locate_follows_the_passage_when_text_is_added_or_reflowed() -> None:
    mark = make()
    changed = "Updated at 10:00.\n\n" + ARTICLE.replace(
        "North Korean soldiers", "North\nKorean  soldiers"
    )
    start, end = locate(mark, changed)
    assert start > mark.start
    assert " ".join(changed[start:end].split()) == PASSAGE


def test_locate_picks_the_occurrence_with_the_same_context() -> None:
    repeated = "Officials in Seoul said they were ready to help."
    text = f"{repeated} The end of an intro.\n\n{ARTICLE}"
    mark = make(text=ARTICLE, passage=repeated)
    start, end = locate(mark, text)
    assert text[start:end] == repeated
    assert start > len(repeated)  # the second one: its words before match


def test_locate_finds_a_lightly_edited_passage() -> None:
    mark = make()
    changed = ARTICLE.replace("has expressed a desire", "had expressed a wish")
    start, end = locate(mark, changed)
    assert changed[start:end].startswith("one of the North Korean soldiers had expressed a wish")
    assert changed[start:end].endswith("Ukraine")


def test_locate_falls_back_to_the_context_when_the_passage_was_rewritten() -> None:
    mark = make()
    rewritten = "a prisoner told interviewers he would rather remain in the country"
    changed = ARTICLE.replace(PASSAGE, rewritten)
    start, end = locate(mark, changed)
    assert changed[start:end] == rewritten


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE.replace(PASSAGE + ",", "").replace("Zelenskyy revealed that", "It is said"),
        "An entirely different article about the weather in Lisbon, which was sunny all week.",
        "",
    ],
    ids=["passage and context gone", "other article", "empty"],
)
def test_locate_gives_up_rather_than_guess(text: str) -> None:
    assert locate(make(), text) is None


# Export and the CLI -----------------------------------------------------------------------


def test_markdown_export_quotes_each_passage_under_its_source_line() -> None:
    mark = make(text="First line\nsecond line of it.", passage="First line\nsecond line")
    text = export([mark], "md")
    assert text.startswith("# Bookmarks\n\n")
    assert (
        "**Zelenskyy open to exchanging POWs** — Reuters, 2025-01-12 — <https://example.com/pows>"
        "\n\n> First line\n> second line\n"
    ) in text


def test_yaml_and_json_exports_hold_every_field(tmp_path: Path) -> None:
    marks = [make(tags=["a"]), make(passage="Officials")]
    exported = tmp_path / "exported.yaml"
    exported.write_text(export(marks, "yaml"), encoding="utf-8")
    assert BookmarkStore(exported).load() == marks
    document = json.loads(export(marks, "json"))
    assert document["version"] == 1
    assert document["bookmarks"] == [mark.as_dict() for mark in marks]


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="newsreader")
    parser.add_argument("--bookmarks", dest="bookmarks_file", type=Path)
    command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_list_and_export(store: BookmarkStore, capsys: pytest.CaptureFixture[str]) -> None:
    mark = make(note="check")
    store.add(mark)
    assert run_cli("bookmarks") == 0
    out = capsys.readouterr().out
    assert mark.id in out and "Reuters, 2025-01-12" in out and PASSAGE in out and "check" in out

    assert run_cli("bookmarks", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [mark.as_dict()]

    for fmt in ("md", "yaml", "json"):
        assert run_cli("bookmarks", "export", "--format", fmt) == 0
        assert capsys.readouterr().out == export([mark], fmt)


def test_cli_bookmarks_option_wins_locally_or_globally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.yaml"
    mark = make()
    BookmarkStore(other).add(mark)
    assert run_cli("bookmarks", "list", "--bookmarks", str(other), "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == mark.id
    assert run_cli("--bookmarks", str(other), "bookmarks", "export", "--format", "json") == 0
    assert mark.id in capsys.readouterr().out


def test_cli_reports_a_corrupt_file_in_one_line(
    store: BookmarkStore, capsys: pytest.CaptureFixture[str]
) -> None:
    store.path.write_text("version: 1\nbookmarks: [\n", encoding="utf-8")
    assert run_cli("bookmarks", "list") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"newsreader: Bookmarks file {store.path}, line 3:")
    assert "Traceback" not in captured.err


def test_cli_reports_an_unreadable_path(
    isolated_paths: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli("--bookmarks", str(isolated_paths), "bookmarks") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(isolated_paths) in err


# Hostile bookmarks files (issue 11) -----------------------------------------------------

OSC52 = "T \x1b]52;c;SGVsbG8=\x07 \x1b[2J"
TERMINAL_CONTROLS = ("\x1b", "\x07", "\x9b", "\x85")


def hostile_bookmark() -> Bookmark:
    text = "Officials said \x1b[31mred\x9b2J here.\n\nOn two lines."
    return make(
        text,
        text,
        title=OSC52,
        outlet="Out\x9blet",
        url="",
        path="/lib/odd\nname\x1b[2J.txt",
        note="note \x1b]0;title\x07 end",
        tags=["tag\x1b[5m"],
    )


def test_cli_list_and_markdown_export_print_no_escape_sequence(
    store: BookmarkStore, capsys: pytest.CaptureFixture[str]
) -> None:
    store.add(hostile_bookmark())
    for args in (("bookmarks", "list"), ("bookmarks", "export", "--format", "md")):
        assert run_cli(*args) == 0
        out = capsys.readouterr().out
        assert not any(control in out for control in TERMINAL_CONTROLS), args
        assert "]52;c;SGVsbG8=" in out and "odd name" in out, args
    assert run_cli("bookmarks", "list") == 0
    assert len(capsys.readouterr().out.splitlines()) == 3  # source, passage, note


@pytest.mark.parametrize("args", [("list", "--json"), ("export", "--format", "json")])
def test_json_output_escapes_controls_and_keeps_them(
    store: BookmarkStore, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    mark = hostile_bookmark()
    store.add(mark)
    assert run_cli("bookmarks", *args) == 0
    out = capsys.readouterr().out
    assert not any(control in out for control in TERMINAL_CONTROLS)
    data = json.loads(out)
    assert (data if isinstance(data, list) else data["bookmarks"]) == [mark.as_dict()]


def alias_bomb(levels: int) -> str:
    lines = ['  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for number in range(1, levels):
        previous, name = chr(ord("a") + number - 1), chr(ord("a") + number)
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_an_unknown_key_is_refused_never_written_back(
    store: BookmarkStore,
) -> None:
    original = "version: 1\nsync:\n" + alias_bomb(5) + "bookmarks: []\n"
    store.path.write_text(original, encoding="utf-8")
    with pytest.raises(BookmarksFileError, match="alias"):
        store.load()
    mark = make()
    saved_to = store.add(mark)
    assert saved_to != store.path and BookmarkStore(saved_to).load() == [mark]
    assert store.path.read_text(encoding="utf-8") == original
    assert "lol" not in saved_to.read_text(encoding="utf-8")


def test_a_few_aliases_written_by_hand_still_load(store: BookmarkStore) -> None:
    mark = make()
    store.path.write_text(
        yaml.safe_dump({"version": 1, "bookmarks": [mark.as_dict()]})
        + "defaults: &d {colour: red}\nmine: *d\n",
        encoding="utf-8",
    )
    assert store.load() == [mark]


def test_a_bookmarks_file_over_the_size_limit_is_refused_with_a_message(
    store: BookmarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(make())
    monkeypatch.setattr(bookmarks_module, "MAX_FILE_CHARS", 100)
    with pytest.raises(BookmarksFileError, match="too big"):
        store.load()


def test_a_read_only_bookmarks_file_is_not_replaced_and_the_bookmark_is_kept(
    store: BookmarkStore,
) -> None:
    store.add(make())
    original = store.path.read_text(encoding="utf-8")
    store.path.chmod(0o444)
    new = make(passage="Officials in Seoul")
    saved_to = store.add(new)
    assert store.path.read_text(encoding="utf-8") == original
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o444
    assert saved_to != store.path and BookmarkStore(saved_to).load() == [new]
    assert store.message is not None and "read-only" in store.message
    with pytest.raises(BookmarksError, match="read-only"):
        store.remove(new.id)


def test_a_moved_file_is_found_by_title_and_outlet(tmp_path: Path) -> None:
    from reader.bookmarks import ArticleFinder
    from reader.library import load_library

    (tmp_path / "old").mkdir()
    article_file = tmp_path / "old" / "bridge.txt"
    article_file.write_text(
        "---\ntitle: Bridge reopens\noutlet: herald.example\n---\n"
        "The harbour bridge reopened on Monday after eight months of repairs.\n"
    )
    article = load_library([tmp_path]).articles[0]
    mark = new_bookmark(
        "The harbour bridge reopened",
        4,
        10,
        title=article.title,
        outlet=article.outlet,
        path=article.path,
    )
    (tmp_path / "new").mkdir()
    article_file.rename(tmp_path / "new" / "bridge-renamed.txt")
    moved = load_library([tmp_path]).articles
    assert ArticleFinder(moved).find(mark) == moved[0]
    assert ArticleFinder([]).find(mark) is None


def test_the_finder_hands_out_articles_as_the_library_holds_them_now(tmp_path: Path) -> None:
    """A big library lets go of its raw texts once cleaned: the finder keeps none of them."""
    from reader.bookmarks import ArticleFinder
    from reader.library import load_library

    (tmp_path / "bridge.txt").write_text(
        "---\ntitle: Bridge reopens\noutlet: herald.example\n---\nThe harbour bridge reopened.\n"
    )
    library = load_library([tmp_path])
    article = library.articles[0]
    finder = ArticleFinder(library.articles)
    mark = new_bookmark("The harbour bridge", 0, 3, title=article.title, outlet=article.outlet)
    assert finder.find(mark) == article
    library.release_raw([article.id])
    found = finder.find(mark)
    assert found is not None and found.id == article.id and found.raw == ""
