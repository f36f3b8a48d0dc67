"""What a screen hands back to the reader when the user asks to open an article somewhere."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArticleTarget:
    """Open `article_id` with the passage cursor on its clean text[start:end]."""

    article_id: str
    start: int
    end: int
