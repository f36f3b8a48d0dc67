"""Shared text utilities: sentence spans, word tokens, content words and their stems."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "rep",
        "reps",
        "sen",
        "sens",
        "gov",
        "pres",
        "rev",
        "fr",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "bros",
        "vs",
        "etc",
        "al",
        "approx",
        "dept",
        "est",
        "fig",
        "ft",
        "mt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
    ]
)
"""Words that end with a full stop without ending the sentence (lowercase, no final dot)."""

NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "vol", "pp", "art"})
"""Abbreviations that only count as such before a number ("No. 1"); elsewhere "no." ends one."""

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "almost",
        "also",
        "although",
        "am",
        "among",
        "an",
        "and",
        "another",
        "any",
        "anyone",
        "anything",
        "are",
        "around",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "else",
        "even",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "least",
        "less",
        "like",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "myself",
        "near",
        "neither",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "others",
        "otherwise",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "perhaps",
        "rather",
        "same",
        "several",
        "shall",
        "she",
        "should",
        "since",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "too",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "whatever",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "mr",
        "mrs",
        "ms",
        "dr",
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tell",
        "tells",
        "according",
        "added",
        "adding",
        "asked",
        "stated",
        "noted",
        "went",
        "get",
        "got",
        "make",
        "made",
        "new",
        "news",
        "also",
        "last",
        "first",
        "week",
        "year",
        "years",
        "day",
        "days",
        "time",
        "times",
    ]
)
"""Function words and reporting verbs: frequent everywhere, so they say nothing about content."""

_BREAK = re.compile(r"[\n.!?…](?:(?<=\n)|(?<=[.!?…])[.!?…]*[\"'”’»)\]]*(?=\s|$))")
"""A line break, or stops (and closing quote marks) that may end a sentence: one scan of the
text finds both in order. Opening on the class of their first characters lets the scan skip
to them (`\n|[.!?…]+...` would try each character in turn, four times slower)."""
_STRIPPED = re.compile(r"\S(?:.*\S)?", re.DOTALL)
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*", re.UNICODE)
_INITIAL = re.compile(r"^[A-Z]$")
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
_DOTTED = re.compile(r"^(?:\w\.)+\w$")


@dataclass(frozen=True)
class TextSpan:
    """A piece of a text: `text[start:end]`."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[TextSpan]:
    """Split `text` into sentence spans.

    A line break always ends a sentence (clean text puts headlines and paragraphs on their own
    lines); a full stop does not when it closes an abbreviation (U.S., Jan., Gen.) or an initial
    (John F. Kennedy), and no stop does when the next word is in lower case: "Rep. Michele
    Bachmann (R-Minn.) tweeted a photo", "“Is that picture you?” asked a reporter" (but
    "iPhone" begins a sentence). Spans are stripped, in order, and never overlap.
    """
    return list(_sentence_spans(text))


@lru_cache(maxsize=256)
def _sentence_spans(text: str) -> tuple[TextSpan, ...]:
    """`split_sentences`, computed once per text: facts, names and quotes all split articles."""
    spans: list[TextSpan] = []
    start = 0
    for match in _BREAK.finditer(text):
        stop = match.group()
        if stop == "\n":
            end = match.start()
        elif _lower_case_word_at(text, match.end()) or (
            stop == "." and _is_abbreviation(text, start, match.start())
        ):
            continue
        else:
            end = match.end()
        _append(spans, text, start, end)
        start = match.end()
    _append(spans, text, start, len(text))
    return tuple(spans)


def _is_abbreviation(text: str, start: int, stop: int) -> bool:
    """Whether the bare full stop at `stop` closes an abbreviation or an initial rather than a
    sentence. What follows it is read only when the word before it needs it (a number
    abbreviation, a dotted one): most full stops end a sentence after a plain word."""
    word = _word_before(text, start, stop).lstrip("(\"'“‘[")
    lower = word.lower()
    if lower in NUMBER_ABBREVIATIONS:
        return _next_character(text, stop + 1).isdigit()
    if lower in ABBREVIATIONS or _INITIAL.match(word):
        return True
    return bool(_DOTTED.match(word)) and not _next_character(text, stop + 1).isupper()


def _lower_case_word_at(text: str, at: int) -> bool:
    """Whether what follows `at`, after any white space, is a word in lower case: a sentence
    goes on after it ("?” asked a reporter"), unless it is a name like "iPhone" or "eBay"."""
    word = _NEXT_WORD.match(text, at)
    return word is not None and word.group(1).islower()


def _next_character(text: str, at: int) -> str:
    """The first character from `at` that is not whitespace, within 12 ("" when none)."""
    return text[at : at + 12].lstrip()[:1]


_WORD_REACH = 40
"""Characters before a full stop that `_word_before` reads first: a word is seldom longer."""


def _word_before(text: str, start: int, end: int) -> str:
    """The last whitespace-separated word of `text[start:end]` ("" when none), read from the
    last `_WORD_REACH` characters when it starts after a space there, not from the whole
    sentence so far."""
    near = max(start, end - _WORD_REACH)
    window = text[near:end]
    words = window.rsplit(maxsplit=1)
    whole = len(words) == 2 or (len(words) == 1 and window[0].isspace())
    if near > start and not whole:
        words = text[start:end].rsplit(maxsplit=1)
    return words[-1] if words else ""


def _append(spans: list[TextSpan], text: str, start: int, end: int) -> None:
    stripped = _STRIPPED.search(text, start, end)
    if stripped:
        spans.append(TextSpan(stripped.start(), stripped.end(), stripped.group()))


def words(text: str, offset: int = 0) -> list[TextSpan]:
    """Word tokens of `text` with their offsets (plus `offset`): "10,000", "U.S", "Kim's"."""
    return [TextSpan(m.start() + offset, m.end() + offset, m.group()) for m in _WORD.finditer(text)]


_CLITICS = frozenset({"s", "re", "m", "ll", "ve", "d"})
"""What English writes after an apostrophe for "is" / "has", "are", "am", "will", "have" and
"would" / "had": on a stopword ("it's", "we're", "I'm") the whole is one, as the words written
out are; on a name it is a possessive ("Russia's", "X's"), which the stem takes off."""


def is_content_word(word: str) -> bool:
    """Whether `word` carries content: not a stopword, not a lone letter or punctuation, not
    a stopword with a clitic ("it's", "we're", "I'm") nor a negated auxiliary ("didn't")."""
    lower = word.lower().replace("’", "'")
    if len(lower) <= 1 or lower in STOPWORDS or lower.endswith("n't"):
        return False
    head, apostrophe, clitic = lower.partition("'")
    return not (apostrophe and clitic in _CLITICS and head in STOPWORDS)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem, enough to make "soldiers" = "soldier" and "captured" = "capture".

    Deliberately conservative (plural and verb endings only): a wrong merge of two different
    words costs more in fact matching than a missed one.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'").replace(",", "")
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, replacement in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            root = w[: len(w) - len(suffix)]
            w = (_undouble(root) if suffix in _DOUBLING else root) + replacement
            break
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("shes", "sh"),
    ("ches", "ch"),
    ("xes", "x"),
    ("ss", "ss"),
    ("us", "us"),
    ("is", "is"),
    ("s", ""),
    ("ing", ""),
    ("ed", ""),
)


_DOUBLING = frozenset({"ing", "ed"})
"""The suffixes that double a final consonant ("stopped", "stopping"); a plural never does
("tariffs" is "tariff" and an s)."""


def _undouble(root: str) -> str:
    """Undo a doubled final consonant left by "-ed" or "-ing": "stopped" -> "stop". A final
    f, l, s or z is doubled in the word itself ("staffed", "called", "passed", "buzzed")."""
    if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "flsz":
        return root[:-1]
    return root


def content_stems(text: str) -> list[str]:
    """The stems of the content words of `text`, in order."""
    return [s for s in map(_content_stem, _WORD.findall(text)) if s is not None]


@lru_cache(maxsize=200_000)
def _content_stem(word: str) -> str | None:
    """The stem of a content word; None for a word without content."""
    return stem(word) if is_content_word(word) else None


def demonym_roots(word: str) -> tuple[str, ...]:
    """Possible place names behind a demonym, lowercase: "Korean" -> ("korea", ...).

    Only candidates: a caller keeps the one its own vocabulary contains (Russian -> russia,
    Ukrainian -> ukrain, the stem of Ukraine), so no list of countries is needed.
    """
    w = word.lower()
    if not w.endswith("an") or len(w) < 6:
        return ()
    return (w[:-1], w[:-2] + "a", stem(w[:-3]), w[:-3] + "a")


_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_ON_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def safe_text(text: str) -> str:
    """`text` fit to show on a terminal: control characters (escape sequences, bells, C1
    codes) become spaces and undecodable bytes of a file name (lone surrogates) become "�";
    line breaks and tabs stay. Same length, so offsets into `text` still hold."""
    return _UNSAFE_CHARACTERS.sub(_replacement, text)


def printable(text: str) -> str:
    """`text` as one line fit to print: like `safe_text`, and line breaks and tabs (a
    newline in a file name, a title) become spaces, so one value never splits an output
    line. Same length."""
    return _UNSAFE_ON_ONE_LINE.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else " "


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable_json(json_text: str) -> str:
    """JSON text (as `json.dumps(..., ensure_ascii=False)` writes it) fit to print: the
    characters JSON leaves raw that a terminal acts on (C1 controls such as CSI, \\x9b) or
    cannot encode (lone surrogates, from file names) become \\u escapes, which a JSON reader
    reads back as the same text."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)


def shortened(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in "…" when cut; a "…" that stood
    where the cut falls (the one between two parts of a claim) is not doubled."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip(" …") + "…"


def first_words(text: str, count: int) -> str:
    """The first `count` words of `text` on one line, with "…" when there were more: how a
    passage, a quote or a bookmark is named in a notice or a list."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
