"""Recognise metadata lines in scraped article text: URLs, bare domains, bylines, credits, dates.

Each recogniser looks at one whole line and answers only when the whole line is that kind of
line, so a sentence that merely mentions a date or a website is never taken for metadata.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)} | MONTH_ABBREVIATIONS
"""Month names and abbreviations, lowercase, to month numbers."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_URL_LINE = re.compile(r"^(?:[A-Za-z ]{1,20}:\s*)?(https?://\S+)$")
_DOMAIN_LINE = re.compile(r"^(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})/?$", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+(?P<name>[^\d:]{2,80})$", re.IGNORECASE)
_CREDIT = re.compile(r"^(?:courtesy|source|credit|via)\s*:\s*(?P<name>.{2,80})$", re.IGNORECASE)
_EMPTY_FIELD = re.compile(r"^[\w][\w .'-]{0,30}:$")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES})\.?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_URL_PATH_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/|$)")
_BREADCRUMB_MARKS = ("»", "›", " > ", " / ")
_BULLETS = "•·▪►-*–—"
_MAX_DATE_LINE_WORDS = 8


def url_in_line(line: str) -> str | None:
    """The URL when the whole line is one (optionally labelled, as in "Original url: https://...")."""
    match = _URL_LINE.match(line.strip())
    return match.group(1) if match else None


def domain_of_url(url: str) -> str:
    """The host of a URL without a leading "www."."""
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.")


def bare_domain(line: str) -> str | None:
    """The domain when the whole line is a bare domain name such as "apnews.com"."""
    match = _DOMAIN_LINE.match(line.strip())
    if not match or "." not in match.group(1):
        return None
    return match.group(1).lower()


def byline_name(line: str) -> str | None:
    """The name in a byline line ("By AFP" -> "AFP")."""
    match = _BYLINE.match(line.strip())
    if not match or len(match.group("name").split()) > 8:
        return None
    return match.group("name").strip(" .")


def credit_name(line: str) -> str | None:
    """The name in a credit line ("Courtesy: AFP News Agency" -> "AFP News Agency")."""
    match = _CREDIT.match(line.strip())
    return match.group("name").strip(" .") if match else None


def is_empty_field(line: str) -> bool:
    """True for a label with nothing after it, such as "Date:"."""
    return bool(_EMPTY_FIELD.match(line.strip()))


def is_breadcrumb(line: str) -> bool:
    """True for a navigation trail item such as "• HOME»" or "News > World"."""
    text = line.strip()
    if not text:
        return False
    return (
        text[0] in "•·▪►"
        or any(mark in text for mark in _BREADCRUMB_MARKS[:2])
        or (" > " in text and len(text.split()) <= 12)
    )


def strip_bullet(line: str) -> str:
    """The line without a leading bullet character and the spaces after it."""
    return line.strip().lstrip(_BULLETS).strip()


def _iso(year: str, month: int | str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def date_in_text(text: str) -> str | None:
    """The first full date written in `text` ("January 13, 2025", "13 Jan 2025", "2025-01-13")."""
    candidates = []
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO_DATE):
        match = pattern.search(text)
        if match:
            candidates.append(match)
    for match in sorted(candidates, key=lambda m: m.start()):
        month = match.group("month")
        month_number = MONTHS.get(month.lower().rstrip(".")) if month.isalpha() else month
        if month_number is None:
            continue
        parsed = _iso(match.group("year"), month_number, match.group("day"))
        if parsed:
            return parsed
    return None


def date_line(line: str) -> str | None:
    """The ISO date when the line is short and mainly a date (a dateline, not a sentence)."""
    text = line.strip()
    if not text or len(text.split()) > _MAX_DATE_LINE_WORDS or text.endswith((".", "?", "!")):
        return None
    return date_in_text(text)


def date_in_url(url: str) -> str | None:
    """The date many sites put in their article paths (/2025/01/13/)."""
    match = _URL_PATH_DATE.search(urlparse(url).path)
    return _iso(match.group("year"), match.group("month"), match.group("day")) if match else None
