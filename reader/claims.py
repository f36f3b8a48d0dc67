"""The words of linked sentences that carry what they share, and the parts only one gives.

Two sentences of different outlets linked as one claim rarely say only the same thing: "South
Korea's NIS confirmed in a closed-door briefing at the National Assembly that it participated
in the questioning" shares the NIS's part in the questioning and adds a briefing no one else
mentions. Each word of a sentence gets a set of keys (its stem, a looser stem, the number, date
or name it belongs to, the synonym pairs it is in); a word carries the claim when another outlet's
sentence of the claim has a word with a key in common. Runs of carrying words, bridged over
function words and punctuation, are the claim's mentions; runs of other content words are what
only this outlet says. A loosely worded pair carries only what its matching words say together
(`pair_marks`): a lone word it shares by chance is no claim.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple

MIN_SHARED_WORDS = 3
"""Two sentences share a claim when they have at least this many specific words in common (a
synonym counting as the word; one fewer when one of them is rare in the story, see
`reader.facts`)."""
MIN_PART_WORDS = 2
"""A run of only-here content words shorter than this is a stray word, not a detail."""

LOOSE_STEM = 6
"""Words whose stems agree on their first this many letters count as one word (dependent /
dependence, militarily / military): a truncation stemmer, only inside linked sentences."""


class Token(NamedTuple):
    """A content word of a sentence: `keys` match it across outlets; `name` when it is part of
    a name; `item` when part of a number or a date. (A named tuple: sentences have many.)"""

    start: int
    end: int
    keys: frozenset[str]
    name: bool = False
    item: bool = False


class Part(NamedTuple):
    """A run of words text[start:end], tokens `first` to `last` of its sentence; `words`
    counts its content words, `informative` those that say something (see `_informative`)."""

    start: int
    end: int
    words: int
    informative: int
    item: bool
    first: int = 0
    last: int = 0


def word_keys(stem: str) -> set[str]:
    """The keys of a content word from its stem: the stem, and its first letters when long."""
    keys = {stem}
    if len(stem) > LOOSE_STEM:
        keys.add("~" + stem[:LOOSE_STEM])
    return keys


def _informative(token: Token, common: set[str]) -> bool:
    """A word that says something: a number or date, or a common word rare in the story."""
    if token.item:
        return True
    return not token.name and token.keys.isdisjoint(common)


class WordTraits(NamedTuple):
    """A sentence's tokens as bit masks (bit k for token k): those that say something
    (`_informative`), those rare in the story, those part of a number or date."""

    informative: int
    rare: int
    item: int


def word_traits(tokens: Sequence[Token], common: set[str], rare: AbstractSet[str]) -> WordTraits:
    informative = rare_words = items = 0
    for k, token in enumerate(tokens):
        if _informative(token, common):
            informative |= 1 << k
        if not token.keys.isdisjoint(rare):
            rare_words |= 1 << k
        if token.item:
            items |= 1 << k
    return WordTraits(informative, rare_words, items)


def bit_runs(mask: int) -> Iterator[tuple[int, int, int]]:
    """The runs of set bits of `mask`, lowest first: (first position, length, the run's bits).

    Adding a run's lowest bit carries through the run and clears it, so the bits that the
    sum no longer has are the run."""
    rest = mask
    while rest:
        low = rest & -rest
        run = rest & ~(rest + low)
        yield low.bit_length() - 1, run.bit_count(), run
        rest ^= run


def has_run(mask: int, length: int) -> bool:
    """Whether `mask` has `length` set bits in a row (a run of that many consecutive tokens)."""
    run = mask
    for shift in range(1, length):
        run &= mask >> shift
    return bool(run)


def shared_runs(tokens: Sequence[Token], marked: int, traits: WordTraits) -> list[Part]:
    """The runs of the tokens whose bit is set in `marked` (function words between them are
    not tokens, so they bridge) that are worth a highlight, worked out on the bits: a name or
    more (who), or a word that says what; not a stray stock word ("said"). It runs for each
    sentence of each claim, so the runs are found inline, as `bit_runs` finds them."""
    parts = []
    rest = marked
    while rest:
        low = rest & -rest
        run = rest & ~(rest + low)
        rest ^= run
        length = run.bit_count()
        informative = (traits.informative & run).bit_count()
        if informative or length >= 2:
            first = low.bit_length() - 1
            last = first + length - 1
            item = bool(traits.item & run)
            parts.append(
                Part(tokens[first].start, tokens[last].end, length, informative, item, first, last)
            )
    return parts


def pair_marks(matched: int, traits: WordTraits, close: bool) -> int:
    """Of the tokens of a sentence that match its partner in a linked pair (`matched`, a bit
    mask of their positions), those that carry what the pair shares.

    A pair worded closely (`close`) shares all its matching words. A loosely worded pair
    shares the runs of matching words that say something together (several words, one of
    them informative) and the words rare in the story; a lone word amid words the partner
    does not have ("members", "deal", "security") is shared by chance, and marks nothing
    even when another pair's run ends beside it. (Function words are not tokens, so a run
    is a stretch of consecutive positions.)

    It runs for both sentences of every linked pair, so the runs are found inline, as
    `bit_runs` finds them."""
    if close:
        return matched
    if not matched & (traits.rare | traits.informative):
        return 0
    kept = 0
    rest = matched
    while rest:
        low = rest & -rest
        run = rest & ~(rest + low)
        if traits.rare & run or (traits.informative & run and run.bit_count() >= MIN_PART_WORDS):
            kept |= run
        rest ^= run
    return kept


def only_here_parts(tokens: Sequence[Token], unmarked: int, traits: WordTraits) -> list[Part]:
    """The runs of the tokens whose bit is set in `unmarked` (those that carry no claim of
    the sentence) that are a detail of their own: several words, or a number or date.
    Worked out on the bits, like `shared_runs`: a sentence has many stray words."""
    parts = []
    for first, length, run in bit_runs(unmarked):
        item = bool(traits.item & run)
        if length >= MIN_PART_WORDS or item:
            last = first + length - 1
            informative = (traits.informative & run).bit_count()
            parts.append(
                Part(tokens[first].start, tokens[last].end, length, informative, item, first, last)
            )
    return parts
