"""The user's config file (YAML): library folders, extra boilerplate phrases, theme, key overrides.

A missing file means defaults. A file that does not parse never stops the app: `load_config`
returns the defaults together with a message naming the file and line. A key that is unknown
or holds the wrong type is reported the same way, and every other key is still used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader import safe_yaml
from reader.paths import config_path

MAX_CONFIG_CHARS = 1_000_000
"""A config file is a few lines; a bigger one is refused rather than parsed."""
MAX_ALIAS_NODES = 1_000
"""Aliases (`*name`) may stand for this many values in all: enough for any hand-written
reuse, far too few for a "billion laughs"."""

EXAMPLE = """\
# newsreader config. Every key is optional.
library:            # folders opened when newsreader is started without a PATH
  - ~/news
boilerplate:        # extra whole lines to drop in reader mode
  - Sign up for our newsletter
theme: textual-dark # any Textual theme name (textual-light, nord, gruvbox, ...)
keys:               # binding id: keys (see the help screen, ?, for the ids)
  reader.filter: slash,ctrl+f
"""


@dataclass(frozen=True)
class Config:
    """Settings after validation; every field has a working default."""

    library: tuple[Path, ...] = ()
    boilerplate: tuple[str, ...] = ()
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


@dataclass(frozen=True)
class ConfigResult:
    """The config to use, and what went wrong reading the file (None when nothing did)."""

    config: Config
    problem: str | None = None


def load_config(path: Path | None = None) -> ConfigResult:
    """Read the config file; on any problem, defaults plus a message naming file and line."""
    path = path or config_path()
    try:
        with path.open(encoding="utf-8") as stream:
            text = stream.read(MAX_CONFIG_CHARS + 1)  # never more: the size is checked next
    except FileNotFoundError:
        return ConfigResult(Config(path=path))
    except (OSError, UnicodeDecodeError) as error:
        return ConfigResult(Config(path=path), f"Cannot read config {path}: {error}")
    try:
        data = safe_yaml.load(text, max_chars=MAX_CONFIG_CHARS, max_alias_nodes=MAX_ALIAS_NODES)
    except safe_yaml.YAMLTooBig as error:
        return ConfigResult(Config(path=path), f"Config {path}: {error}; using defaults")
    except yaml.YAMLError as error:
        return ConfigResult(Config(path=path), _yaml_problem(path, error))
    except RecursionError:
        return ConfigResult(Config(path=path), f"Config {path}: nested too deeply; using defaults")
    config, problems = _validated(data, path, _key_lines(text))
    return ConfigResult(config, "\n".join(problems) or None)


def _yaml_problem(path: Path, error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(error, "problem", None) or str(error)
    return f"Config {path}{where}: {problem}; using defaults"


KNOWN_KEYS = ("library", "boilerplate", "theme", "keys")


def _validated(data: Any, path: Path, lines: dict[str, int]) -> tuple[Config, list[str]]:
    """The config from the file's valid keys, and a message for each key that is not (its
    default is used instead): one wrong key never costs the others."""
    if data is None:
        return Config(path=path), []
    if not isinstance(data, dict):
        keys = ", ".join(KNOWN_KEYS)
        return Config(path=path), [f"Config {path}: must be a mapping of keys ({keys})"]
    problems = []

    def where(key: object) -> str:
        line = lines.get(str(key))
        return f"Config {path}, line {line}" if line else f"Config {path}"

    for key in data:
        if key not in KNOWN_KEYS:
            problems.append(f"{where(key)}: unknown key {str(key)!r}, ignored")
    values: dict[str, Any] = {}
    for key, read in (
        ("library", lambda: tuple(Path(p).expanduser() for p in _strings(data, "library"))),
        ("boilerplate", lambda: _strings(data, "boilerplate")),
        ("theme", lambda: _optional_string(data, "theme")),
        ("keys", lambda: _key_overrides(data)),
    ):
        try:
            values[key] = read()
        except ValueError as error:
            problems.append(f"{where(key)}: {error}; using the default")
    return Config(**values, path=path), problems


def _key_lines(text: str) -> dict[str, int]:
    """The line (1-based) of each top-level key of a YAML mapping, for messages."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"'{key}' must be a list of strings")
    return tuple(value)


def _optional_string(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value


def _key_overrides(data: dict[str, Any]) -> dict[str, str]:
    value = data.get("keys") or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError("'keys' must map binding ids to key names, e.g. reader.filter: ctrl+f")
    return dict(value)
