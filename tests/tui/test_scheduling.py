"""Background work at a low priority, in a thread of its own."""

from __future__ import annotations

import os

import pytest

from reader.tui.scheduling import run_at_low_priority


def test_work_runs_elsewhere_and_its_result_or_error_comes_back() -> None:
    caller_niceness = os.nice(0)
    assert run_at_low_priority(lambda: 6 * 7) == 42
    with pytest.raises(ZeroDivisionError):
        run_at_low_priority(lambda: 1 / 0)
    assert os.nice(0) == caller_niceness
