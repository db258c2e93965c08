"""The 新旧対照表 as an Excel workbook: the comparison table (A4 landscape, changed wording underlined at
character level with rich-text runs) and a summary sheet of counts by flag and ministry."""

from __future__ import annotations

from roadmap_reports.compare.diff import FLAG_LABELS, DiffResult
from roadmap_reports.render.comparison_table import (NOTE, TableRow, cell_runs, comparison_table, plain, side_heading,
                                                     side_order, sources_line, summary_rows, title)
from roadmap_reports.office import ROW_MAX_POINTS
from roadmap_reports.render.xlsx.common import (FONT_NAME, FONT_SIZE, HEADER_FILL, YU_GOTHIC_LINE_FACTOR, check_text,
                                                fit_row_height, page_setup, save_workbook, set_text)

WIDTHS = {"number": 9, "side": 62, "flags": 16}
GROUP_FILL = "F2F2F2"


def _fonts():
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Font

    base = dict(rFont=FONT_NAME, sz=FONT_SIZE, charset=128)
    return {
        "plain": InlineFont(**base),
        "label": InlineFont(**base, b=True),
        "underline": InlineFont(**base, u="single"),
    }, Font(name=FONT_NAME, size=FONT_SIZE, charset=128)


def set_rich_text(cell, runs, fonts, *, measure=None, field=None) -> None:
    """Rich text (runs of (text, style)) that stays text: never a formula, whatever it starts with."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    whole = check_text("".join(t for t, _ in runs), measure=measure, field=field)
    if not runs or not any(s == "underline" for _t, s in runs) and not any(s == "label" for _t, s in runs):
        set_text(cell, whole, measure=measure, field=field)
        return
    cell.value = CellRichText([TextBlock(fonts[style], text) for text, style in runs if text])
    cell.data_type = "s"
    if whole[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True


def _styles() -> dict:
    from openpyxl.styles import Alignment, Border, Font, Side

    fonts, cell_font = _fonts()
    thin = Side(style="thin", color="808080")
    return {"fonts": fonts, "cell_font": cell_font,
            "bold": Font(name=FONT_NAME, size=FONT_SIZE, charset=128, bold=True),
            "border": Border(left=thin, right=thin, top=thin, bottom=thin),
            "top_wrap": Alignment(wrap_text=True, vertical="top")}


def _heading_rows(ws, result: DiffResult, columns, st) -> None:
    """Row 1: title and the note; row 2: headings (both repeated on every printed page)."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    for i, (_h, kind) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[kind]
    set_text(ws.cell(1, 1), title(result))
    ws.cell(1, 1).font = st["bold"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    set_text(ws.cell(1, 3), NOTE)
    ws.cell(1, 3).font = st["cell_font"]
    ws.cell(1, 3).alignment = Alignment(horizontal="right")
    ws.merge_cells(start_row=1, start_column=3, end_row=1, end_column=4)
    for i, (heading, _kind) in enumerate(columns, start=1):
        c = ws.cell(2, i)
        set_text(c, heading)
        c.font = st["bold"]
        c.fill = PatternFill("solid", fgColor=HEADER_FILL)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = st["border"]
    ws.row_dimensions[2].height = 20


def _group_row(ws, row: int, text: str, st) -> None:
    from openpyxl.styles import PatternFill

    c = ws.cell(row, 1)
    set_text(c, text)
    c.font = st["bold"]
    for col in range(1, 5):
        ws.cell(row, col).fill = PatternFill("solid", fgColor=GROUP_FILL)
        ws.cell(row, col).border = st["border"]
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)


def build_workbook(result: DiffResult, *, new_side: str = "left", group_by: str = "ministry",
                   abbreviate: bool = False):
    """(workbook, number of table rows) — validated and built in memory before anything is written."""
    from openpyxl import Workbook
    from openpyxl.worksheet.pagebreak import Break

    st = _styles()
    sides = side_order(new_side)
    groups = comparison_table(result, group_by=group_by, abbreviate=abbreviate)
    wb = Workbook()
    ws = wb.active
    ws.title = "新旧対照表"
    _heading_rows(ws, result, [("施策番号", "number"), (side_heading(result, sides[0]), "side"),
                               (side_heading(result, sides[1]), "side"), ("変更点", "flags")], st)
    row, n_rows = 3, 0
    for k, group in enumerate(groups):
        if k:  # every group starts a page, so that each ministry (or section) can print its own part
            ws.row_breaks.append(Break(id=row - 1))
        _group_row(ws, row, f"■ {group.title}", st)
        row += 1
        for r in group.rows:
            _write_row(ws, row, r, sides, st["fonts"], st["cell_font"], st["border"], st["top_wrap"])
            row += 1
            n_rows += 1
    if not groups:
        set_text(ws.cell(row, 1), "変更はありません。")
        ws.cell(row, 1).font = st["cell_font"]
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    ws.freeze_panes = "A3"
    page_setup(ws, title="", landscape=True, print_title_rows="1:2")  # rows 1-2 repeat title and note

    _summary_sheet(wb.create_sheet("集計"), result, st["cell_font"], st["bold"], st["border"])
    return wb, n_rows


def _write_row(ws, row, r: TableRow, sides, fonts, cell_font, border, align) -> None:
    from openpyxl.styles import Alignment

    mid = r.entry.new_id if r.entry.new_id is not None else r.entry.old_id
    c = ws.cell(row, 1)
    set_text(c, r.number)
    c.font = cell_font
    c.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
    texts = []
    for k, side in enumerate(sides, start=2):
        blocks = r.new if side == "new" else r.old
        c = ws.cell(row, k)
        set_rich_text(c, cell_runs(blocks), fonts, measure=mid, field=side)
        c.font = cell_font
        c.alignment = align
        texts.append((plain(blocks), 62))
    c = ws.cell(row, 4)
    set_text(c, r.flag_labels)
    c.font = cell_font
    c.alignment = align
    for col in range(1, 5):
        ws.cell(row, col).border = border
    ws.row_dimensions[row].height = fit_row_height(texts + [(r.flag_labels, 16)], line_factor=YU_GOTHIC_LINE_FACTOR,
                                                   max_height=ROW_MAX_POINTS)


def _summary_sheet(ws, result: DiffResult, cell_font, bold, border) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    from roadmap_reports.ministries import lookup

    flags, per, totals = summary_rows(result)
    set_text(ws.cell(1, 1), f"集計　{title(result)}")
    ws.cell(1, 1).font = bold
    set_text(ws.cell(2, 1), sources_line(result))
    ws.cell(2, 1).font = cell_font
    headings = ["担当省庁", "コード"] + [f"{FLAG_LABELS[f]}\n{f}" for f in flags]
    for i, h in enumerate(headings, start=1):
        c = ws.cell(4, i)
        set_text(c, h)
        c.font = bold
        c.fill = PatternFill("solid", fgColor=HEADER_FILL)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
    ws.row_dimensions[4].height = 58
    row = 5
    for name, counts in [*per, ("合計（施策数）", totals)]:
        m = lookup(name)
        set_text(ws.cell(row, 1), name)
        set_text(ws.cell(row, 2), m.code if m else "")
        for i, n in enumerate(counts, start=3):
            ws.cell(row, i).value = n
        for col in range(1, len(headings) + 1):
            ws.cell(row, col).font = bold if name.startswith("合計") else cell_font
            ws.cell(row, col).border = border
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    set_text(ws.cell(row + 1, 1), "省庁別の数は各省庁から見た件数（複数省庁の施策は各省庁に計上、タグ付きの実施状況は"
                                  "その省庁の部分で判定）。合計は施策の数。")
    ws.cell(row + 1, 1).font = cell_font
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 8
    for i in range(3, len(headings) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 16
    ws.freeze_panes = "C5"
    page_setup(ws, title=title(result), left_header="集計", landscape=True, print_title_rows="4:4")


def write_xlsx(result: DiffResult, path, *, new_side: str = "left", group_by: str = "ministry",
               abbreviate: bool = False) -> int:
    """Write the 新旧対照表 workbook (reproducibly, atomically); return the number of table rows."""
    from roadmap_reports.io.reproducible import fixed_datetime

    wb, n = build_workbook(result, new_side=new_side, group_by=group_by, abbreviate=abbreviate)
    save_workbook(wb, path, when=fixed_datetime(result.new.as_of))
    return n
