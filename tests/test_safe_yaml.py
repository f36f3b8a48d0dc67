"""Bounded YAML: safe tags only, a size limit, and aliases that cannot stand for billions."""

from __future__ import annotations

import pytest
import yaml

from reader import safe_yaml


def load(text: str, max_alias_nodes: int = 10) -> object:
    return safe_yaml.load(text, max_chars=10_000, max_alias_nodes=max_alias_nodes)


def test_plain_yaml_loads_as_safe_load_does() -> None:
    text = "a: 1\nb: [x, {c: 2024-01-02}]\nd: AT&T & co\n"
    assert load(text) == yaml.safe_load(text)
    assert load("") is None


def test_aliases_count_every_value_they_stand_for() -> None:
    text = "a: &a [1, 2, 3]\nb: *a\nc: *a\n"  # two aliases of a 4-node list
    assert load(text, max_alias_nodes=8) == {"a": [1, 2, 3], "b": [1, 2, 3], "c": [1, 2, 3]}
    with pytest.raises(safe_yaml.YAMLTooBig, match="stand for 8 values"):
        load(text, max_alias_nodes=7)


def test_a_nested_bomb_is_refused_before_anything_is_built() -> None:
    lines = ["a: &a [" + ",".join(["lol"] * 9) + "]"]
    for number in range(1, 12):  # 9**12 values, were it expanded
        previous, name = chr(ord("a") + number - 1), chr(ord("a") + number)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(safe_yaml.YAMLTooBig, match="aliases"):
        load("\n".join(lines), max_alias_nodes=10_000)


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    with pytest.raises(safe_yaml.YAMLTooBig, match="contains it"):
        load("a: &a [1, *a]\n", max_alias_nodes=10_000)


def test_unsafe_tags_and_oversized_text_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        load("a: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(safe_yaml.YAMLTooBig, match="too big"):
        safe_yaml.load("a: 1\n" * 100, max_chars=50, max_alias_nodes=0)
