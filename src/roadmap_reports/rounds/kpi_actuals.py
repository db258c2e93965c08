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
COLUMNS = (("id", "施策番号", 8), ("kpi_index", "KPI番号", 7), ("kpi", "KPI（変更不可）", 48),
           ("value", "実績値（数値）", 12), ("unit", "単位", 9), ("as_of", "時点（年度 2023 または日付）", 14),
           ("source", "出典（資料名など）", 30))
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


def add_actuals_sheet(wb, roadmap, rows, *, fonts, fills, protect) -> None:
    """Add the KPI実績 sheet (before the hidden metadata sheet): one row per KPI item, entry cells typed."""
    from openpyxl.styles import Alignment, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from roadmap_reports.render.xlsx.common import fit_row_height, page_setup, set_text

    items = kpi_rows(roadmap, rows)
    ws = wb.create_sheet(ACTUALS_SHEET, index=2)
    font, bold = fonts
    edit_fill, header_fill = fills
    for c, (key, header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(1, c)
        set_text(cell, header)
        cell.font, cell.fill = bold, edit_fill if key in EDIT else header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[_col(key)].width = width
    for r, (mid, i, kpi) in enumerate(items, start=FIRST_ROW):
        ws.cell(r, 1, mid).font = font
        ws.cell(r, 2, i + 1).font = font
        set_text(ws.cell(r, 3), kpi, measure=mid, field="kpi")
        ws.cell(r, 3).font = font
        ws.cell(r, 3).alignment = Alignment(wrap_text=True, vertical="top")
        for key in EDIT:
            cell = ws[f"{_col(key)}{r}"]
            cell.protection = Protection(locked=False)
            cell.fill, cell.font = edit_fill, font
        ws.row_dimensions[r].height = fit_row_height([(kpi, 48)])
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
    page_setup(ws, title=ACTUALS_SHEET, left_header=ACTUALS_SHEET, landscape=True, print_title_rows="1:1")


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
