from __future__ import annotations

import pytest

from reader.superlatives import Superlative, ranked, superlative_after


def after(text: str, name: str) -> Superlative | None:
    start = text.index(name) + len(name)
    return superlative_after(text, start, len(text))


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
            "biggest",
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
    ],
)
def test_no_superlative_is_given_to_the_name(text: str) -> None:
    assert after(text, "Canada") is None


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
