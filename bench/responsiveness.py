"""Key-press-to-repaint while the background analysis runs (target: <= 50 ms).

Starts `newsreader ../shared/corpora` in a pseudo-terminal with an empty cache, waits until the
analysis is under way, then presses `j` (next article) again and again and times each press to
the moment the next article's title is drawn. Prints the median, 90th percentile and worst.

    python bench/responsiveness.py [--presses 30]
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from startup import ANSI_ESCAPE, spawn_in_pty

from reader.library import load_library

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
ANALYSIS_MARKER = b"Cleaning"
WAIT_SECONDS = 10


def read_until(fd: int, marker: bytes, timeout: float) -> float | None:
    """Seconds until `marker` is drawn (ANSI codes stripped), or None on timeout."""
    start = time.perf_counter()
    seen = b""
    while time.perf_counter() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.005)
        if ready:
            seen += os.read(fd, 65536)
            if marker in ANSI_ESCAPE.sub(b"", seen):
                return time.perf_counter() - start
    return None


def drain(fd: int) -> None:
    while select.select([fd], [], [], 0)[0]:
        os.read(fd, 65536)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=30)
    options = parser.parse_args()
    if not CORPORA.is_dir():
        sys.exit(f"{CORPORA} is not there: this benchmark needs ../shared/corpora")
    titles = [" ".join(a.title.split()[:3]) for a in load_library([CORPORA]).articles]
    newsreader = shutil.which("newsreader", path=str(Path(sys.executable).parent)) or "newsreader"
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TERM": "xterm-256color", "NEWSREADER_CACHE_DIR": f"{home}/cache"}
        env["NEWSREADER_BOOKMARKS"] = f"{home}/bookmarks.yaml"
        env["NEWSREADER_CONFIG"] = f"{home}/config.yaml"
        pid, fd = spawn_in_pty([newsreader, str(CORPORA)], env)
        try:
            if read_until(fd, ANALYSIS_MARKER, 30) is None:
                sys.exit("the analysis never started")
            latencies = press_and_time(fd, titles, options.presses)
        finally:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    latencies.sort()
    print(f"{len(latencies)} presses of j during the analysis of {len(titles):,} articles")
    print(f"median {statistics.median(latencies) * 1000:.0f} ms")
    print(f"p90    {latencies[int(len(latencies) * 0.9) - 1] * 1000:.0f} ms")
    print(f"worst  {latencies[-1] * 1000:.0f} ms (target <= 50 ms)")


def press_and_time(fd: int, titles: list[str], presses: int) -> list[float]:
    latencies = []
    for index in range(1, presses + 1):
        time.sleep(0.25)
        drain(fd)
        start = time.perf_counter()
        os.write(fd, b"j")
        found = read_until(fd, titles[index].encode(), WAIT_SECONDS)
        if found is not None:
            latencies.append(time.perf_counter() - start)
    return latencies


if __name__ == "__main__":
    main()
