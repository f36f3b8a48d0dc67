"""OPML subscription lists in and out; read with defusedxml (no entities, no DTD tricks)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from pathlib import Path

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from reader.subscriptions import Subscription, default_name
from reader.urls import is_fetchable

MAX_OPML_BYTES = 4_000_000


class OpmlError(Exception):
    """An OPML file that cannot be read; the message names the file and the problem."""


def read_opml(path: Path) -> list[Subscription]:
    """Every outline with an `xmlUrl` (nested folders included), in file order."""
    try:
        if path.stat().st_size > MAX_OPML_BYTES:
            raise OpmlError(f"{path}: too large for an OPML file (over 4 MB)")
        data = path.read_bytes()
    except OSError as error:
        raise OpmlError(f"cannot read {path}: {error.strerror or error}") from error
    return parse_opml(data, str(path))


def parse_opml(data: bytes, where: str = "OPML") -> list[Subscription]:
    try:
        root = defusedxml.ElementTree.fromstring(data, forbid_dtd=False)
    except DefusedXmlException as error:
        raise OpmlError(f"{where}: refused, it declares XML entities ({error})") from error
    except ElementTree.ParseError as error:
        raise OpmlError(f"{where}: not valid XML ({error})") from error
    if root.tag.lower() != "opml":
        raise OpmlError(f"{where}: not an OPML file (the root element is <{root.tag}>)")
    found = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or not is_fetchable(url):
            continue
        name = (outline.get("title") or outline.get("text") or "").strip()
        found.append(Subscription(" ".join(name.split()) or default_name(url), url))
    return found


def write_opml(subscriptions: Iterable[Subscription]) -> str:
    """OPML 2.0 listing `subscriptions`, as text."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "newsreader feeds"
    ElementTree.SubElement(head, "dateCreated").text = dt.datetime.now(dt.UTC).strftime(
        "%a, %d %b %Y %H:%M:%S GMT"
    )
    body = ElementTree.SubElement(root, "body")
    for subscription in subscriptions:
        ElementTree.SubElement(
            body,
            "outline",
            type="rss",
            text=subscription.name,
            title=subscription.name,
            xmlUrl=subscription.url,
        )
    ElementTree.indent(root)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n"
    )
