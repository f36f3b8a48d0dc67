"""Quote extraction, attribution and clustering: seeds, unit cases, properties, real corpora."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import load_library
from reader.quotes import (
    _SPEECH_VERB,
    SPEECH_VERBS,
    Quote,
    QuoteCluster,
    _candidate_pairs,
    _linked,
    _outermost,
    _units,
    cluster_quotes,
    extract_quotes,
)
from reader.workspace import clean_docs


@pytest.fixture(scope="module")
def seed_quotes() -> list[Quote]:
    from reader.paths import seeds_dir

    docs = clean_docs(load_library([seeds_dir()]).articles)
    return [
        q
        for doc in docs
        for q in extract_quotes(doc.text, article=doc.id, outlet=doc.outlet, title=doc.title)
    ]


@pytest.fixture(scope="module")
def seed_clusters(seed_quotes: list[Quote]) -> list[QuoteCluster]:
    return cluster_quotes(seed_quotes)


def _cluster_with(clusters: list[QuoteCluster], words: str) -> QuoteCluster:
    found = [c for c in clusters if any(words in q.text for q in c.quotes)]
    assert found, words
    return max(found, key=lambda c: len(c.quotes))


def _articles(cluster: QuoteCluster) -> set[str]:
    return {q.article[:3] for q in cluster.quotes}


@pytest.mark.parametrize(
    ("words", "articles"),
    [
        ("hand over Kim Jong Un", {"000", "002"}),
        ("undoubtedly be more", {"000", "001", "002"}),
        ("dependent on military assistance", {"001", "003"}),
        ("just an exercise", {"001", "002"}),
        ("other options", {"000", "002"}),
    ],
)
def test_seed_clusters(seed_clusters: list[QuoteCluster], words: str, articles: set[str]) -> None:
    assert _cluster_with(seed_clusters, words).outlets
    assert _articles(_cluster_with(seed_clusters, words)) == articles


def test_seed_partial_quote_joins_second_sentence(seed_clusters: list[QuoteCluster]) -> None:
    cluster = _cluster_with(seed_clusters, "undoubtedly be more")
    part = next(q for q in cluster.quotes if q.article.startswith("000"))
    assert part.text.startswith("Undoubtedly, there will be more POWs")


def test_seed_exchange_offer_speakers(seed_clusters: list[QuoteCluster]) -> None:
    cluster = _cluster_with(seed_clusters, "hand over Kim Jong Un")
    assert all("zelensk" in (q.speaker or "").lower() for q in cluster.quotes)


def test_seed_koo(seed_quotes: list[Quote]) -> None:
    quote = next(q for q in seed_quotes if "nothing we can say" in q.text)
    assert quote.speaker is not None and "Koo" in quote.speaker


def test_seed_boilerplate_not_quoted(seed_quotes: list[Quote]) -> None:
    assert not any("No deal on Ukraine" in q.text for q in seed_quotes if not q.fragment)


def test_seed_headline_quote_is_fragment() -> None:
    text = "Zelensky 'Ready' to Hand North Korean POWs to Pyongyang\n\nBody text follows here."
    quotes = extract_quotes(text)
    assert [(q.text, q.fragment) for q in quotes] == [("Ready", True)]


def test_apostrophes_are_not_quotes() -> None:
    text = (
        "Kim Jong-un’s soldiers were there. There’s more in Kyiv's report. "
        "‘I was told it was just an exercise,’ he said."
    )
    assert [q.text for q in extract_quotes(text)] == ["I was told it was just an exercise,"]


def test_plural_possessive_inside_single_quotes() -> None:
    text = "‘The soldiers’ families are waiting for news,’ Smith said."
    assert [q.text for q in extract_quotes(text)] == [
        "The soldiers’ families are waiting for news,"
    ]


def test_guillemets() -> None:
    quotes = extract_quotes("Il a dit : «Nous sommes prêts à échanger les soldats.»")
    assert [q.text for q in quotes] == ["Nous sommes prêts à échanger les soldats."]


def test_multi_paragraph_quote() -> None:
    text = (
        "Intro paragraph without quotes.\n\n"
        "“We will not stop,” Anna Berg said. “This is the first part.\n\n"
        "“And this is the second part of the same quote.”\n\n"
        "Then the story goes on."
    )
    quotes = extract_quotes(text)
    assert quotes[1].text.startswith("This is the first part.")
    assert quotes[1].text.endswith("second part of the same quote.")
    assert quotes[1].speaker == "Anna Berg"


def test_partial_quote_inside_sentence() -> None:
    text = (
        "Jane Roe said more would come. "
        'There will "undoubtedly be more" soldiers captured, she added.'
    )
    [quote] = extract_quotes(text)
    assert quote.text == "undoubtedly be more"
    assert not quote.fragment
    assert quote.speaker == "Jane Roe"


def test_scare_quote_is_fragment() -> None:
    [quote] = extract_quotes('The agency said it "confirmed" the capture on Monday.')
    assert quote.fragment


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“We are ready,” Maria Lopez said.", "Maria Lopez"),
        ("“We are ready,” said Maria Lopez.", "Maria Lopez"),
        ("Maria Lopez wrote on X: “We are ready.”", "Maria Lopez"),
        ("“We are ready,” according to Maria Lopez.", "Maria Lopez"),
        ("Maria Lopez, a spokeswoman for the ministry, stated: “We are ready.”", "Maria Lopez"),
        ("“We are ready,” a spokesman for the Lopez campaign said.", None),
    ],
)
def test_attribution_patterns(sentence: str, speaker: str | None) -> None:
    [quote] = extract_quotes(sentence)
    assert quote.speaker == speaker


def test_pronoun_resolves_to_last_speaker_and_full_name() -> None:
    text = (
        "Koo Byoungsam, a ministry spokesman, said talks were needed.\n\n"
        "“There’s nothing we can say at the current stage,” Koo stated.\n\n"
        "“We will wait,” he added."
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Koo Byoungsam", "Koo Byoungsam"]


def test_pronoun_after_unnamed_speaker_stays_unknown() -> None:
    text = (
        "Peter Hahn said the video was real.\n\n"
        "One of the soldiers stated that he did not know where he was.\n\n"
        "“I was told it was an exercise,” he explained."
    )
    assert extract_quotes(text)[0].speaker is None


def test_speaker_folding_links_spellings() -> None:
    a = extract_quotes(
        "“Ukraine is ready to hand over the soldiers if he can organize an exchange for our "
        "warriors held in Russia,” Volodymyr Zelensky wrote.",
        article="a",
        outlet="A",
    )
    b = extract_quotes(
        "“If he is capable of organizing an exchange for our warriors held in Russia, Ukraine is "
        "ready to transfer the soldiers,” Zelenskyy said.",
        article="b",
        outlet="B",
    )
    clusters = cluster_quotes(a + b)
    assert len(clusters[0].quotes) == 2 and clusters[0].outlets == ("A", "B")


def test_different_speakers_do_not_link_paraphrases() -> None:
    a = extract_quotes("“The economy is growing fast this year,” Ann Smith said.", article="a")
    b = extract_quotes("“This year the economy is growing very fast,” Bo Jones said.", article="b")
    assert [q.speaker for q in a + b] == ["Ann Smith", "Bo Jones"]
    clusters = cluster_quotes(a + b)
    assert len(clusters) == 2 and all(len(c.quotes) == 1 for c in clusters)


quote_texts = st.lists(
    st.sampled_from(
        ["Smith", "said", "“", "”", '"', "‘", "’", "'", "«", "»", "we", "it’s", "ready", ",", "."]
        + ["\n\n", "he", "added", "Kyiv's", "soldiers’", "According to", "Jane Roe"]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(quote_texts | st.text(max_size=200))
def test_offsets_are_valid(text: str) -> None:
    for quote in extract_quotes(text, article="x"):
        assert text[quote.start : quote.end] == quote.text
        assert quote.text.strip() == quote.text and quote.text
        assert quote.context_start <= quote.start and quote.end <= quote.context_end
    cluster_quotes(extract_quotes(text, article="x") + extract_quotes(text, article="y"))


def test_corpus_quotes_index_their_text_and_cluster_across_outlets(corpora: Path) -> None:
    stories = sorted(p for p in (corpora / "basil").iterdir() if p.is_dir())[:20]
    docs = [clean_docs(load_library([story]).articles) for story in stories]
    multi = 0
    for story in docs:
        quotes = [q for d in story for q in extract_quotes(d.text, article=d.id, outlet=d.outlet)]
        for quote, text in ((q, next(d.text for d in story if d.id == q.article)) for q in quotes):
            assert text[quote.start : quote.end] == quote.text
        multi += sum(len(c.outlets) > 1 for c in cluster_quotes(quotes))
    assert multi >= 20
    assert re.match(r"\w", stories[0].name)


@given(
    st.sampled_from(sorted(SPEECH_VERBS)).map(lambda v: v.upper() if len(v) % 2 else v)
    | st.text(alphabet=st.sampled_from("saidtoldAeS’'-"), min_size=1, max_size=8)
)
def test_speech_verb_pattern_matches_exactly_the_verbs(word: str) -> None:
    assert bool(_SPEECH_VERB.fullmatch(word)) == (word.lower() in SPEECH_VERBS)


# Speakers where news writing puts them: each case a text written for the test, and the speaker
# of its last quote ("" when nobody may be named).
SPEAKER_CASES = {
    "role subject of the sentence before": (
        "Mayor Ana Ruiz opened the council session on Tuesday.\n\n"
        "The mayor, a former prosecutor, pushed back. “Nobody on this council is above the rules.”",
        "Ana Ruiz",
    ),
    "speaker of the sentence before": (
        "Tom Baker says he sees a deeper problem at work here. “Nobody is talking to anybody.”",
        "Tom Baker",
    ),
    "apposition after the quote": (
        "“We will appeal the ruling,” said Maria Lopez, a lawyer for the tenants’ union.",
        "Maria Lopez",
    ),
    "name and apposition before the verb": (
        "“The market will recover by spring,” Michael Ortiz, the chief economist at a regional "
        "bank, said in a statement.",
        "Michael Ortiz",
    ),
    "colon lead-in paragraph": (
        "Maria Lopez, a lawyer for the tenants, spoke at the hearing.\n\n"
        "Lopez wrote on X:\n\n“We will keep fighting for every family in this building.”",
        "Maria Lopez",
    ),
    "statement lead-in with a role": (
        "Gov. Dana Reed signed the budget on Friday.\n\n"
        "In a statement, the governor said:\n\n“This budget keeps every promise we made.”",
        "Dana Reed",
    ),
    "he after a person named without a speech verb": (
        "The comments drew a sharp response from Rev. Paul Owens of the Coalition of Pastors. "
        "“It is the same thing that happened when I was marching,” he told reporters.",
        "Paul Owens",
    ),
    "he skips a person the text calls Ms.": (
        "Tom Baker said the talks had stalled.\n\nMs. Reed disagreed with the plan.\n\n"
        "“We are close to a deal,” he said.",
        "Tom Baker",
    ),
    "the senator": (
        "Sen. Jon Tester (D-Mont.) questioned the bank’s chief.\n\n"
        "“Every time you say that, you give them ammunition,” the senator said.",
        "Jon Tester",
    ),
    "the spokesman": (
        "Paul Kim, a spokesman for the ministry, declined to comment on Monday.\n\n"
        "Later the spokesman said: “We will respond in writing.”",
        "Paul Kim",
    ),
    "tweet": ("Maria Lopez tweeted: “See you all at the hearing tomorrow.”", "Maria Lopez"),
    "written statement of an organisation": (
        "In a statement, Acme Corp said: “We take these concerns very seriously.”",
        "Acme Corp",
    ),
    "an organisation nearby is not the speaker": (
        "Acme Corp owns the building on Main Street. “We have had no heat since October,” a "
        "tenant said.",
        "",
    ),
    "a place is never a speaker": (
        "Officials in Seoul were cautious on Monday. “We will wait and see,” Seoul said.",
        "",
    ),
    "a party label is never a speaker": (
        "Rep. Tim Ryan spoke first.\n\nRyan, D-Ohio, said: “We need answers from the company.”",
        "Tim Ryan",
    ),
    "a date is never a speaker": (
        "Wayne LaPierre in December argued that schools need guards.\n\n"
        "“It is now time for us to act,” he said.",
        "Wayne LaPierre",
    ),
    "participle after a quote": (
        "Union President Randi Weingarten called the report “a cruel hoax on our children,” "
        "adding that the findings “are simply designed to help the industry.”",
        "Randi Weingarten",
    ),
    "closing attribution clause": (
        "Tariffs would be a “very bad idea” for both countries, Prime Minister Justin Trudeau "
        "said on Monday.",
        "Justin Trudeau",
    ),
    "question mark before the attribution": (
        "Rep. Michele Bachmann visited the restaurant.\n\n"
        "“Have you gone today?” Bachmann asked her followers.",
        "Michele Bachmann",
    ),
    "quoted as telling": (
        "“Call me directly and the problem will be solved,” Mr. Kim was quoted as telling the "
        "envoys.",
        "Kim",
    ),
    "a noun spelled like a verb": (
        "In a statement, union President Randi Weingarten called the report “a cruel hoax that "
        "will fail our children.”",
        "Randi Weingarten",
    ),
    "a possessive is not the speaker": (
        "“We came away with more questions than answers,” Scott’s relatives said.",
        "",
    ),
    "a relative clause's person": (
        "Obama has a frosty relationship with Sen. Mitch McConnell, now the majority leader, "
        "who in 2010 said his goal was to make Obama a “one-term president.”",
        "Mitch McConnell",
    ),
    "a person acting after an opening phrase": (
        "Donald Trump, the Republican nominee, spoke in Ohio. At a rally, Trump likened the "
        "refugees to a “vicious snake” in a song.",
        "Donald Trump",
    ),
    "a partial quote of a person acting": (
        "Sen. Ted Cruz spoke on Wednesday. Cruz exhorted Republicans to “vote your conscience” "
        "at the convention.",
        "Ted Cruz",
    ),
}


@pytest.mark.parametrize("case", SPEAKER_CASES)
def test_speaker_where_news_puts_it(case: str) -> None:
    text, speaker = SPEAKER_CASES[case]
    quotes = extract_quotes(text)
    assert quotes, "no quote extracted"
    assert (quotes[-1].speaker or "") == speaker


def test_passive_subject_is_not_the_speaker_of_a_partial_quote() -> None:
    [quote] = extract_quotes("Tom Baker was charged with “aggravated assault” on Monday.")
    assert quote.speaker is None and quote.fragment


def test_every_paragraph_of_a_long_quote_has_its_speaker() -> None:
    text = (
        "Ana Ruiz, the mayor, spoke for an hour.\n\n"
        "“We are going to fix the roads first,” Ruiz said. “Then the schools.\n\n"
        "“Then the parks, and every one of the libraries in this city.\n\n"
        "“Nobody will be left out of this plan.”\n\nThe council voted later."
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 2
    assert quotes[1].text.endswith("left out of this plan.")
    assert [q.speaker for q in quotes] == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "“We will appeal,” said Maria Lopez, a lawyer for the tenants’ union.",
            "a lawyer for the tenants’ union",
        ),
        (
            "Koo Byoungsam, spokesperson for South Korea’s Unification Ministry, said: “Not yet.”",
            "spokesperson for South Korea’s Unification Ministry",
        ),
        (
            "Texas Republican Sen. John Cornyn spoke first. “We will vote no,” Cornyn said.",
            "Texas Republican Sen.",
        ),
        (
            "The minister of digital affairs, Jane Doe, spoke. “We are ready,” Doe said.",
            "The minister of digital affairs",
        ),
    ],
)
def test_speaker_role_is_kept(text: str, role: str) -> None:
    assert extract_quotes(text)[-1].speaker_role == role


# Quote fidelity


def _three_outlets(*versions: str) -> list[QuoteCluster]:
    quotes = [
        q
        for n, version in enumerate(versions)
        for q in extract_quotes(
            f"“{version},” Ana Ruiz said.", article=f"a{n}", outlet=f"Outlet {n}"
        )
    ]
    return [c for c in cluster_quotes(quotes) if len(c.outlets) > 1]


def test_punctuation_and_case_are_not_a_different_wording() -> None:
    [cluster] = _three_outlets(
        "We will not give up on the people of this city",
        "We will not give up on the people of this city!",
        "we will NOT give up on the people of this city",
    )
    assert cluster.fidelity.differing == ()
    assert cluster.fidelity.describe() == "same words in all 3 outlets"


def test_a_partial_quote_is_not_a_different_wording() -> None:
    a = extract_quotes(
        "“We will not give up on the people of this city,” Ana Ruiz said.",
        article="a",
        outlet="A",
    )
    b = extract_quotes(
        "Ana Ruiz said they would “not give up on the people of this city.”",
        article="b",
        outlet="B",
    )
    [cluster] = [c for c in cluster_quotes(a + b) if len(c.outlets) > 1]
    assert not cluster.fidelity.worded_differently


def test_changed_words_are_a_different_wording() -> None:
    [cluster] = _three_outlets(
        "We will not give up on the people of this city",
        "We will not give up on the people of this city",
        "We shall never give up on the people of this city",
    )
    assert cluster.fidelity.differing == ("Outlet 2",)
    assert cluster.fidelity.describe() == "worded differently in 1 of 3 outlets"


def test_two_outlets_that_disagree_both_word_it_differently() -> None:
    a = extract_quotes(
        "“We will not give up on this city now,” Ana Ruiz said.", article="a", outlet="A"
    )
    b = extract_quotes(
        "“We will never give up on this city now,” Ana Ruiz said.", article="b", outlet="B"
    )
    [cluster] = [c for c in cluster_quotes(a + b) if len(c.outlets) > 1]
    assert cluster.fidelity.differing == ("A", "B")


def test_versions_with_a_few_words_changed_are_one_cluster_whoever_says_them() -> None:
    a = extract_quotes(
        "The agency added, “the North will shut down a nuclear test site in the country’s "
        "northern side to prove the vow to suspend nuclear tests.”",
        article="a",
        outlet="A",
    )
    b = extract_quotes(
        "It also said the North would “shut down a nuclear test site in the country’s northern "
        "side to guarantee transparency in suspending nuclear tests.”",
        article="b",
        outlet="B",
    )
    [cluster] = [c for c in cluster_quotes(a + b) if len(c.outlets) > 1]
    assert cluster.fidelity.worded_differently


def test_a_quote_split_in_two_by_one_outlet_is_one_cluster() -> None:
    whole = extract_quotes(
        "“North Korea has agreed to suspend all nuclear tests and close a major test site. This "
        "is very good news for North Korea and the world. Look forward to our summit,” Donald "
        "Trump wrote.",
        article="a",
        outlet="A",
    )
    split = extract_quotes(
        "“This is very good news for North Korea and the world,” Trump wrote. “Look forward to "
        "our summit.”",
        article="b",
        outlet="B",
    )
    shared = [c for c in cluster_quotes(whole + split) if len(c.outlets) > 1]
    assert len(shared) == 1
    assert {q.id for q in shared[0].quotes} == {whole[0].id, *(q.id for q in split)}


def test_two_statements_in_one_quote_stay_two_clusters() -> None:
    whole = extract_quotes(
        "“We are ready to exchange the soldiers for our own prisoners held in Russia. There will "
        "certainly be more prisoners from the north soon,” Ana Ruiz said.",
        article="a",
        outlet="A",
    )
    first = extract_quotes(
        "Ruiz said: “We are ready to exchange the soldiers for our own prisoners held in Russia.”",
        article="b",
        outlet="B",
    )
    second = extract_quotes(
        "Ruiz added that “there will certainly be more prisoners from the north soon.”",
        article="c",
        outlet="C",
    )
    shared = [c for c in cluster_quotes(whole + first + second) if len(c.outlets) > 1]
    assert len(shared) == 2
    # each part of the one outlet's quote is its own member, under its own id
    ids = [q.id for c in shared for q in c.quotes if q.article == "a"]
    assert sorted(ids) == [whole[0].id, f"{whole[0].id}.1"]


def test_a_quote_signed_with_a_name_is_theirs() -> None:
    text = (
        "Readers sent us their views.\n\n"
        "“He talks over everyone and answers nothing.” ― Veronica Cruz\n\n"
        "“Nobody I know will vote for him.” — Adriana Rodarte"
    )
    quotes = extract_quotes(text)
    assert [(q.speaker, q.fragment) for q in quotes] == [
        ("Veronica Cruz", False),
        ("Adriana Rodarte", False),
    ]


def _write_story(folder: Path, name: str, outlet: str, quote: str) -> None:
    (folder / f"{name}.md").write_text(
        f"---\ntitle: Mayor defends the transit budget\noutlet: {outlet}\ndate: 2025-01-02\n---\n"
        "Mayor Ana Ruiz defended the transit budget at city hall on Monday morning.\n\n"
        f"“{quote},” said Ruiz, a former prosecutor, at the city hall meeting on the budget.\n\n"
        "The council will vote on the transit budget and the bus lanes next week.\n",
        encoding="utf-8",
    )


def test_quotes_json_gives_roles_and_fidelity_with_clean_offsets(tmp_path: Path, capsys) -> None:
    from reader.cli import main

    _write_story(tmp_path, "a", "First", "Nobody on this council will cut a single bus line")
    _write_story(tmp_path, "b", "Second", "Nobody on this council will cut a single bus line")
    _write_story(tmp_path, "c", "Third", "Nobody on this council would cut one single bus line")
    assert main(["quotes", str(tmp_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    [cluster] = [c for c in result["clusters"] if len(c["quotes"]) == 3]
    assert cluster["speaker"] == "Ana Ruiz" and cluster["role"] == "Mayor"
    assert cluster["fidelity"] == {"outlets": 3, "worded_differently": ["Third"]}
    assert result["given_differently"] == {"Third": 1}
    quote = next(q for q in result["quotes"] if q["outlet"] == "Third")
    assert main(["clean", str(tmp_path / "c.md"), "--json"]) == 0
    text = json.loads(capsys.readouterr().out)["text"]
    assert text[quote["start"] : quote["end"]] == quote["text"]
    assert quote["role"] == "Mayor"


def test_a_relative_clause_verb_is_not_the_quotes_attribution() -> None:
    text = (
        "Donald Trump, the Republican nominee, complained about his microphone.\n\n"
        "Rival Hillary Clinton had mocked the complaint, saying anybody who complains about a "
        "microphone “is not having a good night.”"
    )
    assert (extract_quotes(text)[-1].speaker or "").endswith("Hillary Clinton")


def test_short_quotes_after_a_speech_verb_are_the_speakers_words() -> None:
    text = (
        "The council met on Monday night.\n\n"
        "Ana Ruiz called the plan “a mess” and “unworkable,” and asked for “more time.”"
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["a mess", "unworkable,", "more time."]
    assert all(not q.fragment for q in quotes)
    assert [q.speaker for q in quotes] == ["Ana Ruiz"] * 3


def test_a_quote_after_a_speech_verb_with_no_named_subject_is_reported_speech() -> None:
    text = "The poll was taken in May.\n\nMost voters said the tax was “unfair to farmers.”"
    [quote] = extract_quotes(text)
    assert not quote.fragment and quote.speaker is None


def test_one_word_said_by_nobody_named_stays_a_scare_quote() -> None:
    text = (
        "Ana Ruiz spoke on Monday.\n\n"
        "The vote went ahead, as critics called the plan a “reform” in name only."
    )
    [quote] = extract_quotes(text)
    assert quote.fragment and quote.speaker is None


def test_a_scare_quote_with_no_speech_verb_stays_a_fragment() -> None:
    text = "The council met on Monday night.\n\nThe so-called “green belt” plan was dropped."
    [quote] = extract_quotes(text)
    assert quote.fragment


def test_markup_attribute_values_are_not_quotes() -> None:
    text = (
        "The senator spoke on Monday.\n\n"
        '<tweet author="someone" tweet_id="783499116076687360">We will win.</tweet>'
    )
    assert extract_quotes(text) == []


def test_a_short_sentence_with_its_own_quote_is_not_the_attribution_before() -> None:
    text = (
        "Leaders condemned the test on Friday.\n\n"
        "Norway called the test “a dangerous act.” Sweden urged the North to “stop now.”"
    )
    first, second = extract_quotes(text)
    assert first.speaker == "Norway" and second.speaker == "Sweden"


def test_the_holder_of_an_office_with_of_is_the_speaker() -> None:
    text = (
        "Talks resumed on Monday.\n\n"
        "Secretary of State Jane Q. Roe said the talks would take “real steps.” "
        "“We remain open,” she said."
    )
    first, second = extract_quotes(text)
    assert first.speaker == "Jane Q. Roe" and second.speaker == "Jane Q. Roe"


def test_a_spokesman_for_someone_is_not_that_someone() -> None:
    [quote] = extract_quotes("The talks went on.\n\nA spokesman for Jane Roe said “not yet.”")
    assert quote.speaker is None


def test_chanted_and_sung_words_are_the_chanters() -> None:
    text = (
        "The march began at noon.\n\n"
        "They walked through the square, chanting “Open the books!” as police watched."
    )
    [quote] = extract_quotes(text)
    assert not quote.fragment and quote.speaker is None
    text = "The concert sold out.\n\nAna Ruiz sings to the crowd, “We will not be moved.”"
    assert extract_quotes(text)[0].speaker == "Ana Ruiz"


def test_a_participle_skips_the_subject_of_an_aside() -> None:
    text = (
        "Marchers circled the park on Sunday.\n\n"
        "They looped around the stadium - where the Riverside Tigers played the Hawks - while "
        "chanting “we want answers.”"
    )
    [quote] = extract_quotes(text)
    assert quote.speaker is None


def test_according_to_anywhere_in_the_sentence_attributes_its_quotes() -> None:
    before = (
        "The rally went on late.\n\n"
        "According to union leader Ana Ruiz, the crowd was “fired up” all night."
    )
    after = (
        "The rally went on late.\n\n"
        "The mayor was greeted with “Shame!” at the rally, according to union leader Ana Ruiz."
    )
    for text in (before, after):
        [quote] = extract_quotes(text)
        assert not quote.fragment and quote.speaker == "Ana Ruiz"


def test_a_short_sentence_opening_with_a_capital_is_no_title() -> None:
    text = "The video was released on Friday.\n\nShe pleads with him, “Don't you do it.”"
    [quote] = extract_quotes(text)
    assert not quote.fragment
    text = "The show aired on Friday.\n\nShe was a guest on “The Apprentice” that year."
    [quote] = extract_quotes(text)
    assert quote.fragment


def test_a_name_in_the_clause_after_a_quote_is_no_place() -> None:
    text = (
        "The ad ran on Sunday.\n\n"
        "A narrator in the Ruiz ad asks, “Who pays?”\n\n"
        "Ana Ruiz says the ad means her rival “may not have paid a cent” in taxes."
    )
    assert extract_quotes(text)[-1].speaker == "Ana Ruiz"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Taxes came up again.\n\nSaid Ellis: “Nobody here wants a tax rise.”", "Ellis"),
        (
            "The ad ran on Sunday.\n\nIt shows footage of Ana Ruiz saying, “We can do better.”",
            "Ana Ruiz",
        ),
        (
            "The ad ran on Sunday.\n\nIt ends with Ana Ruiz saying “That makes me smart,” when "
            "Tom Baker attacked her.",
            "Ana Ruiz",
        ),
        (
            "The row went on.\n\nAna Ruiz is calling “reckless” a Tom Baker tweet about the vote.",
            "Ana Ruiz",
        ),
        (
            "Ana Ruiz, the mayor, was furious.\n\nAn aide of hers, Tom Baker, likened the vote to "
            "“a slap in the face” on Friday.\n\nMr. Baker spoke later.",
            "Tom Baker",
        ),
    ],
)
def test_speaker_of_an_opening_verb_a_gerund_and_a_later_clause(text: str, speaker: str) -> None:
    assert extract_quotes(text)[0].speaker == speaker


def test_a_sentence_reporting_speech_takes_no_lead_in_from_the_one_before() -> None:
    text = (
        "The council met on Monday.\n\n"
        "Ana Ruiz spoke first. Then critics called the plan “a reform in name only.”"
    )
    [quote] = extract_quotes(text)
    assert quote.speaker is None and not quote.fragment


def test_the_sentences_no_other_outlet_gives_stay_a_quote_of_their_own() -> None:
    shared = "We will never give up on open markup in our software"
    whole = extract_quotes(
        f"“Nobody here is afraid of the vote on Friday. {shared},” Ana Ruiz said.",
        article="a",
        outlet="A",
    )
    part = extract_quotes(f"“{shared},” Ruiz said.", article="b", outlet="B")
    clusters = cluster_quotes(whole + part)
    [multi] = [c for c in clusters if len(c.outlets) > 1]
    assert {q.id for q in multi.quotes} == {whole[0].id, part[0].id}
    [rest] = [c for c in clusters if len(c.outlets) == 1]
    assert rest.quotes[0].id == f"{whole[0].id}.1"
    assert rest.quotes[0].text == "Nobody here is afraid of the vote on Friday."
    assert rest.speaker == "Ana Ruiz"


def test_a_later_quote_reported_by_someone_else_is_not_the_first_speakers() -> None:
    text = (
        "The minister spoke on Monday.\n\n"
        "“We will not give up on this reform,” Ana Ruiz said, as critics called the plan a "
        "“reform” in name only."
    )
    first, second = extract_quotes(text)
    assert first.speaker == "Ana Ruiz"
    assert second.speaker is None and second.fragment


def test_a_definite_role_followed_by_an_adverb_names_its_holder() -> None:
    text = (
        "Representative Tom Baker spoke on Monday.\n\n"
        "The congressman also worried about his wife, Ana Ruiz, a lawyer. “We are fine,” he "
        "said."
    )
    assert extract_quotes(text)[-1].speaker == "Tom Baker"


def test_a_role_with_a_party_is_not_a_holder_of_the_other_party() -> None:
    text = (
        "Republican nominee Tom Baker spoke in Ohio.\n\n"
        "Democratic nominee Ana Ruiz spoke in Iowa.\n\n"
        "The Republican nominee also vowed to punish “those who leak secrets.”"
    )
    assert extract_quotes(text)[-1].speaker == "Tom Baker"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The vote was close.\n\n“They are all wrong,” said city council member Ana Ruiz.",
            "Ana Ruiz",
        ),
        ("The vote was close.\n\n“They are all wrong,” said a spokesman for Ana Ruiz.", ""),
        (
            "Debates rarely change a race, noted NBC’s Ana Ruiz. “By then most voters have "
            "made up their minds,” she wrote.",
            "Ana Ruiz",
        ),
    ],
)
def test_speaker_named_after_a_verb_with_words_between(text: str, speaker: str) -> None:
    assert (extract_quotes(text)[-1].speaker or "") == speaker


def test_the_owner_after_a_speech_verb_is_not_the_speaker() -> None:
    text = (
        "Ana Ruiz spoke first.\n\n"
        "Tom Baker, a member of the council, called Ana Ruiz’s plan a mess. “It is late,” he "
        "said."
    )
    assert extract_quotes(text)[0].speaker == "Tom Baker"


def test_a_bare_verb_after_an_article_and_an_adjective_is_a_noun() -> None:
    text = (
        "Tom Baker said he would stay in the race.\n\n"
        "On the trail, he paused to make an odd remark. “My hope is to win,” he said."
    )
    assert extract_quotes(text)[-1].speaker == "Tom Baker"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The test drew protests.\n\n"
            "Kim Soo-min said the leader's mental state is “beyond all reason.”",
            "Kim Soo-min",
        ),
        (
            "The test drew protests.\n\n"
            "Jean-Luc Picard, the foreign minister, a member of the council, said the test was "
            "“a grave threat to the region.”",
            "Jean-Luc Picard",
        ),
        (
            "The debate went on.\n\n"
            "Ana Ruiz said she wanted to tell voters that the plan was “dead and buried.”",
            "Ana Ruiz",
        ),
    ],
)
def test_speaker_past_a_noun_like_verb_an_apposition_or_an_infinitive(
    text: str, speaker: str
) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


def test_a_nickname_inside_a_name_is_no_quote_of_anyone() -> None:
    text = (
        "The rally went on late.\n\n"
        "State Sen. Robert “Bobby” Ruiz said the vote was “a betrayal of every worker.”"
    )
    nickname, words = extract_quotes(text)
    assert nickname.fragment and not words.fragment
    assert words.speaker == "Ruiz"


def test_a_turned_mark_before_an_ellipsis_opens_a_quote() -> None:
    text = (
        "Ana Ruiz spoke about the plan.\n\n"
        "Ruiz said the words mattered. ” … what I learned is that words matter,” she said."
    )
    [quote] = extract_quotes(text)
    assert quote.text.startswith("… what I learned") and quote.speaker == "Ana Ruiz"


def test_a_title_before_a_noun_is_no_quote_and_speaks_for_no_one() -> None:
    text = (
        "The interview aired on Sunday.\n\n"
        "“I want to see the papers,” said Tom Baker on the “Morning Report” show, according "
        "to the Daily Planet. “Why is nobody asking for them?”"
    )
    first, title, last = extract_quotes(text)
    assert title.fragment
    assert first.speaker == last.speaker == "Tom Baker"


def test_a_contracted_pronoun_is_the_subject_of_a_progressive() -> None:
    text = (
        "Tom Baker said he would ask for a recount.\n\n"
        "He’s claiming that the count is “a big, big problem” for the state."
    )
    assert extract_quotes(text)[-1].speaker == "Tom Baker"


def test_quotes_a_person_talked_about_are_theirs_not_a_later_speakers() -> None:
    text = (
        "Ana Ruiz watched the town meeting from the back row.\n\n"
        "As Tom Baker talked on about “a greener harbour for the town” and “jobs for all of "
        "our children,” Ruiz said nothing at all, until the lights went out."
    )
    harbour, jobs = extract_quotes(text)
    assert harbour.speaker == jobs.speaker == "Tom Baker"


def test_a_signed_vox_pop_line_is_its_signers_words_even_split_by_a_stray_mark() -> None:
    text = (
        "Readers told us what they thought of the debate.\n\n"
        "“The harbour plan is the only thing I care about this year.” ― Tom Baker\n"
        "“Nobody asked us. As my uncle said, ‘they never do.” And that is why I will "
        "vote “for the other side’.” ― Ana Ruiz\n"
        "“I would rather move than live in what he calls “paradise” with that plan.” ― Lea Cho"
    )
    quotes = extract_quotes(text)
    by_text = {q.text.split()[0]: q for q in quotes}
    assert by_text["The"].speaker == "Tom Baker"
    assert by_text["Nobody"].speaker == by_text["for"].speaker == "Ana Ruiz"
    assert by_text["paradise"].speaker is None


def test_words_one_person_says_another_used_are_the_other_persons() -> None:
    """ "X said that Y described it as “…”": the quoted words are Y's, as X reports them
    (PolNeAR credits X; the quote view is about whose words outlets quote)."""
    text = (
        "At a rally on Friday, Senator Tom Harwell said that Governor Ana Ruiz described the "
        "pact as “the best deal in a generation” before she changed her mind."
    )
    (quote,) = extract_quotes(text, article="a")
    assert quote.speaker == "Ana Ruiz"


def _outermost_by_definition(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """`_outermost` as first written: each span checked against every span kept."""
    kept: list[tuple[int, int, int]] = []
    for start, end, rank in sorted(found, key=lambda f: (f[0], -f[1], f[2])):
        clash = [k for k in kept if k[0] < end and start < k[1]]
        if any(k[0] <= start and end <= k[1] for k in clash):
            continue
        if clash and rank > min(k[2] for k in clash):
            continue
        kept = [k for k in kept if k not in clash] + [(start, end, rank)]
    return kept


_spans = st.tuples(st.integers(0, 40), st.integers(1, 12), st.integers(0, 2)).map(
    lambda s: (s[0], s[0] + s[1], s[2])
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_spans, max_size=12))
def test_overlapping_quote_marks_resolve_as_by_the_definition(
    found: list[tuple[int, int, int]],
) -> None:
    """Quotes inside quotes, and marks of different systems that overlap, keep the spans the
    plain quadratic definition keeps (checked in one pass, so that a page of thousands of
    quotes is read in seconds)."""
    assert _outermost(found) == _outermost_by_definition(found)


def test_a_quote_repeated_on_a_page_joins_the_other_outlets_version() -> None:
    said = '"We will not give up this city to anyone," said Mayor Jane Roe. '
    quotes = extract_quotes(said * 3, article="a") + extract_quotes(said, article="b")
    clusters = cluster_quotes(quotes)
    assert len(clusters[0].quotes) == 4
    assert {q.article for q in clusters[0].quotes} == {"a", "b"}
    alone = cluster_quotes(extract_quotes(said * 3, article="a"))
    assert [len(c.quotes) for c in alone] == [1, 1, 1]


def test_a_key_in_too_many_quote_sentences_finds_no_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A word in every quote of a page of thousands tells nothing about which are one."""
    texts = [f'"Victory is near, {name} told us," said {name}.' for name in ("Ann", "Bo", "Cy")]
    quotes = [q for k, t in enumerate(texts) for q in extract_quotes(t, article=f"a{k}")]
    units = [u for q in quotes for u in _units(q)]
    monkeypatch.setattr("reader.quotes.MAX_UNITS_PER_KEY", 3)
    assert list(_candidate_pairs(units))
    monkeypatch.setattr("reader.quotes.MAX_UNITS_PER_KEY", 2)
    assert not list(_candidate_pairs(units))


def test_a_quote_repeated_on_a_page_is_worded_as_once() -> None:
    """How faithfully outlets give a quote does not change when one of them repeats it, and
    each wording is compared once (a page repeating it 20,000 times froze the quotes view)."""
    told = '"We will rebuild the bridge before the winter," said Mayor Jane Roe. '
    other = '"We will rebuild the old bridge before winter," said Mayor Jane Roe. '
    once = [
        *extract_quotes(told, article="a", outlet="one"),
        *extract_quotes(told, article="b", outlet="two"),
        *extract_quotes(other, article="c", outlet="three"),
    ]
    again = [*extract_quotes(told * 500, article="a", outlet="one"), *once[1:]]
    first, repeated = cluster_quotes(once)[0], cluster_quotes(again)[0]
    assert len(repeated.quotes) == 502
    assert first.fidelity == repeated.fidelity
    assert first.fidelity.differing == ("three",)


def test_two_quote_sentences_as_long_link_in_either_order() -> None:
    """Copies of a quote on one page are matched once, so the match cannot depend on which
    of two sentences of one length comes first."""
    a = _units(extract_quotes('"I say we will win it so we do go on," Ann said.', article="a")[0])
    b = _units(extract_quotes('"we will win it tttttttttttttttttttt," Ann said.', article="b")[0])
    assert len(a[0].norm) == len(b[0].norm)
    assert _linked(a[0], b[0]) == _linked(b[0], a[0])
