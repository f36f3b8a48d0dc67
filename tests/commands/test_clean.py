"""`newsreader clean FILE`: the file cleaned as part of its folder's library."""

from __future__ import annotations

from pathlib import Path

from commands.conftest import FURNITURE, run_json


def test_clean_removes_the_site_furniture_of_the_files_folder(
    furnished_library: Path, capsys
) -> None:
    result = run_json(
        capsys, "clean", str(furnished_library / "002_9fec8d9dde32483a.txt"), "--json"
    )
    assert FURNITURE not in result["text"]
    assert any(line["text"] == FURNITURE for line in result["removed"])
    assert result["cleaned_with"] == {"library": str(furnished_library), "outlet_articles": 3}


def test_clean_alone_in_its_folder_keeps_every_line(
    furnished_library: Path, tmp_path: Path, capsys
) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    (furnished_library / "002_9fec8d9dde32483a.txt").rename(alone / "002.txt")
    result = run_json(capsys, "clean", str(alone / "002.txt"), "--json")
    assert FURNITURE in result["text"]
    assert result["cleaned_with"]["outlet_articles"] == 1
