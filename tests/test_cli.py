"""The `newsreader` command line: subcommands, global options, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main


def test_global_option_before_subcommand_reaches_it(tmp_path: Path, capsys) -> None:
    bookmarks = tmp_path / "mine.yaml"
    assert main(["--bookmarks", str(bookmarks), "bookmarks", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_clean_json_has_the_documented_shape(seeds: Path, capsys) -> None:
    assert main(["clean", str(seeds / "002_9fec8d9dde32483a.txt"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["outlet"] == "themoscowtimes.com"
    assert result["date"] == "2025-01-13"
    assert result["text"] == "\n\n".join(result["paragraphs"])
    assert {"line", "text", "reason"} <= set(result["removed"][0])


def test_missing_file_is_one_clear_line_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert main(["clean", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert "nope.txt" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_python_dash_m_reader_works(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "newsreader" in result.stdout
