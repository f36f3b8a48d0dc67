"""Worker processes: they start even after a full-screen UI has replaced the standard streams."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import reader.tui.app as app_module

UI_LIKE_STDERR = """
import io, sys
from reader.workspace import _start_executor, prepare_worker_processes

class CapturedStream(io.StringIO):
    def fileno(self):
        return -1  # what Textual's print capture answers

{prepare}
sys.stderr = CapturedStream()
executor = _start_executor(2)
print("workers" if executor and executor.submit(pow, 2, 5).result() == 32 else "no workers")
"""


def run_with_captured_stderr(prepare: str) -> str:
    code = textwrap.dedent(UI_LIKE_STDERR.format(prepare=prepare))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return done.stdout.strip()


def test_worker_processes_start_under_a_ui_once_prepared() -> None:
    assert run_with_captured_stderr("") == "no workers"
    assert run_with_captured_stderr("prepare_worker_processes()") == "workers"


def test_the_app_prepares_worker_processes_for_a_big_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared: list[bool] = []
    monkeypatch.setattr("reader.workspace.prepare_worker_processes", lambda: prepared.append(True))
    monkeypatch.setattr(app_module.NewsReaderApp, "run", lambda self: None)
    monkeypatch.setattr(app_module, "LOAD_BEFORE_START_LIMIT", 1)
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text("Harbour reopens\n\nShips sailed again today.\n")
    app_module.run_app([tmp_path])
    assert prepared == [True]


def test_worker_processes_yield_the_cpu_to_the_app() -> None:
    from reader.workspace import WORKER_NICENESS, _end_executor, _start_executor

    executor = _start_executor(2)
    assert executor is not None
    try:
        worker_niceness = executor.submit(os.nice, 0).result(timeout=60)
    finally:
        _end_executor(executor)
    assert worker_niceness == min(19, os.nice(0) + WORKER_NICENESS)
