"""The index: cache hits and misses, a deleted or corrupt file, two writers, body search."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import reader.tasks as tasks_module
import reader.workspace as workspace_module
from reader.clean import CleanedArticle, PageMetadata
from reader.index import INDEX_FILE, FileKey, Index, fts_query
from reader.library import load_library
from reader.paths import cache_dir
from reader.workspace import AnalysisStopped, Workspace


@pytest.fixture
def library_dir(seeds: Path, tmp_path: Path) -> Path:
    """A copy of the seeds that tests may change."""
    folder = tmp_path / "library"
    shutil.copytree(seeds, folder)
    return folder


@pytest.fixture
def cleaned_ids(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles cleaned (not taken from the index) from now on."""
    calls: list[str] = []
    real = workspace_module.clean_article_file

    def counting(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(article.id)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(workspace_module, "clean_article_file", counting)
    monkeypatch.setattr(tasks_module, "clean_article_file", counting)
    return calls


def open_workspace(folder: Path) -> Workspace:
    return Workspace(load_library([folder]), index=Index.open_default(), workers=1)


def index_path() -> Path:
    return cache_dir() / INDEX_FILE


def test_unchanged_files_are_taken_from_the_index(
    library_dir: Path, cleaned_ids: list[str]
) -> None:
    first = open_workspace(library_dir)
    first.clean_all()
    assert len(cleaned_ids) == len(first.articles)
    cleaned_ids.clear()
    second = open_workspace(library_dir)
    second.clean_all()
    assert cleaned_ids == []
    assert [second.cleaned(a.id) for a in second.articles] == [
        first.cleaned(a.id) for a in first.articles
    ]


def test_a_changed_file_is_cleaned_again(library_dir: Path, cleaned_ids: list[str]) -> None:
    open_workspace(library_dir).clean_all()
    changed = sorted(library_dir.iterdir())[1]
    changed.write_text(changed.read_text().replace("soldiers", "troopers"))
    touched = sorted(library_dir.iterdir())[3]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    cleaned_ids.clear()
    workspace = open_workspace(library_dir)
    workspace.clean_all()
    by_path = {a.path: a.id for a in workspace.articles}
    assert {by_path[changed], by_path[touched]} <= set(cleaned_ids)
    assert "troopers" in workspace.cleaned(by_path[changed]).text


def test_a_deleted_index_is_rebuilt(library_dir: Path, cleaned_ids: list[str]) -> None:
    workspace = open_workspace(library_dir)
    workspace.clean_all()
    workspace.index.close()
    for file in index_path().parent.iterdir():
        file.unlink()
    cleaned_ids.clear()
    open_workspace(library_dir).clean_all()
    assert len(cleaned_ids) == 5 and index_path().exists()
    cleaned_ids.clear()
    open_workspace(library_dir).clean_all()
    assert cleaned_ids == []


def test_a_corrupt_index_is_rebuilt_without_error(
    library_dir: Path, cleaned_ids: list[str]
) -> None:
    index_path().parent.mkdir(parents=True)
    index_path().write_bytes(os.urandom(64 * 1024))
    workspace = open_workspace(library_dir)
    workspace.analyse()
    assert workspace.search("Ukrainian")
    cleaned_ids.clear()
    open_workspace(library_dir).clean_all()
    assert cleaned_ids == []
    assert (index_path().parent / (INDEX_FILE + ".corrupt")).exists()


def test_an_index_damaged_while_open_is_rebuilt_without_error(library_dir: Path) -> None:
    workspace = open_workspace(library_dir)
    workspace.clean_all()
    index_path().write_bytes(os.urandom(64 * 1024))
    (index_path().parent / (INDEX_FILE + "-wal")).unlink(missing_ok=True)
    assert open_workspace(library_dir).analyse().stories
    workspace.search("Ukrainian")
    workspace.analyse()


def test_a_warm_analysis_is_not_worked_out_again(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_workspace(library_dir).analyse()

    def fail(*args: object) -> None:
        raise AssertionError("recomputed")

    for task in ("group_task", "quotes_task", "story_task"):
        monkeypatch.setattr(f"reader.pipeline.{task}", fail)
    monkeypatch.setattr("reader.workspace.story_result", fail)
    again = open_workspace(library_dir).analyse()
    assert again.stories == first.stories
    ids = [story.id for story in first.stories]
    assert [again.facts[i] for i in ids] == [first.facts[i] for i in ids]
    assert [again.quotes[i] for i in ids] == [first.quotes[i] for i in ids]


def test_rows_of_another_analysis_version_are_ignored(
    library_dir: Path, cleaned_ids: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    open_workspace(library_dir).clean_all()
    for module in ("reader.index", "reader.cache_keys"):
        monkeypatch.setattr(f"{module}.version", lambda: "another version")
    cleaned_ids.clear()
    open_workspace(library_dir).clean_all()
    assert len(cleaned_ids) == 5


def test_worker_processes_give_the_same_analysis(library_dir: Path) -> None:
    alone = Workspace(load_library([library_dir]), workers=1).analyse()
    pooled = Workspace(load_library([library_dir]), workers=2).analyse()
    assert pooled.stories == alone.stories
    assert pooled.quotes == alone.quotes
    assert [f.shared for f in pooled.facts.values()] == [f.shared for f in alone.facts.values()]


# Two processes --------------------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from reader.clean import CleanedArticle, PageMetadata
from reader.index import FileKey, Index

index = Index(Path(sys.argv[1]))
name = sys.argv[2]
for batch in range(40):
    rows = []
    for n in range(10):
        path = f"/shared/{n}.txt" if n < 3 else f"/{name}/{batch}-{n}.txt"
        text = f"{name} wrote paragraph {batch} {n} about the harbour."
        article = CleanedArticle((text,), (), PageMetadata())
        rows.append((FileKey(path, 1, 1, name), "g", "f", article))
    index.store(rows)
    index.put_blobs({f"{name}:{batch}": list(range(100))})
print("ok")
"""


def test_two_processes_writing_at_once_do_not_corrupt_it(tmp_path: Path) -> None:
    path = tmp_path / INDEX_FILE
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name], stdout=subprocess.PIPE)
        for name in ("left", "right")
    ]
    outputs = [writer.communicate(timeout=60)[0] for writer in writers]
    assert outputs == [b"ok\n", b"ok\n"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM files").fetchone() == (3 + 2 * 40 * 7,)
        assert db.execute("SELECT count(*) FROM blobs").fetchone() == (80,)
    index = Index(path)
    assert len(index.search("harbour", limit=1000)) == 3 + 2 * 40 * 7
    assert len(index.search("paragraph 39 9", limit=10)) == 2


# Search ---------------------------------------------------------------------------------


def test_search_finds_the_word_in_its_sentence(seeds: Path) -> None:
    workspace = open_workspace(seeds)
    workspace.clean_all()
    hits = workspace.search("captured")
    assert hits
    for hit in hits:
        text = workspace.cleaned(hit.article_id).text
        assert text[hit.start : hit.end].lower() == "captured"
        sentence_start = text.rfind(hit.sentence, 0, hit.start + len(hit.sentence))
        assert 0 <= sentence_start <= hit.start < hit.end <= sentence_start + len(hit.sentence)


def test_search_needs_every_word_and_supports_prefixes(seeds: Path) -> None:
    workspace = open_workspace(seeds)
    workspace.clean_all()
    both = workspace.search("Kursk soldiers")
    assert both and all("Kursk" in workspace.cleaned(h.article_id).text for h in both)
    assert workspace.search("Zelensk*")
    assert workspace.search("xylophonist") == []


@pytest.mark.parametrize(
    "query", ['"', "*", "AND OR", "NEAR(", 'soldiers" OR "', "-", "^", "a:b", "(", "", "  "]
)
def test_hostile_queries_do_not_raise(seeds: Path, query: str) -> None:
    workspace = open_workspace(seeds)
    workspace.clean_all()
    assert isinstance(workspace.search(query), list)


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('say "hi" NEAR( x*') == '"say" """hi""" "NEAR(" "x"*'


def test_search_without_fts5_says_it_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.index._FTS_SCHEMA", "CREATE VIRTUAL TABLE t USING fts5_absent(x)")
    index = Index(tmp_path / INDEX_FILE)
    assert not index.search_available and index.search_problem
    article = CleanedArticle(("The harbour reopened.",), (), PageMetadata())
    index.store([(FileKey("/a.txt", 1, 1, "h"), "g", "f", article)])
    assert index.search("harbour") == []
    assert index.lookup([FileKey("/a.txt", 1, 1, "h")])


@pytest.mark.parametrize("workers", [1, 2])
def test_stop_ends_a_running_analysis(library_dir: Path, workers: int) -> None:
    workspace = Workspace(load_library([library_dir]), workers=workers)

    def stop_at_once(stage: str, done: int, total: int) -> None:
        workspace.stop()

    with pytest.raises(AnalysisStopped):
        workspace.analyse(stop_at_once)


def test_guessed_metadata_is_kept_per_file_and_per_code_version(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.index

    library = load_library([library_dir])
    root = os.path.abspath(library_dir)
    Index.open_default().remember_guesses(library.articles, known=())
    known = Index.open_default().known_guesses([root])
    assert known == {a.stamp: a.guesses for a in library.articles}
    assert Index.open_default().known_guesses([str(library_dir.parent)]) == {}
    monkeypatch.setattr(reader.index, "guessing_version", lambda: "another version")
    assert Index.open_default().known_guesses([root]) == {}


def test_the_code_version_covers_every_module_the_analysis_runs() -> None:
    """Derived from the task module's imports, lazy ones included: editing any of these makes
    cached results misses."""
    from reader.cache_keys import modules_run_by

    run = modules_run_by("reader.tasks")
    assert {"reader.facts", "reader.quotes", "reader.stories", "reader.clean"} <= run
    assert {"reader.text", "reader.names", "reader.metadata"} <= run
    assert not any(name.startswith(("reader.tui", "reader.index")) for name in run)


def test_imports_are_read_from_every_line_that_runs(tmp_path: Path) -> None:
    from reader.cache_keys import _reader_imports

    source = tmp_path / "module.py"
    source.write_text(
        "from __future__ import annotations\n"
        "import os, reader.text as text\n"
        "from typing import TYPE_CHECKING\n"
        "from reader import (\n    facts,\n    names as n,\n)\n"
        "if TYPE_CHECKING:\n    from reader.index import Index\n\n    import reader.tui\n"
        "else:\n    import reader.stories\n"
        "def later():\n    from reader.quotes import extract_quotes  # lazy\n",
        encoding="utf-8",
    )
    found = set(_reader_imports(source))
    assert found == {
        "reader", "reader.text", "reader.facts", "reader.names", "reader.stories",
        "reader.quotes", "reader.quotes.extract_quotes",
    }  # fmt: skip


def test_a_file_name_that_is_not_utf8_is_cached_and_searched(library_dir: Path) -> None:
    odd = library_dir / os.fsdecode(b"caf\xe9.txt")
    (library_dir / "000_e9434feffba2dee6.txt").rename(odd)
    for _ in range(2):  # cold, then from the index
        workspace = open_workspace(library_dir)
        workspace.clean_all()
        article = next(a for a in workspace.articles if a.path == odd)
        assert any(hit.article_id == article.id for hit in workspace.search("Zelenskyy"))
    library = load_library([library_dir])
    Index.open_default().remember_guesses(library.articles, known=())
    known = Index.open_default().known_guesses([os.path.abspath(library_dir)])
    assert len(known) == len(library.articles) - 1  # the odd name is guessed again, no more
