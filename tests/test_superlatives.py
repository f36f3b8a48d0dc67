from __future__ import annotations

import pytest

from reader.superlatives import Superlative, ranked, superlative_after


def after(text: str, name: str) -> Superlative | None:
    start = text.index(name)
    return superlative_after(text, start, start + len(name), len(text))


@pytest.mark.parametrize(
    ("text", "name", "degree", "within", "topic"),
    [
        (
            "Canada is the largest exporter of steel to the U.S., followed by Brazil.",
            "Canada",
            "largest",
            "",
            "exporter of steel to the U.S.",
        ),
        (
            "Canada is the largest steel exporter to the United States.",
            "Canada",
            "largest",
            "",
            "steel exporter to the United States",
        ),
        (
            "Germany, the EU's largest steel exporter, said",
            "Germany",
            "largest",
            "eu's",
            "steel exporter",
        ),
        (
            "South Korea made up the single biggest share of imports.",
            "South Korea",
            "largest",
            "",
            "share of imports",
        ),
        (
            "Canada has been the most reliable partner of the alliance.",
            "Canada",
            "most reliable",
            "",
            "partner of the alliance",
        ),
    ],
)
def test_a_name_given_a_superlative(
    text: str, name: str, degree: str, within: str, topic: str
) -> None:
    found = after(text, name)
    assert found is not None
    assert (found.degree, found.within, found.topic) == (degree, within, topic)
    assert text[found.end - len(topic) : found.end] == topic


@pytest.mark.parametrize(
    "text",
    [
        "Canada said the largest exporters would pay.",
        "Canada is the second-largest exporter.",
        "Canada is the largest.",
        "In Canada, the biggest worry is inflation.",
        "Canada and Mexico are the largest exporters.",
    ],
)
def test_no_superlative_is_given_to_the_name(text: str) -> None:
    name = "Canada and Mexico" if "Mexico" in text else "Canada"
    assert after(text, name) is None


def test_what_is_ranked_ends_where_the_clause_goes_on() -> None:
    found = after("Canada is the largest exporter and Mexico is the second.", "Canada")
    assert found is not None and found.topic == "exporter"


def test_what_a_share_ranks_is_its_sentence() -> None:
    sentence = "Korea made up the largest share, shipping 13 percent of steel imports."
    share = after(sentence, "Korea")
    assert share is not None
    exporter = after("Canada is the largest steel exporter.", "Canada")
    assert exporter is not None
    assert ranked(share, sentence).same_as(
        ranked(exporter, "Canada is the largest steel exporter.")
    )


def test_names_in_what_is_ranked_are_not_its_kind() -> None:
    ally = after("Japan, the largest American ally, waited.", "Japan")
    maker = after("Ford is the largest American carmaker.", "Ford")
    assert ally is not None and maker is not None
    assert not ranked(ally, "").same_as(ranked(maker, ""))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "China is the largest buyer of U.S. soybeans.",
            "Mexico is the largest buyer of U.S. corn.",
        ),
        (
            "Olsen, the top Democrat on the committee, spoke.",
            "Lund, the top Republican on the committee, spoke.",
        ),
    ],
)
def test_claims_ranking_different_things_are_not_the_same(first: str, second: str) -> None:
    one, other = (
        after(first, first.split()[0].strip(",")),
        after(second, second.split()[0].strip(",")),
    )
    assert one is not None and other is not None
    assert not ranked(one, first).same_as(ranked(other, second))


def test_two_wordings_of_one_ranking_are_the_same() -> None:
    first = "Canada is the largest steel exporter to the United States."
    second = "Mexico is the largest exporter of steel to the U.S., officials said."
    one, other = after(first, "Canada"), after(second, "Mexico")
    assert one is not None and other is not None
    assert ranked(one, first).same_as(ranked(other, second))
