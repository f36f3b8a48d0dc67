"""Two versions of an article compared paragraph by paragraph, so that a long article with
one changed sentence shows that sentence, not the whole text again."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Change = Literal["same", "changed", "added", "removed"]


@dataclass(frozen=True)
class ParagraphChange:
    """A run of paragraphs: unchanged (`count` of them), or an old and a new text."""

    kind: Change
    old: str = ""
    new: str = ""
    count: int = 0


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def compare(old: str, new: str) -> list[ParagraphChange]:
    """The changes from `old` to `new` (texts with paragraphs separated by blank lines)."""
    before, after = paragraphs(old), paragraphs(new)
    changes: list[ParagraphChange] = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.append(ParagraphChange("same", count=i2 - i1))
        elif tag == "delete":
            changes.extend(ParagraphChange("removed", old=p) for p in before[i1:i2])
        elif tag == "insert":
            changes.extend(ParagraphChange("added", new=p) for p in after[j1:j2])
        else:
            olds, news = before[i1:i2], after[j1:j2]
            for index in range(max(len(olds), len(news))):
                old_text = olds[index] if index < len(olds) else ""
                new_text = news[index] if index < len(news) else ""
                kind: Change = (
                    "changed" if old_text and new_text else ("removed" if old_text else "added")
                )
                changes.append(ParagraphChange(kind, old=old_text, new=new_text))
    return changes
