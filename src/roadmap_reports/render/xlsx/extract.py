"""Excel workbooks from the views of book.py: one per ministry, and the secretariat's overview.

Every cell uses the Japanese font, wraps, and is sized so that nothing is clipped when opened
(a status too long for one Excel row, 409 pt, continues on the next rows with the same 施策番号).
Sheets print A4 landscape, one page wide, header row repeated, with title, fiscal year, as-of date
and page numbers in the header and footer. Text is written with xlsx_common.set_text, so it never
becomes a formula.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from typing import Callable

from roadmap_reports.render.xlsx import common as xc
from roadmap_reports.views import MeasureView, MinistryExtract, Overview

MEASURES_SHEET = "施策一覧"
SUMMARY_SHEET = "集計"
OVERVIEW_MEASURES_SHEET = "全施策"
HEADER_FILL = "1F4E78"
HEADER_FONT_COLOR = "FFFFFF"
REPOST_FILL = "F2F2F2"
CONTINUED_FILL = "F7F7F7"
LINE_FACTOR = xc.YU_GOTHIC_LINE_FACTOR


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    field: str  # dataset field the text comes from (named in errors)
    text: Callable[[MeasureView], object]
    center: bool = False


def _initiative(m: MeasureView) -> str:
    if m.is_repost:
        return f"（再掲：施策{m.repost_of}）\n{m.initiative}"
    return m.initiative


def _status(m: MeasureView) -> str:
    if m.is_repost:
        return f"施策{m.repost_of}の実施状況を参照"
    return m.status


def _repost(m: MeasureView) -> str:
    return f"再掲：施策{m.repost_of}" if m.is_repost else ""


def _note(ministry_name: str):
    def note(m: MeasureView) -> str:
        if m.status_is_part:
            return f"（実施状況欄は{ministry_name}の記載部分。公表された全文は次のとおり）\n{m.full_status}"
        return ""

    return note


def ministry_columns(ministry_name: str) -> list[Column]:
    return [
        Column("施策番号", 8, "id", lambda m: m.id, center=True),
        Column("分野", 14, "section", lambda m: m.section.title),
        Column("小項目", 14, "subsection", lambda m: m.subsection.title if m.subsection else ""),
        Column("具体的取組", 36, "initiative", _initiative),
        Column("KPI", 24, "kpis", lambda m: "\n".join(m.kpis)),
        Column("担当省庁", 12, "ministries", lambda m: "\n".join(m.owners)),
        Column("共管", 12, "ministries", lambda m: "\n".join(m.co_owners)),
        Column("実施状況", 70, "status", _status),
        Column("再掲", 9, "repost_of", _repost, center=True),
        Column("備考", 30, "status", _note(ministry_name)),
    ]


def overview_columns() -> list[Column]:
    return [
        Column("施策番号", 8, "id", lambda m: m.id, center=True),
        Column("分野", 14, "section", lambda m: m.section.title),
        Column("小項目", 14, "subsection", lambda m: m.subsection.title if m.subsection else ""),
        Column("具体的取組", 36, "initiative", _initiative),
        Column("KPI", 24, "kpis", lambda m: "\n".join(m.kpis)),
        Column("担当省庁", 12, "ministries", lambda m: "\n".join(m.owners)),
        Column("実施状況", 80, "status", _status),
        Column("再掲", 9, "repost_of", _repost, center=True),
    ]


# --- styles ---------------------------------------------------------------------------------------
def _styles():
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "repost_fill": PatternFill("solid", fgColor=REPOST_FILL),
        "continued_fill": PatternFill("solid", fgColor=CONTINUED_FILL),
        "header_font": xc.font(bold=True, color=HEADER_FONT_COLOR),
        "font": xc.font(),
        "link_font": xc.font(color="0563C1", underline="single"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "wrap_center": Alignment(wrap_text=True, vertical="top", horizontal="center"),
        "header_align": Alignment(wrap_text=True, vertical="center", horizontal="center"),
    }


def _header_row(ws, headers_widths, st) -> None:
    from openpyxl.utils import get_column_letter

    for i, (header, width) in enumerate(headers_widths, start=1):
        cell = ws.cell(row=1, column=i)
        xc.set_text(cell, header)
        cell.font = st["header_font"]
        cell.fill = st["header_fill"]
        cell.alignment = st["header_align"]
        cell.border = st["border"]
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[1].height = xc.fit_row_height([(h, w) for h, w in headers_widths], line_factor=LINE_FACTOR)


def _max_lines() -> int:
    return int((xc.MAX_ROW_HEIGHT - 4) // (xc.FONT_SIZE * LINE_FACTOR))


def _chunks(text: str, width: float, max_lines: int) -> list[str]:
    """Split a text into pieces that each fit one row; joined with "" they give the text back exactly.

    Pieces end at a line break when possible, else after a 「。」, else where the row is full. A piece
    takes at most max_lines + 1 lines (the +1: the empty line after a piece's final line break)."""
    if xc.wrapped_lines(text, width) <= max_lines:
        return [text]
    usable = max(int(width) - 1, 1)

    def need(para: str) -> int:
        return max(1, -(-xc.display_width(para) // usable))

    pieces: list[str] = []
    current, lines = "", 0
    paras = text.split("\n")
    for index, para in enumerate(paras):
        end = "\n" if index < len(paras) - 1 else ""
        if lines + need(para) > max_lines and current and need(para) <= max_lines:
            pieces.append(current)  # start the paragraph on a fresh row rather than cut it
            current, lines = "", 0
        rest = para
        while lines + need(rest) > max_lines:
            room = (max_lines - lines) * usable  # display columns left in this row
            cut, w = 0, 0
            while cut < len(rest) and w + xc.display_width(rest[cut]) <= room:
                w += xc.display_width(rest[cut])
                cut += 1
            period = rest.rfind("。", 0, cut)
            if period >= 0:
                cut = period + 1
            cut = max(cut, 1)
            pieces.append(current + rest[:cut])
            current, lines, rest = "", 0, rest[cut:]
        current += rest + end
        lines += need(rest)
    if current:
        pieces.append(current)
    assert "".join(pieces) == text, "a split must be lossless"
    return pieces


def _measure_rows(ws, columns: list[Column], measures, st, *, sheet_title: str) -> None:
    """One row per measure; more when a text is longer than one Excel row can show (409 pt).

    Continuation rows repeat 施策番号, 分野 and 小項目 (so filtering on the number finds every part)
    and carry the rest of each long text; the parts joined give the text back exactly."""
    from openpyxl.worksheet.hyperlink import Hyperlink

    repeated = {i for i, c in enumerate(columns) if c.field in ("id", "section", "subsection")}
    initiative_col = next(i for i, c in enumerate(columns) if c.field == "initiative")
    first_row: dict[int, int] = {}
    links = []
    row = 2
    prototypes: dict = {}

    def style_of(center: bool, fill: str):
        """The style of a body cell, made once on a spare cell and copied (assigning fonts, fills and
        borders cell by cell is the slowest part of writing a workbook)."""
        key = (center, fill)
        if key not in prototypes:
            proto = ws.cell(row=1, column=ws.max_column + 1)
            proto.font = st["font"]
            proto.alignment = st["wrap_center"] if center else st["wrap"]
            proto.border = st["border"]
            if fill != "plain":
                proto.fill = st[f"{fill}_fill"]
            prototypes[key] = copy(proto._style)
            del ws._cells[(proto.row, proto.column)]
        return prototypes[key]

    max_lines = _max_lines() - 1  # a piece that ends with a line break shows one more (empty) line
    for m in measures:
        values = [col.text(m) for col in columns]
        parts = [[v] if i in repeated or isinstance(v, int) else _chunks(str(v), c.width, max_lines)
                 for i, (v, c) in enumerate(zip(values, columns))]
        n_rows = max(len(p) for p in parts)
        first_row[m.id] = row
        for part_no in range(n_rows):
            continued = part_no > 0
            row_values = [p[0] if i in repeated else (p[part_no] if part_no < len(p) else "")
                          for i, p in enumerate(parts)]
            if continued and not row_values[initiative_col]:
                row_values[initiative_col] = f"（施策{m.id}の続き）"
            for i, (col, value) in enumerate(zip(columns, row_values), start=1):
                cell = ws.cell(row=row, column=i)
                fill = "repost" if m.is_repost else "continued" if continued else "plain"
                cell._style = copy(style_of(col.center, fill))  # before set_text, which may add quotePrefix
                if isinstance(value, int):
                    cell.value = value
                else:
                    xc.set_text(cell, value, measure=m.id, field=col.field)
            ws.row_dimensions[row].height = xc.fit_row_height(
                [(str(v), c.width) for v, c in zip(row_values, columns)],
                line_factor=LINE_FACTOR, max_height=xc.MAX_ROW_HEIGHT)
            if m.is_repost and not continued:
                links.append((row, m.repost_of))
            row += 1
    repost_col = next((i for i, c in enumerate(columns, start=1) if c.header == "再掲"), None)
    if repost_col:
        for r, target in links:
            if target in first_row:
                cell = ws.cell(row=r, column=repost_col)
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet_title}'!A{first_row[target]}",
                                           tooltip=f"施策{target}へ移動")
                cell.font = st["link_font"]


def _finish_table(ws, columns: list[Column], *, title: str, left_header: str) -> None:
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(columns))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 2)}"
    xc.page_setup(ws, title=title, left_header=left_header)
    ws.sheet_view.zoomScale = 90


def _properties(wb, *, title: str, subject: str, keywords: str, description: str) -> None:
    wb.properties.title = title
    wb.properties.subject = subject
    wb.properties.creator = "roadmap-reports"
    wb.properties.lastModifiedBy = "roadmap-reports"
    wb.properties.keywords = keywords
    wb.properties.description = description
    wb.properties.language = "ja-JP"


def _headings(edition, who: str) -> tuple[str, str]:
    """(left header, right header) of every printed page."""
    left = f"{edition.title}"
    right = f"{who}　{edition.fiscal_year_label}　{edition.as_of_label}"
    return left, right


# --- ministry workbook ----------------------------------------------------------------------------
def ministry_workbook(extract: MinistryExtract):
    """The workbook a ministry receives: its measures in report order, one sheet."""
    wb = xc.new_workbook()
    ws = wb.active
    ws.title = xc.safe_sheet_title(MEASURES_SHEET)
    st = _styles()
    columns = ministry_columns(extract.ministry.name)
    _header_row(ws, [(c.header, c.width) for c in columns], st)
    _measure_rows(ws, columns, extract.measures, st, sheet_title=ws.title)
    left, right = _headings(extract.edition, extract.ministry.name)
    _finish_table(ws, columns, title=right, left_header=left)
    from roadmap_reports.progress.report import extract_progress
    from roadmap_reports.render.xlsx.kpi import add_progress_sheet

    add_progress_sheet(wb, extract_progress(extract), header=right, left_header=left)
    e = extract.edition
    _properties(wb, title=f"{e.title}（{extract.ministry.name}）",
                subject=f"外国人との共生社会の実現に向けたロードマップ 実施状況 {e.fiscal_year_label} {e.as_of_label}",
                keywords=f"{extract.ministry.code} FY{e.fiscal_year}",
                description=f"{extract.ministry.name}の施策 {len(extract.own)}件（再掲 {len(extract.reposts)}件）")
    return wb


# --- overview workbook ----------------------------------------------------------------------------
def overview_workbook(ov: Overview):
    """The secretariat's workbook: a summary sheet (counts and a chart) and every measure."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    wb = xc.new_workbook()
    st = _styles()
    e = ov.edition
    left, right = _headings(e, "全体")

    summary = wb.active
    summary.title = xc.safe_sheet_title(SUMMARY_SHEET)
    widths = [(("省庁", 22), ("コード", 9), ("施策数", 9), ("うち共管", 9), ("再掲", 9))]
    _header_row(summary, widths[0], st)
    row = 2
    for c in ov.by_ministry:
        values = [c.ministry.name, c.ministry.code, c.measures, c.shared, c.reposts]
        _plain_row(summary, row, values, st)
        summary.row_dimensions[row].height = xc.fit_row_height([(c.ministry.name, 22)], line_factor=LINE_FACTOR)
        row += 1
    last_ministry_row = row - 1
    _plain_row(summary, row, ["合計（施策）", "", sum(1 for m in ov.measures if not m.is_repost),
                              sum(1 for m in ov.measures if not m.is_repost and m.is_shared),
                              sum(1 for m in ov.measures if m.is_repost)], st, bold=True)
    row += 2
    for i, h in enumerate(("分野", "", "施策数", "", "再掲"), start=1):
        cell = summary.cell(row=row, column=i)
        xc.set_text(cell, h)
        cell.font, cell.fill, cell.alignment, cell.border = (st["header_font"], st["header_fill"],
                                                              st["header_align"], st["border"])
    _merge_row_cells(summary, row, 1, 2)
    _merge_row_cells(summary, row, 3, 4)
    row += 1
    for c in ov.by_section:
        _plain_row(summary, row, [c.section.title, "", c.measures, "", c.reposts], st)
        _merge_row_cells(summary, row, 1, 2)
        _merge_row_cells(summary, row, 3, 4)
        summary.row_dimensions[row].height = xc.fit_row_height([(c.section.title, 22 + 9)],
                                                               line_factor=LINE_FACTOR)
        row += 1

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
    data = Reference(summary, min_col=3, min_row=1, max_row=last_ministry_row)
    cats = Reference(summary, min_col=1, min_row=2, max_row=last_ministry_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    _chart_fonts(chart)
    chart.height = max(7.5, 0.75 * len(ov.by_ministry) + 3)  # cm: room for every name
    chart.width = 16
    summary.add_chart(chart, f"{get_column_letter(7)}2")
    xc.page_setup(summary, title=right, left_header=left, print_title_rows=None)
    summary.freeze_panes = "A2"

    ws = wb.create_sheet(xc.safe_sheet_title(OVERVIEW_MEASURES_SHEET))
    columns = overview_columns()
    _header_row(ws, [(c.header, c.width) for c in columns], st)
    _measure_rows(ws, columns, ov.measures, st, sheet_title=ws.title)
    _finish_table(ws, columns, title=right, left_header=left)

    _properties(wb, title=f"{e.title}（全体）",
                subject=f"外国人との共生社会の実現に向けたロードマップ 実施状況 {e.fiscal_year_label} {e.as_of_label}",
                keywords=f"overview FY{e.fiscal_year}",
                description=f"全{sum(1 for m in ov.measures if not m.is_repost)}施策（再掲 "
                            f"{sum(1 for m in ov.measures if m.is_repost)}件）、{len(ov.by_ministry)}省庁")
    return wb


def _merge_row_cells(ws, row: int, first: int, last: int) -> None:
    """ws.merge_cells for a range known not to be merged yet. openpyxl's merge_cells first compares the
    range with every merged range (O(n) each, 10 s for the 800 merges of 400 sections); the rest is
    the same steps, so the file is the same."""
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    coord = CellRange(min_col=first, min_row=row, max_col=last, max_row=row).coord
    mcr = MergedCellRange(ws, coord)
    ws.merged_cells.ranges.add(mcr)
    ws._clean_merge_range(mcr)


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


# --- bytes ----------------------------------------------------------------------------------------
def ministry_workbook_bytes(extract: MinistryExtract) -> bytes:
    from roadmap_reports.io.reproducible import fixed_datetime

    return xc.workbook_bytes(ministry_workbook(extract), when=fixed_datetime(extract.edition.as_of))


def overview_workbook_bytes(ov: Overview) -> bytes:
    from roadmap_reports.io.reproducible import fixed_datetime

    return xc.workbook_bytes(overview_workbook(ov), when=fixed_datetime(ov.edition.as_of))
