"""One display width: full-width and ambiguous non-ASCII characters take two columns."""

from __future__ import annotations

import pytest

from roadmap_reports.japanese.width import char_width, display_width


@pytest.mark.parametrize("text, width", [
    ("", 0), ("abc", 3), ("日本語", 6), ("５０％", 6), ("ｱｲｳ", 3), ("①", 2), ("→", 2), ("—", 2), ("※", 2), ("×", 2),
    ("施策1", 5), ("a①b", 4), ("\t", 1), ("ﾃｽﾄ", 3),
])
def test_display_width(text, width):
    assert display_width(text) == width
    assert display_width(text) == sum(char_width(c) for c in text)
