"""Facts of a story: what its outlets agree on, what only one reports, where they disagree.

A fact is a piece of information, and its mention in an article is the words that carry it:

- claims: the words that sentences of different outlets share ("the NIS ... participated in
  the questioning"), found word by word in `reader.claims`; what such a sentence adds that no
  other outlet has ("in a closed-door briefing") is an exclusive fact, never a shared one;
- numbers with what they count ("two North Korean soldiers": value 2, counted noun "soldier");
- dates with what happened on them: a date two outlets give for one claim.

Names (variant spellings unified by `reader.names`: Kyiv / Kiev, NIS / National Intelligence
Service) are not facts on their own: they match the words of claims and anchor their links.

Sentences are linked by the sorted sets of their content-word stems (a word only one outlet
uses read as its closest synonym, `reader.paraphrase.closest_readings`), written as one character
per stem and compared for every pair of outlets with `rapidfuzz`'s Indel similarity (on sorted
sets it is the Dice coefficient; the comparison runs in C). A pair is linked at similarity >=
`ANCHORED_SIMILARITY` (as the compare view aligns them), or down to `LOOSE_SIMILARITY` with an
anchor in common (a name, a date, a number with its noun, a word rare in the story); a linked
pair shares a claim when its sentences have `reader.claims.MIN_SHARED_WORDS` specific words in
common (two when one is rare in the story), a synonym counting as the word; of those, a
sentence keeps its `PARTNERS_PER_ARTICLE` most similar in each other article. A fact holds one
sentence of each article, unless an outlet repeats the very same words, and is a phrase of one
outlet that another gives in two words or more (`_says_something`).

Disagreements: the same counted thing given close but different values (an age is the age of
the person it describes); one person given different roles (`reader.roles`) or places;
different names given one superlative of the same kind (`reader.superlatives`); different
tallies of one vote (`reader.tallies`).

A fact is shared when two or more distinct outlets report it; an article without an outlet
counts as an outlet of its own.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache, reduce
from itertools import accumulate, chain, islice, repeat
from operator import itemgetter, or_
from typing import Literal

import numpy
from rapidfuzz import process
from rapidfuzz.distance import Indel

from reader.claims import (
    MIN_PART_WORDS,
    MIN_SHARED_WORDS,
    Part,
    Token,
    WordTraits,
    has_run,
    only_here_parts,
    pair_marks,
    shared_runs,
    word_keys,
    word_traits,
)
from reader.collector import collector_paused
from reader.disjoint_sets import DisjointSets
from reader.metadata import MONTH_NAMES
from reader.names import NameSpan, find_names, fold, is_word_acronym, same_entity, skeleton
from reader.paraphrase import (
    CloseWords,
    close_words,
    closest_readings,
    keys_of_pairs,
    mutual_closest,
    synonym_pairs,
    vectors,
)
from reader.roles import leading_roles, name_start, normalised, role_of
from reader.stories import DocLike, Story
from reader.superlatives import Ranked, Superlative, ranked, superlative_after
from reader.tallies import Tally, could_be_one_vote, tallies
from reader.text import (
    STOPWORDS,
    TextSpan,
    demonym_roots,
    is_content_word,
    split_sentences,
    stem,
)

Kind = Literal["number", "date", "entity", "claim"]

CLAIM_SIMILARITY = 0.5
"""Sentence pairs worded this closely share every word they have in common (`pair_marks`)."""
ANCHORED_SIMILARITY = 0.3
"""The threshold of the compare view's sentence alignment: a pair it would show side by side
is linked as it is."""
LOOSE_SIMILARITY = 0.15
"""Below `ANCHORED_SIMILARITY`, down to this, a pair needs an anchor in common; the words then
decide (see `reader.claims`)."""
MIN_CLAIM_WORDS = 4
"""Sentences with fewer content words are too short to be a claim of their own."""
MAX_CLAIM_WORDS = 200
"""A "sentence" of more content words than this is no sentence (a page without full stops, a
list run together) and no claim: news sentences have a few dozen. Comparing its words with a
partner's would take memory in proportion to the product of their lengths."""
PARTNERS_PER_ARTICLE = 2
"""A sentence shares claims with at most this many sentences of each other article, its most
closely worded ones (`_closest_partners`)."""
LINKS_PER_ARTICLE = 100
"""A sentence is linked, for a claim, to at most this many times as many sentences as there
are other articles, its most closely worded ones (`_closest_only`)."""
COMPARED_AT_ONCE = 1 << 22
"""How many sentence pairs `_links` scores in one matrix (16 MB of similarities)."""

COMMON_WORD_SHARE = 0.2
"""A word in more than this share of a story's sentences ("said", the story's subject) does
not make a run of shared words a fact on its own."""

MIN_COMMON_SENTENCES = 4

RARE_WORD_SHARE = 0.03
"""A word in at most this share of a story's sentences (and at least 3) is an anchor."""

BARE_SHARE = "percent"
"""What a percentage of nothing named counts ("a 25 percent tariff", "rose 30 percent"). Alone
it says nothing, so it is no fact and no disagreement of its own; but two outlets' sentences
giving one figure are likely one claim, so it anchors their link and is part of the words
they share."""

DISAGREEMENT_RATIO = 1.5
"""Two values of one counted noun disagree when they differ by at most this factor; further
apart they are more likely counts of different things (2 captured soldiers, 300 killed)."""


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Both patterns open with a lookahead on the first character a match can start with (a digit,
# or the initial of a month, a weekday or a number word), `_NUMBER` also with the word boundary
# every match starts at: they reject most positions at once, which makes the scan several times
# faster without changing what matches.
_DATE = re.compile(
    r"(?=[\dADFJMNOSTW])"
    rf"(?:\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\b\.?(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?"
    r"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|(?<![\d,.$£€])\b(?P<y>(?:1[89]|20)\d\d)\b(?![\d,.%])(?!\s*(?:percent|per cent)))"
)
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(
    r"\b(?=[\dzotfsen])"
    r"(?:(?<![\w.,$£€])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w,]*\d)(?!\w)"
    r"|\b(?P<word>" + "|".join(_NUMBER_WORDS) + r")\b"
    r"(?P<scale>\s+(?:hundred|thousand|million|billion|trillion)\b)?)",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"(?:at least|at most|up to|more than|less than|fewer than|as many as|about|around|"
    r"approximately|nearly|almost|some|roughly|an estimated|estimated)\s+$",
    re.IGNORECASE,
)
_AGE = re.compile(r"(?:year|month|week|day)s?-old", re.IGNORECASE)
_AGE_UNIT = re.compile(r"s?-old$")
_UNITS = frozenset({"percent", "per", "%", "km", "kilometers", "kilometres", "miles", "mph"})
_TIME_UNITS = frozenset(
    f"{unit}{plural}"
    for unit in ("second", "minute", "hour", "day", "week", "month", "year", "decade")
    for plural in ("", "s")
)
"""Units of time: a number of them is a duration ("another 30 days"), counted like a noun
although "day" and "year" are too common in news to be content words. Durations are shared
facts but never disagreements: a story gives many of them (how long ago, how long a term, a
sentence, a delay), and two different ones are rarely one quantity."""
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish)$")
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")
_WORD_CHARACTER = re.compile(r"\w")


@dataclass(frozen=True)
class Mention:
    """Where an article states a fact: `text` = the article text[start:end], in its sentence."""

    article: str
    outlet: str
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Fact:
    """One fact of a story and every mention of it; `outlets` are distinct and sorted."""

    id: str
    text: str
    kind: Kind
    story: str
    outlets: tuple[str, ...]
    mentions: tuple[Mention, ...]
    strength: float = 0.0
    """How specific the fact is (content words and figures its mentions carry): facts with as
    many outlets are listed strongest first."""

    def mentions_in(self, article_id: str) -> list[Mention]:
        return [m for m in self.mentions if m.article == article_id]

    def elsewhere(self, article_id: str) -> list[Mention]:
        """What the other articles say at this fact (their mentions, with sentence offsets)."""
        return [m for m in self.mentions if m.article != article_id]


@dataclass(frozen=True)
class Disagreement:
    """The same quantity given differently: `about` names what is counted ("troops")."""

    about: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class StoryFacts:
    """All facts of one story; `mentions_in` indexes the mentions by article on first use."""

    story: str
    shared: tuple[Fact, ...]
    exclusive: tuple[Fact, ...]
    disagreements: tuple[Disagreement, ...]
    outlets: tuple[str, ...] = ()
    """Every outlet of the story, sorted: the columns of a coverage strip."""
    _by_article: dict[str, list[tuple[Mention, Fact]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def mentions_in(self, article_id: str, shared_only: bool = False) -> list[tuple[Mention, Fact]]:
        """The article's fact mentions in reading order, each with its fact."""
        if not self._by_article:
            index: dict[str, list[tuple[Mention, Fact]]] = defaultdict(list)
            for fact in self.shared + self.exclusive:
                for mention in fact.mentions:
                    index[mention.article].append((mention, fact))
            for found in index.values():
                found.sort(key=lambda pair: (pair[0].start, -pair[0].end))
            self._by_article.update(index)
        found = self._by_article.get(article_id, [])
        return [(m, f) for m, f in found if not shared_only or len(f.outlets) > 1]

    def disagreements_in(self, article_id: str) -> list[Disagreement]:
        return [d for d in self.disagreements if any(m.article == article_id for m in d.mentions)]


@dataclass(frozen=True)
class SentencePair:
    """A row of the compare view: a sentence of each article (None on a gap) and similarity."""

    left: TextSpan | None
    right: TextSpan | None
    similarity: float


@dataclass
class _Sentence:
    article: str
    outlet: str
    span: TextSpan
    words: list[str]
    """Its words as `_WORD` finds them: found once, read for stems and for spellings."""
    stems: list[str]
    anchors: set[str] = field(default_factory=set)
    items: list[_Item] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    """A number, date or name found in a sentence, keyed for matching across articles."""

    key: str
    kind: Kind
    label: str
    mention: Mention
    value: float = 0.0
    counted: str = ""


@collector_paused()
def find_facts(story: Story, docs: Mapping[str, DocLike]) -> StoryFacts:
    """The shared and exclusive facts and the disagreements of `story`'s articles.

    A story that only one outlet reports has nothing to compare, so it has no facts: in a big
    library most articles stand alone, and their facts would cost time and memory for nothing.
    """
    articles = [docs[a] for a in story.articles if a in docs]
    if len({_outlet(doc) for doc in articles}) < 2:
        return StoryFacts(story.id, (), (), ())
    sentences = [s for doc in articles for s in _sentences(doc)]
    demonyms = _normalise_demonyms(sentences)
    items = _numbers_and_dates(articles, sentences) + _entities(articles, sentences)
    by_start = {(s.article, s.span.start): s for s in sentences}
    for item in items:
        sentence = by_start[item.mention.article, item.mention.sentence_start]
        sentence.anchors.add(item.key)
        sentence.items.append(item)
    counts = _add_rare_word_anchors(sentences)
    common = {s for s, n in counts.items() if n > _common_limit(len(sentences))}
    rare = frozenset(s for s, n in counts.items() if n <= _rare_limit(len(sentences)))
    numbers = [i for i in items if i.kind == "number" and i.counted != BARE_SHARE]
    facts = _item_facts(story.id, numbers) + _claim_facts(
        story.id, sentences, _Vocabulary(demonyms, common, _name_stems(items), rare)
    )
    shared = tuple(_ordered(f for f in facts if len(f.outlets) > 1))
    exclusive = tuple(_ordered(f for f in facts if len(f.outlets) == 1))
    disagreements = (
        _disagreements(items)
        + _role_disagreements(articles, items)
        + _place_disagreements(articles, items)
        + _superlative_disagreements(articles, items)
        + _tally_disagreements(articles, shared)
    )
    outlets = tuple(sorted({_outlet(doc) for doc in articles}))
    return StoryFacts(story.id, shared, exclusive, tuple(disagreements), outlets)


def _outlet(doc: DocLike) -> str:
    return (doc.outlet or "").strip() or doc.id


def _sentences(doc: DocLike) -> list[_Sentence]:
    outlet = _outlet(doc)
    found = []
    for span in split_sentences(doc.text):
        words = _WORD.findall(span.text)
        found.append(_Sentence(doc.id, outlet, span, words, _stems_of(words)))
    return found


def _stems(text: str) -> list[str]:
    return _stems_of(_WORD.findall(text))


def _stems_of(words: Iterable[str]) -> list[str]:
    return [s for s in map(_stem_key, words) if s is not None]


@lru_cache(maxsize=200_000)
def _stem_key(word: str) -> str | None:
    """A content word's stem, spelling variants folded first (Zelenskyy -> zelensky); None for
    a word without content."""
    if not is_content_word(word):
        return None
    return stem(fold(word)) or word.lower()


def _spellings(sentences: Iterable[_Sentence]) -> dict[str, str]:
    """The first lowercase spelling of each stem in `sentences` (its word vector stands for
    the stem, `reader.paraphrase`). Taken from the story itself, so that its facts never
    depend on which stories the same process analysed before."""
    found: dict[str, str] = {}
    seen: set[str] = set()  # a word met again cannot be the first spelling of its stem
    for sentence in sentences:
        for word in sentence.words:
            if word in seen:
                continue
            seen.add(word)
            if word[0].islower():
                key = _stem_key(word)
                if key is not None:
                    found.setdefault(key, word)
    return found


def _normalise_demonyms(sentences: list[_Sentence]) -> dict[str, str]:
    """Make "Korean" the stem "korea" when the story also says "Korea" (likewise Russian...)."""
    vocabulary = {s for sentence in sentences for s in sentence.stems}
    mapping: dict[str, str] = {}
    for word in (w for w in vocabulary if w.endswith("an")):
        root = next((r for r in demonym_roots(word) if r in vocabulary and r != word), None)
        if root:
            mapping[word] = root
    if mapping:
        for sentence in sentences:
            sentence.stems = [mapping.get(s, s) for s in sentence.stems]
    return mapping


def _mention(doc: DocLike, sentence: TextSpan, start: int, end: int) -> Mention:
    return Mention(
        doc.id, _outlet(doc), start, end, doc.text[start:end], sentence.start, sentence.end
    )


def _respanned(mention: Mention, text: str, start: int, end: int) -> Mention:
    """`mention` moved to text[start:end] of its article's `text`, in the same sentence.
    (Made as a new `Mention`: `dataclasses.replace` costs several times as much.)"""
    return Mention(
        mention.article,
        mention.outlet,
        start,
        end,
        text[start:end],
        mention.sentence_start,
        mention.sentence_end,
    )


def _in_reading_order(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    return tuple(sorted(mentions, key=lambda m: (m.article, m.start)))


def _numbers_and_dates(articles: Sequence[DocLike], sentences: list[_Sentence]) -> list[_Item]:
    by_article: dict[str, list[_Sentence]] = defaultdict(list)
    for sentence in sentences:
        by_article[sentence.article].append(sentence)
    items: list[_Item] = []
    for doc in articles:
        for sentence in by_article[doc.id]:
            dates = list(_dates(doc, sentence.span))
            taken = [(d.mention.start, d.mention.end) for d in dates]
            items.extend(dates)
            items.extend(_numbers(doc, sentence.span, taken))
    return items


def _dates(doc: DocLike, sentence: TextSpan) -> Iterable[_Item]:
    for match in _DATE.finditer(doc.text, sentence.start, sentence.end):
        label = _date_label(match)
        if label:
            mention = _mention(doc, sentence, match.start(), match.end())
            yield _Item(f"date:{label.lower()}", "date", label, mention)


def _date_label(match: re.Match[str]) -> str:
    month = match["m1"] or match["m2"]
    if month:
        name = next(m for m in MONTH_NAMES if m.startswith(month.lower()[:3]))
        day = int(match["d1"] or match["d2"])
        return f"{name.capitalize()} {day}" if 1 <= day <= 31 else ""
    if match["wd"]:
        return match["wd"].capitalize()
    return match["y"]


def _numbers(doc: DocLike, sentence: TextSpan, taken: list[tuple[int, int]]) -> Iterable[_Item]:
    text = doc.text
    for match in _NUMBER.finditer(text, sentence.start, sentence.end):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        value = _value(match)
        counted = _counted(text, match.end(), sentence.end)
        if value is None or counted is None:
            continue
        noun, end = counted
        qualifier = _QUALIFIER.search(text, max(sentence.start, match.start() - 20), match.start())
        start = qualifier.start() if qualifier else match.start()
        label = text[match.start() : end]
        mention = _mention(doc, sentence, start, end)
        yield _Item(f"number:{_format(value)}:{noun}", "number", label, mention, value, noun)


def _value(match: re.Match[str]) -> float | None:
    if match["digits"]:
        value = float(match["digits"].replace(",", ""))
    else:
        value = float(_NUMBER_WORDS[match["word"].lower()])
    if match["scale"]:
        value *= _SCALES[match["scale"].strip().lower()]
    return value


def _format(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _counted(text: str, start: int, limit: int) -> tuple[str, int] | None:
    """The counted noun after a number ("captured North Korean soldiers" -> "soldier") and
    where its phrase ends; None when the number counts nothing (a bare figure, "one of them")."""
    found = islice(_WORD.finditer(text, start, limit), 5)
    tokens = [TextSpan(m.start(), m.end(), m.group()) for m in found]
    if tokens and text[start : tokens[0].start].strip(" -"):
        return None
    if tokens and tokens[0].text.lower() in _UNITS:
        return _unit(text, tokens)
    if tokens and _AGE.fullmatch(tokens[0].text):
        return _age(tokens)
    if tokens and tokens[0].text.lower() in _TIME_UNITS:
        return stem(tokens[0].text), tokens[0].end
    head: TextSpan | None = None
    for index, token in enumerate(tokens[:4]):
        lower = token.text.lower()
        if lower in STOPWORDS or not token.text.isalpha() or lower in _NUMBER_WORDS:
            break
        if index and token.text.islower() and lower.endswith(("ed", "ing", "ly")):
            break
        if head and text[head.end : token.start].strip():
            break
        head = token
        if token.text.islower() and lower.endswith("s") and not lower.endswith("ss"):
            break
    if head is None:
        return None
    return stem(head.text), head.end


def _age(tokens: list[TextSpan]) -> tuple[str, int]:
    """An age ("21-year-old student", "six-month-old"): a number of its own kind, never a head
    count ("a 21-year-old student" is not 21 students), of the person the next word names
    when it names one (so that two people's ages are not one quantity)."""
    unit = _AGE_UNIT.sub("-old", tokens[0].text.lower())
    after = tokens[1] if len(tokens) > 1 else None
    if after and after.text.isalpha() and after.text.islower() and after.text not in STOPWORDS:
        return f"{unit} {stem(after.text)}", after.end
    return unit, tokens[0].end


def _unit(text: str, tokens: list[TextSpan]) -> tuple[str, int]:
    """A unit and, for a percentage, what it is a share of ("30 percent of voters"), else
    `BARE_SHARE` ("rose 30 percent")."""
    unit = tokens[0]
    if unit.text.lower() == "per" and len(tokens) > 1:
        unit = tokens[1]
    rest = [t for t in tokens if t.start > unit.end]
    if rest and rest[0].text.lower() == "of":
        whole = next((t for t in rest[1:] if is_content_word(t.text)), None)
        if whole is not None:
            return f"percent of {stem(whole.text)}", whole.end
    if unit.text.lower() in {"percent", "%", "cent"}:
        return BARE_SHARE, unit.end
    return stem(unit.text), unit.end


def _entities(articles: Sequence[DocLike], sentences: list[_Sentence]) -> list[_Item]:
    """Names of the story, each keyed by the entity it names (variants unified).

    A name opening a sentence counts only when its first word also appears capitalised
    mid-sentence somewhere in the story: "Seoul said" yes, "Reports said" no. A term that
    the story also writes in lower case is no name (`_terms`).
    """
    spans_by_article: dict[str, list[TextSpan]] = defaultdict(list)
    for sentence in sentences:
        spans_by_article[sentence.article].append(sentence.span)
    starts_by_article = {a: [s.start for s in spans] for a, spans in spans_by_article.items()}
    found = [(doc, name) for doc in articles for name in find_names(doc.text)]
    mid_sentence = {skeleton(n.text.split()[0]) for _, n in found if not n.initial}
    kept = [(doc, n) for doc, n in found if _is_entity(n, mid_sentence)]
    terms = _terms({n.text for _, n in kept}, sentences, [doc.text for doc in articles])
    kept = [(doc, n) for doc, n in kept if n.text not in terms]
    keys = _unify([n.text for _, n in kept])
    items = []
    for doc, name in kept:
        sentence = _containing(
            spans_by_article[doc.id], starts_by_article.get(doc.id, []), name.start
        )
        if sentence is not None:
            mention = _mention(doc, sentence, name.start, name.end)
            items.append(_Item(f"entity:{keys[name.text]}", "entity", name.text, mention))
    return items


def _containing(spans: list[TextSpan], starts: list[int], offset: int) -> TextSpan | None:
    """The span of `spans` (whose `starts` are given) that contains `offset`."""
    index = bisect.bisect_right(starts, offset) - 1
    return spans[index] if index >= 0 and offset < spans[index].end else None


def _is_entity(name: NameSpan, mid_sentence: set[str]) -> bool:
    """A name, not a capitalised common word opening a sentence, nor a bare demonym."""
    folded = fold(name.text).split()
    if not folded or (name.initial and skeleton(name.text.split()[0]) not in mid_sentence):
        return False
    return len(folded) > 2 or not _DEMONYM.search(folded[-1])


def _unify(names: list[str]) -> dict[str, str]:
    """A key per name: spellings of one entity share it (see `reader.names.same_entity`)."""
    distinct = sorted(set(names), key=lambda n: (-len(n), n))
    entities = DisjointSets(distinct)
    buckets: dict[str, list[str]] = defaultdict(list)
    for name in distinct:
        buckets[skeleton(name)].append(name)
        if name.replace(".", "").isupper():
            buckets["acronym:" + name.replace(".", "")].append(name)
        elif is_word_acronym(name):
            buckets["acronym:" + name.upper()].append(name)
        elif len(name.split()) > 1:
            buckets["acronym:" + "".join(w[0] for w in name.split() if w[0].isupper())].append(name)
    for group in buckets.values():
        for other in group[1:]:
            if same_entity(group[0], other) or any(same_entity(g, other) for g in group[1:]):
                entities.join(other, group[0])
    _merge_surnames(distinct, entities)
    return {n: fold(entities.find(n)) for n in distinct}


def _merge_surnames(distinct: list[str], entities: DisjointSets[str]) -> None:
    """Join a one-word name to the only person-like name it ends ("Zelensky" -> "Volodymyr
    Zelensky"); not "Ukraine" to "Security Service of Ukraine", nor "Korea" to two Koreas."""
    endings: dict[str, set[str]] = defaultdict(set)
    for name in distinct:
        parts = name.split()
        if 1 < len(parts) <= 3 and all(p[0].isupper() and not p.isupper() for p in parts):
            endings[fold(parts[-1])].add(entities.find(name))
    for name in distinct:
        folded = fold(name).split()
        owners = endings.get(folded[0], set()) if len(folded) == 1 else set()
        if len(owners) == 1:
            entities.join(name, next(iter(owners)))


def _add_rare_word_anchors(sentences: list[_Sentence]) -> Counter[str]:
    """Anchor each sentence by its words rare in the story; the counts of sentences per word."""
    counts = Counter(s for sentence in sentences for s in set(sentence.stems))
    limit = _rare_limit(len(sentences))
    for sentence in sentences:
        sentence.anchors.update(f"word:{s}" for s in sentence.stems if counts[s] <= limit)
    return counts


def _rare_limit(sentences: int) -> int:
    return max(3, int(RARE_WORD_SHARE * sentences))


def _item_facts(story: str, items: list[_Item]) -> list[Fact]:
    groups: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        groups[item.key].append(item)
    return [
        _fact(story, key, group[0].kind, _label(group), [i.mention for i in group], 2.0)
        for key, group in groups.items()
    ]


def _label(group: list[_Item]) -> str:
    """The spelling most outlets use; the longest among equals (National Intelligence Service)."""
    outlets: dict[str, set[str]] = defaultdict(set)
    for item in group:
        outlets[item.label].add(item.mention.outlet)
    return max(outlets, key=lambda label: (len(outlets[label]), len(label), label))


def _fact(
    story: str,
    key: str,
    kind: Kind,
    text: str,
    mentions: list[Mention],
    strength: float = 0.0,
) -> Fact:
    ordered = tuple(sorted(set(mentions), key=lambda m: (m.article, m.start, m.end)))
    digest = hashlib.sha1(f"{story}\n{kind}\n{key}".encode()).hexdigest()[:10]
    outlets = tuple(sorted({m.outlet for m in ordered}))
    return Fact(f"f{digest}", text, kind, story, outlets, ordered, strength)


def _ordered(facts: Iterable[Fact]) -> list[Fact]:
    """Most outlets first, then the most specific."""
    return sorted(facts, key=lambda f: (-len(f.outlets), -f.strength, f.kind, f.text))


@dataclass(frozen=True)
class _Vocabulary:
    """What a story's words mean for matching: demonym stems to place stems, the stems too
    common to count, the stems of its names, the stems rare in it, and synonym pairs."""

    demonyms: Mapping[str, str]
    common: set[str]
    names: frozenset[str]
    """The stems of the words of the story's names: a match on them alone is a bare name."""
    rare: frozenset[str] = frozenset()
    """Stems in few of the story's sentences: shared, they likely name the same thing."""
    synonyms: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """The keys of the synonym pairs of the stems that have one (`reader.paraphrase`)."""


Piece = tuple[int, int, frozenset[str], bool]
"""A linked pair of candidate sentences that share a claim: their positions, the keys of the
words they share (the story's common words left out), and whether they are closely worded."""


def _claim_facts(story: str, sentences: list[_Sentence], vocabulary: _Vocabulary) -> list[Fact]:
    """Claims: the words that linked sentences of different outlets share, the details only
    one of them gives, and informative sentences no other outlet matches.

    A pair of linked sentences shares a claim when they have `MIN_SHARED_WORDS` specific words
    in common (not the story's common ones; a synonym counts as the word; one fewer when one
    is rare in the story), one of them more than a name (`_Meanings`). The words of a
    sentence that match a partner are marked; runs of marked words are its claim mentions,
    and the runs that pairs tie together (across sentences, and within a sentence when two
    pairs touch one run) are one fact: a long sentence can share one part with one outlet and
    another part with another. Matching works on key sets (in C) per pair, and on
    words once per sentence. Inside a pair, the words each sentence puts differently are
    read as one when each is the other's closest by meaning (`_aligned_paraphrases`).
    """
    candidates = [
        s
        for s in sentences
        if len(s.stems) <= MAX_CLAIM_WORDS and len(set(s.stems)) >= MIN_CLAIM_WORDS
    ]
    synonyms, readings = _synonyms(candidates, vocabulary)
    rare = vocabulary.rare.union(*(synonyms.get(w, ()) for w in vocabulary.rare))
    vocabulary = replace(vocabulary, synonyms=synonyms, rare=frozenset(rare))
    keys = [_sentence_keys(s, vocabulary.synonyms) for s in candidates]
    meanings = _Meanings(candidates, vocabulary)
    pieces: list[Piece] = []
    theirs: dict[int, set[str]] = defaultdict(set)
    kept = [
        pair
        for links in _links(candidates, readings)
        for pair in _closest_partners(
            [(i, j, similarity) for i, j, similarity in links if meanings.share_a_claim(i, j)],
            candidates,
        )
    ]
    for i, j, similarity in kept:
        both = keys[i] & keys[j]
        pieces.append((i, j, both - vocabulary.common, similarity >= CLAIM_SIMILARITY))
        theirs[i] |= both
        theirs[j] |= both
    known: dict[str, frozenset[str] | None] = {}
    tokens = {i: _tokens(candidates[i], vocabulary, known) for i in theirs}
    pieces = _aligned_paraphrases(candidates, tokens, pieces, vocabulary.common, theirs)
    masks = {i: _key_masks(found) for i, found in tokens.items()}
    traits = {
        i: word_traits(found, vocabulary.common, vocabulary.rare) for i, found in tokens.items()
    }
    facts, sharing = _shared_claims(story, candidates, tokens, masks, traits, pieces)
    for index, sentence in enumerate(candidates):
        if index in sharing:
            carried = _marked(masks[index], theirs[index]) & ~sharing[index]
            unmarked = ((1 << len(tokens[index])) - 1) & ~carried
            for part in only_here_parts(tokens[index], unmarked, traits[index]):
                mention = _part_mention(sentence, part)
                key = f"{sentence.article}:{part.start}"
                facts.append(_fact(story, key, "claim", mention.text, [mention], part.words))
        elif _has_item_anchor(sentence):
            key = f"{sentence.article}:{sentence.span.start}"
            mention = _sentence_mention(sentence)
            facts.append(_fact(story, key, "claim", sentence.span.text, [mention]))
    return facts


def _aligned_paraphrases(
    candidates: Sequence[_Sentence],
    tokens: dict[int, list[Token]],
    pieces: list[Piece],
    common: AbstractSet[str],
    theirs: dict[int, set[str]],
) -> list[Piece]:
    """`pieces` with the words each pair's two sentences put differently read as one, so that
    they carry the claim like the words both use: "agreed to halt its nuclear tests at the
    mountain site" / "agreed to suspend its nuclear tests at the mountain site". Of the
    content words a pair does not share (names, numbers and common words aside), those that
    are each other's closest by meaning (`reader.paraphrase.mutual_closest`) get a key of
    their own. Changes `tokens` and `theirs` in place: the two words' tokens get the key,
    and so do their sentences' keys that some pair shares."""
    content, spellings = _content_words(candidates, tokens, common)
    vectors_of = vectors(spellings)
    if vectors_of is None:
        return pieces
    words = {k: [spellings[r] for _, r, _ in found] for k, found in content.items()}
    aligned = list(pieces)
    for p, close in _unshared_close_words(vectors_of, content, pieces).items():
        i, j, both, closely = pieces[p]
        added: set[str] = set()
        for a, b in mutual_closest(close, words[i], words[j]):
            key = f"≈{p}:{a}"
            for k, n in ((i, content[i][a][0]), (j, content[j][b][0])):
                token = tokens[k][n]
                tokens[k][n] = token._replace(keys=token.keys | {key})
                theirs[k].add(key)
            added.add(key)
        aligned[p] = (i, j, both | added, closely)
    return aligned


_ContentWord = tuple[int, int, frozenset[str]]
"""A content word of a sentence: its position among the sentence's tokens, the row of its
spelling's vector, its keys."""


def _content_words(
    candidates: Sequence[_Sentence], tokens: Mapping[int, list[Token]], common: AbstractSet[str]
) -> tuple[dict[int, list[_ContentWord]], list[str]]:
    """Each sentence's words that may be put differently (not names, numbers, dates or the
    story's common words), and the spellings they have, lowercased, in the order of their
    vector rows."""
    content: dict[int, list[_ContentWord]] = {}
    row: dict[str, int] = {}
    for k, found in tokens.items():
        span = candidates[k].span
        content[k] = [
            (
                n,
                row.setdefault(
                    span.text[t.start - span.start : t.end - span.start].lower(), len(row)
                ),
                t.keys,
            )
            for n, t in enumerate(found)
            if not t.name and not t.item and t.keys.isdisjoint(common)
        ]
    return content, list(row)


def _unshared_close_words(
    vectors_of: numpy.ndarray, content: Mapping[int, list[_ContentWord]], pieces: list[Piece]
) -> dict[int, list[CloseWords]]:
    """For each piece (by position) that has any, the close words of its two sentences that
    the pair does not already share, by their positions in the two sentences' `content`. A
    sentence's words are compared with those of all its partners at once: one product of
    vectors per sentence, not per pair."""
    rows = {
        k: numpy.array([r for _, r, _ in found], dtype=numpy.intp) for k, found in content.items()
    }
    partners: dict[int, list[int]] = defaultdict(list)
    for p, (i, j, _, _) in enumerate(pieces):
        if content[i] and content[j]:
            partners[i].append(p)
    close: dict[int, list[CloseWords]] = defaultdict(list)
    for i, found in partners.items():
        starts = list(accumulate((len(content[pieces[p][1]]) for p in found), initial=0))
        right = numpy.concatenate([rows[pieces[p][1]] for p in found])
        for a, column, similarity in close_words(vectors_of, rows[i], right):
            at = bisect.bisect_right(starts, column) - 1
            p, b = found[at], column - starts[at]
            j, both = pieces[p][1], pieces[p][2]
            if content[i][a][2].isdisjoint(both) and content[j][b][2].isdisjoint(both):
                close[p].append(CloseWords(a, b, similarity))
    return close


def _closest_partners(
    pairs: list[tuple[int, int, float]], candidates: Sequence[_Sentence]
) -> list[tuple[int, int, float]]:
    """The pairs (sentence, sentence, similarity) in which one sentence is among the other's
    `PARTNERS_PER_ARTICLE` most similar partners in its article, in the order given.

    A fact holds one sentence of each article (`_one_sentence_each`), so a sentence can share
    a claim with only one sentence of another article, and a long sentence that says two
    things with two: its further partners there are looser matches of the same words (an
    article that repeats itself) or chance ones, on a name and a common verb ("Trump said"),
    each a fact of its own. In a big story, a sentence links so to a dozen sentences of one
    article; in a story of a few articles this rarely binds. Equally similar partners keep
    the order of `pairs`."""
    if not pairs:
        return []
    found = numpy.array([(i, j) for i, j, _ in pairs])
    similarities = numpy.array([similarity for _, _, similarity in pairs])
    article_ids: dict[str, int] = {}
    article = numpy.array([article_ids.setdefault(s.article, len(article_ids)) for s in candidates])
    kept = numpy.zeros(len(pairs), dtype=bool)
    for sentence, partner in ((found[:, 0], found[:, 1]), (found[:, 1], found[:, 0])):
        group = sentence * len(article_ids) + article[partner]
        order = numpy.lexsort((-similarities, group))
        ordered = group[order]
        rank = numpy.arange(len(order)) - numpy.searchsorted(ordered, ordered)
        kept[order[rank < PARTNERS_PER_ARTICLE]] = True
    return [pair for pair, keep in zip(pairs, kept.tolist(), strict=True) if keep]


def _specific_words(sentence: _Sentence, vocabulary: _Vocabulary) -> set[str]:
    """The sentence's words not common in the story (a date's words only as that date), and
    its numbers, dates and names."""
    dates = {w for i in sentence.items if i.kind == "date" for w in _stems(i.mention.text)}
    words = {w for w in sentence.stems if w not in vocabulary.common and w not in dates}
    return words | {i.key for i in sentence.items}


class _Meanings:
    """What each candidate sentence says, as bit sets (`_BitSets`): its specific words, and
    the synonym pairs they are in. Two sentences share a word when both have it, or when one
    has a word and the other a synonym of it; a word both have counts once, not once more
    for each of its synonym pairs."""

    def __init__(self, candidates: Sequence[_Sentence], vocabulary: _Vocabulary) -> None:
        synonyms = vocabulary.synonyms
        found = [_specific_words(s, vocabulary) for s in candidates]
        pair_keys = [{key for w in words for key in synonyms.get(w, ())} for words in found]
        bit_sets = _BitSets(found + pair_keys)
        self.words = [bit_sets.of(words) for words in found]
        self.pairs = [bit_sets.of(keys) for keys in pair_keys]
        self.with_pairs = bit_sets.of(synonyms)
        self.pairs_of = {
            bit_sets.bit[w]: bit_sets.of(synonyms[w]) for w in synonyms if w in bit_sets.bit
        }
        self.unspecific = bit_sets.of(vocabulary.common | vocabulary.names)
        self.rare = bit_sets.of(vocabulary.rare)

    def shared(self, i: int, j: int) -> int:
        """The words sentences `i` and `j` have in common (a bit each), synonyms included."""
        both = self.words[i] & self.words[j]
        synonyms = self.pairs[i] & self.pairs[j]
        if synonyms:
            same = both & self.with_pairs
            while same:
                bit = same & -same
                synonyms ^= synonyms & self.pairs_of[bit]
                same ^= bit
        return both | synonyms

    def share_a_claim(self, i: int, j: int) -> bool:
        """Whether the two share enough words, one of them more than a name, for a claim."""
        shared = self.shared(i, j)
        return shared & self.unspecific != shared and _shares_enough(shared, self.rare)


def _shares_enough(shared: int, rare: int) -> bool:
    """Whether two sentences share enough specific words (`shared`, a bit set of
    `_BitSets`) to share a claim: `MIN_SHARED_WORDS`, or one fewer when one of them is rare
    in the story ("called a reporter a jackass" / "labelled one reporter a jackass"): a word
    few sentences use tells as much as a common one more."""
    count = shared.bit_count()
    if count >= MIN_SHARED_WORDS:
        return True
    return count == MIN_SHARED_WORDS - 1 and bool(shared & rare)


class _BitSets:
    """Sets of a story's strings as Python ints, one bit per string: a pair of sentences'
    words in common is then one `&`, however many pairs there are."""

    def __init__(self, sets: Sequence[AbstractSet[str]], most: float = float("inf")) -> None:
        """Bits for the strings that two or more of `sets` hold (and at most `most`), in the
        order they come: only those can be in the intersection of two sets, so the others
        need no bit, and the ints stay short and their `&` fast. (A `Counter` keeps the order
        in which its strings first come.)"""
        counts = Counter(chain.from_iterable(sets))
        shared = (item for item, count in counts.items() if 1 < count <= most)
        self.bit = {item: 1 << k for k, item in enumerate(shared)}

    def of(self, distinct: Iterable[str]) -> int:
        """The bit set of `distinct` (strings without repeats, so that the sum of their bits
        is their union), leaving out the strings without a bit."""
        return sum(filter(None, map(self.bit.get, distinct)))


def _shared_claims(
    story: str,
    candidates: list[_Sentence],
    tokens: dict[int, list[Token]],
    masks: dict[int, dict[str, int]],
    traits: dict[int, WordTraits],
    pieces: list[Piece],
) -> tuple[list[Fact], dict[int, int]]:
    """One fact per set of linked pairs that share the same words of a sentence, and the
    sentences that share something, each with the words a fact holds there once already and
    that are so only this outlet's (a bit mask, see `_once_each`).

    Each pair marks, in each of its two sentences, the words carrying what it shares. Pairs
    meeting in one sentence are clustered there, widest first: a pair joins the first cluster
    whose first pair marks at least half of the words of the smaller of the two. A long
    sentence can so share one part with one outlet and another with another, as two facts.
    Clusters are joined across sentences, those sharing the most words first, as long as a
    fact holds one sentence of each article (`_one_sentence_each`) or the two mark the very
    same words of the sentence they meet in (an outlet that repeats a claim repeats one
    fact); a fact must say more than single words (`_says_something`). `masks` and `traits`
    are each sentence's tokens' `_key_masks` and `word_traits`."""
    marked = [
        (
            pair_marks(_marked(masks[i], both), traits[i], close),
            pair_marks(_marked(masks[j], both), traits[j], close),
        )
        for i, j, both, close in pieces
    ]
    facts_of = DisjointSets(range(len(pieces)))
    by_sentence: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for p, ((i, j, _, _), (in_first, in_second)) in enumerate(zip(pieces, marked, strict=True)):
        by_sentence[i].append((p, in_first))
        by_sentence[j].append((p, in_second))
    joins: list[tuple[int, int, int, bool]] = []
    for found in by_sentence.values():
        clusters: list[tuple[int, int, int]] = []
        for p, mine in sorted(found, key=lambda marks: -marks[1].bit_count()):
            if not mine:
                continue
            size = mine.bit_count()
            for words, words_size, first in clusters:
                overlap = (mine & words).bit_count()
                if 2 * overlap >= min(size, words_size):
                    joins.append((overlap, p, first, mine == words))
                    break
            else:
                clusters.append((mine, size, p))
    sentence_of = [{candidates[i].article: i, candidates[j].article: j} for i, j, _, _ in pieces]
    for _, p, first, same_words in sorted(joins, key=itemgetter(0), reverse=True):
        mine, theirs = facts_of.find(p), facts_of.find(first)
        if mine != theirs and (
            same_words or _one_sentence_each(sentence_of[mine], sentence_of[theirs])
        ):
            facts_of.join(theirs, mine)
            sentence_of[mine].update(sentence_of[theirs])
    components: dict[int, list[int]] = defaultdict(list)
    for p in range(len(pieces)):
        components[facts_of.find(p)].append(p)
    facts = []
    shown: dict[int, int] = defaultdict(int)
    repeated: dict[int, int] = defaultdict(int)
    dated = {i for i in tokens if any(item.kind == "date" for item in candidates[i].items)}
    for members in components.values():
        marks: dict[int, int] = defaultdict(int)
        for p in members:
            i, j, _, _ = pieces[p]
            marks[i] |= marked[p][0]
            marks[j] |= marked[p][1]
        if not _may_say_something(marks, candidates):
            continue
        parts: dict[int, list[Part]] = {}
        again: dict[int, int] = {}
        for i, found in marks.items():
            parts[i], again[i] = _once_each(tokens[i], shared_runs(tokens[i], found, traits[i]))
        parts = {i: found for i, found in parts.items() if found}
        if not _says_something(parts, candidates):
            continue
        words: dict[int, int] = {}  # each sentence's words of the claim, read in one pass
        for i, found in parts.items():
            bits = words[i] = 0
            for part in found:
                bits |= _part_bits(part)
                words[i] += part.words
            shown[i] |= bits
            repeated[i] |= again[i]
        best = max(parts, key=lambda i: (words[i], -i))
        text = " … ".join(_part_text(candidates[best], p) for p in parts[best])
        strength = sum(p.words + p.informative for p in parts[best])
        mentions = [_part_mention(candidates[i], p) for i, found in parts.items() for p in found]
        key = "\n".join(sorted(f"{m.article}:{m.start}" for m in mentions))
        facts.append(_fact(story, key, "claim", text, mentions, strength))
        if not dated.isdisjoint(parts):
            facts.extend(_claim_dates(story, key, text, [candidates[i] for i in parts], mentions))
    return facts, {i: repeated[i] & ~bits for i, bits in shown.items()}


def _once_each(tokens: list[Token], parts: list[Part]) -> tuple[list[Part], int]:
    """The parts of one sentence's mention of a fact, without a lone word that a longer part
    already has: the claim is stated once, and "weapons" again later in the sentence ("…
    weapons of mass destruction, chemical and likely biological weapons") is another thing;
    and the tokens so left out (a bit mask), which are then only this outlet's."""
    longer = [p for p in parts if p.words > 1]
    if len(longer) in (0, len(parts)):
        return parts, 0
    said = set().union(*(tokens[k].keys for p in longer for k in range(p.first, p.last + 1)))
    kept, again = [], 0
    for part in parts:
        if part.words > 1 or tokens[part.first].keys.isdisjoint(said):
            kept.append(part)
        else:
            again |= _part_bits(part)
    return kept, again


def _part_bits(part: Part) -> int:
    """The tokens of `part` as a bit mask of their positions in the sentence."""
    return ((1 << (part.last - part.first + 1)) - 1) << part.first


def _may_say_something(marks: Mapping[int, int], candidates: list[_Sentence]) -> bool:
    """A cheap test that `_says_something` needs to pass, on the words each sentence gives of
    the claim (`marks`, a bit mask of its tokens), before any `Part` is made: a phrase of
    `MIN_PART_WORDS` words is that many marked tokens in a row, and an outlet states the
    claim in that many words only with as many marked."""
    if not any(has_run(found, MIN_PART_WORDS) for found in marks.values()):
        return False
    worded = {
        candidates[i].outlet for i, found in marks.items() if found.bit_count() >= MIN_PART_WORDS
    }
    return len(worded) >= 2


def _says_something(parts: dict[int, list[Part]], candidates: list[_Sentence]) -> bool:
    """Whether the claim is a phrase of one outlet that another states in more than one
    word: "weapons" in one outlet and "weapons of mass destruction" in another are no claim
    they share, nor is "aluminum" in five sentences about different things, nor a few words
    that sentences happen to share here and there. The other outlet's words need not stand
    together: word order changes with the voice ("BigGovernment.com first reported" / "first
    was reported Saturday by BigGovernment.com"). And some word of it must say what: names
    and the story's common words alone ("Sandy Hook Elementary School", "the visit to
    Britain") are who and where, not a claim."""
    if not any(p.informative for found in parts.values() for p in found):
        return False
    phrased = {
        candidates[i].outlet
        for i, found in parts.items()
        if any(p.words >= MIN_PART_WORDS for p in found)
    }
    worded = {
        candidates[i].outlet
        for i, found in parts.items()
        if sum(p.words for p in found) >= MIN_PART_WORDS
    }
    return bool(phrased) and len(worded) >= 2


def _one_sentence_each(first: dict[str, int], second: dict[str, int]) -> bool:
    """Whether two groups of linked sentences (article -> its sentence) can be one fact: an
    article states a fact once, so a group never holds two sentences of one article. Without
    this, pairs chain through the story ("the summit" links to "the summit's date" to "the
    date of the tests") into one fact of a hundred mentions."""
    if len(first) > len(second):
        first, second = second, first
    return all(second.get(article, index) == index for article, index in first.items())


def _key_masks(tokens: list[Token]) -> dict[str, int]:
    """For each key of a sentence's tokens, the bit mask of the tokens (by position) it is a
    key of: the words a set of keys marks are then an OR of a few masks."""
    masks: dict[str, int] = {}
    for k, token in enumerate(tokens):
        bit = 1 << k
        for key in token.keys:
            masks[key] = masks.get(key, 0) | bit
    return masks


def _marked(masks: dict[str, int], keys: Iterable[str]) -> int:
    """The tokens (a bit mask, see `_key_masks`) that have one of `keys`."""
    return reduce(or_, map(masks.get, keys, repeat(0)), 0)


def _claim_dates(
    story: str, key: str, claim: str, sentences: list[_Sentence], mentions: list[Mention]
) -> list[Fact]:
    """The dates two or more outlets give for one claim: what happened on that day. A date
    counts when it is among the words that carry the claim (`mentions`), not merely in a
    sentence of it: "the Journal reported Monday" dates the report, not the claim."""
    dates = [item for sentence in sentences for item in sentence.items if item.kind == "date"]
    outlets: dict[str, set[str]] = defaultdict(set)
    for item in dates:
        outlets[item.key].add(item.mention.outlet)
    dates = [item for item in dates if len(outlets[item.key]) > 1]
    if not dates:
        return []
    carried: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        carried[mention.article].append(mention)
    by_date: dict[str, list[_Item]] = defaultdict(list)
    spans = {article: _reaches(found) for article, found in carried.items()}
    for item in dates:
        reach = spans.get(item.mention.article, ([], []))
        if _lies_inside(reach, item.mention.start, item.mention.end):
            by_date[item.key].append(item)
    return [
        _fact(
            story,
            f"{key}\n{date}",
            "date",
            f"{_label(found)}: {claim}",
            [i.mention for i in found],
            1.0,
        )
        for date, found in by_date.items()
        if len({i.mention.outlet for i in found}) > 1
    ]


def _reaches(mentions: Iterable[Mention]) -> tuple[list[int], list[int]]:
    """The mentions' starts, sorted, and for each the furthest end of a mention starting there
    or before: a span lies inside one of them exactly when the furthest end before its start
    reaches its end."""
    ordered = sorted((m.start, m.end) for m in mentions)
    return [start for start, _ in ordered], list(accumulate((end for _, end in ordered), max))


def _lies_inside(reach: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether text[start:end] lies inside one of the mentions whose `_reaches` is `reach`."""
    starts, ends = reach
    before = bisect.bisect_right(starts, start)
    return bool(before) and ends[before - 1] >= end


def _tokens(
    sentence: _Sentence, vocabulary: _Vocabulary, known: dict[str, frozenset[str] | None]
) -> list[Token]:
    """The sentence's content words with the keys that match them across outlets: its own
    (see `reader.claims.word_keys`) and those of the number, date or name it is part of. The
    words of a date match only as that date: "5 January" is not "January 9". A name's title
    is part of the name (`_title_words`).

    `known` holds the keys of each spelling met so far in the story (`_spelling_keys`)."""
    offset = sentence.span.start
    starts = _word_starts(sentence)
    extra: dict[int, set[str]] = {}
    name: set[int] = set()
    item: set[int] = set()
    dated: set[int] = set()
    for found in sentence.items:
        first = bisect.bisect_left(starts, found.mention.start - offset)
        last = bisect.bisect_left(starts, found.mention.end - offset)
        for k in range(first, last):
            extra.setdefault(k, set()).add(found.key)
            (name if found.kind == "entity" else item).add(k)
            if found.kind == "date":
                dated.add(k)
        opens_a_word = first < len(starts) and starts[first] == found.mention.start - offset
        if found.kind == "entity" and opens_a_word:  # not a name inside a word: "Paris,France"
            name.update(_title_words(sentence, starts, first))
    tokens = []
    for k, spelling in enumerate(sentence.words):
        keys: frozenset[str] | None
        if k in dated:
            keys = frozenset(extra[k])
        else:
            keys = known.get(spelling, _UNSEEN)
            if keys is _UNSEEN:
                keys = known[spelling] = _spelling_keys(spelling, vocabulary)
            if k not in extra and k not in name:  # most words: no number, date or name
                if keys is not None:
                    start = offset + starts[k]
                    tokens.append(Token(start, start + len(spelling), keys))
                continue
            if keys is not None or k in item:
                keys = (keys or frozenset()) | extra.get(k, frozenset())
        if keys is not None:
            start = offset + starts[k]
            end = start + len(spelling)
            tokens.append(Token(start, end, keys, k in name, k in item))
    return tokens


def _title_words(sentence: _Sentence, starts: list[int], first: int) -> range:
    """The positions of the capitalised words right before a name's first word `first`,
    with nothing but a space or an abbreviation's full stop between them: its title, part of
    saying who ("President Moon", "Attorney General John Suthers", "Sen. Mike Enzi"), not
    what happened. Else "President Moon" in two outlets' sentences about different things
    is a claim they share. (A headline in title case has no names, `reader.names`: there
    capitals say nothing.)"""
    text, words = sentence.span.text, sentence.words
    k = first
    while k > 0 and words[k - 1][0].isupper():
        if text[starts[k - 1] + len(words[k - 1]) : starts[k]].strip() not in ("", "."):
            break
        k -= 1
    return range(k, first)


def _word_starts(sentence: _Sentence) -> list[int]:
    """Where each of the sentence's words starts in its text, found from the words: `_WORD`
    matches every run of word characters, so what lies between two matches has none, and
    each word is found first where its match starts (much quicker than matching again)."""
    text = sentence.span.text
    starts = []
    position = 0
    for word in sentence.words:
        position = text.find(word, position)
        starts.append(position)
        position += len(word)
    return starts


_UNSEEN = object()
"""A spelling not yet in a story's `known` keys (None there means a word without content)."""


def _spelling_keys(spelling: str, vocabulary: _Vocabulary) -> frozenset[str] | None:
    """The keys of a word as spelt (its stem's, its synonym pairs); None for a word without
    content."""
    word = _stem_key(spelling)
    if word is None:
        return None
    word = vocabulary.demonyms.get(word, word)
    return _word_keys(word) | vocabulary.synonyms.get(word, frozenset())


@lru_cache(maxsize=200_000)
def _word_keys(stem: str) -> frozenset[str]:
    return frozenset(word_keys(stem))


def _synonyms(
    candidates: list[_Sentence], vocabulary: _Vocabulary
) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """The synonym pairs among the story's words that are not words of its names (see
    `reader.paraphrase`): each word's pair keys, for the words that have a synonym; and how
    the words only one outlet uses read when sentences are linked (`closest_readings`)."""
    by_outlet: dict[str, set[str]] = defaultdict(set)
    for sentence in candidates:
        by_outlet[sentence.outlet].update(sentence.stems)
    outlets = Counter(chain.from_iterable(by_outlet.values()))
    spelling = _spellings(candidates)
    words = {w: spelling[w] for w in outlets if w in spelling and w not in vocabulary.names}
    alone = {w for w in words if outlets[w] == 1}
    pairs = synonym_pairs(words, alone)
    return keys_of_pairs(pairs), closest_readings(pairs, alone)


def _sentence_keys(sentence: _Sentence, synonyms: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Every key a word of the sentence can match by (a cheap bound before its tokens)."""
    keys: set[str] = {i.key for i in sentence.items}
    keys.update(*map(_word_keys, sentence.stems))
    keys.update(*(synonyms.get(word, ()) for word in sentence.stems))
    return frozenset(keys)


def _part_text(sentence: _Sentence, part: Part) -> str:
    offset = sentence.span.start
    return sentence.span.text[part.start - offset : part.end - offset]


def _part_mention(sentence: _Sentence, part: Part) -> Mention:
    """(Slices the text itself rather than through `_part_text`: it runs for every mention
    of every claim.)"""
    span = sentence.span
    start, end = part.start, part.end
    text = span.text[start - span.start : end - span.start]
    return Mention(sentence.article, sentence.outlet, start, end, text, span.start, span.end)


def _name_stems(items: list[_Item]) -> frozenset[str]:
    names = {i.label for i in items if i.kind == "entity"}
    return frozenset(
        s for name in names for s in map(_stem_key, _WORD.findall(name)) if s is not None
    ) | {i.key for i in items if i.kind == "entity"}


def _terms(
    names: AbstractSet[str], sentences: Sequence[_Sentence], texts: Sequence[str]
) -> set[str]:
    """The names of two words or more that the story's `texts` also give in lower case: "the
    Constitution's Supremacy Clause" in one sentence and "violates the constitution's
    supremacy clause" in another, "the State Dinner" and "the state dinner". Someone
    capitalised a term; its words tell what happened as any others do, where a name only
    tells who or where. (Only names all of whose words the story writes in lower case
    somewhere are looked for.)"""
    lowercase = {w for sentence in sentences for w in sentence.words if w[0].islower()}
    return {
        name
        for name in names
        if " " in name
        and not name.islower()
        and all(w in lowercase for w in _WORD.findall(name.lower()))
        and any(_has_words(text, name.lower()) for text in texts)
    }


def _has_words(text: str, phrase: str) -> bool:
    """Whether `phrase` is in `text` as whole words (no word character, as `\\w` reads it,
    on either side)."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before, after = text[start - 1 : start], text[end : end + 1]  # "" at either end
        if not (_WORD_CHARACTER.fullmatch(before) or _WORD_CHARACTER.fullmatch(after)):
            return True
        start = text.find(phrase, start + 1)
    return False


def _has_item_anchor(sentence: _Sentence) -> bool:
    """Whether the sentence gives a name, a date or a number of something (a bare percentage
    is no detail of its own)."""
    return any(i.kind != "number" or i.counted != BARE_SHARE for i in sentence.items)


def _sentence_mention(sentence: _Sentence) -> Mention:
    span = sentence.span
    return Mention(
        sentence.article, sentence.outlet, span.start, span.end, span.text, span.start, span.end
    )


def _links(
    sentences: Sequence[_Sentence], readings: Mapping[str, str]
) -> Iterator[list[tuple[int, int, float]]]:
    """Pairs of sentences from different outlets that may share a claim, with similarity:
    one list for each outlet, of its pairs with the outlets after it.

    Close wording is enough; looser wording needs anchors in common (a name, a number, a date
    or a word rare in the story). A word only one outlet uses is compared as its closest
    synonym that others use (`readings`): "police arrested the manager" and "the manager was
    taken into custody" are as close as their meaning. Which words of each
    sentence carry the shared claim is `reader.claims`' business. The pairs of each two
    outlets are scored at once in C (`rapidfuzz.process.cdist`); only those above the loosest
    cutoff reach Python. A list holds every pair of a sentence with each article it is
    paired with there, so `_closest_partners` can rank each list on its own, and only one
    list is ever held: 300 copies of one wire story pair each sentence with 299 others."""
    if len(sentences) < 2:
        return
    encoded = _encode([[readings.get(w, w) for w in s.stems] for s in sentences])
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for index, sentence in enumerate(sentences):
        by_outlet[sentence.outlet].append(index)
    if len(by_outlet) < 2:
        return
    bit_sets = _BitSets([s.anchors for s in sentences], most=_common_limit(len(sentences)))
    anchors = [bit_sets.of(s.anchors) for s in sentences]
    groups = [numpy.array(group) for group in by_outlet.values()]
    for k, queries in enumerate(groups[:-1]):
        choices = numpy.concatenate(groups[k + 1 :])
        yield [
            (i, j, similarity)
            for i, j, similarity in _scored_pairs(sentences, encoded, queries, choices)
            if similarity >= ANCHORED_SIMILARITY or anchors[i] & anchors[j]
        ]


def _scored_pairs(
    sentences: Sequence[_Sentence],
    encoded: Sequence[str],
    queries: numpy.ndarray,
    choices: numpy.ndarray,
) -> Iterator[tuple[int, int, float]]:
    """The pairs of a query and a choice sentence at least `LOOSE_SIMILARITY` alike, each
    query's `_closest_only`, scored `COMPARED_AT_ONCE` pairs at a time."""
    choice_texts = [encoded[j] for j in choices.tolist()]
    most = LINKS_PER_ARTICLE * len({sentences[j].article for j in choices.tolist()})
    step = max(1, COMPARED_AT_ONCE // len(choices))
    for start in range(0, len(queries), step):
        chunk = queries[start : start + step]
        scores = _closest_only(
            process.cdist(
                [encoded[i] for i in chunk.tolist()],
                choice_texts,
                scorer=Indel.normalized_similarity,
                score_cutoff=LOOSE_SIMILARITY,
                dtype=numpy.float32,
            ),
            most,
        )
        rows, cols = numpy.nonzero(scores)
        yield from zip(
            chunk[rows].tolist(), choices[cols].tolist(), scores[rows, cols].tolist(), strict=True
        )


def _closest_only(scores: numpy.ndarray, most: int) -> numpy.ndarray:
    """`scores` (one row of similarities per sentence, 0 below the cutoff) with only each
    row's `most` highest kept, so that the links grow with the sentences, not their square.
    News sentences stay far below it; a page that repeats one sentence does not."""
    if scores.shape[1] <= most:
        return scores
    crowded = numpy.flatnonzero(numpy.count_nonzero(scores, axis=1) > most)
    if len(crowded):
        rows = scores[crowded]
        lowest = numpy.argpartition(-rows, most - 1, axis=1)[:, most:]
        numpy.put_along_axis(rows, lowest, 0, axis=1)
        scores[crowded] = rows
    return scores


def _common_limit(sentences: int) -> float:
    """How many sentences a word may be in before it is common: a share of the story, and
    never fewer than `MIN_COMMON_SENTENCES` (in a short story no word is common)."""
    return max(MIN_COMMON_SENTENCES, COMMON_WORD_SHARE * sentences)


def _encode(stem_lists: Sequence[Sequence[str]]) -> list[str]:
    """Each list of stems as a string of one character per distinct stem, sorted.

    Indel similarity of two such strings is the Dice coefficient of the two stem sets.
    """
    ids = {stem: chr(0x100 + k) for k, stem in enumerate(dict.fromkeys(chain(*stem_lists)))}
    return ["".join(sorted(set(map(ids.__getitem__, stems)))) for stems in stem_lists]


_DURATIONS = frozenset(map(stem, _TIME_UNITS))


def _may_disagree(counted: str) -> bool:
    """Whether two close counts of this noun by two outlets are one quantity given
    differently: not for a bare percentage nor a duration."""
    return counted != BARE_SHARE and counted not in _DURATIONS


def _disagreements(items: list[_Item]) -> list[Disagreement]:
    """The same counted noun given different, close values by different outlets."""
    by_noun: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        if item.kind == "number" and item.value > 0 and _may_disagree(item.counted):
            by_noun[item.counted].append(item)
    found = []
    for group in by_noun.values():
        values_by_outlet: dict[str, set[float]] = defaultdict(set)
        for item in group:
            values_by_outlet[item.mention.outlet].add(item.value)
        clashes = _clashing_values(values_by_outlet)
        clashing = [i for i in group if (i.mention.outlet, i.value) in clashes]
        if clashing:
            mentions = _in_reading_order({i.mention for i in clashing})
            found.append(Disagreement(_plural(clashing), mentions))
    return found


def _role_disagreements(articles: Sequence[DocLike], items: list[_Item]) -> list[Disagreement]:
    """One person given different roles by different outlets ("CEO" / "president").

    A person is a name of two words or more, known across outlets by its last word; an outlet
    disagrees when none of the roles it gives matches any another outlet gives."""
    texts = {doc.id: doc.text for doc in articles}
    found: dict[str, dict[str, list[tuple[str, Mention]]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, str] = {}
    for item in items:
        if item.kind != "entity":
            continue
        mention = item.mention
        text = texts[mention.article]
        lead, person = leading_roles(item.label)
        if not lead and len(person.split()) == 1:
            start = max(name_start(text, mention.start), mention.sentence_start)
            mention = _respanned(mention, text, start, mention.end)
            person = mention.text
        words = person.split()
        if len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        if lead:
            role, start, end = normalised(lead), mention.start, mention.end
        else:
            given = role_of(text, mention.start, mention.end)
            if given is None:
                continue
            role, start, end = given.role, given.start, given.end
        surname = fold(words[-1])
        labels.setdefault(surname, person)
        found[surname][mention.outlet].append((role, _respanned(mention, text, start, end)))
    disagreements = []
    for surname, by_outlet in found.items():
        roles = {outlet: {r for r, _ in given} for outlet, given in by_outlet.items()}
        differing = [
            outlet
            for outlet, mine in roles.items()
            if any(mine.isdisjoint(theirs) for other, theirs in roles.items() if other != outlet)
        ]
        if len(differing) >= 2:
            mentions = tuple(by_outlet[outlet][0][1] for outlet in sorted(by_outlet))
            disagreements.append(Disagreement(f"{labels[surname]}'s role", mentions))
    return disagreements


_PLACE_BEFORE = re.compile(r"\b(?:in|from|of)\s+$")
_PLACE_AFTER = re.compile(r"^\s+(?:woman|man|resident|native|student|girl|boy)\b")


def _place_disagreements(articles: Sequence[DocLike], items: list[_Item]) -> list[Disagreement]:
    """One person placed in different places by different outlets ("a Seattle woman" /
    "a student in Bellingham, Wash.").

    A place is a name of one or two words, not a person's, right after "in", "from" or "of"
    or before "woman", "resident"...; it is the person's when a sentence names both. Two
    outlets disagree when neither's place appears anywhere in the other's article; outlets
    that give one of the two places (and never the other) are listed with it."""
    texts = {doc.id: doc.text for doc in articles}
    labels = {i.label for i in items if i.kind == "entity"}
    alone = {fold(label) for label in labels if " " not in label}
    firsts = Counter(fold(label.split()[0]) for label in labels if " " in label)
    alone |= {first for first, n in firsts.items() if n > 1}
    places = [
        i
        for i in items
        if i.kind == "entity"
        and len(i.label.split()) <= 2
        and not _is_person(i.label, alone)
        and _is_place_like(i, texts)
    ]
    by_sentence: dict[tuple[str, int], list[_Item]] = defaultdict(list)
    for item in items:
        if item.kind == "entity" and _is_person(item.label, alone):
            by_sentence[item.mention.article, item.mention.sentence_start].append(item)
    given: dict[str, dict[str, tuple[_Item, _Item]]] = defaultdict(dict)
    for place in places:
        for person in by_sentence.get((place.mention.article, place.mention.sentence_start), []):
            surname = fold(person.label.split()[-1])
            given[surname].setdefault(place.mention.outlet, (person, place))
    found = []
    for by_outlet in given.values():
        outlets = sorted(by_outlet)
        for x, a in enumerate(outlets):
            for b in outlets[x + 1 :]:
                (person, here), (_, there) = by_outlet[a], by_outlet[b]
                if here.key == there.key:
                    continue
                mentions = _places_apart(here, there, places, texts)
                if mentions:
                    found.append(Disagreement(f"where {person.label} is", mentions))
    return _merged(found)


def _places_apart(
    here: _Item, there: _Item, places: list[_Item], texts: Mapping[str, str]
) -> tuple[Mention, ...]:
    """Each outlet's first mention of one of two places when it never names the other; empty
    when an outlet of one place also names the other (it may mean something else by it)."""
    if there.label in texts[here.mention.article] or here.label in texts[there.mention.article]:
        return ()
    chosen: dict[str, Mention] = {}
    for place in places:
        other = there if place.key == here.key else here if place.key == there.key else None
        if other is not None and other.label not in texts[place.mention.article]:
            chosen.setdefault(place.mention.article, place.mention)
    return tuple(chosen.values())


def _superlative_disagreements(
    articles: Sequence[DocLike], items: list[_Item]
) -> list[Disagreement]:
    """Different names given as "the largest" (or another superlative) of one thing by
    different outlets: "Canada is the largest steel exporter to the United States" / "South
    Korea made up the largest share [of U.S. steel imports]".

    Claims match when their superlative and its possessive scope are the same and what they
    rank is the same (`reader.superlatives.Ranked.same_as`); two outlets disagree when
    neither also ranks the other's name first at that thing."""
    texts = {doc.id: doc.text for doc in articles}
    claims: dict[tuple[str, str], list[tuple[_Item, Superlative]]] = defaultdict(list)
    for item in items:
        if item.kind == "entity":
            mention = item.mention
            given = superlative_after(
                texts[mention.article], mention.start, mention.end, mention.sentence_end
            )
            if given is not None:
                claims[given.degree, given.within].append((item, given))
    found = []
    for group in claims.values():
        ranks = [(item, given, ranked(given, _sentence_text(item, texts))) for item, given in group]
        clashing = {
            (item, given)
            for item, given, what in ranks
            for other, _, theirs in ranks
            if item.mention.outlet != other.mention.outlet
            and what.same_as(theirs)
            and not _ranks_also(item.mention.outlet, other.key, theirs, ranks)
            and not _ranks_also(other.mention.outlet, item.key, what, ranks)
        }
        if clashing:
            found.append(_superlative_disagreement(sorted(clashing, key=_claim_order), texts))
    return found


def _ranks_also(
    outlet: str, key: str, what: Ranked, ranks: list[tuple[_Item, Superlative, Ranked]]
) -> bool:
    """Whether `outlet` too ranks the name `key` first at the same thing."""
    return any(
        item.mention.outlet == outlet and item.key == key and mine.same_as(what)
        for item, _, mine in ranks
    )


def _claim_order(claim: tuple[_Item, Superlative]) -> tuple[str, int]:
    return claim[0].mention.article, claim[0].mention.start


def _sentence_text(item: _Item, texts: Mapping[str, str]) -> str:
    return texts[item.mention.article][item.mention.sentence_start : item.mention.sentence_end]


def _superlative_disagreement(
    clashing: list[tuple[_Item, Superlative]], texts: Mapping[str, str]
) -> Disagreement:
    """Each clashing claim from its name to the end of what it ranks, about the longest topic."""
    mentions = {
        _respanned(item.mention, texts[item.mention.article], item.mention.start, given.end)
        for item, given in clashing
    }
    widest = max((given for _, given in clashing), key=lambda g: (len(g.topic.split()), g.topic))
    about = f"the {widest.degree} {widest.topic}"
    return Disagreement(about, _in_reading_order(mentions))


def _tally_disagreements(articles: Sequence[DocLike], shared: Sequence[Fact]) -> list[Disagreement]:
    """One vote given different tallies ("52-48" / "51-49") by outlets whose sentences state
    one shared claim: a story can report several votes, and linked sentences are one. Claims
    that meet at a tally are one vote."""
    texts = {doc.id: doc.text for doc in articles}
    in_sentence: dict[tuple[str, int], list[tuple[Mention, Tally]]] = {}
    found: list[set[Mention]] = []
    for fact in shared:
        given = []
        for m in {(m.article, m.sentence_start): m for m in fact.mentions}.values():
            key = m.article, m.sentence_start
            if key not in in_sentence:
                text = texts[m.article]
                in_sentence[key] = [
                    (_respanned(m, text, t.start, t.end), t)
                    for t in tallies(text, m.sentence_start, m.sentence_end)
                ]
            given.extend(in_sentence[key])
        counts: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for mention, tally in given:
            counts[mention.outlet].add(tally.counts)
        clashing = {
            mention
            for mention, tally in given
            if any(_tallies_clash(mention, tally, other, theirs, counts) for other, theirs in given)
        }
        if clashing:
            overlapping = [votes for votes in found if not votes.isdisjoint(clashing)]
            for votes in overlapping:
                found.remove(votes)
                clashing |= votes
            found.append(clashing)
    return [Disagreement("the vote", _in_reading_order(votes)) for votes in found]


def _tallies_clash(
    mention: Mention,
    tally: Tally,
    other: Mention,
    theirs: Tally,
    counts: Mapping[str, set[tuple[int, int]]],
) -> bool:
    """Whether another outlet tells this vote otherwise and never as this outlet does."""
    return (
        other.outlet != mention.outlet
        and tally.counts not in counts[other.outlet]
        and theirs.counts not in counts[mention.outlet]
        and could_be_one_vote(tally, theirs, DISAGREEMENT_RATIO)
    )


def _merged(found: list[Disagreement]) -> list[Disagreement]:
    """One disagreement per subject, holding every outlet's version."""
    by_about: dict[str, set[Mention]] = defaultdict(set)
    for d in found:
        by_about[d.about].update(d.mentions)
    return [Disagreement(about, _in_reading_order(m)) for about, m in by_about.items()]


def _is_person(name: str, alone: set[str]) -> bool:
    """A name of two or three words whose first word the story never uses alone nor to open
    another name (a given name: "Gennette Cordova", not "North Korea" beside "North Korean")."""
    words = name.split()
    return 2 <= len(words) <= 3 and fold(words[0]) not in alone


def _is_place_like(item: _Item, texts: Mapping[str, str]) -> bool:
    text = texts[item.mention.article]
    start, end = item.mention.start, item.mention.end
    return bool(
        _PLACE_BEFORE.search(text[max(0, start - 6) : start])
        or _PLACE_AFTER.match(text[end : end + 12])
    )


def _clashing_values(values_by_outlet: Mapping[str, set[float]]) -> set[tuple[str, float]]:
    """The (outlet, value) pairs that another outlet contradicts: it gives a value within
    `DISAGREEMENT_RATIO` of this one that this outlet does not give, and does not give this
    one. Each outlet's values are searched sorted, so a page of thousands of figures costs
    their number times the outlets, not their square."""
    found: set[tuple[str, float]] = set()
    for outlet, mine in values_by_outlet.items():
        for other, theirs in values_by_outlet.items():
            if other == outlet:
                continue
            differing = sorted(theirs - mine)
            for value in mine - theirs:
                if any(_close(value, given) for given in _neighbours(differing, value)):
                    found.add((outlet, value))
    return found


def _neighbours(ordered: list[float], value: float) -> list[float]:
    """The values of `ordered` nearest `value` from below and from above: the closest by
    ratio are among them."""
    at = bisect.bisect_left(ordered, value)
    return ordered[max(0, at - 1) : at + 1]


def _close(value: float, other: float) -> bool:
    low, high = sorted((value, other))
    return high / low <= DISAGREEMENT_RATIO


def _plural(items: list[_Item]) -> str:
    """What the disagreement is about, as the articles word it: the counted noun's last word."""
    words_used = Counter(i.mention.text.split()[-1].strip(".,;:") for i in items)
    return words_used.most_common(1)[0][0]


def align_sentences(
    left: DocLike, right: DocLike, threshold: float = ANCHORED_SIMILARITY
) -> list[SentencePair]:
    """Pair the sentences of two articles that report the same thing, in reading order.

    A monotone alignment maximising the summed similarity of pairs at or above `threshold`
    (dynamic programming, like a diff); every other sentence gets a row of its own.
    """
    lefts, rights = split_sentences(left.text), split_sentences(right.text)
    encoded = _encode([_stems(s.text) for s in lefts + rights])
    scores = [
        [_dice(a, b) if a and b else 0.0 for b in encoded[len(lefts) :]]
        for a in encoded[: len(lefts)]
    ]
    return _backtrack(lefts, rights, scores, threshold)


def _dice(a: str, b: str) -> float:
    return Indel.normalized_similarity(a, b)


def _backtrack(
    lefts: list[TextSpan], rights: list[TextSpan], scores: list[list[float]], threshold: float
) -> list[SentencePair]:
    n, m = len(lefts), len(rights)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = scores[i][j] + best[i + 1][j + 1] if scores[i][j] >= threshold else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    rows: list[SentencePair] = []
    i = j = 0
    while i < n or j < m:
        if (
            i < n
            and j < m
            and scores[i][j] >= threshold
            and best[i][j] == scores[i][j] + best[i + 1][j + 1]
        ):
            rows.append(SentencePair(lefts[i], rights[j], scores[i][j]))
            i, j = i + 1, j + 1
        elif j >= m or (i < n and best[i][j] == best[i + 1][j]):
            rows.append(SentencePair(lefts[i], None, 0.0))
            i += 1
        else:
            rows.append(SentencePair(None, rights[j], 0.0))
            j += 1
    return rows
