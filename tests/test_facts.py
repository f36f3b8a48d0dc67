"""Facts of a story: shared, exclusive, disagreements; on the seeds and on invented texts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.facts import _DATE, _NUMBER, Fact, StoryFacts, align_sentences, find_facts
from reader.library import load_library
from reader.stories import Story, group_stories
from reader.workspace import clean_docs


@dataclass(frozen=True)
class Doc:
    id: str
    outlet: str
    text: str
    title: str = ""


def facts_of(*docs: Doc) -> StoryFacts:
    story = Story("s1", tuple(d.id for d in docs))
    return find_facts(story, {d.id: d for d in docs})


def mentioned(facts: tuple[Fact, ...], phrase: str) -> list[Fact]:
    """Facts with a mention (or a text) containing `phrase`, case-insensitive."""
    phrase = phrase.lower()
    return [
        f
        for f in facts
        if phrase in f.text.lower() or any(phrase in m.text.lower() for m in f.mentions)
    ]


@pytest.fixture(scope="module")
def seed_facts() -> StoryFacts:
    from reader.paths import seeds_dir

    docs = clean_docs(load_library([seeds_dir()]).articles)
    stories = group_stories(docs)
    assert len(stories) == 1, "the five seed articles are one story"
    return find_facts(stories[0], {d.id: d for d in docs})


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("Kursk", "entity"),
        ("two North Korean soldiers", "number"),
        ("Sunday", "date"),
        ("undoubtedly", "claim"),
        ("National Intelligence Service", "entity"),
        ("jaw", "claim"),
        ("Pyongyang", "entity"),
        ("X", "entity"),
    ],
)
def test_seed_shared_facts(seed_facts: StoryFacts, phrase: str, kind: str) -> None:
    found = [f for f in mentioned(seed_facts.shared, phrase) if f.kind == kind]
    assert found, f"no shared {kind} fact for {phrase!r}"
    assert all(len(f.outlets) >= 2 for f in found)


def test_seed_dates_and_names_are_unified(seed_facts: StoryFacts) -> None:
    (january,) = [f for f in seed_facts.shared if f.text == "January 9"]
    assert {m.text for m in january.mentions} == {"Jan. 9", "January 9"}
    (kim,) = [f for f in seed_facts.shared if f.kind == "entity" and "Kim Jong" in f.text]
    assert {m.text for m in kim.mentions} == {"Kim Jong Un", "Kim Jong-un"}
    (nis,) = mentioned(tuple(f for f in seed_facts.shared if f.kind == "entity"), "NIS")
    assert nis.text == "National Intelligence Service"
    (kyiv,) = [f for f in seed_facts.shared if f.text in {"Kyiv", "Kiev"}]
    assert {m.text for m in kyiv.mentions} == {"Kyiv", "Kiev"}


@pytest.mark.parametrize(
    "phrase",
    ["34,000", "Koo Byoungsam", "1999", "scout sniper", "Geneva Convention", "Turan", "Tuva"],
)
def test_seed_single_outlet_facts(seed_facts: StoryFacts, phrase: str) -> None:
    assert mentioned(seed_facts.exclusive, phrase)
    assert not mentioned(seed_facts.shared, phrase)


def test_seed_troop_numbers_disagree(seed_facts: StoryFacts) -> None:
    (troops,) = [d for d in seed_facts.disagreements if d.about == "troops"]
    assert {m.text for m in troops.mentions} == {
        "at least 10,000 troops",
        "up to 11,000 North Korean troops",
    }


def test_seed_mentions_in_reading_order_with_evidence(seed_facts: StoryFacts) -> None:
    article = seed_facts.shared[0].mentions[0].article
    pairs = seed_facts.mentions_in(article, shared_only=True)
    assert pairs and [m.start for m, _ in pairs] == sorted(m.start for m, _ in pairs)
    mention, fact = pairs[0]
    others = fact.elsewhere(article)
    assert others and all(o.article != article for o in others)
    assert all(o.sentence_start <= o.start < o.end <= o.sentence_end for o in others)


def test_the_same_outlet_twice_is_not_shared() -> None:
    a = Doc("a", "Daily", "Officials said 12 miners were rescued in Tarnow on Friday.")
    b = Doc("b", "Daily", "Twelve miners were rescued in Tarnow on Friday, officials said.")
    result = facts_of(a, b)
    assert not result.shared
    assert not result.exclusive, "one outlet alone has nothing to compare"


def test_paraphrases_from_two_outlets_are_one_claim() -> None:
    a = Doc(
        "a", "Herald", "Rescuers pulled 12 miners alive from the flooded Tarnow shaft on Friday."
    )
    b = Doc(
        "b",
        "Courier",
        "On Friday rescuers pulled twelve miners alive from a flooded shaft near Tarnow.",
    )
    c = Doc("c", "Gazette", "The mayor praised the weather and the new football stadium.")
    result = facts_of(a, b, c)
    claims = [f for f in result.shared if f.kind == "claim"]
    assert [f.outlets for f in claims] == [("Courier", "Herald")]
    (miners,) = [f for f in result.shared if f.kind == "number"]
    assert {m.text for m in miners.mentions} == {"12 miners", "twelve miners"}
    assert {f.text for f in result.shared if f.kind == "date"} == {"Friday"}


def test_close_counts_of_the_same_thing_disagree_and_far_ones_do_not() -> None:
    a = Doc("a", "Herald", "The flood forced 1,200 residents from their homes, police said.")
    b = Doc("b", "Courier", "Police said about 1,000 residents left their homes in the flood.")
    c = Doc("c", "Gazette", "Only 3 residents were hurt in the flood.")
    (disagreement,) = facts_of(a, b, c).disagreements
    assert {m.text for m in disagreement.mentions} == {"1,200 residents", "about 1,000 residents"}


def test_percentages_of_different_things_do_not_match() -> None:
    a = Doc("a", "Herald", "Turnout reached 30 percent of voters in the district.")
    b = Doc("b", "Courier", "Prices rose by 30 percent of wages in the district.")
    result = facts_of(a, b)
    assert not [f for f in result.shared if f.kind == "number"]


def test_align_sentences_pairs_matching_sentences_in_order() -> None:
    left = Doc("a", "Herald", "Rescuers pulled 12 miners from the Tarnow shaft. The mayor spoke.")
    right = Doc(
        "b", "Courier", "It rained. Twelve miners were pulled from the Tarnow shaft by rescuers."
    )
    rows = align_sentences(left, right)
    matched = [r for r in rows if r.left and r.right]
    assert (
        len(matched) == 1 and "miners" in matched[0].left.text and "miners" in matched[0].right.text
    )
    assert [r.left.text for r in rows if r.left] == [
        "Rescuers pulled 12 miners from the Tarnow shaft.",
        "The mayor spoke.",
    ]
    assert [r.right.text for r in rows if r.right][0] == "It rained."


_words = st.sampled_from(
    "Kim Kyiv Kiev NIS National Intelligence Service Jan. 9 January Sunday two 10,000 troops "
    "at least up to said the and . , “ ” \n 1999 percent of U.S. Mr. 3.5 million".split(" ")
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(_words, max_size=40).map(" ".join) | st.text(max_size=120), min_size=1, max_size=4
    )
)
def test_find_facts_never_raises_and_offsets_are_valid(texts: list[str]) -> None:
    docs = [Doc(f"d{i}", f"o{i % 3}", text) for i, text in enumerate(texts)]
    by_id = {d.id: d for d in docs}
    result = facts_of(*docs)
    for fact in result.shared + result.exclusive:
        for m in fact.mentions:
            text = by_id[m.article].text
            assert text[m.start : m.end] == m.text
            assert m.sentence_start <= m.start <= m.end <= m.sentence_end <= len(text)
    for disagreement in result.disagreements:
        assert len({m.outlet for m in disagreement.mentions}) >= 2
    if len(docs) >= 2:
        align_sentences(docs[0], docs[1])


def test_seed_story_fits_the_time_budget(seeds: Path) -> None:
    import time

    docs = clean_docs(load_library([seeds]).articles)
    (story,) = group_stories(docs)
    start = time.perf_counter()
    find_facts(story, {d.id: d for d in docs})
    assert time.perf_counter() - start < 0.5


@given(st.text(alphabet=st.sampled_from("0123456789,.$ onetwhrfivszxgulMaySundyJ%\n"), max_size=40))
def test_number_and_date_lookaheads_change_no_match(text: str) -> None:
    plain_number = re.compile(_NUMBER.pattern.removeprefix(r"\b(?=[\dzotfsen])"), re.IGNORECASE)
    plain_date = re.compile(_DATE.pattern.removeprefix(r"(?=[\dADFJMNOSTW])"))
    for fast, plain in ((_NUMBER, plain_number), (_DATE, plain_date)):
        assert fast.pattern != plain.pattern
        found = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
