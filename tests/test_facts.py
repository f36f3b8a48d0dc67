"""Facts of a story: shared, exclusive, disagreements; on the seeds and on invented texts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.facts import (
    _DATE,
    _NUMBER,
    DISAGREEMENT_RATIO,
    Fact,
    Mention,
    StoryFacts,
    _clashing_values,
    _has_words,
    _lies_inside,
    _links,
    _reaches,
    _sentences,
    align_sentences,
    find_facts,
)
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


def under_shared(facts: StoryFacts, docs: dict[str, Doc], phrase: str) -> set[str]:
    """The outlets where an occurrence of `phrase` lies under a shared highlight."""
    found = set()
    for article, doc in docs.items():
        spans = [(m.start, m.end) for m, _ in facts.mentions_in(article, shared_only=True)]
        for match in re.finditer(re.escape(phrase), doc.text):
            if any(s < match.end() and match.start() < e for s, e in spans):
                found.add(doc.outlet or article)
    return found


@pytest.fixture(scope="module")
def seed_docs() -> dict:
    from reader.paths import seeds_dir

    return {d.id: d for d in clean_docs(load_library([seeds_dir()]).articles)}


@pytest.mark.parametrize(
    "phrase",
    [
        "Kursk",
        "two North Korean soldiers",
        "Sunday",
        "National Intelligence Service",
        "jaw",
        "Pyongyang",
    ],
)
def test_seed_shared_facts_are_highlighted(
    seed_facts: StoryFacts, seed_docs: dict, phrase: str
) -> None:
    assert len(under_shared(seed_facts, seed_docs, phrase)) >= 2


def test_seed_dates_keep_what_happened_on_them(seed_facts: StoryFacts) -> None:
    (january,) = [f for f in seed_facts.shared if f.text.startswith("January 9: ")]
    assert {m.text for m in january.mentions} == {"Jan. 9", "January 9"}
    assert january.kind == "date" and len(january.text) > len("January 9: ")


def test_bare_names_are_not_facts(seed_facts: StoryFacts) -> None:
    kinds = {f.kind for f in seed_facts.shared + seed_facts.exclusive}
    assert "entity" not in kinds
    assert not [f for f in seed_facts.shared if f.text in {"Russia", "Kyiv", "Pyongyang"}]


@pytest.mark.parametrize(
    "phrase",
    [
        "34,000",
        "Koo Byoungsam",
        "closed-door briefing",
        "1999",
        "scout sniper",
        "Geneva Convention",
        "Turan",
        "Tuva",
        "bunk bed",
        "nearly a year ago",
        "Western sources",
        "3 January",
        "5 January",
        "Foreign Ministry spokesman",
        "300",
        "2,700",
    ],
)
def test_seed_single_outlet_details_are_not_shared(
    seed_facts: StoryFacts, seed_docs: dict, phrase: str
) -> None:
    assert not under_shared(seed_facts, seed_docs, phrase)
    assert mentioned(seed_facts.exclusive, phrase)


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
    (friday,) = [f for f in result.shared if f.kind == "date"]
    assert friday.text.startswith("Friday: ") and "miners" in friday.text


def highlighted(result: StoryFacts, doc: Doc) -> str:
    """The words of `doc` under a shared highlight, in order."""
    spans = sorted((m.start, m.end) for m, _ in result.mentions_in(doc.id, shared_only=True))
    return " | ".join(doc.text[s:e] for s, e in spans)


def test_a_detail_inside_a_shared_sentence_is_only_here() -> None:
    a = Doc(
        "a",
        "Herald",
        "The spy agency confirmed in a closed-door briefing at the parliament that it took part "
        "in the questioning of the captured sailors.",
    )
    b = Doc(
        "b",
        "Courier",
        "The spy agency confirmed that it took part in the questioning of the captured sailors.",
    )
    result = facts_of(a, b)
    shown = highlighted(result, a)
    assert "questioning of the captured sailors" in shown
    assert "closed-door" not in shown and "parliament" not in shown
    assert mentioned(result.exclusive, "closed-door briefing")
    (claim,) = [f for f in result.shared if f.kind == "claim"]
    assert "closed-door" not in claim.text


def test_one_long_sentence_shares_two_facts_with_two_sentences() -> None:
    a = Doc(
        "a",
        "Herald",
        "The mayor opened the new bridge over the river on Monday, and the council approved "
        "a budget for three schools.",
    )
    b = Doc("b", "Courier", "The mayor opened the new bridge over the river.")
    c = Doc("c", "Gazette", "Later the council approved a budget for three schools.")
    result = facts_of(a, b, c)
    claims = [f for f in result.shared if f.kind == "claim"]
    assert sorted(f.outlets for f in claims) == [("Courier", "Herald"), ("Gazette", "Herald")]


_UNRELATED = [
    "lantern", "orchard", "violin", "glacier", "meadow", "harvest", "pottery", "canyon",
    "chimney", "saddle", "compass", "falcon", "lighthouse", "quarry", "tapestry", "walnut",
    "blizzard", "cathedral", "ferry", "granite", "hammock", "icicle", "jasmine", "kettle",
]  # fmt: skip
_FILLER = " ".join(
    f"A {word} appeared in the {_UNRELATED[(k + 5) % len(_UNRELATED)]} tale number {k}."
    for k, word in enumerate(_UNRELATED)
)
"""Sentences about nothing in particular: they make a story long enough for some of its
words to be neither rare nor common, as in a real one."""


def filler_with(phrase: str) -> Doc:
    """A third outlet of `_FILLER` and four sentences opening with `phrase`: its words are
    then neither rare nor common in the story."""
    others = " ".join(
        f"{phrase} town number {k} on a {weather} day."
        for k, weather in enumerate(["wet", "dry", "cold", "warm"])
    )
    return Doc("c", "Gazette", f"{_FILLER} {others}")


def test_a_word_loosely_linked_sentences_share_by_chance_is_not_highlighted() -> None:
    a = Doc(
        "a",
        "Herald",
        "The city council approved the harbour dredging contract on Tuesday after months of "
        "argument, while members of the fishing cooperative warned that silt would ruin their "
        "nets. Several members of the cooperative have fished there for decades.",
    )
    b = Doc(
        "b",
        "Courier",
        "After a heated evening session, the council approved a contract to dredge the harbour, "
        "a deal that opposition members called rushed and badly costed. The opposition members "
        "want an audit.",
    )
    result = facts_of(a, b, Doc("c", "Gazette", _FILLER))
    assert "council approved the harbour dredging contract" in highlighted(result, a)
    assert "members" not in highlighted(result, a)
    assert "members" not in highlighted(result, b)


@pytest.mark.parametrize(
    "third",
    [Doc("c", "Gazette", _FILLER), filler_with("A reporter visited")],
    ids=["both words rare", "one word rare"],
)
def test_a_rare_word_and_one_more_are_enough_for_two_sentences_to_share_a_claim(
    third: Doc,
) -> None:
    a = Doc("a", "Herald", "At one point the angry congressman called a reporter a jackass.")
    b = Doc("b", "Courier", "Earlier he refused questions and labelled one reporter a jackass.")
    result = facts_of(a, b, third)
    assert "reporter a jackass" in highlighted(result, a)
    assert "reporter a jackass" in highlighted(result, b)


def test_a_term_one_outlet_capitalises_counts_as_words_not_as_a_name() -> None:
    a = Doc("a", "Herald", "Critics said the ordinance violates the supremacy clause outright.")
    b = Doc("b", "Courier", "Lawyers argue that the Supremacy Clause settles the matter.")
    result = facts_of(a, b, Doc("c", "Gazette", _FILLER))
    assert "supremacy clause" in highlighted(result, a)
    assert "Supremacy Clause" in highlighted(result, b)


@given(st.text("ab _-é1\n", max_size=12), st.text("ab é", min_size=1, max_size=4))
def test_a_term_is_looked_for_as_whole_words(text: str, phrase: str) -> None:
    whole = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    assert _has_words(text, phrase) == (whole is not None)


def test_a_page_without_full_stops_is_no_claim() -> None:
    words = "mayor council harbour contract members silt nets reporter questions".split()
    run_on = " ".join(words[k % len(words)] for k in range(2000))
    a = Doc("a", "Herald", f"The mayor opened the new bridge on Monday. The {run_on}")
    b = Doc("b", "Courier", f"On Monday the mayor opened the new bridge. The {run_on}")
    result = facts_of(a, b)
    assert "mayor opened the new bridge" in highlighted(result, a)
    assert "harbour" not in highlighted(result, a)


def test_one_fact_never_holds_two_sentences_of_one_article() -> None:
    a = Doc(
        "a",
        "Herald",
        "The mayor opened the new bridge over the river on Monday. The new bridge over the "
        "river cost the city twelve million.",
    )
    b = Doc(
        "b",
        "Courier",
        "On Monday the mayor opened the new bridge over the river, which cost twelve million.",
    )
    result = facts_of(a, b, Doc("c", "Gazette", _FILLER))
    claims = [f for f in result.shared if f.kind == "claim"]
    assert len(claims) == 2, "the opening and the cost are two facts"
    for fact in claims:
        sentences = {m.sentence_start for m in fact.mentions if m.article == "a"}
        assert len(sentences) == 1, fact.text


_HARBOUR_A = (
    "The harbour council approved dredging the channel despite protests from angry fishermen "
    "and several shop owners."
)
_HARBOUR_B = (
    "Dredging of the channel was approved by the harbour council late on a stormy evening, "
    "officials confirmed."
)


def test_sentences_the_compare_view_aligns_share_a_claim_without_an_anchor() -> None:
    common = ["harbour", "council", "approved", "dredging", "channel"] * 2
    others = " ".join(  # each shared word in enough sentences not to be rare, none linked
        f"Our {word} tale {k} names the {_UNRELATED[k]}, {_UNRELATED[k + 5]} and "
        f"{_UNRELATED[(k + 10) % len(_UNRELATED)]}."
        for k, word in enumerate(common)
    )
    a, b = Doc("a", "Herald", _HARBOUR_A), Doc("b", "Courier", _HARBOUR_B)
    assert [r.similarity for r in align_sentences(a, b) if r.left and r.right]
    result = facts_of(a, b, Doc("c", "Gazette", f"{_FILLER} {others}"))
    assert "harbour council approved dredging the channel" in highlighted(result, a)
    assert "Dredging of the channel was approved by the harbour council" in highlighted(result, b)


def test_a_claim_an_outlet_repeats_is_one_fact() -> None:
    repeated = " ".join(
        f"In town {k} on a {weather} day the harbour council approved dredging a channel."
        for k, weather in enumerate(["wet", "dry", "cold"])
    )
    a, b = Doc("a", "Herald", _HARBOUR_A), Doc("b", "Courier", _HARBOUR_B)
    result = facts_of(a, b, Doc("c", "Gazette", f"{_FILLER} {repeated}"))
    claims = [f for f in result.shared if f.kind == "claim"]
    assert len(claims) == 1 and claims[0].outlets == ("Courier", "Gazette", "Herald")


def test_bare_percentages_anchor_claims_but_are_no_facts_or_disagreements() -> None:
    a = Doc(
        "a",
        "Herald",
        "The government said on Monday that it will impose a 25 percent levy on imported steel.",
    )
    b = Doc("b", "Courier", "Foreign steel faces 25 percent duties under rules the ministry set.")
    c = Doc("c", "Gazette", "Exports rose 30 percent last year. Wages grew 20 percent.")
    d = Doc("d", "Tribune", "Exports rose 20 percent last year, and wages 30 percent.")
    result = facts_of(a, b, c, d)
    assert "25 percent" in highlighted(result, a) and "25 percent" in highlighted(result, b)
    assert not [f for f in result.shared + result.exclusive if f.kind == "number"]
    assert not result.disagreements
    alone = Doc("e", "Ledger", "Cotton harvests across the southern valleys climbed 40 percent.")
    only_here = facts_of(a, alone).exclusive
    assert not mentioned(only_here, "Cotton harvests"), "a bare percentage is no detail alone"


def test_a_bare_name_in_every_article_is_not_a_fact() -> None:
    a = Doc("a", "Herald", "Ruritania held elections on Sunday. Turnout was low in Ruritania.")
    b = Doc("b", "Courier", "Ruritania is a small country. Its capital Strelsau has a museum.")
    result = facts_of(a, b)
    assert not [f for f in result.shared + result.exclusive if f.text == "Ruritania"]
    assert not result.shared


def test_a_title_and_name_two_outlets_share_are_no_claim() -> None:
    """A title and a name ("President Ilse Varga") in two sentences about different things
    say who, not what happened; in sentences that report one thing they are part of it."""
    opened = Doc("a", "Herald", "On Tuesday President Ilse Varga opened a new bridge in town.")
    marched = Doc("b", "Courier", "Critics of President Ilse Varga marched against bread prices.")
    assert not facts_of(opened, marched).shared
    again = Doc("b", "Courier", "On Tuesday, President Ilse Varga opened the long-awaited bridge.")
    assert "President Ilse Varga opened" in highlighted(facts_of(opened, again), opened)


def test_a_name_inside_a_word_has_no_title() -> None:
    """One word ("Paris,France") can hold a name ("France"): the words before it are none of
    its title, and a sentence that ends so is read like any other."""
    a = Doc("a", "Herald", "Leaders of nine nations opened the climate summit in Paris,France")
    b = Doc("b", "Courier", "Nine nations' leaders opened a climate summit in Paris,France")
    assert "opened the climate summit" in highlighted(facts_of(a, b), a)


def test_contractions_two_quotes_share_are_no_claim() -> None:
    """Two quotes share "It's", "I'm" and "we're", that is "it is", "I am", "we are": no claim."""
    a = Doc("a", "Herald", "“I’m sure it’s over and we’re done,” Varga told a crowd by the river.")
    b = Doc("b", "Courier", "“It’s a start, I’m told, and we’re hopeful,” a baker said.")
    assert not facts_of(a, b).shared


def test_sentences_that_share_only_a_name_have_no_claim() -> None:
    """Two outlets' sentences share a place's name and words each of them uses elsewhere
    ("trade", "ministers"), scattered: the name is who or where, not something they both
    report, and is no shared fact."""
    herald = [
        "The visit began on a grey morning.",
        "Crowds lined the road for the visit.",
        "The visit to Sandy Hook drew warm praise from local families, while trade officials"
        " quietly said ministers had prepared for weeks.",
        "Security for the visit was tight.",
        "A dinner closed the visit.",
        "Trade was not on the menu at lunch.",
        "Ministers from five countries attended.",
        "The weather stayed cold all day.",
        "Reporters waited outside the palace gates.",
        "Nobody expected any surprises.",
    ]
    courier = [
        "Police closed streets ahead of the visit.",
        "The visit cost more than planned.",
        "Ministers welcomed the visit to Sandy Hook; the separate talks on trade come later"
        " this spring.",
        "Protesters gathered during the visit.",
        "Trade unions planned a strike.",
        "Ministers declined to comment.",
        "The visit ended at dusk.",
        "Rain fell through the afternoon.",
        "Shops along the route stayed open.",
        "Few people noticed the convoy.",
    ]
    result = facts_of(Doc("a", "Herald", " ".join(herald)), Doc("b", "Courier", " ".join(courier)))
    assert not mentioned(result.shared, "Sandy Hook")


def test_different_roles_for_one_person_disagree() -> None:
    a = Doc("a", "Herald", "Chief executive Anna Kowalska said the plant would close in May.")
    b = Doc(
        "b", "Courier", "Anna Kowalska, the company's founder, said the plant would close in May."
    )
    c = Doc("c", "Gazette", "On Monday, CEO Anna Kowalska said the plant would close in May.")
    (role,) = facts_of(a, b, c).disagreements
    assert role.about == "Anna Kowalska's role"
    texts = {m.outlet: m.text for m in role.mentions}
    assert "founder" in texts["Courier"] and texts["Gazette"] == "CEO Anna Kowalska"


def test_close_counts_of_the_same_thing_disagree_and_far_ones_do_not() -> None:
    a = Doc("a", "Herald", "The flood forced 1,200 residents from their homes, police said.")
    b = Doc("b", "Courier", "Police said about 1,000 residents left their homes in the flood.")
    c = Doc("c", "Gazette", "Only 3 residents were hurt in the flood.")
    (disagreement,) = facts_of(a, b, c).disagreements
    assert {m.text for m in disagreement.mentions} == {"1,200 residents", "about 1,000 residents"}


def test_a_duration_is_a_shared_number_but_two_durations_do_not_disagree() -> None:
    a = Doc("a", "Herald", "The ministry will wait another 30 days before it rules on the levy.")
    b = Doc("b", "Courier", "A ruling on the levy is put off for another 30 days, officials said.")
    c = Doc("c", "Gazette", "The mayor, back from 12 weeks of leave, opened the bridge on Monday.")
    d = Doc("d", "Tribune", "The bridge, 10 weeks late, opened on Monday.")
    result = facts_of(a, b, c, d)
    (days,) = [f for f in result.shared if f.kind == "number"]
    assert {m.text for m in days.mentions} == {"30 days"}
    assert set(days.outlets) == {"Courier", "Herald"}
    assert not result.disagreements, "a leave and a delay are two durations"


def test_two_ages_for_one_person_disagree_and_an_age_is_no_head_count() -> None:
    a = Doc("a", "Herald", "The 21-year-old student from Ohio was arrested after the protest.")
    b = Doc("b", "Courier", "Police arrested a 22-year-old student from Ohio after the protest.")
    c = Doc("c", "Gazette", "Some 20 students joined the protest in Ohio.")
    (disagreement,) = facts_of(a, b, c).disagreements
    assert disagreement.about == "student"
    assert {m.text for m in disagreement.mentions} == {"21-year-old student", "22-year-old student"}


def test_two_peoples_ages_are_not_one_quantity() -> None:
    a = Doc("a", "Herald", "The 21-year-old student from Ohio was arrested after the protest.")
    b = Doc("b", "Courier", "A 25-year-old officer from Ohio was hurt after the protest.")
    assert not facts_of(a, b, Doc("c", "Gazette", _FILLER)).disagreements


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


@given(st.text(alphabet=st.sampled_from("0123456789,.$ onetwhrfivszxgulMaySundyJ%\n"), max_size=40))
def test_number_and_date_lookaheads_change_no_match(text: str) -> None:
    plain_number = re.compile(_NUMBER.pattern.removeprefix(r"\b(?=[\dzotfsen])"), re.IGNORECASE)
    plain_date = re.compile(_DATE.pattern.removeprefix(r"(?=[\dADFJMNOSTW])"))
    for fast, plain in ((_NUMBER, plain_number), (_DATE, plain_date)):
        assert fast.pattern != plain.pattern
        found = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


@given(st.lists(_words, max_size=40).map(" ".join) | st.text(max_size=120))
def test_word_starts_are_where_the_words_match(text: str) -> None:
    from reader.facts import _WORD, _Sentence, _word_starts
    from reader.text import TextSpan

    sentence = _Sentence("a", "o", TextSpan(0, len(text), text), _WORD.findall(text), [])
    assert _word_starts(sentence) == [m.start() for m in _WORD.finditer(text)]


def test_cli_json_keeps_its_shape_with_carrying_words(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from reader.cli import main

    assert main(["facts", str(seeds), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"articles", "stories", "facts", "exclusive", "disagreements"}
    texts = {d.id: d.text for d in clean_docs(load_library([seeds]).articles)}
    claims = [f for f in data["facts"] if f["kind"] == "claim"]
    assert claims and all(len(f["outlets"]) >= 2 for f in data["facts"])
    for fact in data["facts"]:
        for m in fact["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]
    sentences_whole = sum(
        texts[m["article"]][m["start"] : m["end"]].rstrip().endswith(".")
        for f in claims
        for m in f["mentions"]
    )
    assert sentences_whole < sum(len(f["mentions"]) for f in claims) / 2
    (troops,) = [d for d in data["disagreements"] if d["about"] == "troops"]
    assert {m["text"] for m in troops["mentions"]} == {
        "at least 10,000 troops",
        "up to 11,000 North Korean troops",
    }
    assert all(m["outlet"] for m in troops["mentions"])


@pytest.mark.usefixtures("word_vectors")
def test_a_paraphrase_pair_is_linked_word_for_word() -> None:
    pytest.importorskip("tokenizers")
    a = Doc("a", "Herald", "Police arrested the Tarnow bank manager on Friday after the audit.")
    b = Doc(
        "b", "Courier", "The Tarnow bank manager was taken into custody on Friday after the audit."
    )
    result = facts_of(a, b)
    shown = highlighted(result, a)
    assert "arrested" in shown
    assert "custody" in highlighted(result, b)


@pytest.mark.usefixtures("word_vectors")
def test_a_storys_facts_do_not_depend_on_the_stories_analysed_before() -> None:
    a = Doc("a", "Herald", "Police arrested the Tarnow bank manager on Friday after the audit.")
    b = Doc(
        "b", "Courier", "The Tarnow bank manager was taken into custody on Friday after the audit."
    )
    other = Doc("c", "Gazette", "Rangers said arrests of poachers rose, and arrests fell.")
    facts_of(other, Doc("d", "Tribune", "Rangers said arrests of poachers rose this year."))
    after = facts_of(a, b)
    assert "arrested" in highlighted(after, a), "'arrests' elsewhere is no matter here"
    assert "custody" in highlighted(after, b)


@pytest.mark.usefixtures("word_vectors")
def test_synonyms_match_close_words_only_and_closeness_is_not_carried_on() -> None:
    from reader.paraphrase import synonym_keys

    words = {w: w for w in ("arrest", "custody", "wheat", "protect", "prevent", "stop")}
    keys = synonym_keys(words, list(words))
    assert keys["arrest"] & keys["custody"]
    assert "wheat" not in keys
    assert keys["protect"] & keys["prevent"] and keys["prevent"] & keys["stop"]
    assert not keys["protect"] & keys["stop"], "protecting is not stopping"


@pytest.mark.usefixtures("word_vectors")
def test_synonyms_count_as_words_two_sentences_share() -> None:
    a = Doc(
        "a",
        "Herald",
        "On the radio, officials said the finance minister resigned on Friday amid anger.",
    )
    b = Doc("b", "Courier", "In the capital, authorities said the finance minister quit on Friday.")
    result = facts_of(a, b, filler_with("The finance minister visited"))
    assert "officials said the finance minister resigned on Friday" in highlighted(result, a)
    assert "authorities said the finance minister quit on Friday" in highlighted(result, b)


@pytest.mark.usefixtures("word_vectors")
def test_words_both_outlets_use_elsewhere_read_as_one_inside_a_shared_claim() -> None:
    a = Doc(
        "a",
        "Herald",
        "The regime agreed on Saturday to halt its nuclear tests at the mountain site. "
        "Lawmakers voted to suspend the fishing quota for a season.",
    )
    b = Doc(
        "b",
        "Courier",
        "On Saturday the regime agreed to suspend its nuclear tests at the mountain site. "
        "A court order could halt the harbour project.",
    )
    result = facts_of(a, b, filler_with("The regime agreed"))
    assert "halt its nuclear tests at the mountain site" in highlighted(result, a)
    assert "suspend its nuclear tests at the mountain site" in highlighted(result, b)
    assert "fishing quota" not in highlighted(result, a)


@pytest.mark.usefixtures("word_vectors")
def test_a_sentence_reads_each_partners_words_against_its_own() -> None:
    a = Doc(
        "a",
        "Herald",
        "The regime agreed on Saturday to halt its nuclear tests at the mountain site.",
    )
    b = Doc(
        "b",
        "Courier",
        "On Saturday the regime agreed to suspend its nuclear tests at the mountain site. "
        "A court order could halt the harbour project.",
    )
    e = Doc(
        "e",
        "Ledger",
        "The regime agreed on Saturday to suspend its nuclear tests at the mountain site.",
    )
    result = facts_of(a, b, e, filler_with("The regime agreed"))
    assert "halt its nuclear tests at the mountain site" in highlighted(result, a)
    assert "suspend its nuclear tests at the mountain site" in highlighted(result, b)
    assert "suspend its nuclear tests at the mountain site" in highlighted(result, e)


def test_one_person_in_two_places_disagrees() -> None:
    a = Doc("a", "Herald", "The letter went to a Gdansk man, later named as Piotr Zielinski.")
    b = Doc(
        "b", "Courier", "Piotr Zielinski, a teacher in Sopot, said he had never seen the letter."
    )
    c = Doc("c", "Gazette", "A teacher in Gdansk received the letter, police said.")
    (place,) = facts_of(a, b, c).disagreements
    assert place.about == "where Piotr Zielinski is"
    assert {(m.outlet, m.text) for m in place.mentions} == {
        ("Herald", "Gdansk"),
        ("Courier", "Sopot"),
        ("Gazette", "Gdansk"),
    }


def test_the_same_place_twice_is_no_disagreement() -> None:
    a = Doc("a", "Herald", "The letter went to a Gdansk man, later named as Piotr Zielinski.")
    b = Doc("b", "Courier", "Piotr Zielinski, a teacher in Gdansk, never saw the letter.")
    assert not facts_of(a, b).disagreements


def test_two_outlets_naming_different_largest_buyers_disagree() -> None:
    a = Doc("a", "Herald", "The ministry said Norway is the largest buyer of Chilean copper.")
    b = Doc("b", "Courier", "Traders said Japan is the largest buyer of copper from Chile.")
    c = Doc("c", "Gazette", "Officials said Peru, the largest buyer of Chilean wine, was calm.")
    (largest,) = facts_of(a, b, c).disagreements
    assert {(m.outlet, m.text) for m in largest.mentions} == {
        ("Herald", "Norway is the largest buyer of Chilean copper"),
        ("Courier", "Japan is the largest buyer of copper from Chile"),
    }
    assert largest.about.startswith("the largest buyer of")


def test_the_biggest_and_the_largest_rank_alike() -> None:
    a = Doc("a", "Herald", "The ministry said Norway is the biggest buyer of Chilean copper.")
    b = Doc("b", "Courier", "Traders said Japan is the largest buyer of copper from Chile.")
    (largest,) = facts_of(a, b).disagreements
    assert {m.outlet for m in largest.mentions} == {"Herald", "Courier"}


def test_a_largest_share_is_ranked_by_what_its_sentence_is_about() -> None:
    a = Doc("a", "Herald", "In May Norway made up the largest share, buying 30 percent of copper.")
    b = Doc("b", "Courier", "Traders said Japan is the largest copper buyer, on Monday.")
    (largest,) = facts_of(a, b).disagreements
    assert {m.outlet for m in largest.mentions} == {"Herald", "Courier"}


@pytest.mark.parametrize(
    ("mine", "other"),
    [
        (
            "The ministry said Norway is the largest buyer of Chilean copper.",
            "Officials said Norway is the largest buyer of Chilean copper.",
        ),
        (
            "The ministry said Norway is the largest buyer of Chilean copper.",
            "Officials said Sweden, Europe's largest buyer of Chilean copper, said nothing.",
        ),
        (
            "The ministry said Norway is the largest buyer of Chilean copper.",
            "Officials said Sweden is the largest producer of paper pulp.",
        ),
        (
            "Traders said China is the largest buyer of U.S. soybeans this year.",
            "Traders said Mexico is the largest buyer of U.S. corn this year.",
        ),
        (
            "On Monday the panel heard Mary Olsen, the top Democrat on the committee, vote no.",
            "On Monday the panel heard Peter Lund, the top Republican on the committee, vote yes.",
        ),
        (
            "In Washington, the biggest worry is inflation, analysts said.",
            "In Brussels, the biggest worry is energy prices, analysts said.",
        ),
        (
            "Officials said Canada, Mexico and Japan are the largest steel exporters to the U.S.",
            "Officials said Mexico is the largest steel exporter to the U.S. this year.",
        ),
    ],
)
def test_superlatives_that_agree_or_rank_other_things_do_not_disagree(
    mine: str, other: str
) -> None:
    assert not facts_of(Doc("a", "Herald", mine), Doc("b", "Courier", other)).disagreements


VOTE = "The Senate passed the farm subsidies bill {} on Tuesday after a long debate over quotas."


def test_one_vote_given_two_tallies_disagrees() -> None:
    a = Doc("a", "Herald", VOTE.format("52-48"))
    b = Doc("b", "Courier", VOTE.format("by a 51-49 vote"))
    (vote,) = facts_of(a, b).disagreements
    assert vote.about == "the vote"
    assert {(m.outlet, m.text) for m in vote.mentions} == {
        ("Herald", "52-48"),
        ("Courier", "51-49"),
    }


@pytest.mark.parametrize("other", ["by a 52-48 vote", "12-10 in committee"])
def test_the_same_tally_or_another_vote_is_no_disagreement(other: str) -> None:
    a = Doc("a", "Herald", VOTE.format("52-48"))
    b = Doc("b", "Courier", VOTE.format(other))
    assert not facts_of(a, b).disagreements


def test_tallies_in_sentences_that_share_nothing_are_no_disagreement() -> None:
    a = Doc("a", "Herald", "The Senate passed the farm subsidies bill 52-48 on Tuesday.")
    b = Doc("b", "Courier", "Local councillors voted 51-49 to rename the harbour promenade.")
    assert not facts_of(a, b).disagreements


def test_a_word_two_sentences_both_have_counts_once_whatever_its_synonyms() -> None:
    from reader.facts import _Meanings, _Sentence, _Vocabulary
    from reader.text import TextSpan

    def sentence(article: str, words: list[str]) -> _Sentence:
        return _Sentence(article, article, TextSpan(0, 1, " ".join(words)), words, words)

    synonyms = {
        "meeting": frozenset({"conference=meeting", "meeting=summit"}),
        "conference": frozenset({"conference=meeting"}),
        "summit": frozenset({"meeting=summit"}),
    }
    vocabulary = _Vocabulary({}, set(), frozenset(), synonyms=synonyms)
    meanings = _Meanings(
        [
            sentence("a", ["meeting", "ended", "quarrel"]),
            sentence("b", ["meeting", "produced", "nothing"]),
            sentence("c", ["conference", "ended", "quarrel"]),
        ],
        vocabulary,
    )
    assert meanings.shared(0, 1).bit_count() == 1, "the one word both have"
    assert meanings.shared(0, 2).bit_count() == 3, "'ended', 'quarrel' and a synonym"


@pytest.mark.usefixtures("word_vectors")
def test_a_word_one_outlet_uses_links_sentences_as_its_closest_synonym() -> None:
    a = Doc(
        "a",
        "Herald",
        "After weeks of open anger over the budget, the strikes and the closed mines, the "
        "finance minister resigned.",
    )
    b = Doc("b", "Courier", "The finance minister quit, his office confirmed.")
    result = facts_of(a, b, filler_with("The finance minister visited"))
    assert "finance minister resigned" in highlighted(result, a)
    assert "finance minister quit" in highlighted(result, b)


def test_a_claim_in_words_apart_is_still_stated_in_words() -> None:
    a = Doc(
        "a",
        "Herald",
        "The Ledger's website PressWatch.com first reported that the memo was leaked to a "
        "Denver lawyer.",
    )
    b = Doc(
        "b",
        "Courier",
        "The memo surfaced Sunday on PressWatch.com, whose veteran editor reported the story "
        "for the Ledger.",
    )
    shown = highlighted(facts_of(a, b, Doc("c", "Gazette", _FILLER)), b)
    assert "memo" in shown and "reported" in shown
    assert "Sunday" not in shown and "veteran" not in shown


def test_a_word_a_shared_claim_already_has_is_not_shared_again() -> None:
    a = Doc(
        "a",
        "Herald",
        "The envoy warned that the regime still holds weapons of mass destruction, chemical "
        "and likely biological weapons, and missiles.",
    )
    b = Doc("b", "Courier", "The envoy said the regime has kept its weapons of mass destruction.")
    result = facts_of(a, b, Doc("c", "Gazette", _FILLER))
    shown = highlighted(result, a)
    assert "weapons of mass destruction" in shown
    assert shown.count("weapons") == 1
    assert mentioned(result.exclusive, "biological weapons"), "this outlet's alone"


def test_words_two_sentences_share_only_here_and_there_are_no_claim() -> None:
    a = Doc(
        "a",
        "Herald",
        "Critics of the bridge plan, including the mayor, warned on television that the cost "
        "could double.",
    )
    b = Doc(
        "b",
        "Courier",
        "The cost worried the council, and the mayor called for a new plan before winter.",
    )
    result = facts_of(a, b, Doc("c", "Gazette", _FILLER))
    assert highlighted(result, a) == highlighted(result, b) == ""


@pytest.mark.usefixtures("word_vectors")
def test_a_word_and_its_opposite_are_not_synonyms() -> None:
    a = Doc(
        "a", "Herald", "On Monday the state court ruled that the new tax law was constitutional."
    )
    b = Doc(
        "b", "Courier", "The state court ruled on Monday that the new tax law was unconstitutional."
    )
    result = facts_of(a, b, Doc("c", "Gazette", _FILLER))
    assert "court ruled" in highlighted(result, a)
    assert "constitutional" not in highlighted(result, a)
    assert "unconstitutional" not in highlighted(result, b)


def test_a_phrase_of_one_outlet_and_a_word_of_another_are_no_claim() -> None:
    a = Doc("a", "Herald", "On Tuesday night the bridge protesters set old tyres alight.")
    b = Doc(
        "b",
        "Courier",
        "Smoke from tyres rose over the river; the police said protesters had come from the "
        "north to the bridge.",
    )
    result = facts_of(a, b, filler_with("Protesters crossed the bridge in"))
    assert highlighted(result, a) == highlighted(result, b) == ""


def test_a_sentence_keeps_its_closest_partners_in_each_article() -> None:
    from reader.facts import PARTNERS_PER_ARTICLE, _closest_partners, _Sentence
    from reader.text import TextSpan

    def sentence(article: str) -> _Sentence:
        return _Sentence(article, article, TextSpan(0, 1, "x"), [], [])

    assert PARTNERS_PER_ARTICLE == 2
    candidates = [sentence("a")] * 3 + [sentence("b")] * 3
    close = [(i, j, 0.9) for i in (0, 1) for j in (3, 4)]
    looser = [(i, 5, 0.5) for i in (0, 1)] + [(2, j, 0.5) for j in (3, 4)]
    kept = _closest_partners([*close, *looser, (2, 5, 0.2)], candidates)
    assert kept == close + looser, (
        "a pair stays when one of its sentences has no two closer partners in the other's "
        "article: (0, 5) is sentence 5's closest, (2, 5) neither's"
    )


def test_an_acronym_written_as_a_word_is_the_name_it_abbreviates() -> None:
    a = Doc(
        "a",
        "Herald",
        "Trade ministers from Canada and Mexico met in Ottawa to speed up talks on Nafta, "
        "officials said.",
    )
    b = Doc(
        "b",
        "Courier",
        "Ministers met in Ottawa to speed up the talks on the North American Free Trade "
        "Agreement, officials said.",
    )
    result = facts_of(a, b)
    assert "Nafta" in highlighted(result, a)
    assert "North American Free Trade Agreement" in highlighted(result, b)


def _clashing_by_definition(values_by_outlet: dict[str, set[float]]) -> set[tuple[str, float]]:
    """Each outlet's value against every value of every other outlet."""
    return {
        (outlet, value)
        for outlet, mine in values_by_outlet.items()
        for value in mine
        for other, theirs in values_by_outlet.items()
        if other != outlet and value not in theirs
        for given in theirs - mine
        if max(value, given) / min(value, given) <= DISAGREEMENT_RATIO
    }


@given(
    st.dictionaries(
        st.sampled_from("abcd"),
        st.sets(st.integers(1, 60).map(lambda n: n / 10), max_size=6),
        max_size=4,
    )
)
@example({"a": {2.4}, "b": {3.6}})  # exactly 1.5 apart, as floating point divides it
def test_clashing_figures_are_those_of_the_definition(values: dict[str, set[float]]) -> None:
    assert _clashing_values(values) == _clashing_by_definition(values)


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 10)), max_size=6),
    st.integers(0, 30),
    st.integers(0, 10),
)
def test_a_span_lies_inside_a_mention_when_the_furthest_reach_covers_it(
    mentions: list[tuple[int, int]], start: int, length: int
) -> None:
    spans = [Mention("a", "o", s, s + n, "", 0, 0) for s, n in mentions]
    inside = _lies_inside(_reaches(spans), start, start + length)
    assert inside == any(m.start <= start and start + length <= m.end for m in spans)


def test_sentences_repeated_on_a_page_keep_a_bounded_number_of_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page that repeats one sentence (or a list of like ones) links each to a few of the
    other page's, not to all: before, two such 1 MB pages asked for tens of GB."""
    said = "The mayor of Springfield said on Friday that the storm cut power to the harbour. "
    news = "Firefighters rescued a stranded humpback whale near Pier Nine at dawn. "
    docs = [Doc("a", "one", said * 60 + news), Doc("b", "two", news + said * 60)]
    sentences = [s for d in docs for s in _sentences(d)]
    monkeypatch.setattr("reader.facts.COMPARED_AT_ONCE", 100)
    monkeypatch.setattr("reader.facts.LINKS_PER_ARTICLE", 3)
    assert sum(map(len, _links(sentences, {}))) <= 61 * 3
    assert mentioned(facts_of(*docs).shared, "stranded humpback whale")


def test_scoring_sentence_pairs_in_small_chunks_changes_no_fact(
    seed_facts: StoryFacts, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.paths import seeds_dir

    monkeypatch.setattr("reader.facts.COMPARED_AT_ONCE", 7)
    docs = clean_docs(load_library([seeds_dir()]).articles)
    story = Story("seeds", tuple(d.id for d in docs))
    chunked = find_facts(story, {d.id: d for d in docs})
    assert [(f.text, f.mentions) for f in chunked.shared] == [
        (f.text, f.mentions) for f in seed_facts.shared
    ]


def test_ranking_partners_one_outlet_at_a_time_keeps_the_same_pairs() -> None:
    """Each outlet's links are ranked as they come (so that a story of many copies of one
    wire article never holds every link at once); the pairs kept are those of ranking all."""
    from reader.facts import _closest_partners

    lines = [
        "The storm cut power to the harbour district on Friday night. ",
        "Power to the harbour district was cut by Friday's storm, officials said. ",
        "Crews restored power to most of the harbour district by Saturday. ",
    ]
    docs = [
        Doc(f"a{k}", f"outlet{k % 4}", "".join(lines[k % 3 :] + lines[: k % 3])) for k in range(8)
    ]
    sentences = [s for d in docs for s in _sentences(d)]
    batches = list(_links(sentences, {}))
    assert len(batches) == 3
    one_by_one = [pair for links in batches for pair in _closest_partners(links, sentences)]
    assert one_by_one == _closest_partners([p for links in batches for p in links], sentences)
    assert len(one_by_one) < sum(map(len, batches))
