"""Scale benchmark: a big library opened cold and warm, first paint, memory, growth with size.

Measures, on ../shared/corpora (about 4,000 files):

- cold open to all analysis done (fresh cache folder): load, clean, stories, facts, quotes;
- warm reopen (same cache) to all analysis done;
- warm reopen to first paint of `newsreader CORPORA` vs a bare Textual app, alternately, in
  a pseudo-terminal (`bench/startup.py`'s timer): newsreader's first frame (the loading
  screen, with its progress bar), and the frame whose header shows the article count (the
  list);
- peak memory: the analysing process's own ru_maxrss, its largest worker's, and the largest
  total resident size of the process and its workers together (sampled every 50 ms);
- the app itself, cold, in a pseudo-terminal: time to its "Analysis done" notice, and the
  peak resident size of the app and its workers together;
- the CPU time of each analysis (the process and its workers): on a shared, busy machine
  steadier than the wall-clock time;
- cold time at 1x, 2x and 4x the corpus: copies with every folder and file renamed, so each
  copy's outlets (named after folders and files) are outlets of their own.

Each analysis runs in a fresh child process (`--child`), so nothing is warm in memory.

    python bench/scale.py [--max-scale 4] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import (  # noqa: E402
    ANSI_ESCAPE,
    BARE_APP,
    compile_reader,
    spawn_in_pty,
    time_to_marker,
)

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
ANALYSIS_DONE = b"Analysis done"
APP_TIMEOUT_SECONDS = 120


def child(root: Path) -> None:
    """Open `root` with the index in $NEWSREADER_CACHE_DIR, analyse it, print the figures."""
    import resource

    from reader.index import Index
    from reader.library import load_library
    from reader.workspace import Workspace

    start = time.perf_counter()
    stages: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        stages.setdefault(stage, round(time.perf_counter() - start, 2))

    library = load_library([root])
    stages["loaded"] = round(time.perf_counter() - start, 2)
    workspace = Workspace(library, index=Index.open_default())
    analysis = workspace.analyse(progress)
    seconds = time.perf_counter() - start
    figures = {
        "seconds": round(seconds, 2),
        "stages": stages,
        "articles": len(library.articles),
        "stories": sum(1 for story in analysis.stories if len(story.articles) > 1),
        "paragraphs": sum(len(workspace.cleaned(a.id).paragraphs) for a in library.articles),
        "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        "cpu_s": round(sum(_cpu(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))),
    }
    print(json.dumps(figures))


def _cpu(who: int) -> float:
    """CPU seconds (user and system) of this process or of its ended children."""
    import resource

    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def analyse_in_child(root: Path, cache: Path) -> dict[str, object]:
    """Run `child` in a new process, sampling the resident size of it and its workers."""
    env = {**os.environ, "NEWSREADER_CACHE_DIR": str(cache)}
    command = [sys.executable, __file__, "--child", str(root)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    output = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise SystemExit(f"the analysis of {root} failed (exit {process.returncode})")
    figures = json.loads(output.strip().splitlines()[-1])
    figures["tree_mb"] = peak // 2**20
    return figures


def tree_rss(pid: int) -> int:
    """Bytes resident in `pid` and all its descendants (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in family]
        family.update(children)
        frontier += children
    total = 0
    for member in family:
        try:
            total += int((Path("/proc") / str(member) / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total * PAGE_SIZE


def scaled_copy(source: Path, target: Path, copies: int) -> Path:
    """`copies` copies of `source` under `target`, every folder and file name suffixed."""
    for number in range(1, copies + 1):
        for folder, _, files in os.walk(source):
            relative = Path(folder).relative_to(source)
            renamed = Path(*(f"{part}-c{number}" for part in relative.parts))
            destination = target / f"copy{number}" / renamed
            destination.mkdir(parents=True, exist_ok=True)
            for name in files:
                stem, dot, suffix = name.partition(".")
                shutil.copy2(Path(folder) / name, destination / f"{stem}-c{number}{dot}{suffix}")
    return target


def app_env(home: Path, cache: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TERM": "xterm-256color",
        "NEWSREADER_BOOKMARKS": str(home / "bookmarks.yaml"),
        "NEWSREADER_CONFIG": str(home / "config.yaml"),
        "NEWSREADER_CACHE_DIR": str(cache),
    }


def newsreader_command() -> list[str]:
    found = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    return [found or "newsreader", str(CORPORA)]


def app_cold_open(home: Path) -> tuple[float, int]:
    """The app itself on the corpora with an empty cache, in a pseudo-terminal: seconds to its
    "Analysis done" notice, and the peak resident size of the app and its worker processes
    together (sampled every 50 ms), in MB."""
    start = time.perf_counter()
    pid, fd = spawn_in_pty(newsreader_command(), app_env(home, home / "cache-app"))
    seen, peak = b"", 0
    try:
        while time.perf_counter() - start < APP_TIMEOUT_SECONDS:
            peak = max(peak, tree_rss(pid))
            if not select.select([fd], [], [], 0.05)[0]:
                continue
            try:
                seen = (seen + ANSI_ESCAPE.sub(b"", os.read(fd, 65536)))[-4096:]
            except OSError:
                break
            if ANALYSIS_DONE in seen:
                return time.perf_counter() - start, peak // 2**20
        raise RuntimeError("the app never said the analysis was done")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def first_paint(cache: Path, articles: int, rounds: int, home: Path) -> tuple[float, float, float]:
    """Median seconds to the first frame of a bare Textual app, to newsreader's first frame
    (its loading screen), and to newsreader's list of the corpora."""
    env = app_env(home, cache)
    bare_script = home / "bare.py"
    bare_script.write_text(BARE_APP)
    newsreader = newsreader_command()
    compile_reader()
    list_marker = f"{articles:,} articles".encode()
    bare, first_frame, listed = [], [], []
    for _ in range(rounds):
        bare.append(time_to_marker([sys.executable, str(bare_script)], b"bare-app-ready", env))
        first_frame.append(time_to_marker(newsreader, b"Reading", env))
        listed.append(time_to_marker(newsreader, list_marker, env))
    return statistics.median(bare), statistics.median(first_frame), statistics.median(listed)


def report(label: str, figures: dict[str, object]) -> None:
    print(
        f"{label:<22} {figures['seconds']:6.1f} s  articles {figures['articles']:,}"
        f"  stories {figures['stories']:,}  paragraphs {figures['paragraphs']:,}"
    )
    print(f"{'':<22} stages at (s): {figures['stages']}")
    print(f"{'':<22} CPU time of the process and its workers: {figures['cpu_s']} s")
    print(
        f"{'':<22} memory: process {figures['self_mb']} MB, largest worker "
        f"{figures['worker_mb']} MB, process and workers together {figures['tree_mb']} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-scale", type=int, default=4, choices=(1, 2, 4))
    parser.add_argument("--rounds", type=int, default=3, help="first-paint rounds")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child)
        return
    if not CORPORA.is_dir():
        raise SystemExit(f"The corpora are not at {CORPORA}: nothing to measure.")
    print(f"corpora: {CORPORA}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        cache = home / "cache"
        cold = analyse_in_child(CORPORA, cache)
        report("cold open (1x)", cold)
        report("warm reopen", analyse_in_child(CORPORA, cache))
        bare, first_frame, listed = first_paint(cache, int(cold["articles"]), options.rounds, home)
        print(
            f"first paint, warm      bare Textual {bare * 1000:.0f} ms, newsreader "
            f"{first_frame * 1000:.0f} ms, ratio {first_frame / bare:.2f} (target <= 1.5)"
        )
        print(f"list shown, warm       {listed * 1000:.0f} ms (target: within a second)")
        seconds, peak_mb = app_cold_open(home)
        print(
            f"the app, cold          analysis done after {seconds:.1f} s; peak memory of the app"
            f" and its workers together {peak_mb} MB"
        )
        for scale in (2, 4):
            if scale > options.max_scale:
                break
            library = scaled_copy(CORPORA, home / f"x{scale}", scale)
            figures = analyse_in_child(library, home / f"cache-x{scale}")
            report(f"cold open ({scale}x)", figures)
            print(f"{'':<22} {figures['seconds'] / cold['seconds']:.2f} times the 1x time")
            shutil.rmtree(library)


if __name__ == "__main__":
    main()
