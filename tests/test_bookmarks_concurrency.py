"""Real processes writing one bookmarks file: none lost to a race, none lost to SIGKILL."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL and flock")

# Adds `count` bookmarks to the file, printing each id once `add` has returned.
WRITER = """
import sys
from pathlib import Path
from reader.bookmarks import BookmarkStore, new_bookmark

path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = BookmarkStore(path)
text = "The minister said on Tuesday that the talks would resume next week in Geneva."
for number in range(count):
    mark = new_bookmark(text, 4, 40, title=f"{name} {number}", outlet=name, note=f"{number}")
    store.add(mark)
    sys.stdout.write(mark.id + "\\n")
    sys.stdout.flush()
"""


def start_writer(path: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )


def first_line(writer: subprocess.Popen[str], timeout: float = 10) -> str:
    """The writer's first line; fail instead of hanging if it never comes (a stuck lock)."""
    assert writer.stdout is not None
    ready, _, _ = select.select([writer.stdout], [], [], timeout)
    if not ready:
        writer.kill()
        pytest.fail("the writer saved nothing: is the lock of a killed writer still held?")
    return writer.stdout.readline().strip()


def test_two_processes_adding_100_each_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    writers = [start_writer(path, name, 100) for name in ("left", "right")]
    outputs = [writer.communicate(timeout=120)[0] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0]

    saved = {line for output in outputs for line in output.split()}
    ids = [mark.id for mark in BookmarkStore(path).load()]
    assert len(saved) == 200
    assert len(ids) == 200 and set(ids) == saved


def test_a_writer_killed_at_random_moments_never_loses_a_saved_bookmark(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    chance = random.Random(20250112)
    saved: set[str] = set()
    for round_number in range(30):
        writer = start_writer(path, f"round{round_number}", 100_000)
        saved.add(first_line(writer))  # it is now inside its loop of saves
        time.sleep(chance.uniform(0, 0.03))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate(timeout=10)
        saved.update(line for line in rest.splitlines() if line)

        ids = {mark.id for mark in BookmarkStore(path).load()}  # raises if it does not parse
        assert saved <= ids, f"round {round_number}: lost {saved - ids}"

    # Some kills land between mkstemp and os.replace (about 1 in 6 here, on ext4); the temp
    # file they leave is removed by the next save.
    assert len(list(path.parent.glob(".bookmarks.yaml.*.tmp"))) <= 1
