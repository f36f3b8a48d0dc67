"""Find article files, read them whatever their encoding, and guess their metadata.

`load_library(paths)` is the one entry point the app and the CLI use: it walks files and folders,
skips what cannot be read (and says why), and returns `Article`s with a title, an outlet (with
the evidence it came from), a date and a URL. Guessing those is most of the time it takes, so a
caller may pass the guesses it kept from an earlier load (by `FileStamp`) to skip it.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import gzip
import html
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG
from typing import IO

import yaml

from reader import metadata, safe_yaml
from reader.text import printable

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
MAX_FRONT_MATTER_CHARS = 20_000
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

    def describe(self, name_only: bool = False) -> str:
        """ "path: reason" on one printable line (a file name may hold a newline or an
        escape sequence)."""
        return printable(f"{self.path.name if name_only else self.path}: {self.reason}")


@dataclass
class Library:
    """What `load_library` found: the articles in order and the files it had to skip.

    A big library lets go of its articles' raw text once they are cleaned (`release_raw`);
    `raw_text` is the one way to read an article's raw text, from memory or from its file."""

    articles: list[Article]
    skipped: list[SkippedFile] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    _released: set[str] = field(default_factory=set, repr=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False)
    """Each article's place in `articles`, worked out on the first release."""

    def by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}

    def raw_text(self, article: Article) -> str:
        """The article's raw text: as loaded, or read from its file again once released
        (raises `UnreadableFile` when the file cannot be read any more)."""
        if article.id not in self._released:
            return article.raw
        return read_text(article.path)[0]

    def release_raw(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """Drop the raw text of these articles (tens of MB in a big library, and only the
        raw view needs it); returns the articles as they now are, by id."""
        if not self._position:
            self._position.update((article.id, i) for i, article in enumerate(self.articles))
        position = self._position
        released = {}
        for article_id in article_ids:
            if article_id in self._released or article_id not in position:
                continue
            i = position[article_id]
            self.articles[i] = released[article_id] = replace(self.articles[i], raw="")
            self._released.add(article_id)
        return released


class UnreadableFile(Exception):
    """Raised by `read_text` with a message fit to show the user."""


def is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES)


def find_article_files(
    root: Path,
    skipped: list[SkippedFile] | None = None,
    _seen: set[Path] | None = None,
    inside: Sequence[Path] | None = None,
) -> Iterator[Path]:
    """Article files under `root`, sorted, recursing into folders and skipping hidden ones.

    A folder that cannot be listed goes to `skipped`; a folder reached twice (a symlink loop)
    is walked once. A symlink whose target is outside the folders `inside` (resolved; by
    default `root`) is not followed but goes to `skipped`: `ln -s /etc/passwd lib/p.txt`
    in a shared folder must not make the reader show /etc/passwd.
    """
    if not root.is_dir():  # a file named on the command line: reading it says what it is
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
    inside = [real] if inside is None else inside
    for child in children:
        if child.name.startswith(".") or not _is_article_or_folder(child):
            continue
        if child.is_symlink() and not _links_inside(child, inside):
            if skipped is not None:
                skipped.append(SkippedFile(child, "a symlink to outside the opened folders"))
            continue
        if child.is_dir():
            yield from find_article_files(child, skipped, seen, inside)
        else:
            yield child


def _is_article_or_folder(path: Path) -> bool:
    return path.is_dir() or is_article_file(path)


def _links_inside(link: Path, folders: Sequence[Path]) -> bool:
    try:
        target = link.resolve()
    except (OSError, RuntimeError):
        return False
    return any(target.is_relative_to(folder) for folder in folders)


def read_text(path: Path) -> tuple[str, str]:
    """The text of a file and the encoding used: UTF-8 (or UTF-16 with a BOM), else cp1252,
    else Latin-1. Control characters become spaces (same length, so offsets hold), so a file
    cannot send escape sequences to the terminal.

    Raises `UnreadableFile` for files that are missing, too big, binary or not readable.
    """
    text, encoding, _ = _read(path)
    return text, encoding


def _read(path: Path) -> tuple[str, str, os.stat_result]:
    """`read_text`, plus the file's stat (of the file as opened, before it was read)."""
    try:
        stat, data = _read_regular_file(path)
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _without_controls(data.decode("utf-16", errors="replace")), "utf-16", stat
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise UnreadableFile("binary file, not text")
    text, encoding = _decode(data)
    return _without_controls(text), encoding, stat


def _read_regular_file(path: Path) -> tuple[os.stat_result, bytes]:
    """The bytes of a regular file, never more than the size limit.

    Opened without blocking (a FIFO with no writer would wait forever) and checked on the
    opened descriptor, so a FIFO, a device (/dev/zero) or a socket is refused, however it
    was swapped in after the folder was listed; and read no further than the limit whatever
    `stat` says (a file that grows, /proc).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as stream:
        stat = os.fstat(descriptor)
        if not S_ISREG(stat.st_mode):
            raise UnreadableFile("not a regular file (a FIFO, device or socket)")
        if stat.st_size > MAX_FILE_BYTES:
            raise UnreadableFile(_too_large(stat.st_size))
        if path.name.lower().endswith(".gz"):
            return stat, _read_gzip(stream)
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(_too_large(len(data)) + " or more")
    return stat, data


def _too_large(size: int) -> str:
    return f"too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)"


def _read_gzip(stream: IO[bytes]) -> bytes:
    """The decompressed bytes, refusing more than the size limit (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=stream) as unzipped:
            data = unzipped.read(MAX_FILE_BYTES + 1)
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

    Front matter that does not parse, is not a mapping, is longer than
    `MAX_FRONT_MATTER_CHARS` or holds an alias (`*name`, the stuff of YAML bombs; no article
    needs one) is left in the text untouched, where the reader sees it.
    """
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            try:
                data = safe_yaml.load(
                    "".join(lines[1:index]),
                    max_chars=MAX_FRONT_MATTER_CHARS,
                    max_alias_nodes=0,
                )
            except (yaml.YAMLError, safe_yaml.YAMLTooBig, RecursionError):
                return {}, text
            if not isinstance(data, dict):
                return {}, text
            fields = {k: _front_value(data.get(k)) for k in _FRONT_MATTER_KEYS}
            return {k: v for k, v in fields.items() if v}, "".join(lines[index + 1 :])
    return {}, text


def _front_value(value: object) -> str:
    """A front matter field as safe text: YAML decodes escapes (`"\\e[2J"`) only now, so
    control characters are replaced again. Lists and mappings are not titles or URLs."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
        return ""
    return printable(str(value)).strip()


def guess_title(lines: Sequence[str]) -> str | None:
    """The first line that reads as a headline: not a breadcrumb, field, URL, byline or date."""
    for line in lines:
        text = line.strip()
        if _looks_like_headline(text):
            return text
    return None


def opening_words(lines: Sequence[str]) -> str | None:
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


UNKNOWN_OUTLET = "unknown outlet"


def has_unknown_outlet(article: Article) -> bool:
    """Whether nothing names the article's outlet: its stand-in is an id-like file name
    ("001_342b799c0226035c"), which a reader should see as an unknown outlet."""
    return article.outlet_evidence == "file name" and bool(_OPAQUE_STEM.match(article.outlet))


def unknown_outlets(articles: Iterable[Article]) -> frozenset[str]:
    """The stand-in outlet names (id-like file names) of the articles no outlet names."""
    return frozenset(a.outlet for a in articles if has_unknown_outlet(a))


def outlet_label(outlet: str, unknown: AbstractSet[str], short: bool = False) -> str:
    """An outlet's name as the screens show it: an id-like stand-in as "unknown outlet" and
    the first characters of the file name, which tell two such outlets apart; `short` (a
    narrow column) leaves out the words and brackets the characters: "(001_342b…)"."""
    if outlet not in unknown:
        return outlet
    head = f"{outlet[:8]}…" if len(outlet) > 8 else outlet
    return f"({head})" if short else f"{UNKNOWN_OUTLET} {head}"


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
    """A path-derived id: the path below the folder given, without suffix ("event_1/nytimes"),
    printable: ids are shown, printed and hashed, so a file name's control characters and
    undecodable bytes (surrogates, which UTF-8 cannot encode) are replaced."""
    base = path.relative_to(root) if root.is_dir() and root in path.parents else Path(path.name)
    return printable((base.parent / _stem(base)).as_posix().removeprefix("./"))


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
    guesses = _html_guesses(path, root, raw) if is_html else _text_guesses(path, root, raw)
    return _printable_guesses(guesses)


def _printable_guesses(guesses: Guesses) -> Guesses:
    """Every field as one printable line: the raw text had its control characters replaced,
    but a file name has not, and `&#27;` in an HTML title or `\\e` in front matter becomes
    one only once decoded."""
    return Guesses(
        title=printable(guesses.title),
        outlet=printable(guesses.outlet),
        outlet_evidence=guesses.outlet_evidence,
        date=printable(guesses.date) if guesses.date else None,
        url=printable(guesses.url) if guesses.url else None,
    )


def _text_guesses(path: Path, root: Path, raw: str) -> Guesses:
    front, body = split_front_matter(raw)
    lines = body.splitlines()
    header = lines[:_HEADER_LINES]
    short_lines = [line for line in lines if len(line) <= _MAX_METADATA_LINE]
    outlet = guess_outlet(short_lines) or _fallback_outlet(path, root)
    url = front.get("url") or guess_url(short_lines)
    return Guesses(
        title=front.get("title") or guess_title(header) or opening_words(header) or _stem(path),
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
    roots = [Path(root).expanduser() for root in paths]
    inside = _resolved_folders(roots)
    for root in roots:
        if not root.exists():
            missing.append(root)
            continue
        base = root if root.is_dir() else root.parent
        files.extend((path, base) for path in find_article_files(root, skipped, inside=inside))
    return FoundFiles(files, missing, skipped)


def _resolved_folders(roots: Sequence[Path]) -> list[Path]:
    """The opened folders with symlinks resolved: where a symlink may point."""
    folders = []
    for root in roots:
        with contextlib.suppress(OSError, RuntimeError):
            if root.is_dir():
                folders.append(root.resolve())
    return folders


def count_article_files(paths: Iterable[Path], up_to: int) -> int:
    """How many article files are under `paths`, counting no further than `up_to` (cheap)."""
    roots = [Path(root).expanduser() for root in paths]
    inside = _resolved_folders(roots)
    found = (
        path for root in roots if root.exists() for path in find_article_files(root, inside=inside)
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
