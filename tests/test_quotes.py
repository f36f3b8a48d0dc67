"""Quote extraction, attribution and clustering: seeds, unit cases, properties, real corpora."""

from __future__ import annotations

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


def test_corpus_speed_and_offsets(corpora: Path) -> None:
    import time

    stories = sorted(p for p in (corpora / "basil").iterdir() if p.is_dir())[:20]
    docs = [clean_docs(load_library([story]).articles) for story in stories]
    started = time.perf_counter()
    multi = 0
    for story in docs:
        quotes = [q for d in story for q in extract_quotes(d.text, article=d.id, outlet=d.outlet)]
        for quote, text in ((q, next(d.text for d in story if d.id == q.article)) for q in quotes):
            assert text[quote.start : quote.end] == quote.text
        multi += sum(len(c.outlets) > 1 for c in cluster_quotes(quotes))
    assert time.perf_counter() - started < 2
    assert multi >= 20
    assert re.match(r"\w", stories[0].name)


@given(
    st.sampled_from(sorted(SPEECH_VERBS)).map(lambda v: v.upper() if len(v) % 2 else v)
    | st.text(alphabet=st.sampled_from("saidtoldAeS’'-"), min_size=1, max_size=8)
)
def test_speech_verb_pattern_matches_exactly_the_verbs(word: str) -> None:
    assert bool(_SPEECH_VERB.fullmatch(word)) == (word.lower() in SPEECH_VERBS)
