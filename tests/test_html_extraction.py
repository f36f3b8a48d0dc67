"""trafilatura behind one lock, fed pages it can parse in reasonable time."""

from __future__ import annotations

from typing import Any

import pytest

from reader.clean import clean_html
from reader.html_extraction import MAX_TAG_ATTRIBUTES, bare_extraction

BODY = "<p>The council voted on Tuesday to reopen the harbour bridge to lorries.</p>"


def test_a_tag_of_a_hundred_thousand_attributes_cleans_to_its_text() -> None:
    """Before, this 1 MB page kept `newsreader clean` busy for over five minutes."""
    crowded = " ".join(f'a{k}="x"' for k in range(100_000))
    page = f"<html><body><article><p {crowded}>Hello there, everyone.</p>{BODY}</article>"
    text = " ".join(clean_html(page).paragraphs)
    assert "Hello there, everyone." in text
    assert "reopen the harbour bridge" in text


def test_only_a_crowded_tag_loses_its_attributes(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    seen: list[str] = []

    def record(html: str, **options: Any) -> None:
        seen.append(html)

    monkeypatch.setattr(trafilatura, "bare_extraction", record)
    image = f'<img alt="chart" src="data:image/png;base64,{"QUJD" * 2_000}==">'
    crowded = "<div " + " ".join(f'd{k}="1"' for k in range(MAX_TAG_ATTRIBUTES + 1)) + ">"
    valueless = "<span " + " ".join(f"s{k}" for k in range(MAX_TAG_ATTRIBUTES + 1)) + ">"
    broken_up = "<p " + " ".join(f'p{k}="x>"' for k in range(MAX_TAG_ATTRIBUTES + 1)) + ">"
    plain = '<a href="/story?id=7&amp;page=2" class="x">'
    within = "<i " + " ".join(f'i{k}="1"' for k in range(MAX_TAG_ATTRIBUTES)) + ">"
    bare_extraction(image + crowded + valueless + broken_up + plain + within + BODY)
    assert seen == [image + "<div><span><p>" + plain + within + BODY]
