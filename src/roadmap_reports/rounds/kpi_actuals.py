"""Structured KPI actuals in the 照会 workbook: a KPI実績 sheet with, per KPI item, typed cells for 実績値
(a number), 単位 (a list), 時点 (a fiscal year such as 2023, or a date) and 出典, validated in Excel; and
reading them back in collect (a non-number is refused with its sheet!cell).

The sheet is added by circulate.update_workbook_bytes and read by collect.check_workbook; the draft's
measures carry what was typed as ``kpi_actuals`` (dataset schema version 2).
"""

from __future__ import annotations

import datetime as _dt

from roadmap_reports.japanese.calendar import fiscal_year_of
from roadmap_reports.japanese.kpi import UNITS

ACTUALS_SHEET = "KPI実績"
# (key, header, share of the printable width: rounds.layout.widths sizes them to the paper)
COLUMNS = (("id", "施策番号", 7), ("kpi_index", "KPI番号", 6), ("kpi", "KPI（変更不可）", 44),
           ("value", "実績値（数値）", 11), ("unit", "単位", 8), ("as_of", "時点（年度 2023 または日付）", 12),
           ("source", "出典（資料名など）", 28))
EDIT = ("value", "unit", "as_of", "source")
UNIT_CHOICES = tuple(UNITS)
FIRST_ROW = 2


def _col(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([k for k, _h, _w in COLUMNS].index(key) + 1)


def kpi_rows(roadmap, rows) -> list[tuple[int, int, str]]:
    """(measure, KPI index, KPI text) of every KPI item of the workbook's own measures (not reposts)."""
    by_id = roadmap.by_id()
    return [(r.id, i, k) for r in rows if r.repost_of is None for i, k in enumerate(by_id[r.id].kpis)]


def _widths(p) -> dict[str, float]:
    from roadmap_reports.render.xlsx.fit import printable_units

    total, share = printable_units(p) * 0.97, sum(s for _k, _h, s in COLUMNS)
    return {k: round(total * s / share, 1) for k, _h, s in COLUMNS}


def add_actuals_sheet(wb, roadmap, rows, *, fonts, fills, protect, paper, border=None,
                      header: tuple[str, str, str] = ("", "", "")) -> None:
    """Add the KPI実績 sheet (before the hidden metadata sheet): one row per KPI item, entry cells typed; printed
    like the measures sheet on `paper` (render/paper.Paper: columns sized to it, at 100 %, the body at the
    fonts' size), cells with `border`; `header`: the page header's (left, right, text after the left: the
    deadline and contact)."""
    from openpyxl.styles import Alignment, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from roadmap_reports.render.xlsx import fit
    from roadmap_reports.render.xlsx.common import extend_header_left, paper_setup, set_text

    items = kpi_rows(roadmap, rows)
    ws = wb.create_sheet(ACTUALS_SHEET, index=2)
    font, bold = fonts
    edit_fill, header_fill = fills
    w = _widths(paper)
    top = Alignment(wrap_text=True, vertical="top")
    for c, (key, title, _s) in enumerate(COLUMNS, start=1):
        cell = ws.cell(1, c)
        set_text(cell, title)
        cell.font, cell.fill, cell.border = bold, edit_fill if key in EDIT else header_fill, border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[_col(key)].width = w[key]
    ws.row_dimensions[1].height = fit.fit_height([(t, w[k]) for k, t, _s in COLUMNS], font.size)
    for r, (mid, i, kpi) in enumerate(items, start=FIRST_ROW):
        ws.cell(r, 1, mid)
        ws.cell(r, 2, i + 1)
        set_text(ws.cell(r, 3), kpi, measure=mid, field="kpi")
        for c in range(1, len(COLUMNS) + 1):
            cell = ws.cell(r, c)
            cell.font, cell.alignment, cell.border = font, top, border
            if COLUMNS[c - 1][0] in EDIT:
                cell.protection = Protection(locked=False)
                cell.fill = edit_fill
        ws.row_dimensions[r].height = fit.fit_height([(kpi, w["kpi"])], font.size)
    last = FIRST_ROW + max(len(items), 1) - 1
    rng = lambda key: f"{_col(key)}{FIRST_ROW}:{_col(key)}{last}"  # noqa: E731
    checks = [
        DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000",
                       allow_blank=True, errorTitle="実績値", error="数値を入力してください（単位は右の欄に）。",
                       promptTitle="実績値", prompt="数値だけを入力（例: 53.7）。単位は「単位」欄に。"),
        DataValidation(type="list", formula1='"' + ",".join(UNIT_CHOICES) + '"', allow_blank=True,
                       errorTitle="単位", error="一覧から選んでください。"),
        DataValidation(type="custom", formula1=f"ISNUMBER({_col('as_of')}{FIRST_ROW})", allow_blank=True,
                       errorTitle="時点", error="年度（2023 など）または日付（2024/3/31 など）を入力してください。",
                       promptTitle="時点", prompt="実績の時点: 年度（2023）または日付（2024/3/31）"),
    ]
    for dv, key in zip(checks, ("value", "unit", "as_of")):
        dv.showErrorMessage = dv.showInputMessage = True
        dv.sqref = rng(key)
        ws.add_data_validation(dv)
    ws.freeze_panes = f"D{FIRST_ROW}"
    protect(ws)
    left, right, more = header
    paper_setup(ws, paper, title=right or ACTUALS_SHEET, left_header=left or ACTUALS_SHEET, print_title_rows="1:1")
    if more:
        extend_header_left(ws, more, printable_mm=paper.printable_mm)
    ws.print_area = f"A1:{_col(COLUMNS[-1][0])}{last}"


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else value
    return None


def _fiscal_year(value) -> int | None:
    if isinstance(value, _dt.datetime):
        return fiscal_year_of(value.date())
    if isinstance(value, _dt.date):
        return fiscal_year_of(value)
    n = _number(value)
    if isinstance(n, int) and 1900 <= n <= 2200:
        return n
    if isinstance(value, str) and value.strip():
        from roadmap_reports.japanese.calendar import parse_fiscal_year

        try:
            return parse_fiscal_year(value)
        except ValueError:
            return None
    return None


def read_actuals(wb, base, rows, ret) -> list[tuple[int, dict]]:
    """The typed actuals of a returned workbook: (measure, {kpi_index, value, unit, as_of_fy, source}).

    A row with nothing typed is skipped; a non-number in 実績値, an unknown unit or an unreadable 時点 is an
    error of `ret` located at its sheet!cell. A workbook without the sheet (made before it existed) gives none."""
    if ACTUALS_SHEET not in wb.sheetnames:
        return []
    ws = wb[ACTUALS_SHEET]
    out = []
    for r, (mid, i, _kpi) in enumerate(kpi_rows(base, rows), start=FIRST_ROW):
        cells = {key: ws[f"{_col(key)}{r}"] for key in EDIT}
        typed = {k: c.value for k, c in cells.items() if c.value not in (None, "")}
        if not typed:
            continue
        place = lambda key: f"{ACTUALS_SHEET}!{cells[key].coordinate}"  # noqa: E731
        value, unit, fy = _number(typed.get("value")), typed.get("unit"), _fiscal_year(typed.get("as_of"))
        if value is None:
            ret.error("broken", "actual_not_number", place=place("value"), measure=mid, value=typed.get("value"))
        elif unit not in UNIT_CHOICES:
            ret.error("broken", "actual_unit", place=place("unit"), measure=mid, units=", ".join(UNIT_CHOICES),
                      unit=unit)
        elif fy is None:
            ret.error("broken", "actual_as_of", place=place("as_of"), measure=mid, value=typed.get("as_of"))
        else:
            entry = {"kpi_index": i, "value": value, "unit": unit, "as_of_fy": fy}
            if typed.get("source"):
                entry["source"] = str(typed["source"]).strip()
            out.append((mid, entry))
    return out
