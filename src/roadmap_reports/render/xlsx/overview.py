"""The secretariat's overview workbook: a summary sheet (counts by ministry and by section, and a bar
chart) and every measure (全施策, the sheet of measure_table.py)."""

from __future__ import annotations

from roadmap_reports.render.xlsx import common as xc
from roadmap_reports.render.xlsx import measure_table as table
from roadmap_reports.render.xlsx import openpyxl_private as private
from roadmap_reports.render.xlsx.measure_table import LINE_FACTOR, Column
from roadmap_reports.views import Overview

SUMMARY_SHEET = "集計"
OVERVIEW_MEASURES_SHEET = "全施策"
MINISTRY_COLUMNS = (("省庁", 22), ("コード", 9), ("施策数", 9), ("うち共管", 9), ("再掲", 9))
SECTION_HEADINGS = ("分野", "", "施策数", "", "再掲")


def overview_columns() -> list[Column]:
    """The columns of the 全施策 sheet (no 共管 or 備考: every owner is listed)."""
    before, after = table.common_columns(status_width=80)
    return [*before, *after]


def _own(ov: Overview):
    return [m for m in ov.measures if not m.is_repost]


def _ministry_table(ws, ov: Overview, st) -> int:
    """Counts by ministry from row 2, then the total row; returns the last ministry's row."""
    row = 2
    for c in ov.by_ministry:
        _plain_row(ws, row, [c.ministry.name, c.ministry.code, c.measures, c.shared, c.reposts], st)
        ws.row_dimensions[row].height = xc.fit_row_height([(c.ministry.name, 22)], line_factor=LINE_FACTOR)
        row += 1
    own = _own(ov)
    _plain_row(ws, row, ["合計（施策）", "", len(own), sum(1 for m in own if m.is_shared),
                         len(ov.measures) - len(own)], st, bold=True)
    return row - 1


def _section_table(ws, ov: Overview, st, row: int) -> None:
    """Counts by section from `row`: a heading row, then one row per section (merged cells)."""
    for i, h in enumerate(SECTION_HEADINGS, start=1):
        cell = ws.cell(row=row, column=i)
        xc.set_text(cell, h)
        cell.font, cell.fill, cell.alignment, cell.border = (st["header_font"], st["header_fill"],
                                                              st["header_align"], st["border"])
    private.add_merge(ws, row, 1, row, 2)
    private.add_merge(ws, row, 3, row, 4)
    row += 1
    for c in ov.by_section:
        _plain_row(ws, row, [c.section.title, "", c.measures, "", c.reposts], st)
        private.add_merge(ws, row, 1, row, 2)
        private.add_merge(ws, row, 3, row, 4)
        ws.row_dimensions[row].height = xc.fit_row_height([(c.section.title, 22 + 9)], line_factor=LINE_FACTOR)
        row += 1


def _chart(ws, ov: Overview, last_ministry_row: int):
    """A native bar chart of the measures by ministry (the numbers of the table beside it)."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"  # horizontal bars: ministry names stay readable
    chart.style = 10
    chart.title = "省庁別の施策数"
    chart.y_axis.title = "施策数"
    chart.x_axis.scaling.orientation = "maxMin"  # first ministry on top, as in the table
    chart.y_axis.majorGridlines = None
    chart.y_axis.numFmt = "0"
    chart.y_axis.majorUnit = max(1, -(-max((c.measures for c in ov.by_ministry), default=1) // 10))
    chart.legend = None
    chart.varyColors = False
    chart.add_data(Reference(ws, min_col=3, min_row=1, max_row=last_ministry_row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last_ministry_row))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    _chart_fonts(chart)
    chart.height = max(7.5, 0.75 * len(ov.by_ministry) + 3)  # cm: room for every name
    chart.width = 16
    return chart


def _summary_sheet(ws, ov: Overview, st, *, title: str, left_header: str) -> None:
    from openpyxl.utils import get_column_letter

    ws.title = xc.safe_sheet_title(SUMMARY_SHEET)
    table.header_row(ws, MINISTRY_COLUMNS, st)
    last_ministry_row = _ministry_table(ws, ov, st)
    _section_table(ws, ov, st, last_ministry_row + 3)
    ws.add_chart(_chart(ws, ov, last_ministry_row), f"{get_column_letter(7)}2")
    xc.page_setup(ws, title=title, left_header=left_header, print_title_rows=None)
    ws.freeze_panes = "A2"


def overview_workbook(ov: Overview):
    """The secretariat's workbook: a summary sheet (counts and a chart) and every measure."""
    wb = xc.new_workbook()
    st = table.styles()
    e = ov.edition
    left, right = table.headings(e, "全体")
    _summary_sheet(wb.active, ov, st, title=right, left_header=left)

    ws = wb.create_sheet(xc.safe_sheet_title(OVERVIEW_MEASURES_SHEET))
    columns = overview_columns()
    table.header_row(ws, [(c.header, c.width) for c in columns], st)
    table.measure_rows(ws, columns, ov.measures, st, sheet_title=ws.title)
    table.finish_table(ws, columns, title=right, left_header=left)

    own = _own(ov)
    table.set_properties(wb, title=f"{e.title}（全体）", subject=table.subject_line(e),
                         keywords=f"overview FY{e.fiscal_year}",
                         description=f"全{len(own)}施策（再掲 {len(ov.measures) - len(own)}件）、"
                                     f"{len(ov.by_ministry)}省庁")
    return wb


def _plain_row(ws, row: int, values, st, *, bold: bool = False) -> None:
    from openpyxl.styles import Alignment

    for i, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=i)
        if isinstance(value, int):
            cell.value = value
            cell.alignment = Alignment(horizontal="right", vertical="top")
        else:
            xc.set_text(cell, value)
            cell.alignment = st["wrap"]
        cell.font = xc.font(bold=True) if bold else st["font"]
        cell.border = st["border"]


def _chart_fonts(chart) -> None:
    """Japanese font for the chart's title and axis labels (Excel otherwise falls back to a Latin font)."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties

    def props(size: int, bold: bool = False) -> CharacterProperties:
        return CharacterProperties(latin=Font(typeface=xc.FONT_NAME), ea=Font(typeface=xc.FONT_NAME),
                                   sz=size * 100, b=bold)

    def rich(size: int, bold: bool = False) -> RichText:
        return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props(size, bold)), endParaRPr=props(size, bold),
                                     r=[])])

    chart.x_axis.txPr = rich(9)
    chart.y_axis.txPr = rich(9)
    if chart.title is not None and chart.title.tx is not None and chart.title.tx.rich is not None:
        for p in chart.title.tx.rich.p:
            p.pPr = ParagraphProperties(defRPr=props(12, True))
            for r in p.r or []:
                r.rPr = props(12, True)


def overview_workbook_bytes(ov: Overview) -> bytes:
    """The overview workbook as reproducible bytes (stamped with the edition's as-of date)."""
    from roadmap_reports.io.reproducible import fixed_datetime

    return xc.workbook_bytes(overview_workbook(ov), when=fixed_datetime(ov.edition.as_of))
