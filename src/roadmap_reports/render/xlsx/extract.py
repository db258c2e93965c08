"""The Excel workbook a ministry receives: its measures in report order, one sheet (施策一覧).

Every cell uses the Japanese font, wraps, and is sized so that nothing is clipped when opened (the
shared sheet of measures: measure_table.py). The sheet prints A4 landscape, one page wide, header row
repeated, with title, fiscal year, as-of date and page numbers in the header and footer.
"""

from __future__ import annotations

from roadmap_reports.render.xlsx import common as xc
from roadmap_reports.render.xlsx import measure_table as table
from roadmap_reports.render.xlsx.measure_table import Column
from roadmap_reports.views import MeasureView, MinistryExtract

MEASURES_SHEET = "施策一覧"


def _note(ministry_name: str):
    def note(m: MeasureView) -> str:
        if m.status_is_part:
            return f"（実施状況欄は{ministry_name}の記載部分。公表された全文は次のとおり）\n{m.full_status}"
        return ""

    return note


def ministry_columns(ministry_name: str) -> list[Column]:
    """The columns of a ministry's sheet: the shared ones, 共管 (the other owners) and 備考 (the full
    status when the ministry sees only its tagged part)."""
    before, after = table.common_columns(status_width=70)
    return [*before, Column("共管", 12, "ministries", lambda m: "\n".join(m.co_owners)), *after,
            Column("備考", 30, "status", _note(ministry_name))]


def ministry_workbook(extract: MinistryExtract):
    """The workbook a ministry receives: its measures in report order, one sheet."""
    wb = xc.new_workbook()
    ws = wb.active
    ws.title = xc.safe_sheet_title(MEASURES_SHEET)
    st = table.styles()
    columns = ministry_columns(extract.ministry.name)
    table.header_row(ws, [(c.header, c.width) for c in columns], st)
    table.measure_rows(ws, columns, extract.measures, st, sheet_title=ws.title)
    left, right = table.headings(extract.edition, extract.ministry.name)
    table.finish_table(ws, columns, title=right, left_header=left)
    e = extract.edition
    table.set_properties(wb, title=f"{e.title}（{extract.ministry.name}）", subject=table.subject_line(e),
                         keywords=f"{extract.ministry.code} FY{e.fiscal_year}",
                         description=f"{extract.ministry.name}の施策 {len(extract.own)}件（再掲 "
                                     f"{len(extract.reposts)}件）")
    return wb


def ministry_workbook_bytes(extract: MinistryExtract) -> bytes:
    """The ministry's workbook as reproducible bytes (stamped with the edition's as-of date)."""
    from roadmap_reports.io.reproducible import fixed_datetime

    return xc.workbook_bytes(ministry_workbook(extract), when=fixed_datetime(extract.edition.as_of))
