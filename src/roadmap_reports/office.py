"""What Office files can hold, in one place: Excel's limits and the characters XML forbids.

Every writer and reader of workbooks and documents (build, the 新旧対照表, the workbooks for update,
collect, validate) takes its limits from here."""

from __future__ import annotations

import re

__all__ = ["CELL_MAX_CHARS", "ROW_MAX_POINTS", "COLUMN_MAX_UNITS", "HEADER_FOOTER_MAX_CHARS",
           "VALIDATION_MAX_CHARS", "SHEET_TITLE_MAX_CHARS", "FORBIDDEN_XML", "forbidden_characters", "codepoints"]

CELL_MAX_CHARS = 32_767          # characters one Excel cell holds
ROW_MAX_POINTS = 409.0           # points: Excel refuses a taller row
COLUMN_MAX_UNITS = 255.0         # a column's width in character units: Excel refuses a wider column
HEADER_FOOTER_MAX_CHARS = 255    # a page header or footer section, codes included
VALIDATION_MAX_CHARS = 255       # a data validation's prompt, error message or list
SHEET_TITLE_MAX_CHARS = 31
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

#: Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF):
#: a workbook or document holding one does not open.
FORBIDDEN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def forbidden_characters(text: str) -> list[str]:
    """The distinct XML-forbidden characters of a text, in order of first appearance."""
    return list(dict.fromkeys(FORBIDDEN_XML.findall(text)))


def codepoints(chars) -> str:
    """'U+0007, U+FFFE' — how messages name characters nobody can see."""
    return ", ".join(f"U+{ord(c):04X}" for c in chars)
