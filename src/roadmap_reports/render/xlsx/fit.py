"""How text fits a printed workbook: the one home of the rules every sheet meant for paper follows.

- Columns are sized to the paper (`units_for`, `printable_units`) and the sheet prints at 100 %, so the body
  text on paper is the font size of its cells (`Paper.body_pt`: 8 pt on A4, 10 pt on A3) — never a sheet
  shrunk to one page wide.
- A row's height comes from its texts' real line count at their column's width in the font used
  (`lines_of`, `row_height`): no clipped line, no more than one spare.
- Excel caps a row at 409 pt (`office.ROW_MAX_POINTS`): a longer text continues on the following rows, split
  only at a line break or right after a 「。」 (`chunks`), so that no continuation starts mid-sentence — or, on
  a sheet of one row per measure (render/xlsx/screen.py), its column is widened until it fits (`width_to_fit`,
  at most Excel's 255 units, `office.COLUMN_MAX_UNITS`).

Widths are calibrated on LibreOffice with Noto Sans CJK (the substitute for Yu Gothic) and hold for Excel with
Yu Gothic, whose glyphs are no wider. Line heights are the other way round: a line is `LINE_FACTOR` (the font's
line height, from render/xlsx/common.py) — Yu Gothic's in Excel, about 1.7× its size, taller than Noto Sans
CJK's 1.45× — so nothing is clipped in Excel, and LibreOffice shows some spare space under a long text.
"""

from __future__ import annotations

from roadmap_reports.office import COLUMN_MAX_UNITS, ROW_MAX_POINTS
from roadmap_reports.render.paper import Paper
from roadmap_reports.render.xlsx.common import LINE_FACTOR, TOP_BOTTOM_MARGIN_IN, wrapped_lines

PADDING_PT = 4.0    # a row's space above and below its text
UNIT_PT = 6.35      # an Excel column-width unit of the Normal font on paper (LibreOffice, Noto Sans CJK)
WRAP_SAFETY = 0.94  # wrap a little early in the estimate: a row too short clips its last line
MM_PER_PT = 25.4 / 72
PAGE_SAFETY = 0.97  # of a page's height: rows filling more may be pushed to the next page when printed


def printable_units(p: Paper) -> float:
    """The width between the paper's margins in Excel column-width units (what the columns may add up to)."""
    return p.printable_mm / MM_PER_PT / UNIT_PT


def units_for(chars: float, font_pt: float) -> float:
    """The column width (Excel units) that holds `chars` full-width characters a line at `font_pt`."""
    return round((chars * font_pt / WRAP_SAFETY + PADDING_PT) / UNIT_PT, 1)


def capacity(width: float, font_pt: float) -> float:
    """A column's width in the units `wrapped_lines` counts (2 per full-width character), at `font_pt`."""
    return 1 + (width * UNIT_PT - PADDING_PT) * 2 / font_pt * WRAP_SAFETY


def lines_of(text: str, width: float, font_pt: float) -> int:
    """How many lines a text takes in a column `width` Excel units wide at `font_pt`."""
    return wrapped_lines(text, capacity(width, font_pt)) if text else 1


def max_lines(font_pt: float) -> int:
    """How many lines at `font_pt` fit in one row of at most 409 pt."""
    return int((ROW_MAX_POINTS - PADDING_PT) // (font_pt * LINE_FACTOR))


def row_height(lines: int, font_pt: float) -> float:
    """The height (points) of a row showing `lines` lines at `font_pt`, within Excel's cap."""
    return min(round(max(lines, 1) * font_pt * LINE_FACTOR + PADDING_PT, 1), ROW_MAX_POINTS)


def fit_height(texts_and_widths, font_pt: float) -> float:
    """The height of a row whose cells hold these (text, column width) pairs."""
    return row_height(max((lines_of(t, w, font_pt) for t, w in texts_and_widths), default=1), font_pt)


def width_to_fit(texts, width: float, font_pt: float, *, lines: int | None = None,
                 most: float = COLUMN_MAX_UNITS) -> float:
    """The narrowest width (Excel units, in tenths) from `width` up to `most` at which every text takes at most
    `lines` lines (by default what 409 pt holds) at `font_pt`; `most` when even that is not wide enough."""
    lines = max_lines(font_pt) if lines is None else lines
    tall = [t for t in texts if t and lines_of(t, width, font_pt) > lines]
    if not tall:
        return width
    if any(lines_of(t, most, font_pt) > lines for t in tall):
        return most
    lo, hi = int(width * 10), int(most * 10)  # lo too narrow, hi wide enough
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if all(lines_of(t, mid / 10, font_pt) <= lines for t in tall):
            hi = mid
        else:
            lo = mid
    return hi / 10


def _pieces(text: str) -> list[str]:
    """The places a text may be split: after each line break and after each 「。」, kept in the pieces."""
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in "\n。":
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def chunks(text: str, width: float, font_pt: float, *, limit: int | None = None) -> list[str]:
    """`text` in parts that each fit one row (at most `limit` lines, by default what 409 pt holds), split at a
    line break (dropped: the next row starts the new paragraph) or — only where one paragraph is taller than a
    row — right after a 「。」. A sentence that alone is taller than a row stays whole (then clipped in the grid,
    never split inside). "\\n".join of the parts split at line breaks, "".join of the others, gives the text
    back: `chunks_lossless` keeps the line breaks in the parts for cells that are read back."""
    limit = max_lines(font_pt) if limit is None else limit
    out: list[str] = []
    cur: list[str] = []
    for piece in _pieces(text):
        if cur and lines_of("".join(cur + [piece]).rstrip("\n"), width, font_pt) > limit:
            cut = max((i for i, x in enumerate(cur) if x.endswith("\n")), default=len(cur) - 1) + 1
            out.append("".join(cur[:cut]).rstrip("\n"))
            cur = cur[cut:]
        cur.append(piece)
    if cur or not out:
        out.append("".join(cur).rstrip("\n"))
    return out


def chunks_lossless(text: str, width: float, font_pt: float, *, limit: int | None = None) -> list[str]:
    """Like `chunks`, but the parts keep every character (a line break ends the part before it): "".join of
    the parts is the text exactly — for cells a reader joins back (continuation rows of an editable sheet)."""
    limit = max_lines(font_pt) if limit is None else limit
    out: list[str] = []
    cur = ""
    for piece in _pieces(text):
        if cur and lines_of((cur + piece).rstrip("\n"), width, font_pt) > limit:
            out.append(cur)
            cur = ""
        cur += piece
    if cur or not out:
        out.append(cur)
    return out


def chunk_spans(text: str, width: float, font_pt: float, *, limit: int | None = None) -> list[tuple[int, int]]:
    """Where `chunks` cuts `text`: the (start, end) of each part in `text`, so that a caller holding rich text
    (runs of styled text over `text`) can cut its runs at the same places; the line breaks between two parts
    fall outside every span."""
    spans, pos = [], 0
    for part in chunks(text, width, font_pt, limit=limit):
        start = text.index(part, pos) if part else pos
        spans.append((start, start + len(part)))
        pos = start + len(part)
    return spans


def page_points(p: Paper) -> float:
    """The height (points) rows may fill on one printed page of paper `p`: the paper between the top and bottom
    margins (the page header and footer sit inside them), at 100 %, less PAGE_SAFETY (LibreOffice fits a
    little less than the margins leave)."""
    return (p.height_mm - 2 * TOP_BOTTOM_MARGIN_IN * 25.4) / MM_PER_PT * PAGE_SAFETY


def keep_with_next(heights: list[float], keep: set[int], page_pt: float, title_pt: float = 0.0) -> list[int]:
    """Where to start a new page so that no row of `keep` (indices into `heights`: heading rows) ends a page
    apart from the row after it — a section or ◎ heading at the foot of a page, its first measure on the next.
    Rows are laid out as a spreadsheet prints them at 100 %: one after another, a row that does not fit below the
    rows above it starting the next page (a row never breaks across pages), `title_pt` of repeated title rows
    on top of every page. Returns the indices of the rows a manual page break goes before (none when a heading
    and the row after it could not share a page anyway)."""
    room, used, out, i = page_pt - title_pt, 0.0, [], 0
    while i < len(heights):
        j = i
        while j + 1 < len(heights) and j in keep:
            j += 1  # the headings and the row they belong to
        group = sum(heights[i:j + 1])
        if j > i and used and used + group > room >= group:
            out.append(i)
            used = 0.0
        for k in range(i, j + 1):
            if used + heights[k] > room:
                used = 0.0  # the row starts the next page by itself
            used += heights[k]
        i = j + 1
    return out


__all__ = ["LINE_FACTOR", "PADDING_PT", "UNIT_PT", "printable_units", "units_for", "capacity", "lines_of",
           "max_lines", "row_height", "fit_height", "width_to_fit", "chunks", "chunks_lossless", "chunk_spans",
           "page_points", "keep_with_next"]
