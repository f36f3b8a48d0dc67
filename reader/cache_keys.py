"""What makes a cached result stale: the keys under which the index keeps each result.

Every key hashes everything its result depends on, so a changed input is a miss and nothing
is ever invalidated by hand:

- a file's cleaned row: the file (`FileKey`: path, size, mtime, content hash) and the code
  `version`; within its outlet's group, the `group_key` (every member of the group) and the
  `furniture_key` (the site furniture and user phrases it was cleaned with);
- an article's quotes: `quotes_key` (id, outlet, title, hash of the clean text, date);
- the library's stories: `stories_key`, and a story's facts and quote clusters: `story_key`,
  each over the same members.

`version` hashes the source of every module the analysis runs, found by following the
imports of its task module (`reader.tasks`), so a change to any of them, or to the phrase
data, makes old rows and blobs misses with nobody having to keep a list.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

ANALYSIS_VERSION = 1
"""Bump when cached results change meaning; rows and blobs of other versions are ignored."""
ANALYSIS_ENTRY = "reader.tasks"
"""The module whose imports, followed, are every module the analysis runs."""
GUESSING_ENTRY = "reader.library"
"""Likewise for the code that guesses an article's metadata."""

_PACKAGE = Path(__file__).resolve().parent

Member = tuple[str, str, str, str, str | None]
"""An article as the cross-article analyses see it: id, outlet, title, clean-text hash and
publication date."""


@functools.cache
def version() -> str:
    """`ANALYSIS_VERSION` plus a hash of the analysis code and its data files."""
    sources = [module_path(name) for name in sorted(modules_run_by(ANALYSIS_ENTRY))]
    return _code_version(sources + sorted((_PACKAGE / "data").glob("*")))


@functools.cache
def guessing_version() -> str:
    """Like `version`, for the code that guesses an article's metadata."""
    return _code_version([module_path(name) for name in sorted(modules_run_by(GUESSING_ENTRY))])


def modules_run_by(entry: str) -> frozenset[str]:
    """`entry` and every `reader` module it imports, directly or not, at the top of a module
    or inside a function (the analysis imports its heavier modules lazily)."""
    found: set[str] = set()
    todo = [entry]
    while todo:
        name = todo.pop()
        if name in found or not module_path(name).is_file():
            continue
        found.add(name)
        todo.extend(_reader_imports(module_path(name)))
    return frozenset(found)


def module_path(name: str) -> Path:
    """The source file of the `reader` module `name` (a package's `__init__.py`)."""
    parts = name.split(".")[1:]
    path = _PACKAGE.joinpath(*parts)
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


_IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)(?:from[ \t]+(?P<module>[\w.]+)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n#]*)|import[ \t]+(?P<plain>[^\n#]*))",
    re.MULTILINE,
)
_TYPE_CHECKING = re.compile(r"^(?P<indent>[ \t]*)if (?:typing\.)?TYPE_CHECKING:", re.MULTILINE)


def _reader_imports(source: Path) -> Iterable[str]:
    """The `reader` modules `source` imports when it runs (imports for type checkers only,
    under `if TYPE_CHECKING:`, are not run). Read line by line, not parsed: parsing every
    module took a quarter of a second before the first article could be shown."""
    text = source.read_text(encoding="utf-8")
    skipped = _type_checking_blocks(text)
    for match in _IMPORT.finditer(text):
        if any(start <= match.start() < end for start, end in skipped):
            continue
        if match["module"]:
            names = [match["module"]]
            names += [f"{match['module']}.{name}" for name in _imported(match["names"])]
        else:
            names = list(_imported(match["plain"]))
        yield from (name for name in names if name.split(".")[0] == "reader")


def _imported(names: str) -> Iterable[str]:
    """The names of an import list ("a as b, c" or "(a,\n b)"), without their aliases."""
    for item in names.strip("() \t\n").split(","):
        name = item.split(" as ")[0].strip()
        if name:
            yield name


def _type_checking_blocks(text: str) -> list[tuple[int, int]]:
    """The spans of the bodies of `if TYPE_CHECKING:` blocks: the lines after one that are
    indented more than it."""
    blocks = []
    for match in _TYPE_CHECKING.finditer(text):
        indent = len(match["indent"])
        end = match.end()
        for line in re.finditer(r"\n([ \t]*)(\S?)", text[match.end() :]):
            if line[2] and len(line[1]) <= indent:
                break
            end = match.end() + line.end()
        blocks.append((match.end(), end))
    return blocks


def _code_version(sources: Sequence[Path]) -> str:
    digest = hashlib.blake2b(str(ANALYSIS_VERSION).encode(), digest_size=8)
    for source in sources:
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return f"{ANALYSIS_VERSION}-{digest.hexdigest()}"


def content_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def key_of(*parts: object) -> str:
    """A stable hash of `parts` (strings, numbers, and nested lists or tuples of them)."""
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def group_key(
    outlet: str, members: Iterable[tuple[str, int, int, str]], extra_phrases: Sequence[str]
) -> str:
    """An outlet group's key over its files as `(path, size, mtime_ns, content hash)`."""
    return key_of(version(), list(extra_phrases), outlet, sorted(members))


def furniture_key(furniture: Iterable[str], extra_phrases: Sequence[str]) -> str:
    return key_of(version(), list(extra_phrases), sorted(furniture))


def quotes_key(member: Member) -> str:
    return key_of(version(), *member)


def stories_key(members: Sequence[Member]) -> str:
    return "stories:" + key_of(version(), [list(member) for member in members])


def story_key(story_id: str, members: Sequence[Member]) -> str:
    return "story:" + key_of(version(), story_id, [list(member) for member in members])
