"""Disjoint sets: groups joined transitively, named by the root they were joined into."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.disjoint_sets import DisjointSets


def test_joined_items_share_a_root_and_the_target_names_the_group() -> None:
    groups = DisjointSets("abcde")
    groups.join("a", "b")
    groups.join("b", "c")
    assert {groups.find(x) for x in "abc"} == {"c"}
    assert groups.find("d") == "d" != groups.find("e")


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=20))
def test_items_share_a_root_exactly_when_links_connect_them(links: list[tuple[int, int]]) -> None:
    groups = DisjointSets(range(10))
    for a, b in links:
        groups.join(a, b)
    reach = {n: {n} for n in range(10)}
    for _ in range(10):
        for a, b in links:
            reach[a] |= reach[b]
            reach[b] |= reach[a]
        for n in range(10):
            for m in list(reach[n]):
                reach[n] |= reach[m]
    for n in range(10):
        for m in range(10):
            assert (groups.find(n) == groups.find(m)) == (m in reach[n])
