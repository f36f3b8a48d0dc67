"""Background work at a low priority, in a thread of its own."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from reader.tui.scheduling import run_at_low_priority


def test_work_runs_elsewhere_and_its_result_or_error_comes_back() -> None:
    caller_niceness = os.nice(0)
    assert run_at_low_priority(lambda: 6 * 7) == 42
    with pytest.raises(ZeroDivisionError):
        run_at_low_priority(lambda: 1 / 0)
    assert os.nice(0) == caller_niceness


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priorities")
def test_the_analysis_thread_runs_below_the_ui_and_above_its_workers() -> None:
    from reader.runner import BACKGROUND_NICENESS

    def own_niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    ui = own_niceness()
    analysis = run_at_low_priority(own_niceness)
    assert ui < analysis < min(19, ui + BACKGROUND_NICENESS)
