"""Sentence spans, word tokens, content words and stems."""

from __future__ import annotations

import json
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.text import (
    content_stems,
    demonym_roots,
    is_content_word,
    printable,
    printable_json,
    safe_text,
    split_sentences,
    stem,
)


def texts(source: str) -> list[str]:
    return [s.text for s in split_sentences(source)]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    source = "Gen. Smith met U.S. officials on Jan. 9. John F. Kennedy spoke. It ended."
    assert texts(source) == [
        "Gen. Smith met U.S. officials on Jan. 9.",
        "John F. Kennedy spoke.",
        "It ended.",
    ]


def test_no_is_an_abbreviation_only_before_a_number() -> None:
    assert texts("He said no. Then No. 5 won.") == ["He said no.", "Then No. 5 won."]


def test_closing_quotes_stay_with_their_sentence_and_lines_break_sentences() -> None:
    source = "A headline\n\n“We are ready.” He left!"
    assert texts(source) == ["A headline", "“We are ready.”", "He left!"]


def test_a_stop_before_a_word_in_lower_case_does_not_end_the_sentence() -> None:
    source = "Rep. Ann Lee (R-Minn.) tweeted a photo. “Is it you?” asked a reporter. iPhones sold."
    assert texts(source) == [
        "Rep. Ann Lee (R-Minn.) tweeted a photo.",
        "“Is it you?” asked a reporter.",
        "iPhones sold.",
    ]
    assert texts("It sold." + " " * 20 + "iPhones did too.") == ["It sold.", "iPhones did too."]


def test_stems_merge_plural_and_verb_forms() -> None:
    assert stem("soldiers") == stem("soldier")
    assert stem("captured") == stem("capture") == stem("capturing")
    assert stem("stopped") == "stop"
    assert stem("tariffs") == stem("tariff") == stem("tariffed")
    assert stem("staffing") == stem("staff")
    assert stem("plaintiffs") == stem("plaintiff")
    assert stem("crisis") == "crisis"


def test_content_stems_drop_function_words_and_reporting_verbs() -> None:
    assert content_stems("He said the troops were captured") == ["troop", "captur"]


def test_demonym_roots_offer_the_place_name() -> None:
    assert "korea" in demonym_roots("Korean")
    assert "russia" in demonym_roots("Russian")
    assert stem("Ukraine") in demonym_roots("Ukrainian")


@given(st.text(alphabet=st.sampled_from("ab .!?\n“”'U.SJan"), max_size=80) | st.text(max_size=80))
def test_sentence_spans_cover_the_text_in_order(source: str) -> None:
    spans = split_sentences(source)
    previous_end = 0
    for span in spans:
        assert source[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text
        assert span.start >= previous_end
        assert source[previous_end : span.start].strip() == ""
        previous_end = span.end
    assert source[previous_end:].strip() == ""


def test_split_sentences_returns_a_fresh_list_each_time() -> None:
    text = "One sentence. Another one."
    first = split_sentences(text)
    first.clear()
    assert [s.text for s in split_sentences(text)] == ["One sentence.", "Another one."]


@given(st.text(alphabet=st.characters(codec=None)))
def test_printable_text_has_no_control_or_surrogate_and_keeps_its_length(source: str) -> None:
    for safe, keeps in ((safe_text(source), "\n\t"), (printable(source), "")):
        assert len(safe) == len(source)
        assert all(char in keeps or unicodedata.category(char) not in ("Cc", "Cs") for char in safe)
        safe.encode("utf-8")


def test_printable_keeps_words_and_replaces_escapes_and_undecodable_bytes() -> None:
    assert printable("T \x1b]52;c;SGVsbG8=\x07 x\ny") == "T  ]52;c;SGVsbG8=  x y"
    assert safe_text("a\x9b2J\nb\tc") == "a 2J\nb\tc"
    assert printable("caf\udce9") == "caf\ufffd"


def test_printable_json_escapes_what_a_terminal_acts_on_and_reads_back_the_same() -> None:
    data = {"title": "CSI \x9b2J, DEL \x7f, caf\udce9, ESC \x1b"}
    text = printable_json(json.dumps(data, ensure_ascii=False))
    assert all(char.isprintable() for char in text)
    assert json.loads(text) == data


def test_shortened_text_ends_in_one_ellipsis() -> None:
    from reader.text import shortened

    assert shortened("a short claim", 20) == "a short claim"
    assert shortened("one part … another part", 12) == "one part…"
    assert len(shortened("x" * 50, 10)) == 10


def _sentences_by_the_book(source: str) -> list[tuple[int, int, str]]:
    """`split_sentences` as its docstring defines it: line by line, each stop looked at with
    the whole sentence before it."""
    from reader.text import ABBREVIATIONS, NUMBER_ABBREVIATIONS

    found: list[tuple[int, int, str]] = []

    def append(start: int, end: int) -> None:
        piece = source[start:end]
        if piece.strip():
            begin = start + len(piece) - len(piece.lstrip())
            found.append((begin, begin + len(piece.strip()), piece.strip()))

    line_start = 0
    for line in source.split("\n"):
        line_end = line_start + len(line)
        start = line_start
        for match in re.finditer(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)", line):
            stop, end = line_start + match.start(), line_start + match.end()
            before = source[start:stop].rsplit(maxsplit=1)
            word = before[-1].lstrip("(\"'“‘[") if before else ""
            after = source[end : end + 12].lstrip()
            if match.group() == "." and word.lower() in NUMBER_ABBREVIATIONS:
                if after[:1].isdigit():
                    continue
            elif match.group() == "." and (
                word.lower() in ABBREVIATIONS
                or re.match(r"^[A-Z]$", word)
                or (re.match(r"^(?:\w\.)+\w$", word) and not after[:1].isupper())
            ):
                continue
            next_word = re.match(r"[^\W\d_]+", source[end:].lstrip())
            if next_word and next_word.group().islower():
                continue
            append(start, end)
            start = end
        append(start, line_end)
        line_start = line_end + 1
    return found


@given(
    st.lists(
        st.sampled_from(
            [
                "Gen.",
                "U.S.",
                "No.",
                "5",
                "F.",
                "end.",
                "Why?!",
                "”",
                "(",
                "\n",
                " ",
                "iPhone",
                "eBay",
            ]
        )
        | st.sampled_from(["x" + "(" * 39 + "Gen.", " " * 41, "(" * 41])
        | st.text(alphabet=st.sampled_from('aZ .!?…"”)\n\t\u3000'), max_size=6)
        | st.text(alphabet="ab", min_size=38, max_size=45),
        max_size=20,
    ).map(" ".join)
)
def test_split_sentences_matches_its_definition(source: str) -> None:
    found = [(s.start, s.end, s.text) for s in split_sentences(source)]
    assert found == _sentences_by_the_book(source)


def test_a_stopword_with_a_clitic_is_no_content_word() -> None:
    for word in ["it's", "we’re", "I'm", "didn't", "won’t", "they'll", "he'd"]:
        assert not is_content_word(word), word
    for word in ["Russia's", "Trump’s", "X's", "o'clock", "jail"]:
        assert is_content_word(word), word
