"""Turn articles into Textual Content: styled by span offsets, never by parsing markup."""

from __future__ import annotations

from textual.content import Content

from reader.library import Article


def article_header(article: Article) -> Content:
    """Title in bold, then "outlet · date", then the URL (dim), from plain strings."""
    meta = " · ".join(part for part in (article.outlet, article.date) if part)
    lines = [article.title, meta] + ([article.url] if article.url else [])
    content = Content("\n".join(lines) + "\n")
    content = content.stylize("bold", 0, len(article.title))
    meta_start = len(article.title) + 1
    content = content.stylize("$text-accent", meta_start, meta_start + len(meta))
    if article.url:
        url_start = meta_start + len(meta) + 1
        content = content.stylize("dim underline", url_start, url_start + len(article.url))
    return content


def plain_body(text: str) -> Content:
    """A body with no highlighting."""
    return Content(text)
