"""The Excel workbook a ministry receives: its measures in report order on a sheet made for paper (施策一覧),
its KPI items (KPIの進捗) when it has any, and last the same measures on a sheet made for the screen (施策データ,
screen.py: one row per measure, an autofilter).

施策一覧 is laid out as the published report is (measure_table.py): the report's five columns (no 共管 or
再掲 column: 担当省庁 names every owner, a repost says which measure it repeats), the section and ◎
sub-headings as rows of their own (never alone at the foot of a printed page), long texts continued on the rows
below (split at 「。」 or a line break), rows as tall as their text. It prints
landscape on A4 (8 pt) or A3 (10 pt, `--paper A3`) at 100 %, the header row repeated, with title, fiscal
year, as-of date and page numbers in the header and footer. Its heading and continuation rows are what a
filter breaks, so data users get 施策データ: one row per measure with every field (分野 and 小項目 repeated on
each row), printed, if at all, at 100 % across several pages — never shrunk to an unreadable size.
"""

from __future__ import annotations

from roadmap_reports.render.paper import paper as paper_named
from roadmap_reports.render.xlsx import common as xc
from roadmap_reports.render.xlsx import measure_table as table
from roadmap_reports.render.xlsx.screen import screen_sheet
from roadmap_reports.views import MinistryExtract

MEASURES_SHEET = "施策一覧"


def ministry_workbook(extract: MinistryExtract, *, paper: str = "A4"):
    """The workbook a ministry receives: its measures in report order, then its KPI items."""
    p = paper_named(paper)
    wb = xc.new_workbook()
    ws = wb.active
    ws.title = xc.safe_sheet_title(MEASURES_SHEET)
    left, right = table.headings(extract.edition, extract.ministry.name)
    name = extract.ministry.name
    table.measures_sheet(ws, extract.measures, p, table.styles(p), title=right, left_header=left,
                         note=lambda m: table.full_status_note(m, name))
    from roadmap_reports.progress.report import extract_progress
    from roadmap_reports.render.xlsx.kpi import PROGRESS_SHEET, add_progress_sheet

    add_progress_sheet(wb, extract_progress(extract), header=right, left_header=left)
    if PROGRESS_SHEET in wb.sheetnames:  # fitted to the paper's width: at least 8 pt on A4, 10 pt on A3
        wb[PROGRESS_SHEET].page_setup.paperSize = p.xlsx_paper_size
    screen_sheet(wb, extract.measures, p, title=right, left_header=left)
    e = extract.edition
    table.set_properties(wb, title=f"{e.title}（{name}）", subject=table.subject_line(e),
                         keywords=f"{extract.ministry.code} FY{e.fiscal_year}",
                         description=f"{name}の施策 {len(extract.own)}件（再掲 {len(extract.reposts)}件）")
    return wb


def ministry_workbook_bytes(extract: MinistryExtract, *, paper: str = "A4") -> bytes:
    """The ministry's workbook as reproducible bytes (stamped with the edition's as-of date)."""
    from roadmap_reports.io.reproducible import fixed_datetime

    return xc.workbook_bytes(ministry_workbook(extract, paper=paper), when=fixed_datetime(extract.edition.as_of))
