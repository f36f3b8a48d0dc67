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

_RANKED = re.compile(
    r"(?:\s*,\s*|\s+(?:is|was|are|were|remains|remained|becomes|became|has\s+been|had\s+been"
    r"|makes\s+up|made\s+up|accounts\s+for|accounted\s+for|ranks\s+as|ranked\s+as)\s+)"
    r"the\s+(?:(?P<within>[\w.]+['’]s)\s+)?(?:single\s+)?(?P<degree>" + DEGREES + r")\b",
    re.IGNORECASE,
)
_TOPIC_WORD = re.compile(r"\s*(\w+(?:[-'’.]\w+)*\.?)")
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


def superlative_after(text: str, start: int, limit: int) -> Superlative | None:
    """The superlative that the name ending at `start` is given, before `limit`: "X is the
    largest ...", "X, the biggest ...", "X made up the largest share ..."."""
    found = _RANKED.match(text, start, limit)
    if found is None:
        return None
    end = found.end()
    for _ in range(MAX_TOPIC_WORDS):
        word = _TOPIC_WORD.match(text, end, limit)
        if word is None:
            break
        end = word.end() - (word[1].endswith(".") and "." not in word[1][:-1])
    topic = text[found.end() : end].strip()
    if not topic:
        return None
    degree = " ".join(found["degree"].lower().split())
    within = (found["within"] or "").lower().replace("’", "'")
    return Superlative(degree, within, topic, end)


@dataclass(frozen=True)
class Ranked:
    """What a superlative ranks, as content stems: `kind`, the stems of its lowercase words
    (the class ranked: "exporter", "ally"), and `words`, all of them (names included)."""

    kind: frozenset[str]
    words: frozenset[str]

    def same_as(self, other: Ranked) -> bool:
        """Whether two claims rank the same thing: a word of one's class is one of the other's."""
        return bool(self.kind & other.words or other.kind & self.words)


def ranked(claim: Superlative, sentence: str) -> Ranked:
    """What `claim` ranks: its topic, or its sentence when the topic is a part of a whole
    ("made up the largest share, shipping 13 percent of U.S. imports")."""
    text = sentence if claim.topic.split()[0].lower() in PROPORTIONS else claim.topic
    degree = set(content_stems(claim.degree))
    lowercase = " ".join(w for w in text.split() if not w[:1].isupper())
    return Ranked(
        frozenset(content_stems(lowercase)) - degree, frozenset(content_stems(text)) - degree
    )
