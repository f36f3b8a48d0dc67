"""Quotations in clean article text: extraction, attribution, and matching versions across outlets.

Extraction pairs quote marks paragraph by paragraph (straight and curly double quotes, curly and
straight single quotes told apart from apostrophes, guillemets) and lets a quote run on into the
next paragraph when that paragraph opens with a quote mark, as news style does (markup attribute
values are never quotes). Attribution reads the words around the marks (`X said`, `said X`,
`according to X`, `X said: "..."`, the paragraph before a paragraph that is all quote) and
resolves he / she to the person who last spoke. A short quote is a scare quote (a fragment)
unless its sentence reports someone's speech; titles, nicknames and headline quotes always are.
Clustering links quotes of one story sentence by sentence, so a partial quote joins the part of
a longer quote it covers; each part of a quote in a different cluster is a member of its own.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.disjoint_sets import DisjointSets
from reader.names import CALENDAR, TITLES, NameSpan, find_names, fold, folds_to
from reader.text import STOPWORDS, TextSpan, is_content_word, split_sentences, stem

SPEECH_VERBS = frozenset(
    """say says said tell tells told add adds added write writes wrote state states stated
    explain explains explained ask asks asked reply replies replied note notes noted
    continue continues continued argue argues argued insist insists insisted claim claims claimed
    declare declares declared announce announces announced warn warns warned tweet tweets tweeted
    post posts posted acknowledge acknowledges acknowledged admit admits admitted recall recalls
    recalled respond responds responded suggest suggests suggested urge urges urged vow vows vowed
    complain complains complained concede concedes conceded conclude concludes concluded
    observe observes observed remark remarks remarked report reports reported quip quips quipped
    joke jokes joked emphasize emphasizes emphasized emphasise emphasises emphasised stress
    stresses stressed predict predicts predicted promise promises promised boast boasts boasted
    lament laments lamented charge charges charged counter counters countered maintain maintains
    maintained confirm confirms confirmed deny denies denied testify testifies testified
    repeat repeats repeated agree agrees agreed recount recounts recounted describe describes
    described call calls called dub dubs dubbed label labels labeled labelled term terms
    termed demand demands demanded reiterate reiterates reiterated exclaim exclaims exclaimed
    shout shouts shouted yell yells yelled wonder wonders wondered pledge pledges pledged
    caution cautions cautioned contend contends contended assert asserts asserted allege
    alleges alleged retort retorts retorted plead pleads pleaded whisper whispers whispered
    muse muses mused elaborate elaborates elaborated accuse accuses accused proclaim proclaims
    proclaimed emailed texted blasted interject
    interjects interjected
    saying adding noting telling writing asking explaining arguing insisting warning stating
    declaring describing urging claiming tweeting posting replying responding suggesting
    acknowledging admitting concluding stressing emphasizing promising predicting vowing
    demanding accusing recalling announcing complaining joking calling
    chant chanted chanting sing sings sang singing
    praise praises praised praising hail hails hailed laud lauds lauded criticize criticizes
    criticized criticizing criticise criticises criticised condemn condemns condemned
    condemning denounce denounces denounced denouncing mock mocks mocked""".split()  # noqa: SIM905
)
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it"})
PERSONAL = frozenset({"he", "she"})
# Words that may stand between a speaker and the verb: "Smith later said", "she has said".
_FILLERS = frozenset(
    """also later then again further once previously recently reportedly has had have would will
    could may might had simply only still just repeatedly flatly quickly sharply""".split()  # noqa: SIM905
)
# Capitalised words that start sentences but are not names.
_NOT_NAMES = frozenset(
    """the a an and but or so yet then when while after before as at in on of for from to by with
    this that these those there here it its his her their our my your we i he she they you if
    because although though since until meanwhile however still also now today yesterday asked
    according speaking writing in another other every each both all some many most several
    few no""".split()  # noqa: SIM905
)
# Honorifics and office words dropped from the front of a name: "Ukrainian President Volodymyr
# Zelensky" -> "Volodymyr Zelensky".
_TITLES = frozenset(
    """mr mrs ms miss dr prof president sen sens senator rep reps representative gov governor mayor
    secretary minister prime chancellor judge justice general gen col lt sgt capt officer
    chief director speaker leader ambassador spokesman spokeswoman spokesperson king queen
    prince pope rev father sir lord lady commissioner chairman chairwoman chair premier
    attorney vice deputy adm admiral commander coach candidate nominee founder ceo""".split()  # noqa: SIM905
)
# A name after these belongs to a description: "a spokesman for Smith said".
_OWNER_WORDS = frozenset({"of", "for", "from", "at", "with", "to", "by"})
_PARTICLES = r"(?:de|da|di|du|van|von|der|den|la|le|al|bin|ibn|del|dos)"
_ABBREVIATED = r"(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Prof|St|Jr|Sr)\."
_NAME_WORD = rf"(?:{_ABBREVIATED}|(?:[A-Z]\.)+|[A-Z][\w’'\-]*)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLES}\s+)?{_NAME_WORD})*"
_NAME_AT_END = re.compile(rf"({_NAME})$")
_NAME_AT_START = re.compile(rf"^({_NAME})")
_NOMINAL_AT_END = re.compile(
    r"(?:\b(?:the|a|an|one|another|two|three|several|some|many|other|his|her|their|its)\b"
    r"|[’']s\s)[^,;:!?“”\"]{0,60}$",
    re.IGNORECASE,
)
MAX_ATTRIBUTION_TAIL = 120
"""Characters after a quote that can still be just its attribution (`, said Smith, a ...`)."""
_WORD = re.compile(r"[\w’'\-]+")


def _trie(words: Iterable[str]) -> str:
    """A regex matching exactly `words`, letter by letter: far faster than one branch per word."""
    rests: dict[str, set[str]] = {}
    for word in words:
        rests.setdefault(word[0], set()).add(word[1:])
    branches = []
    for first, tails in sorted(rests.items()):
        longer = sorted(t for t in tails if t)
        inner = f"(?:{_trie(longer)})" if longer else ""
        branches.append(re.escape(first) + (inner + "?" if inner and "" in tails else inner))
    return "|".join(branches)


_SPEECH_VERB = re.compile(rf"(?<![\w’'\-])(?:{_trie(SPEECH_VERBS)})(?![\w’'\-])", re.IGNORECASE)
"""A `_WORD` token that may be a speech verb (`_is_verb` still rejects capitalised ones)."""
_LOWERCASE_SPEECH_VERB = re.compile(rf"(?<![\w’'\-])(?:{_trie(SPEECH_VERBS)})(?![\w’'\-])")
"""A speech verb as a verb is written in running text: in lowercase (faster to scan for)."""
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
_ACCORDING_AFTER = re.compile(r"according to\s+([^,.;]{1,80})", re.IGNORECASE)
_ACCORDING_BEFORE = re.compile(r"\baccording to\s+([^,]{1,80}),\s*$", re.IGNORECASE)
_INVERTED = re.compile(rf"^\s+({_NAME})\s*[,:]\s*$")
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
_TRAILING_POSSESSIVE = re.compile(r"[’']s$")
_POSSESSIVE = re.compile(r"[’']s\b")
_NORM_WORD = re.compile(r"\w+")
_JOINED = re.compile(r"\b(?:and|of|for)\b")


@dataclass(frozen=True)
class Quote:
    """A quotation: `text` is exactly `source[start:end]` of the clean article text.

    `fragment` marks scare quotes of one or two words and quotes in headline-like lines. A
    cluster member may be the part of a longer quote that another outlet's version covers: it
    keeps the id of the whole quote with a narrower `start` / `end`; its other parts (the rest
    of that quote, or a sentence another cluster holds) are quotes of their own, their ids the
    whole quote's with `.1`, `.2` after it.
    """

    id: str
    article: str
    outlet: str
    speaker: str | None
    text: str
    start: int
    end: int
    fragment: bool
    context_start: int
    context_end: int
    speaker_role: str | None = None
    """What the text says the speaker is: `a lawyer for the tenants' union`, `Sen.`."""


@dataclass(frozen=True)
class QuoteCluster:
    """Versions of one quote across the articles of a story (a single quote is a cluster of one)."""

    id: str
    speaker: str | None
    quotes: tuple[Quote, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.outlet for q in self.quotes))

    @property
    def speaker_role(self) -> str | None:
        """What the texts say the cluster's speaker is: the first role one of them gives."""
        return next((q.speaker_role for q in self.quotes if q.speaker_role), None)

    @property
    def fidelity(self) -> Fidelity:
        return fidelity(self)


@dataclass(frozen=True)
class Fidelity:
    """How faithfully the outlets of a cluster give the quote: `differing` are the outlets
    whose words are not those of the version most outlets share (punctuation, case and quote
    marks aside; a version that quotes only part of the words is not a different wording)."""

    outlets: int
    differing: tuple[str, ...]

    @property
    def worded_differently(self) -> bool:
        return bool(self.differing)

    def describe(self) -> str:
        if self.outlets < 2:
            return ""
        if not self.differing:
            return f"same words in all {self.outlets} outlets"
        return f"worded differently in {len(self.differing)} of {self.outlets} outlets"


def fidelity(cluster: QuoteCluster) -> Fidelity:
    """Which outlets word the cluster's quote differently from the reference version: the one
    whose words agree with most outlets (the longest of those on a tie)."""
    outlets = cluster.outlets
    if len(outlets) < 2:
        return Fidelity(len(outlets), ())
    # Each wording once, with the outlets that give it: a page that repeats a quote a
    # thousand times compares it once, not a thousand times with each of the thousand.
    wordings: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for quote in cluster.quotes:
        wordings[tuple(normalise(quote.text).split())].add(quote.outlet)

    def agreeing(words: tuple[str, ...]) -> set[str]:
        return set().union(*(by for other, by in wordings.items() if _same_words(words, other)))

    reference = max(wordings, key=lambda words: (len(agreeing(words)), len(words)))
    same = agreeing(reference)
    if len(same) < 2:
        return Fidelity(len(outlets), outlets)  # no two outlets give the same words
    return Fidelity(len(outlets), tuple(o for o in outlets if o not in same))


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One wording is a run of the other's words (a partial quote keeps the words)."""
    short, long = sorted((a, b), key=len)
    if not short:
        return False
    return f" {' '.join(short)} " in f" {' '.join(long)} "


# ---------------------------------------------------------------------------------- extraction


def extract_quotes(
    text: str, *, article: str = "", outlet: str = "", title: str = ""
) -> list[Quote]:
    """All quotations in `text`, in order, with speakers resolved where the text allows."""
    paragraphs = _paragraphs(text)
    spans = _quote_spans(text, paragraphs)
    if not spans:
        return []
    sentences = split_sentences(_unstopped(text))
    speakers, roles, attributed = _attribute(text, spans, sentences, paragraphs)
    sentence_starts = [s.start for s in sentences]
    sentence_ends = [s.end for s in sentences]
    paragraph_starts = [p.start for p in paragraphs]
    headline: dict[int, bool] = {}
    quotes = []
    for n, (start, end) in enumerate(spans):
        first = bisect.bisect_right(sentence_ends, start)
        last = bisect.bisect_left(sentence_starts, end)
        context = sentences[first:last] or [TextSpan(start, end, "")]
        at = bisect.bisect_right(paragraph_starts, start) - 1
        if at >= 0 and start < paragraphs[at].end and at not in headline:
            headline[at] = _is_headline(paragraphs[at], at, title)
        in_headline = headline.get(at, False) and start < paragraphs[at].end
        quotes.append(
            Quote(
                id=f"{article}:{n}" if article else str(n),
                article=article,
                outlet=outlet,
                speaker=speakers[n],
                text=text[start:end],
                start=start,
                end=end,
                fragment=in_headline
                or _is_nickname(text, start, end)
                or _names_a_thing(text, start, end)
                or _is_fragment(text[start:end], attributed[n]),
                context_start=context[0].start,
                context_end=context[-1].end,
                speaker_role=roles[n],
            )
        )
    return quotes


_LABEL_STOP = re.compile(r"(\([A-Z]-[A-Z][a-z]{0,9})\.(?=\))")


def _unstopped(text: str) -> str:
    """`text` with the full stop of a party label (`Sen. Jon Tester (D-Mont.) said`) made a
    space, so that no sentence ends there; offsets are unchanged."""
    return _LABEL_STOP.sub(r"\1 ", text) if "-" in text else text


def _is_fragment(quote: str, attributed: bool) -> bool:
    """A scare quote (a few words nobody is said to have said) or a title ("Face the Nation",
    "The Apprentice"): its content words capitalised, and two of them or every word. A short
    sentence whose only content word opens it ("Don't you do it") is no title."""
    words = quote.split()
    content = [w for w in words if w.lower().strip(".,;:!?") not in STOPWORDS]
    titled = (
        2 <= len(words) <= 8
        and all(_capitalised(w) for w in content)
        and (len(content) >= 2 or (bool(content) and all(_capitalised(w) for w in words)))
    )
    return titled or (not attributed and len(words) <= 4)


_NAME_WORD_BEFORE = re.compile(r"(?:^|\s)[A-Z][\w.’'\-]*\s$")
_NAME_WORD_AFTER = re.compile(r"\s[A-Z]")


def _is_nickname(text: str, start: int, end: int) -> bool:
    """`Rep. Robert C. "Bobby" Scott`: a capitalised word or two in quote marks between two
    words of a name is a nickname, nobody's words."""
    words = text[start:end].split()
    return (
        len(words) <= 2
        and all(w[:1].isupper() for w in words)
        and bool(_NAME_WORD_BEFORE.search(text, max(0, start - 30), start - 1))
        and bool(_NAME_WORD_AFTER.match(text, end + 1))
    )


def _names_a_thing(text: str, start: int, end: int) -> bool:
    """`NBC's "Today" show`, `the "Strong" ad`: a capitalised title in quote marks used before
    a noun names a show, an ad or a book, not anyone's words."""
    following = _WORD_AFTER.match(text, end + 1)
    return (
        bool(following)
        and following.group(1) not in STOPWORDS
        and not _is_verb(following.group(1))
        and _is_title(text[start:end].rstrip(".,;:!?"))
    )


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or not word[:1].isalpha()


def _paragraphs(text: str) -> list[TextSpan]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append(TextSpan(start, match.start(), text[start : match.start()]))
        start = match.end()
    if text[start:].strip():
        spans.append(TextSpan(start, len(text), text[start:]))
    return spans


def _is_headline(paragraph: TextSpan, index: int, title: str) -> bool:
    """The title line (the first line when no title is given), or a short line with no closing
    punctuation: headlines, teasers and captions, whose quotes are fragments."""
    line = paragraph.text.strip()
    if title and folds_to(line, fold(title)):
        return True
    if not title and index == 0 and len(line) < 150 and len(split_sentences(line)) == 1:
        return True
    if _SIGNED.search(line):
        return False  # a quote signed with its speaker's name
    bare = line.rstrip("\"'”’») ")
    return len(line) < 150 and not bare.endswith((".", "!", "?", ":", "…"))


_SIGNED = re.compile(rf"[”\"»]\s*[―—–]\s*({_NAME})\.?\s*$")


# Quote marks. Each system pairs only its own marks: double (“ ” „ "), guillemets, single (‘ ’ ').
_DOUBLE = '“”„"'
_GUILLEMET = "«»"
_SINGLE = "‘’'"
_SYSTEMS = (_DOUBLE, _GUILLEMET, _SINGLE)


def _quote_spans(text: str, paragraphs: Sequence[TextSpan]) -> list[tuple[int, int]]:
    """Content spans (between the marks, stripped) of all quotes, outermost kept, in order."""
    found: list[tuple[int, int, int]] = []
    tokens = _mark_tokens(text, paragraphs)
    for rank, marks in enumerate(_SYSTEMS):
        found += [(s, e, rank) for s, e in _pair_marks(text, paragraphs, tokens[marks]) if s < e]
    spans = []
    for start, end, _ in _outermost(found):
        body = text[start:end]
        lead, trail = len(body) - len(body.lstrip()), len(body) - len(body.rstrip())
        if re.search(r"\w", body) and not _is_markup_value(text, start):
            spans.append((start + lead, end - trail))
    return spans


def _outermost(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Of quote spans (start, end, rank of their mark system), in order, those kept: a span
    inside another is dropped, and of two that overlap, the one of the stronger marks (lower
    rank) stays, the later on a tie.

    The kept spans never overlap and come in order, so all that a span can clash with is the
    last one kept: any other ends before the last one starts, so before this one."""
    kept: list[tuple[int, int, int]] = []
    for start, end, rank in sorted(found, key=lambda f: (f[0], -f[1], f[2])):
        if kept and start < kept[-1][1]:
            if end <= kept[-1][1] or rank > kept[-1][2]:
                continue
            kept.pop()
        kept.append((start, end, rank))
    return kept


def _is_markup_value(text: str, start: int) -> bool:
    """`<tweet author="someone" id="78">`: the value of a markup attribute (its opening mark
    right after `=`) is page furniture, never anyone's words."""
    return start >= 2 and text[start - 2] == "="


_MarkTokens = dict[int, list[tuple[int, str]]]
"""The marks of one system in each paragraph (by index) that has any: position and side."""


def _pair_marks(
    text: str, paragraphs: Sequence[TextSpan], marks: _MarkTokens
) -> list[tuple[int, int]]:
    """Pair opening and closing marks of one system. A quote left open at the end of a paragraph
    runs on when the next paragraph starts with the same opening mark (multi-paragraph quotes)."""
    pairs: list[tuple[int, int]] = []
    if not marks:
        return pairs
    open_at: int | None = None
    for at, paragraph in enumerate(paragraphs):
        tokens = marks.get(at, [])
        if open_at is not None:
            first = _first_char(text, paragraph)
            runs_on = tokens and tokens[0] == (first, "open") and text[first] == text[open_at - 1]
            open_at, tokens = (open_at, tokens[1:]) if runs_on else (None, tokens)
        open_at = _pair_in_paragraph(tokens, pairs, open_at)
    return pairs


def _pair_in_paragraph(
    tokens: list[tuple[int, str]], pairs: list[tuple[int, int]], open_at: int | None
) -> int | None:
    for i, (pos, side) in enumerate(tokens):
        if side == "open" or (side == "either" and open_at is None):
            open_at = pos + 1
        elif open_at is not None and (side != "weak" or not _stronger_close_ahead(tokens, i)):
            pairs.append((open_at, pos))
            open_at = None
    return open_at


def _stronger_close_ahead(tokens: list[tuple[int, str]], index: int) -> bool:
    """A weak closer (`soldiers’ lives`) gives way to a later closer before the next opener."""
    for _, side in tokens[index + 1 :]:
        if side == "open":
            return False
        if side in ("close", "either"):
            return True
    return False


def _first_char(text: str, paragraph: TextSpan) -> int:
    return paragraph.start + len(paragraph.text) - len(paragraph.text.lstrip())


_MARK = re.compile(f"[{''.join(_SYSTEMS)}]")
_SYSTEM_OF = {mark: marks for marks in _SYSTEMS for mark in marks}


def _mark_tokens(text: str, paragraphs: Sequence[TextSpan]) -> dict[str, _MarkTokens]:
    """The marks of each system, paragraph by paragraph, from one scan of each paragraph for
    the marks of all systems (most paragraphs have none)."""
    tokens: dict[str, _MarkTokens] = {marks: {} for marks in _SYSTEMS}
    for at, paragraph in enumerate(paragraphs):
        for match in _MARK.finditer(text, paragraph.start, paragraph.end):
            side = _mark_side(text, match.start(), paragraph)
            if side:
                by_paragraph = tokens[_SYSTEM_OF[match.group()]]
                by_paragraph.setdefault(at, []).append((match.start(), side))
    return tokens


_ELLIPSIS_AFTER = re.compile(r"\s?(?:…|\.\.\.)\s?\w")


def _mark_side(text: str, pos: int, paragraph: TextSpan) -> str | None:
    """Classify one mark as "open", "close", "weak" (a closer that may be a plural possessive),
    "either" (straight quote with no clue), or None (an apostrophe)."""
    char = text[pos]
    before = text[pos - 1] if pos > paragraph.start else " "
    after = text[pos + 1] if pos + 1 < paragraph.end else " "
    opens = (before.isspace() or before in "([{—–-/“‘\"'«") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if char in "‘’'":
        if (before.isalnum() and after.isalnum()) or "''" in text[pos - 1 : pos + 2]:
            return None
        if char == "'" and opens and after.isdigit():
            return None
        if closes and before == "s" and after == " " and text[pos + 2 : pos + 3].islower():
            return "weak"
    if char in "“„«‘":
        return "close" if closes and not opens and char in "“‘" else "open"
    if char in "”»’":
        if char == "”" and before.isspace() and _ELLIPSIS_AFTER.match(text, pos + 1, paragraph.end):
            return "open"  # `” … what I learned`: a quote that opens mid-speech, its mark turned
        return "open" if opens and not closes and char == "”" else ("close" if closes else None)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either" if char == '"' else None


# --------------------------------------------------------------------------------- attribution


@dataclass(frozen=True)
class _Mention:
    """Who spoke at `pos`: a name, a pronoun (resolved later), an unnamed description (None),
    or a definite role (`the mayor`) that may name someone introduced earlier."""

    pos: int
    name: str | None
    pronoun: str | None = None
    role: str | None = None
    acting: bool = False
    """Found as the subject of a sentence with no speech verb: kept only for a person."""


@dataclass(frozen=True)
class _Introduction:
    """A person-like name where the text says who it is: `union President Randi Weingarten`,
    `Maria Lopez, a lawyer for the tenants' union`, `Sen. Jon Tester (D-Mont.)`."""

    pos: int
    name: str
    role: str


class _People:
    """What the article says about the people it names: who they are (titles and appositions),
    whether a name is a person or a place, and he or she where an honorific tells."""

    def __init__(self, text: str, inside: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.introductions: dict[str, list[_Introduction]] = {}
        self.persons: set[str] = set()
        self.full_persons: set[str] = set()
        self.places: set[str] = set()
        self.genders: dict[str, str] = {}
        self.all_names = find_names(_unstopped(text))
        """Every name of the article, quotes included."""
        self.names = [n for n in self.all_names if not _within(inside, n.start)]
        """The article's names outside quotes, in text order."""
        self._unread: dict[str, list[NameSpan]] = {}
        for span in self.names:
            self._unread.setdefault(_surname(span.text), []).append(span)

    def _know(self, key: str) -> None:
        """Read what the text says around each mention of the name `key` (once, when asked)."""
        for span in self._unread.pop(key, ()):
            self._read(self.text, span.start, span.end, span.text)

    def _read(self, text: str, start: int, end: int, name: str) -> None:
        key = _surname(name)
        if not key:
            return
        before = text[max(0, start - 80) : start]
        after = text[end : end + 160]
        if _PLACE_BEFORE.search(before[-16:]) and not _modifies_a_noun(after):
            self.places.add(fold(name))
        honorific = _HONORIFIC_BEFORE.search(before[-8:])
        if honorific:
            self.genders.setdefault(key, "he" if honorific.group(1) == "Mr" else "she")
        role = _role(before, after)
        if role or honorific:
            self.persons.add(key)
            self.full_persons.add(fold(name))
        if role:
            self.introductions.setdefault(key, []).append(_Introduction(start, name, role))

    def is_person(self, name: str) -> bool:
        """Whether the text says who `name` is (any of its words: `Ban Ki-moon` is `Ban`)."""
        words = [w for w in fold(name).split() if w not in STOPWORDS]
        for word in words:
            self._know(word)
        return any(word in self.persons for word in words)

    def is_full_person(self, name: str) -> bool:
        self._know(_surname(name))
        return fold(name) in self.full_persons

    def gender(self, name: str) -> str | None:
        """he / she where an honorific (Mr., Ms.) says."""
        key = _surname(name)
        self._know(key)
        return self.genders.get(key)

    def may_speak(self, name: str) -> bool:
        """A place ("in Seoul") is never a speaker, unless the text also says who it is."""
        person = self.is_person(name)  # reads the name's mentions, places included
        return person or fold(name) not in self.places

    def role_of(self, name: str) -> str | None:
        """The words of the first introduction of the person named `name`."""
        key = _surname(name)
        self._know(key)
        found = self.introductions.get(key, [])
        folded = fold(name)
        same = [i for i in found if fold(i.name).endswith(folded) or folded.endswith(fold(i.name))]
        return same[0].role if same else None

    def holder(self, role: str, pos: int) -> str | None:
        """The person last introduced before `pos` with the role's head word: `the mayor` ->
        `Bill de Blasio` after `Mayor Bill de Blasio`."""
        head = _role_head(role)
        if not head:
            return None
        forms = {head} | {short for short, long in _ABBREVIATIONS.items() if head in long}
        for key, spans in list(self._unread.items()):
            around = (self.text[max(0, n.start - 80) : n.end + 160].lower() for n in spans)
            if any(form in window for window in around for form in forms):
                self._know(key)
        party = _parties(role)
        best: _Introduction | None = None
        for introductions in self.introductions.values():
            for intro in introductions:
                fits = intro.pos < pos and head in _role_words(intro.role)
                other_party = party and _parties(intro.role) and not party & _parties(intro.role)
                if fits and not other_party and (best is None or intro.pos > best.pos):
                    best = intro
        return best.name if best else None


def _parties(role: str) -> set[str]:
    """The parties a role names (`the Republican nominee`, `D-Ohio`): `the Republican nominee`
    is not the person introduced as `Democratic vice presidential nominee`."""
    found = {w[:8] for w in _WORD.findall(role.lower()) if w in _PARTY_WORDS}
    label = re.search(r"\b([DR])-[A-Z]", role)
    if label:
        found.add("democrat" if label.group(1) == "D" else "republic")
    return found


# Titles written short, and the role words they stand for (`the senator` = `Sen. Tester`).
_ABBREVIATIONS = {
    "gov": ("governor",),
    "sen": ("senator",),
    "sens": ("senator",),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "reps": ("representative", "congressman", "congresswoman", "lawmaker"),
    "gen": ("general",),
    "dr": ("doctor",),
    "prof": ("professor",),
    "lt": ("lieutenant",),
    "col": ("colonel",),
    "capt": ("captain",),
    "sgt": ("sergeant",),
    "adm": ("admiral",),
    "rev": ("reverend", "pastor"),
    "atty": ("attorney",),
    "representative": ("congressman", "congresswoman", "lawmaker"),
    "senator": ("lawmaker",),
}
_ROLE_SUFFIXES = ("er", "or", "ist", "yst", "ian", "man", "woman", "person", "ant", "ent", "ee")
_PARTY_WORDS = frozenset(
    "republican republicans democrat democrats democratic independent libertarian".split()  # noqa: SIM905
)
_PARTY_LABEL = re.compile(r"^[A-Z]-[A-Z][\w.]*\.?$")
_PLACE_BEFORE = re.compile(r"(?<![\w’'\-])(?:in|near|outside|across)\s+(?:the\s+)?$")
_POSSESSIVE_AFTER = re.compile(r"[’']s\b")
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_APPOSITION = re.compile(
    r"^\s*(?:\(([A-Z]-[A-Z][\w.]*)\)|,\s*((?:a|an|the|one|his|her|their|its)\s[^,;:“”\"()]{2,90}"
    r"|[a-z][^,;:“”\"()]{2,90}|[A-Z]-[A-Z][\w.]*))\s*[,.;)]"
)
_SET_OFF_ROLE = re.compile(
    r"(?:^|[.;:“”\"(]\s*|\n)((?:[Tt]he|[Aa]n?|[A-Z][\w\-]*[’']s)\s[^,.;:“”\"()]{2,60}),\s*$"
)
_HONORIFICS = frozenset("mr mrs ms miss dr sir dame".split())  # noqa: SIM905
_DETERMINERS = frozenset("a an the one his her their its".split())  # noqa: SIM905
_NOT_ROLE_START = re.compile(r"^(?:who|which|that|whose|and|but|or|said|says|told|added)\b")


_AFTER_ANY = 1 << 62


_WORD_AFTER = re.compile(r"\s+([a-z][a-z\-]*)")


def _modifies_a_noun(after: str) -> bool:
    """`in Trump's plan`, `a narrator in the Clinton ad`: a name owning or modifying the noun
    after it, which tells nothing of whether it is a place."""
    if _POSSESSIVE_AFTER.match(after):
        return True
    word = _WORD_AFTER.match(after)
    return bool(word) and word.group(1) not in STOPWORDS


def _within(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` falls in one of `spans` (sorted, not overlapping)."""
    at = bisect.bisect_right(spans, (pos, _AFTER_ANY)) - 1
    return at >= 0 and spans[at][0] <= pos < spans[at][1]


def _surname(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def _is_role_word(word: str) -> bool:
    low = word.lower().rstrip(".")
    return (
        low in _TITLES
        or low in TITLES
        or low in _ABBREVIATIONS
        or low in _PARTY_WORDS
        or (len(low) > 3 and low.endswith(_ROLE_SUFFIXES) and low not in STOPWORDS)
    )


def _role(before: str, after: str) -> str | None:
    """What the text says a name is, from the words after it (an apposition) or before it (a
    title); a party label joins the title: `Sen. (D-Mont.)`."""
    following, preceding = _role_after(after), _role_before(before)
    if following and preceding and _PARTY_LABEL.match(following):
        return f"{preceding} ({following})"
    return following or preceding


def _role_after(after: str) -> str | None:
    """`, a lawyer for the union,` / `(D-Ohio)` / `, D-Ohio,` right after a name."""
    match = _APPOSITION.match(after)
    if not match:
        return None
    role = (match.group(1) or match.group(2)).strip()
    words = role.split()
    if _NOT_ROLE_START.match(role) or len(words) > 14 or any(_is_verb(w) for w in words):
        return None
    if match.group(1) or _PARTY_LABEL.match(role):
        return role
    first = words[0].lower()
    if first in STOPWORDS and first not in _DETERMINERS:
        return None  # `, at a later press gaggle,`: a circumstance, not who the person is
    return role if any(_is_role_word(w) for w in _WORD.findall(role)) else None


def _role_before(before: str) -> str | None:
    """`union President` / `Former Arkansas Rep.` / `youth pastor` right before a name, or
    `Nebraska's attorney general, ` / `The minister of digital affairs, ` set off before it."""
    before = before[before.rfind("\n") + 1 :]
    stripped = before.rstrip()
    if len(before) == len(stripped) or not stripped:
        return None
    if stripped.endswith(","):
        set_off = _SET_OFF_ROLE.search(before)
        if set_off and any(_is_role_word(w) for w in set_off.group(1).split()[:4]):
            return set_off.group(1)
        return None
    words = stripped.rsplit(None, 5)
    if not _is_role_word(words[-1]):
        return None
    run: list[str] = []
    for word in reversed(words):
        bare = word.strip()
        if not bare or re.search(r"[,;:“”\"()—–]", bare) or bare.lower() in STOPWORDS:
            break
        if _is_verb(bare) or (bare[:1].islower() and bare.lower() in _FILLERS):
            break
        if bare.endswith(".") and not _is_abbreviated_title(bare):
            break  # the end of the sentence before
        run.insert(0, bare)
        if len(run) == 5:
            break
    while run and (not _is_role_word(run[-1]) or run[-1].lower().rstrip(".") in _HONORIFICS):
        run.pop()  # `Mr.`, `Dr.` say nothing of who the person is
    return " ".join(run) or None


def _is_abbreviated_title(word: str) -> bool:
    """`Sen.`, `Rep.`, `Dr.`: a title written short, whose full stop ends no sentence."""
    low = word.lower().rstrip(".")
    return len(low) <= 5 and (low in _ABBREVIATIONS or low in ("mr", "mrs", "ms", "dr", "st"))


def _role_words(role: str) -> set[str]:
    found: set[str] = set()
    for word in _WORD.findall(role.lower()):
        word = word.rstrip(".")
        found.add(word)
        found.update(_ABBREVIATIONS.get(word, ()))
        if word.endswith("s") and len(word) > 4:
            found.add(word[:-1])
    return found


def _role_head(role: str) -> str | None:
    """The role noun of a definite description: `the Indiana governor` -> `governor`,
    `the executive director of the group` -> `director`."""
    words = _WORD.findall(role.lower().split(" of ")[0].split(" for ")[0])
    if len(words) < 2 or words[0] != "the":
        return None
    head = words[-1]
    return head if _is_role_word(head) and head not in _PARTY_WORDS else None


def _attribute(
    text: str,
    spans: Sequence[tuple[int, int]],
    sentences: Sequence[TextSpan],
    paragraphs: Sequence[TextSpan],
) -> tuple[list[str | None], list[str | None], list[bool]]:
    """Speakers of the quotes at `spans` (pronouns and roles resolved, names in their fullest
    form), what the text says each speaker is, and whether the quote's own sentence
    attributes it (named, pronoun or description)."""
    inside = [(s - 1, e + 1) for s, e in spans]
    people = _People(text, inside)
    found = [_named_role(_direct_speaker(text, s, e, spans, sentences), people) for s, e in spans]
    reported = list(_speech_events(text, sentences, inside))
    spoke = {fold(m.name) for m in (*found, *reported) if m and m.name and not m.acting}
    direct = [_person_acting(m, people, spoke) for m in found]
    # A quote whose own sentence reports someone speaking (`Then critics called it "..."`)
    # is not the words of whoever the sentence before is about.
    reports = [
        mention is None and _reported_in(text, i, spans, sentences)
        for i, mention in enumerate(direct)
    ]
    lead_ins = [
        None
        if mention or reports[i]
        else _named_role(_lead_in(text, i, spans, sentences, paragraphs), people)
        for i, mention in enumerate(direct)
    ]
    events = sorted(
        [m for m in (*direct, *lead_ins) if m is not None]
        + reported
        + list(
            _subject_events(
                text, sentences, inside, people, _pronoun_positions((*found, *lead_ins)), spoke
            )
        ),
        key=lambda m: m.pos,
    )
    resolved = _resolve_pronouns(events, people)
    speakers: list[str | None] = []
    for i, mention in enumerate(direct):
        lead_in = lead_ins[i]
        if mention is not None:
            speakers.append(resolved.get(mention.pos, mention.name))
        elif lead_in is not None and resolved.get(lead_in.pos, lead_in.name):
            speakers.append(resolved.get(lead_in.pos, lead_in.name))
        elif _someone_else_speaks(text, i, spans):
            speakers.append(None)
        else:
            speakers.append(_inherited(text, spans, i, speakers, paragraphs))
    for i, signer in enumerate(_signed_line_speakers(text, spans, paragraphs)):
        if signer is not _UNSIGNED and (signer is None or direct[i] is None):
            speakers[i] = signer
    speakers = [s if s and people.may_speak(s) else None for s in speakers]
    one_word = any(s and " " not in s for s in speakers)
    full = _full_names(people.all_names) if one_word else []
    fullest: dict[str, str] = {}  # a speaker's fullest form, found once per spelling
    for speaker in speakers:
        if speaker and speaker not in fullest:
            fullest[speaker] = _fullest(speaker, len(text), full, people)
    named = [fullest[s] if s else None for s in speakers]
    roles = [people.role_of(s) if s else None for s in named]
    attributed = [
        mention is not None
        or (reported_here and (speaker is not None or len(text[start:end].split()) > 1))
        for mention, speaker, reported_here, (start, end) in zip(
            direct, named, reports, spans, strict=True
        )
    ]
    return named, roles, attributed


_SIGNATURE_DASH = re.compile('[”"»]\\s*[―—–]')
_UNSIGNED = ""
"""What `_signed_line_speakers` gives a quote on a line not signed as a vox pop."""


def _signed_line_speakers(
    text: str, spans: Sequence[tuple[int, int]], paragraphs: Sequence[TextSpan]
) -> list[str | None]:
    """Vox pops are laid out one voice a line, the line opening with a quote mark and signed
    at its end (`“It was a mess, a real mess.” ― Ana Ruiz`): the whole line is the signer's
    words. A quote opening such a line is the signer's even when a stray mark inside ends it
    early (its sentence names no one else, and no earlier voice continues into it); a quote
    inside the line that the signature does not follow is someone the signer quotes (`what
    he calls “hell”`), whom the line does not name. `_UNSIGNED` for the quotes of other lines.
    """
    if not _SIGNATURE_DASH.search(text):
        return [_UNSIGNED] * len(spans)
    signers: list[str | None] = []
    line_signers: dict[int, tuple[int, str | None]] = {}
    for start, end in spans:
        at = _paragraph_at(paragraphs, start)
        if at is None:
            signers.append(_UNSIGNED)
            continue
        if at not in line_signers:
            opening = _first_char(text, paragraphs[at])
            signed = _SIGNED.search(paragraphs[at].text) if text[opening] in _DOUBLE else None
            line_signers[at] = (opening, _clean_name(signed.group(1)) if signed else None)
        opening, signer = line_signers[at]
        if not signer or _SIGNATURE.match(text[end + 1 : paragraphs[at].end]):
            signers.append(_UNSIGNED)  # not signed, or signed right after: attributed there
        elif start == opening + 1:
            signers.append(signer)
        else:
            signers.append(None)
    return signers


def _someone_else_speaks(text: str, index: int, spans: Sequence[tuple[int, int]]) -> bool:
    """`"...," she added, as critics called the plan a "reform"`: between the quote before and
    this one a new subject, a common noun, reports speech, so this quote is not the previous
    speaker's (a verb after `and` shares its subject: `called it "a mess" and asked for "more"`).
    """
    if index == 0:
        return False
    between = text[spans[index - 1][1] + 1 : spans[index][0] - 1]
    if len(between) > MAX_ATTRIBUTION_TAIL or not _LOWERCASE_SPEECH_VERB.search(between):
        return False
    for verb in _verbs_in(between):
        if verb.group().lower().endswith("ing") or not _reports(between, verb):
            continue
        subject = _WORD.findall(between[: verb.start()].rpartition(",")[2])
        if any(w[:1].isupper() for w in subject):
            continue  # a name: the previous quote's own attribution, or read elsewhere
        if any(w not in STOPWORDS and w not in _FILLERS for w in subject):
            return True
    return False


def _reported_in(
    text: str,
    index: int,
    spans: Sequence[tuple[int, int]],
    sentences: Sequence[TextSpan],
) -> bool:
    """Whether the quote's sentence reports speech before it, outside the quotes (`Cruz called
    Trump a "liar" who is "utterly amoral"`, `..." Chaffetz said, adding that the deals were
    handed out "like candy"`): a short quote there is the speaker's words, not a scare quote,
    unless it is one word said by nobody named (`critics called it a "reform"`)."""
    start = spans[index][0]
    at = _sentence_at(sentences, start)
    if at is None:
        return False
    begin = sentences[at].start
    pieces = []
    for quote_start, quote_end in spans[:index]:
        if quote_end >= begin:
            pieces.append(text[begin : max(begin, quote_start - 1)])
            begin = max(begin, quote_end + 1)
    pieces.append(text[begin : start - 1])
    return any(
        _reports(piece, verb) and not _relative(piece, verb)
        for piece in pieces
        for verb in _verbs_in(piece)
    )


def _person_acting(mention: _Mention | None, people: _People, spoke: set[str]) -> _Mention | None:
    """An acting subject counts only when the text says it is a person, calls it he / she, or
    has it speak elsewhere."""
    if mention is None or not mention.acting or mention.pronoun:
        return mention
    name = mention.name
    return mention if name and (people.is_person(name) or fold(name) in spoke) else None


def _named_role(mention: _Mention | None, people: _People) -> _Mention | None:
    """A definite role names the person the text introduced with it, when there is one."""
    if mention is None or mention.role is None:
        return mention
    return replace(mention, name=people.holder(mention.role, mention.pos))


def _direct_speaker(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]], sentences: Sequence[TextSpan]
) -> _Mention | None:
    """The speaker named in the quote's own sentence: after the quote first, then before it."""
    at = _sentence_at(sentences, end)
    sentence_end = sentences[at].end if at is not None else end
    later = bisect.bisect_right(spans, (end, _AFTER_ANY))
    next_mark = spans[later][0] - 1 if later < len(spans) else len(text)
    if at is not None and at + 1 < len(sentences) and sentence_end <= end + 2:
        # `"Have you gone today?" Bachmann asked`: the splitter ends a sentence at the mark.
        # A short sentence with a quote of its own is news of its own (`Japan branded it an
        # "outlaw nation." Russia insisted that it "stop."`), not this quote's attribution.
        following = sentences[at + 1]
        short = len(following.text.split()) <= 8 and next_mark >= following.end
        if text[end - 1 : end] in "?!" or short:
            sentence_end = following.end
    opening = _sentence_at(sentences, start - 1)
    sentence_start = sentences[opening].start if opening is not None else start
    talker = _talked_about(text, start, spans, sentence_start)
    if talker:
        return talker
    after = text[end + 1 : min(sentence_end, next_mark)]
    mention = _speaker_after(after, end + 1)
    if mention:
        return mention
    previous_quote = next(
        (
            e
            for s, e in reversed(spans[: bisect.bisect_left(spans, (start, 0))])
            if e < start and not _is_title(text[s:e])
        ),
        -1,
    )
    begin = max(sentence_start, previous_quote + 1)
    # A participle after an earlier quote of the sentence (`..." Smith said, adding "...`) has
    # that quote's speaker: no sentence to read its subject from, so the quote inherits.
    sentence = text[sentence_start : max(begin, start - 1)] if begin == sentence_start else ""
    before = text[begin : max(begin, start - 1)]
    spoken = _speaker_before(before, begin, sentence)
    if spoken or begin != sentence_start:
        return spoken
    return _acting_subject(before, begin)


_TALK_VERBS = SPEECH_VERBS | frozenset(
    "talk talks talked talking speak speaks spoke speaking go goes went going rant rants ranted"
    " rave raves raved ramble rambles rambled".split()  # noqa: SIM905
)
_TALKED_ABOUT = re.compile(
    rf"(?<![\w’'\-])(?:([Hh]e|[Ss]he)|({_NAME}))\s+(?:\w+ly\s+)?([a-z]+)\s+(?:on\s+)?about\s*$"
)
_LIST_JOIN = re.compile(r"^[\s,]*(?:and|or)?[\s,]*$")


def _talked_about(
    text: str, start: int, spans: Sequence[tuple[int, int]], sentence_start: int
) -> _Mention | None:
    """`as Trump went on about "how the system is rigged," and "our citizens," Melanie said
    yes`: quotes that are the object of a person talking about something (`X talked / went on
    / joked about "..."`, a list of them joined by commas and `and`) are that person's words;
    a clause after them with a speech verb of its own (`Melanie said yes`) does not take them."""
    first = bisect.bisect_left(spans, (start, 0))
    if not _ends_with_about(text, spans, first):
        return None
    while first > 0 and spans[first - 1][1] >= sentence_start:
        between = text[spans[first - 1][1] + 1 : spans[first][0] - 1]
        if not _LIST_JOIN.match(between):
            break
        first -= 1
    previous_end = spans[first - 1][1] + 1 if first > 0 else 0
    before = text[max(sentence_start, previous_end) : max(0, spans[first][0] - 1)]
    match = _TALKED_ABOUT.search(before) if before.rstrip().endswith("about") else None
    if not match or match.group(3) not in _TALK_VERBS:
        return None
    pronoun, raw = match.group(1), match.group(2)
    if pronoun:
        return _Mention(start, None, pronoun.lower())
    name = _clean_name(raw) if not _TRAILING_POSSESSIVE.search(raw) else None
    return _Mention(start, name) if name else None


def _ends_with_about(text: str, spans: Sequence[tuple[int, int]], index: int) -> bool:
    """Whether `about` or a list join stands just before the quote at `index` (a cheap test
    before reading the clause)."""
    lead = text[max(0, spans[index][0] - 8) : max(0, spans[index][0] - 1)].rstrip(" ,")
    return lead.endswith(("about", "and", "or"))


def _is_title(quoted: str) -> bool:
    """`"Morning Joe"`, `"The Apprentice"`: a title in quote marks, not someone's words."""
    words = quoted.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() or w.lower() in STOPWORDS for w in words)


_ACTING = re.compile(
    rf"^\s*(?:([Hh]e|[Ss]he)|({_NAME}))(?:,\s[a-z][^,;:“”\"]{{1,80}},|,)?\s+(?:\w+ly\s+)?"
    r"([a-z][\w\-]*)\b"
)


def _acting_subject(before: str, pos: int) -> _Mention | None:
    """`Trump openly admires Putin as a "strong leader"`, `Cruz exhorted Republicans to "vote
    your conscience"`: a partial quote in the predicate is the subject's words. Only a person
    acting (a name or he / she and an active verb), never a passive (`was charged with`)."""
    for candidate in [before] + [before[m.end() :] for m in re.finditer(r",\s*", before)][:2]:
        match = _ACTING.match(candidate)
        if not match:
            continue
        pronoun, raw, verb = match.groups()
        name = _clean_name(raw) if raw and not _TRAILING_POSSESSIVE.search(raw) else None
        if not pronoun and not name:
            continue  # `At a rally, Trump likened ...`: the subject comes after the comma
        if verb in _AUXILIARIES or verb in STOPWORDS or verb.endswith("ing"):
            return None
        if pronoun:
            return _Mention(pos, None, pronoun.lower(), acting=True)
        return _Mention(pos, name, acting=True)
    return None


def _sentence_at(sentences: Sequence[TextSpan], pos: int) -> int | None:
    """The index of the sentence holding `pos` (its end included), if any."""
    at = bisect.bisect_right(sentences, pos, key=lambda s: s.start) - 1
    if at >= 0 and sentences[at].start <= pos <= sentences[at].end:
        return at
    return None


_AFTER_VERB_NAME = re.compile(rf"^[\s,;:.!?—–-]*(\w+)\s+({_NAME})")
_AFTER_VERB_DESCRIBED = re.compile(
    rf"^[\s,;:.!?—–-]*(\w+)\s+((?:[a-z0-9][\w/\-]*\s+){{1,3}}?)({_NAME})"
)


def _after_verb_described(after: str) -> str | None:
    """`said 9/11 widow Terry Strada`, `said longtime aide Jane Roe`: the name after a few
    lowercase words saying who the person is; none of them a function word (`said a spokesman
    for Smith` is not Smith, `said in an interview` is no description)."""
    match = _AFTER_VERB_DESCRIBED.match(after)
    if not match or any(w in STOPWORDS for w in match.group(2).split()):
        return None
    return _clean_name(match.group(3))


def _speaker_after(after: str, offset: int) -> _Mention | None:
    """`, Smith said`, `, said Smith`, `, he added`, `, according to Smith`, `, Smith, a
    lawyer for the union, said` after the quote."""
    signed = _SIGNATURE.match(after)
    if signed and _clean_name(signed.group(1)):
        return _Mention(offset, _clean_name(signed.group(1)))
    stripped = after.lstrip(" ,;:.!?—–-")
    if not stripped or after[:1].isalnum():
        return None
    words = stripped.split()
    verb_at = next(
        (i for i, w in enumerate(words[:9]) if _is_verb(w) and not _noun_after_article(words, i)),
        None,
    )
    according = _ACCORDING_AFTER.match(stripped)
    if according:
        return _mention_from_phrase(according.group(1), offset, head=True)
    if verb_at is None:
        return (
            _apposed_speaker(stripped, offset)
            or _closing_attribution(stripped, offset)
            or _according_in(stripped, offset)
        )
    if verb_at == 0:
        match = _AFTER_VERB_NAME.match(after)
        name = _employee_name(match.group(2)) if match else _after_verb_described(after)
        if name:
            return _Mention(offset, name)
        if len(words) > 1 and words[1].lower().strip(",.") in PRONOUNS:
            return _Mention(offset, None, words[1].lower().strip(",."))
        if len(words) > 2 and words[1].lower() == "the":
            return _Mention(offset, None, role=" ".join(words[1:5]).split(",")[0])
        return (
            _Mention(offset, None) if len(words) > 1 and words[1].lower() in ("the", "a") else None
        )
    if words[0].lower() in _SUBORDINATORS:
        return None  # `"That makes me smart," when Clinton blasted him`: another clause
    subject = " ".join(w for w in words[:verb_at])
    return _subject_mention(subject, offset)


_SUBORDINATORS = frozenset(
    "when while after before because since if unless until although though whereas".split()  # noqa: SIM905
)


_BASE_FORMS = frozenset(
    v for v in SPEECH_VERBS if f"{v}s" in SPEECH_VERBS or f"{v}es" in SPEECH_VERBS
)


def _noun_after_article(words: Sequence[str], at: int) -> bool:
    """`a Donald Trump tweet attacking her`: a bare verb form after a phrase opened by `a` /
    `an` is a noun (a singular subject would take `tweets`); so is any after a determiner
    (`for the state`, `his claims`)."""
    if at > 0 and words[at - 1].lower() in _NOUN_DETERMINERS:
        return True
    return at > 0 and words[0].lower() in ("a", "an") and words[at].lower() in _BASE_FORMS


_NOUN_DETERMINERS = frozenset(
    "the a an his her its their our this that these those whose".split()  # noqa: SIM905
)


_SIGNATURE = re.compile(rf"^\s*[―—–]\s*({_NAME})\s*(?:[,.]|$)")
"""`“He is a bully.” ― Veronica Cruz`: vox pops and tweets signed with the speaker's name."""


def _apposed_speaker(after: str, offset: int) -> _Mention | None:
    """`Michael Elliott, the executive director of the group, a trade group, said`."""
    match = _NAME_AT_START.match(after)
    name = _clean_name(match.group(1)) if match else None
    if not match or not name or not after[match.end() :].startswith(","):
        return None
    rest = after[match.end() : match.end() + 220]
    for verb in _verbs_in(rest):
        if rest[: verb.start()].rstrip().endswith(","):
            between = rest[: verb.start()]
            return _Mention(offset, name) if not re.search(r"[“”\"]", between) else None
    return None


_CLOSING_CLAUSE = re.compile(rf"^\s*({_NAME})\s+(?:(?:{'|'.join(sorted(_FILLERS))})\s+)*(\S+)")


def _closing_attribution(after: str, offset: int) -> _Mention | None:
    """`would be a "very bad idea" guaranteed to disrupt trade, Justin Trudeau said on Monday.`:
    the sentence's last clause says who spoke."""
    if re.search(r"[“”\"]", after):
        return None
    clause = after.rstrip(" .!?").rpartition(",")[2]
    match = _CLOSING_CLAUSE.match(clause)
    if not match or not _is_verb(match.group(2)) or len(clause.split()) > 10:
        return None
    name = _clean_name(match.group(1))
    return _Mention(offset, name) if name else None


_ACCORDING_ANYWHERE = re.compile(r"(?:^|[\s,(])according to\s+([^,.;:“”\"()]{1,80})", re.IGNORECASE)


def _according_in(clause: str, offset: int) -> _Mention | None:
    """`According to Rush Limbaugh, the move reeks of "fear"`, `was greeted with "Bobby!" at
    a conference, according to the union's president`: a sentence given as someone's account
    is theirs wherever the `according to` stands in it."""
    according = _ACCORDING_ANYWHERE.search(clause)
    if not according:
        return None
    return _mention_from_phrase(according.group(1), offset + according.start(1), head=False)


def _speaker_before(before: str, offset: int, sentence: str = "") -> _Mention | None:
    """`Smith said: "`, `Smith said the plan was "`, `said Smith, "`, `According to Smith, "`,
    `Smith called it a hoax, adding that "` (the speaker of a participle is the clause's)."""
    according = _ACCORDING_BEFORE.search(before)
    if according:
        return _mention_from_phrase(according.group(1), offset + according.start(1), head=True)
    opening = _OPENING_VERB.match(before)
    if opening and _clean_name(opening.group(1)):
        return _Mention(offset + opening.start(1), _clean_name(opening.group(1)))
    verbs = [v for v in _verbs_in(before) if _reports(before, v) and not _relative(before, v)]
    if not verbs:
        return _according_in(before, offset)
    # `Sanders said, going on to say that "...`: an infinitive has the subject of the verb
    # before it.
    finite = [v for v in verbs if not _INFINITIVE_LEAD.search(before, 0, v.start())]
    verb = (finite or verbs)[-1]
    tail = before[verb.end() :]
    inverted = _INVERTED.match(tail)
    if inverted and _clean_name(inverted.group(1)):
        return _Mention(offset + verb.start(), _clean_name(inverted.group(1)))
    progressive = _PROGRESSIVE_LEAD.search(before[max(0, verb.start() - 20) : verb.start()])
    doer = _gerund_subject(before, verb)
    if doer:
        return _Mention(offset + verb.start(), doer)
    if verb.group().lower().endswith("ing") and not progressive:
        lead = sentence[: len(sentence) - len(before) + verb.start()] if sentence else ""
        return _participle_subject(lead, offset + verb.start())
    return _subject_mention(before[: verb.start()], offset + verb.start())


_DETERMINER_BEFORE = re.compile(
    r"(?:(?:^|[^\w’'\-])(?:the|a|an|his|her|its|their|our|this|that|these|those|whose)"
    r"|(?<!\bhe)(?<!\bshe)[’']s|(?-i:(?<![\w’'\-])[a-z]+-[a-z]+))\s+$",
    re.IGNORECASE,
)
"""Words before a noun: `the report`, `Trump's tweets`, `early-morning tweets` (a name's hyphen,
`Park Geun-hye said`, is no modifier's, nor `He's` an owner's)."""


def _verbs_in(text: str) -> Iterable[re.Match[str]]:
    """Speech verbs in `text`, not the nouns spelled alike (`the report`, `a call`, `an
    improbable remark`: a bare verb form after `a` and an adjective or two is a noun; `Kim's
    mental state is`: a word followed by `is` is its subject)."""
    for match in _LOWERCASE_SPEECH_VERB.finditer(text):
        if _DETERMINER_BEFORE.search(text, max(0, match.start() - 16), match.start()):
            continue
        if _COPULA_AFTER.match(text, match.end()):
            continue
        if match.group() in _BASE_FORMS and _ARTICLE_BEFORE.search(
            text, max(0, match.start() - 40), match.start()
        ):
            continue
        yield match


_COPULA_AFTER = re.compile(r"\s+(?:is|was|are|were|has|had|have|will|would|remains)\b")
_INFINITIVE_LEAD = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
_ARTICLE_BEFORE = re.compile(r"(?:^|[^\w’'\-])(?:a|an|A|An)\s+(?:[\w\-]+\s+){1,2}$")


_OPENING_VERB = re.compile(rf"^\s*(?:Said|Says|Added|Adds|Asked|Wrote)\s+({_NAME})\s*[:,]?\s*$")
"""`Said Ellis: "..."`: the verb opening the sentence, its speaker after it."""
_NAME_BEFORE_GERUND = re.compile(rf"(?:^|[^\w’'\-])({_NAME})\s+$")


def _gerund_subject(before: str, verb: re.Match[str]) -> str | None:
    """`footage of Trump saying`, `a video of Clinton asking`: a name right before an -ing
    speech verb is the one speaking."""
    if not verb.group().lower().endswith("ing"):
        return None
    match = _NAME_BEFORE_GERUND.search(before, max(0, verb.start() - 60), verb.start())
    return _clean_name(match.group(1)) if match else None


_PARTICIPLE_LEAD = re.compile(r"(?:,|\bby|\bwhile|\bafter|\bbefore|\bwhen)\s*$")
_PROGRESSIVE_LEAD = re.compile(r"(?:\b(?:is|are|was|were|be|been)|[’']s|[’']re)\s+(?:\w+ly\s+)?$")


_RELATIVE_LEAD = re.compile(r"\b(?:who|which)\s+$", re.IGNORECASE)


def _relative(text: str, verb: re.Match[str]) -> bool:
    """A verb of a relative clause that the quote does not follow (`saying anybody who
    complains about a microphone "is not having a good night"`): someone else's speech."""
    lead = text[max(0, verb.start() - 12) : verb.start()]
    tail = text[verb.end() :].strip(" ,:")
    return bool(_RELATIVE_LEAD.search(lead)) and tail not in ("", "that")


def _reports(text: str, verb: re.Match[str]) -> bool:
    """A speech verb that reports speech: not a passive (`was charged with`), not an -ing form
    modifying a noun (`tweets accusing her`), only a participle clause (`, saying`, `by
    calling`) or a progressive (`is telling`)."""
    lead = text[max(0, verb.start() - 20) : verb.start()]
    if not verb.group().lower().endswith("ing"):
        return not _PROGRESSIVE_LEAD.search(lead)  # `was charged with`, `were told`: passive
    return bool(
        _PARTICIPLE_LEAD.search(lead)
        or _PROGRESSIVE_LEAD.search(lead)
        or _gerund_subject(text, verb)
    )


_ACTOR = re.compile(
    rf"(?<![\w’'\-])(?:([Hh]e|[Ss]he)|({_NAME}))\s+(?:[a-z]+\s+)?"
    r"(?:[a-z]+ed|said|told|wrote|spoke|gave|made|took|went|sent|began|held|met|led)\b"
)


_ASIDE = re.compile(r"\s[-–—]\s[^-–—]*\s[-–—]\s|\([^)]*\)")


def _participle_subject(lead: str, pos: int) -> _Mention | None:
    """`Trump vowed to walk away from the deal, calling it "..."`: the participle's subject is
    the last person before it who did something (a name or he / she before a past verb),
    outside an aside set off by dashes or parentheses (`- where the Panthers played -`)."""
    actors = list(_ACTOR.finditer(_ASIDE.sub(" ", lead)))
    if not actors:
        return None
    pronoun, raw = actors[-1].groups()
    if pronoun:
        return _Mention(pos, None, pronoun.lower())
    if _TRAILING_POSSESSIVE.search(raw):
        return None
    name = _clean_name(raw)
    return _Mention(pos, name) if name else None


def _is_verb(word: str) -> bool:
    return word.lower().strip(",.:;") in SPEECH_VERBS and not word[:1].isupper()


_AUXILIARIES = frozenset("was were is are has have had been be".split())  # noqa: SIM905
_TRAILING_CIRCUMSTANCE = frozenset(
    "in on at during last this earlier late early from".split()  # noqa: SIM905
)


_CONTRACTED_PRONOUN = re.compile(r"^((?i:he|she|they|we|i))[’'](?:s|re|ve|d|ll|m)$")


def _subject_mention(phrase: str, pos: int) -> _Mention | None:
    """The speaker at the end of `phrase` (the words just before a speech verb)."""
    words = _TRAILING_PARENTHESIS.sub("", phrase.strip()).split()
    if [w.lower() for w in words[-2:]] == ["quoted", "as"]:
        words = words[:-2]  # `Kim was quoted as telling`
        while words and words[-1].lower() in _AUXILIARIES:
            words.pop()
    while words and (words[-1].lower() in _FILLERS or words[-1].lower() in _AUXILIARIES):
        words.pop()
    if not words:
        return None
    contracted = _CONTRACTED_PRONOUN.match(words[-1])
    if contracted:  # `He's claiming`, `She'd said`
        words[-1] = contracted.group(1)
    last = words[-1].lower()
    if last in PRONOUNS:
        return _Mention(pos, None, last)
    lowered = [w.lower() for w in words]
    if "who" in lowered[-4:-1]:  # `who in 2010 said`
        words = words[: len(words) - 1 - lowered[::-1].index("who") + 1]
        last = "who"
    if last == "who" and len(words) > 1:
        # `McConnell, now the Senate majority leader, who in 2010 said`: the relative's person.
        head = _before_apposition(" ".join(words[:-1]))
        match = _NAME_AT_END.search(head.rstrip(","))
        name = _clean_name(match.group(1)) if match else None
        return _Mention(pos, name) if name else None
    if last in ("who", "which", "that"):
        return None
    if last.rstrip(",") in ("then", "and", "but") or (
        last.endswith(",") and words[0].lower() in PERSONAL
    ):
        # `He paused, then added`: the verb shares the clause's subject.
        return _clause_subject(" ".join(words), pos)
    words = _without_circumstance(words)
    head = " ".join(words)
    if head.endswith(","):
        head = _before_apposition(head)
    return _mention_from_phrase(head, pos, head=False)


def _without_circumstance(words: list[str]) -> list[str]:
    """`LaPierre in December` -> `LaPierre`: a time or place after a name is not the speaker."""
    for k in range(1, len(words)):
        circumstance = words[k].lower() in _TRAILING_CIRCUMSTANCE and words[k - 1][:1].isupper()
        if circumstance and not any("," in w for w in words[k:]):
            return words[:k]
    return words


_CLAUSE_OPENERS = frozenset("but and so yet still however then also now meanwhile".split())  # noqa: SIM905
_CLAUSE_SUBJECT = re.compile(rf"^({_NAME})(?=\s*(?:,|\s+[a-z]|\s+\([A-Z]-))")


def _clause_subject(phrase: str, pos: int) -> _Mention | None:
    """The subject at the start of a clause (after `But`, or an opening `In a statement,`):
    a pronoun, a name, or a definite role."""
    candidates = [phrase] + [phrase[m.end() :] for m in re.finditer(r",\s*", phrase)][:3]
    for candidate in candidates:
        words = candidate.split()
        while words and words[0].lower().strip(",") in _CLAUSE_OPENERS:
            words.pop(0)
        if not words:
            continue
        first = words[0].lower().strip(",")
        if first in PERSONAL:
            return _Mention(pos, None, first)
        if first == "the" and len(words) > 1:
            role = _description(words[:4])
            if _role_head(role):
                return _Mention(pos, None, role=role)
        match = _CLAUSE_SUBJECT.match(" ".join(words))
        if match and len(words) > 2 and _is_role_word(words[1]) and words[1][:1].islower():
            match = _CLAUSE_SUBJECT.match(" ".join(words[2:]))  # `Democratic nominee Hillary`
        opener = first in STOPWORDS or first.endswith(("ing", "ly"))
        if match and not opener and _TRAILING_POSSESSIVE.search(match.group(1)):
            return None  # `Scott's relatives said`: the relatives spoke, not Scott
        name = _clean_name(match.group(1)) if match and not opener else None
        if name:
            return _Mention(pos, name)
        if candidate is phrase and words[0][:1].isupper() and first not in _NOT_NAMES:
            continue
    return None


def _description(words: Sequence[str]) -> str:
    """`The congressman also expressed` -> `The congressman`: a definite description ends
    before an adverb or a verb, or at a comma."""
    kept: list[str] = []
    for word in words:
        bare = word.rstrip(",")
        low = bare.lower()
        if kept and (low in _FILLERS or _is_verb(bare) or low.endswith("ed")):
            break
        kept.append(bare)
        if word.endswith(","):
            break
    return " ".join(kept)


def _before_apposition(phrase: str) -> str:
    """`Koo Byoungsam, spokesperson for the Ministry,` -> `Koo Byoungsam`; `Ryan, D-Ohio,` ->
    `Ryan`; `Ayrault, the foreign minister of France, a member of the council,` -> `Ayrault`."""
    phrase = phrase.rstrip(",")
    while True:
        head, _, apposition = phrase.rpartition(",")
        first = apposition.split()[:1]
        if not (
            head
            and first
            and (
                first[0][0].islower()
                or first[0].lower() in ("the", "a", "an")
                or _PARTY_LABEL.match(first[0])
            )
        ):
            return phrase
        phrase = head.rstrip()


def _mention_from_phrase(phrase: str, pos: int, *, head: bool) -> _Mention | None:
    """A name at the end of `phrase` (at its start for `according to X, ...`); an unnamed
    speaker when the phrase ends in a description (`a spokesman for Smith`), a role to resolve
    when it is a definite one (`the mayor`)."""
    phrase = phrase.strip().rstrip(",")
    if not head:
        phrase = _TRAILING_PARENTHESIS.sub("", phrase)  # `Rep. Jim Jordan (R-Ohio)`
    if phrase.lower() in PRONOUNS:
        return _Mention(pos, None, phrase.lower())
    match = (_NAME_AT_START if head else _NAME_AT_END).search(phrase)
    name = _clean_name(match.group(1)) if match else None
    if match and name:
        preceding = phrase[: match.start()].split()
        owned = not head and preceding and preceding[-1].lower() in _OWNER_WORDS
        if owned and _office_title(preceding):
            return _Mention(pos, _holder_of_office(name))
        return _Mention(pos, None if owned else name)
    nominal = _NOMINAL_AT_END.search(phrase)
    if not nominal:
        return None
    return _Mention(pos, None, role=nominal.group() if _role_head(nominal.group()) else None)


_OFFICE_TITLES = _TITLES | TITLES


def _office_title(preceding: Sequence[str]) -> bool:
    """`Secretary of`, `Minister for`: a capitalised title before `of` names an office, so the
    name after it is the office's holder (`Secretary of State John F. Kerry`), not an owner
    (`a spokesman for Smith`)."""
    return (
        len(preceding) >= 2
        and preceding[-1].lower() in ("of", "for")
        and preceding[-2][:1].isupper()
        and preceding[-2].lower() in _OFFICE_TITLES
    )


def _holder_of_office(name: str) -> str:
    """`State John F. Kerry` -> `John F. Kerry`: the office's words run into the person's
    name; a person is named by two words, or three with a middle initial."""
    words = name.split()
    keep = 3 if len(words) >= 3 and re.fullmatch(r"[A-Z]\.", words[-2]) else 2
    return " ".join(words[-keep:])


def _employee_name(raw: str) -> str | None:
    """`noted NBC's Dante Chinni`, `said Twitter's Adam Sharp`: after a speech verb, a name
    behind an owner's possessive is the owner's employee, the one speaking."""
    words = raw.split()
    owner = max((i for i, w in enumerate(words[:-1]) if _TRAILING_POSSESSIVE.search(w)), default=-1)
    return _clean_name(" ".join(words[owner + 1 :]))


def _clean_name(raw: str) -> str | None:
    """Drop leading function words and titles and a trailing possessive; None if nothing is
    left, or if what is left is a date or a party label (`D-Ohio`)."""
    words = _TRAILING_POSSESSIVE.sub("", raw.strip()).split()
    while words and words[0].lower().strip(".") in _NOT_NAMES:
        words.pop(0)
    title_at = max((i for i, w in enumerate(words) if w.lower().strip(".") in _TITLES), default=-1)
    if 0 <= title_at < len(words) - 1:
        words = words[title_at + 1 :]
    elif title_at == len(words) - 1:
        return None
    name = " ".join(words).strip(" ,.")
    if len(name) <= 2 or name.lower() in PRONOUNS or not name[0].isupper():
        return None
    if _PARTY_LABEL.match(name) or any(w in CALENDAR for w in fold(name).split()):
        return None
    return name


_INVERTED_REPORT = re.compile(rf"^\w+\s+({_NAME})(?<![’']s)\s*(?:[,.;:!?]|$)")
"""`Debates rarely matter, noted Dante Chinni.`: the verb, then its speaker, then the end of
the clause (`called Mr. Obama's plan` names no speaker)."""


def _speech_events(
    text: str, sentences: Sequence[TextSpan], inside: Sequence[tuple[int, int]]
) -> Iterable[_Mention]:
    """Speakers of reported speech outside quotes (`Smith said that ...`), for he / she."""
    for sentence in sentences:
        for match in _verbs_in(sentence.text):
            pos = sentence.start + match.start()
            if _within(inside, pos):
                continue
            if match.group().lower().endswith("ing"):
                continue
            before = sentence.text[: match.start()]
            inverted = _INVERTED_REPORT.match(sentence.text[match.start() :])
            if before.rstrip().endswith(",") and inverted and _employee_name(inverted.group(1)):
                yield _Mention(pos, _employee_name(inverted.group(1)))
                break
            mention = _subject_mention(before, pos)
            if mention is not None and mention.role is None:
                yield mention
            break


PRONOUN_REACH = 600
"""Characters before a he / she within which the person it stands for is looked for."""


def _pronoun_positions(mentions: Iterable[_Mention | None]) -> list[int]:
    return sorted(m.pos for m in mentions if m is not None and m.pronoun in PERSONAL)


def _subject_events(
    text: str,
    sentences: Sequence[TextSpan],
    inside: Sequence[tuple[int, int]],
    people: _People,
    pronouns: Sequence[int],
    spoke: set[str],
) -> Iterable[_Mention]:
    """The person a sentence is about, for he / she: its subject when that is a name the text
    says is a person (`Hutchinson, though, did call for ...`), else the one such person it
    names (`drew a sharp response from Rev. William Owens`)."""
    starts = [n.start for n in people.names]
    for sentence in sentences:
        after = bisect.bisect_right(pronouns, sentence.start)
        near = after < len(pronouns) and pronouns[after] - sentence.end < PRONOUN_REACH
        if not near or _within(inside, sentence.start):
            continue
        first = bisect.bisect_left(starts, sentence.start)
        last = bisect.bisect_left(starts, sentence.end)
        if first == last:
            continue
        subject = _clause_subject(sentence.text[:200], sentence.start)
        if subject and subject.role:
            subject = _named_role(subject, people)
            if subject and subject.name:
                yield subject
            continue
        if subject and subject.name:
            if people.is_person(subject.name) or fold(subject.name) in spoke:
                yield subject
            continue
        if subject and subject.pronoun:
            continue
        named = {
            _surname(n.text): n
            for n in people.names[first:last]
            if people.is_person(n.text) and not _POSSESSIVE_AFTER.match(text, n.end)
        }
        if len(named) == 1:
            only = next(iter(named.values()))
            yield _Mention(only.start, only.text)


def _lead_in(
    text: str,
    index: int,
    spans: Sequence[tuple[int, int]],
    sentences: Sequence[TextSpan],
    paragraphs: Sequence[TextSpan],
) -> _Mention | None:
    """The speaker of a quote its own sentence does not attribute, where news puts it: the
    sentence just before in the paragraph (`The mayor pushed back. "..."`), or a lead-in
    paragraph ending in a colon (`Caddell continued:`)."""
    start = spans[index][0] - 1
    at = _paragraph_at(paragraphs, start)
    if at is None:
        return None
    here = paragraphs[at]
    previous_end = spans[index - 1][1] if index else -1
    before = bisect.bisect_right(sentences, start, key=lambda s: s.end) - 1
    if before >= 0 and sentences[before].start >= here.start:
        sentence = sentences[before]
        if sentence.start > previous_end:
            spoken = _speaker_before(sentence.text, sentence.start, sentence.text)
            return spoken or _clause_subject(sentence.text[:200], sentence.start)
    if text[here.start : start].strip() or at == 0:
        return None
    previous = paragraphs[at - 1]
    last_at = bisect.bisect_left(sentences, previous.end, key=lambda s: s.start) - 1
    if last_at < 0 or sentences[last_at].start < previous.start:
        return None
    last = sentences[last_at]
    if last.start <= previous_end:
        return None
    if previous.text.rstrip().endswith(":"):
        lead = last.text.rstrip().rstrip(":")
        return _speaker_before(lead, last.start, lead) or _clause_subject(lead, last.start)
    if text[spans[index][1] + 1 : here.end].strip():
        return None
    return _reporting_subject(last)


def _paragraph_at(paragraphs: Sequence[TextSpan], pos: int) -> int | None:
    """The index of the paragraph holding `pos`, if any."""
    at = bisect.bisect_right(paragraphs, pos, key=lambda p: p.start) - 1
    return at if at >= 0 and pos < paragraphs[at].end else None


def _reporting_subject(sentence: TextSpan) -> _Mention | None:
    """`Trump responded by citing Chicago.` then a paragraph that is all quote: the quote is
    the words of whoever the paragraph before ends by reporting speaking (its first finite
    speech verb's subject)."""
    for verb in _verbs_in(sentence.text):
        if verb.group().lower().endswith("ing") or not _reports(sentence.text, verb):
            continue
        if _relative(sentence.text, verb):
            return None
        return _subject_mention(sentence.text[: verb.start()], sentence.start + verb.start())
    return None


def _resolve_pronouns(events: Sequence[_Mention], people: _People) -> dict[int, str | None]:
    """he / she -> the last speaker or person before, named or not (an unnamed speaker
    resolves to None), skipping one the text calls by the other pronoun."""
    resolved: dict[int, str | None] = {}
    recent: list[str | None] = []
    known: dict[str, str] = {}
    for event in events:
        if event.pronoun in PERSONAL:
            name = _antecedent(recent, event.pronoun, known, people)
            resolved[event.pos] = name
            if name:
                known.setdefault(_surname(name), event.pronoun)
        elif event.pronoun is None:
            if event.name is None or not recent or recent[-1] != event.name:
                recent.append(event.name)
            resolved[event.pos] = event.name
        else:
            resolved[event.pos] = None
    return resolved


def _antecedent(
    recent: Sequence[str | None], pronoun: str, known: dict[str, str], people: _People
) -> str | None:
    for candidate in reversed(recent[-4:]):
        if candidate is None:
            return None
        said = known.get(_surname(candidate)) or people.gender(candidate)
        if said in (None, pronoun):
            return candidate
    return None


def _inherited(
    text: str,
    spans: Sequence[tuple[int, int]],
    index: int,
    speakers: Sequence[str | None],
    paragraphs: Sequence[TextSpan],
) -> str | None:
    """An unattributed quote continues the previous quote's speaker (a title between them
    aside): in the same paragraph, or when it opens the next paragraph and only a short
    attribution followed the previous quote."""
    previous = index - 1
    if previous > 0 and _is_title(text[spans[previous][0] : spans[previous][1]]):
        previous -= 1  # `on NBC's "Today" show`: a title speaks for no one
    if previous < 0:
        return None
    (prev_start, prev_end), (start, _) = spans[previous], spans[index]
    here = _paragraph_at(paragraphs, start - 1)
    there = _paragraph_at(paragraphs, prev_start)
    if here is None or there is None:
        return None
    if here == there:
        return speakers[previous]
    opens_paragraph = not text[paragraphs[here].start : start - 1].strip()
    tail = text[prev_end + 1 : paragraphs[there].end]
    if here == there + 1 and opens_paragraph and len(tail) < MAX_ATTRIBUTION_TAIL:
        return speakers[previous]
    return None


def _full_names(names: Sequence[NameSpan]) -> list[NameSpan]:
    """Person-like names of two words or more: no "and" / "of" joins, no title-case headlines."""
    return [n for n in names if " " in n.text and not _JOINED.search(n.text)]


def _fullest(name: str, length: int, full_names: Sequence[NameSpan], people: _People) -> str:
    """`Zelensky` -> `Volodymyr Zelensky`: the longer name ending with this one-word name that
    the article gave before using it alone (news introduces a person by full name first);
    failing that, one starting with it that the text says is a person (family name first:
    `Koo` -> `Koo Byoungsam`). Unchanged when two such names differ (Barack, Michelle Obama)."""
    if " " in name:
        return name
    key = fold(name)
    alone = [n.start for n in people.all_names if fold(n.text) == key]
    first_alone = min(alone, default=length)
    short = [(n, fold(n.text).split()) for n in full_names]
    short = [(n, words) for n, words in short if 2 <= len(words) <= 4]
    endings = [n.text for n, words in short if words[-1] == key and n.start < first_alone]
    if len({fold(full) for full in endings}) > 1:
        return name
    starting = next(
        (n.text for n, words in short if words[0] == key and people.is_full_person(n.text)),
        None,
    )
    return (endings[0] if endings else None) or starting or name


# ---------------------------------------------------------------------------------- clustering


@dataclass(frozen=True)
class _Unit:
    """A sentence of a quote (or a whole short quote), normalised for matching."""

    quote: Quote
    start: int
    end: int
    norm: str
    words: frozenset[str]
    stems: frozenset[str]
    trigrams: frozenset[str]


def cluster_quotes(quotes: Sequence[Quote]) -> list[QuoteCluster]:
    """Group the quotes of ONE story into versions of the same words across articles.

    Clusters spanning most outlets come first; every quote not in a multi-article cluster is a
    cluster of one, in text order.
    """
    units = [u for q in quotes for u in _units(q)]
    # Units with the same words, speaker and article match alike: each such set is matched
    # once, so that a page repeating one quote a thousand times costs one quote.
    first: dict[tuple[str, str | None, str], int] = {}
    node_of = [
        first.setdefault((u.norm, u.quote.speaker, u.quote.article), k) for k, u in enumerate(units)
    ]
    nodes = list(first.values())
    versions = DisjointSets(nodes)
    for i, j in _candidate_pairs([units[node] for node in nodes]):
        if _linked(units[nodes[i]], units[nodes[j]]):
            versions.join(nodes[i], nodes[j])
    groups: dict[int, list[_Unit]] = {}
    for unit, node in zip(units, node_of, strict=True):
        groups.setdefault(versions.find(node), []).append(unit)
    multi = _merge_same_quote_sets(
        [g for g in groups.values() if len({u.quote.article for u in g}) > 1]
    )
    members = [_members(g) for g in multi]
    members.sort(key=lambda m: (-len({q.article for q in m}), m[0].article, m[0].start))
    singles = _unclustered(units, {id(u) for g in multi for u in g})
    return [
        QuoteCluster(id=f"c{n}", speaker=_cluster_speaker(m), quotes=tuple(m))
        for n, m in enumerate(_piece_ids([*members, *singles]), start=1)
    ]


def _piece_ids(groups: Sequence[Sequence[Quote]]) -> list[list[Quote]]:
    """A quote whose parts are in different clusters (a sentence another outlet gives, the
    rest only this one): its part in the first cluster (the most shared) keeps its id, the
    others are quotes of their own with `.1`, `.2` after it, in text order, so that each id
    names one cluster's member."""
    starts: dict[str, list[int]] = {}
    for group in groups:
        for quote in group:
            starts.setdefault(quote.id, []).append(quote.start)
    renamed = {
        (quote_id, start): f"{quote_id}.{n}"
        for quote_id, (_, *others) in starts.items()
        for n, start in enumerate(sorted(others), start=1)
    }
    return [
        [replace(q, id=renamed[q.id, q.start]) if (q.id, q.start) in renamed else q for q in group]
        for group in groups
    ]


def _unclustered(units: Sequence[_Unit], covered: set[int]) -> list[tuple[Quote]]:
    """Quotes in no multi-article cluster, whole, and the rest of a quote that one is part of
    (the sentences no other outlet gives), each run of those a cluster of one, in text order."""
    singles: list[tuple[Quote]] = []
    run: list[_Unit] = []
    for at, unit in enumerate(units):
        if id(unit) not in covered:
            run.append(unit)
        last_of_quote = at + 1 == len(units) or units[at + 1].quote.id != unit.quote.id
        if run and (id(unit) in covered or last_of_quote):
            whole = len(run) == len(_units_of(units, at, unit.quote.id))
            singles.append((unit.quote if whole else _as_quote(run),))
            run = []
    return singles


def _units_of(units: Sequence[_Unit], at: int, quote_id: str) -> list[_Unit]:
    """The units of quote `quote_id`, which holds the unit at index `at`."""
    start = at
    while start > 0 and units[start - 1].quote.id == quote_id:
        start -= 1
    end = at
    while end + 1 < len(units) and units[end + 1].quote.id == quote_id:
        end += 1
    return list(units[start : end + 1])


def linked_pairs(quotes: Sequence[Quote]) -> list[tuple[Quote, Quote]]:
    """The direct links between quotes of one story (each narrowed to the part that matched);
    `cluster_quotes` joins them transitively. For checking the matching rules by hand."""
    return [
        (_as_quote([a]), _as_quote([b])) for a, b in _links([u for q in quotes for u in _units(q)])
    ]


def _links(units: Sequence[_Unit]) -> list[tuple[_Unit, _Unit]]:
    return [(units[i], units[j]) for i, j in _candidate_pairs(units) if _linked(units[i], units[j])]


_SENTENCE_MARK = re.compile(r"[.!?…\n]")


def _units(quote: Quote) -> list[_Unit]:
    """The quote's sentences (a short one joined to the one before); a quote with no mark that
    can end a sentence before its last character is one sentence, unsplit."""
    if quote.fragment or not _SENTENCE_MARK.search(quote.text, 0, len(quote.text) - 1):
        return [_unit(quote, quote.start, quote.end, quote.text)]
    pieces = split_sentences(quote.text)
    merged: list[TextSpan] = []
    for piece in pieces:
        if merged and len(_WORD.findall(piece.text)) < 4:
            last = merged.pop()
            piece = TextSpan(last.start, piece.end, quote.text[last.start : piece.end])
        merged.append(piece)
    merged = merged or [TextSpan(0, len(quote.text), quote.text)]
    return [_unit(quote, quote.start + p.start, quote.start + p.end, p.text) for p in merged]


def _unit(quote: Quote, start: int, end: int, text: str) -> _Unit:
    norm = normalise(text)
    tokens = norm.split()
    words = frozenset(tokens)
    stems = frozenset(stem(w) for w in words if is_content_word(w))
    trigrams = frozenset(" ".join(tokens[k : k + 3]) for k in range(len(tokens) - 2))
    return _Unit(quote, start, end, norm, words, stems, trigrams)


def normalise(text: str) -> str:
    """Lowercase, possessive `'s` and punctuation removed, whitespace collapsed."""
    text = _POSSESSIVE.sub("", text.lower())
    return " ".join(_NORM_WORD.findall(text))


MAX_UNITS_PER_KEY = 1_000
"""A stem or run of three words in more quote sentences of a story than this finds no pairs:
it says nothing about which two are one quote, and its pairs grow with the square of its
sentences. News stories stay far below (the corpora's most shared key is in 50)."""


def _candidate_pairs(units: Sequence[_Unit]) -> Iterable[tuple[int, int]]:
    """Pairs of units from different articles that share a content stem or a run of 3 words
    (`MAX_UNITS_PER_KEY` at most): only these reach the costly scorers."""
    index: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        for key in unit.stems | unit.trigrams:
            index.setdefault(key, []).append(i)
    seen: set[tuple[int, int]] = set()
    for postings in index.values():
        if len(postings) > MAX_UNITS_PER_KEY:
            continue
        for at, i in enumerate(postings):
            for j in postings[at + 1 :]:
                if units[i].quote.article != units[j].quote.article and (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


def _linked(a: _Unit, b: _Unit) -> bool:
    """Whether two units are versions of one quote; the same answer in either order (of two
    as long, the first in alphabetical order is the shorter), so that a quote's copies on one
    page can be matched once for all."""
    short, long = sorted((a, b), key=lambda u: (len(u.norm), u.norm))
    if len(short.norm) >= 30 and fuzz.partial_ratio(short.norm, long.norm) >= 85:
        return True
    speakers = _speakers_agree(a.quote.speaker, b.quote.speaker)
    if speakers is False:
        return False
    if _shared_run(short, long):
        return True
    if _same_short_wording(short, long):
        return True
    if len(short.norm) < 30:
        return speakers is True and _contained(short, long)
    return speakers is True and _paraphrase(a, b)


LONG_RUN = 8
"""Words in a row that two quotes share to be versions of one quote, whoever they are said to
be by: a paraphrase does not keep eight words in order, a translation with a few words
changed does."""


def _shared_run(short: _Unit, long: _Unit) -> bool:
    """The longest run of words both give is `LONG_RUN` words, or half the shorter one's."""
    if len(short.trigrams) < 4 or not short.trigrams & long.trigrams:
        return False
    short_words, long_words = short.norm.split(), long.norm.split()
    # The shortest run that counts: LONG_RUN words, or half the quote (6 at least).
    size = min(LONG_RUN, max(6, (len(short_words) + 1) // 2))
    if len(long_words) < size:
        return False
    runs = {tuple(short_words[k : k + size]) for k in range(len(short_words) - size + 1)}
    return any(tuple(long_words[k : k + size]) in runs for k in range(len(long_words) - size + 1))


def _contained(short: _Unit, long: _Unit) -> bool:
    """A partial quote of two words or more, with content, found word for word in the other."""
    return len(short.words) >= 2 and bool(short.stems) and f" {short.norm} " in f" {long.norm} "


def _paraphrase(a: _Unit, b: _Unit) -> bool:
    """Translations and paraphrases: many shared words, most content words shared."""
    shared = a.stems & b.stems
    overlap = len(shared) / max(1, min(len(a.stems), len(b.stems)))
    return (
        len(a.words & b.words) >= 4
        and overlap >= 0.5
        and len(shared) >= 2
        and fuzz.token_set_ratio(a.norm, b.norm) >= 75
    )


def _same_short_wording(short: _Unit, long: _Unit) -> bool:
    """A short quote (3 to 10 words) whose words mostly recur in order in the other, including
    a run of three: "told him it was just training" / "I was told it was just an exercise"."""
    short_words, long_words = short.norm.split(), long.norm.split()
    if not 3 <= len(short_words) <= 10:
        return False
    in_order = (len(short_words) + len(long_words) - Indel.distance(short_words, long_words)) // 2
    trigrams = {" ".join(short_words[k : k + 3]) for k in range(len(short_words) - 2)}
    shares_run = any(f" {t} " in f" {long.norm} " for t in trigrams)
    return shares_run and in_order >= 4 and in_order >= 0.6 * len(short_words)


def _speakers_agree(a: str | None, b: str | None) -> bool | None:
    """True when one name's last word is among the other's words (Koo = Koo Byoungsam), False
    when both are named and differ, None when either is unknown."""
    if not a or not b:
        return None
    wa, wb = fold(a).split(), fold(b).split()
    return bool(wa and wb) and (wa[-1] in wb or wb[-1] in wa)


def _merge_same_quote_sets(groups: list[list[_Unit]]) -> list[list[_Unit]]:
    """A sentence group whose quotes are all in another group is more sentences of the same
    versions (a multi-sentence quote in two outlets, a tweet quoted whole by one and in part
    by another), and so is one that shares a quote with it among the same articles (one outlet
    split in two what another quoted whole): it joins that group. Groups that share a quote
    but not their outlets stay apart: two statements one outlet put in a single quote, which
    other outlets quote each on its own, stay two clusters."""
    kept: list[tuple[set[str], set[str], list[_Unit]]] = []
    for group in sorted(groups, key=lambda g: -len({u.quote.id for u in g})):
        ids = {u.quote.id for u in group}
        articles = {u.quote.article for u in group}
        host = next(
            (
                kept_group
                for kept_group in kept
                if ids <= kept_group[0] or (ids & kept_group[0] and articles == kept_group[1])
            ),
            None,
        )
        if host is None:
            kept.append((ids, articles, list(group)))
        else:
            host[0].update(ids)
            host[2].extend(group)
    return [units for _, _, units in kept]


def _members(group: Sequence[_Unit]) -> list[Quote]:
    """One member per quote: the part of it that the group covers."""
    by_quote: dict[str, list[_Unit]] = {}
    for unit in group:
        by_quote.setdefault(unit.quote.id, []).append(unit)
    members = [_as_quote(units) for units in by_quote.values()]
    return sorted(members, key=lambda q: (q.article, q.start))


def _as_quote(units: Sequence[_Unit]) -> Quote:
    """The quote of `units`, narrowed to the span they cover."""
    quote = units[0].quote
    start, end = min(u.start for u in units), max(u.end for u in units)
    offset = start - quote.start
    return replace(quote, start=start, end=end, text=quote.text[offset : offset + end - start])


def _cluster_speaker(quotes: Sequence[Quote]) -> str | None:
    """The most named speaker; its longest spelling."""
    named = [q.speaker for q in quotes if q.speaker]
    if not named:
        return None
    top_key = Counter(fold(n).split()[-1] for n in named).most_common(1)[0][0]
    return max((n for n in named if fold(n).split()[-1] == top_key), key=len)
