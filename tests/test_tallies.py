from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.tallies import _TALLY, Tally, could_be_one_vote, tallies


def counts(text: str) -> list[tuple[int, int]]:
    return [t.counts for t in tallies(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Senate passed the bill 52-48 on Tuesday.", [(52, 48)]),
        ("It was confirmed by a 61–34 vote.", [(61, 34)]),
        ("The Senate confirmed her by a 56-38 margin.", [(56, 38)]),
        ("The House voted 190 to 240 against it.", [(240, 190)]),
        ("Voters aged 18-25 voted 60-40 for the measure.", [(60, 40)]),
        ("The vote was 10-2, with $5-6 million at stake.", [(10, 2)]),
        ("Nadal defeated Federer 6-4, 6-3 on Sunday.", []),
        ("The board approved a 2-3% raise.", []),
        ("The council voted to raise the limit from 25 to 30 mph.", []),
        ("The bill passed on May 18 - 30 senators were absent.", []),
        ("Voters were polled in 2016-17.", []),
    ],
)
def test_the_tallies_of_a_sentence_about_a_vote(text: str, expected: list[tuple[int, int]]) -> None:
    assert counts(text) == expected


def test_a_tally_keeps_where_it_is() -> None:
    text = "The Senate passed the bill 52-48."
    (tally,) = tallies(text, 0, len(text))
    assert text[tally.start : tally.end] == "52-48"


def test_close_tallies_are_one_vote_told_differently() -> None:
    def tally(text: str) -> Tally:
        (found,) = tallies(text, 0, len(text))
        return found

    floor, other_count, committee = (
        tally("passed 52-48"),
        tally("passed 51-49"),
        tally("passed 12-10"),
    )
    assert could_be_one_vote(floor, other_count, 1.5)
    assert not could_be_one_vote(floor, floor, 1.5)
    assert not could_be_one_vote(floor, committee, 1.5)


@given(st.text(alphabet=st.sampled_from("0123456789-–— tofrmvepasd%$.,\n"), max_size=40))
def test_the_tally_lookahead_changes_no_match(text: str) -> None:
    plain = re.compile(_TALLY.pattern.removeprefix(r"(?=\d)"))
    assert plain.pattern != _TALLY.pattern
    found = [m.span() for m in _TALLY.finditer(text, 1, len(text))]
    assert found == [m.span() for m in plain.finditer(text, 1, len(text))]
