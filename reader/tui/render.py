"""Turn articles into Textual Content: styled by span offsets, never by parsing markup."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content, Span

from reader.clean import RemovedLine
from reader.library import UNKNOWN_OUTLET, Article, has_unknown_outlet


def article_meta(article: Article) -> Content:
    """ "outlet · date"; where nothing names the outlet, "unknown outlet" and the file
    name (dim) instead of an id-like name that reads as one."""
    if not has_unknown_outlet(article):
        return Content(" · ".join(part for part in (article.outlet, article.date) if part))
    meta = Content(f"{UNKNOWN_OUTLET} · ").stylize("italic") + Content(article.outlet).stylize(
        "dim"
    )
    return meta + Content(f" · {article.date}") if article.date else meta


def article_header(article: Article) -> Content:
    """Title in bold, then "outlet · date", then the URL (dim), from plain strings."""
    meta = article_meta(article).stylize_before("$text-accent")
    url = Content(f"\n{article.url}").stylize("dim underline", 1) if article.url else Content()
    return Content(article.title).stylize("bold") + Content("\n") + meta + url + Content("\n")


StyleSpan = tuple[int, int, str]
"""A style on text[start:end]."""


def raw_body(raw: str, removed: Sequence[RemovedLine]) -> tuple[str, list[StyleSpan]]:
    """The raw text, line by line: removed lines dimmed and struck, each followed by its reason."""
    reasons = {item.line: item.reason for item in removed}
    pieces: list[str] = []
    spans: list[StyleSpan] = []
    offset = 0
    for number, line in enumerate(raw.splitlines(), start=1):
        reason = reasons.get(number)
        if reason is None:
            pieces.append(line + "\n")
            offset += len(line) + 1
            continue
        note = f"  ← {reason}"
        spans.append((offset, offset + len(line), "dim strike"))
        spans.append((offset + len(line), offset + len(line) + len(note), "italic $text-warning"))
        pieces.append(line + note + "\n")
        offset += len(line) + len(note) + 1
    return "".join(pieces), spans


def styled(text: str, spans: Sequence[StyleSpan]) -> Content:
    """Plain `text` with styles on character ranges; one Content, however many spans."""
    return Content(text, [Span(start, end, style) for start, end, style in spans if end > start])
