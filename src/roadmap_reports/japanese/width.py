"""Display width, in one place: how many columns a text takes in a Japanese font or terminal.

A full-width character (East Asian Wide or Fullwidth: 日, ア, ５, 「) takes two columns, and so does an
East Asian Ambiguous one outside ASCII (①, →, —, ○, ※, ×): Japanese fonts (Yu Gothic, MS Gothic, the
report's Mincho) and terminals in a Japanese locale draw them full-width. Everything else takes one column.
The workbooks' column widths and row heights, the ingest's column geometry and the terminal's progress bar
and help all measure with this function.
"""

from __future__ import annotations

import unicodedata

__all__ = ["char_width", "display_width"]


def char_width(c: str) -> int:
    """2 for a full-width character (W, F, or A outside ASCII), else 1."""
    return 2 if ord(c) > 0x7F and unicodedata.east_asian_width(c) in "WFA" else 1


class _WideDeleter(dict):
    """str.translate table that deletes wide characters and keeps the others, filled in per character on
    first sight: translate then runs in C, without a Python call per character (display_width is called
    for every paragraph of every cell, 10+ million characters at 10,000 measures)."""

    def __missing__(self, code: int):
        value = None if char_width(chr(code)) == 2 else code
        self[code] = value
        return value


_WIDE_DELETER = _WideDeleter()


def display_width(text: str) -> int:
    """Width in half-width columns: full-width (and ambiguous non-ASCII) characters count 2."""
    return 2 * len(text) - len(text.translate(_WIDE_DELETER))
