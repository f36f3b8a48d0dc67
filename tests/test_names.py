"""Names: variant spellings, acronyms, and capitalised phrases."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.names import acronym, find_names, fold, same_entity, skeleton


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenskyy"),
        ("Kiev", "Kyiv"),
        ("Kim Jong Un", "Kim Jong-un"),
        ("NIS", "National Intelligence Service"),
        ("Muhammad", "Mohammed"),
        ("José", "Jose"),
        ("Nafta", "North American Free Trade Agreement"),
        ("Nato", "North Atlantic Treaty Organization"),
    ],
)
def test_variants_are_the_same_entity(a: str, b: str) -> None:
    assert same_entity(a, b)
    assert same_entity(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("North Korea", "South Korea"),
        ("Kursk", "Korea"),
        ("NIS", "National Assembly"),
        ("Iran", "Iraq"),
        ("Nafta", "National Front"),
        ("Dana", "Department of Agriculture"),
        ("Ian", "Islamic Army of the North"),
    ],
)
def test_different_entities_stay_apart(a: str, b: str) -> None:
    assert not same_entity(a, b)


def test_fold_skeleton_acronym_and_surname() -> None:
    assert fold("Kim Jong-un’s") == "kim jong un"
    assert skeleton("Kiev") == skeleton("Kyiv")
    assert acronym("Security Service of Ukraine") == "SSU"


def test_find_names_splits_titles_and_drops_possessives() -> None:
    text = "Ukrainian President Volodymyr Zelensky met South Korea’s National Intelligence Service."
    names = [n.text for n in find_names(text)]
    assert "Volodymyr Zelensky" in names
    assert "South Korea" in names
    assert "National Intelligence Service" in names
    assert all(text[n.start : n.end] == n.text for n in find_names(text))


def test_find_names_marks_sentence_openers_and_skips_headlines() -> None:
    names = find_names(
        "Reports Say Kim Will Meet Trump In Singapore Soon\nSeoul said Kim met Trump."
    )
    assert [(n.text, n.initial) for n in names] == [
        ("Seoul", True),
        ("Kim", False),
        ("Trump", False),
    ]


def _fold_by_the_book(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[-‐‑’'`]", " ", plain)
    words = [re.sub(r"yy$", "y", w) for w in re.findall(r"\w+", plain)]
    if len(words) > 1 and words[-1] == "s" and re.search(r"['’]s$", name):
        words.pop()
    return " ".join(words)


@given(
    st.text(alphabet=st.sampled_from("aEyYs -’'`éÉñ\u0301ﬁ½\n"), max_size=30) | st.text(max_size=30)
)
def test_fold_matches_its_definition(name: str) -> None:
    assert fold(name) == _fold_by_the_book(name)


def test_find_names_returns_a_fresh_list_each_time() -> None:
    text = "Volodymyr Zelensky met Kim Jong-un."
    find_names(text).clear()
    assert [n.text for n in find_names(text)] == ["Volodymyr Zelensky", "Kim Jong-un"]
