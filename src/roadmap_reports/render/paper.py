"""The paper every document is printed on: A4 landscape (the published report's size) or A3 landscape
(`--paper A3`), with its margins, the body and title font sizes, and the published report's five column widths.
The rule every workbook and document follows: body text at `body_pt` on paper (8 pt on A4, 10 pt on A3),
printed at 100 % — columns are sized to the paper (`render/xlsx/fit.py`), never shrunk to fit.

On A4 the body is 8 pt — the report's own size — with the columns in the report's proportions
(具体的取組 about 24 characters, KPI 12, 実施状況 about 43); on A3 the body is 10 pt and the columns are
wider (具体的取組 about 29 characters, 実施状況 about 53), so the same dataset wraps and breaks pages
differently: both are laid out regularly enough for `ingest` to read them back."""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_reports.errors import UsageError
from roadmap_reports.i18n import _


@dataclass(frozen=True)
class Paper:
    """A paper size with the report's margins, font sizes and column widths on it."""
    name: str                         # A4, A3
    width_mm: float                   # landscape
    height_mm: float
    margin_mm: float
    body_pt: float                    # table text
    title_pt: float                   # the page header (title, 令和Ｎ年Ｍ月末時点)
    columns_mm: tuple[float, ...]     # 施策番号, 具体的取組, KPI, 担当省庁, 実施状況 (docx)
    columns_chars: tuple[float, ...]  # the same in Excel character units (xlsx)

    @property
    def xlsx_paper_size(self) -> int:
        return {"A4": 9, "A3": 8}[self.name]  # openpyxl PAPERSIZE_A4, PAPERSIZE_A3

    @property
    def printable_mm(self) -> float:
        """The width between the left and right margins (landscape)."""
        return self.width_mm - 2 * self.margin_mm


PAPERS = {
    "A4": Paper("A4", 297, 210, 10, 8, 9, (19, 72, 38, 27, 121), (7, 31, 16, 11, 57)),
    "A3": Paper("A3", 420, 297, 12, 10, 11, (23, 107, 47, 34, 185), (8, 47, 20, 15, 84)),
}


def paper(name: str) -> Paper:
    """The paper named A4 or A3 (either case); a UsageError naming the known ones otherwise."""
    try:
        return PAPERS[name.upper()]
    except (KeyError, AttributeError):
        raise UsageError(_("unknown paper {name!r} (known: {value})").format(name=name,
                                                                            value=', '.join(PAPERS))) from None
