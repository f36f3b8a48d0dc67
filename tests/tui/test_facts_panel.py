"""The facts panel's short labels."""

from __future__ import annotations

from reader.tui.widgets.facts_panel import _label


def test_a_label_cut_short_ends_in_one_ellipsis() -> None:
    text = "soldiers appear wounded … " + "x" * 80
    label = _label(text, "■ □", width=27).plain  # the cut falls just after " … "
    assert label.endswith("wounded…") and "… …" not in label
    assert _label("short claim", "■ □").plain == "■ □  short claim"
