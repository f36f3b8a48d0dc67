"""Find article files, read them whatever their encoding, and guess their metadata.

`load_library(paths)` is the one entry point the app and the CLI use: it walks files and folders,
skips what cannot be read (and says why), and returns `Article`s with a title, an outlet (with
the evidence it came from), a date and a URL. Guessing those is most of the time it takes, so a
caller may pass the guesses it kept from an earlier load (by `FileStamp`) to skip it.
"""

from __future__ import annotations

import codecs
import gzip
import html
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reader import metadata

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm", ".html.gz")
MAX_FILE_BYTES = 4_000_000
"""Bigger files are skipped with a message: no news article is 4 MB of text, and drawing one
that size would stall the reader."""

_BINARY_SNIFF_BYTES = 8192
_PROGRESS_EVERY = 200
_MAX_METADATA_LINE = 300
"""URL, domain, byline, credit and date lines are short: longer lines are not looked at."""
_HEADER_LINES = 25
_TITLE_MIN_WORDS = 2
_TITLE_MAX_WORDS = 25
_TITLE_MAX_WORDS_AS_SENTENCE = 14
_FALLBACK_TITLE_WORDS = 12
_OPAQUE_STEM = re.compile(r"^(?=[\w-]*\d)[\w-]+$")
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_FRONT_MATTER_KEYS = ("title", "outlet", "date", "url")
SIDECAR_SUFFIX = ".meta.json"
_MAX_SIDECAR_BYTES = 1_000_000


@dataclass(frozen=True)
class FileStamp:
    """A file as it was when read (absolute path, size, times, inode) and the folder its id
    and fallback outlet are relative to: while all hold, its guessed metadata holds too. The
    change time catches a rewrite that keeps the size and modification time (`cp -p`)."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    root: str


@dataclass(frozen=True)
class Guesses:
    """The metadata worked out from a file's text (or front matter, or name)."""

    title: str
    outlet: str
    outlet_evidence: str
    date: str | None
    url: str | None


@dataclass(frozen=True)
class Article:
    """One article file as loaded: its raw text and the metadata guessed from it."""

    id: str
    path: Path
    title: str
    outlet: str
    outlet_evidence: str
    date: str | None
    url: str | None
    raw: str
    encoding: str = "utf-8"
    is_html: bool = False
    stamp: FileStamp | None = None

    @property
    def guesses(self) -> Guesses:
        return Guesses(self.title, self.outlet, self.outlet_evidence, self.date, self.url)


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not loaded, and why, in words a user understands."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Library:
    """What `load_library` found: the articles in order and the files it had to skip."""

    articles: list[Article]
    skipped: list[SkippedFile] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)

    def by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}


class UnreadableFile(Exception):
    """Raised by `read_text` with a message fit to show the user."""


def is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES)


def find_article_files(
    root: Path, skipped: list[SkippedFile] | None = None, _seen: set[Path] | None = None
) -> Iterator[Path]:
    """Article files under `root`, sorted, recursing into folders and skipping hidden ones.

    A folder that cannot be listed goes to `skipped`; a folder reached twice (a symlink loop)
    is walked once.
    """
    if root.is_file():
        yield root
        return
    seen = set() if _seen is None else _seen
    try:
        real = root.resolve()
        children = sorted(root.iterdir(), key=lambda p: p.name)
    except (OSError, RuntimeError) as error:
        if skipped is not None:
            skipped.append(SkippedFile(root, f"folder not readable ({error})"))
        return
    if real in seen:
        return
    seen.add(real)
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from find_article_files(child, skipped, seen)
        elif is_article_file(child):
            yield child


def read_text(path: Path) -> tuple[str, str]:
    """The text of a file and the encoding used: UTF-8 (or UTF-16 with a BOM), else cp1252,
    else Latin-1. Control characters become spaces (same length, so offsets hold), so a file
    cannot send escape sequences to the terminal.

    Raises `UnreadableFile` for files that are missing, too big, binary or not readable.
    """
    text, encoding, _ = _read(path)
    return text, encoding


def _read(path: Path) -> tuple[str, str, os.stat_result]:
    """`read_text`, plus the file's stat from before it was read."""
    try:
        stat = path.stat()
        if stat.st_size > MAX_FILE_BYTES:
            raise UnreadableFile(_too_large(stat.st_size))
        data = _read_gzip(path) if path.name.lower().endswith(".gz") else path.read_bytes()
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _without_controls(data.decode("utf-16", errors="replace")), "utf-16", stat
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise UnreadableFile("binary file, not text")
    text, encoding = _decode(data)
    return _without_controls(text), encoding, stat


def _too_large(size: int) -> str:
    return f"too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)"


def _read_gzip(path: Path) -> bytes:
    """The decompressed bytes, refusing more than the size limit (a gzip bomb)."""
    try:
        with gzip.open(path) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except (EOFError, gzip.BadGzipFile) as error:
        raise UnreadableFile(f"not a readable gzip file ({error})") from error
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(_too_large(len(data)) + " once decompressed")
    return data


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    return data.decode("latin-1"), "latin-1"


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _without_controls(text: str) -> str:
    return _CONTROLS.sub(" ", text)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter (`---` ... `---` at the very top) as a dict, and the text after it.

    Front matter that does not parse, or is not a mapping, is left in the text untouched.
    """
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            try:
                data = yaml.safe_load("".join(lines[1:index]))
            except (yaml.YAMLError, RecursionError):
                return {}, text
            if not isinstance(data, dict):
                return {}, text
            fields = {k: str(data[k]).strip() for k in _FRONT_MATTER_KEYS if data.get(k)}
            return fields, "".join(lines[index + 1 :])
    return {}, text


def guess_title(lines: Sequence[str]) -> str | None:
    """The first line that reads as a headline: not a breadcrumb, field, URL, byline or date."""
    for line in lines:
        text = line.strip()
        if _looks_like_headline(text):
            return text
    return None


def first_words(lines: Sequence[str]) -> str | None:
    """A stand-in title for headline-less text: the start of its first real line."""
    for line in lines:
        words = line.split()
        if len(words) >= _TITLE_MIN_WORDS * 2:
            cut = words[:_FALLBACK_TITLE_WORDS]
            return " ".join(cut) + ("…" if len(words) > len(cut) else "")
    return None


def _looks_like_headline(text: str) -> bool:
    if not text or metadata.is_breadcrumb(text) or metadata.is_empty_field(text):
        return False
    if metadata.url_in_line(text) or metadata.bare_domain(text):
        return False
    if metadata.byline_name(text) or metadata.credit_name(text) or metadata.date_line(text):
        return False
    words = text.split()
    limit = _TITLE_MAX_WORDS_AS_SENTENCE if text.endswith(".") else _TITLE_MAX_WORDS
    return _TITLE_MIN_WORDS <= len(words) <= limit and not text.endswith(("...", "…"))


def guess_outlet(lines: Sequence[str]) -> tuple[str, str] | None:
    """The outlet and the kind of evidence for it: a URL line, a domain line, a byline or credit."""
    finders = (
        ("url", lambda line: _url_domain(line)),
        ("domain", metadata.bare_domain),
        ("byline", metadata.byline_name),
        ("credit", metadata.credit_name),
    )
    for evidence, finder in finders:
        for line in lines:
            found = finder(line)
            if found:
                return found, evidence
    return None


def _url_domain(line: str) -> str | None:
    url = metadata.url_in_line(line)
    return metadata.domain_of_url(url) if url else None


def guess_url(lines: Sequence[str]) -> str | None:
    """The article's own URL: the last whole-line URL (sites put "Original url:" at the end)."""
    urls = [url for line in lines if (url := metadata.url_in_line(line))]
    return urls[-1] if urls else None


def guess_date(lines: Sequence[str], url: str | None) -> str | None:
    """The first dateline near the top, else anywhere, else the date in the article's URL."""
    for line in lines:
        found = metadata.date_line(line)
        if found:
            return found
    return metadata.date_in_url(url) if url else None


def _fallback_outlet(path: Path, root: Path) -> tuple[str, str]:
    """The file name, or the folder name when the file name is an opaque id (cnn/4Xf2.txt)."""
    stem = _stem(path)
    parent = path.parent
    if _OPAQUE_STEM.match(stem) and parent != root and parent.is_relative_to(root):
        return parent.name, "folder name"
    return stem, "file name"


def _stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(TEXT_SUFFIXES + HTML_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def article_id(path: Path, root: Path) -> str:
    """A path-derived id: the path below the folder given, without suffix ("event_1/nytimes")."""
    base = path.relative_to(root) if root.is_dir() and root in path.parents else Path(path.name)
    return (base.parent / _stem(base)).as_posix().removeprefix("./")


def load_article(
    path: Path, root: Path | None = None, known: Mapping[FileStamp, Guesses] | None = None
) -> Article:
    """Read one file and guess its metadata (or take it from `known`, when the file is as it
    was then). Raises `UnreadableFile`."""
    path = Path(path)
    root = root or path.parent
    raw, encoding, stat = _read(path)
    stamp = FileStamp(
        os.path.abspath(path),
        stat.st_size,
        stat.st_mtime_ns,
        stat.st_ctime_ns,
        stat.st_ino,
        os.path.abspath(root),
    )
    is_html = path.name.lower().endswith(HTML_SUFFIXES)
    guesses = (known or {}).get(stamp) or guess_metadata(path, root, raw, is_html)
    return Article(
        id=article_id(path, root),
        path=path,
        title=guesses.title,
        outlet=guesses.outlet,
        outlet_evidence=guesses.outlet_evidence,
        date=guesses.date,
        url=guesses.url,
        raw=raw,
        encoding=encoding,
        is_html=is_html,
        stamp=stamp,
    )


def guess_metadata(path: Path, root: Path, raw: str, is_html: bool = False) -> Guesses:
    """Title, outlet (with its evidence), date and URL of the file at `path` holding `raw`."""
    if is_html:
        return _html_guesses(path, root, raw)
    front, body = split_front_matter(raw)
    lines = body.splitlines()
    header = lines[:_HEADER_LINES]
    short_lines = [line for line in lines if len(line) <= _MAX_METADATA_LINE]
    outlet = guess_outlet(short_lines) or _fallback_outlet(path, root)
    url = front.get("url") or guess_url(short_lines)
    return Guesses(
        title=front.get("title") or guess_title(header) or first_words(header) or _stem(path),
        outlet=front.get("outlet") or outlet[0],
        outlet_evidence="front matter" if "outlet" in front else outlet[1],
        date=_front_date(front) or guess_date(short_lines, url),
        url=url,
    )


def _front_date(front: dict[str, str]) -> str | None:
    value = front.get("date")
    if not value:
        return None
    return metadata.date_in_text(value) or value


def _html_guesses(path: Path, root: Path, raw: str) -> Guesses:
    match = _HTML_TITLE.search(raw)
    title = html.unescape(" ".join(match.group(1).split())) if match else _stem(path)
    outlet, evidence = _fallback_outlet(path, root)
    fetched = _sidecar(path)
    if fetched:
        return Guesses(
            fetched.get("title") or title or _stem(path),
            fetched.get("outlet") or outlet,
            "fetched page" if fetched.get("outlet") else evidence,
            date=fetched.get("date"),
            url=fetched.get("url"),
        )
    return Guesses(title or _stem(path), outlet, evidence, date=None, url=None)


def _sidecar(path: Path) -> dict[str, str]:
    """Title, outlet, date and URL from the `.meta.json` that `newsreader fetch` writes
    beside a page it stored (see reader/store.py); empty when there is none."""
    sidecar = path.with_name(_stem(path) + SIDECAR_SUFFIX)
    try:
        if sidecar.stat().st_size > _MAX_SIDECAR_BYTES:
            return {}
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: _without_controls(" ".join(value.split()))
        for key in _FRONT_MATTER_KEYS
        if isinstance(value := data.get(key), str) and value.strip()
    }


@dataclass(frozen=True)
class FoundFiles:
    """The article files under some paths, each with the folder its id is relative to."""

    files: list[tuple[Path, Path]]
    missing: list[Path]
    skipped: list[SkippedFile] = field(default_factory=list)


def find_library(paths: Iterable[Path]) -> FoundFiles:
    """Walk `paths` (files or folders) for article files without reading them: fast."""
    files: list[tuple[Path, Path]] = []
    missing: list[Path] = []
    skipped: list[SkippedFile] = []
    for root in paths:
        root = Path(root).expanduser()
        if not root.exists():
            missing.append(root)
            continue
        base = root if root.is_dir() else root.parent
        files.extend((path, base) for path in find_article_files(root, skipped))
    return FoundFiles(files, missing, skipped)


def count_article_files(paths: Iterable[Path], up_to: int) -> int:
    """How many article files are under `paths`, counting no further than `up_to` (cheap)."""
    found = (
        path
        for root in paths
        if Path(root).expanduser().exists()
        for path in find_article_files(Path(root).expanduser())
    )
    return sum(1 for _ in itertools.islice(found, up_to))


def load_library(
    paths: Iterable[Path] | FoundFiles,
    progress: Callable[[int, int], None] | None = None,
    known: Mapping[FileStamp, Guesses] | None = None,
) -> Library:
    """Load every article file under `paths`, in a stable order; `progress(done, total)`
    is called every few hundred files so a UI can show how far it got. `known`: metadata
    guessed at an earlier load, used for the files that have not changed since."""
    found = paths if isinstance(paths, FoundFiles) else find_library(paths)
    articles: list[Article] = []
    skipped = list(found.skipped)
    seen_ids: set[str] = set()
    total = len(found.files)
    for done, (path, base) in enumerate(found.files, start=1):
        try:
            article = load_article(path, base, known)
        except UnreadableFile as error:
            skipped.append(SkippedFile(path, str(error)))
        else:
            article = _with_unique_id(article, seen_ids)
            seen_ids.add(article.id)
            articles.append(article)
        if progress and (done % _PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return Library(articles, skipped, found.missing)


def _with_unique_id(article: Article, seen_ids: set[str]) -> Article:
    if article.id not in seen_ids:
        return article
    number = 2
    while f"{article.id}-{number}" in seen_ids:
        number += 1
    return Article(**{**article.__dict__, "id": f"{article.id}-{number}"})
