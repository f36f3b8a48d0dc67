"""Startup benchmark: process start to first painted frame, newsreader vs a bare Textual app.

Both run in a pseudo-terminal (120x40), alternately, for several rounds; a run ends when its
marker text has been drawn: for newsreader, words of the first article's body, so the frame
counted holds the list, the header and the article. Prints both medians and the ratio
(target: <= 1.3). The `reader` package is compiled to bytecode first, as an installed one is.

    python bench/startup.py [--rounds 7] [-- NEWSREADER ARGS...]
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare-app-ready")
        yield Footer()

Bare().run()
"""
ANSI_ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[PX^_][^\x1b]*\x1b\\|.)")
BODY_MARKER = b"Ukrainian President"
"""Words of the first seed's body: the frame counts once the article itself is drawn."""
TIMEOUT_SECONDS = 30
COLUMNS, ROWS = 120, 40


def compile_reader() -> None:
    """Write the bytecode of the `reader` package, as `pip install` does: without it (an
    editable install, or PYTHONDONTWRITEBYTECODE set) every start compiles each module from
    source, which the bare app, whose Textual was installed compiled, never pays."""
    import reader

    compileall.compile_dir(Path(reader.__file__).parent, quiet=1)


def spawn_in_pty(command: list[str], env: dict[str, str]) -> tuple[int, int]:
    """Start `command` in a COLUMNS x ROWS pseudo-terminal; returns (pid, terminal fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(command[0], command, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    return pid, fd


def time_to_marker(command: list[str], marker: bytes, env: dict[str, str]) -> float:
    """Seconds from fork to the moment `marker` appears on the (pseudo) screen."""
    start = time.perf_counter()
    pid, fd = spawn_in_pty(command, env)
    screen = b""
    try:
        while time.perf_counter() - start < TIMEOUT_SECONDS:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            screen += chunk
            if marker in ANSI_ESCAPE.sub(b"", screen):
                return time.perf_counter() - start
        raise RuntimeError(f"{command[0]} never drew {marker!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("args", nargs="*", help="extra arguments for newsreader")
    options = parser.parse_args()
    newsreader = shutil.which("newsreader", path=str(Path(sys.executable).parent)) or "newsreader"
    compile_reader()
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "NEWSREADER_BOOKMARKS": f"{home}/bookmarks.yaml",
            "NEWSREADER_CONFIG": f"{home}/config.yaml",
            "NEWSREADER_CACHE_DIR": f"{home}/cache",
        }
        bare_script = Path(home) / "bare.py"
        bare_script.write_text(BARE_APP)
        runs = {"bare": [], "newsreader": []}
        for _ in range(options.rounds):
            runs["bare"].append(
                time_to_marker([sys.executable, str(bare_script)], b"bare-app-ready", env)
            )
            runs["newsreader"].append(time_to_marker([newsreader, *options.args], BODY_MARKER, env))
    bare = statistics.median(runs["bare"])
    ours = statistics.median(runs["newsreader"])
    print(f"rounds: {options.rounds} (alternating), terminal {COLUMNS}x{ROWS}")
    print(f"bare Textual app   median {bare * 1000:7.1f} ms")
    print(f"newsreader (seeds) median {ours * 1000:7.1f} ms")
    print(f"ratio {ours / bare:.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
