"""The facts panel's short labels."""

from __future__ import annotations

from reader.facts import Fact, Mention
from reader.tui.widgets.facts_panel import _label, overlapping_joined


def test_a_label_cut_short_ends_in_one_ellipsis() -> None:
    text = "soldiers appear wounded … " + "x" * 80
    label = _label(text, "■ □", width=27).plain  # the cut falls just after " … "
    assert label.endswith("wounded…") and "… …" not in label
    assert _label("short claim", "■ □").plain == "■ □  short claim"


def test_details_only_here_that_overlap_read_as_one() -> None:
    text = "The capture is shaking the diplomatic balance of three nations, officials said."

    def detail(phrase: str, fact_id: str) -> tuple[Mention, Fact]:
        start = text.index(phrase)
        mention = Mention("a", "Herald", start, start + len(phrase), phrase, 0, len(text))
        return mention, Fact(fact_id, phrase, "claim", "s", ("Herald",), (mention,))

    claim = detail("shaking the diplomatic balance of three", "f1")
    number = detail("three nations", "f2")
    said = detail("officials said", "f3")
    joined = overlapping_joined([number, claim, claim, said])
    assert [mention.text for mention in joined] == [
        "shaking the diplomatic balance of three nations",
        "officials said",
    ]
    mention = joined[0]
    assert text[mention.start : mention.end] == mention.text, "Enter marks it all"
