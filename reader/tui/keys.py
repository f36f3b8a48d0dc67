"""Every key binding of the app, found on its classes rather than listed by hand.

The help screen shows what `binding_groups` finds: each screen and widget class of
`reader.tui` that declares `BINDINGS`, grouped under a name made from the class's name
("ArticleList" is "Article list", "CompareScreen" is "Compare"): the app's own first, then
the reader's, then the other screens'.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode

import reader.tui


def bound_classes() -> Iterator[type[DOMNode]]:
    """The classes of `reader.tui` that declare key bindings of their own, module by module."""
    for module_info in pkgutil.walk_packages(reader.tui.__path__, prefix="reader.tui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                cls.__module__ == module.__name__
                and issubclass(cls, DOMNode)
                and vars(cls).get("BINDINGS")
            ):
                yield cls


def group_name(cls: type) -> str:
    """Where a class's bindings apply, in words: its name without "Screen", split."""
    name = cls.__name__.removesuffix("App").removesuffix("Screen") or cls.__name__
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", name)
    return " ".join([words[0], *(word.lower() for word in words[1:])]) if words else name


def binding_groups(app_class: type[DOMNode]) -> list[tuple[str, list[Binding]]]:
    """`(where, bindings)` for the app (as "Anywhere") and every bound class of the TUI."""
    classes = sorted((cls for cls in bound_classes() if cls is not app_class), key=_main_view_first)
    return [("Anywhere", _bindings(app_class))] + [(group_name(c), _bindings(c)) for c in classes]


def _main_view_first(cls: type) -> tuple[bool, str]:
    """The reader screen and its widgets first, then the other screens by module."""
    main_view = cls.__module__.endswith(".screens.reader") or ".widgets." in cls.__module__
    return not main_view, cls.__module__


def _bindings(cls: type[DOMNode]) -> list[Binding]:
    return [binding for binding in vars(cls)["BINDINGS"] if isinstance(binding, Binding)]
