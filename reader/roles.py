"""What outlets call a person: the role beside a name ("CEO Dan Cathy", "Wayne LaPierre, the
rifle association's executive director"), so that two outlets giving one man different roles
can be shown as a disagreement.

A role is a run of role words right before the name (an article, a comma or an organisation's
name may sit between) or an apposition right after it (", the ... director"). Spellings of one
role are made one ("Gov." = "governor", "chief executive" = "CEO", "Rep." = "congressman").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.names import TITLES

HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "lord", "lady", "dame"})
"""Titles of courtesy, not roles: "Mr. Cathy" says nothing about his job."""

ROLE_WORDS = (TITLES - HONORIFICS) | frozenset(
    {
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "executive",
        "founder",
        "owner",
        "head",
        "officer",
        "rep",
        "representatives",
    }
)
"""Words that name an office or a job, as they stand before or after a person's name."""

SAME_ROLE = {
    "chief executive": "ceo",
    "chief executive officer": "ceo",
    "gov": "governor",
    "sen": "senator",
    "rep": "congressman",
    "representative": "congressman",
    "congresswoman": "congressman",
    "gen": "general",
    "col": "colonel",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "chairwoman": "chairman",
    "chair": "chairman",
}
"""Spellings of one role."""

_WORD = re.compile(r"[\w’'.-]+")
_BEFORE_GAP = re.compile(r"^(?:,?\s*(?:the|a|an)?\s*,?\s*)$", re.IGNORECASE)
_APPOSITION = re.compile(
    r",\s+(?:the|a|an|its|his|her)\s+((?:[\w’'.-]+\s+){0,4}?[\w’'.-]+)\s*(?:,|\.|;|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Role:
    """A role given to a person: `role` normalised, text[start:end] the role with the name."""

    role: str
    start: int
    end: int


def leading_roles(name: str) -> tuple[str, str]:
    """A name split into the role words inside it and the person after them: "NRA CEO Wayne
    LaPierre" -> ("CEO", "Wayne LaPierre")."""
    words = name.split()
    roles = [k for k, w in enumerate(words[:-1]) if _plain(w) in ROLE_WORDS]
    if not roles:
        return "", name
    last = roles[-1]
    first = last
    while first > 0 and _plain(words[first - 1]) in ROLE_WORDS:
        first -= 1
    return " ".join(words[first : last + 1]), " ".join(words[last + 1 :])


_NAME_BEFORE = re.compile(r"(?:\b[A-Z][a-z]+\s+|\b[A-Z]\.\s+)+$")


def name_start(text: str, start: int) -> int:
    """Where a name really starts when capitalised words or initials a name finder left out
    come right before it ("Dan T. " before "Cathy")."""
    found = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return found.start() if found else start


def normalised(role: str) -> str:
    return _normalise(role.split())


def role_of(text: str, start: int, end: int) -> Role | None:
    """The role the text gives the name text[start:end], or None."""
    before = _role_before(text, start)
    if before:
        role, role_start = before
        return Role(role, role_start, end)
    after = _APPOSITION.match(text, end, min(len(text), end + 120))
    if after:
        words = after.group(1).split()
        role_words = _first_roles(words)
        if role_words:
            return Role(_normalise(role_words), start, after.end(1))
    return None


def _role_before(text: str, start: int) -> tuple[str, int] | None:
    """A run of role words ending right before `start` (gap: a comma, an article)."""
    window_start = max(0, start - 80)
    words = list(_WORD.finditer(text, window_start, start))
    run: list[re.Match[str]] = []
    for match in reversed(words):
        gap_end = run[0].start() if run else start
        if not _BEFORE_GAP.match(text[match.end() : gap_end]) and not (
            run and text[match.end() : gap_end].isspace()
        ):
            break
        if _plain(match.group()) in ROLE_WORDS:
            run.insert(0, match)
        else:
            break
    if not run:
        return None
    return _normalise([m.group() for m in run]), run[0].start()


def _first_roles(words: list[str]) -> list[str]:
    """The first run of role words in an apposition ("the former governor of Arkansas")."""
    run: list[str] = []
    for word in words:
        if _plain(word) in ROLE_WORDS:
            run.append(word)
        elif run:
            break
    return run


def _plain(word: str) -> str:
    return word.lower().strip(".,’'")


def _normalise(words: list[str]) -> str:
    """One spelling per role: the last role words, with known variants made one."""
    plain = [_plain(w) for w in words if _plain(w) not in {"former", "vice"}] or [_plain(words[-1])]
    phrase = " ".join(plain)
    if phrase in SAME_ROLE:
        return SAME_ROLE[phrase]
    last = plain[-1]
    if len(plain) >= 2 and f"{plain[-2]} {last}" in SAME_ROLE:
        return SAME_ROLE[f"{plain[-2]} {last}"]
    return SAME_ROLE.get(last, last) if last != "director" else " ".join(plain[-2:])
