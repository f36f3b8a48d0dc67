"""How far the shared facts that `newsreader facts` misses on the dev gold are from word matching.

usage: .venv/bin/python bench/facts_gap.py [GOLD.yaml] [CORPORA]
       (defaults: ../shared/gold/dev.yaml and ../shared/corpora)

For every (fact, outlet) of the gold's shared facts that no shared highlight covers (as
../shared/tools/score-facts counts them), takes the sentence holding the gold phrase and, for
each other outlet that reports the fact, that outlet's sentence, and prints how close the two
are by what the analysis can see:

- content words in common that are not common in the story (in more than a fifth of its
  sentences, as `reader.facts` counts them: "said", the story's subject), a synonym pair of
  the packaged word vectors counting as a word (`reader.paraphrase`);
- the same without the words of names (a name alone is no claim);
- whether each sentence is the other's closest in its article by the packaged vectors (the
  mean of its content words' vectors, weighted by how rare each word is in the story).

A pair with few words in common whose sentences are not even each other's closest by meaning
is out of reach of word matching and of these vectors: it needs a reading of what the
sentences say ("wait another 30 days" / "until June 1").
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy
import yaml

from reader.commands.loading import analyse, open_workspace
from reader.facts import COMMON_WORD_SHARE, MIN_COMMON_SENTENCES
from reader.names import find_names
from reader.paraphrase import DIMENSIONS, synonym_keys, vectors
from reader.text import TextSpan, is_content_word, split_sentences, stem

SHARED = Path(__file__).resolve().parents[2] / "shared"
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def content(text: str) -> dict[str, str]:
    """The sentence's content-word stems, each with a spelling."""
    return {stem(w.lower()): w.lower() for w in WORD.findall(text) if is_content_word(w)}


def main() -> None:
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "gold" / "dev.yaml"
    corpora = Path(sys.argv[2]) if len(sys.argv) > 2 else SHARED / "corpora"
    gold = yaml.safe_load(gold_path.read_text())["stories"]
    shared_words: Counter[int] = Counter()
    beyond: Counter[int] = Counter()
    closest: Counter[str] = Counter()
    for name, story in gold.items():
        workspace = open_workspace([corpora / name])
        if workspace is None:
            continue
        analysis = analyse(workspace)
        outlet_of = {a.id: a.path.stem for a in workspace.articles}
        texts = {outlet_of[d.id]: d.text for d in workspace.docs()}
        covered: dict[str, list[tuple[int, int]]] = {}
        for facts in analysis.facts.values():
            for fact in facts.shared:
                for m in fact.mentions:
                    covered.setdefault(outlet_of[m.article], []).append((m.start, m.end))
        sentences = {o: split_sentences(t) for o, t in texts.items()}
        words = {o: [content(s.text) for s in found] for o, found in sentences.items()}
        words = _without_common(words)
        names = {
            stem(w.lower())
            for t in texts.values()
            for n in find_names(t)
            for w in WORD.findall(n.text)
        }
        nearest = _nearest_by_meaning(words)
        print(name)
        for fact, forms in (story.get("shared_facts") or {}).items():
            found = {o: _sentence_at(texts[o], sentences[o], rx) for o, rx in forms.items()}
            for outlet, (index, span) in found.items():
                if index is None or _covered(covered.get(outlet, []), span):
                    continue
                for other, (other_index, _) in found.items():
                    if other == outlet or other_index is None:
                        continue
                    mine, theirs = words[outlet][index], words[other][other_index]
                    common = _in_common(mine, theirs)
                    beyond_names = _in_common(
                        {k: v for k, v in mine.items() if k not in names},
                        {k: v for k, v in theirs.items() if k not in names},
                    )
                    beyond[min(beyond_names, 3)] += 1
                    mutual = (
                        nearest[outlet, other][index] == other_index
                        and nearest[other, outlet][other_index] == index
                    )
                    one_way = nearest[outlet, other][index] == other_index
                    kind = "each other's closest" if mutual else "one way" if one_way else "no"
                    shared_words[min(common, 3)] += 1
                    closest[kind] += 1
                    print(
                        f"  {fact} {outlet}~{other}: {common} words in common "
                        f"({beyond_names} beyond names), closest: {kind}"
                    )
    print("pairs by words in common (3 = three or more):", dict(sorted(shared_words.items())))
    print("the same, names left out:", dict(sorted(beyond.items())))
    print("pairs by closeness of meaning:", dict(closest))


def _without_common(words: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    counts = Counter(k for found in words.values() for s in found for k in s)
    limit = max(MIN_COMMON_SENTENCES, COMMON_WORD_SHARE * sum(map(len, words.values())))
    return {
        o: [{k: v for k, v in s.items() if counts[k] <= limit} for s in found]
        for o, found in words.items()
    }


def _sentence_at(
    text: str, sentences: list[TextSpan], pattern: str
) -> tuple[int | None, tuple[int, int]]:
    match = re.search(pattern, text, re.I)
    if match is None:
        return None, (0, 0)
    for index, sentence in enumerate(sentences):
        if sentence.start <= match.start() < sentence.end:
            return index, match.span()
    return None, match.span()


def _covered(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _in_common(mine: dict[str, str], theirs: dict[str, str]) -> int:
    """Words both have, a synonym pair counting as one word."""
    same = mine.keys() & theirs.keys()
    rest = {k: v for k, v in mine.items() if k not in same}
    others = {k: v for k, v in theirs.items() if k not in same}
    keys = synonym_keys({**rest, **others}, rest)
    paired = {key for k in rest for key in keys.get(k, ())}
    matched = {key for k in others for key in keys.get(k, ())} & paired
    return len(same) + min(len(matched), len(rest), len(others))


def _nearest_by_meaning(
    words: dict[str, list[dict[str, str]]],
) -> dict[tuple[str, str], list[int]]:
    """For each outlet and each other outlet, the index of the other's closest sentence to
    each of its sentences, by rarity-weighted mean word vectors."""
    counts = Counter(k for found in words.values() for s in found for k in s)
    total = sum(len(found) for found in words.values())
    embedded = {
        o: numpy.stack([_embed(s, counts, total) for s in found]) for o, found in words.items()
    }
    return {
        (a, b): (embedded[a] @ embedded[b].T).argmax(axis=1).tolist()
        for a in embedded
        for b in embedded
        if a != b and len(embedded[b])
    }


def _embed(sentence: dict[str, str], counts: Counter[str], total: int) -> numpy.ndarray:
    keys = list(sentence)
    rows = vectors([sentence[k] for k in keys]) if keys else None
    if rows is None:
        return numpy.zeros(DIMENSIONS)
    weights = numpy.array([math.log(total / counts[k]) for k in keys])
    summed = (rows * weights[:, None]).sum(axis=0)
    return summed / (numpy.linalg.norm(summed) or 1.0)


if __name__ == "__main__":
    main()
