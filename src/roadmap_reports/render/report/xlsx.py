"""The published report as an Excel workbook: one sheet 「実施状況」, the five columns, the section and ◎
sub-headings as merged rows in their place, the header row repeated on every printed page, the title and
「令和Ｎ年Ｍ月末時点」 in the page header, page numbers in the footer, A4 (or A3) landscape at 100 %.

Excel caps a row at 409 pt (`office.ROW_MAX_POINTS`): a text longer than that continues on the rows below,
split only at a line break or after a 「。」 (`chunks`); the continuation rows leave 施策番号 empty and draw
no rule between the rows of one measure, so a measure reads as one block on screen and on paper."""

from __future__ import annotations

from roadmap_reports.render.paper import Paper, paper as paper_named
from roadmap_reports.render.xlsx import fit
from roadmap_reports.render.report.view import HEADERS, ReportRow, ReportView, report_view
from roadmap_reports.render.xlsx.common import FONT_NAME, load_openpyxl, new_workbook, set_text, workbook_bytes

SHEET = "実施状況"
HEADER_FILL = "D9D9D9"
SECTION_FILL = "F2F2F2"
FIRST_ROW = 4       # rows 1–2: title and date (on screen), row 3: the column header


def lines_of(text: str, p: Paper, width: float) -> int:
    """How many lines a text takes in a column of `width` Excel units at the paper's font size."""
    return fit.lines_of(text, width, p.body_pt)


def max_lines(p: Paper) -> int:
    """How many lines of the paper's body text fit in one row of at most 409 pt."""
    return fit.max_lines(p.body_pt)


def chunks(text: str, p: Paper, width: float) -> list[str]:
    """`text` in parts that each fit one row of at most 409 pt (see fit.chunks)."""
    return fit.chunks(text, width, p.body_pt)


def _styles(p: Paper) -> dict:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    body = Font(name=FONT_NAME, size=p.body_pt)
    return {
        "body": body, "bold": Font(name=FONT_NAME, size=p.body_pt, bold=True),
        "title": Font(name=FONT_NAME, size=p.title_pt, bold=True),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(wrap_text=True, vertical="top", horizontal="center"),
        "mid": Alignment(wrap_text=True, vertical="center", horizontal="center"),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "section_fill": PatternFill("solid", fgColor=SECTION_FILL),
        "thin": thin, "box": Border(left=thin, right=thin, top=thin, bottom=thin),
        "border": lambda top, bottom: Border(left=thin, right=thin, top=thin if top else None,
                                             bottom=thin if bottom else None),
    }


def _top(ws, view: ReportView, p: Paper, st) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(p.columns_chars, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    set_text(ws.cell(1, 1), view.title)
    ws.cell(1, 1).font = st["title"]
    set_text(ws.cell(2, 1), view.as_of_label)
    ws.cell(2, 1).font = st["body"]
    for col, text in enumerate(HEADERS, 1):
        c = ws.cell(FIRST_ROW - 1, col)
        set_text(c, text)
        c.font, c.alignment, c.fill, c.border = st["bold"], st["mid"], st["header_fill"], st["box"]
    ws.row_dimensions[FIRST_ROW - 1].height = fit.row_height(1, p.body_pt)


def _heading(ws, row: int, r: ReportRow, p: Paper, st) -> int:
    n = len(HEADERS)
    c = ws.cell(row, 1)
    set_text(c, r.title, field="heading")
    c.font = st["bold"] if r.kind == "section" else st["body"]
    c.alignment = st["wrap"]
    for col in range(1, n + 1):
        ws.cell(row, col).border = st["box"]
        if r.kind == "section":
            ws.cell(row, col).fill = st["section_fill"]
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
    ws.row_dimensions[row].height = fit.row_height(1, p.body_pt)
    return row + 1


def _measure(ws, row: int, r: ReportRow, p: Paper, st) -> int:
    """Write a measure from `row` on, continued on as many rows as its longest text needs; the next row."""
    fields = ("number", "initiative", "kpis", "ministries", "status")
    parts = [chunks(text, p, w) for text, w in zip(r.cells, p.columns_chars)]
    n = max(len(x) for x in parts)
    for k in range(n):
        lines = 1
        for col, (texts, w) in enumerate(zip(parts, p.columns_chars), 1):
            c = ws.cell(row + k, col)
            text = texts[k] if k < len(texts) else ""
            set_text(c, text, measure=r.measure.id, field=fields[col - 1])
            c.font = st["body"]
            c.alignment = st["center"] if col == 1 else st["wrap"]
            c.border = st["border"](k == 0, k == n - 1)
            lines = max(lines, lines_of(text, p, w))
        ws.row_dimensions[row + k].height = fit.row_height(lines, p.body_pt)
    return row + n


def _print_setup(ws, view: ReportView, p: Paper, last_row: int) -> None:
    ws.page_setup.paperSize = p.xlsx_paper_size
    ws.page_setup.orientation = "landscape"
    ws.page_setup.scale = 100
    ws.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
    ws.print_area = f"A{FIRST_ROW - 1}:E{max(last_row, FIRST_ROW)}"
    inch = p.margin_mm / 25.4
    ws.page_margins.left = ws.page_margins.right = round(inch, 2)
    ws.page_margins.top = ws.page_margins.bottom = round(inch + 0.25, 2)
    ws.page_margins.header = ws.page_margins.footer = round(inch / 2 + 0.05, 2)
    ws.print_options.horizontalCentered = True
    for hf in (ws.oddHeader, ws.evenHeader):
        hf.left.text = view.title.replace("&", "&&")
        hf.left.size = p.title_pt
        hf.right.text = view.as_of_label
        hf.right.size = p.title_pt
    for hf in (ws.oddFooter, ws.evenFooter):
        hf.center.text = "&P"
        hf.center.size = p.body_pt
    ws.freeze_panes = f"A{FIRST_ROW}"


def build_workbook(view: ReportView, p: Paper):
    """The report as an openpyxl Workbook, in memory."""
    load_openpyxl()
    wb = new_workbook()
    ws = wb.active
    ws.title = SHEET
    st = _styles(p)
    _top(ws, view, p, st)
    row = FIRST_ROW
    for r in view.rows:
        row = (_heading if r.is_heading else _measure)(ws, row, r, p, st)
    _print_setup(ws, view, p, row - 1)
    wb.properties.title = view.title
    wb.properties.creator = "roadmap-reports"
    return wb


def xlsx_bytes(roadmap, *, paper: str = "A4") -> bytes:
    """The report as reproducible .xlsx bytes (fixed times from the dataset's as-of date)."""
    from roadmap_reports.io.reproducible import fixed_datetime

    wb = build_workbook(report_view(roadmap), paper_named(paper))
    return workbook_bytes(wb, when=fixed_datetime(roadmap.as_of))


__all__ = ["build_workbook", "xlsx_bytes", "chunks", "max_lines", "lines_of"]
