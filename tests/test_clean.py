"""Reader mode (reader/clean.py): the seeds, the rules on invented text, properties, corpora."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.clean import (
    CleanedArticle,
    clean_text,
    find_site_furniture,
    furniture_key,
    phrase_book,
)
from reader.library import load_library
from reader.workspace import Workspace

PROSE = [
    "The council voted on Tuesday to close the old bridge, which has been in use since 1931 "
    "and carries more than twenty thousand cars a day across the river.",
    "Engineers told members that the steel had corroded far faster than they had expected, "
    "and that repairs would cost more than building a new crossing from scratch.",
    "Residents who live near the bridge said they were worried about traffic in the narrow "
    "streets of the old town while the work goes on for at least two years.",
    "The mayor said that the city would open a temporary ferry service in the spring and "
    "that buses would be rerouted through the northern districts in the meantime.",
    "A final decision on the design of the new bridge is expected before the end of the "
    "year, after a public consultation that will run for three months.",
]


def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def removed_reasons(cleaned: CleanedArticle) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def read_seed(seeds: Path, prefix: str) -> str:
    return next(seeds.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def assert_kept(cleaned: CleanedArticle, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment in cleaned.text, fragment


def assert_removed(cleaned: CleanedArticle, *lines: str) -> None:
    removed = {r.text for r in cleaned.removed}
    for line in lines:
        assert line in removed, line
        assert all(line != p for p in cleaned.paragraphs), line


# ------------------------------------------------------------------------------- seeds


def test_seed_000_comment_form_share_buttons_and_related_list_go(seeds: Path) -> None:
    cleaned = clean_text(read_seed(seeds, "000"))
    assert_kept(
        cleaned,
        "Ukrainian President Volodymyr Zelenskyy has expressed willingness",
        "South Korean Response and Legal Considerations",
        "“There’s nothing we can say at the current stage,” Koo stated.",
        "the soldiers have not indicated any intention to seek asylum in South Korea.",
    )
    assert_removed(
        cleaned,
        "Date:",
        "apnews.com",
        "LEAVE A REPLY",
        "Please enter your comment!",
        "Share post:",
        "Subscribe",
        "spot_imgspot_img",
        "Popular",
        "More like this",
        "Related",
        "Israel has confirmed that Shlomo Mansour, an 86-year-old Holocaust...",
        "Former Colombian President Álvaro Uribe denied charges of bribery...",
    )
    assert len(cleaned.paragraphs) == 8
    assert cleaned.metadata.title.startswith("Zelenskyy Open to Exchanging")


def test_seed_001_standfirst_kept_latest_news_and_timestamps_go(seeds: Path) -> None:
    cleaned = clean_text(read_seed(seeds, "001"))
    assert cleaned.paragraphs[0].startswith("Kiev shows the world the two captured")
    assert_kept(cleaned, "‘I was told it was just an exercise,’ he explained")
    assert cleaned.paragraphs[-1].startswith("The prospects for these soldiers remain uncertain")
    assert_removed(
        cleaned,
        "THE LATEST NEWS",
        "(Photo: © AndKronos)",
        "International-News23 ore ago",
        "Rutte: ‘NATO must adopt a wartime mentality’",
    )
    assert "North Korean soldiers captured in Ukraine" not in cleaned.text


def test_seed_002_metadata_lines_credit_and_related_article_go(seeds: Path) -> None:
    cleaned = clean_text(read_seed(seeds, "002"))
    assert_removed(
        cleaned,
        "By AFP",
        "January 13, 2025",
        "Volodymyr Zelensky / Telegram",
        "Related article: Seoul Confirms Ukraine Captured 2 North Korean Soldiers",
        "Original url:",
    )
    assert_kept(
        cleaned,
        'There will "undoubtedly be more" North Korean soldiers captured by Kyiv, he added.',
        'North Koreans who want "to bring peace closer',
        'his commanders "told him it was just training."',
    )
    assert len(cleaned.paragraphs) == 12
    meta = cleaned.metadata
    assert (meta.byline, meta.date) == ("AFP", "2025-01-13")
    assert meta.url.startswith("https://www.themoscowtimes.com/2025/01/13/")
    assert meta.title == "Zelensky 'Ready' to Hand North Korean POWs to Pyongyang"


def test_seed_003_courtesy_references_and_mobile_version_go(seeds: Path) -> None:
    cleaned = clean_text(read_seed(seeds, "003"))
    assert_removed(cleaned, "Courtesy: AFP News Agency", "References", "Exit mobile version")
    assert len(cleaned.paragraphs) == 10
    assert cleaned.paragraphs[-1].startswith("Ukrainian President Volodymyr Zelensky further")
    assert cleaned.metadata.credit == "AFP News Agency"


def test_seed_004_breadcrumbs_ads_and_repeated_headline_go(seeds: Path) -> None:
    cleaned = clean_text(read_seed(seeds, "004"))
    headline = "Zelenskyy Offers North Korean Soldiers In Exchange For Ukrainians Held In Russia"
    assert cleaned.metadata.title == headline
    assert headline not in cleaned.text
    assert cleaned.paragraphs[0].startswith("Zelenskyy suggests a prisoner swap")  # standfirst
    assert_removed(cleaned, "• HOME»", "Advertisement")
    reasons = [r.reason for r in cleaned.removed if headline in r.text]
    assert len(reasons) == 3 and "repeated headline" in reasons
    assert cleaned.paragraphs[-1].endswith("Details of the possible swap are not yet known.")


def test_every_raw_line_is_kept_or_listed(seeds: Path) -> None:
    for path in sorted(seeds.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        listed = {r.line for r in cleaned.removed}
        for number, line in enumerate(raw.splitlines(), start=1):
            if line.strip() and number not in listed:
                assert " ".join(line.split()) in cleaned.paragraphs, (path.name, number)


# ------------------------------------------------------------------- rules, invented text


def test_headline_is_metadata_and_its_repeat_is_dropped() -> None:
    cleaned = clean_text(
        page(
            "Bridge To Close For Two Years", *PROSE[:2], "Bridge To Close For Two Years", *PROSE[2:]
        )
    )
    assert cleaned.metadata.title == "Bridge To Close For Two Years"
    assert cleaned.paragraphs == tuple(PROSE)
    assert removed_reasons(cleaned)["Bridge To Close For Two Years"] in {
        "headline",
        "repeated headline",
    }


def test_short_subheading_inside_the_body_survives() -> None:
    cleaned = clean_text(page("Council Closes Bridge", *PROSE[:3], "What Happens Next", *PROSE[3:]))
    assert "What Happens Next" in cleaned.paragraphs


def test_menu_before_and_teasers_after_the_article_go() -> None:
    menu = ["• Home", "• World", "• Business", "• Sport", "• Weather"]
    teasers = [
        "Storm Brings Floods To The Coast",
        "Heavy rain has caused flooding in several coastal towns, and the...",
        "Election Results Delayed",
        "Counting in three districts was halted after a power cut...",
    ]
    cleaned = clean_text(page(*menu, "Council Closes Bridge", *PROSE, "More stories", *teasers))
    assert cleaned.paragraphs == tuple(PROSE)
    reasons = removed_reasons(cleaned)
    assert reasons["More stories"] == "related headlines"
    assert reasons[teasers[1]] == "related headlines"


def test_comments_after_the_article_are_not_the_article() -> None:
    comments = [
        "Jo Bloggs on March 3, 2024 at 9:12 am said:",
        "I have driven over that bridge every day for the last ten years and I think that the "
        "council should have done something about it a long time ago, it is a disgrace.",
    ] * 4
    cleaned = clean_text(page("Council Closes Bridge", *PROSE[:2], "Comments", *comments))
    assert cleaned.paragraphs == tuple(PROSE[:2])
    assert removed_reasons(cleaned)["Comments"] == "comment form"


def test_furniture_only_as_a_whole_line() -> None:
    sentence = "Readers can subscribe to the newsletter and share the advertisement with friends."
    cleaned = clean_text(page("Title Here", PROSE[0], "Advertisement", sentence, *PROSE[1:]))
    assert sentence in cleaned.paragraphs
    assert removed_reasons(cleaned)["Advertisement"] == "advertisement"


def test_metadata_lines_are_recognised_and_removed() -> None:
    cleaned = clean_text(
        page(
            "Title Here",
            "By Jane Doe",
            "March 3, 2024",
            *PROSE,
            "Source: Wire Agency",
            "Original url: https://example.com/2024/03/03/bridge",
        )
    )
    meta = cleaned.metadata
    assert (meta.byline, meta.date, meta.credit) == ("Jane Doe", "2024-03-03", "Wire Agency")
    assert meta.url == "https://example.com/2024/03/03/bridge"
    assert cleaned.paragraphs == tuple(PROSE)


def test_photo_credits_and_captions_go() -> None:
    lines = [
        "The old bridge at dusk. (Photo: Jane Doe/City Archive)",
        "Jane Doe / City Archive",
        "Photograph: City Archive",
    ]
    cleaned = clean_text(page("Title Here", PROSE[0], *lines, *PROSE[1:]))
    assert cleaned.paragraphs == tuple(PROSE)
    assert {removed_reasons(cleaned)[line] for line in lines} == {"photo credit"}


def test_user_phrases_extend_the_list() -> None:
    raw = page("Title Here", PROSE[0], "Brought to you by Acme Tyres", *PROSE[1:])
    assert "Brought to you by Acme Tyres" in clean_text(raw).paragraphs
    cleaned = clean_text(raw, extra_phrases=["brought to you by acme tyres"])
    assert cleaned.paragraphs == tuple(PROSE)


def test_phrase_lists_cover_several_languages() -> None:
    book = phrase_book()
    assert {"publicité", "pubblicità", "anzeige", "advertisement"} <= set(book.furniture)
    assert {"commenti", "comentarios", "leave a reply"} <= set(book.end_markers)
    assert len(book.languages) >= 5


def test_stoplist_chosen_per_article_cleans_other_languages() -> None:
    french = [
        "Le conseil municipal a voté mardi la fermeture du vieux pont, qui est en service "
        "depuis 1931 et que des milliers de voitures traversent chaque jour.",
        "Les ingénieurs ont expliqué aux élus que l'acier était beaucoup plus rouillé que "
        "prévu et que les travaux coûteraient plus cher qu'un nouveau pont.",
        "Le maire a annoncé qu'un service de bac serait mis en place au printemps pour les "
        "habitants qui doivent se rendre dans le centre de la ville.",
    ]
    cleaned = clean_text(
        page(
            "• Accueil",
            "• Sport",
            "Le Pont Ferme",
            *french,
            "Publicité",
            "Commentaires",
            "Jean: Enfin une bonne nouvelle pour nous tous !",
        )
    )
    assert cleaned.paragraphs == tuple(french)


def test_hard_wrapped_text_is_rejoined_into_paragraphs() -> None:
    raw = "\n\n".join(textwrap.fill(p, width=72) for p in PROSE)
    cleaned = clean_text(raw)
    assert cleaned.paragraphs == tuple(PROSE)
    assert not cleaned.removed


def test_site_furniture_found_across_pages_and_removed() -> None:
    footer = "Copyright 2024 Riverside Gazette Group, reprints on request"
    pages = [page("Headline One", *PROSE[:3], footer), page("Headline Two", *PROSE[2:], footer)]
    furniture = find_site_furniture(pages)
    assert furniture_key(footer.replace("2024", "2023")) in furniture
    assert furniture_key(PROSE[2]) not in furniture  # long lines need three pages
    cleaned = clean_text(pages[0], site_furniture=furniture)
    assert removed_reasons(cleaned)[footer] in {"site furniture", "copyright"}


def test_library_cleaning_finds_furniture_per_outlet(tmp_path: Path) -> None:
    promo = "Get the Gazette app today"
    for name, outlet in (("a0", "gazette"), ("a1", "gazette"), ("a2", "gazette"), ("b", "other")):
        front = f"---\noutlet: {outlet}\n---\n"
        (tmp_path / f"{name}.txt").write_text(front + page("Headline", *PROSE, promo))
    workspace = Workspace(load_library([tmp_path]))
    workspace.clean_all()
    assert removed_reasons(workspace.cleaned("a0"))[promo] == "site furniture"
    assert removed_reasons(workspace.cleaned("b")).get(promo) != "site furniture"


def test_text_without_prose_does_not_fail() -> None:
    assert clean_text("").paragraphs == ()
    assert clean_text("\n\n  \n").removed == ()
    clean_text("•\n•\n-\n12\n")


# -------------------------------------------------------------------------- properties

WORDY = st.text(
    alphabet=st.sampled_from(list("abcde fghij.,!?\n\n•-–:()/…'\"ÀéЖ0123456789\t\u200b")),
    max_size=400,
)
LINES = st.lists(
    st.one_of(
        st.sampled_from(
            PROSE
            + [
                "Advertisement",
                "Related",
                "By Jane Doe",
                "",
                "• Home",
                "Share",
                "Comments",
                "Headline Of The Day",
                "March 3, 2024",
            ]
        ),
        WORDY,
    ),
    max_size=25,
).map("\n".join)

PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(LINES)
def test_cleaning_never_raises_and_never_invents_words(raw: str) -> None:
    cleaned = clean_text(raw)
    raw_words = set(re.findall(r"\w+", raw))
    assert set(re.findall(r"\w+", cleaned.text)) <= raw_words
    raw_lines = raw.splitlines()
    for removed in cleaned.removed:
        assert removed.text == raw_lines[removed.line - 1].strip()


@PROPERTY_SETTINGS
@given(LINES)
@example("a:\n'")  # a label kept for a quote below it that is itself dropped
@example("a:\n'a")  # the same, the quote dropped only on the second look
def test_cleaning_is_idempotent(raw: str) -> None:
    once = clean_text(raw)
    twice = clean_text(once.text)
    assert twice.paragraphs == once.paragraphs


# ------------------------------------------------------------------------------ corpora


def test_corpus_known_boilerplate_does_not_survive(corpora: Path) -> None:
    known = re.compile(
        r"^(?:advertisement:?|copyright ©.*|sign up for daily newsletters.*)$", re.IGNORECASE
    )
    files = sorted((corpora / "allsides").glob("*/*.txt"))[::10]
    assert files
    for path in files:
        cleaned = clean_text(path.read_text(encoding="utf-8"))
        assert not [p for p in cleaned.paragraphs if known.match(p)], path
        assert cleaned.paragraphs, path


@pytest.mark.parametrize("folder", ["bbc/business", "basil"])
def test_corpus_clean_bodies_are_kept(corpora: Path, folder: str) -> None:
    files = sorted((corpora / folder).rglob("*.txt"))[:40]
    for path in files:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        body = [line for line in raw.splitlines()[1:] if len(line.split()) >= 20]
        kept = clean_text(raw).paragraphs
        lost = [line for line in body if " ".join(line.split()) not in kept]
        assert len(lost) <= max(1, len(body) // 10), (path, lost[:2])


def test_a_line_that_leads_into_a_quote_is_kept_and_an_empty_label_goes() -> None:
    cleaned = clean_text(
        page(
            "Title Here",
            "First posted:",
            *PROSE[:1],
            "The mayor said:",
            "“We will rebuild.”",
            "Recent Posts:",
            *PROSE[1:],
        )
    )
    assert "The mayor said:" in cleaned.paragraphs
    assert "First posted:" not in cleaned.paragraphs
    assert "Recent Posts:" not in cleaned.paragraphs


def test_a_line_that_led_into_a_dropped_quote_goes_with_it() -> None:
    cleaned = clean_text(page("Title Here", *PROSE[:1], "The mayor said:", "'", *PROSE[1:]))
    assert "The mayor said:" not in cleaned.paragraphs
    assert clean_text(cleaned.text).paragraphs == cleaned.paragraphs
