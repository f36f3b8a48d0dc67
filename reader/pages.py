"""Article pages from the web: decoded whatever their charset, and their text and metadata
(title, outlet, date, author, canonical URL) extracted with trafilatura."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from reader.html_extraction import bare_extraction
from reader.urls import canonical_url, host_of

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", re.IGNORECASE)
_CANONICAL = re.compile(
    r"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical\b)[^>]*\bhref\s*=\s*["']([^"'\s>]+)""",
    re.IGNORECASE,
)
_NOT_PAGES = {
    "application/pdf": "a PDF document",
    "application/zip": "a zip archive",
    "application/octet-stream": "a binary file",
}


DETECT_FROM_SHARE = 0.2
"""Bytes above ASCII needed (as a share) before the charset is guessed by detection."""


class PageError(Exception):
    """A fetched body that is not an article page; the message says what it is."""


@dataclass(frozen=True)
class Page:
    """An article page: its HTML as text, its text and metadata, where it was fetched."""

    url: str
    canonical: str
    html: str
    encoding: str
    text: str
    title: str
    outlet: str
    date: str | None
    author: str | None


def refuse_non_pages(body: bytes, content_type: str) -> None:
    """Raise PageError for a PDF, an image or other binary where a page was expected."""
    if body.startswith(b"%PDF") or content_type == "application/pdf":
        raise PageError("a PDF document, not a web page: newsreader reads HTML pages only")
    what = _NOT_PAGES.get(content_type)
    if what is None and content_type.startswith(("image/", "audio/", "video/")):
        what = f"{content_type.split('/')[0]} content"
    utf16 = body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if what is None and b"\x00" in body[:4096] and not utf16:
        what = "a binary file"
    if what:
        raise PageError(f"{what}, not a web page ({content_type or 'no content type'})")


def decode(body: bytes, content_type_header: str = "") -> tuple[str, str]:
    """The text of an HTML body and the charset that decoded it: a BOM, else the HTTP
    header's charset, else the page's own (`<meta charset>`, XML declaration), else UTF-8,
    else a detected one, else Windows-1252. A declared charset the bytes contradict is
    passed over, so a page that says utf-8 but is Latin-1 still reads right."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name.removesuffix("-sig")
    header = _HEADER_CHARSET.search(content_type_header or "")
    declared = [header.group(1)] if header else []
    for pattern in (_META_CHARSET, _XML_ENCODING):
        found = pattern.search(body[:8192])
        if found:
            declared.append(found.group(1).decode("ascii", "ignore"))
    for name in [*declared, "utf-8"]:
        text = _strict(body, name)
        if text is not None:
            return text, _normal(name)
    detected = _detected(body)
    if detected:
        return detected
    return body.decode("cp1252", errors="replace"), "cp1252"


def _strict(body: bytes, name: str) -> str | None:
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    if codec.name in ("utf-16", "utf-32"):
        return None  # without a BOM these "succeed" on most bytes
    try:
        return body.decode(codec.name)
    except (UnicodeDecodeError, ValueError):
        return None


def _normal(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _detected(body: bytes) -> tuple[str, str] | None:
    """A detector's guess, asked only for text mostly outside ASCII (Cyrillic, Greek, ...):
    for Latin-script text with a few accents Windows-1252 is right far more often."""
    sample = body[:200_000]
    if sum(byte > 0x7F for byte in sample) < DETECT_FROM_SHARE * len(sample):
        return None
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(body[:200_000]).best()
    if best is None or not best.encoding or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    return body.decode(best.encoding, errors="replace"), best.encoding


def extract(html: str, url: str, encoding: str = "utf-8") -> Page:
    """Text and metadata of the page at `url`. The canonical URL is the page's own
    `<link rel=canonical>` when it is on the web, else the fetched URL; tracking removed."""
    document = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = ""
    title = author = date = sitename = None
    if document is not None:
        lines = (document.text or "").splitlines()
        text = "\n\n".join(" ".join(line.split()) for line in lines if line.strip())
        title, author, date, sitename = (
            document.title,
            document.author,
            document.date,
            document.sitename,
        )
    return Page(
        url=url,
        canonical=canonical_of(html, url),
        html=html,
        encoding=encoding,
        text=text,
        title=" ".join((title or "").split()) or url,
        outlet=" ".join((sitename or "").split()) or re.sub(r"^www\.", "", host_of(url)),
        date=date or None,
        author=" ".join(author.split()) if author else None,
    )


def canonical_of(html: str, url: str) -> str:
    found = _CANONICAL.search(html[:200_000])
    if found:
        candidate = canonical_url(found.group(1), base=url)
        if candidate.startswith(("http://", "https://")):
            return candidate
    return canonical_url(url)
