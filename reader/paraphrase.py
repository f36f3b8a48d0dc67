"""Words of one meaning ("arrested" / "custody", "exercise" / "training", "assistance" /
"support"), so that two outlets' wordings of one claim match word for word.

The word vectors are the static embedding that ships inside the `wordllama` wheel (MIT): its
token embedding table and tokenizer file, read directly (wordllama's own loader looks for the
tokenizer in the wrong folder and tries to download it, and importing wordllama costs most of
a second). A word's vector is the mean of its tokens' rows, as wordllama pools them; vectors
are kept for the other stories of a task (`reader.tasks.story_task`). Loaded on first use,
in the analysis worker, never at start-up; without the files every word is only itself.

The table is kept as the file stores it, in half precision, and only its leading
`DIMENSIONS` columns: 8 MB in each worker instead of 16 MB as single precision; a word's rows
are widened when they are summed, so its vector is the same to the last bit.

Two words are one when their own vectors' cosine is at least `SYNONYM_SIMILARITY`, chosen on
the dev gold (whole CLI, all 256 dimensions): 0.4 and 0.35 gave shared-fact recall 0.75 and
0.78 against 0.72 without, for 2 and 3 more false shared highlights (of 21); 128 dimensions at
0.4 gave 0.76 and 2 more. Close vectors are not always synonyms ("mayor" / "governor" score
0.35), and closeness is not transitive: joined into classes, the words of one story chained
into classes of 15 ("meeting", "deal", "friction", "speak"...), so each close pair is a match
of its own. Nor are words close only because the tokenizer ends them with one piece
("jail" / "retail" 0.64, "blender" / "contender" 0.68, "buyers" / "sellers"): a word's
vector is the mean of its pieces'. Synonyms count as words two sentences share, and mark the
words that carry a claim; when whole sentences are compared, a word only one outlet uses reads
as its closest synonym (`closest_readings`). Inside two sentences that share a claim, the
words each says differently are paired with their closest counterparts in the other
(`mutual_closest`).
"""

from __future__ import annotations

import importlib.util
import json
import logging
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy

from reader.names import fold
from reader.text import stem

SYNONYM_SIMILARITY = 0.4
MODEL = "l2_supercat"
DIMENSIONS = 128
"""The leading dimensions kept (the table is trained to be cut so, "matryoshka"): 128 of 256
keep the synonyms apart from the rest as well on our pairs, at half the cost."""
ALIGNED_SIMILARITY = 0.45
"""Two words left unmatched in a pair of sentences that share a claim are one when each is the
other's closest there and their cosine is at least this: the pair's shared words already say
the two sentences tell one thing, so each sentence's remaining words are read against the
other's ("halt" / "suspend", "detained" / "arrested") even where both words are in use in
every outlet (`SYNONYM_SIMILARITY` only looks up words one outlet uses). Chosen on the dev
gold (whole CLI): 0.3, 0.4, 0.45 and 0.5 gave shared-fact recall 0.78, 0.77, 0.77 and 0.76
against 0.75 without, for 6, 1, 0 and 0 more false shared highlights (of 11)."""
MEANING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "de", "mis", "anti", "pro")
"""Prefixes of English that make a word's opposite ("legal" / "illegal", "binding" /
"non-binding", "pro-government" / "anti-government") or another word ("mates" / "inmates"):
word vectors put such pairs close (0.83 for legal / illegal), but they are never one
meaning."""
MIN_ROOT = 3
"""Letters a word must keep without its prefix for the prefix to be one ("info" is no "in")."""
BLOCK = 1024
"""Rows of the similarity matrix worked out at once (bounds its memory)."""

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _model() -> tuple[Any, numpy.ndarray] | None:
    """wordllama's tokenizer and embedding table, or None when they cannot be read."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations)))
    try:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(base / "tokenizers" / f"{MODEL}_tokenizer_config.json"))
        table = _leading_columns(base / "weights" / f"{MODEL}_256.safetensors", "embedding.weight")
    except Exception:  # a broken install must not stop the analysis
        log.exception("the wordllama embedding could not be read; words match only as spelt")
        return None
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer, table


def _leading_columns(path: Path, name: str) -> numpy.ndarray:
    """The first `DIMENSIONS` columns of the half-precision matrix `name` of a safetensors
    file, copied out of a memory map of it (so the whole matrix is never read into memory).

    The format: a little-endian 8-byte length, a JSON header of that length giving each
    tensor's dtype, shape and byte range after the header, then the data."""
    with path.open("rb") as file:
        length = int.from_bytes(file.read(8), "little")
        entry = json.loads(file.read(length))[name]
    if entry["dtype"] != "F16" or len(entry["shape"]) != 2:
        raise ValueError(f"{path}: {name} is {entry['dtype']} {entry['shape']}, not a F16 matrix")
    start, end = entry["data_offsets"]
    rows, columns = entry["shape"]
    if end - start != rows * columns * 2:
        raise ValueError(f"{path}: {name} does not fill its byte range")
    mapped = numpy.memmap(path, "<f2", "r", offset=8 + length + start, shape=(rows, columns))
    return numpy.array(mapped[:, :DIMENSIONS])


class _VectorCache:
    """Unit vectors of the words seen so far, rows of one matrix (grown by doubling, up to
    `MAX_CACHED` rows), so that the rows of a story's words are one fancy index, not
    thousands of rows stacked."""

    def __init__(self) -> None:
        self.row: dict[str, int] = {}
        self.matrix = numpy.empty((0, DIMENSIONS), dtype=numpy.float32)

    def __len__(self) -> int:
        return len(self.row)

    def add(self, words: list[str], rows: numpy.ndarray) -> None:
        size, needed = len(self.row), len(self.row) + len(words)
        if needed > len(self.matrix):
            rows_kept = max(needed, min(2 * len(self.matrix), MAX_CACHED))
            grown = numpy.empty((rows_kept, rows.shape[1]), rows.dtype)
            grown[:size] = self.matrix[:size]
            self.matrix = grown
        self.matrix[size:needed] = rows
        self.row.update(zip(words, range(size, needed), strict=True))

    def rows(self, words: list[str]) -> numpy.ndarray:
        return self.matrix[[self.row[w] for w in words]]

    def clear(self) -> None:
        self.row = {}
        self.matrix = numpy.empty((0, DIMENSIONS), dtype=numpy.float32)


_VECTORS = _VectorCache()
"""Unit vectors of the words seen so far, until `clear_caches`."""
MAX_CACHED = 200_000


def vectors(words: list[str]) -> numpy.ndarray | None:
    """Unit vectors of `words`, one row each; None without the model."""
    model = _model()
    if model is None or not words:
        return None
    tokenizer, table = model
    known = _VECTORS.row
    missing = sorted({w for w in words if w not in known})
    if len(_VECTORS) + len(missing) > MAX_CACHED:
        _VECTORS.clear()  # before `missing` is worked out: every word asked for comes back
        missing = sorted(set(words))
    if missing:
        encoded = tokenizer.encode_batch(missing, add_special_tokens=False)
        ids = [e.ids or [0] for e in encoded]
        starts = numpy.cumsum([0] + [len(i) for i in ids[:-1]])
        rows_of_tokens = table[numpy.concatenate(ids)].astype(numpy.float32)
        sums = numpy.add.reduceat(rows_of_tokens, starts, axis=0)
        norms = numpy.linalg.norm(sums, axis=1, keepdims=True)
        _VECTORS.add(missing, sums / numpy.where(norms == 0, 1, norms))
    return _VECTORS.rows(words)


def clear_caches() -> None:
    """Forget the word vectors and pieces worked out so far (the table stays loaded)."""
    _VECTORS.clear()
    _pieces.cache_clear()


class SynonymPair(NamedTuple):
    """Two words of a story whose vectors are close (`first` < `second`), and how close."""

    first: str
    second: str
    similarity: float


def synonym_pairs(words: dict[str, str], alone: Iterable[str] = ()) -> list[SynonymPair]:
    """The close pairs among `words` (key -> a spelling of it) that have one of the words
    `alone` (those one outlet uses: the others match as spelt, so only these are looked up),
    but for a word and the same word with a prefix of `MEANING_PREFIXES` (`_roots`), and two
    words close only by an ending they share (`_share_an_ending`)."""
    keys = sorted(words)
    position = {k: i for i, k in enumerate(keys)}
    queries = sorted(position[k] for k in alone if k in position)
    rows = vectors([words[k] for k in keys])
    if rows is None or len(keys) < 2 or not queries:
        return []
    found: dict[tuple[str, str], float] = {}
    roots: dict[str, set[str]] = {}
    prefixed = [_prefixed(words[k]) for k in keys]  # once a word, not once a pair
    for i, j, similarity in _close_pairs(rows, queries):
        first, second = (keys[i], keys[j]) if keys[i] < keys[j] else (keys[j], keys[i])
        if (prefixed[i] or prefixed[j]) and _opposites(words[first], words[second], roots):
            continue
        if _share_an_ending(words[first], words[second]):
            continue
        found[first, second] = similarity
    return [SynonymPair(first, second, sim) for (first, second), sim in sorted(found.items())]


class CloseWords(NamedTuple):
    """Word `first` of one sentence and word `second` of another, and how close they are."""

    first: int
    second: int
    similarity: float


def close_words(rows: numpy.ndarray, left: numpy.ndarray, right: numpy.ndarray) -> list[CloseWords]:
    """The words of two sentences, given as arrays of the row numbers of their unit vectors in
    `rows`, that are at least `ALIGNED_SIMILARITY` close, by position in `left` and in
    `right`. A word is not close to itself: words spelt alike match without vectors."""
    block = rows[left] @ rows[right].T
    block[left[:, None] == right[None, :]] = 0.0
    return list(map(CloseWords, *_cells_at_least(block, ALIGNED_SIMILARITY)))


def mutual_closest(
    close: Iterable[CloseWords], first_words: Sequence[str], second_words: Sequence[str]
) -> list[tuple[int, int]]:
    """The pairs of `close` whose two words (of `first_words` and of `second_words`) are each
    other's closest: in "halt the tests and close the site" against "suspend the tests and
    shut the site", "halt" reads as "suspend" and "close" as "shut", but not also "close" as
    "suspend". Never a word and its prefixed opposite, nor two words close only by an ending
    they share (`_share_an_ending`). Of equally close words, the first."""
    best_of_first: dict[int, tuple[float, int]] = {}
    best_of_second: dict[int, tuple[float, int]] = {}
    roots: dict[str, set[str]] = {}
    for a, b, similarity in close:
        if _opposites(first_words[a], second_words[b], roots):
            continue
        if _share_an_ending(first_words[a], second_words[b]):
            continue
        if similarity > best_of_first.get(a, (-1.0, 0))[0]:
            best_of_first[a] = (similarity, b)
        if similarity > best_of_second.get(b, (-1.0, 0))[0]:
            best_of_second[b] = (similarity, a)
    return sorted((a, b) for a, (_, b) in best_of_first.items() if best_of_second[b][1] == a)


def _share_an_ending(first: str, second: str) -> bool:
    """Whether two spellings begin with different pieces of the tokenizer but share a later
    piece with a letter in it ("j|ail" / "ret|ail", "bl|ender" / "cont|ender", "buy|ers" /
    "sell|ers", "didn|'|t" / "don|'|t"): a word's vector is the mean of its pieces', so the
    shared piece alone makes the two close, and no meaning does. A shared hyphen or
    apostrophe alone ("long-awaited" / "much-anticipated") says nothing either way. (Words
    that share their first piece, "negoti|ate" / "negoti|ations", are one word inflected,
    which the vectors may tell.)"""
    first_pieces, second_pieces = _pieces(first), _pieces(second)
    if not first_pieces or not second_pieces or first_pieces[0] == second_pieces[0]:
        return False
    return any(piece in second_pieces for piece in first_pieces[1:] if _has_letter(piece))


def _has_letter(piece: str) -> bool:
    return any(character.isalpha() for character in piece)


@lru_cache(maxsize=100_000)
def _pieces(spelling: str) -> tuple[str, ...]:
    """The tokenizer's pieces of a spelling; none without the model."""
    model = _model()
    if model is None:
        return ()
    return tuple(model[0].encode(spelling, add_special_tokens=False).tokens)


def _opposites(first: str, second: str, roots: dict[str, set[str]]) -> bool:
    """Whether two spellings are one word with and without a prefix of `MEANING_PREFIXES`
    (`roots` keeps each spelling's `_roots` once worked out)."""
    if not (_prefixed(first) or _prefixed(second)):
        return False
    for spelling in (first, second):
        if spelling not in roots:
            roots[spelling] = _roots(spelling)
    return bool(roots[first] & roots[second])


def _prefixed(spelling: str) -> bool:
    return spelling.lower().startswith(MEANING_PREFIXES)


def _roots(spelling: str) -> set[str]:
    """The keys of a word (as `reader.facts` keys words: folded, then stemmed) and of what
    is left of it without a prefix of `MEANING_PREFIXES` ("non-binding" -> "binding")."""
    lowered = spelling.lower()
    forms = [lowered] + [
        lowered[len(prefix) :].lstrip("-")
        for prefix in MEANING_PREFIXES
        if lowered.startswith(prefix) and len(lowered) - len(prefix) >= MIN_ROOT
    ]
    return {stem(fold(form)) for form in forms}


def synonym_keys(words: dict[str, str], alone: Iterable[str] = ()) -> dict[str, frozenset[str]]:
    """For `words` (key -> a spelling of it), the keys of the synonym pairs each word is in,
    for the words that have a synonym among them: two words match when they share a key, that
    is when their own vectors are close. Closeness is not carried on ("negotiation" ~
    "meeting" ~ "conference" does not make negotiations conferences). Only the words `alone`
    are looked up (`synonym_pairs`)."""
    return keys_of_pairs(synonym_pairs(words, alone))


def keys_of_pairs(pairs: Iterable[SynonymPair]) -> dict[str, frozenset[str]]:
    """Each word's pair keys ("first=second"), for the words in `pairs`."""
    keys: dict[str, set[str]] = {}
    for first, second, _ in pairs:
        pair = f"{first}={second}"
        keys.setdefault(first, set()).add(pair)
        keys.setdefault(second, set()).add(pair)
    return {word: frozenset(found) for word, found in keys.items()}


def closest_readings(pairs: Iterable[SynonymPair], alone: AbstractSet[str]) -> dict[str, str]:
    """How to read each word `alone` (one outlet uses it) when whole sentences are compared:
    as its closest synonym that other outlets use, so that "arrested" in one outlet meets
    "custody" in another. Two words each used by one outlet, without such a synonym, are both
    read as the first of the two when each is the other's closest. A word others use is read
    as itself. One step only: closeness is not carried on."""
    shared: dict[str, tuple[float, str]] = {}
    lone: dict[str, tuple[float, str]] = {}
    for first, second, similarity in pairs:
        for word, other in ((first, second), (second, first)):
            if word not in alone:
                continue
            best = lone if other in alone else shared
            if (similarity, other) > best.get(word, (-1.0, "")):
                best[word] = (similarity, other)
    readings = {word: other for word, (_, other) in shared.items()}
    for word, (_, other) in lone.items():
        mutual = other not in shared and lone.get(other, (0.0, ""))[1] == word
        if word not in shared and mutual:
            readings[word] = min(word, other)
    return readings


def _close_pairs(found: numpy.ndarray, queries: list[int]) -> Iterable[tuple[int, int, float]]:
    """The (query row, row, similarity) of each close pair, row by row."""
    for start in range(0, len(queries), BLOCK):
        rows_of = queries[start : start + BLOCK]
        block = found[rows_of] @ found.T
        for r, c, similarity in zip(*_cells_at_least(block, SYNONYM_SIMILARITY), strict=True):
            if rows_of[r] != c:
                yield rows_of[r], c, similarity


def _cells_at_least(block: numpy.ndarray, floor: float) -> tuple[list[int], list[int], list[float]]:
    """The rows, columns and values of the cells of `block` at least `floor`. They are found in
    the flattened block: `numpy.nonzero` of a 2-D mask is several times slower."""
    cells = numpy.flatnonzero(block >= floor)
    rows, columns = numpy.divmod(cells, block.shape[1])
    return rows.tolist(), columns.tolist(), block.ravel()[cells].tolist()
