"""`--library DIR` and `--feeds FILE` accepted after the subcommand too (`newsreader fetch
--library DIR`), as before it; the top-level parser turns them into the environment."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.paths import FEEDS_ENV, LIBRARY_ENV


def add_library_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        dest="library_dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"where fetched articles are stored (env {LIBRARY_ENV})",
    )
    parser.add_argument(
        "--feeds",
        dest="feeds_file",
        type=Path,
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=f"subscriptions file (env {FEEDS_ENV})",
    )
