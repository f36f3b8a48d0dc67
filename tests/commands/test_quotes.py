"""`newsreader quotes PATH... --json` and `diff --cluster`: the app's quote clusters."""

from __future__ import annotations

from pathlib import Path

from reader.cli import main

from commands.conftest import clean_texts, run_json


def test_every_quote_offset_indexes_the_text_clean_prints(furnished_library: Path, capsys) -> None:
    facts = run_json(capsys, "facts", str(furnished_library), "--json")
    quotes = run_json(capsys, "quotes", str(furnished_library), "--json")
    texts = clean_texts(capsys, {a["id"]: a["path"] for a in facts["articles"]})
    assert len(quotes["quotes"]) > 5
    for quote in quotes["quotes"]:
        assert texts[quote["article"]][quote["start"] : quote["end"]] == quote["text"]
    by_id = {quote["id"]: quote for quote in quotes["quotes"]}
    for cluster in quotes["clusters"]:
        for span in cluster["spans"]:
            assert texts[by_id[span["quote"]]["article"]][span["start"] : span["end"]]


def test_diff_shows_the_two_versions_of_a_shared_quote(furnished_library: Path, capsys) -> None:
    quotes = run_json(capsys, "quotes", str(furnished_library), "--json")
    shared = next(c for c in quotes["clusters"] if len(c["quotes"]) > 1)
    by_id = {quote["id"]: quote for quote in quotes["quotes"]}
    left, right = (by_id[q] for q in shared["quotes"][:2])
    assert main(["diff", str(furnished_library), "--cluster", shared["id"], "--width", "120"]) == 0
    out = capsys.readouterr().out
    assert f"left:  {left['outlet']}" in out and f"right: {right['outlet']}" in out
    first_words = " ".join(left["text"].split()[:2]).strip("“”\"'")
    assert first_words.split()[0] in out


def test_diff_of_an_unknown_cluster_says_so(seeds: Path, capsys) -> None:
    assert main(["diff", str(seeds), "--cluster", "c999"]) == 1
    assert "no quote cluster 'c999'" in capsys.readouterr().err
