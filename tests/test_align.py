"""Word alignment of two quote versions and the side-by-side rendering."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.align import align_words, side_by_side, tokens

EXCHANGE_A = (
    "If Kim Jong Un even remembers these citizens of his and is capable of organizing an "
    "exchange for our warriors being held in Russia, we are ready to transfer such soldiers."
)
EXCHANGE_B = (
    "Ukraine is ready to hand over Kim Jong Un’s soldiers to him if he can organize their "
    "exchange for our warriors who are being held captive in Russia"
)


def test_ignores_case_punctuation_and_quote_style() -> None:
    diffs = align_words("“It’s over,” he said.", '"it\'s OVER" He said')
    assert {d.tag for d in diffs} == {"equal"}


def test_possessive_split_off() -> None:
    diffs = align_words("Kim Jong Un soldiers", "Kim Jong Un’s soldiers")
    assert [(d.tag, d.right) for d in diffs] == [
        ("equal", "Kim"),
        ("equal", "Jong"),
        ("equal", "Un"),
        ("insert", "’s"),
        ("equal", "soldiers"),
    ]


def test_shows_original_words() -> None:
    diffs = align_words("Russia, we", "russia")
    assert diffs[0].left == "Russia," and diffs[0].right == "russia"


def test_near_forms_and_moved_words() -> None:
    diffs = align_words(EXCHANGE_A, EXCHANGE_B)
    assert any(d.near and d.left == "organizing" and d.right == "organize" for d in diffs)
    assert any(d.moved and "ready" in (d.left, d.right) for d in diffs)
    equal = [d.left for d in diffs if d.tag == "equal"]
    assert equal[3:7] == ["exchange", "for", "our", "warriors"]


def test_side_by_side_marks_and_width() -> None:
    rows = side_by_side(EXCHANGE_A, EXCHANGE_B, width=80)
    assert all(len(row) <= 80 for row in rows)
    assert any("~organizing~" in row and "~organize~" in row for row in rows)
    assert any("[captive]" in row for row in rows)
    assert all(row[38:40] == " |" for row in rows)


words = st.lists(
    st.sampled_from(["a", "b", "Kim's", "it’s", "—", "“quote”", "ready", "Ready,", "soldiers"]),
    max_size=30,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(words | st.text(max_size=120), words | st.text(max_size=120))
def test_alignment_properties(left: str, right: str) -> None:
    diffs = align_words(left, right)
    assert [d.left for d in diffs if d.left] == tokens(left)
    assert [d.right for d in diffs if d.right] == tokens(right)
    assert all(d.tag == "equal" for d in align_words(left, left))
    side_by_side(left, right, width=40)
