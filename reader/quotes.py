"""Quotations in clean article text: extraction, attribution, and matching versions across outlets.

Extraction pairs quote marks paragraph by paragraph (straight and curly double quotes, curly and
straight single quotes told apart from apostrophes, guillemets) and lets a quote run on into the
next paragraph when that paragraph opens with a quote mark, as news style does. Attribution reads
the words around the marks (`X said`, `said X`, `according to X`, `X said: "..."`) and resolves
he / she to the person who last spoke. Clustering links quotes of one story sentence by sentence,
so a partial quote joins the part of a longer quote it covers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.names import find_names, fold
from reader.text import STOPWORDS, Span, is_content_word, split_sentences, stem

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
    termed""".split()  # noqa: SIM905
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
    according speaking writing in""".split()  # noqa: SIM905
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
_NAME_WORD = rf"(?:{_ABBREVIATED}|[A-Z]\.|[A-Z][\w’'\-]*)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLES}\s+)?{_NAME_WORD})*"
_NAME_AT_END = re.compile(rf"({_NAME})$")
_NAME_AT_START = re.compile(rf"^({_NAME})")
_NOMINAL_AT_END = re.compile(
    r"\b(?:the|a|an|one|another|two|three|several|some|many|other|his|her|their|its)\b"
    r"[^.,;:!?“”\"]{0,60}$",
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
    keeps the id of the whole quote with a narrower `start` / `end`.
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


@dataclass(frozen=True)
class QuoteCluster:
    """Versions of one quote across the articles of a story (a single quote is a cluster of one)."""

    id: str
    speaker: str | None
    quotes: tuple[Quote, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.outlet for q in self.quotes))


# ---------------------------------------------------------------------------------- extraction


def extract_quotes(
    text: str, *, article: str = "", outlet: str = "", title: str = ""
) -> list[Quote]:
    """All quotations in `text`, in order, with speakers resolved where the text allows."""
    paragraphs = _paragraphs(text)
    spans = _quote_spans(text, paragraphs)
    if not spans:
        return []
    sentences = split_sentences(text)
    headline_like = [p for i, p in enumerate(paragraphs) if _is_headline(p, i, title)]
    speakers, attributed = _attribute(text, spans, sentences, paragraphs)
    quotes = []
    for n, (start, end) in enumerate(spans):
        context = [s for s in sentences if s.end > start and s.start < end] or [
            Span(start, end, "")
        ]
        in_headline = any(p.start <= start < p.end for p in headline_like)
        quotes.append(
            Quote(
                id=f"{article}:{n}" if article else str(n),
                article=article,
                outlet=outlet,
                speaker=speakers[n],
                text=text[start:end],
                start=start,
                end=end,
                fragment=in_headline or _is_fragment(text[start:end], attributed[n]),
                context_start=context[0].start,
                context_end=context[-1].end,
            )
        )
    return quotes


def _is_fragment(quote: str, attributed: bool) -> bool:
    """A scare quote (a few words nobody is said to have said) or a title ("Face the Nation")."""
    words = quote.split()
    content = [w for w in words if w.lower().strip(".,;:!?") not in STOPWORDS]
    titled = 2 <= len(words) <= 8 and all(w[:1].isupper() or not w[:1].isalpha() for w in content)
    return titled or (not attributed and len(words) <= 4)


def _paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append(Span(start, match.start(), text[start : match.start()]))
        start = match.end()
    if text[start:].strip():
        spans.append(Span(start, len(text), text[start:]))
    return spans


def _is_headline(paragraph: Span, index: int, title: str) -> bool:
    """The title line (the first line when no title is given), or a short line with no closing
    punctuation: headlines, teasers and captions, whose quotes are fragments."""
    line = paragraph.text.strip()
    if title and fold(line) == fold(title):
        return True
    if not title and index == 0 and len(line) < 150 and len(split_sentences(line)) == 1:
        return True
    bare = line.rstrip("\"'”’») ")
    return len(line) < 150 and not bare.endswith((".", "!", "?", ":", "…"))


# Quote marks. Each system pairs only its own marks: double (“ ” „ "), guillemets, single (‘ ’ ').
_DOUBLE = '“”„"'
_GUILLEMET = "«»"
_SINGLE = "‘’'"


def _quote_spans(text: str, paragraphs: Sequence[Span]) -> list[tuple[int, int]]:
    """Content spans (between the marks, stripped) of all quotes, outermost kept, in order."""
    found: list[tuple[int, int, int]] = []
    for rank, marks in enumerate((_DOUBLE, _GUILLEMET, _SINGLE)):
        found += [(s, e, rank) for s, e in _pair_marks(text, paragraphs, marks)]
    found.sort(key=lambda f: (f[0], -f[1], f[2]))
    kept: list[tuple[int, int, int]] = []
    for start, end, rank in found:
        clash = [k for k in kept if k[0] < end and start < k[1]]
        if any(k[0] <= start and end <= k[1] for k in clash):
            continue
        if clash and rank > min(k[2] for k in clash):
            continue
        kept = [k for k in kept if k not in clash] + [(start, end, rank)]
    spans = []
    for start, end, _ in sorted(kept):
        body = text[start:end]
        lead, trail = len(body) - len(body.lstrip()), len(body) - len(body.rstrip())
        if re.search(r"\w", body):
            spans.append((start + lead, end - trail))
    return spans


def _pair_marks(text: str, paragraphs: Sequence[Span], marks: str) -> list[tuple[int, int]]:
    """Pair opening and closing marks of one system. A quote left open at the end of a paragraph
    runs on when the next paragraph starts with the same opening mark (multi-paragraph quotes)."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for paragraph in paragraphs:
        tokens = _mark_tokens(text, paragraph, marks)
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


def _first_char(text: str, paragraph: Span) -> int:
    return paragraph.start + len(paragraph.text) - len(paragraph.text.lstrip())


_MARK_PATTERNS = {marks: re.compile(f"[{marks}]") for marks in (_DOUBLE, _GUILLEMET, _SINGLE)}


def _mark_tokens(text: str, paragraph: Span, marks: str) -> list[tuple[int, str]]:
    tokens = []
    for match in _MARK_PATTERNS[marks].finditer(text, paragraph.start, paragraph.end):
        side = _mark_side(text, match.start(), paragraph)
        if side:
            tokens.append((match.start(), side))
    return tokens


def _mark_side(text: str, pos: int, paragraph: Span) -> str | None:
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
        return "open" if opens and not closes and char == "”" else ("close" if closes else None)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either" if char == '"' else None


# --------------------------------------------------------------------------------- attribution


@dataclass(frozen=True)
class _Mention:
    """Who spoke at `pos`: a name, a pronoun (resolved later), or an unnamed description (None)."""

    pos: int
    name: str | None
    pronoun: str | None = None


def _attribute(
    text: str,
    spans: Sequence[tuple[int, int]],
    sentences: Sequence[Span],
    paragraphs: Sequence[Span],
) -> tuple[list[str | None], list[bool]]:
    """Speakers of the quotes at `spans`, pronouns resolved and names in their fullest form, and
    whether the quote's own sentence attributes it (named, pronoun or description)."""
    inside = [(s - 1, e + 1) for s, e in spans]
    direct = [_direct_speaker(text, s, e, spans, sentences) for s, e in spans]
    events = sorted(
        [m for m in direct if m is not None] + list(_speech_events(text, sentences, inside)),
        key=lambda m: m.pos,
    )
    resolved = _resolve_pronouns(events)
    speakers: list[str | None] = []
    for i, mention in enumerate(direct):
        if mention is None:
            speakers.append(_inherited(text, spans, i, speakers, paragraphs))
        else:
            speakers.append(resolved.get(mention.pos, mention.name))
    one_word = any(s and " " not in s for s in speakers)
    full = _full_names(text) if one_word else []
    return [_fullest(s, full) if s else None for s in speakers], [m is not None for m in direct]


def _direct_speaker(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]], sentences: Sequence[Span]
) -> _Mention | None:
    """The speaker named in the quote's own sentence: after the quote first, then before it."""
    sentence_end = next((s.end for s in sentences if s.start <= end <= s.end), end)
    next_quote = min((s for s, _ in spans if s > end), default=len(text))
    after = text[end + 1 : min(sentence_end, next_quote - 1)]
    mention = _speaker_after(after, end + 1)
    if mention:
        return mention
    sentence_start = next((s.start for s in sentences if s.start <= start - 1 < s.end), start)
    previous_quote = max((e for _, e in spans if e < start), default=-1)
    begin = max(sentence_start, previous_quote + 1)
    return _speaker_before(text[begin : max(begin, start - 1)], begin)


_AFTER_VERB_NAME = re.compile(rf"^[\s,;:.!?—–-]*(\w+)\s+({_NAME})")


def _speaker_after(after: str, offset: int) -> _Mention | None:
    """`, Smith said`, `, said Smith`, `, he added`, `, according to Smith` after the quote."""
    stripped = after.lstrip(" ,;:.!?—–-")
    if not stripped or after[:1].isalnum():
        return None
    words = stripped.split()
    verb_at = next((i for i, w in enumerate(words[:9]) if _is_verb(w)), None)
    according = _ACCORDING_AFTER.match(stripped)
    if according:
        return _mention_from_phrase(according.group(1), offset, head=True)
    if verb_at is None:
        return None
    if verb_at == 0:
        match = _AFTER_VERB_NAME.match(after)
        if match and _clean_name(match.group(2)):
            return _Mention(offset, _clean_name(match.group(2)))
        if len(words) > 1 and words[1].lower().strip(",.") in PRONOUNS:
            return _Mention(offset, None, words[1].lower().strip(",."))
        return (
            _Mention(offset, None) if len(words) > 1 and words[1].lower() in ("the", "a") else None
        )
    subject = " ".join(w for w in words[:verb_at])
    return _subject_mention(subject, offset)


def _speaker_before(before: str, offset: int) -> _Mention | None:
    """`Smith said: "`, `Smith said the plan was "`, `said Smith, "`, `According to Smith, "`."""
    according = _ACCORDING_BEFORE.search(before)
    if according:
        return _mention_from_phrase(according.group(1), offset + according.start(1), head=True)
    verbs = [m for m in _SPEECH_VERB.finditer(before) if _is_verb(m.group())]
    if not verbs:
        return None
    verb = verbs[-1]
    tail = before[verb.end() :]
    inverted = _INVERTED.match(tail)
    if inverted and _clean_name(inverted.group(1)):
        return _Mention(offset + verb.start(), _clean_name(inverted.group(1)))
    return _subject_mention(before[: verb.start()], offset + verb.start())


def _is_verb(word: str) -> bool:
    return word.lower().strip(",.:;") in SPEECH_VERBS and not word[:1].isupper()


def _subject_mention(phrase: str, pos: int) -> _Mention | None:
    """The speaker at the end of `phrase` (the words just before a speech verb)."""
    words = _TRAILING_PARENTHESIS.sub("", phrase.strip()).split()
    while words and words[-1].lower() in _FILLERS:
        words.pop()
    if not words:
        return None
    last = words[-1].lower()
    if last in PRONOUNS:
        return _Mention(pos, None, last)
    if last in ("who", "which", "that"):
        return None
    head = " ".join(words)
    if head.endswith(","):
        head = _before_apposition(head)
    return _mention_from_phrase(head, pos, head=False)


def _before_apposition(phrase: str) -> str:
    """`Koo Byoungsam, spokesperson for the Ministry,` -> `Koo Byoungsam`."""
    head, _, apposition = phrase.rstrip(",").rpartition(",")
    first = apposition.split()[:1]
    if head and first and (first[0][0].islower() or first[0].lower() in ("the", "a", "an")):
        return head
    return phrase.rstrip(",")


def _mention_from_phrase(phrase: str, pos: int, *, head: bool) -> _Mention | None:
    """A name at the end of `phrase` (at its start for `according to X, ...`); an unnamed
    speaker when the phrase ends in a description (`a spokesman for Smith`)."""
    phrase = phrase.strip().rstrip(",")
    if phrase.lower() in PRONOUNS:
        return _Mention(pos, None, phrase.lower())
    match = (_NAME_AT_START if head else _NAME_AT_END).search(phrase)
    name = _clean_name(match.group(1)) if match else None
    if match and name:
        preceding = phrase[: match.start()].split()
        owned = not head and preceding and preceding[-1].lower() in _OWNER_WORDS
        return _Mention(pos, None if owned else name)
    return _Mention(pos, None) if _NOMINAL_AT_END.search(phrase) else None


def _clean_name(raw: str) -> str | None:
    """Drop leading function words and titles and a trailing possessive; None if nothing is left."""
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
    return name


def _speech_events(
    text: str, sentences: Sequence[Span], inside: Sequence[tuple[int, int]]
) -> Iterable[_Mention]:
    """Speakers of reported speech outside quotes (`Smith said that ...`), for he / she."""
    for sentence in sentences:
        for match in _SPEECH_VERB.finditer(sentence.text):
            pos = sentence.start + match.start()
            if not _is_verb(match.group()) or any(s <= pos < e for s, e in inside):
                continue
            mention = _subject_mention(sentence.text[: match.start()], pos)
            if mention is not None:
                yield mention
            break


def _resolve_pronouns(events: Sequence[_Mention]) -> dict[int, str | None]:
    """he / she -> the last speaker before, named or not (an unnamed one resolves to None)."""
    resolved: dict[int, str | None] = {}
    last: str | None = None
    for event in events:
        if event.pronoun in PERSONAL:
            resolved[event.pos] = last
        elif event.pronoun is None:
            last = event.name
            resolved[event.pos] = event.name
        else:
            resolved[event.pos] = None
    return resolved


def _inherited(
    text: str,
    spans: Sequence[tuple[int, int]],
    index: int,
    speakers: Sequence[str | None],
    paragraphs: Sequence[Span],
) -> str | None:
    """An unattributed quote continues the previous quote's speaker: in the same paragraph, or
    when it opens the next paragraph and only a short attribution followed the previous quote."""
    if index == 0:
        return None
    (prev_start, prev_end), (start, _) = spans[index - 1], spans[index]
    here = next((n for n, p in enumerate(paragraphs) if p.start <= start - 1 < p.end), None)
    there = next((n for n, p in enumerate(paragraphs) if p.start <= prev_start < p.end), None)
    if here is None or there is None:
        return None
    if here == there:
        return speakers[index - 1]
    opens_paragraph = not text[paragraphs[here].start : start - 1].strip()
    tail = text[prev_end + 1 : paragraphs[there].end]
    if here == there + 1 and opens_paragraph and len(tail) < MAX_ATTRIBUTION_TAIL:
        return speakers[index - 1]
    return None


def _full_names(text: str) -> list[str]:
    """Person-like names of two words or more: no "and" / "of" joins, no title-case headlines."""
    names = [n.text for n in find_names(text)]
    return [n for n in names if " " in n and not _JOINED.search(n)]


def _fullest(name: str, full_names: Sequence[str]) -> str:
    """`Zelensky` -> `Volodymyr Zelensky`: the first longer name in the article ending with this
    one-word name; failing that, one starting with it (family name first: `Koo` -> `Koo
    Byoungsam`)."""
    if " " in name:
        return name
    key = fold(name)
    folded = [(full, fold(full).split()) for full in full_names]
    short = [(full, words) for full, words in folded if 2 <= len(words) <= 4]
    ending = next((full for full, words in short if words[-1] == key), None)
    starting = next((full for full, words in short if words[0] == key), None)
    return ending or starting or name


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


def cluster_quotes(quotes: Sequence[Quote]) -> list[QuoteCluster]:
    """Group the quotes of ONE story into versions of the same words across articles.

    Clusters spanning most outlets come first; every quote not in a multi-article cluster is a
    cluster of one, in text order.
    """
    units = [u for q in quotes for u in _units(q)]
    parent = list(range(len(units)))
    position = {id(u): i for i, u in enumerate(units)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in _links(units):
        parent[find(position[id(a)])] = find(position[id(b)])
    groups: dict[int, list[_Unit]] = {}
    for i, unit in enumerate(units):
        groups.setdefault(find(i), []).append(unit)
    multi = _merge_same_quotes(
        [g for g in groups.values() if len({u.quote.article for u in g}) > 1]
    )
    members = [_members(g) for g in multi]
    members.sort(key=lambda m: (-len({q.article for q in m}), m[0].article, m[0].start))
    clustered = {q.id for m in members for q in m}
    singles = [(q,) for q in quotes if q.id not in clustered]
    return [
        QuoteCluster(id=f"c{n}", speaker=_cluster_speaker(m), quotes=tuple(m))
        for n, m in enumerate([*members, *singles], start=1)
    ]


def linked_pairs(quotes: Sequence[Quote]) -> list[tuple[Quote, Quote]]:
    """The direct links between quotes of one story (each narrowed to the part that matched);
    `cluster_quotes` joins them transitively. For checking the matching rules by hand."""
    return [
        (_as_quote([a]), _as_quote([b])) for a, b in _links([u for q in quotes for u in _units(q)])
    ]


def _links(units: Sequence[_Unit]) -> list[tuple[_Unit, _Unit]]:
    return [(units[i], units[j]) for i, j in _candidate_pairs(units) if _linked(units[i], units[j])]


def _units(quote: Quote) -> list[_Unit]:
    pieces = [] if quote.fragment else split_sentences(quote.text)
    merged: list[Span] = []
    for piece in pieces:
        if merged and len(_WORD.findall(piece.text)) < 4:
            last = merged.pop()
            piece = Span(last.start, piece.end, quote.text[last.start : piece.end])
        merged.append(piece)
    merged = merged or [Span(0, len(quote.text), quote.text)]
    return [_unit(quote, quote.start + p.start, quote.start + p.end, p.text) for p in merged]


def _unit(quote: Quote, start: int, end: int, text: str) -> _Unit:
    norm = normalise(text)
    words = frozenset(norm.split())
    stems = frozenset(stem(w) for w in words if is_content_word(w))
    return _Unit(quote, start, end, norm, words, stems)


def normalise(text: str) -> str:
    """Lowercase, possessive `'s` and punctuation removed, whitespace collapsed."""
    text = _POSSESSIVE.sub("", text.lower())
    return " ".join(_NORM_WORD.findall(text))


def _candidate_pairs(units: Sequence[_Unit]) -> Iterable[tuple[int, int]]:
    """Pairs of units from different articles that share a content stem or a run of 3 words:
    only these reach the costly scorers."""
    index: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        words = unit.norm.split()
        trigrams = {" ".join(words[k : k + 3]) for k in range(len(words) - 2)}
        for key in unit.stems | trigrams:
            index.setdefault(key, []).append(i)
    seen: set[tuple[int, int]] = set()
    for postings in index.values():
        for at, i in enumerate(postings):
            for j in postings[at + 1 :]:
                if units[i].quote.article != units[j].quote.article and (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


def _linked(a: _Unit, b: _Unit) -> bool:
    short, long = sorted((a, b), key=lambda u: len(u.norm))
    if len(short.norm) >= 30 and fuzz.partial_ratio(short.norm, long.norm) >= 85:
        return True
    speakers = _speakers_agree(a.quote.speaker, b.quote.speaker)
    if speakers is False:
        return False
    if _same_short_wording(short, long):
        return True
    if len(short.norm) < 30:
        return speakers is True and _contained(short, long)
    return speakers is True and _paraphrase(a, b)


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


def _merge_same_quotes(groups: list[list[_Unit]]) -> list[list[_Unit]]:
    """Sentence groups made of the same quotes (one multi-sentence quote in two outlets) merge."""
    by_quotes: dict[frozenset[str], list[_Unit]] = {}
    for group in groups:
        by_quotes.setdefault(frozenset(u.quote.id for u in group), []).extend(group)
    return list(by_quotes.values())


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
