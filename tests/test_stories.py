"""Story grouping: by content, never by file name; sub-quadratic; scored on real corpora."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import load_library
from reader.runner import packed
from reader.stories import (
    NEWS_CYCLE_DAYS,
    Story,
    _document_frequencies,
    _TermCounts,
    group_stories,
    thread_of,
)
from reader.tasks import group_task
from reader.workspace import clean_docs


@dataclass(frozen=True)
class Doc:
    id: str
    outlet: str
    text: str
    title: str = ""
    date: str | None = None


FLOOD = (
    "Flood waters forced 1,200 residents of Tarnow from their homes on Friday after the Vistula "
    "burst its banks. Rescuers in boats pulled families from rooftops, and the mayor of Tarnow "
    "opened the football stadium as a shelter for the evacuated residents."
)
ELECTION = (
    "Voters in Lisbon chose a new parliament on Sunday. The Socialist Party won 41 percent of "
    "the vote, and its leader promised lower rents and a rail line to Porto within four years."
)
CHESS = (
    "A twelve-year-old from Oslo won the national chess championship, beating three grandmasters "
    "with a rook sacrifice that commentators called the finest move of the tournament."
)


def paraphrase(text: str, outlet: str) -> str:
    sentences = text.split(". ")
    return f"{outlet} reports. " + ". ".join(reversed(sentences))


def test_articles_about_one_event_group_and_others_stay_apart() -> None:
    docs = [
        Doc("x/1", "herald", FLOOD),
        Doc("y/2", "courier", paraphrase(FLOOD, "Courier")),
        Doc("z/3", "herald", ELECTION),
        Doc("x/4", "gazette", paraphrase(ELECTION, "Gazette")),
        Doc("y/5", "gazette", CHESS),
    ]
    groups = {frozenset(s.articles) for s in group_stories(docs)}
    assert groups == {frozenset({"x/1", "y/2"}), frozenset({"z/3", "x/4"}), frozenset({"y/5"})}


def test_every_article_is_in_exactly_one_story_with_a_stable_id() -> None:
    docs = [Doc(f"a{i}", "o", text) for i, text in enumerate([FLOOD, ELECTION, CHESS, ""])]
    stories = group_stories(docs)
    assert sorted(a for s in stories for a in s.articles) == ["a0", "a1", "a2", "a3"]
    assert [s.id for s in stories] == [s.id for s in group_stories(docs)]
    assert len({s.id for s in stories}) == len(stories)


def test_copies_of_one_text_join_one_story() -> None:
    docs = [Doc("a", "o", FLOOD), Doc("b", "p", FLOOD), Doc("c", "q", paraphrase(FLOOD, "Q"))]
    assert [set(s.articles) for s in group_stories(docs)] == [{"a", "b", "c"}]


def pairwise_scores(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    tp = fp = fn = 0
    for x, y in combinations(sorted(truth), 2):
        same_truth, same_story = truth[x] == truth[y], predicted[x] == predicted[y]
        tp += same_truth and same_story
        fp += same_story and not same_truth
        fn += same_truth and not same_story
    return tp / (tp + fp), tp / (tp + fn)


def test_newswcl50_and_basil_group_by_event(corpora: Path) -> None:
    library = load_library([corpora / "newswcl50", corpora / "basil"])
    assert len({a.id for a in library.articles}) == len(library.articles)
    docs = clean_docs(library.articles)
    stories = group_stories(docs)
    predicted = {a: s.id for s in stories for a in s.articles}
    truth = {a.id: Path(a.path).parent.as_posix() for a in library.articles}
    precision, recall = pairwise_scores(truth, predicted)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_an_id_from_a_file_name_that_is_not_utf8_is_grouped() -> None:
    name = "caf\udce9"  # b"caf\xe9" decoded by the file system with surrogateescape
    stories = group_stories([Doc(name, "a", FLOOD), Doc("b", "b", FLOOD + " Rain fell.")])
    assert [set(story.articles) for story in stories] == [{name, "b"}]


# Two sagas, each of two events three outlets reported; the later articles recap the earlier
# event, so by their names and background the events of a saga read as one story.
STRIKE_START = [
    (
        "herald",
        "2026-03-03",
        "Dockworkers walk out at Marrowby port",
        (
            "About 1,800 dockworkers at the Port of Marrowby walked off the job on Tuesday, "
            "halting container traffic at the country's second-busiest harbour. The Harbour "
            "Workers Union, led by Dana Keel, called the strike after talks with Calder Terminal "
            "Group over pay and night shifts broke down on Monday evening. Pickets gathered at "
            "the north gate before dawn, and ships waiting to unload anchored offshore. Keel told"
            " reporters the union wanted a 9 percent raise over two years and an end to mandatory"
            " night shifts. Calder said the demands would make the port uncompetitive and that it"
            " had offered 4 percent."
        ),
    ),
    (
        "courier",
        "2026-03-03",
        "Strike shuts Marrowby harbour as talks collapse",
        (
            "Cranes stood still at Marrowby on Tuesday as the Harbour Workers Union began an "
            "open-ended strike. Some 1,800 members stopped work at 6 a.m., and union leader Dana "
            "Keel said picket lines would stay up until Calder Terminal Group returned to the "
            "table. Negotiations on wages and compulsory night work collapsed late on Monday. "
            "Shipping agents said a dozen vessels were diverted to other ports within hours. "
            "Calder, which runs the terminals, called the walkout irresponsible and said its "
            "offer of a 4 percent raise remained open."
        ),
    ),
    (
        "gazette",
        "2026-03-04",
        "Port of Marrowby paralysed on first day of dock strike",
        (
            "The first day of the dock strike left the Port of Marrowby paralysed, with trucks "
            "queuing for miles and ships idling at anchor. The Harbour Workers Union's 1,800 "
            "dockworkers walked out on Tuesday after Calder Terminal Group refused their demand "
            "for a 9 percent pay rise and voluntary night shifts. Dana Keel, the union's "
            "president, addressed pickets at the north gate and promised that members would hold "
            "out. Retailers warned of empty shelves if the stoppage lasted more than a week."
        ),
    ),
]
STRIKE_DEAL = [
    (
        "herald",
        "2026-03-24",
        "Deal ends three-week Marrowby dock strike",
        (
            "The Harbour Workers Union and Calder Terminal Group signed an agreement on Monday "
            "that ends the three-week strike at the Port of Marrowby. Under the deal, the 1,800 "
            "dockworkers get a 7 percent raise over two years, and night shifts become voluntary "
            "from July. Members approved the terms by 82 percent in a ballot on Sunday, union "
            "president Dana Keel said. Work resumes on Wednesday morning, and Calder said "
            "clearing the backlog of 140 ships would take about a month. A government mediator "
            "brokered the final round of talks."
        ),
    ),
    (
        "courier",
        "2026-03-24",
        "Marrowby dockworkers back pay deal, ending strike",
        (
            "Dockworkers at Marrowby voted to accept a new contract, ending a walkout that had "
            "shut the harbour since March 3. The ballot, counted on Sunday, showed 82 percent "
            "support for a 7 percent pay rise over two years and voluntary night work. Dana Keel,"
            " who leads the Harbour Workers Union, called the agreement a victory won on the "
            "picket line. Calder Terminal Group said it was relieved and expected cranes to be "
            "moving on Wednesday, with a backlog of some 140 vessels to clear. The deal was "
            "reached with the help of a state mediator."
        ),
    ),
    (
        "gazette",
        "2026-03-25",
        "Marrowby port to reopen after union ratifies contract",
        (
            "The Port of Marrowby will reopen on Wednesday after the Harbour Workers Union "
            "ratified a contract with Calder Terminal Group, ending a strike of three weeks. The "
            "1,800 members backed the settlement by 82 percent. It gives them a 7 percent raise "
            "spread over two years and makes night shifts voluntary. Keel thanked the mediator "
            "appointed by the labour ministry and said the union had given ground on pay to win "
            "on night work. Calder expects the backlog of 140 ships to take a month to clear."
        ),
    ),
]
BILL_INTRO = [
    (
        "herald",
        "2026-01-14",
        "Senator Oduya introduces Clean Rivers Act",
        (
            "Senator Grace Oduya introduced the Clean Rivers Act on Wednesday, a bill that would "
            "require factories to report every discharge into rivers within 24 hours and would "
            "fund 300 new inspectors. Oduya unveiled the bill at a news conference beside the "
            "polluted Tessel river, flanked by fishermen. She has 14 co-sponsors but no support "
            "yet from the opposition. Industry groups said the reporting rule was unworkable. The"
            " bill goes first to the environment committee, which Oduya does not chair."
        ),
    ),
    (
        "courier",
        "2026-01-14",
        "Clean Rivers Act unveiled on the banks of the Tessel",
        (
            "Standing by the Tessel river, Senator Grace Oduya on Wednesday unveiled her Clean "
            "Rivers Act, which would force plants to disclose discharges within a day and pay for"
            " 300 more inspectors. The senator said she had gathered 14 co-sponsors. "
            "Manufacturers called the proposal unworkable, and opposition senators said they "
            "would wait for the environment committee's hearings before taking a position."
        ),
    ),
    (
        "gazette",
        "2026-01-15",
        "Oduya files river pollution bill",
        (
            "A bill filed on Wednesday by Senator Grace Oduya, the Clean Rivers Act, would oblige"
            " factories to report discharges into rivers within 24 hours. It would also fund 300 "
            "inspectors. Oduya presented it by the Tessel river with local fishermen. Fourteen "
            "senators have signed on as co-sponsors. Business lobbies oppose the reporting "
            "requirement. The bill now goes to the environment committee."
        ),
    ),
]
BILL_VOTE = [
    (
        "herald",
        "2026-06-10",
        "Senate passes Clean Rivers Act 61-38",
        (
            "The Senate passed the Clean Rivers Act by 61 votes to 38 on Tuesday, after five "
            "months of committee hearings and amendments. Senator Grace Oduya, its author, "
            "accepted a change that gives factories 48 hours rather than 24 to report discharges,"
            " which won over 9 opposition senators. The final bill funds 250 inspectors, down "
            "from 300. It now goes to the lower house, where the governing coalition has a "
            "majority. Industry groups said the amended bill was one they could live with."
        ),
    ),
    (
        "courier",
        "2026-06-10",
        "Clean Rivers Act clears Senate with opposition votes",
        (
            "Nine opposition senators crossed the floor on Tuesday to pass the Clean Rivers Act, "
            "61 to 38. The final vote came after Grace Oduya agreed to extend the discharge "
            "reporting deadline to 48 hours and to trim the number of new inspectors to 250. "
            "Oduya called the vote a turning point for the Tessel and every river like it. "
            "Manufacturers, who fought the original version, said they would comply. The lower "
            "house is expected to vote in July."
        ),
    ),
    (
        "gazette",
        "2026-06-11",
        "Senate approves amended river pollution bill",
        (
            "Senators approved the amended Clean Rivers Act on Tuesday by 61 votes to 38. The "
            "bill, introduced by Senator Grace Oduya in January, now allows factories 48 hours to"
            " report discharges and pays for 250 inspectors. The compromise brought 9 opposition "
            "senators on board. Business lobbies dropped their opposition. The lower house takes "
            "up the bill next."
        ),
    ),
]


def saga_docs(
    *events: tuple[str, list[tuple[str, str, str, str]]], dated: bool = True
) -> list[Doc]:
    return [
        Doc(f"{name}/{outlet}", outlet, f"{title}\n\n{text}", title, day if dated else None)
        for name, articles in events
        for outlet, day, title, text in articles
    ]


def event_groups(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(story.articles) for story in stories}


def test_a_saga_is_split_into_its_events_and_threaded_in_date_order() -> None:
    docs = saga_docs(
        ("deal", STRIKE_DEAL), ("vote", BILL_VOTE), ("start", STRIKE_START), ("intro", BILL_INTRO)
    )
    stories = group_stories(docs)
    events = {
        name: frozenset(f"{name}/{o}" for o in ("herald", "courier", "gazette"))
        for name in ("start", "deal", "intro", "vote")
    }
    assert event_groups(stories) == set(events.values())
    by_articles = {frozenset(story.articles): story for story in stories}
    start, deal = by_articles[events["start"]], by_articles[events["deal"]]
    intro, vote = by_articles[events["intro"]], by_articles[events["vote"]]
    assert start.thread and start.thread == deal.thread
    assert intro.thread and intro.thread == vote.thread != start.thread
    assert thread_of(deal, stories) == (start, deal)
    assert thread_of(intro, stories) == (intro, vote)
    assert (start.date, deal.date) == ("2026-03-03", "2026-03-24")


def test_coverage_of_one_event_over_a_few_days_stays_one_story() -> None:
    docs = saga_docs(("start", STRIKE_START))
    late = Doc("start/late", "tribune", docs[0].text, docs[0].title, "2026-03-06")
    stories = group_stories([*docs, late])
    assert event_groups(stories) == {frozenset(d.id for d in [*docs, late])}
    assert stories[0].thread == ""
    assert thread_of(stories[0], stories) == (stories[0],)


def test_an_undated_article_joins_the_event_it_reads_like() -> None:
    docs = saga_docs(
        ("start", STRIKE_START), ("deal", STRIKE_DEAL), ("intro", BILL_INTRO), ("vote", BILL_VOTE)
    )
    wire = Doc("deal/wire", "wire", docs[3].text, docs[3].title)
    stories = group_stories([*docs, wire])
    deal = next(s for s in stories if "deal/herald" in s.articles)
    assert set(deal.articles) == {"deal/herald", "deal/courier", "deal/gazette", "deal/wire"}
    assert len(stories) == 4


def test_without_dates_unrelated_stories_are_not_threaded() -> None:
    docs = [
        Doc("x/1", "herald", FLOOD),
        Doc("y/2", "courier", paraphrase(FLOOD, "Courier")),
        Doc("z/3", "herald", CHESS),
    ]
    assert all(story.thread == "" for story in group_stories(docs))


POOL = [
    (f"{name}/{outlet}", outlet, f"{title}\n\n{text}", title)
    for name, articles in (
        ("start", STRIKE_START),
        ("deal", STRIKE_DEAL),
        ("intro", BILL_INTRO),
        ("vote", BILL_VOTE),
    )
    for outlet, _, title, text in articles
] + [
    ("x/flood", "herald", FLOOD, ""),
    ("x/election", "herald", ELECTION, ""),
    ("x/chess", "o", CHESS, ""),
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(POOL), st.one_of(st.none(), st.integers(0, 60))),
        min_size=1,
        max_size=len(POOL),
        unique_by=lambda pick: pick[0][0],
    )
)
def test_any_mix_of_dated_and_undated_articles_gives_consistent_events(
    picks: list[tuple[tuple[str, str, str, str], int | None]],
) -> None:
    start = date(2026, 3, 1).toordinal()
    day_of = {doc[0]: None if day is None else start + day for doc, day in picks}
    docs = [
        Doc(
            i,
            outlet,
            text,
            title,
            None if day_of[i] is None else date.fromordinal(day_of[i]).isoformat(),
        )
        for (i, outlet, text, title), _ in picks
    ]
    stories = group_stories(docs)
    assert sorted(a for s in stories for a in s.articles) == sorted(d.id for d in docs)
    for story in stories:
        days = sorted(day_of[a] for a in story.articles if day_of[a] is not None)
        assert story.date == (date.fromordinal(days[0]).isoformat() if days else None)
        assert all(b - a <= NEWS_CYCLE_DAYS for a, b in zip(days, days[1:], strict=False))
        events = thread_of(story, stories)
        assert story in events and (len(events) > 1) == bool(story.thread)
        known = [e.date for e in events if e.date is not None]
        assert known == sorted(known)
        assert all(e.date is None for e in events[len(known) :])


def test_unreadable_dates_count_as_unknown() -> None:
    docs = saga_docs(("start", STRIKE_START))
    odd = [
        replace(doc, date=value)
        for doc, value in zip(docs, ["2026-13-45", "", 20260303], strict=True)
    ]
    stories = group_stories(odd)
    assert event_groups(stories) == {frozenset(doc.id for doc in docs)}
    assert stories[0].date is None


def test_basil_with_publication_dates_keeps_every_event_apart(corpora: Path) -> None:
    """BASIL's events include sagas (one story's e-mails in May, its hearing in January): with
    each article's publication date from the manifest, one outlet's angle that reads like the
    other event still goes with the event of its own time."""
    import csv

    with (corpora / "basil" / "manifest.tsv").open(encoding="utf-8") as manifest:
        published = {
            f"{row['cluster']}/{row['outlet']}": row["date"]
            for row in csv.DictReader(manifest, delimiter="\t")
        }
    library = load_library([corpora / "basil"])
    docs = [
        replace(doc, date=published.get(doc.id))
        for doc in map(as_doc, clean_docs(library.articles))
    ]
    assert sum(doc.date is not None for doc in docs) == len(docs)
    stories = group_stories(docs)
    predicted = {a: s.id for s in stories for a in s.articles}
    truth = {a.id: Path(a.path).parent.as_posix() for a in library.articles}
    assert pairwise_scores(truth, predicted) == (1.0, 1.0)
    assert any(story.thread for story in stories)


def as_doc(doc) -> Doc:
    return Doc(doc.id, doc.outlet, doc.text, doc.title)


@given(st.lists(st.lists(st.integers(-4, 4), unique=True), min_size=1, max_size=6))
def test_document_frequencies_count_the_articles_that_have_each_term(
    key_lists: list[list[int]],
) -> None:
    articles = [
        _TermCounts(keys, np.ones(len(keys), np.uint32), np.arange(len(keys)), keys > 0)
        for keys in (np.array(sorted(found), dtype=np.int64) for found in key_lists)
    ]
    terms, frequencies = _document_frequencies(articles)
    expected = Counter(key for found in key_lists for key in found)
    assert terms.tolist() == sorted(expected)
    assert frequencies.tolist() == [expected[key] for key in sorted(expected)]


def test_grouping_lets_go_of_each_document_once_read() -> None:
    docs = [Doc(f"a{i}", f"outlet{i}", f"Dock workers strike on day {i}.") for i in range(4)]
    pickles = packed(docs)
    assert group_task(pickles) == group_stories(docs)
    assert pickles == []
