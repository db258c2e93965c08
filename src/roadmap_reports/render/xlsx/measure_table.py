"""The sheet of measures that the ministry workbook and the overview share: columns, styles, and rows
sized so that nothing is clipped when opened.

A text too long for one Excel row (409 pt) continues on the next rows with the same 施策番号, 分野 and
小項目 (so filtering on the number finds every part); the parts joined give the text back exactly.
Text is written with common.set_text, so it never becomes a formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from roadmap_reports import office
from roadmap_reports.japanese.width import display_width
from roadmap_reports.render.xlsx import common as xc
from roadmap_reports.render.xlsx import openpyxl_private as private
from roadmap_reports.views import MeasureView

HEADER_FILL = "1F4E78"
HEADER_FONT_COLOR = "FFFFFF"
REPOST_FILL = "F2F2F2"
CONTINUED_FILL = "F7F7F7"
LINE_FACTOR = xc.YU_GOTHIC_LINE_FACTOR
REPEATED_FIELDS = ("id", "section", "subsection")  # shown again on every continuation row


@dataclass(frozen=True)
class Column:
    """One column of the sheet: its heading, width, the dataset field it shows, and how to get its text."""

    header: str
    width: float
    field: str  # dataset field the text comes from (named in errors)
    text: Callable[[MeasureView], object]
    center: bool = False


def initiative_text(m: MeasureView) -> str:
    """The 具体的取組 cell: a repost says which measure it repeats, then that measure's text."""
    if m.is_repost:
        return f"（再掲：施策{m.repost_of}）\n{m.initiative}"
    return m.initiative


def status_text(m: MeasureView) -> str:
    """The 実施状況 cell: a repost refers to the status of the measure it repeats."""
    if m.is_repost:
        return f"施策{m.repost_of}の実施状況を参照"
    return m.status


def repost_text(m: MeasureView) -> str:
    """The 再掲 cell (a link to the repeated measure's row)."""
    return f"再掲：施策{m.repost_of}" if m.is_repost else ""


def common_columns(status_width: float) -> tuple[list[Column], list[Column]]:
    """(the columns before 担当省庁, the 実施状況 and 再掲 columns) that both workbooks show."""
    before = [
        Column("施策番号", 8, "id", lambda m: m.id, center=True),
        Column("分野", 14, "section", lambda m: m.section.title),
        Column("小項目", 14, "subsection", lambda m: m.subsection.title if m.subsection else ""),
        Column("具体的取組", 36, "initiative", initiative_text),
        Column("KPI", 24, "kpis", lambda m: "\n".join(m.kpis)),
        Column("担当省庁", 12, "ministries", lambda m: "\n".join(m.owners)),
    ]
    after = [Column("実施状況", status_width, "status", status_text),
             Column("再掲", 9, "repost_of", repost_text, center=True)]
    return before, after


# --- styles ---------------------------------------------------------------------------------------
def styles() -> dict:
    """The fonts, fills, borders and alignments of the sheets, made once per workbook."""
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


def header_row(ws, headers_widths, st) -> None:
    """Row 1: the headings, styled, and the column widths."""
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


class _BodyStyles:
    """The style of a body cell, made once on a spare cell and copied (assigning fonts, fills and
    borders cell by cell is the slowest part of writing a workbook)."""

    def __init__(self, ws, st):
        self.ws, self.st, self.made = ws, st, {}

    def get(self, center: bool, fill: str):
        key = (center, fill)
        if key not in self.made:
            proto = self.ws.cell(row=1, column=self.ws.max_column + 1)
            proto.font = self.st["font"]
            proto.alignment = self.st["wrap_center"] if center else self.st["wrap"]
            proto.border = self.st["border"]
            if fill != "plain":
                proto.fill = self.st[f"{fill}_fill"]
            self.made[key] = private.style_of(proto)
            private.drop_cell(self.ws, proto)
        return self.made[key]


# --- long texts -----------------------------------------------------------------------------------
def max_lines() -> int:
    """Lines of text one Excel row shows at most (409 pt)."""
    return int((office.ROW_MAX_POINTS - 4) // (xc.FONT_SIZE * LINE_FACTOR))


def _cut(rest: str, room: int) -> int:
    """Where to cut `rest` to fill `room` display columns: after the last 「。」 within them if any."""
    cut, w = 0, 0
    while cut < len(rest) and w + display_width(rest[cut]) <= room:
        w += display_width(rest[cut])
        cut += 1
    period = rest.rfind("。", 0, cut)
    if period >= 0:
        cut = period + 1
    return max(cut, 1)


def split_rows(text: str, width: float, max_lines: int) -> list[str]:
    """Split a text into pieces that each fit one row; joined with "" they give the text back exactly.

    Pieces end at a line break when possible, else after a 「。」, else where the row is full. A piece
    takes at most max_lines + 1 lines (the +1: the empty line after a piece's final line break)."""
    if xc.wrapped_lines(text, width) <= max_lines:
        return [text]
    usable = max(int(width) - 1, 1)

    def need(para: str) -> int:
        return max(1, -(-display_width(para) // usable))

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
            cut = _cut(rest, (max_lines - lines) * usable)
            pieces.append(current + rest[:cut])
            current, lines, rest = "", 0, rest[cut:]
        current += rest + end
        lines += need(rest)
    if current:
        pieces.append(current)
    assert "".join(pieces) == text, "a split must be lossless"
    return pieces


# --- the rows -------------------------------------------------------------------------------------
def _row_values(m: MeasureView, columns: list[Column], lines: int) -> list[list]:
    """The rows of one measure: each column's text split into the pieces one row shows."""
    values = [col.text(m) for col in columns]
    parts = [[v] if c.field in REPEATED_FIELDS or isinstance(v, int) else split_rows(str(v), c.width, lines)
             for v, c in zip(values, columns)]
    initiative_col = next(i for i, c in enumerate(columns) if c.field == "initiative")
    rows = []
    for part_no in range(max(len(p) for p in parts)):
        row = [p[0] if c.field in REPEATED_FIELDS else (p[part_no] if part_no < len(p) else "")
               for p, c in zip(parts, columns)]
        if part_no and not row[initiative_col]:
            row[initiative_col] = f"（施策{m.id}の続き）"
        rows.append(row)
    return rows


def _write_row(ws, row: int, m: MeasureView, columns: list[Column], values: list, style) -> None:
    for i, (col, value) in enumerate(zip(columns, values), start=1):
        cell = ws.cell(row=row, column=i)
        private.set_style(cell, style(col.center))  # before set_text, which may add quotePrefix
        if isinstance(value, int):
            cell.value = value
        else:
            xc.set_text(cell, value, measure=m.id, field=col.field)
    ws.row_dimensions[row].height = xc.fit_row_height(
        [(str(v), c.width) for v, c in zip(values, columns)], line_factor=LINE_FACTOR,
        max_height=office.ROW_MAX_POINTS)


def measure_rows(ws, columns: list[Column], measures, st, *, sheet_title: str) -> None:
    """One row per measure from row 2; more when a text is longer than one Excel row can show (409 pt).
    A repost's 再掲 cell links to the first row of the measure it repeats."""
    body = _BodyStyles(ws, st)
    first_row: dict[int, int] = {}
    links = []
    row = 2
    lines = max_lines() - 1  # a piece that ends with a line break shows one more (empty) line
    for m in measures:
        first_row[m.id] = row
        for part_no, values in enumerate(_row_values(m, columns, lines)):
            fill = "repost" if m.is_repost else "continued" if part_no else "plain"
            _write_row(ws, row, m, columns, values, lambda center: body.get(center, fill))
            if m.is_repost and not part_no:
                links.append((row, m.repost_of))
            row += 1
    _link_reposts(ws, columns, links, first_row, st, sheet_title)


def _link_reposts(ws, columns, links, first_row, st, sheet_title: str) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink

    repost_col = next((i for i, c in enumerate(columns, start=1) if c.header == "再掲"), None)
    if not repost_col:
        return
    for r, target in links:
        if target in first_row:
            cell = ws.cell(row=r, column=repost_col)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet_title}'!A{first_row[target]}",
                                       tooltip=f"施策{target}へ移動")
            cell.font = st["link_font"]


# --- the sheet and the workbook around the rows ---------------------------------------------------
def finish_table(ws, columns: list[Column], *, title: str, left_header: str) -> None:
    """Frozen header, filter over the table, A4 print setup, zoom."""
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(columns))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 2)}"
    xc.page_setup(ws, title=title, left_header=left_header)
    ws.sheet_view.zoomScale = 90


def set_properties(wb, *, title: str, subject: str, keywords: str, description: str) -> None:
    """The workbook's document properties (File > Info)."""
    wb.properties.title = title
    wb.properties.subject = subject
    wb.properties.creator = "roadmap-reports"
    wb.properties.lastModifiedBy = "roadmap-reports"
    wb.properties.keywords = keywords
    wb.properties.description = description
    wb.properties.language = "ja-JP"


def headings(edition, who: str) -> tuple[str, str]:
    """(left header, right header) of every printed page."""
    left = f"{edition.title}"
    right = f"{who}　{edition.fiscal_year_label}　{edition.as_of_label}"
    return left, right


def subject_line(edition) -> str:
    """The workbook's subject property: the report, its fiscal year and as-of date."""
    return f"外国人との共生社会の実現に向けたロードマップ 実施状況 {edition.fiscal_year_label} {edition.as_of_label}"
