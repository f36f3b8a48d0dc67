"""Names: find capitalised names in text and unify variant spellings of one entity.

Variants are unified by rule, never by a table of known pairs: accents, hyphens and case are
folded (Kim Jong-un = Kim Jong Un), a consonant skeleton absorbs transliteration differences
(Kiev = Kyiv, Zelensky = Zelenskyy), and an acronym matches the initials of a capitalised
phrase (NIS = National Intelligence Service).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from reader.metadata import MONTHS, WEEKDAYS
from reader.text import STOPWORDS, TextSpan, split_sentences

CONNECTORS = frozenset(
    {"of", "for", "and", "de", "del", "da", "du", "la", "al", "bin", "von", "van"}
)
"""Lowercase words allowed inside a name between capitalised words (Security Service of Ukraine)."""

TITLES = frozenset(
    [
        "president",
        "presidents",
        "vice",
        "prime",
        "minister",
        "ministers",
        "secretary",
        "chancellor",
        "governor",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "mayor",
        "judge",
        "justice",
        "general",
        "gen",
        "gov",
        "colonel",
        "col",
        "lieutenant",
        "sergeant",
        "captain",
        "admiral",
        "commander",
        "chief",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "leader",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "lord",
        "lady",
        "dame",
    ]
)
"""Words that come before a name without being part of it (President, Gen., Mr.)."""

CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)
"""Capitalised calendar words: dates, not names."""

_NOT_CONTENT = STOPWORDS | CONNECTORS
"""Words left out when deciding whether a line is in title case, or starting a name."""

_TOKEN = re.compile(r"[^\W\d_][\w’'.\-]*\w|[^\W\d_]", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_APOSTROPHES_AND_HYPHENS = re.compile(r"[-‐‑’'`]")
_FOLD_WORD = re.compile(r"\w+")
_DOUBLED_FINAL_Y = re.compile(r"yy(?!\w)")
_WHITESPACE = re.compile(r"\s")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class NameSpan:
    """A capitalised phrase `text[start:end]`; `initial` when it opens a sentence."""

    start: int
    end: int
    text: str
    initial: bool


@lru_cache(maxsize=100_000)
def fold(name: str) -> str:
    """Lowercase, strip accents and hyphens, and collapse a doubled final `y` (Zelenskyy)."""
    words = _folded_words(name)
    if len(words) > 1 and words[-1] == "s" and _POSSESSIVE.search(name):
        words.pop()
    return " ".join(words)


def _folded_words(text: str) -> list[str]:
    """The words of `text` as `fold` gives them, a possessive "s" still among them."""
    plain = text if text.isascii() else _strip_accents(text)
    plain = _APOSTROPHES_AND_HYPHENS.sub(" ", plain.lower())
    return _FOLD_WORD.findall(_DOUBLED_FINAL_Y.sub("y", plain))


def folds_to(text: str, folded: str) -> bool:
    """Whether `fold(text) == folded`, without folding all of a text much longer than `folded`
    (a paragraph against a title): folding reads a text word by word, so the words of a part
    of it ending in whitespace are its first words (a possessive "s" it drops ends the text),
    and a part with more words than `folded` settles it."""
    reach = _WHITESPACE.search(text, 2 * len(folded) + 16)
    if reach and len(_folded_words(text[: reach.end()])) > len(folded.split()):
        return False
    return fold(text) == folded


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if not any(map(unicodedata.combining, decomposed)):
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """Each folded word as its first letter plus its consonants, doubles collapsed.

    Transliterations mostly differ in vowels: "kiev" and "kyiv" both give "kv".
    """
    return " ".join(_word_skeleton(w) for w in fold(name).split())


def _word_skeleton(word: str) -> str:
    rest = _VOWELS.sub("", word[1:])
    return _DOUBLED.sub(r"\1", word[:1] + rest)


MIN_WORD_ACRONYM = 4
"""An acronym written as a word ("Nafta") has at least this many letters: shorter title-case
words are too often names of their own ("Ian", "Ada")."""


def is_acronym(word: str) -> bool:
    """Whether `word` looks like an acronym: 2-8 capitals or digits (NIS, SBU, G7)."""
    return bool(_ACRONYM.match(word.replace(".", "")))


def acronym(phrase: str) -> str:
    """The initials of the capitalised words: "National Intelligence Service" -> "NIS"."""
    words = re.findall(r"[^\W\d_][\w’'\-]*", phrase)
    return "".join(w[0] for w in words if w[0].isupper()).upper()


def same_entity(a: str, b: str) -> bool:
    """Whether two names are spellings of the same entity (case, accents, vowels, initials)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    if _is_acronym_of(a, b) or _is_acronym_of(b, a):
        return True
    if len(fa.split()) != len(fb.split()) or skeleton(a) != skeleton(b):
        return False
    return Indel.normalized_similarity(fa, fb) >= 0.6 and min(len(fa), len(fb)) >= 4


def _is_acronym_of(short: str, long: str) -> bool:
    """Whether `short` is the initials of `long`: in capitals ("NAFTA", "N.I.S."), or, from
    `MIN_WORD_ACRONYM` letters, as the word some outlets write it ("Nafta", "Nato")."""
    compact = short.replace(".", "")
    if len(long.split()) < 2:
        return False
    if is_acronym(compact):
        return acronym(long) == compact
    return is_word_acronym(compact) and acronym(long) == compact.upper()


def is_word_acronym(word: str) -> bool:
    """Whether `word` could be an acronym written as a word ("Nafta", "Nato"): one title-case
    word of `MIN_WORD_ACRONYM` letters or more. Only initials it matches make it one."""
    return (
        len(word) >= MIN_WORD_ACRONYM
        and word.isalpha()
        and word[0].isupper()
        and word[1:].islower()
    )


def find_names(text: str) -> list[NameSpan]:
    """Capitalised phrases in `text`: runs of capitalised words, connectors allowed inside.

    Titles and calendar words split a run (President Volodymyr Zelensky -> Volodymyr Zelensky),
    so does punctuation; a possessive "'s" ends a run and is left out of the span. Title-case
    lines (headlines) are skipped. Whether a word opening a sentence or a quote is a name
    ("Seoul said" vs "Reports said") cannot be told from one sentence, hence `initial`.
    """
    return list(_names_in(text))


@lru_cache(maxsize=256)
def _names_in(text: str) -> tuple[NameSpan, ...]:
    """`find_names`, computed once per text: facts and quotes both ask for an article's names."""
    names: list[NameSpan] = []
    for sentence in split_sentences(text):
        if _is_title_case(text, sentence):
            continue
        for run in _runs(text, sentence):
            span = _span(text, run)
            if span is not None:
                names.append(span)
    return tuple(names)


def _is_title_case(text: str, sentence: TextSpan) -> bool:
    """At least four content words, all capitalised (stops at the first lowercase one, most
    often a sentence's second or third word, so the rest is never tokenised)."""
    content = 0
    for match in _TOKEN.finditer(text, sentence.start, sentence.end):
        word = match.group()
        if word.lower() in _NOT_CONTENT:
            continue
        if not word[0].isupper():
            return False
        content += 1
    return content >= 4


_CAPITALISED = re.compile(r"[^a-z\W\d_](?:[\w’'.\-]*\w)?")
"""A letter other than a lowercase ASCII one, to the end of its `_TOKEN`: the tokens that may be
capitalised, a small part of a text's words (`_opens_token` and `str.isupper` tell which are)."""
_RUN_CHARACTER = re.compile(r"[\w’'.\-]")
_LETTER = re.compile(r"[^\W\d_]")

_Token = tuple[int, str]
"""A token's start in the text, and the token."""


def _runs(text: str, sentence: TextSpan) -> Iterable[list[_Token]]:
    """The runs of name words of one sentence, from one capitalised token to the next (the
    lowercase words between are looked at only while a run is open), a connector kept between
    two name words (Security Service of Ukraine)."""
    run: list[_Token] = []
    for match in _CAPITALISED.finditer(text, sentence.start, sentence.end):
        start, word = match.start(), match.group()
        if not word[0].isupper() or not _opens_token(text, start):
            continue  # a lowercase word ("élan", "al-Qaeda", "iPod"): one of the words between
        is_name = _is_name_word(word)
        if run:
            joined, continues = _link(text, run[-1], start, is_name)
            run += joined
            if not continues:
                yield run
                run = []
        if is_name:
            run.append((start, word))
        elif run:
            yield run
            run = []
    if run:
        yield run


def _opens_token(text: str, start: int) -> bool:
    """Whether the letter at `start` opens its `_TOKEN`, as `_TOKEN` reads a run of word
    characters, apostrophes, dots and hyphens from its first letter: no letter before it in
    its run ("'Hello", "3M", but not "al-Qaeda")."""
    at = start
    while at and _RUN_CHARACTER.match(text, at - 1):
        at -= 1
        if _LETTER.match(text, at):
            return False
    return True


def _link(text: str, last: _Token, start: int, is_name: bool) -> tuple[list[_Token], bool]:
    """What stands between a run's `last` token and the next capitalised word at `start` (a
    name word when `is_name`): the connector the run takes in before it, and whether the word
    continues the run. Only a bare gap (or the full stop of an initial) continues it, and one
    connector between two name words with bare gaps around it; a possessive "'s" ends it."""
    last_start, last_word = last
    end = last_start + len(last_word)
    if last_word.endswith(("'s", "’s")):
        return [], False
    between = _TOKEN.search(text, end, start)
    gap = text[end : between.start() if between else start].strip()
    if gap and not _after_initial(gap, last_word):
        return [], False
    if between is None:
        return [], True
    connector = between.group()
    if connector not in CONNECTORS or not is_name or _TOKEN.search(text, between.end(), start):
        return [], False
    return [(between.start(), connector)], not text[between.end() : start].strip()


def _after_initial(gap: str, word: str) -> bool:
    """Whether `gap` is the full stop of a middle initial ("Dan T. Cathy"), inside a name."""
    return gap == "." and len(word) == 1 and word.isupper()


@lru_cache(maxsize=100_000)
def _is_name_word(word: str) -> bool:
    """A capitalised word that is not a title, a month or day, nor an adjective such as
    "Korean-speaking" (a long lowercase part after a hyphen; "Jong-un" stays a name)."""
    lower = word.lower().rstrip(".")
    if not word[0].isupper() or lower in TITLES or lower in CALENDAR or word == "I":
        return False
    last_part = _POSSESSIVE.sub("", word).rsplit("-", 1)[-1]
    return not ("-" in word and last_part.islower() and len(last_part) > 3)


def _span(text: str, run: list[_Token]) -> NameSpan | None:
    """The name a run spells: without leading function words, nor a possessive "'s" or a
    final full stop or apostrophe; None when nothing is left."""
    while run and run[0][1].lower() in _NOT_CONTENT:
        run = run[1:]
    if not run:
        return None
    start = run[0][0]
    last_start, last_word = run[-1]
    end = last_start + len(_POSSESSIVE.sub("", last_word).rstrip(".'’"))
    if end <= start:
        return None
    return NameSpan(start, end, text[start:end], initial=_opens_sentence(text, start))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t")
    return not before or before[-1] in "\n.!?:;\"“‘'(—–-" or before.endswith("\n")
