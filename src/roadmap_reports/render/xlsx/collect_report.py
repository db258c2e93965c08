"""The collect report as a workbook (概要, ファイル, 問題, 競合, 回答, KPI変更案・備考), for the secretariat.

Every list has its own sheet with a frozen header; an empty list says so in its first row, so that a
reader (or a printout) sees that it is empty, not cut off. Same result, same bytes.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_reports.office import ROW_MAX_POINTS
from roadmap_reports.rounds.collect import CollectResult


def _name(path) -> str:
    return Path(path).name


def write_xlsx(result: CollectResult, path) -> None:
    """Write the report as a workbook to `path` (atomically, byte-identical for the same result)."""
    from openpyxl import Workbook

    from roadmap_reports.io.reproducible import fixed_datetime
    from roadmap_reports.render.xlsx.common import save_workbook

    wb = Workbook()
    for i, (title, headers, widths, rows, empty) in enumerate(report_sheets(result)):
        _sheet(wb.active if i == 0 else wb.create_sheet(), title, headers, widths, rows, empty,
               summary=i == 0, header=f"回収結果 FY{result.fiscal_year}")
    save_workbook(wb, path, when=fixed_datetime(result.draft.as_of))


def report_sheets(result: CollectResult) -> list[tuple]:
    """The sheets of the report: (title, headers, column widths, rows, what an empty sheet says)."""
    summary = [("対象年度", f"FY{result.fiscal_year}"), ("基準データ", f"{result.base.title}（FY{result.base.fiscal_year}）"),
               ("受付ファイル数", len(result.returns)), ("受理", len(result.accepted)), ("却下", len(result.rejected)),
               ("回答省庁", "、".join(result.returned) or "-"), ("未回答省庁", "、".join(result.missing) or "-"),
               ("更新", len(result.updated)), ("空欄", len(result.left_empty)),
               ("前年度と同文（進捗確認の候補）", len(result.unchanged)), ("競合", len(result.conflicts)),
               ("KPI変更案", len(result.kpi_proposals))]
    kinds = [("更新", result.updated), ("空欄", result.left_empty), ("前年度と同文", result.unchanged)]
    answers = sorted(((c.measure, c.ministry, k, _name(c.file), c.place, c.old, c.new) for k, cs in kinds for c in cs),
                     key=lambda t: (t[0], t[1]))
    return [
        ("概要", ["項目", "内容"], [30, 80], summary, None),
        ("ファイル", ["ファイル", "省庁", "結果"], [50, 20, 10],
         [(_name(r.path), r.ministry.name if r.ministry else "", "却下" if r.rejected else "受理")
          for r in result.returns], None),
        ("問題", ["ファイル", "場所", "施策番号", "重大度", "内容"], [40, 22, 8, 8, 80],
         [(_name(f.file), f.place or "", f.measure, "却下" if f.severity == "error" else "注意", f.message)
          for f in result.findings], "（問題はありません）"),
        ("競合", ["施策番号", "省庁", "ファイル", "セル", "記入内容"], [8, 16, 40, 18, 70],
         [(c.measure, m, _name(f), p, t) for c in result.conflicts for m, f, p, t in c.texts], "（競合はありません）"),
        ("回答", ["施策番号", "省庁", "区分", "ファイル", "セル", "前年度", "今年度"], [8, 16, 12, 36, 16, 50, 50], answers,
         "（回答はありません）"),
        ("KPI変更案・備考", ["施策番号", "省庁", "区分", "現在のKPI", "記入内容"], [8, 16, 10, 50, 60],
         [(c.measure, c.ministry, "KPI変更案", c.old, c.new) for c in result.kpi_proposals]
         + [(c.measure, c.ministry, "備考", "", c.new) for c in result.remarks], "（KPI変更案・備考はありません）"),
    ]


def _sheet(ws, title: str, headers: list[str], widths: list[int], rows: list[tuple], empty: str | None, *,
           summary: bool, header: str) -> None:
    """One sheet: a bold shaded header row, the rows wrapped and fitted, frozen below the header."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from roadmap_reports.render.xlsx.common import (FONT_NAME, FONT_SIZE, HEADER_FILL, YU_GOTHIC_LINE_FACTOR,
                                                    fit_row_height, page_setup, set_text)

    font = Font(name=FONT_NAME, size=FONT_SIZE)
    align = Alignment(wrap_text=True, vertical="top", horizontal="left" if summary else None)
    ws.title = title
    for c, (h, w) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(1, c)
        set_text(cell, h)
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        ws.column_dimensions[cell.column_letter].width = w
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            if isinstance(value, int) and not isinstance(value, bool):
                cell.value = value
            else:
                set_text(cell, "" if value is None else str(value))
            cell.font = font
            cell.alignment = align
        ws.row_dimensions[r].height = fit_row_height([(str(v or ""), w) for v, w in zip(row, widths)],
                                                     line_factor=YU_GOTHIC_LINE_FACTOR, max_height=ROW_MAX_POINTS)
    if not rows and empty:
        cell = ws.cell(2, 1)
        set_text(cell, empty)
        cell.font = font
    ws.freeze_panes = "A2"
    page_setup(ws, title=header, left_header=title)
