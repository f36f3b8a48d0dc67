from __future__ import annotations

import pytest

from reader.tallies import close, tallies


def counts(text: str) -> list[tuple[int, int]]:
    return [t.counts for t in tallies(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Senate passed the bill 52-48 on Tuesday.", [(52, 48)]),
        ("It was confirmed by a 61–34 vote.", [(61, 34)]),
        ("The House voted 190 to 240 against it.", [(240, 190)]),
        ("The team won 3-1 on Sunday.", []),
        ("Voters aged 18-25 were polled in 2016-17.", []),
        ("The vote was 10-2, with $5-6 million at stake.", [(10, 2)]),
    ],
)
def test_the_tallies_of_a_sentence_about_a_vote(text: str, expected: list) -> None:
    assert counts(text) == expected


def test_a_tally_keeps_where_it_is() -> None:
    text = "The Senate passed the bill 52-48."
    (tally,) = tallies(text, 0, len(text))
    assert text[tally.start : tally.end] == "52-48"


def test_close_tallies_are_one_vote_told_differently() -> None:
    (a,) = tallies("passed 52-48", 0, 12)
    (b,) = tallies("passed 51-49", 0, 12)
    (c,) = tallies("passed 12-10", 0, 12)
    assert close(a, b, 1.5)
    assert not close(a, a, 1.5)
    assert not close(a, c, 1.5)
