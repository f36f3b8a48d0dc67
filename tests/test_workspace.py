"""Worker processes: they start even after a full-screen UI has replaced the standard streams."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

UI_LIKE_STDERR = """
import io, sys
from reader.workspace import _start_executor

class CapturedStream(io.StringIO):
    def fileno(self):
        return -1  # what Textual's print capture answers

sys.stderr = CapturedStream()
executor = _start_executor(2)
print("workers" if executor and executor.submit(pow, 2, 5).result() == 32 else "no workers")
"""


def test_worker_processes_start_under_a_ui_that_captures_stderr() -> None:
    code = textwrap.dedent(UI_LIKE_STDERR)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "workers"


def test_worker_processes_yield_the_cpu_to_the_app() -> None:
    from reader.workspace import WORKER_NICENESS, _end_executor, _start_executor

    executor = _start_executor(2)
    assert executor is not None
    try:
        worker_niceness = executor.submit(os.nice, 0).result(timeout=60)
    finally:
        _end_executor(executor)
    assert worker_niceness == min(19, os.nice(0) + WORKER_NICENESS)
