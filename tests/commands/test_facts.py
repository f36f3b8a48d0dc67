"""`newsreader facts PATH... --json`: the app's facts, offsets into `clean`'s text."""

from __future__ import annotations

from pathlib import Path

from commands.conftest import clean_texts, run_json


def test_every_fact_offset_indexes_the_text_clean_prints(furnished_library: Path, capsys) -> None:
    facts = run_json(capsys, "facts", str(furnished_library), "--json")
    texts = clean_texts(capsys, {a["id"]: a["path"] for a in facts["articles"]})
    mentions = [
        mention
        for fact in facts["facts"] + facts["exclusive"] + facts["disagreements"]
        for mention in fact["mentions"]
    ]
    assert len(mentions) > 20
    for mention in mentions:
        assert texts[mention["article"]][mention["start"] : mention["end"]] == mention["text"]


def test_facts_are_the_apps_facts(furnished_library: Path, capsys) -> None:
    from reader.library import load_library
    from reader.workspace import Workspace

    facts = run_json(capsys, "facts", str(furnished_library), "--json")
    analysis = Workspace(load_library([furnished_library]), workers=1).analyse()
    (story,) = [s for s in analysis.stories if len(s.articles) > 1]
    assert [f["text"] for f in facts["facts"]] == [f.text for f in analysis.facts[story.id].shared]


def test_a_missing_path_is_named(tmp_path: Path, capsys) -> None:
    from reader.cli import main

    assert main(["facts", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "nowhere" in err and "no such file or folder" in err


def test_plain_output_lists_the_story_and_its_shared_facts(seeds: Path, capsys) -> None:
    from reader.cli import main

    assert main(["facts", str(seeds)]) == 0
    out = capsys.readouterr().out
    assert "5 article(s)" in out
    assert "outlets, in the order of the strips:" in out
    assert "[■ ■ ■ ■ ■]" in out  # a fact all five outlets report
    assert "unknown outlet 001_342b…" in out, "an id-like file name is no outlet name"
    assert "unknown outlet 004_5c14…: up to 11,000" in out
