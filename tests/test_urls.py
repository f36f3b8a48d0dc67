"""Canonical URLs: tracking removed, the rest kept, the same answer twice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.urls import canonical_url, is_fetchable


def test_tracking_parameters_fragment_and_default_port_go() -> None:
    url = "HTTPS://Example.COM:443/a/b?id=7&utm_source=rss&fbclid=1&page=2#comments"
    assert canonical_url(url) == "https://example.com/a/b?id=7&page=2"


def test_relative_links_resolve_against_their_page() -> None:
    assert canonical_url("../c?utm_medium=x", base="http://e.org/a/b/") == "http://e.org/a/c"


def test_only_http_and_https_are_fetchable() -> None:
    assert is_fetchable("https://e.org/x")
    assert not any(
        map(is_fetchable, ["file:///etc/passwd", "ftp://e.org", "javascript:x", "http:///x"])
    )


names = st.text("abcdefghij_", min_size=1, max_size=8)
values = st.text("abc123-%", max_size=6)


@given(
    st.lists(st.tuples(names, values), max_size=5), st.lists(st.tuples(names, values), max_size=3)
)
def test_canonical_form_is_stable_and_drops_only_tracking(
    kept: list[tuple[str, str]], tracking: list[tuple[str, str]]
) -> None:
    kept = [(k, v) for k, v in kept if not k.startswith("_") and k not in ("_ga", "_gl")]
    query = "&".join(f"{k}={v}" for k, v in kept + [(f"utm_{k}", v) for k, v in tracking])
    url = canonical_url(f"http://e.org/p?{query}")
    assert canonical_url(url) == url
    assert "utm_" not in url
    assert canonical_url(f"http://e.org/p?{'&'.join(f'{k}={v}' for k, v in kept)}") == url
