"""How background work keeps out of the way of a key press: CPU priority and garbage collection.

The analysis thread runs at a lower CPU priority than the UI thread (where the system has
per-thread priorities: Linux), and the worker processes (`reader.runner`) lower still: on two
cores busy with the analysis, the UI otherwise waited its turn for a core, and the analysis
thread, which feeds the workers, must not wait behind them.

The analysis of a big library keeps millions of objects, and each full collection over them
stopped the UI for 100-150 ms; larger young generations are no cure (a collection of 100,000
young objects took 15-40 ms). So the young generations keep Python's small thresholds (a
collection of a few thousand objects, about a millisecond), full collections wait until the
analysis is done, and then what it made is set aside for good (`gc.freeze`): it lives as
long as the app, and full collections only look at what the UI makes afterwards.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from reader.runner import BACKGROUND_NICENESS

T = TypeVar("T")

COORDINATOR_NICENESS = BACKGROUND_NICENESS // 2
"""The analysis thread's priority: below the UI's, above its worker processes'. It hands the
workers their tasks and stores what they send back; at their priority it waited its turn for
a core behind them, and they sat idle for want of the next task (the app's cold analysis of
../shared/corpora took 35 s against 23 s outside the app)."""

DEFAULT_THRESHOLDS = gc.get_threshold()
NO_FULL_COLLECTIONS = 1_000_000
"""A third-generation threshold no analysis reaches."""


def run_at_low_priority(work: Callable[[], T]) -> T:
    """`work()` in a thread of its own at a lower CPU priority (on Linux), its result or its
    exception handed back. A thread of its own because a lowered priority cannot be raised
    again, and Textual's worker threads are pooled: later work would inherit it."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        _lower_this_thread_priority()
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the caller, re-raised there
            outcome["error"] = error

    thread = threading.Thread(target=run, name="background", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _lower_this_thread_priority() -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            niceness = min(19, os.nice(0) + COORDINATOR_NICENESS)
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)


def hold_full_collections() -> None:
    """Until `analysis_settled`: only young-generation collections."""
    young, middle, _ = DEFAULT_THRESHOLDS
    gc.set_threshold(young, middle, NO_FULL_COLLECTIONS)


def analysis_settled() -> None:
    """The analysis is done: freeze what exists and let full collections run again."""
    gc.freeze()
    gc.set_threshold(*DEFAULT_THRESHOLDS)
