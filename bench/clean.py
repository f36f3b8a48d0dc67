"""Benchmark reader mode (reader/clean.py) on the shared corpora and print the figures.

    .venv/bin/python bench/clean.py             # textbench P/R/F1, allsides survivors, speed
    .venv/bin/python bench/clean.py --review 20 # also print what was removed from 20 allsides
                                                # files, to check by hand for lost article lines

textbench: every page is cleaned on its own, and again as a library grouped by site (pages of
one domain share their furniture), and /work/shared/tools/score-clean scores both. The pages
are also split into two halves by domain (dev/test) to show the rules are not tuned to one.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from reader.clean import CleanedArticle, clean_text, find_site_furniture

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"
SCORER = SHARED / "tools" / "score-clean"

KNOWN_BOILERPLATE = {
    "advertisement": re.compile(r"^\W*advertisement\b|^\W*ad\W*$", re.IGNORECASE),
    "newsletter sign-up": re.compile(
        r"sign up for .*newsletter|newsletter.*sign up|manage newsletters|"
        r"delivered to your inbox|subscribe to (?:our|the) .*newsletter",
        re.IGNORECASE,
    ),
    "copyright": re.compile(r"^\W*(?:copyright\b|©)|all rights reserved", re.IGNORECASE),
    "photo credit": re.compile(
        r"\((?:photo|image|credit)s?:[^)]*\)\s*$|^(?:photo|image|picture)s?(?: credit)?:|"
        r"toggle caption|^image (?:copyright|source)",
        re.IGNORECASE,
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", type=int, default=0, metavar="N")
    args = parser.parse_args()
    if not CORPORA.is_dir() or not SCORER.exists():
        print(f"bench/clean.py: the shared corpora are not at {CORPORA}", file=sys.stderr)
        return 1
    textbench()
    allsides(args.review)
    speed()
    return 0


# ----------------------------------------------------------------------------- textbench


def textbench() -> None:
    folder = CORPORA / "textbench"
    pages = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("[0-9]*.txt"))}
    pages = {k: v for k, v in pages.items() if not k.endswith(".truth")}
    domain = _domains(folder / "index.tsv")
    by_site: dict[str, list[str]] = defaultdict(list)
    for page_id in pages:
        by_site[domain.get(page_id, page_id)].append(page_id)
    furniture = {
        page_id: find_site_furniture([pages[i] for i in by_site[domain.get(page_id, page_id)]])
        for page_id in pages
    }
    with tempfile.TemporaryDirectory() as alone, tempfile.TemporaryDirectory() as library:
        for page_id, raw in pages.items():
            Path(alone, f"{page_id}.txt").write_text(clean_text(raw).text, encoding="utf-8")
            in_library = clean_text(raw, site_furniture=furniture[page_id])
            Path(library, f"{page_id}.txt").write_text(in_library.text, encoding="utf-8")
        halves = _split_by_domain(pages, domain)
        print("textbench (bag-of-words P/R/F1 is the target metric; truth excludes headlines)")
        for name, pred in (("each page alone", alone), ("pages grouped by site", library)):
            _score(name, pred)
            for half, ids in halves.items():
                _score(f"  {name}, {half} half", pred, ids)


def _domains(index: Path) -> dict[str, str]:
    rows = (line.split("\t") for line in index.read_text(encoding="utf-8").splitlines())
    return {row[0]: re.sub(r"^https?://(?:www\.)?([^/]+).*", r"\1", row[2]) for row in rows}


def _split_by_domain(pages: dict[str, str], domain: dict[str, str]) -> dict[str, list[str]]:
    halves: dict[str, list[str]] = {"dev": [], "test": []}
    for page_id in pages:
        digest = hashlib.sha1(domain.get(page_id, page_id).encode()).digest()
        halves["dev" if digest[0] % 2 else "test"].append(page_id)
    return halves


def _score(name: str, pred_dir: str, ids: list[str] | None = None) -> None:
    command = [sys.executable, str(SCORER), pred_dir, "--name", name]
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as id_file:
        if ids is not None:
            id_file.write("\n".join(ids))
            id_file.flush()
            command += ["--ids", id_file.name]
        print(subprocess.run(command, capture_output=True, text=True, check=True).stdout.rstrip())


# ------------------------------------------------------------------------------ allsides


def allsides(review: int) -> None:
    folder = CORPORA / "allsides"
    files = sorted(folder.glob("*/*.txt"))
    raws = {path: path.read_text(encoding="utf-8") for path in files}
    by_outlet: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        by_outlet[path.parent.name].append(path)
    alone = {path: clean_text(raw) for path, raw in raws.items()}
    library: dict[Path, CleanedArticle] = {}
    for paths in by_outlet.values():
        furniture = find_site_furniture([raws[p] for p in paths])
        library.update({p: clean_text(raws[p], site_furniture=furniture) for p in paths})
    print(f"\nallsides ({len(files)} newspaper3k extractions): known boilerplate lines")
    before = _known_lines(raws[p].splitlines() for p in files)
    for name, cleaned in (("each page alone", alone), ("pages grouped by outlet", library)):
        after = _known_lines(c.paragraphs for c in cleaned.values())
        detail = ", ".join(f"{k} {after[k]}/{before[k]}" for k in KNOWN_BOILERPLATE)
        print(f"  {name:<24} surviving {sum(after.values())}/{sum(before.values())}: {detail}")
    for path, cleaned in alone.items():
        for paragraph in cleaned.paragraphs:
            if _kind(paragraph):
                print(f"    survivor {path.relative_to(folder)}: {paragraph[:100]}")
    if review:
        _print_review(folder, alone, review)


def _kind(line: str) -> str | None:
    text = line.strip()
    if not text or len(text.split()) > 40:
        return None
    return next((kind for kind, rx in KNOWN_BOILERPLATE.items() if rx.search(text)), None)


def _known_lines(texts) -> Counter[str]:
    counts: Counter[str] = Counter()
    for lines in texts:
        counts.update(kind for line in lines if (kind := _kind(line)))
    return counts


def _print_review(folder: Path, cleaned: dict[Path, CleanedArticle], count: int) -> None:
    sample = random.Random(20250113).sample(sorted(cleaned), count)
    print(f"\nremoved lines of {count} allsides files, to check by hand for lost article lines")
    for path in sample:
        print(f"--- {path.relative_to(folder)}")
        for removed in cleaned[path].removed:
            print(f"  {removed.line:>4} [{removed.reason}] {removed.text[:110]}")


# --------------------------------------------------------------------------------- speed


def speed() -> None:
    raws = [
        path.read_bytes().decode("utf-8", errors="replace")
        for path in sorted(CORPORA.rglob("*.txt"))
        if not path.name.endswith(".truth.txt") and path.name != "README.md"
    ]
    start = time.perf_counter()
    for raw in raws:
        clean_text(raw)
    seconds = time.perf_counter() - start
    print(
        f"\nspeed: {len(raws)} files of {CORPORA} in {seconds:.2f} s on one core: "
        f"{len(raws) / seconds:,.0f} articles/s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
