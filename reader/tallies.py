"""Vote tallies: "passed 52-48", "confirmed by a 61-34 vote", "voted 240 to 190".

Two outlets that report one vote (linked sentences of one claim, `reader.facts`) with
different tallies disagree. A tally counts only in a sentence about a vote, so that a score
("won 3-1") or a range ("ages 18-25") is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TALLY = re.compile(r"(?<![\w.,$£€-])(\d{1,3})\s*(?:-|–|—|\bto\b)\s*(\d{1,3})(?![\w.,%-]*\d)(?!\w)")
_VOTE = re.compile(
    r"\b(?:vot(?:e|es|ed|ing)|passed|approved|confirmed|rejected|defeated|ballots?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Tally:
    """A vote's count, larger side first, at text[start:end]."""

    counts: tuple[int, int]
    start: int
    end: int


def tallies(text: str, start: int, end: int) -> list[Tally]:
    """The tallies of the sentence text[start:end], when it is about a vote."""
    if not _VOTE.search(text, start, end):
        return []
    found = []
    for match in _TALLY.finditer(text, start, end):
        first, second = int(match[1]), int(match[2])
        if first or second:
            counts = (max(first, second), min(first, second))
            found.append(Tally(counts, match.start(), match.end()))
    return found


def close(first: Tally, second: Tally, ratio: float) -> bool:
    """Whether two different tallies could be one vote told differently: each side within
    `ratio` of the other's ("52-48" / "51-49"; not "12-10" in committee / "52-48" on the floor)."""
    return first.counts != second.counts and all(
        max(a, b) <= ratio * max(1, min(a, b))
        for a, b in zip(first.counts, second.counts, strict=True)
    )
