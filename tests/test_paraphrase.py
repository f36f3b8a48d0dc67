"""The embedding table read straight from a safetensors file; how words read as synonyms."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import paraphrase
from reader.names import fold
from reader.text import stem


def write_safetensors(path: Path, name: str, matrix: numpy.ndarray, dtype: str = "F16") -> None:
    """A safetensors file of one tensor (and a leading one, so offsets are not all zero)."""
    lead = numpy.arange(3, dtype="<f2").tobytes()
    data = matrix.tobytes()
    header = {
        "__metadata__": {"format": "np"},
        "lead": {"dtype": "F16", "shape": [3], "data_offsets": [0, len(lead)]},
        name: {
            "dtype": dtype,
            "shape": list(matrix.shape),
            "data_offsets": [len(lead), len(lead) + len(data)],
        },
    }
    encoded = json.dumps(header).encode()
    path.write_bytes(len(encoded).to_bytes(8, "little") + encoded + lead + data)


def test_the_table_is_the_leading_columns_in_half_precision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paraphrase, "DIMENSIONS", 3)
    matrix = (numpy.arange(20, dtype=numpy.float32) / 7).reshape(4, 5).astype("<f2")
    path = tmp_path / "table.safetensors"
    write_safetensors(path, "embedding.weight", matrix)
    table = paraphrase._leading_columns(path, "embedding.weight")
    assert table.dtype == numpy.float16
    assert table.shape == (4, 3)
    assert numpy.array_equal(table, matrix[:, :3])


def test_a_table_not_in_half_precision_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "table.safetensors"
    write_safetensors(path, "embedding.weight", numpy.ones((2, 2), "<f4"), dtype="F32")
    with pytest.raises(ValueError, match="F32"):
        paraphrase._leading_columns(path, "embedding.weight")


def test_a_word_one_outlet_uses_reads_as_its_closest_synonym_others_use() -> None:
    pairs = [
        paraphrase.SynonymPair("arrest", "detain", 0.7),
        paraphrase.SynonymPair("arrest", "custody", 0.6),
        paraphrase.SynonymPair("photo", "picture", 0.8),
    ]
    readings = paraphrase.closest_readings(pairs, alone={"arrest", "detain", "photo", "picture"})
    assert readings["arrest"] == "custody", "a word others use, over a closer lone one"
    assert "custody" not in readings, "a word others use reads as itself"
    assert readings["photo"] == readings["picture"] == "photo", "two lone words meet"


def test_closeness_is_not_carried_on() -> None:
    pairs = [
        paraphrase.SynonymPair("custody", "detention", 0.7),
        paraphrase.SynonymPair("detention", "prison", 0.8),
    ]
    readings = paraphrase.closest_readings(pairs, alone={"custody", "detention"})
    assert readings == {"detention": "prison"}, "custody is no prison"


@pytest.mark.usefixtures("word_vectors")
def test_a_word_with_a_prefix_is_not_a_synonym_of_the_word() -> None:
    spellings = ["legal", "illegal", "binding", "non-binding", "pro-government"]
    spellings += ["anti-government", "arrested", "custody"]
    words = {stem(fold(w)): w for w in spellings}
    keys = paraphrase.synonym_keys(words, list(words))
    assert keys[stem("arrested")] & keys[stem("custody")]
    for first, second in [("legal", "illegal"), ("binding", "non-binding")]:
        assert not keys.get(stem(first), set()) & keys.get(stem(second), set())
    government = [keys.get(stem(fold(w)), set()) for w in ("pro-government", "anti-government")]
    assert not government[0] & government[1]


def test_words_that_share_only_an_ending_are_not_synonyms() -> None:
    """The tokenizer ends "jail", "retail" and "prevail" with one piece, which makes their
    vectors close (0.5 to 0.64); "didn't" and "don't" likewise."""
    spellings = ["jail", "retail", "prevail", "didn't", "don't", "arrested", "custody"]
    words = {stem(fold(w)): w for w in spellings}
    keys = paraphrase.synonym_keys(words, list(words))
    assert keys[stem(fold("arrested"))] & keys[stem(fold("custody"))]
    for first, second in [("jail", "retail"), ("jail", "prevail"), ("didn't", "don't")]:
        assert not keys.get(stem(fold(first)), set()) & keys.get(stem(fold(second)), set())
    close = [paraphrase.CloseWords(0, 0, 0.64)]
    assert paraphrase.mutual_closest(close, ["jail"], ["prevail"]) == []
    assert not paraphrase._share_an_ending("long-awaited", "much-anticipated")


def test_words_of_two_sentences_pair_with_their_closest_only() -> None:
    close = [
        paraphrase.CloseWords(0, 0, 0.6),  # halt ~ suspend
        paraphrase.CloseWords(1, 0, 0.5),  # close ~ suspend: suspend is halt's already
        paraphrase.CloseWords(1, 1, 0.7),  # close ~ shut
    ]
    pairs = paraphrase.mutual_closest(close, ["halt", "close"], ["suspend", "shut"])
    assert pairs == [(0, 0), (1, 1)]


def test_a_word_and_its_prefixed_opposite_never_pair() -> None:
    close = [paraphrase.CloseWords(0, 0, 0.83)]
    assert paraphrase.mutual_closest(close, ["legal"], ["illegal"]) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.floats(0.45, 1.0)),
        max_size=30,
    )
)
def test_mutual_closest_pairs_each_word_once_and_only_as_given(
    cells: list[tuple[int, int, float]],
) -> None:
    close = [paraphrase.CloseWords(a, b, s) for a, b, s in cells]
    words = [f"word{k}" for k in range(6)]
    pairs = paraphrase.mutual_closest(close, words, words)
    assert len({a for a, _ in pairs}) == len({b for _, b in pairs}) == len(pairs)
    assert set(pairs) <= {(a, b) for a, b, _ in cells}


def test_close_words_leave_out_a_word_against_itself() -> None:
    rows = numpy.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]], dtype=numpy.float32)
    found = paraphrase.close_words(rows, numpy.array([0, 2]), numpy.array([0, 1]))
    assert [(c.first, c.second) for c in found] == [(0, 1), (1, 1)]


@pytest.mark.usefixtures("word_vectors")
def test_vectors_asked_for_when_the_cache_overflows_all_come_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paraphrase.clear_caches()
    monkeypatch.setattr(paraphrase, "MAX_CACHED", 3)
    paraphrase.vectors(["halt", "suspend"])
    rows = paraphrase.vectors(["halt", "stop", "pause"])
    monkeypatch.setattr(paraphrase, "MAX_CACHED", 200_000)
    paraphrase.clear_caches()
    fresh = paraphrase.vectors(["halt", "stop", "pause"])
    paraphrase.clear_caches()
    assert rows is not None and fresh is not None and numpy.array_equal(rows, fresh)


@pytest.mark.usefixtures("word_vectors")
def test_vectors_asked_for_bit_by_bit_are_those_asked_for_at_once() -> None:
    words = ["halt", "suspend", "stop", "pause", "arrest", "custody", "troops", "soldiers"]
    paraphrase.clear_caches()
    at_once = paraphrase.vectors(words)
    paraphrase.clear_caches()
    for end in range(1, len(words) + 1):  # the cache grows a word at a time
        paraphrase.vectors(words[end - 1 : end])
    bit_by_bit = paraphrase.vectors(list(reversed(words)))
    paraphrase.clear_caches()
    assert at_once is not None and bit_by_bit is not None
    assert numpy.array_equal(bit_by_bit[::-1], at_once)
