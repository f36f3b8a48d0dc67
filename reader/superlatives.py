"""Superlative claims: a name said to be "the largest" of something, and what it tops.

"Canada is the largest steel exporter to the United States" ranks Canada first among steel
exporters to the United States. Another outlet naming someone else "the largest" of the same
thing disagrees with it (`reader.facts`). A possessive before the superlative narrows what is
ranked ("Germany, the EU's largest steel exporter" tops the EU's exporters, not all of them), so
it is kept as the claim's `within`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.text import content_stems

DEGREES = (
    "largest|biggest|greatest|highest|lowest|smallest|fewest|oldest|youngest|richest|poorest"
    "|deadliest|costliest|busiest|strongest|weakest|fastest|longest|shortest|best|worst|top"
    "|leading|most\\s+[a-z]+"
)
"""The superlative forms of English adjectives a ranking uses, and "most X" for the rest."""
SAME_DEGREE = {"biggest": "largest", "leading": "top"}
"""Superlatives that rank alike: "the biggest exporter" is "the largest exporter"."""

_RANKED = re.compile(
    r"(?P<comma>\s*,\s*|\s+(?:is|was|remains|remained|becomes|became|has\s+been|had\s+been"
    r"|makes\s+up|made\s+up|accounts\s+for|accounted\s+for|ranks\s+as|ranked\s+as)\s+)"
    r"the\s+(?:(?P<within>[\w.]+['’]s)\s+)?(?:single\s+)?(?P<degree>" + DEGREES + r")\b",
    re.IGNORECASE,
)
"""One name is ranked ("X is", "X, the"): "X and Y are the largest" ranks no one first."""
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|on|for|from|after|before|behind|within|across|throughout|under|over|among)\s+$",
    re.IGNORECASE,
)
"""Before "X, the largest ...", a preposition makes X a place or time ("In Washington, the
biggest worry is ..."), not the one ranked."""
_TOPIC_WORD = re.compile(r"\s*(\w+(?:[-'’.]\w+)*\.?)")
_TOPIC_END = frozenset(
    "is was are were has have had will would and but or while who which that whose".split()
)
"""Words that end what is ranked: the clause goes on to say something else."""
MAX_TOPIC_WORDS = 8
"""What is ranked is the words after the superlative up to the clause's first punctuation."""
PROPORTIONS = frozenset(
    {"share", "portion", "proportion", "part", "percentage", "fraction", "amount", "number"}
)
"""Nouns of a part of a whole: "the largest share" ranks parts of what its sentence is about."""


@dataclass(frozen=True)
class Superlative:
    """`degree` ("largest") of `topic` ("steel exporter to the United States"), `within` a
    possessive's scope ("eu's") or "" for all; the claim ends at `end` of the text."""

    degree: str
    within: str
    topic: str
    end: int


def superlative_after(text: str, start: int, end: int, limit: int) -> Superlative | None:
    """The superlative that the name text[start:end] is given, before `limit`: "X is the
    largest ...", "X, the biggest ...", "X made up the largest share ..."."""
    if " and " in text[start:end] or "&" in text[start:end]:
        return None
    found = _RANKED.match(text, end, limit)
    if found is None:
        return None
    if found["comma"].strip() and _AFTER_PREPOSITION.search(text, max(0, start - 12), start):
        return None
    topic_end = found.end()
    for _ in range(MAX_TOPIC_WORDS):
        word = _TOPIC_WORD.match(text, topic_end, limit)
        if word is None or word[1].lower() in _TOPIC_END:
            break
        topic_end = word.end()
        if word[1].endswith(".") and "." not in word[1][:-1]:
            topic_end -= 1
            break
    topic = text[found.end() : topic_end].strip()
    if not topic:
        return None
    degree = " ".join(found["degree"].lower().split())
    degree = SAME_DEGREE.get(degree, degree)
    within = (found["within"] or "").lower().replace("’", "'")
    return Superlative(degree, within, topic, topic_end)


@dataclass(frozen=True)
class Ranked:
    """What a superlative ranks, as content stems: `kind`, the stems of its lowercase words
    (the class ranked: "exporter", "ally"), `words`, all of them (names included), and
    `qualifiers`, the capitalised words before its first function word ("American" ally,
    "Democrat" on the committee); `whole` when the topic is a part of a whole."""

    kind: frozenset[str]
    words: frozenset[str]
    qualifiers: frozenset[str]
    whole: bool

    def same_as(self, other: Ranked) -> bool:
        """Whether two claims rank the same thing: a part of a whole ranks what its sentence
        is about, so a word of either's class in the other's words will do; otherwise the
        two have the same qualifiers and one's class is all in the other's words ("buyer of
        soybeans" is not "buyer of corn")."""
        if self.whole or other.whole:
            return bool(self.kind & other.words or other.kind & self.words)
        smaller, larger = sorted((self, other), key=lambda r: len(r.kind))
        return (
            self.qualifiers == other.qualifiers
            and bool(smaller.kind)
            and smaller.kind <= larger.words
        )


def ranked(claim: Superlative, sentence: str) -> Ranked:
    """What `claim` ranks: its topic, or its sentence when the topic is a part of a whole
    ("made up the largest share, shipping 13 percent of U.S. imports")."""
    whole = claim.topic.split()[0].lower() in PROPORTIONS
    text = sentence if whole else claim.topic
    degree = set(content_stems(claim.degree))
    lowercase = " ".join(w for w in text.split() if not w[:1].isupper())
    return Ranked(
        frozenset(content_stems(lowercase)) - degree,
        frozenset(content_stems(text)) - degree,
        frozenset(content_stems(" ".join(_qualifiers(claim.topic)))),
        whole,
    )


def _qualifiers(topic: str) -> list[str]:
    """The capitalised words of `topic` before its first lowercase function word."""
    found = []
    for word in topic.split():
        if word[:1].isupper():
            found.append(word)
        elif not content_stems(word):
            break
    return found
