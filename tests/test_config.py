"""The config file: defaults when missing, clear messages (file and line) when broken."""

from __future__ import annotations

from pathlib import Path

from reader.config import EXAMPLE, load_config


def test_missing_file_gives_defaults_without_a_problem(tmp_path: Path) -> None:
    result = load_config(tmp_path / "none.yaml")
    assert result.problem is None
    assert result.config.boilerplate == ()


def test_the_documented_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(EXAMPLE)
    result = load_config(path)
    assert result.problem is None
    assert result.config.theme == "textual-dark"
    assert result.config.keys == {"reader.filter": "slash,ctrl+f"}
    assert result.config.boilerplate == ("Sign up for our newsletter",)
    assert result.config.library[0].name == "news"


def test_syntax_error_names_file_and_line_and_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("theme: nord\nkeys:\n  a: [b\n")
    result = load_config(path)
    assert str(path) in result.problem
    assert "line 4" in result.problem
    assert result.config.theme is None


def test_wrong_types_are_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("boilerplate: 3\n")
    result = load_config(path)
    assert "'boilerplate' must be a list of strings" in result.problem


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("theme: !!python/object/apply:os.system ['echo pwned']\n")
    result = load_config(path)
    assert result.problem is not None
    assert result.config.theme is None


def test_env_var_points_at_the_config(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("theme: nord\n")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    assert load_config().config.theme == "nord"


def test_one_unknown_key_keeps_every_valid_one(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("theme: nord\ncolour: blue\nboilerplate: [Sign up now]\nkeys: 3\n")
    result = load_config(path)
    assert result.config.theme == "nord"
    assert result.config.boilerplate == ("Sign up now",)
    assert result.config.keys == {}
    lines = result.problem.splitlines()
    assert lines[0] == f"Config {path}, line 2: unknown key 'colour', ignored"
    assert lines[1].startswith(f"Config {path}, line 4: 'keys' must map binding ids")


def test_an_alias_bomb_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for number in range(1, 5):
        previous, name = chr(ord("a") + number - 1), chr(ord("a") + number)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    path.write_text("\n".join(lines) + "\n")
    result = load_config(path)
    assert str(path) in result.problem and "aliases" in result.problem
    assert result.config.boilerplate == ()


def test_a_config_over_the_size_limit_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("boilerplate:\n" + "  - Sign up for our newsletter today\n" * 40_000)
    result = load_config(path)
    assert str(path) in result.problem and "too big" in result.problem
    assert result.config.boilerplate == ()
