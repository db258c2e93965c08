"""The secretariat's overview workbook: 集計 (counts by ministry and by section, with a chart of measures and
KPI items per ministry) and 全施策 (every measure, the printed table of measure_table.py), both printed
landscape at 100 % on the paper asked for (A4: 8 pt, A3: 10 pt), then 施策データ (screen.py: every measure on
one row, with an autofilter, for the screen).

A shared measure (共管) counts under each of its ministries, so the ministry rows add up to more than the
measures there are: the table shows both — 計（延べ）, the sum of the ministry rows, and 合計（施策）, each
measure once — and a note under it says why they differ."""

from __future__ import annotations

from collections import Counter

from roadmap_reports.render.paper import Paper, paper as paper_named
from roadmap_reports.render.xlsx import common as xc
from roadmap_reports.render.xlsx import fit
from roadmap_reports.render.xlsx import measure_table as table
from roadmap_reports.render.xlsx import openpyxl_private as private
from roadmap_reports.render.xlsx.screen import screen_sheet
from roadmap_reports.views import Overview

SUMMARY_SHEET = "集計"
OVERVIEW_MEASURES_SHEET = "全施策"
#: (heading, width in full-width characters at the body size)
MINISTRY_COLUMNS = (("省庁", 14), ("コード", 5), ("施策数", 4), ("うち共管", 4), ("再掲", 4), ("KPI項目数", 5))
SECTION_HEADINGS = ("分野", "", "施策数", "", "再掲", "KPI項目数")
GROSS_LABEL = "計（延べ）"
TOTAL_LABEL = "合計（施策）"
CHART_TITLE = "省庁別の施策数とKPI項目数"
#: the chart's series, top to bottom within each ministry: (column of the summary table, the word on its bars)
CHART_SERIES = ((3, "施策"), (6, "KPI"))
GAP = 2  # Excel units between the table and the chart


def widths(p: Paper) -> list[float]:
    """The summary's column widths (Excel units) at the paper's body size."""
    return [fit.units_for(chars, p.body_pt) for _h, chars in MINISTRY_COLUMNS]


def ministry_rows(ov: Overview) -> list[list]:
    """Per ministry: name, code, measures, of them shared, reposts, KPI items (of the measures it owns or shares)."""
    kpis: Counter = Counter()
    for m in ov.measures:
        if not m.is_repost:
            for owner in m.owners:
                kpis[owner] += len(m.kpis)
    return [[c.ministry.name, c.ministry.code, c.measures, c.shared, c.reposts, kpis[c.ministry.name]]
            for c in ov.by_ministry]


def totals(ov: Overview) -> tuple[list, list]:
    """(計（延べ）: the ministry rows added up, 合計（施策）: each measure once)."""
    rows = ministry_rows(ov)
    gross = [GROSS_LABEL, ""] + [sum(r[i] for r in rows) for i in range(2, 6)]
    own = [m for m in ov.measures if not m.is_repost]
    net = [TOTAL_LABEL, "", len(own), sum(1 for m in own if m.is_shared), len(ov.measures) - len(own),
           sum(len(m.kpis) for m in own)]
    return gross, net


def footnote(gross: list, net: list) -> str:
    """Why 計（延べ） and 合計（施策） differ (or that they do not)."""
    if gross[2:] == net[2:]:
        return "※ 省庁別の数の計は、施策の合計と一致します（複数の省庁が担当する施策はありません）。"
    return (f"※ 複数の省庁が担当する施策（共管、{net[3]}件）は、担当する各省庁の行にそれぞれ数えています。このため"
            f"省庁別の数を足した計（延べ）は施策{gross[2]}件・KPI項目{gross[5]}件となり、施策そのものの数である合計"
            f"（施策）の施策{net[2]}件・KPI項目{net[5]}件より多くなります。")


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
        cell.font = st["bold"] if bold else st["font"]
        cell.border = st["border"]


def _ministry_table(ws, ov: Overview, p: Paper, st) -> int:
    """Counts by ministry from row 2, then 計（延べ）, 合計（施策） and the note; returns the last ministry's row."""
    w = widths(p)
    row = 2
    for values in ministry_rows(ov):
        _plain_row(ws, row, values, st)
        ws.row_dimensions[row].height = fit.fit_height([(values[0], w[0])], p.body_pt)
        row += 1
    gross, net = totals(ov)
    for values in (gross, net):
        _plain_row(ws, row, values, st, bold=True)
        ws.row_dimensions[row].height = fit.row_height(1, p.body_pt)
        row += 1
    note = footnote(gross, net)
    xc.set_text(ws.cell(row, 1), note)
    ws.cell(row, 1).font, ws.cell(row, 1).alignment = st["font"], st["wrap"]
    private.add_merge(ws, row, 1, row, len(w))
    ws.row_dimensions[row].height = fit.fit_height([(note, sum(w))], p.body_pt)
    return len(ov.by_ministry) + 1


def _section_table(ws, ov: Overview, p: Paper, st, row: int) -> None:
    """Counts by section from `row`: a heading row, one row per section, the total (merged cells)."""
    for i, h in enumerate(SECTION_HEADINGS, start=1):
        cell = ws.cell(row=row, column=i)
        xc.set_text(cell, h)
        cell.font, cell.fill, cell.alignment, cell.border = (st["header_font"], st["header_fill"],
                                                              st["header_align"], st["border"])
    kpis: Counter = Counter(m.section.id for m in ov.measures if not m.is_repost for _k in m.kpis)
    rows = [[c.section.title, "", c.measures, "", c.reposts, kpis[c.section.id]] for c in ov.by_section]
    rows.append(["合計", "", sum(r[2] for r in rows), "", sum(r[4] for r in rows), sum(r[5] for r in rows)])
    w = widths(p)
    ws.row_dimensions[row - 1].height = 2 * fit.PADDING_PT  # a thin gap, not a whole line: one printed page
    ws.row_dimensions[row].height = fit.row_height(1, p.body_pt)
    for k, values in enumerate(rows, start=1):
        _plain_row(ws, row + k, values, st, bold=k == len(rows))
        ws.row_dimensions[row + k].height = fit.fit_height([(values[0], w[0] + w[1])], p.body_pt)
    for k in range(len(rows) + 1):
        private.add_merge(ws, row + k, 1, row + k, 2)
        private.add_merge(ws, row + k, 3, row + k, 4)


def nice_step(largest: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50, …) giving at most 8 steps up to `largest`."""
    step = 1
    while largest / step > 8:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step


def _chart(ws, ov: Overview, p: Paper, last_ministry_row: int):
    """A native bar chart of the measures and KPI items of each ministry, each bar labelled with what it counts
    and its number (「施策 31」「KPI 62」). No legend: with the ministries top-down (a reversed category axis)
    LibreOffice lists a horizontal bar chart's legend bottom-up (KPI項目数 before 施策数, against the bars and
    the table), and Excel may not; a label on every bar reads the same in both."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"  # horizontal bars: ministry names stay readable
    chart.grouping = "clustered"
    chart.title = CHART_TITLE
    chart.y_axis.title = "件数"
    chart.x_axis.scaling.orientation = "maxMin"  # first ministry on top, as in the table
    chart.y_axis.crosses = "max"  # so the value axis sits at the bottom, under the last ministry
    chart.y_axis.numFmt = "0"
    largest = max((max(r[2], r[5]) for r in ministry_rows(ov)), default=1)
    chart.y_axis.majorUnit = step = nice_step(largest)
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = -(-largest * 4 // 3 // step) * step  # room right of the longest bar for its label
    for col, word in CHART_SERIES:
        chart.add_data(Reference(ws, min_col=col, min_row=1, max_row=last_ministry_row), titles_from_data=True)
        chart.series[-1].dLbls = private.data_labels(f'"{word} "0', showVal=True, showSerName=False,
                                                     showCatName=False, showLegendKey=False)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last_ministry_row))
    chart.legend = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    _chart_fonts(chart, p)
    chart.width = round((chart_room(p) - 1) * fit.UNIT_PT / 72 * 2.54, 1)  # cm, inside its column
    chart.height = round(max(8.0, 0.9 * len(ov.by_ministry) + 3.5), 1)
    return chart


def chart_room(p: Paper) -> float:
    """The width (Excel units) of the column the chart stands in: what the table and a gap leave of the
    paper's width (a chart reaching into a further column would print that column on a page of its own)."""
    return int((fit.printable_units(p) - sum(widths(p)) - GAP - 1) * 10) / 10


def _summary_sheet(ws, ov: Overview, p: Paper, st, *, title: str, left_header: str) -> None:
    from openpyxl.utils import get_column_letter

    ws.title = xc.safe_sheet_title(SUMMARY_SHEET)
    table.header_row(ws, list(zip((h for h, _c in MINISTRY_COLUMNS), widths(p))), st)
    last_ministry_row = _ministry_table(ws, ov, p, st)
    _section_table(ws, ov, p, st, last_ministry_row + 5)
    gap = len(MINISTRY_COLUMNS) + 1
    ws.column_dimensions[get_column_letter(gap)].width = GAP
    ws.column_dimensions[get_column_letter(gap + 1)].width = chart_room(p)
    ws.add_chart(_chart(ws, ov, p, last_ministry_row), f"{get_column_letter(gap + 1)}1")
    xc.paper_setup(ws, p, title=title, left_header=left_header, print_title_rows=None)
    ws.freeze_panes = "A2"


def overview_workbook(ov: Overview, *, paper: str = "A4"):
    """The secretariat's workbook: a summary sheet (counts and a chart) and every measure."""
    p = paper_named(paper)
    wb = xc.new_workbook()
    st = table.styles(p)
    e = ov.edition
    left, right = table.headings(e, "全体")
    _summary_sheet(wb.active, ov, p, st, title=right, left_header=left)
    ws = wb.create_sheet(xc.safe_sheet_title(OVERVIEW_MEASURES_SHEET))
    table.measures_sheet(ws, ov.measures, p, st, title=right, left_header=left)
    screen_sheet(wb, ov.measures, p, title=right, left_header=left)
    own = [m for m in ov.measures if not m.is_repost]
    table.set_properties(wb, title=f"{e.title}（全体）", subject=table.subject_line(e),
                         keywords=f"overview FY{e.fiscal_year}",
                         description=f"全{len(own)}施策（再掲 {len(ov.measures) - len(own)}件）、"
                                     f"{len(ov.by_ministry)}省庁")
    return wb


def _chart_fonts(chart, p: Paper) -> None:
    """Japanese font for the chart's title, axis labels and data labels (Excel otherwise falls back
    to a Latin font), at the paper's body size (the title at its title size)."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties

    def props(size: float, bold: bool = False) -> CharacterProperties:
        return CharacterProperties(latin=Font(typeface=xc.FONT_NAME), ea=Font(typeface=xc.FONT_NAME),
                                   sz=int(size * 100), b=bold)

    def rich(size: float, bold: bool = False) -> RichText:
        return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props(size, bold)), endParaRPr=props(size, bold),
                                     r=[])])

    chart.x_axis.txPr = rich(p.body_pt)
    chart.y_axis.txPr = rich(p.body_pt)
    for series in chart.series:
        series.dLbls.txPr = rich(p.body_pt)
    for t, size in ((chart.title, p.title_pt + 2), (chart.y_axis.title, p.body_pt)):
        if t is not None and t.tx is not None and t.tx.rich is not None:
            for para in t.tx.rich.p:
                para.pPr = ParagraphProperties(defRPr=props(size, True))
                for r in para.r or []:
                    r.rPr = props(size, True)


def overview_workbook_bytes(ov: Overview, *, paper: str = "A4") -> bytes:
    """The overview workbook as reproducible bytes (stamped with the edition's as-of date)."""
    from roadmap_reports.io.reproducible import fixed_datetime

    return xc.workbook_bytes(overview_workbook(ov, paper=paper), when=fixed_datetime(ov.edition.as_of))
