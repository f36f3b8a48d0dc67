"""A library with site furniture: three copies of one story from one outlet share a line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main

FURNITURE = (
    "The Harbour Gazette has covered the war in Ukraine from its newsroom in Kyiv since the"
    " invasion began."
)
ONE_OUTLET = ("000_e9434feffba2dee6", "002_9fec8d9dde32483a", "003_e0a66e3af4298884")


@pytest.fixture
def furnished_library(seeds: Path, tmp_path: Path) -> Path:
    """The seeds, three of them given one outlet and one repeated line of site furniture."""
    folder = tmp_path / "library"
    folder.mkdir()
    for seed in sorted(seeds.glob("*.txt")):
        if seed.stem not in ONE_OUTLET:
            shutil.copy(seed, folder)
            continue
        lines = seed.read_text(encoding="utf-8").splitlines()
        lines.insert(3, FURNITURE)
        body = "\n".join(lines)
        (folder / seed.name).write_text(f"---\noutlet: same.example\n---\n{body}\n")
    return folder


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(list(args)) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def clean_texts(capsys: pytest.CaptureFixture[str], paths: dict[str, str]) -> dict[str, str]:
    """`newsreader clean FILE --json`'s text of each article, by article id."""
    return {
        article_id: run_json(capsys, "clean", path, "--json")["text"]
        for article_id, path in paths.items()
    }
