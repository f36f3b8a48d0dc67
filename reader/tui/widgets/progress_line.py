"""A one-row progress bar drawn as text, for progress that updates while the user works.

Textual's `ProgressBar` lays the whole screen out again on every update (its percentage is a
label that may change width); with a list of thousands of articles that took 10-25 ms of the
UI thread, and key presses waited behind it. This widget only repaints its own row.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class ProgressLine(Widget):
    """A bar filled to `fraction` (0 to 1), with the percentage at its end."""

    COMPONENT_CLASSES = {"progress-line--done", "progress-line--todo"}
    DEFAULT_CSS = """
    ProgressLine { height: 1; }
    ProgressLine > .progress-line--done { color: $accent; }
    ProgressLine > .progress-line--todo { color: $foreground 25%; }
    """

    fraction: reactive[float] = reactive(0.0)

    def render(self) -> Content:
        percent = f" {min(max(self.fraction, 0.0), 1.0):>4.0%}"
        width = max(self.size.width - len(percent), 0)
        done = round(width * min(max(self.fraction, 0.0), 1.0))
        return Content.assemble(
            ("━" * done, self.get_visual_style("progress-line--done")),
            ("━" * (width - done), self.get_visual_style("progress-line--todo")),
            percent,
        )
