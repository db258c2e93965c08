"""The sheet of measures both workbooks share (render/xlsx/measure_table.py): a text too long for one row
is split losslessly into pieces that each fit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_reports.render.xlsx import measure_table
from roadmap_reports.render.xlsx.common import wrapped_lines


_TEXT = st.text(alphabet=st.sampled_from(list("あいう。、abc 1\n漢・")), max_size=3000)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, width=st.integers(min_value=3, max_value=90), max_lines=st.integers(min_value=1, max_value=30))
def test_long_text_split_is_lossless_and_fits(text, width, max_lines):
    pieces = measure_table.split_rows(text, width, max_lines)
    assert "".join(pieces) == text
    assert all(wrapped_lines(p, width) <= max_lines + 1 for p in pieces)
    assert len(pieces) == 1 or all(p for p in pieces)
