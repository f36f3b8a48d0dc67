"""YAML from files a user did not write: safe tags only, bounded size, bounded aliases.

`yaml.safe_load` refuses unsafe tags but not a "billion laughs": a few hundred bytes of
nested aliases that stand for billions of values. Python shares the aliased objects, so
loading is cheap; whatever then walks the data (`str()` of a title, writing the bookmarks
file back) expands it and takes minutes and gigabytes. `load` counts the nodes the document
stands for before building anything and refuses one that aliases make much bigger.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when present (PyPI wheels ship it): the same safe loading, faster."""


_MAY_HAVE_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:?-])&", re.MULTILINE)
"""Where an anchor (`&name`) could start: an alias needs one, so text without any ("AT&T"
is not one) is not walked for aliases, which keeps big bookmarks files quick to read."""


class YAMLTooBig(ValueError):
    """The text, or what its aliases expand to, is bigger than the caller allows."""


def load(text: str, *, max_chars: int, max_alias_nodes: int) -> Any:
    """The data in `text`, like `yaml.safe_load`.

    Raises `YAMLTooBig` when `text` is longer than `max_chars`, or when its aliases (`*name`)
    stand for more than `max_alias_nodes` nodes in all (0: no alias at all), and
    `yaml.YAMLError` for text that is not valid YAML.
    """
    if len(text) > max_chars:
        raise YAMLTooBig(f"too big ({len(text):,} characters; the limit is {max_chars:,})")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        aliased = _aliased_nodes(node) if _MAY_HAVE_ANCHOR.search(text) else 0
        if aliased > max_alias_nodes:
            raise YAMLTooBig(
                f"its aliases (*name) stand for {aliased:,} values; the limit is "
                f"{max_alias_nodes:,}"
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _aliased_nodes(root: yaml.Node) -> int:
    """How many nodes the aliases of the tree under `root` add when expanded.

    The composer gives an alias the very node object its anchor names, so a node met a
    second time is an alias: its whole expanded subtree counts again. Sizes are memoised by
    node, so this is linear in the document, not in its expansion; it stops as soon as the
    count passes any sane bound.
    """
    sizes: dict[int, int] = {}
    seen: set[int] = set()
    aliased = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in seen:
            if key not in sizes:  # an alias to an enclosing node: a cycle
                raise YAMLTooBig("an alias (*name) refers to the value that contains it")
            aliased += sizes[key]
            if aliased > 1 << 40:
                break
            continue
        seen.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))
    return aliased


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
