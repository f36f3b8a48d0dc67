"""Worker processes (they start even under a full-screen UI) and a big library's raw texts."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import reader.workspace as workspace_module
from reader.library import UnreadableFile, load_library
from reader.workspace import Workspace

UI_LIKE_STDERR = """
import io, sys
import threading
from reader.runner import Runner

class CapturedStream(io.StringIO):
    def fileno(self):
        return -1  # what Textual's print capture answers

sys.stderr = CapturedStream()
runner = Runner(2, threading.Event())
print("workers" if runner.parallel and list(runner.map([(pow, (2, 5))])) == [32] else "none")
runner.close()
"""


def test_worker_processes_start_under_a_ui_that_captures_stderr() -> None:
    code = textwrap.dedent(UI_LIKE_STDERR)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "workers"


def test_worker_processes_yield_the_cpu_to_the_app() -> None:
    from reader.runner import BACKGROUND_NICENESS, Runner

    runner = Runner(2, threading.Event())
    assert runner.parallel
    try:
        (worker_niceness,) = runner.map([(os.nice, (0,))])
    finally:
        runner.close()
    assert worker_niceness == min(19, os.nice(0) + BACKGROUND_NICENESS)


def test_tasks_of_two_kinds_come_back_each_with_its_label() -> None:
    from reader.runner import Runner, labelled

    powers = [labelled("power", (pow, (2, n))) for n in range(6)]
    runner = Runner(2, threading.Event())
    assert runner.parallel
    try:
        results = list(runner.map([labelled("sum", (sum, ([1, 2, 3],))), *powers]))
    finally:
        runner.close()
    assert sorted(results) == sorted([("sum", 6)] + [("power", 2**n) for n in range(6)])


def threads_after_a_matrix_product() -> int:
    """The threads of this process once numpy has multiplied two big matrices (a task)."""
    import numpy

    matrix = numpy.ones((600, 600), dtype=numpy.float32)
    matrix @ matrix
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_numpy_in_a_worker_process_runs_on_its_one_thread() -> None:
    from reader.runner import Runner

    runner = Runner(2, threading.Event())
    assert runner.parallel
    try:
        (threads,) = runner.map([(threads_after_a_matrix_product, ())])
    finally:
        runner.close()
    assert threads == 1


def test_a_stop_ends_the_worker_processes_at_once() -> None:
    import time

    from reader.runner import AnalysisStopped, Runner

    stopped = threading.Event()
    runner = Runner(2, stopped)
    results = runner.map([(time.sleep, (30,)) for _ in range(4)])
    started = time.monotonic()
    stopped.set()
    runner.end()
    with pytest.raises(AnalysisStopped):
        next(results)
    runner.close()
    assert time.monotonic() - started < 10


@pytest.fixture
def big_library(seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seeds that counts as a big library: raw texts are let go once cleaned."""
    monkeypatch.setattr(workspace_module, "RAW_RELEASED_FROM", 1)
    folder = tmp_path / "library"
    shutil.copytree(seeds, folder)
    return folder


def test_a_big_library_reads_raw_text_again_for_the_raw_view(big_library: Path) -> None:
    workspace = Workspace(load_library([big_library]), workers=1)
    article = workspace.articles[0]
    workspace.clean_all()
    assert workspace.article(article.id).raw == ""
    raw, removed = workspace.raw_view(article.id)
    assert raw == article.raw
    assert removed == workspace.cleaned(article.id).removed != ()


def test_the_raw_view_shows_a_file_changed_since_as_it_is_now(big_library: Path) -> None:
    workspace = Workspace(load_library([big_library]), workers=1)
    article = workspace.articles[0]
    workspace.clean_all()
    article.path.write_text(article.raw + "\nLEAVE A REPLY\n", encoding="utf-8")
    raw, removed = workspace.raw_view(article.id)
    assert raw.endswith("LEAVE A REPLY\n")
    assert "LEAVE A REPLY" in {line.text for line in removed}


def test_the_raw_view_of_a_deleted_file_says_it_cannot_be_read(big_library: Path) -> None:
    workspace = Workspace(load_library([big_library]), workers=1)
    article = workspace.articles[0]
    workspace.clean_all()
    article.path.unlink()
    with pytest.raises(UnreadableFile):
        workspace.raw_view(article.id)


def test_one_file_the_cleaner_fails_on_does_not_end_the_analysis(
    tmp_path: Path, monkeypatch
) -> None:
    import reader.clean

    def broken_parser(html: str):
        raise ImportError("no module named lxml_html_clean")

    monkeypatch.setattr(reader.clean, "clean_html", broken_parser)
    (tmp_path / "page.html").write_text("<html><body><p>Hello there.</p></body></html>")
    shutil.copy(Path(__file__).parent.parent / "seeds" / "000_e9434feffba2dee6.txt", tmp_path)
    library = load_library([tmp_path])
    workspace = Workspace(library, workers=1)
    analysis = workspace.analyse()
    page = next(a for a in library.articles if a.path.name == "page.html")
    seed = next(a for a in library.articles if a.path.name != "page.html")
    assert "could not be cleaned" in workspace.problems()[page.id]
    assert "lxml_html_clean" in workspace.problems()[page.id]
    assert workspace.cleaned(seed.id).paragraphs
    assert seed.id in analysis.story_of


def test_the_analysis_cuts_a_saga_by_the_articles_dates(tmp_path: Path) -> None:
    """Dates from the files' front matter reach the story grouping, as in the app and CLI."""
    from test_stories import STRIKE_DEAL, STRIKE_START

    for name, articles in (("start", STRIKE_START), ("deal", STRIKE_DEAL)):
        for outlet, day, title, text in articles:
            front = f"---\ntitle: {title}\noutlet: {outlet}\ndate: {day}\n---\n"
            (tmp_path / f"{name}-{outlet}.txt").write_text(f"{front}{title}\n\n{text}\n")
    workspace = Workspace(load_library([tmp_path]), workers=1)
    analysis = workspace.analyse()

    def event(story) -> set[str]:
        return {workspace.article(a).path.name.split("-")[0] for a in story.articles}

    assert all(len(event(story)) == 1 for story in analysis.stories)
    threads: dict[str, set[str]] = {}
    for story in analysis.stories:
        if story.thread:
            threads.setdefault(story.thread, set()).update(event(story))
    assert {"start", "deal"} in threads.values()
    assert {"2026-03-03", "2026-03-24"} <= {story.date for story in analysis.stories}


def test_a_chunk_of_stories_leaves_the_word_caches_empty(tmp_path: Path) -> None:
    """A worker's caches of words, names and sentences last one task (kept, they made it grow
    by a third over the facts stage); the task's results are the story's all the same."""
    from reader import facts, names, paraphrase, text
    from reader.runner import packed, unpacked
    from reader.stories import Story
    from reader.tasks import story_result, story_task

    from test_stories import STRIKE_START

    for outlet, day, title, body in STRIKE_START:
        front = f"---\ntitle: {title}\noutlet: {outlet}\ndate: {day}\n---\n"
        (tmp_path / f"{outlet}.txt").write_text(f"{front}{title}\n\n{body}\n")
    workspace = Workspace(load_library([tmp_path]), workers=1)
    members = workspace.docs()
    story = Story("strike", tuple(doc.id for doc in members))
    expected, _ = story_result(story, members, {})
    (found,) = unpacked(story_task(packed([(story, members, {})])))
    story_id, pickled, _ = found
    assert story_id == "strike" and pickle.loads(pickled) == expected
    caches = (facts._stem_key, facts._word_keys, names.fold, names._names_in, text.stem)
    assert all(cache.cache_info().currsize == 0 for cache in caches)
    assert not paraphrase._VECTORS
