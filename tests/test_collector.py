from __future__ import annotations

import gc

import pytest

from reader.collector import collector_paused


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_nested_pause_leaves_it_paused_and_an_error_restores_it() -> None:
    with pytest.raises(ValueError), collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_as_a_decorator_it_pauses_every_call() -> None:
    @collector_paused()
    def enabled() -> bool:
        return gc.isenabled()

    assert (enabled(), enabled(), gc.isenabled()) == (False, False, True)
