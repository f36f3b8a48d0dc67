"""Reader mode: strip web-page boilerplate from the text of a news page never seen before.

The cleaner works on lines (hard-wrapped text is first rejoined into paragraphs):

1. Each line gets a verdict of its own when it is known furniture (a whole short line from
   `data/boilerplate.yaml` or the user's list, a metadata line, a picture credit, a relative
   timestamp, a link to another story, site furniture repeated across the library).
2. Each line gets a score from its stopwords (per-article stoplist), length, ending
   punctuation, capitalisation, bullet and teaser ellipsis, smoothed with its neighbours.
3. The article is the contiguous run of lines with the best total score (max-subarray), never
   crossing an end marker ("Related", "Leave a reply", "Tags:"), so short subheadings and
   one-sentence paragraphs inside the body survive while menus and teaser lists around it go.
4. Inside that run, lines with a verdict go, and so do short lines with no prose beside them.

Every raw line that does not end up in a paragraph is reported with its reason, and the
decision is repeated on the kept lines until nothing changes, which makes cleaning idempotent.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Protocol

import yaml

from reader import metadata as meta

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: the same safe loading, several times faster."""

OUTSIDE = "outside the article"
SITE_FURNITURE = "site furniture"
HEADLINE = "headline"
REPEATED_HEADLINE = "repeated headline"
USER_PHRASE = "your boilerplate list"
EMPTY_FIELD = "empty field"

_INVISIBLE = " \t\n\r\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff"
_WORD = re.compile(r"\w+")
_SENTENCE_MARKS = ".!?。！？…:;"
_CLOSING_MARKS = "\"'”’»)]"
_QUOTE_MARKS = ('"', "“", "‘", "«", "„", "'")
_BULLET_START = re.compile(r"^[•·▪►◦○●□■☆★\-–—*>|+]")
_TRAILING_CREDIT = re.compile(r"\(([^()]{2,80})\)$")
_PICTURE_WORDS = frozenset({"photo", "photos", "photograph", "image", "images"})
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_TRAILING_CREDIT_LABEL = re.compile(
    r"(?:credit|photo|image|picture|foto)s?\s*:\s*[^.!?:]{2,60}$", re.IGNORECASE
)
_MARKUP_TOKEN = re.compile(r"^[\w-]*_[\w-]*$|^[{<\[].*[}>\]]$|^\W*$")
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|ⓒ|\(c\)\s)|all rights reserved", re.IGNORECASE)
_COOKIE_NOTICE = re.compile(
    r"\bcookies?\b.*\b(?:accept|consent|privacy|tracking|browsing|agree)|"
    r"\b(?:accept|consent|privacy|tracking|browsing|agree)\w*\b.*\bcookies?\b",
    re.IGNORECASE,
)
_SIGN_UP = re.compile(
    r"^\W*(?:sign up|subscribe|get|want)\b.*\b(?:newsletters?|inbox)\b|"
    r"\b(?:to|in) your inbox\b|\bsign up (?:here|now|for (?:our|the))\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(r"\bnewsletters?\b|\binbox\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+\s*")
_KEY_EDGES = re.compile(r"^[\W_]+|[\W_]+$")

_STOPWORD_WEIGHT = 1.0
_WORD_COST = 0.32
_LINE_COST = 1.5
_SENTENCE_BONUS = 2.0
_BULLET_COST = 1.5
_TEASER_COST = 3.0
_TITLE_CASE_COST = 1.5
_VERDICT_COST = 1.0
_INSIDE_ARTICLE_COST = 0.3
_INSIDE_ARTICLE = frozenset({"advertisement", "photo credit", "related link"})
_NEIGHBOUR_WEIGHT = 0.3
_SHORT_LINE_WORDS = 8
_MAX_FURNITURE_WORDS = 12
_MAX_CREDIT_WORDS = 45
_MAX_TITLE_WORDS = 30
_TITLE_LOOKBACK = 12
_HARD_WRAP_MIN_LINES = 8
_MIN_STOPLIST_SHARE = 0.04
_MAX_ROUNDS = 6
_MAX_FIRST_LINE_TITLE_WORDS = 20
_STOPLIST_SAMPLE_LINES = 8
_STOPLIST_SAMPLE_WORDS = 50
_MAX_GAP_UNITS = 12
_PAGE_REPEATS = 4
_MAX_MARKER_WORDS = 6
_ARTICLE_SCORE = 8.0
_RELATED = "related headlines"
_FINAL_MARKERS = frozenset({"comment form", _RELATED})
_LONG_FURNITURE_WORDS = 20


@dataclass(frozen=True)
class RemovedLine:
    """A raw line left out of the article, and why."""

    line: int  # 1-based in the raw text
    text: str
    reason: str


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself, recognised from its lines (or its HTML)."""

    title: str | None = None
    byline: str | None = None
    date: str | None = None  # ISO 8601
    url: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class CleanedArticle:
    """The article body as paragraphs, and every raw line that was left out."""

    paragraphs: tuple[str, ...]
    removed: tuple[RemovedLine, ...]
    metadata: PageMetadata
    problem: str | None = None
    """Why the file could not be cleaned (then it has no paragraphs), or None."""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class ArticleLike(Protocol):
    id: str
    outlet: str
    raw: str
    is_html: bool


# ---------------------------------------------------------------------------- phrase data


@dataclass(frozen=True)
class PhraseBook:
    """The boilerplate phrases, by normalised line, with the reason each one gives."""

    end_markers: dict[str, str]
    end_marker_prefixes: tuple[tuple[str, str], ...]
    furniture: dict[str, str]
    related_prefixes: tuple[str, ...]
    credit_prefixes: tuple[str, ...]
    credit_words: frozenset[str]
    relative_time: re.Pattern[str]
    languages: tuple[str, ...]


def line_key(text: str) -> str:
    """A line normalised for phrase matching: lowercase, no edge punctuation, single spaces."""
    return _KEY_EDGES.sub("", " ".join(text.lower().split()))


@functools.cache
def phrase_book() -> PhraseBook:
    """The phrases shipped in `reader/data/boilerplate.yaml` (loaded once)."""
    source = resources.files("reader") / "data" / "boilerplate.yaml"
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_SafeLoader)
    units = "|".join(re.escape(u) for u in data["relative_time_units"])
    words = "|".join(re.escape(w) for w in data["relative_time_words"])
    relative_time = re.compile(
        rf"(?:\d+\s*(?:{units})\.?\s+(?:{words})\b|\b(?:{words})\s+\d+\s*(?:{units})\b)",
        re.IGNORECASE,
    )
    return PhraseBook(
        end_markers=_by_phrase(data["end_markers"]),
        end_marker_prefixes=tuple(
            (line_key(prefix) + " ", reason)
            for reason, prefixes in data["end_marker_prefixes"].items()
            for prefix in prefixes
        ),
        furniture=_by_phrase(data["furniture"]),
        related_prefixes=tuple(p.lower() for p in data["related_prefixes"]),
        credit_prefixes=tuple(p.lower() for p in data["credit_prefixes"]),
        credit_words=frozenset(w.lower() for w in data["credit_words"]),
        relative_time=relative_time,
        languages=tuple(data["stoplist_languages"]),
    )


def _by_phrase(groups: dict[str, list[str]]) -> dict[str, str]:
    return {line_key(phrase): reason for reason, phrases in groups.items() for phrase in phrases}


def _with_user_phrases(book: PhraseBook, extra_phrases: Sequence[str]) -> PhraseBook:
    if not extra_phrases:
        return book
    furniture = dict(book.furniture)
    furniture.update({line_key(p): USER_PHRASE for p in extra_phrases if line_key(p)})
    return replace(book, furniture=furniture)


# ------------------------------------------------------------------------------ stoplists


@functools.cache
def _justext_stoplist(language: str) -> frozenset[str]:
    """A stoplist shipped with justext, read from its package data without importing justext
    (which pulls in lxml: about 45 ms at start-up for nothing)."""
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    try:
        text = (folder / f"{language}.txt").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(text.lower().split())


def choose_stoplist(words: Iterable[str], languages: tuple[str, ...]) -> frozenset[str]:
    """The stoplist with the most hits among `words` (lowercase); empty when none fits."""
    counts = Counter(words)
    lists = [_justext_stoplist(language) for language in languages]
    hits = [sum(count for word, count in counts.items() if word in stoplist) for stoplist in lists]
    best = max(range(len(lists)), key=hits.__getitem__)
    enough = hits[best] and hits[best] >= _MIN_STOPLIST_SHARE * sum(counts.values())
    return lists[best] if enough else frozenset()


# ---------------------------------------------------------------------------------- units


@dataclass
class _Unit:
    """A paragraph of the raw text: one line, or several hard-wrapped lines joined."""

    lines: tuple[int, ...]
    raw: tuple[str, ...]
    text: str
    key: str = ""
    words: list[str] = field(default_factory=list)
    letter_words: int = 0
    verdict: str | None = None
    is_empty_field: bool = False
    end_marker: str | None = None
    score: float = 0.0
    scored_with: frozenset[str] | None = None


def _units(raw_lines: Sequence[str]) -> list[_Unit]:
    """Non-blank lines as units; a hard-wrapped text has its wrapped lines rejoined."""
    width = _wrap_width(raw_lines)
    units: list[_Unit] = []
    group: list[int] = []
    for number, line in enumerate(raw_lines, start=1):
        if not line.strip(_INVISIBLE):
            _flush(group, raw_lines, units)
            group = []
            continue
        if group and not (width and _continues(raw_lines[group[-1] - 1], line, width)):
            _flush(group, raw_lines, units)
            group = []
        group.append(number)
    _flush(group, raw_lines, units)
    return units


def _flush(group: list[int], raw_lines: Sequence[str], units: list[_Unit]) -> None:
    if group:
        raw = tuple(raw_lines[n - 1] for n in group)
        units.append(_Unit(tuple(group), raw, " ".join(" ".join(raw).split())))


def _wrap_width(raw_lines: Sequence[str]) -> int:
    """The fixed width the text is hard-wrapped at, or 0 when it is not hard-wrapped.

    Hard-wrapped text has most of its lines within a few characters of one width, and many
    of those long lines stop mid-sentence.
    """
    lengths = [len(line.rstrip()) for line in raw_lines if line.strip()]
    if len(lengths) < _HARD_WRAP_MIN_LINES:
        return 0
    width = sorted(lengths)[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 120:
        return 0
    long_lines = [line.rstrip() for line in raw_lines if len(line.rstrip()) >= width - 15]
    open_ended = sum(1 for line in long_lines if not _is_sentence(line))
    return (
        width
        if len(long_lines) >= 0.5 * len(lengths) and open_ended >= 0.5 * len(long_lines)
        else 0
    )


def _continues(previous: str, line: str, width: int) -> bool:
    """True when `line` carries on the paragraph that `previous` was wrapped out of."""
    return len(previous.rstrip()) >= width - 15 and not _BULLET_START.match(line.strip())


# -------------------------------------------------------------------------------- verdicts


def _verdict(unit: _Unit, book: PhraseBook, site_furniture: frozenset[str]) -> str | None:
    """Why this line is boilerplate wherever it appears, or None."""
    text, key, count = unit.text, unit.key, len(unit.words)
    if site_furniture and furniture_key(text) in site_furniture:
        return SITE_FURNITURE
    if not unit.letter_words or _MARKUP_TOKEN.match(text):
        return "markup debris"
    if count <= _MAX_FURNITURE_WORDS and (key in book.furniture or _doubled(key) in book.furniture):
        return book.furniture.get(key) or book.furniture[_doubled(key)]
    if count > 4 * _MAX_FURNITURE_WORDS:
        return None  # a long line is never furniture on its own
    single_token = " " not in text
    metadata_kind = _metadata_kind(text) if count <= _MAX_FURNITURE_WORDS or single_token else None
    if metadata_kind:
        return metadata_kind
    lowered = meta.strip_bullet(text).lower()
    if count <= _MAX_FURNITURE_WORDS and lowered.startswith(book.related_prefixes):
        return "related link"
    if count <= 3 * _MAX_FURNITURE_WORDS and lowered.startswith(("related article", "related:")):
        return "related link"
    if _is_credit(text, lowered, count, book):
        return "photo credit"
    if count <= 2 * _MAX_FURNITURE_WORDS and _COPYRIGHT.search(text):
        return "copyright"
    has_digit = any(c.isdigit() for c in text)
    if count <= _MAX_FURNITURE_WORDS and has_digit and book.relative_time.search(text):
        return "timestamp"
    if count <= 6 and has_digit and _CLOCK_TIME.search(text) and not _is_sentence(text):
        return "timestamp"
    if count <= 4 * _MAX_FURNITURE_WORDS and "cookie" in lowered and _COOKIE_NOTICE.search(text):
        return "cookie notice"
    if count <= _MAX_FURNITURE_WORDS and _NEWSLETTER.search(text) and not _is_sentence(text):
        return "subscribe prompt"
    if count <= 2 * _MAX_FURNITURE_WORDS and _SIGN_UP.search(text):
        return "subscribe prompt"
    if meta.is_breadcrumb(text) and ("»" in text or "›" in text):
        return "breadcrumb"
    return None


def _doubled(key: str) -> str:
    """The phrase a line repeats twice ("advertisement advertisement"), else ""."""
    half = len(key) // 2
    return key[:half] if key[half : half + 1] == " " and key[:half] == key[half + 1 :] else ""


def _metadata_kind(text: str) -> str | None:
    if meta.url_in_line(text):
        return "source URL"
    if meta.bare_domain(text):
        return "source"
    if meta.byline_name(text):
        return "byline"
    if meta.credit_name(text):
        return "credit"
    if meta.date_line(text):
        return "date"
    if len(text.split()) <= 3 and meta.is_empty_field(text):
        return EMPTY_FIELD
    return None


def _is_credit(text: str, lowered: str, count: int, book: PhraseBook) -> bool:
    """A picture credit: "Photo: X", "Name / Source", or a caption ending "(Photo: X)"."""
    if lowered.startswith(book.credit_prefixes):
        return True
    if count <= 6 and " / " in text and not _is_sentence(text):
        return True
    if 2 <= count <= 8 and _last_word(lowered) in _PICTURE_WORDS and not _is_sentence(text):
        return True
    if count > _MAX_CREDIT_WORDS:
        return False
    if ":" in text[-64:] and _TRAILING_CREDIT_LABEL.search(text):
        return True
    trailing = _TRAILING_CREDIT.search(text) if text.endswith(")") else None
    if not trailing:
        return False
    inside = trailing.group(1)
    inside_words = {w.lower() for w in _WORD.findall(inside)}
    return (
        "©" in inside
        or "/" in inside
        or bool(inside_words & book.credit_words)
        and (":" in inside or len(inside_words) <= 4)
    )


def _last_word(text: str) -> str:
    words = _WORD.findall(text)
    return words[-1] if words else ""


def _is_sentence(text: str) -> bool:
    last = text.rstrip(_CLOSING_MARKS)[-1:]
    return bool(last) and last in _SENTENCE_MARKS


def _is_teaser(text: str) -> bool:
    """A teaser cut off with an ellipsis: "...an 86-year-old Holocaust..." """
    return text.endswith(("...", "…"))


# --------------------------------------------------------------------------------- scores


def _line_score(unit: _Unit, stoplist: frozenset[str]) -> float:
    """How much this line looks like article prose: positive for prose, negative for junk."""
    if unit.scored_with is not stoplist:
        unit.score = _fresh_line_score(unit, stoplist)
        unit.scored_with = stoplist
    return unit.score


def _fresh_line_score(unit: _Unit, stoplist: frozenset[str]) -> float:
    count = unit.letter_words
    if unit.verdict:
        cost = _INSIDE_ARTICLE_COST if unit.verdict in _INSIDE_ARTICLE else _VERDICT_COST
        return -cost - 0.1 * count
    stops = len([w for w in unit.words if w in stoplist]) if stoplist else 0.4 * count
    score = _STOPWORD_WEIGHT * stops - _WORD_COST * count - _LINE_COST
    text = unit.text
    if _is_teaser(text):
        score -= _TEASER_COST
    elif _is_sentence(text):
        score += _SENTENCE_BONUS
    if _BULLET_START.match(text):
        score -= _BULLET_COST
    if 4 <= count <= _MAX_TITLE_WORDS and _capitalised_share(text) > 0.7:
        score -= _TITLE_CASE_COST
    return score


def _capitalised_share(text: str) -> float:
    words = [w for w in text.split() if w[:1].isalpha()]
    return sum(1 for w in words if w[0].isupper()) / len(words) if words else 0.0


def _smoothed(scores: list[float]) -> list[float]:
    """Each score plus a share of its two neighbours either side (capped, so one long
    paragraph cannot carry a menu with it)."""
    capped = [max(-3.0, min(3.0, s)) for s in scores]
    result = []
    for i, score in enumerate(scores):
        around = capped[max(0, i - 2) : i] + capped[i + 1 : i + 3]
        result.append(score + _NEIGHBOUR_WEIGHT * sum(around))
    return result


def _best_run(units: Sequence[_Unit], scores: Sequence[float]) -> tuple[int, int] | None:
    """The [start, end) run with the largest total score, never crossing an end marker.

    Once the text before a comment form or a "Related" list holds a substantial run (the
    article), what follows is not considered: it is comments and other stories.
    """
    best: tuple[float, int, int] | None = None
    start = 0
    for end in range(len(units) + 1):
        marker = units[end].end_marker if end < len(units) else "end"
        if not marker:
            continue
        run = _max_subarray(scores, start, end)
        if run and (best is None or run[0] > best[0]):
            best = run
        if marker in _FINAL_MARKERS and best and best[0] >= _ARTICLE_SCORE:
            break
        start = end + 1
    return _with_nearby_runs(units, scores, best[1], best[2]) if best else None


def _stops_article(units: Sequence[_Unit], i: int) -> bool:
    """An end marker the article never continues after; a "Related" box may sit mid-article."""
    return bool(units[i].end_marker) and units[i].end_marker != _RELATED


def _with_nearby_runs(
    units: Sequence[_Unit], scores: Sequence[float], start: int, end: int
) -> tuple[int, int]:
    """Widen the article over a short gap (a gallery, an ad block) to more prose beyond it."""
    while True:
        limit = next((i for i in range(end, len(units)) if _stops_article(units, i)), len(units))
        after = _max_subarray(scores, end, min(limit, end + _MAX_GAP_UNITS))
        if not after or after[0] < _ARTICLE_SCORE:
            break
        end = _max_subarray(scores, after[1], limit)[2]
    while True:
        limit = next((i + 1 for i in range(start - 1, -1, -1) if units[i].end_marker), 0)
        before = _max_subarray(scores, max(limit, start - _MAX_GAP_UNITS), start)
        if not before or before[0] < _ARTICLE_SCORE:
            break
        start = before[1]
    return start, end


def _max_subarray(scores: Sequence[float], start: int, end: int) -> tuple[float, int, int] | None:
    best: tuple[float, int, int] | None = None
    total, first = 0.0, start
    for i in range(start, end):
        if total <= 0:
            total, first = 0.0, i
        total += scores[i]
        if total > 0 and (best is None or total > best[0]):
            best = (total, first, i + 1)
    return best


# ------------------------------------------------------------------------------ decisions


def _prepare(units: list[_Unit], book: PhraseBook, site_furniture: frozenset[str]) -> None:
    for unit in units:
        unit.key = line_key(unit.text)
        unit.words = _WORD.findall(unit.text.lower())
        unit.letter_words = len(unit.words) - sum(map(str.isdigit, unit.words))
        unit.end_marker = _end_marker(unit, book)
        unit.verdict = _verdict(unit, book, site_furniture)
        unit.is_empty_field = unit.verdict == EMPTY_FIELD
    _lead_into_quotes(units)
    repeats = Counter(u.key for u in units if len(u.words) <= _MAX_FURNITURE_WORDS)
    for unit in units:
        if not unit.verdict and repeats[unit.key] >= _PAGE_REPEATS:
            unit.verdict = "repeated on the page"


def _lead_into_quotes(units: Sequence[_Unit]) -> None:
    """An empty field followed by a quote that stays is no field: "The mayor said:" leads
    into the quote below it. Worked out again on the kept lines (`_settle`): when the quote
    goes, so does the line that led into it."""
    following: _Unit | None = None
    for unit in reversed(units):
        if unit.is_empty_field:
            leads = (
                following is not None
                and following.verdict is None
                and following.text.startswith(_QUOTE_MARKS)
            )
            unit.verdict = None if leads else EMPTY_FIELD
        following = unit


def _end_marker(unit: _Unit, book: PhraseBook) -> str | None:
    """The kind of end marker this line is ("[ 167 comments ]", "Tags: x, y"), or None."""
    if len(unit.words) > _MAX_MARKER_WORDS:
        return None
    key = _DIGITS.sub("", unit.key).strip()
    marker = book.end_markers.get(key) or next(
        (reason for prefix, reason in book.end_marker_prefixes if key.startswith(prefix)), None
    )
    if marker:
        return marker
    label, colon, _ = unit.text.partition(":")
    label_marker = book.end_markers.get(line_key(label)) if colon else None
    return label_marker if label_marker == "tags" else None


def _article_stoplist(units: Sequence[_Unit], book: PhraseBook) -> frozenset[str]:
    longest = sorted(units, key=lambda u: len(u.words), reverse=True)[:_STOPLIST_SAMPLE_LINES]
    words = [w for u in longest for w in u.words[:_STOPLIST_SAMPLE_WORDS]]
    return choose_stoplist(words, book.languages)


def _decide(units: list[_Unit], stoplist: frozenset[str]) -> dict[int, str]:
    """Reasons for the units (by index) that are not article paragraphs."""
    for unit in units:
        unit.score = _line_score(unit, stoplist)
    run = _best_run(units, _smoothed([u.score for u in units]))
    if run is None and stoplist:
        return _decide(units, frozenset())
    start, end = run or (len(units), len(units))
    reasons = _related_boxes(units, start, end, stoplist)
    if start == 0 and end > 1 and _is_headline(units[0]):
        reasons[0] = HEADLINE
    after_marker: str | None = None
    for i, unit in enumerate(units):
        if i >= end:
            after_marker = unit.end_marker or after_marker
        if i in reasons:
            continue
        if start <= i < end:
            reason = unit.verdict or _stray_reason(units, i, start, end)
        else:
            reason = unit.verdict or unit.end_marker or (after_marker if i >= end else None)
            reason = reason or OUTSIDE
        if reason:
            reasons[i] = reason
    return reasons


def _related_boxes(
    units: Sequence[_Unit], start: int, end: int, stoplist: frozenset[str]
) -> dict[int, str]:
    """Inside the article, a "Related" marker and the headlines after it, up to the prose."""
    reasons: dict[int, str] = {}
    in_box = False
    for i in range(start, end):
        unit = units[i]
        if unit.end_marker == _RELATED:
            in_box = True
        elif in_box and _is_sentence(unit.text) and _line_score(unit, stoplist) > _LINE_COST:
            in_box = False
        if in_box:
            reasons[i] = _RELATED
    return reasons


def _stray_reason(units: Sequence[_Unit], i: int, start: int, end: int) -> str | None:
    """A short non-sentence line inside the article stays only beside a prose line."""
    unit = units[i]
    if len(unit.words) > _SHORT_LINE_WORDS or _is_sentence(unit.text):
        return None
    neighbours = [units[j] for j in (i - 1, i + 1) if start <= j < end]
    prose = any(n.score > 0 and not n.verdict for n in neighbours)
    return None if prose else OUTSIDE


def _is_headline(unit: _Unit) -> bool:
    """A first line that reads like a headline: short, no closing punctuation, no bullet."""
    count = len(unit.words)
    return (
        2 <= count <= _MAX_FIRST_LINE_TITLE_WORDS
        and not unit.verdict
        and not _is_sentence(unit.text)
        and not _BULLET_START.match(unit.text)
    )


def _find_title(units: Sequence[_Unit], first_kept: int) -> int | None:
    """The headline: the nearest headline-like line before the article starts."""
    for i in range(first_kept - 1, max(-1, first_kept - 1 - _TITLE_LOOKBACK), -1):
        unit = units[i]
        if unit.end_marker:
            return None
        if unit.verdict or _BULLET_START.match(unit.text):
            continue
        count = len(unit.words)
        if 2 <= count <= _MAX_TITLE_WORDS and not unit.text.endswith((".", ":", "…")):
            return i
    return None


def _metadata_from(units: Sequence[_Unit], title: str | None) -> PageMetadata:
    found: dict[str, str] = {}
    for unit in units:
        if not unit.verdict:
            continue
        text = unit.text
        values = {
            "url": meta.url_in_line(text),
            "byline": meta.byline_name(text),
            "credit": meta.credit_name(text) or meta.bare_domain(text),
            "date": meta.date_line(text),
        }
        for name, value in values.items():
            if value and name not in found:
                found[name] = value
    if "date" not in found and "url" in found:
        url_date = meta.date_in_url(found["url"])
        if url_date:
            found["date"] = url_date
    return PageMetadata(title=title, **found)


# ------------------------------------------------------------------------------ public API


def clean_text(
    raw: str,
    *,
    site_furniture: frozenset[str] = frozenset(),
    extra_phrases: Sequence[str] = (),
) -> CleanedArticle:
    """Clean the plain text of a web page: article paragraphs, metadata, removed lines.

    `site_furniture` holds normalised lines (see `line_key`) known to repeat across pages of
    the same site; `extra_phrases` are the user's own whole-line boilerplate phrases.
    """
    book = _with_user_phrases(phrase_book(), extra_phrases)
    units = _units(raw.splitlines())
    _prepare(units, book, site_furniture)
    stoplist = _article_stoplist(units, book)
    reasons = _decide(units, stoplist)
    kept = [i for i in range(len(units)) if i not in reasons]
    first_line_title = next((i for i, r in reasons.items() if r == HEADLINE), None)
    title_index = _find_title(units, kept[0]) if kept else None
    title_index = first_line_title if title_index is None else title_index
    title = units[title_index].text if title_index is not None else None
    if title_index is not None:
        _drop_repeated_headline(units, kept, title_index, reasons)
    _settle(units, kept, reasons, book)
    removed = [
        RemovedLine(number, raw_line.strip(), reasons[i])
        for i, unit in enumerate(units)
        if i in reasons
        for number, raw_line in zip(unit.lines, unit.raw, strict=True)
    ]
    return CleanedArticle(
        paragraphs=tuple(units[i].text for i in range(len(units)) if i not in reasons),
        removed=tuple(removed),
        metadata=_metadata_from(units, title),
    )


def _drop_repeated_headline(
    units: Sequence[_Unit], kept: list[int], title_index: int, reasons: dict[int, str]
) -> None:
    """The headline is metadata, not a paragraph: mark it, and drop its repeats anywhere."""
    key = units[title_index].key
    reasons[title_index] = HEADLINE
    for i, unit in enumerate(units):
        if unit.key == key and i != title_index:
            reasons[i] = REPEATED_HEADLINE
    kept[:] = [i for i in kept if i not in reasons]


def _settle(
    units: Sequence[_Unit], kept: list[int], reasons: dict[int, str], book: PhraseBook
) -> None:
    """Decide again on the kept lines alone until nothing more goes: cleaning the output
    again then finds nothing to remove (idempotence)."""
    for _ in range(_MAX_ROUNDS):
        kept_units = [units[i] for i in kept]
        _lead_into_quotes(kept_units)
        again = _decide(kept_units, _article_stoplist(kept_units, book))
        if not again:
            return
        for position in sorted(again, reverse=True):
            reasons[kept[position]] = again[position]
            del kept[position]


def clean_html(html: str) -> CleanedArticle:
    """Extract the article from an HTML page with trafilatura, metadata from the page.

    Nothing is listed in `removed`: the raw view of an HTML page is not line-based.
    """
    from reader.html_extraction import bare_extraction  # one call at a time (thread safety)

    document = bare_extraction(html, with_metadata=True, include_comments=False)
    if document is None:
        return CleanedArticle((), (), PageMetadata())
    lines = (document.text or "").splitlines()
    paragraphs = tuple(" ".join(line.split()) for line in lines if line.strip())
    metadata = PageMetadata(
        title=document.title or None,
        byline=document.author or None,
        date=document.date or None,
        url=document.url or None,
        credit=document.sitename or None,
    )
    return CleanedArticle(paragraphs, (), metadata)


def furniture_key(text: str) -> str:
    """A line normalised for site-furniture matching: `line_key` with every number as 0,
    so "Copyright © 2019 ..." and "Copyright © 2020 ..." are the same furniture."""
    return re.sub(r"\d+", "0", line_key(text))


def find_site_furniture(raws: Sequence[str]) -> frozenset[str]:
    """Lines (as `furniture_key`s) repeated across pages of one site: menus, footers, promos.

    A short line counts once it is on 2 pages of a small site (3 once the site has 5 pages or
    more); a long line needs 3 pages, so that two versions of one story keep their shared
    paragraphs.
    """
    pages_with: Counter[str] = Counter()
    words_in: dict[str, int] = {}
    for raw in raws:
        keys = set()
        for unit in _units(raw.splitlines()):
            key = furniture_key(unit.text)
            if key:
                keys.add(key)
                words_in[key] = len(key.split())
        pages_with.update(keys)
    short_needs = 2 if len(raws) < 5 else 3
    return frozenset(
        key
        for key, pages in pages_with.items()
        if pages >= (short_needs if words_in[key] <= _LONG_FURNITURE_WORDS else 3)
    )


def clean_article_file(
    article: ArticleLike, site_furniture: frozenset[str], extra_phrases: Sequence[str] = ()
) -> CleanedArticle:
    """Clean one library article: HTML pages with trafilatura, everything else as text.

    A page the cleaner (or a library under it) fails on gives an empty article with the
    error as its `problem`: one odd file never ends the analysis of a whole library."""
    try:
        if article.is_html:
            return clean_html(article.raw)
        return clean_text(article.raw, site_furniture=site_furniture, extra_phrases=extra_phrases)
    except Exception as error:  # whatever a third-party parser raises
        return CleanedArticle((), (), PageMetadata(), problem=_failure(error))


def _failure(error: Exception) -> str:
    detail = " ".join(str(error).split())[:200]
    reason = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return f"could not be cleaned ({reason})"
