"""Word-level alignment of two versions of a quote, and a plain-text side-by-side rendering.

Words are compared by a key that ignores case, punctuation and quote-mark style, with a
possessive `'s` split off as its own word, so `Un's` against `Un` is one equal word and one
inserted one. Pairing is by longest common subsequence (`rapidfuzz.distance.Indel`): unlike
Levenshtein it never pairs unrelated words as "replaced" just because they sit at the same place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel

from reader.text import is_content_word, stem

Tag = Literal["equal", "replace", "insert", "delete"]

_TOKEN = re.compile(r"[’']s(?!\w)|[^\s’']+(?:[’'](?!s(?!\w))[^\s’']*)*|[’']")
NEAR_SIMILARITY = 0.75
"""Indel similarity of two keys above which a replaced word counts as a near-identical form."""


@dataclass(frozen=True)
class WordDiff:
    """One step of the alignment: `left` / `right` are original words ("" on the absent side).

    `near` marks a replaced pair that is a form of the same word (organize / organizing);
    `moved` marks an inserted or deleted word that appears on the other side elsewhere.
    """

    tag: Tag
    left: str
    right: str
    near: bool = False
    moved: bool = False


def tokens(text: str) -> list[str]:
    """The words of `text` as written, with a possessive `'s` split off: "Un's" -> "Un", "'s"."""
    return _TOKEN.findall(text)


def word_key(word: str) -> str:
    """What two words are compared by: lowercase, no punctuation, one apostrophe style."""
    key = re.sub(r"[^\w']", "", word.lower().replace("’", "'"))
    return key.strip("'") if key != "'s" else key


def align_words(left: str, right: str) -> list[WordDiff]:
    """Align the words of two texts: every word of each side appears once, in order."""
    left_words, right_words = tokens(left), tokens(right)
    left_keys = [word_key(w) for w in left_words]
    right_keys = [word_key(w) for w in right_words]
    diffs: list[WordDiff] = []
    lefts: list[str] = []
    rights: list[str] = []
    for op in Indel.opcodes(left_keys, right_keys):
        if op.tag == "equal":
            diffs += _changed(lefts, rights)
            lefts, rights = [], []
            equal = zip(
                left_words[op.src_start : op.src_end],
                right_words[op.dest_start : op.dest_end],
                strict=True,
            )
            diffs += [WordDiff("equal", a, b) for a, b in equal]
        else:
            lefts += left_words[op.src_start : op.src_end]
            rights += right_words[op.dest_start : op.dest_end]
    diffs += _changed(lefts, rights)
    return _mark_moved(diffs)


def _changed(lefts: list[str], rights: list[str]) -> list[WordDiff]:
    """A run of changed words between two equal runs.

    Near-identical forms (organize / organizing) are paired first, in order; between them,
    words are paired by position as replaced and the longer side's rest deleted or inserted.
    """
    diffs: list[WordDiff] = []
    i = j = 0
    for a, b in _near_pairs(lefts, rights):
        diffs += _by_position(lefts[i:a], rights[j:b])
        diffs.append(WordDiff("replace", lefts[a], rights[b], near=True))
        i, j = a + 1, b + 1
    return diffs + _by_position(lefts[i:], rights[j:])


def _near_pairs(lefts: list[str], rights: list[str]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    next_right = 0
    for a, word in enumerate(lefts):
        b = next((b for b in range(next_right, len(rights)) if _near(word, rights[b])), None)
        if b is not None:
            pairs.append((a, b))
            next_right = b + 1
    return pairs


def _by_position(lefts: list[str], rights: list[str]) -> list[WordDiff]:
    paired = min(len(lefts), len(rights))
    diffs = [WordDiff("replace", a, b) for a, b in zip(lefts, rights, strict=False)]
    diffs += [WordDiff("delete", a, "") for a in lefts[paired:]]
    return diffs + [WordDiff("insert", "", b) for b in rights[paired:]]


def _near(a: str, b: str) -> bool:
    ka, kb = word_key(a), word_key(b)
    if not ka or not kb or ka == kb:
        return False
    return stem(ka) == stem(kb) or (
        min(len(ka), len(kb)) >= 5 and Indel.normalized_similarity(ka, kb) >= NEAR_SIMILARITY
    )


def _mark_moved(diffs: list[WordDiff]) -> list[WordDiff]:
    """Mark content words deleted on one side and inserted elsewhere on the other as moved."""
    deleted = Counter(word_key(d.left) for d in diffs if d.tag == "delete")
    inserted = Counter(word_key(d.right) for d in diffs if d.tag == "insert")
    movable = {k: min(n, inserted[k]) for k, n in deleted.items() if is_content_word(k)}
    budget = {"delete": Counter(movable), "insert": Counter(movable)}
    marked = []
    for diff in diffs:
        key = word_key(diff.left if diff.tag == "delete" else diff.right)
        if diff.tag in budget and budget[diff.tag][key] > 0:
            budget[diff.tag][key] -= 1
            diff = WordDiff(diff.tag, diff.left, diff.right, moved=True)
        marked.append(diff)
    return marked


# ------------------------------------------------------------------- side-by-side layout

Cell = tuple[str, str]
"""A word of a side-by-side row and its kind: "equal", "changed" (replaced), "near" (a near
form), "moved", or "only" (deleted from the left, or inserted on the right)."""
Row = list[Cell]


def side_by_side_rows(
    left: str, right: str, width: int, measure: Callable[[Row], int]
) -> tuple[list[Row], list[Row]]:
    """The word diff of two versions laid out in two columns of `width`, as rows of cells.

    `measure` is how wide a row is as its front end draws it (with marks, or in terminal
    cells). Each side wraps at word boundaries (a word too long for a row is cut); whenever
    one side has wrapped onto more rows, the next run of equal words starts on a fresh row on
    both sides, so the versions stay level however long they are. The CLI brackets the kinds
    (`side_by_side`), the app styles them: one layout for both."""
    sides = (_Side(width, measure), _Side(width, measure))
    for equal, chunk in _chunks(align_words(left, right)):
        if equal and sides[0].height != sides[1].height:
            _level(sides)
        for diff in chunk:
            kind = _kind(diff)
            if diff.left:
                sides[0].add(diff.left, kind)
            if diff.right:
                sides[1].add(diff.right, kind)
    _level(sides)
    return sides[0].rows, sides[1].rows


def joins_previous(word: str) -> bool:
    """A split-off possessive `'s` is written against the word before it."""
    return word_key(word) == "'s"


class _Side:
    """One column being filled: finished rows and the cells of the row in progress."""

    def __init__(self, width: int, measure: Callable[[Row], int]) -> None:
        self.width = max(width, 1)
        self.measure = measure
        self.rows: list[Row] = []
        self.row: Row = []

    @property
    def height(self) -> int:
        return len(self.rows)

    def add(self, word: str, kind: str) -> None:
        for piece in self._fold(word, kind):
            if self.row and self.measure([*self.row, (piece, kind)]) > self.width:
                self.end_row()
            self.row.append((piece, kind))

    def end_row(self) -> None:
        if self.row:
            self.rows.append(self.row)
            self.row = []

    def _fold(self, word: str, kind: str) -> list[str]:
        """A word too long for a row (a URL) cut into pieces that fit."""
        if self.measure([(word, kind)]) <= self.width:
            return [word]
        pieces, piece = [], ""
        for char in word:
            if piece and self.measure([(piece + char, kind)]) > self.width:
                pieces.append(piece)
                piece = ""
            piece += char
        return [*pieces, piece]


def _level(sides: tuple[_Side, _Side]) -> None:
    for side in sides:
        side.end_row()
    height = max(side.height for side in sides)
    for side in sides:
        side.rows += [[] for _ in range(height - side.height)]


def _chunks(diffs: list[WordDiff]) -> list[tuple[bool, list[WordDiff]]]:
    chunks: list[tuple[bool, list[WordDiff]]] = []
    for diff in diffs:
        equal = diff.tag == "equal"
        if chunks and chunks[-1][0] == equal:
            chunks[-1][1].append(diff)
        else:
            chunks.append((equal, [diff]))
    return chunks


def _kind(diff: WordDiff) -> str:
    if diff.tag == "equal":
        return "equal"
    if diff.moved:
        return "moved"
    if diff.tag == "replace":
        return "near" if diff.near else "changed"
    return "only"


# ------------------------------------------------------------------------- plain text (CLI)

MARKS = {"changed": ("[", "]"), "near": ("~", "~"), "moved": ("{", "}")}
"""How `side_by_side` marks words: [changed, inserted or deleted], ~near form~, {moved}."""


def side_by_side(left: str, right: str, width: int = 100, *, gutter: str = " | ") -> list[str]:
    """The two versions in columns of plain text, changed words marked (see `MARKS`)."""
    column = max(10, (width - len(gutter)) // 2)
    lefts, rights = side_by_side_rows(left, right, column, lambda row: len(_render(row)))
    rows = zip(map(_render, lefts), map(_render, rights), strict=True)
    return [f"{a:<{column}}{gutter}{b}".rstrip() for a, b in rows]


def _render(words: Row) -> str:
    """Words joined by spaces (a split-off `'s` rejoined), each run of one mark marked once
    (a word only one side has is marked as changed)."""
    marks = [("changed" if kind == "only" else kind) for _, kind in words]
    out = ""
    for i, (word, _) in enumerate(words):
        kind = marks[i]
        previous = marks[i - 1] if i else None
        following = marks[i + 1] if i + 1 < len(marks) else None
        if i and not joins_previous(word):
            out += " "
        if kind != "equal" and previous != kind:
            out += MARKS[kind][0]
        out += word
        if kind != "equal" and following != kind:
            out += MARKS[kind][1]
    return out
