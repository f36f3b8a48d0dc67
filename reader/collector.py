"""The cyclic garbage collector paused around work that makes many objects in no cycle."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block (or, as a decorator, the function) with the cyclic collector paused.

    Work that makes hundreds of thousands of small objects (unpickling a big analysis, a
    story's tokens and mentions) sets off collection after collection, each walking every
    object of the process, and none finds anything: the objects are in no reference cycle.
    The collector is restored to what it was (a nested pause leaves it paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
