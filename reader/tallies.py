"""Vote tallies: "passed 52-48", "confirmed by a 61-34 vote", "voted 240 to 190".

Two outlets that report one vote (linked sentences of one claim, `reader.facts`) with
different tallies disagree. A tally counts only in a sentence about a vote or right after a
decision ("passed 52-48"), so that a score ("defeated Federer 6-4") or a range ("ages 18-25")
is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TALLY = re.compile(
    r"(?=\d)(?<![\w.,$£€-])(?<!\bfrom )(\d{1,3})(?:-|–|—|\s+to\s+)(\d{1,3})(?![\w.,%-]*\d)(?!\w)"
    r"(?!\s*(?:%|percent\b|per\s+cent\b|[a-z]+\b(?<!\bvote)(?<!\bvotes)(?<!\bmargin)"
    r"(?<!\bin)(?<!\bon)(?<!\bfor)(?<!\bagainst)(?<!\bwith)(?<!\band)))",
)
"""Two counts joined by a dash or "to", not "from 25 to 30" (a change) nor followed by a unit
or a noun ("2-3% raise", "25 to 30 mph", "6-4 lead"): what may follow is "vote", "margin" or
the rest of the sentence ("in favour", "on Tuesday", "for the bill"). The leading lookahead
changes no match: it spares the lookbehinds wherever no digit is, that is almost everywhere."""
_VOTE = re.compile(r"\b(?:vot(?:e|es|ed|ing)|ballots?)\b", re.IGNORECASE)
_DECIDED = re.compile(
    r"\b(?:passed|approved|confirmed|rejected|adopted)\s+(?:\w+\s+){0,4}?(?:by\s+an?\s+|on\s+an?\s+)?$",
    re.IGNORECASE,
)
"""A tally right after a body's decision ("passed 52-48", "confirmed her by a 56-38") counts
in a sentence that never says "vote"."""


@dataclass(frozen=True)
class Tally:
    """A vote's count, larger side first, at text[start:end]."""

    counts: tuple[int, int]
    start: int
    end: int


def tallies(text: str, start: int, end: int) -> list[Tally]:
    """The tallies of the sentence text[start:end], when it is about a vote (looked up only
    when it has a tally: most sentences have none)."""
    matches = list(_TALLY.finditer(text, start, end))
    if not matches:
        return []
    about_a_vote = bool(_VOTE.search(text, start, end))
    found = []
    for match in matches:
        first, second = int(match[1]), int(match[2])
        decided = _DECIDED.search(text, max(start, match.start() - 60), match.start())
        if (first or second) and (about_a_vote or decided):
            counts = (max(first, second), min(first, second))
            found.append(Tally(counts, match.start(), match.end()))
    return found


def could_be_one_vote(first: Tally, second: Tally, ratio: float) -> bool:
    """Whether two different tallies could be one vote told differently: each side within
    `ratio` of the other's ("52-48" / "51-49"; not "12-10" in committee / "52-48" on the floor)."""
    return first.counts != second.counts and all(
        max(a, b) <= ratio * max(1, min(a, b))
        for a, b in zip(first.counts, second.counts, strict=True)
    )
