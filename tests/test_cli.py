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


ARTICLE_PAGE = (Path(__file__).parent / "data" / "article.html").read_text(encoding="utf-8")


def test_an_html_page_is_cleaned_end_to_end_from_the_command(tmp_path: Path) -> None:
    """Through the installed entry point, as a user runs it: the whole HTML import chain
    (trafilatura, jusText, lxml's cleaner) has to be there."""
    page = tmp_path / "bridge.html"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "clean", str(page), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "four hundred corroded cable strands" in result["text"]
    assert "LEAVE A REPLY" not in result["text"]
    assert result["title"] == "Harbour bridge reopens after repairs"


def test_a_page_the_cleaner_fails_on_is_one_message_naming_it(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    import reader.clean

    def broken_parser(html: str):
        raise ImportError("lxml.html.clean module is now a separate project")

    monkeypatch.setattr(reader.clean, "clean_html", broken_parser)
    page = tmp_path / "bridge.html"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")
    assert main(["clean", str(page)]) == 1
    err = capsys.readouterr().err
    assert "bridge.html" in err and "could not be cleaned" in err
    assert "Traceback" not in err
