"""The collect report as a workbook for the secretariat: 回答状況 (every ministry asked: 受領・未回答・不受理, its
files and counts), 変更内容 (the changes only, last year's text and the new one with the changed phrases
underlined — 傍線 —, the unchanged answers counted), 問題 (every finding in Japanese with its sheet!cell).

Printed as the print rules say (render/paper.py, render/xlsx/fit.py): columns sized to the paper, body at
`Paper.body_pt` at 100 %, rows as tall as their text, a text taller than a row continued on the rows below
(split after 「。」 or at a line break), borders, a filter on every table, the header row repeated on every page.
Same result, same bytes."""

from __future__ import annotations

from roadmap_reports.render.collect_view import EMPTY_TEXT, CollectView, collect_view
from roadmap_reports.render.paper import Paper, paper as paper_named
from roadmap_reports.render.xlsx import fit
from roadmap_reports.render.xlsx.common import (FONT_NAME, HEADER_FILL, new_workbook, paper_setup, save_workbook,
                                                set_rich_text, set_text)
from roadmap_reports.rounds.collect import CollectResult

FIRST = 3  # row 1: title, row 2: summary line, row 3: the header
#: the sheets: (title, [(header, share of the printable width)])
RESPONSES = ("回答状況", [("省庁", 24), ("回答状況", 8), ("ファイル", 36), ("更新", 5), ("空欄", 5), ("KPI変更案", 7),
                       ("競合", 5), ("前年度と同文", 7), ("問題", 5)])
CHANGES = ("変更内容", [("施策番号", 5), ("省庁", 10), ("区分", 9), ("前年度", 27), ("今年度の記入", 27),
                     ("ファイル・セル", 22)])
PROBLEMS = ("問題", [("ファイル", 22), ("省庁", 12), ("場所", 12), ("施策番号", 6), ("区分", 6), ("内容", 42)])


def _widths(p: Paper, columns) -> list[float]:
    total = fit.printable_units(p) * 0.97
    share = sum(s for _h, s in columns)
    return [round(total * s / share, 1) for _h, s in columns]


def _styles(p: Paper) -> dict:
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    base = dict(rFont=FONT_NAME, sz=p.body_pt, charset=128)
    return {"body": Font(name=FONT_NAME, size=p.body_pt), "bold": Font(name=FONT_NAME, size=p.body_pt, bold=True),
            "title": Font(name=FONT_NAME, size=p.title_pt, bold=True),
            "wrap": Alignment(wrap_text=True, vertical="top"),
            "fill": PatternFill("solid", fgColor=HEADER_FILL), "alert": PatternFill("solid", fgColor="FCE4D6"),
            "border": lambda top, bottom: Border(left=thin, right=thin, top=thin if top else None,
                                                 bottom=thin if bottom else None),
            "runs": {"plain": InlineFont(**base), "label": InlineFont(**base, b=True),
                     "underline": InlineFont(**base, u="single")}}


def _parts(segments, width: float, p: Paper) -> list[list[tuple[str, str]]]:
    """Segments (text, changed) cut into the runs of each row (fit.chunks_lossless on the whole text)."""
    text = "".join(t for t, _c in segments)
    out, start = [], 0
    flags = [c for t, c in segments for _ in t]
    for part in fit.chunks_lossless(text, width, p.body_pt):
        end = start + len(part)
        runs: list[tuple[str, str]] = []
        for i in range(start, end):
            style = "underline" if flags[i] and not text[i].isspace() else "plain"
            if runs and runs[-1][1] == style:
                runs[-1] = (runs[-1][0] + text[i], style)
            else:
                runs.append((text[i], style))
        if runs and runs[-1][0].endswith("\n"):
            runs[-1] = (runs[-1][0].rstrip("\n"), runs[-1][1])
        out.append([r for r in runs if r[0]])
        start = end
    return out or [[]]


def _header(ws, title: str, line: str, columns, widths, st) -> None:
    from openpyxl.utils import get_column_letter

    set_text(ws.cell(1, 1), title)
    ws.cell(1, 1).font = st["title"]
    set_text(ws.cell(2, 1), line)
    ws.cell(2, 1).font = st["body"]
    for i, ((h, _s), w) in enumerate(zip(columns, widths), 1):
        ws.column_dimensions[get_column_letter(i)].width = w
        c = ws.cell(FIRST, i)
        set_text(c, h)
        c.font, c.fill, c.alignment, c.border = st["bold"], st["fill"], st["wrap"], st["border"](True, True)


def _row(ws, row: int, cells: list, widths, p: Paper, st, *, alert=False) -> int:
    """One record from `row` on: each cell's text (or rich-text runs) continued on the rows it needs."""
    parts = [_parts(v, w, p) if isinstance(v, list) else [[(t, "plain")] for t in
             fit.chunks(str(v), w, p.body_pt)] if isinstance(v, str) else [[(v, "number")]]
             for v, w in zip(cells, widths)]
    n = max(len(x) for x in parts)
    for k in range(n):
        lines = 1
        for col, (pieces, w) in enumerate(zip(parts, widths), 1):
            c = ws.cell(row + k, col)
            runs = pieces[k] if k < len(pieces) else []
            if runs and runs[0][1] == "number":
                c.value = runs[0][0]
            else:
                set_rich_text(c, runs, st["runs"])
                lines = max(lines, fit.lines_of("".join(t for t, _s in runs), w, p.body_pt))
            c.font, c.alignment, c.border = st["body"], st["wrap"], st["border"](k == 0, k == n - 1)
            if alert:
                c.fill = st["alert"]
        ws.row_dimensions[row + k].height = fit.row_height(lines, p.body_pt)
    return row + n


def _finish(ws, view: CollectView, p: Paper, ncol: int, last: int) -> None:
    """A filter over the table, the header row frozen and repeated on every page, printed as every workbook
    is (common.paper_setup: the paper at 100 %, the sheet's name and the report's title in the page header,
    page numbers in the footer)."""
    from openpyxl.utils import get_column_letter

    end = get_column_letter(ncol)
    ws.auto_filter.ref = f"A{FIRST}:{end}{max(last, FIRST)}"
    ws.freeze_panes = f"A{FIRST + 1}"
    paper_setup(ws, p, title=view.title, left_header=ws.title, print_title_rows=f"{FIRST}:{FIRST}")


def _responses(ws, view: CollectView, p: Paper, st) -> None:
    title, columns = RESPONSES
    widths = _widths(p, columns)
    states = [r.label for r in view.responses]
    _header(ws, view.title, f"基準：{view.base_title}（{view.base_year}）　照会先 {len(view.responses)}　受領 "
            f"{states.count('受領')}　不受理 {states.count('不受理')}　未回答 {states.count('未回答')}　"
            f"受付ファイル {view.files}", columns, widths, st)
    row = FIRST + 1
    for r in view.responses:
        row = _row(ws, row, [r.ministry, r.label, "\n".join(r.files) or "－", r.updated, r.left_empty,
                             r.kpi_proposals, r.conflicts, r.unchanged, r.problems], widths, p, st,
                   alert=r.state != "returned")
    _finish(ws, view, p, len(columns), row - 1)


def _changes(ws, view: CollectView, p: Paper, st) -> None:
    title, columns = CHANGES
    widths = _widths(p, columns)
    _header(ws, f"{view.title}　変更内容", f"変更 {len(view.changes)}件（変更された語句に傍線、前年度と同じ文は（略））。"
            f"前年度と同文の回答 {view.unchanged}件は省略。", columns, widths, st)
    row = FIRST + 1
    for c in view.changes:
        old, new = c.segments()
        row = _row(ws, row, [c.measure, c.ministry, c.label, old if c.old else "－", new if c.new else EMPTY_TEXT,
                             f"{c.file}\n{c.place}"], widths, p, st, alert=c.kind == "conflict")
    if not view.changes:
        row = _row(ws, row, ["（変更はありません）", "", "", "", "", ""], widths, p, st)
    _finish(ws, view, p, len(columns), row - 1)


def _problems(ws, view: CollectView, p: Paper, st) -> None:
    title, columns = PROBLEMS
    widths = _widths(p, columns)
    _header(ws, f"{view.title}　問題", f"問題 {len(view.problems)}件（不受理：ファイル全体を取り込んでいません）",
            columns, widths, st)
    row = FIRST + 1
    for q in view.problems:
        row = _row(ws, row, [q.file, q.ministry, q.place or "－", q.measure if q.measure is not None else "－", q.label,
                             q.message], widths, p, st, alert=q.severity == "error")
    if not view.problems:
        row = _row(ws, row, ["（問題はありません）", "", "", "", "", ""], widths, p, st)
    _finish(ws, view, p, len(columns), row - 1)


def build_workbook(result: CollectResult, *, paper: str = "A4"):
    """The report as an openpyxl Workbook: 回答状況, 変更内容, 問題 in that order."""
    from roadmap_reports.render.xlsx.common import load_openpyxl

    load_openpyxl()
    p, view = paper_named(paper), collect_view(result)
    st = _styles(p)
    wb = new_workbook()
    for i, (fill, (title, _c)) in enumerate(((_responses, RESPONSES), (_changes, CHANGES), (_problems, PROBLEMS))):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        fill(ws, view, p, st)
    wb.properties.title = view.title
    wb.properties.creator = "roadmap-reports"
    return wb


def write_xlsx(result: CollectResult, path, *, paper: str = "A4") -> None:
    """Write the report as a workbook to `path` (atomically, byte-identical for the same result)."""
    from roadmap_reports.io.reproducible import fixed_datetime

    save_workbook(build_workbook(result, paper=paper), path, when=fixed_datetime(result.draft.as_of))
