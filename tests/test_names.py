"""Names: variant spellings, acronyms, and capitalised phrases."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.names import acronym, find_names, fold, folds_to, same_entity, skeleton


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


_FOLD_PIECES = st.text(alphabet=st.sampled_from("aEyYs -’'`éÉñ\u0301ﬁ½Σ\n\u3000"), max_size=30)


@given(_FOLD_PIECES, _FOLD_PIECES, _FOLD_PIECES)
def test_folds_to_is_folding_the_whole_text(title: str, extra: str, tail: str) -> None:
    for text in (title, title + extra, extra + title, title + " " * 40 + tail, title + "’s"):
        assert folds_to(text, fold(title)) == (fold(text) == fold(title))


def test_find_names_returns_a_fresh_list_each_time() -> None:
    text = "Volodymyr Zelensky met Kim Jong-un."
    find_names(text).clear()
    assert [n.text for n in find_names(text)] == ["Volodymyr Zelensky", "Kim Jong-un"]


def _names_by_the_book(text: str) -> list[tuple[int, int, bool]]:
    """`find_names` as its docstring defines it, token by token over every sentence."""
    from reader.names import (
        _NOT_CONTENT,
        _TOKEN,
        CONNECTORS,
        _after_initial,
        _is_name_word,
        _span,
        split_sentences,
    )

    runs: list[list[tuple[int, str]]] = []
    for sentence in split_sentences(text):
        tokens = [
            (m.start(), m.group()) for m in _TOKEN.finditer(text, sentence.start, sentence.end)
        ]
        content = [w for _, w in tokens if w.lower() not in _NOT_CONTENT]
        lowercase = [w for w in content if not w[0].isupper()]
        if len(content) >= 4 and not lowercase:
            continue  # a headline
        run: list[tuple[int, str]] = []
        previous_end = 0
        for index, (start, word) in enumerate(tokens):
            if not run and not word[0].isupper():
                continue
            gap = text[previous_end:start].strip()
            if run and (
                (gap and not _after_initial(gap, run[-1][1])) or run[-1][1].endswith(("'s", "’s"))
            ):
                runs.append(run)
                run = []
            previous_end = start + len(word)
            next_is_name = index + 1 < len(tokens) and _is_name_word(tokens[index + 1][1])
            if _is_name_word(word) or run and word in CONNECTORS and next_is_name:
                run.append((start, word))
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
    spans = [_span(text, run) for run in runs]
    return [(s.start, s.end, s.initial) for s in spans if s is not None]


_NAME_PIECES = [
    "Kim", "Jong-un", "of", "the", "The", "and", "de", "la", "President", "Mr.", "T.", "F",
    "al-Qaeda", "iPod", "McDonald's", "Korea’s", "'Hello", "-Word", "3M", "élan", "Éric",
    "said", "U.S.", "Jan.", "Monday", "I", "Korean-speaking", "Bank", "of,", "(Ukraine",
]  # fmt: skip


@given(
    st.lists(
        st.sampled_from(_NAME_PIECES)
        | st.text(alphabet=st.sampled_from("aZ .,'’-\n3_éÉ\u0301"), max_size=4),
        max_size=25,
    ).map(" ".join)
)
def test_find_names_matches_its_definition(text: str) -> None:
    found = [(n.start, n.end, n.initial) for n in find_names(text)]
    assert found == _names_by_the_book(text)
