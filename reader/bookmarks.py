"""Bookmarked passages, kept in one human-readable YAML file that is never lost or clobbered.

Every change is "lock, re-read, apply this one change, write atomically", so two running
copies of newsreader merge their changes and a deletion made by one stays deleted.
A file that cannot be read safely (corrupt, unsafe tags, newer format) is never overwritten:
the store turns read-only and new bookmarks go to a clearly named recovery file beside it.
"""

from __future__ import annotations

import datetime as dt
import functools
import glob
import json
import os
import re
import stat
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Literal, TypeVar

import yaml
from rapidfuzz import fuzz

from reader import safe_yaml
from reader.atomic import write_atomic
from reader.library import Article
from reader.paths import bookmarks_path
from reader.text import printable, printable_json, safe_text

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None  # type: ignore[assignment]

FORMAT_VERSION = 1
MAX_FILE_CHARS = 32_000_000
"""A bigger bookmarks file is refused (read-only, like a corrupt one): some 15,000 bookmarks
fit in one, and a bigger file is more likely a mistake or an attack than a reading habit."""
MAX_ALIAS_NODES = 10_000
"""newsreader writes no YAML aliases; a few written by hand are fine, a "billion laughs"
(which every later save would write out expanded) is refused."""
CONTEXT_WORDS = 8
FUZZY_CUTOFF = 85.0

ExportFormat = Literal["md", "yaml", "json"]
T = TypeVar("T")

_REQUIRED = ("id", "text", "start", "end", "created")
_TEXT_FIELDS = ("note", "title", "outlet", "date", "url", "path", "before", "after")
# File order: the passage and note first (what a human edits), `created` last so that a file
# truncated anywhere inside a bookmark lacks a required key or ends in an open quote.
_KEY_ORDER = (
    "id",
    "text",
    "note",
    "tags",
    "title",
    "outlet",
    "date",
    "url",
    "path",
    "start",
    "end",
    "before",
    "after",
    "created",
)
_HEADER = (
    "# newsreader bookmarks. Safe to edit by hand if it stays valid YAML;\n"
    "# newsreader rewrites this file on every change, so comments are not kept.\n"
)
# libyaml's loader when present (PyPI wheels ship it): the same safe loading, faster. Not its
# dumper: it escapes emoji and other astral characters, which spoils the block style.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Bookmark:
    """A passage of an article, with enough context to find it again if the text changes.

    `start`/`end` are character offsets in the article's clean text; `before`/`after` are
    the few words around the passage. `extra` holds keys this version does not know, so
    that a file written by a newer newsreader keeps them when this one rewrites it.
    """

    id: str
    text: str
    title: str
    outlet: str
    date: str
    url: str
    path: str
    start: int
    end: int
    before: str
    after: str
    created: str
    note: str = ""
    tags: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def as_dict(self) -> dict[str, Any]:
        """The bookmark as plain data, keys in file order, unknown keys last."""
        data: dict[str, Any] = {key: getattr(self, key) for key in _KEY_ORDER}
        data["tags"] = list(self.tags)
        data.update((key, value) for key, value in self.extra.items() if key not in data)
        return data


class BookmarksError(Exception):
    """The bookmarks file could not be read or written (I/O: permissions, disk full...)."""


class BookmarksFileError(BookmarksError):
    """The bookmarks file exists but cannot be used safely; it is left exactly as it is."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(
            f"Bookmarks file {where}: {message}. newsreader will not change this file; "
            "bookmarks are read-only until it is fixed."
        )


@dataclass
class _Document:
    version: int
    bookmarks: list[Bookmark]
    extra: dict[str, Any]


class BookmarkStore:
    """One bookmarks file. Construction does no I/O; every method re-reads the file.

    `error` is set when the file was last found unusable (`read_only` is then true):
    `load` raises it, edits raise it, and `add` saves to `recovery_path` instead.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else bookmarks_path()
        self.error: BookmarksFileError | None = None
        self.recovery_path: Path | None = None

    @property
    def read_only(self) -> bool:
        return self.error is not None

    @property
    def message(self) -> str | None:
        """What to tell the user while the file is unusable; None when all is well."""
        if self.error is None:
            return None
        if self.recovery_path is None:
            return str(self.error)
        return f"{self.error} New bookmarks are being saved to {self.recovery_path}."

    def load(self) -> list[Bookmark]:
        """All bookmarks in file order; a missing file has none.

        Raises BookmarksFileError for a corrupt or unsafe file. A file from a newer format
        version is listed but the store becomes read-only.
        """
        return self._read(self.path).bookmarks

    def add(self, bookmark: Bookmark) -> Path:
        """Save `bookmark` (a no-op if its id is already there) and return the file it went to.

        That is `path`, or, if `path` is unusable, a new recovery file beside it: the UI
        should tell the user where the bookmark went (compare with `path`).
        """
        try:
            self._insert(self.path, bookmark)
            return self.path
        except BookmarksFileError:
            if self.recovery_path is None:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                self.recovery_path = self.path.with_name(
                    f"{self.path.stem}.recovered-{stamp}{self.path.suffix}"
                )
            self._insert(self.recovery_path, bookmark)
            return self.recovery_path

    def remove(self, bookmark_id: str) -> Bookmark:
        """Delete a bookmark and return it (undo: `add` it again). KeyError if it is gone."""
        return self._change(self.path, lambda marks: _pop(marks, bookmark_id))

    def update_note(self, bookmark_id: str, note: str) -> Bookmark:
        """Set a bookmark's note and return the updated bookmark. KeyError if it is gone."""

        def apply(marks: list[Bookmark]) -> tuple[list[Bookmark], Bookmark]:
            index = _index(marks, bookmark_id)
            updated = replace(marks[index], note=note)
            return [*marks[:index], updated, *marks[index + 1 :]], updated

        return self._change(self.path, apply)

    def _insert(self, path: Path, bookmark: Bookmark) -> None:
        def apply(marks: list[Bookmark]) -> tuple[list[Bookmark], None]:
            if any(mark.id == bookmark.id for mark in marks):
                return marks, None
            return [*marks, bookmark], None

        self._change(path, apply)

    def _change(self, path: Path, apply: Callable[[list[Bookmark]], tuple[list[Bookmark], T]]) -> T:
        """Under the lock: re-read `path`, apply one change, write it back atomically."""
        target = path.resolve()
        with _locked(target):
            document = self._read(path)
            refusal = _newer_version_error(path, document) or _read_only_error(path)
            if refusal:
                raise refusal
            document.bookmarks, result = apply(document.bookmarks)
            _remove_stale_temp_files(target)
            _write_atomic(target, _dump(document))
        return result

    def _read(self, path: Path) -> _Document:
        """Read `path`; if it is this store's file, remember whether it is usable."""
        try:
            document = _read_document(path)
        except BookmarksFileError as error:
            if path == self.path:
                self.error = error
            raise
        if path == self.path:
            self.error = _newer_version_error(path, document) or _read_only_error(path)
        return document


def _read_document(path: Path) -> _Document:
    """Parse a bookmarks file with the safe YAML loader; a missing or empty file is empty."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_CHARS + 1)
    except FileNotFoundError:
        return _Document(FORMAT_VERSION, [], {})
    except OSError as error:
        raise BookmarksError(f"Cannot read bookmarks file {path}: {error.strerror}") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BookmarksFileError(path, line, "not valid UTF-8 text") from error
    return _parse(path, text)


def _parse(path: Path, text: str) -> _Document:
    try:
        data = safe_yaml.load(text, max_chars=MAX_FILE_CHARS, max_alias_nodes=MAX_ALIAS_NODES)
    except safe_yaml.YAMLTooBig as error:
        raise BookmarksFileError(path, None, str(error)) from error
    except yaml.constructor.ConstructorError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise BookmarksFileError(
            path, line, f"refused an unsafe or unknown YAML tag, nothing was run ({error.problem})"
        ) from error
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise BookmarksFileError(path, line, f"not valid YAML ({error.problem})") from error
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise BookmarksFileError(path, line, f"not valid YAML ({error.reason})") from error
    if data is None:
        return _Document(FORMAT_VERSION, [], {})
    if not isinstance(data, dict):
        raise BookmarksFileError(path, 1, "expected a mapping with 'version' and 'bookmarks'")
    version = data.get("version", FORMAT_VERSION)
    entries = data.get("bookmarks") or []
    if not isinstance(version, int) or not isinstance(entries, list):
        raise BookmarksFileError(path, 1, "'version' must be a number, 'bookmarks' a list")
    bookmarks = []
    for index, entry in enumerate(entries):
        try:
            bookmarks.append(_bookmark_from(entry))
        except ValueError as error:
            raise BookmarksFileError(path, _entry_line(text, index), str(error)) from error
    extra = {key: value for key, value in data.items() if key not in ("version", "bookmarks")}
    return _Document(version, bookmarks, extra)


def _bookmark_from(entry: object) -> Bookmark:
    if not isinstance(entry, dict):
        raise ValueError("a bookmark must be a mapping of keys to values")
    missing = [key for key in _REQUIRED if entry.get(key) is None]
    if missing:
        raise ValueError(f"bookmark is missing {', '.join(missing)}")
    offsets = [entry[key] for key in ("start", "end")]
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in offsets):
        raise ValueError("bookmark 'start' and 'end' must be whole numbers")
    tags = entry.get("tags") or []
    if not isinstance(tags, list):
        raise ValueError("bookmark 'tags' must be a list")
    return Bookmark(
        id=_scalar(entry["id"], "id"),
        text=_scalar(entry["text"], "text"),
        start=offsets[0],
        end=offsets[1],
        created=_scalar(entry["created"], "created"),
        tags=tuple(_scalar(tag, "tags") for tag in tags),
        **{key: _scalar(entry.get(key), key) for key in _TEXT_FIELDS},
        extra={key: value for key, value in entry.items() if key not in _KEY_ORDER},
    )


def _scalar(value: object, key: str) -> str:
    """A text value; hand-edited unquoted dates, numbers and booleans are read as text."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        raise ValueError(f"bookmark {key!r} must be text, not a {type(value).__name__}")
    return str(value)


def _entry_line(text: str, index: int) -> int | None:
    """The line where the `index`-th bookmark starts (only needed to report an error)."""
    root = yaml.compose(text, Loader=_Loader)
    for key, value in root.value:
        if key.value == "bookmarks" and isinstance(value, yaml.SequenceNode):
            return value.value[index].start_mark.line + 1
    return None


def _newer_version_error(path: Path, document: _Document) -> BookmarksFileError | None:
    if document.version <= FORMAT_VERSION:
        return None
    return BookmarksFileError(
        path,
        None,
        f"written by a newer newsreader (format version {document.version}, this one "
        f"knows {FORMAT_VERSION}); upgrade newsreader to change bookmarks",
    )


def _read_only_error(path: Path) -> BookmarksFileError | None:
    """An error when the user made the file read-only: an atomic save would replace it all
    the same (the folder is writable), so its permissions are checked first."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BookmarksError(f"Cannot read bookmarks file {path}: {error.strerror}") from error
    if mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) and os.access(path, os.W_OK):
        return None
    return BookmarksFileError(path, None, "the file is read-only (its permissions say so)")


def _index(marks: list[Bookmark], bookmark_id: str) -> int:
    for index, mark in enumerate(marks):
        if mark.id == bookmark_id:
            return index
    raise KeyError(f"no bookmark with id {bookmark_id!r} (deleted elsewhere?)")


def _pop(marks: list[Bookmark], bookmark_id: str) -> tuple[list[Bookmark], Bookmark]:
    index = _index(marks, bookmark_id)
    return [*marks[:index], *marks[index + 1 :]], marks[index]


# Writing --------------------------------------------------------------------------------


class _Block(str):
    """Text to write as a YAML literal block (`|-`) when that round-trips exactly."""

    __slots__ = ()


class _Flow(list):
    """A list to write on one line: `tags: [eu, climate]`."""

    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


# With allow_unicode the emitter writes these raw, as line breaks, and the loader folds
# them into "\n" or " "; only double quotes (escaped) bring them back as they were.
_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = '"' if _ODD_BREAKS.search(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_block(dumper: yaml.SafeDumper, data: _Block) -> yaml.ScalarNode:
    style = '"' if _ODD_BREAKS.search(data) else "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=style)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Block, _represent_block)
_Dumper.add_representer(_Flow, _represent_flow)


def _dump(document: _Document) -> str:
    """The file text: stable key order, passages as literal blocks, no line wrapping."""
    head = _yaml({"version": document.version, **document.extra})
    entries = "".join(
        _entry_yaml(bookmark) if bookmark.extra else _cached_entry_yaml(bookmark)
        for bookmark in document.bookmarks
    )
    return _HEADER + head + ("bookmarks:\n" + entries if entries else "bookmarks: []\n")


def _entry_yaml(bookmark: Bookmark) -> str:
    """One bookmark as a YAML list item."""
    entry = bookmark.as_dict()
    entry["text"] = _Block(bookmark.text)
    entry["note"] = _Block(bookmark.note) if "\n" in bookmark.note else bookmark.note
    entry["tags"] = _Flow(bookmark.tags)
    return _yaml([entry])


# Every save rewrites every bookmark, so cache their YAML. Not for bookmarks with unknown
# keys: equal-comparing values of other types (1, 1.0, True) would share an entry.
_cached_entry_yaml = functools.lru_cache(maxsize=4096)(_entry_yaml)


def _yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1 << 30)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `<file>.lock` beside `path` (no lock where none exists)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_name(path.name + ".lock"), "a+b")  # noqa: SIM115
    except OSError as error:
        raise BookmarksError(f"Cannot lock bookmarks file {path}: {error.strerror}") from error
    with handle:
        _lock(handle)
        yield


def _lock(handle: IO[bytes]) -> None:
    """Block until the lock is ours; the OS releases it when the file closes or we die."""
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    elif msvcrt is not None:
        handle.seek(0)
        while True:
            with suppress(OSError):  # LK_LOCK gives up after ~10 s; keep waiting
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                return


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files left by a writer that died mid-write (safe: we hold the lock)."""
    for stale in path.parent.glob(glob.escape(f".{path.name}.") + "*.tmp"):
        stale.unlink(missing_ok=True)


def _write_atomic(path: Path, text: str) -> None:
    """`reader.atomic.write_atomic`, its failure in the store's words."""
    try:
        write_atomic(path, text)
    except OSError as error:
        raise BookmarksError(f"Cannot save bookmarks to {path}: {error.strerror}") from error


# Making and finding bookmarks -----------------------------------------------------------


def new_bookmark(
    clean_text: str,
    start: int,
    end: int,
    *,
    title: str = "",
    outlet: str = "",
    date: str = "",
    url: str = "",
    path: str | os.PathLike[str] = "",
    note: str = "",
    tags: Iterable[str] = (),
) -> Bookmark:
    """A bookmark of `clean_text[start:end]` (surrounding whitespace trimmed), created now."""
    if not 0 <= start <= end <= len(clean_text):
        raise ValueError(f"passage {start}:{end} is outside the text (length {len(clean_text)})")
    passage = clean_text[start:end]
    start += len(passage) - len(passage.lstrip())
    end -= len(passage) - len(passage.rstrip())
    if start >= end:
        raise ValueError("the passage is empty")
    return Bookmark(
        id=uuid.uuid4().hex[:12],
        text=clean_text[start:end],
        title=title,
        outlet=outlet,
        date=date,
        url=url,
        path=str(path),
        start=start,
        end=end,
        before=" ".join(clean_text[:start].split()[-CONTEXT_WORDS:]),
        after=" ".join(clean_text[end:].split()[:CONTEXT_WORDS]),
        created=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        note=note,
        tags=tuple(tags),
    )


class _Squashed:
    """`text` with each whitespace run replaced by one space, mapped back to `text` offsets."""

    def __init__(self, text: str) -> None:
        pieces: list[str] = []
        self.offsets: list[int] = []
        for match in re.finditer(r"\S+|\s+", text):
            if match.group()[0].isspace():
                pieces.append(" ")
                self.offsets.append(match.start())
            else:
                pieces.append(match.group())
                self.offsets.extend(range(match.start(), match.end()))
        self.text = "".join(pieces)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Original offsets of squashed `[start, end)`, without edge spaces; None if blank."""
        while start < end and self.text[start] == " ":
            start += 1
        while end > start and self.text[end - 1] == " ":
            end -= 1
        return (self.offsets[start], self.offsets[end - 1] + 1) if start < end else None


def locate(bookmark: Bookmark, clean_text: str) -> tuple[int, int] | None:
    """Where the bookmarked passage is in `clean_text`, which may have changed since.

    In order: the saved offsets if the passage is still there; the passage itself
    (whitespace-insensitive, the occurrence with matching context and nearest the old
    offset); a close fuzzy match of it; the text between its old context words. None when
    none of these is convincing.
    """
    start, end = bookmark.start, bookmark.end
    if 0 <= start < end <= len(clean_text) and clean_text[start:end] == bookmark.text:
        return start, end
    passage = " ".join(bookmark.text.split())
    if not passage:
        return None
    squashed = _Squashed(clean_text)
    found = _find_exact(squashed, passage, bookmark) or _find_fuzzy(squashed, passage)
    return found or _find_between_context(squashed, bookmark, len(passage))


def _find_exact(squashed: _Squashed, passage: str, bookmark: Bookmark) -> tuple[int, int] | None:
    text = squashed.text
    before = " ".join(bookmark.before.split())
    after = " ".join(bookmark.after.split())
    candidates = []
    index = text.find(passage)
    while index != -1:
        end = index + len(passage)
        before_end = index - 1 if text[index - 1 : index] == " " else index
        after_start = end + 1 if text[end : end + 1] == " " else end
        context = text.endswith(before, 0, before_end) + text.startswith(after, after_start)
        candidates.append((-context, abs(squashed.offsets[index] - bookmark.start), index, end))
        index = text.find(passage, index + 1)
    if not candidates:
        return None
    *_, best_start, best_end = min(candidates)
    return squashed.span(best_start, best_end)


def _find_fuzzy(squashed: _Squashed, passage: str) -> tuple[int, int] | None:
    if len(passage) > len(squashed.text):
        return None
    match = fuzz.partial_ratio_alignment(passage, squashed.text, score_cutoff=FUZZY_CUTOFF)
    if match is None:
        return None
    return squashed.span(*_snap_to_words(squashed.text, passage, match.dest_start, match.dest_end))


def _find_between_context(
    squashed: _Squashed, bookmark: Bookmark, passage_length: int
) -> tuple[int, int] | None:
    text = squashed.text
    before = " ".join(bookmark.before.split())
    after = " ".join(bookmark.after.split())
    if not before and not after:
        return None
    start = _context_end(text, before) if before else 0
    if start is None:
        return None
    end = _context_start(text, after, start) if after else len(text)
    if end is None or end - start > 3 * passage_length + 40:
        return None
    return squashed.span(start, end)


def _context_end(text: str, context: str) -> int | None:
    if len(context) > len(text):
        return None
    match = fuzz.partial_ratio_alignment(context, text, score_cutoff=FUZZY_CUTOFF)
    return match.dest_end if match else None


def _context_start(text: str, context: str, after: int) -> int | None:
    rest = text[after:]
    if len(context) > len(rest):
        return None
    match = fuzz.partial_ratio_alignment(context, rest, score_cutoff=FUZZY_CUTOFF)
    return after + match.dest_start if match else None


def _snap_to_words(text: str, passage: str, start: int, end: int) -> tuple[int, int]:
    """The span of whole words (or punctuation) near a fuzzy match most like the passage.

    The raw alignment is as long as the passage, so after an edit it often starts or ends
    mid-word or takes in a word of the context.
    """
    slack = 40
    low, high = max(0, start - slack), min(len(text), end + slack)
    words = [(low + m.start(), low + m.end()) for m in re.finditer(r"\w+|[^\w\s]", text[low:high])]
    starts = [word_start for word_start, _ in words if abs(word_start - start) <= slack]
    ends = [word_end for _, word_end in words if abs(word_end - end) <= slack]
    spans = [(s, e) for s in starts for e in ends if s < e]
    return max(
        spans, key=lambda span: fuzz.ratio(passage, text[span[0] : span[1]]), default=(start, end)
    )


# Export ---------------------------------------------------------------------------------


def export(bookmarks: Iterable[Bookmark], fmt: ExportFormat) -> str:
    """Bookmarks as Markdown (quotes under source lines), a bookmarks YAML file, or JSON."""
    marks = list(bookmarks)
    if fmt == "md":
        return _markdown(marks)
    if fmt == "yaml":
        return _dump(_Document(FORMAT_VERSION, marks, {}))
    if fmt == "json":
        document = {"version": FORMAT_VERSION, "bookmarks": [mark.as_dict() for mark in marks]}
        return json_text(document)
    raise ValueError(f"unknown export format {fmt!r} (expected md, yaml or json)")


def json_text(data: object) -> str:
    """`data` as indented JSON, fit to print on a terminal (see `printable_json`)."""
    return printable_json(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n"


def _markdown(bookmarks: list[Bookmark]) -> str:
    """Every field made safe to print: a bookmarks file may hold escapes YAML decoded."""
    sections = ["# Bookmarks"]
    for mark in bookmarks:
        sections.append(source_line(mark) or "(unknown source)")
        lines = safe_text(mark.text).splitlines()
        sections.append("\n".join(f"> {line}".rstrip() for line in lines))
        if mark.note:
            sections.append(f"Note: {' '.join(printable(mark.note).split())}")
        if mark.tags:
            sections.append("Tags: " + ", ".join(map(printable, mark.tags)))
    return "\n\n".join(sections) + "\n"


def source_line(bookmark: Bookmark) -> str:
    """The source as "**Title** — Outlet, date — <url>", leaving out whatever is unknown;
    one printable line, whatever the file held."""
    title = f"**{bookmark.title}**" if bookmark.title else ""
    where = ", ".join(part for part in (bookmark.outlet, bookmark.date) if part)
    link = bookmark.url or bookmark.path
    line = " — ".join(part for part in (title, where, f"<{link}>" if link else "") if part)
    return printable(line)


class ArticleFinder:
    """The library's article of each bookmark: by its file's path, else (a file moved or
    renamed since) by title and outlet. The one rule the reader's marks and the bookmarks
    screen both use, so a bookmark that opens is also shown on its article.

    `articles` is kept as given, not copied, and the indexes hold places in it: the finder
    hands out each article as the sequence holds it now. A big library replaces its articles
    with ones without their raw text once cleaned (`Library.release_raw`); a copy kept the
    raw texts of the whole library (50 MB of the corpora) alive for as long as the app ran."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = articles
        self._by_path: dict[Path, int] | None = None
        self._by_source: dict[tuple[str, str], int] | None = None

    def find(self, bookmark: Bookmark) -> Article | None:
        if bookmark.path:
            found = self._paths().get(resolved_path(Path(bookmark.path)))
            if found is not None:
                return self._articles[found]
        if not bookmark.title:
            return None
        found = self._sources().get((bookmark.title, bookmark.outlet))
        return None if found is None else self._articles[found]

    def _paths(self) -> dict[Path, int]:
        """Built on first use only: resolving thousands of paths is a noticeable part of
        start-up, and most libraries have few bookmarks."""
        if self._by_path is None:
            self._by_path = {resolved_path(a.path): i for i, a in enumerate(self._articles)}
        return self._by_path

    def _sources(self) -> dict[tuple[str, str], int]:
        if self._by_source is None:
            self._by_source = {}
            for i, article in enumerate(self._articles):
                self._by_source.setdefault((article.title, article.outlet), i)
        return self._by_source


def resolved_path(path: Path) -> Path:
    """`path` with symlinks resolved, or as it is when that fails (missing, a loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, on Python 3.11
        return path
