"""A print-ready table sheet (A4 landscape, Japanese font, wrapped cells, rows fitted to their text), shared
by the KPI progress and history workbooks."""

from __future__ import annotations

from roadmap_reports.render.xlsx import openpyxl_private as private
from roadmap_reports.render.xlsx.common import (FONT_NAME, HEADER_FILL, MAX_ROW_HEIGHT,
                                                fit_row_height, page_setup, safe_sheet_title, set_text)

BODY_SIZE = 10   # points; the sheets are at most ~150 character widths, so A4 landscape prints them at ≥ 8 pt
VERDICT_FILLS = {"achieved": "C6EFCE", "on_track": "E2EFDA", "behind": "FFC7CE", "unknown": "EDEDED",
                 "revised": "FFEB9C"}


def styles():
    """Fonts, borders, fills and alignment of the table sheets."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {"font": Font(name=FONT_NAME, size=BODY_SIZE, charset=128),
            "bold": Font(name=FONT_NAME, size=BODY_SIZE, charset=128, bold=True),
            "border": Border(left=thin, right=thin, top=thin, bottom=thin),
            "wrap": Alignment(wrap_text=True, vertical="top"),
            "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
            "fill": lambda colour: PatternFill("solid", fgColor=colour)}


def _body_styles(ws, st):
    """A body cell's style per fill colour (None: no fill), made once and copied: assigning font, border and
    alignment cell by cell looks each up in the workbook's tables (the slow part)."""
    style = private.style_maker(ws)

    def body(colour):
        def apply(proto):
            proto.font, proto.border, proto.alignment = st["font"], st["border"], st["wrap"]
            if colour:
                proto.fill = st["fill"](colour)

        return style(colour, apply)

    return body


def table_sheet(wb, title: str, columns: list[tuple[str, int]], rows, *, header: str, left_header: str = "",
                fills=None):
    """Add a sheet: header row, then `rows` (lists of texts), widths in characters; `fills` gives a colour per
    (row index, column index) or None."""
    from openpyxl.utils import get_column_letter

    st = styles()
    ws = wb.create_sheet(safe_sheet_title(title))

    def head(proto):
        proto.font, proto.border, proto.fill, proto.alignment = st["bold"], st["border"], st["header_fill"], st["wrap"]

    head_style = private.style_maker(ws)("header", head)  # made once, copied (as the body's styles are)
    for c, (name, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
        cell = ws.cell(row=1, column=c)
        private.set_style(cell, head_style)
        set_text(cell, name)
    body = _body_styles(ws, st)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            private.set_style(cell, body(fills(r - 2, c - 1) if fills else None))  # before set_text (quotePrefix)
            set_text(cell, value)
        ws.row_dimensions[r].height = fit_row_height(
            [(v, w) for v, (_n, w) in zip(values, columns)], font_size=BODY_SIZE,
            max_height=MAX_ROW_HEIGHT)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    page_setup(ws, title=header, left_header=left_header)
    return ws
