"""The author's straight marks made typographic (report/typography.py), in each language's style:
here the quotation inside a quotation, which takes the inner marks."""

from __future__ import annotations

import pytest

from drafter.project.report.language import language
from drafter.project.report.typography import smarten

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("code", "typed", "printed"),
    [
        ("en", '"The State said "no" to us."', "“The State said ‘no’ to us.”"),
        ("en", '"a" and "b"', "“a” and “b”"),  # two quotations side by side stay outer
        ("en", "\"He said 'no'\"", "“He said ‘no’”"),  # typed single marks as before
        ("en", "the State's reply", "the State’s reply"),
        ("fr", '"Il a dit "non" hier"', f"«{NBSP}Il a dit “non” hier{NBSP}»"),
        ("es", '"Dijo "no" ayer"', "“Dijo ‘no’ ayer”"),
        # Three levels: outer, inner, outer again.
        ("en", '"a "b "c" d" e"', "“a ‘b “c” d’ e”"),
        # A closing mark with nothing open is a closing mark, as before.
        ("en", 'end" of it', "end” of it"),
    ],
)
def test_a_quotation_inside_a_quotation_takes_the_inner_marks(
    code: str, typed: str, printed: str
) -> None:
    assert smarten(typed, language(code)) == printed
