"""Joining hard wraps: whether the boundary between two lines of a column is a wrap or a paragraph end.

The PDF's text breaks every line where the column is full. A line that left room for the next line's
first character (with 禁則) ends a paragraph; a full line wraps. What the layout cannot tell (a line that
exactly fills its column, a line that stops mid-sentence with room left) is an ambiguity: it is decided
by a `wrap` correction or reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_reports.errors import Problem
from roadmap_reports.japanese.width import char_width
from roadmap_reports.sources.ingest.layout import (BULLETS, HALF_WIDTH_MAX, HALF_WIDTH_MIN, NO_LINE_END,
                                                   NO_LINE_START, PARAGRAPH_END, is_full_width, width)
from roadmap_reports.sources.ingest.lines import SourceLine
from roadmap_reports.i18n import _

__all__ = ["wrap_decision", "column_width", "Joiner"]


def _room_needed(b: str) -> float:
    """Width line A would have needed to take B's first character (with 禁則)."""
    need = char_width(b[0])
    if len(b) > 1 and (b[1] in NO_LINE_START or b[0] in NO_LINE_END):
        need += char_width(b[1])
    return need


def wrap_decision(a: str, b: str, column: float) -> str:
    """'wrap', 'break' or 'ambiguous' for the boundary between consecutive lines a and b of a column
    `column` half-width columns wide."""
    if b.startswith(BULLETS):
        return "break"
    if b[0] in NO_LINE_START:
        return "wrap"
    need = _room_needed(b)
    lo, hi = width(a, HALF_WIDTH_MIN), width(a, HALF_WIDTH_MAX)
    fits_lo, fits_hi = lo + need <= column, hi + need <= column
    if fits_lo and fits_hi:
        # Room was left, so the line ends a paragraph; but a paragraph of the report ends with 。 or
        # a closing bracket, so a line stopping elsewhere (「…、」, 「つながるひろがる」) is a question.
        return "break" if a[-1] in PARAGRAPH_END else "ambiguous"
    if not fits_lo and not fits_hi:
        # Full line. A sentence that ends exactly at the column edge may also end a paragraph.
        if a.endswith("。") and lo >= column - 1:
            return "ambiguous"
        return "wrap"
    # Half-width characters make the width uncertain: a line that stops mid-sentence wraps.
    return "ambiguous" if a[-1] in PARAGRAPH_END else "wrap"


def column_width(lines: list[SourceLine]) -> float:
    """The column's capacity on a page: the widest line made only of full-width characters."""
    full = [width(x.text) for x in lines if is_full_width(x.text)]
    return max(full) if full else max((width(x.text) for x in lines), default=0)


@dataclass
class Joiner:
    """Joins a column's lines into its text, applying `wrap` corrections and reporting what is left."""

    widths: dict  # (page, column) -> width
    corrections: object  # corrections.Corrections
    ambiguities: list
    source: str
    used: list

    def join(self, lines: list[SourceLine], page: int, column: str, measure: int) -> str:
        """The column's text: wraps joined without inserting anything, paragraph ends as "\\n"."""
        if not lines:
            return ""
        column_width_ = self.widths[(page, column)]
        out = lines[0].text
        for a, b in zip(lines, lines[1:]):
            decision = wrap_decision(a.text, b.text, column_width_)
            if decision == "ambiguous":
                decision = self._decide(a, b, column, column_width_, measure)
            out += b.text if decision == "wrap" else "\n" + b.text
        return out

    def _decide(self, a: SourceLine, b: SourceLine, column: str, column_width_: float, measure: int) -> str:
        c = self.corrections.find("wrap", a.no, a.text, measure)
        if c is not None:
            self.used.append(c)
            return "wrap" if c.join else "break"
        self.ambiguities.append(Problem(
            _("{column}: cannot tell whether this line ends a paragraph or wraps ({value:g} of {column_width_:g} "
              "columns): 「…{value2}」 / 「{value3}…」").format(column=column, value=width(a.text),
                                                           column_width_=column_width_, value2=a.text[-12:],
                                                           value3=b.text[:12]),
            file=self.source, line=a.no, measure=measure, kind="wrap", options=("join", "break"), text=a.text))
        return "wrap"
