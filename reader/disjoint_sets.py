"""Disjoint sets (union-find): the groups that pairwise links make, joined transitively."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class DisjointSets(Generic[Item]):
    """Each item's group, named by its root item; `join` merges two groups."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.parent: dict[Item, Item] = {item: item for item in items}

    def find(self, item: Item) -> Item:
        """The root of `item`'s group (halving the path there as it goes)."""
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, item: Item, into: Item) -> None:
        """Merge `item`'s group into `into`'s: the root of `into` becomes the root of both."""
        self.parent[self.find(item)] = self.find(into)
