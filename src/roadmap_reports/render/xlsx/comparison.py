"""The 新旧対照表 as an Excel workbook, printed as the published report is (render/paper.py, xlsx/fit.py):
A4 (or A3) landscape at 100 %, body text at the paper's size (8 pt on A4, 10 pt on A3), columns sized to the
paper, rows as tall as their text.

- 「新旧対照表」: one row per changed measure in the report's order (render/comparison_table.py), the changed
  wording underlined (傍線) with rich-text runs. Excel caps a row at 409 pt, so a longer text continues on the
  rows below, split only at a line break or after a 「。」 (`fit.chunks`); an underline crossing a split is
  underlined on both rows. Continuation rows leave 施策番号 and 変更点 empty and draw no rule inside a measure.
- 「集計」: counts by ministry and flag, headed by the flags' Japanese labels.
- 「前年度と同旨の実施状況」: the measures whose status is materially last year's, with the similarity — not
  a 変更点, so not in the table."""

from __future__ import annotations

from roadmap_reports.compare.diff import FLAG_LABELS, DiffResult
from roadmap_reports.render.comparison_table import (NOTE, STALLED_HEADINGS, STALLED_TITLE, TableRow, cell_runs,
                                                     comparison_table, runs_between, side_heading, side_order,
                                                     sources_line, stalled_note, stalled_rows, summary_rows, title)
from roadmap_reports.render.paper import Paper, paper as paper_named
from roadmap_reports.render.xlsx import fit
from roadmap_reports.render.xlsx.common import (FONT_NAME, HEADER_FILL, load_openpyxl, new_workbook, paper_setup,
                                                save_workbook, set_rich_text, set_text)

GROUP_FILL = "F2F2F2"
LONGEST_FLAG = max(len(x) for x in FLAG_LABELS.values())  # 具体的取組の変更


def column_widths(p: Paper) -> tuple[float, float, float]:
    """(施策番号, each side, 変更点) in Excel units: the report's number column, 変更点 as wide as the longest
    flag label, the two sides sharing the rest of the report's width equally."""
    number = p.columns_chars[0] + 2  # 「68」 and 「（旧69）」 on the line below
    flags = fit.units_for(LONGEST_FLAG, p.body_pt)
    side = int((sum(p.columns_chars) - number - flags) / 2 * 10) / 10
    return number, side, flags


def _styles(p: Paper) -> dict:
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    base = dict(rFont=FONT_NAME, sz=p.body_pt, charset=128)
    thin = Side(style="thin", color="000000")
    return {"runs": {"plain": InlineFont(**base), "label": InlineFont(**base, b=True),
                     "underline": InlineFont(**base, u="single")},
            "body": Font(name=FONT_NAME, size=p.body_pt, charset=128),
            "bold": Font(name=FONT_NAME, size=p.body_pt, charset=128, bold=True),
            "title": Font(name=FONT_NAME, size=p.title_pt, charset=128, bold=True),
            "wrap": Alignment(wrap_text=True, vertical="top"),
            "center": Alignment(wrap_text=True, vertical="top", horizontal="center"),
            "mid": Alignment(wrap_text=True, vertical="center", horizontal="center"),
            "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
            "group_fill": PatternFill("solid", fgColor=GROUP_FILL),
            "box": Border(left=thin, right=thin, top=thin, bottom=thin),
            "border": lambda top, bottom: Border(left=thin, right=thin, top=thin if top else None,
                                                 bottom=thin if bottom else None)}


def _header(ws, row: int, headings, widths, p: Paper, st) -> None:
    """A header row (shaded, bold, centred, boxed) and the column widths under it."""
    from openpyxl.utils import get_column_letter

    for i, (text, w) in enumerate(zip(headings, widths), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
        c = ws.cell(row, i)
        set_text(c, text)
        c.font, c.fill, c.alignment, c.border = st["bold"], st["header_fill"], st["mid"], st["box"]
    ws.row_dimensions[row].height = fit.fit_height(zip(headings, widths), p.body_pt)


def _title_rows(ws, first: str, second: str, columns: int, p: Paper, st, *, second_right: bool = False) -> None:
    """Row 1: the title (merged over the first half, or all columns); row 2 or the right of row 1: a note."""
    from openpyxl.styles import Alignment

    set_text(ws.cell(1, 1), first)
    ws.cell(1, 1).font = st["title"]
    ws.row_dimensions[1].height = fit.row_height(1, p.title_pt)
    if second_right:
        half = columns // 2
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=half)
        set_text(ws.cell(1, half + 1), second)
        ws.cell(1, half + 1).font = st["body"]
        ws.cell(1, half + 1).alignment = Alignment(horizontal="right", vertical="bottom")
        ws.merge_cells(start_row=1, start_column=half + 1, end_row=1, end_column=columns)
        return
    set_text(ws.cell(2, 1), second)
    ws.cell(2, 1).font = st["body"]


def _group_row(ws, row: int, text: str, p: Paper, st) -> None:
    c = ws.cell(row, 1)
    set_text(c, text)
    c.font = st["bold"]
    for col in range(1, 5):
        ws.cell(row, col).fill = st["group_fill"]
        ws.cell(row, col).border = st["box"]
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    ws.row_dimensions[row].height = fit.row_height(1, p.body_pt)


def _write_row(ws, row: int, r: TableRow, sides, p: Paper, st) -> int:
    """Write a measure from `row` on, continued on as many rows as its longest side needs; the next row."""
    number_w, side_w, flags_w = column_widths(p)
    mid = r.entry.new_id if r.entry.new_id is not None else r.entry.old_id
    sides_runs = [cell_runs(r.new if side == "new" else r.old) for side in sides]
    parts = []
    for runs in sides_runs:
        text = "".join(t for t, _ in runs)
        parts.append([runs_between(runs, a, b) for a, b in fit.chunk_spans(text, side_w, p.body_pt)])
    flags = "\n".join(FLAG_LABELS[f] for f in r.flags)
    n = max(len(x) for x in parts)
    for k in range(n):
        first = k == 0
        c = ws.cell(row + k, 1)
        set_text(c, r.number if first else "")
        c.font, c.alignment = st["body"], st["center"]
        cells = [(r.number if first else "", number_w)]
        for col, (side, side_parts) in enumerate(zip(sides, parts), start=2):
            runs = side_parts[k] if k < len(side_parts) else []
            c = ws.cell(row + k, col)
            set_rich_text(c, runs, st["runs"], measure=mid, field=side)
            c.font, c.alignment = st["body"], st["wrap"]
            cells.append(("".join(t for t, _ in runs), side_w))
        c = ws.cell(row + k, 4)
        set_text(c, flags if first else "")
        c.font, c.alignment = st["body"], st["wrap"]
        cells.append((flags if first else "", flags_w))
        for col in range(1, 5):
            ws.cell(row + k, col).border = st["border"](first, k == n - 1)
        ws.row_dimensions[row + k].height = fit.fit_height(cells, p.body_pt)
    return row + n


def _comparison_sheet(ws, result: DiffResult, p: Paper, st, *, new_side: str, group_by: str,
                      abbreviate: bool) -> int:
    """The table itself; the number of measures in it."""
    from openpyxl.worksheet.pagebreak import Break

    sides = side_order(new_side)
    groups = comparison_table(result, group_by=group_by, abbreviate=abbreviate)
    _title_rows(ws, title(result), NOTE, 4, p, st, second_right=True)
    _header(ws, 2, ["施策番号", side_heading(result, sides[0]), side_heading(result, sides[1]), "変更点"],
            column_widths(p)[:2] + column_widths(p)[1:], p, st)
    row, n_rows = 3, 0
    for k, group in enumerate(groups):
        if group.title:
            if k:  # every group starts a page, so that each ministry (or section) can print its own part
                ws.row_breaks.append(Break(id=row - 1))
            _group_row(ws, row, f"■ {group.title}", p, st)
            row += 1
        for r in group.rows:
            row = _write_row(ws, row, r, sides, p, st)
            n_rows += 1
    if not groups:
        set_text(ws.cell(row, 1), "変更はありません。")
        ws.cell(row, 1).font = st["body"]
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    ws.freeze_panes = "A3"
    paper_setup(ws, p, title="", print_title_rows="1:2")  # rows 1-2 repeat the title, the note and the header
    return n_rows


def _stalled_sheet(ws, result: DiffResult, p: Paper, st) -> None:
    """前年度と同旨の実施状況: one row per measure, with the ministries and the similarity."""
    rows = stalled_rows(result)
    widths = (fit.units_for(8, p.body_pt), fit.units_for(40, p.body_pt), fit.units_for(8, p.body_pt))
    _title_rows(ws, f"{STALLED_TITLE}　{title(result)}", stalled_note(result), 3, p, st)
    ws.row_dimensions[2].height = fit.row_height(1, p.body_pt)
    _header(ws, 3, STALLED_HEADINGS, widths, p, st)
    row = 4
    for s in rows:
        values = (s.number, "、".join(s.ministries), s.similarity_label)
        for col, value in enumerate(values, start=1):
            c = ws.cell(row, col)
            set_text(c, value, measure=s.entry.id, field=STALLED_HEADINGS[col - 1])
            c.font, c.border = st["body"], st["box"]
            c.alignment = st["wrap"] if col == 2 else st["center"]
        ws.row_dimensions[row].height = fit.fit_height(zip(values, widths), p.body_pt)
        row += 1
    if rows:
        ws.auto_filter.ref = f"A3:C{row - 1}"
    else:
        set_text(ws.cell(row, 1), "該当する施策はありません。")
        ws.cell(row, 1).font = st["body"]
    ws.freeze_panes = "A4"
    paper_setup(ws, p, title=title(result), left_header=STALLED_TITLE, print_title_rows="3:3")


def _summary_sheet(ws, result: DiffResult, p: Paper, st) -> None:
    """集計: per ministry and in total, how many measures carry each flag (headed by the Japanese labels)."""
    from roadmap_reports.ministries import lookup

    flags, per, totals = summary_rows(result)
    _title_rows(ws, f"集計　{title(result)}", sources_line(result), len(flags) + 2, p, st)
    code_w = fit.units_for(4, p.body_pt)
    name_w = fit.units_for(12, p.body_pt)
    flag_w = int((sum(p.columns_chars) - name_w - code_w) / len(flags) * 10) / 10
    widths = [name_w, code_w] + [flag_w] * len(flags)
    _header(ws, 4, ["担当省庁", "コード"] + [FLAG_LABELS[f] for f in flags], widths, p, st)
    row = 5
    for name, counts in [*per, ("合計（施策数）", totals)]:
        m = lookup(name)
        set_text(ws.cell(row, 1), name)
        set_text(ws.cell(row, 2), m.code if m else "")
        for i, n in enumerate(counts, start=3):
            ws.cell(row, i).value = n
        for col in range(1, len(widths) + 1):
            c = ws.cell(row, col)
            c.font = st["bold"] if name.startswith("合計") else st["body"]
            c.border = st["box"]
            c.alignment = st["wrap"] if col == 1 else st["center"]
        ws.row_dimensions[row].height = fit.fit_height([(name, name_w)], p.body_pt)
        row += 1
    set_text(ws.cell(row + 1, 1), "省庁別の数は各省庁から見た件数（複数省庁の施策は各省庁に計上、タグ付きの実施状況は"
                                  "その省庁の部分で判定）。合計は施策の数。")
    ws.cell(row + 1, 1).font = st["body"]
    ws.freeze_panes = "C5"
    paper_setup(ws, p, title=title(result), left_header="集計", print_title_rows="4:4")


def build_workbook(result: DiffResult, *, new_side: str = "left", group_by: str = "none",
                   abbreviate: bool = False, paper: str = "A4"):
    """(workbook, number of table rows) — validated and built in memory before anything is written."""
    load_openpyxl()
    p = paper_named(paper)
    st = _styles(p)
    wb = new_workbook()
    ws = wb.active
    ws.title = "新旧対照表"
    n_rows = _comparison_sheet(ws, result, p, st, new_side=new_side, group_by=group_by, abbreviate=abbreviate)
    _summary_sheet(wb.create_sheet("集計"), result, p, st)
    _stalled_sheet(wb.create_sheet(STALLED_TITLE), result, p, st)
    wb.properties.title = title(result)
    return wb, n_rows


def write_xlsx(result: DiffResult, path, *, new_side: str = "left", group_by: str = "none",
               abbreviate: bool = False, paper: str = "A4") -> int:
    """Write the 新旧対照表 workbook (reproducibly, atomically); return the number of measures in the table."""
    from roadmap_reports.io.reproducible import fixed_datetime

    wb, n = build_workbook(result, new_side=new_side, group_by=group_by, abbreviate=abbreviate, paper=paper)
    save_workbook(wb, path, when=fixed_datetime(result.new.as_of))
    return n
