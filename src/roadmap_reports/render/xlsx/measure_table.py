"""The table of measures that a ministry's workbook (施策一覧) and the overview (全施策) share, laid out for
paper as the published report is (render/report/xlsx.py; the rules in render/paper.py and render/xlsx/fit.py):

- the report's five columns 施策番号, 具体的取組, KPI (one item a line, 「・」 before each of several), 担当省庁
  and 実施状況 at the report's widths, so the table fills the paper's width and prints at 100 %: body text at
  `Paper.body_pt` (8 pt on A4, 10 pt on A3), never shrunk. No 共管 or 再掲 column: 担当省庁 lists every owner,
  and a repost's 具体的取組 starts 「（再掲：施策N）」 (its 実施状況 says 「施策Nの実施状況を参照」, its 施策番号 links
  to measure N) — two columns empty on almost every row would cost 具体的取組 a quarter of its width;
- the section (分野) and the ◎ sub-heading (小項目) as rows of their own, spanning the table, before the first
  measure under them — not two columns repeating long headings on every row;
- rows as tall as their text (`fit.fit_height`); a text longer than one row holds (Excel caps a row at 409 pt)
  continues on the rows below, split only at a line break or right after a 「。」 (`fit.chunks_lossless`: the
  parts joined with "" give the text back exactly) in rows of at most half a page (`chunk_lines`, as a row
  never breaks across pages); a continuation row says 「N」 and 「（続き）」 in 施策番号;
- when the ministry sees only its tagged part of a shared status, the note 「（実施状況欄は…の記載部分。公表された
  全文は次のとおり）」 and the published full text follow the part in 実施状況, from a row of their own.

Text is written with common.set_text, so it never becomes a formula."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from roadmap_reports.render.paper import Paper
from roadmap_reports.render.report.view import kpi_text
from roadmap_reports.render.xlsx import common as xc
from roadmap_reports.render.xlsx import fit
from roadmap_reports.render.xlsx import openpyxl_private as private
from roadmap_reports.views import MeasureView, group

HEADER_FILL = "1F4E78"
HEADER_FONT_COLOR = "FFFFFF"
SECTION_FILL = "D9E1F2"
SUBSECTION_FILL = "F2F2F2"
REPOST_FILL = "F2F2F2"
CONTINUED = "（続き）"


@dataclass(frozen=True)
class Column:
    """One column of the table: its heading, width (Excel units), the dataset field it shows (named in errors),
    and how to get its text."""

    header: str
    width: float
    field: str
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


def full_status_note(m: MeasureView, ministry_name: str) -> str:
    """What follows a tagged part in 実施状況: the note and the published full text (empty when not a part)."""
    if not m.status_is_part:
        return ""
    return f"（実施状況欄は{ministry_name}の記載部分。公表された全文は次のとおり）\n{m.full_status}"


def columns_for(p: Paper) -> list[Column]:
    """The printed columns on paper `p`: the report's five at its widths (render/paper.py)."""
    number, initiative, kpi, ministries, status = p.columns_chars
    return [Column("施策番号", number, "id", lambda m: m.id, center=True),
            Column("具体的取組", initiative, "initiative", initiative_text),
            Column("KPI", kpi, "kpis", lambda m: kpi_text(m.kpis)),
            Column("担当省庁", ministries, "ministries", lambda m: "\n".join(m.owners)),
            Column("実施状況", status, "status", status_text)]


def chunk_lines(p: Paper) -> int:
    """The most lines of body text one row holds: half a printed page, so that a row that does not fit under
    the rows above it leaves at most half a page empty (a row never breaks across pages), and never more than
    Excel's 409 pt."""
    page_pt = (p.height_mm - 2 * xc.TOP_BOTTOM_MARGIN_IN * 25.4) / fit.MM_PER_PT
    return max(1, min(fit.max_lines(p.body_pt), int(page_pt / (p.body_pt * fit.LINE_FACTOR)) // 2))


# --- styles ---------------------------------------------------------------------------------------
def styles(p: Paper, *, pt: float | None = None) -> dict:
    """The fonts, fills, borders and alignments of the sheets at the paper's body size (or at `pt`), made once
    per workbook."""
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    thin = Side(style="thin", color="808080")
    pt = p.body_pt if pt is None else pt
    return {
        "pt": pt,
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "section_fill": PatternFill("solid", fgColor=SECTION_FILL),
        "subsection_fill": PatternFill("solid", fgColor=SUBSECTION_FILL),
        "repost_fill": PatternFill("solid", fgColor=REPOST_FILL),
        "header_font": xc.font(bold=True, color=HEADER_FONT_COLOR, size=pt),
        "font": xc.font(size=pt),
        "bold": xc.font(bold=True, size=pt),
        "link_font": xc.font(color="0563C1", underline="single", size=pt),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "wrap_center": Alignment(wrap_text=True, vertical="top", horizontal="center"),
        "header_align": Alignment(wrap_text=True, vertical="center", horizontal="center"),
    }


def header_row(ws, headers_widths, st, row: int = 1) -> None:
    """A header row: the headings, styled, and the column widths."""
    from openpyxl.utils import get_column_letter

    def apply(proto):  # one style made once and copied: assigning four attributes a cell is the slow part
        proto.font, proto.fill, proto.alignment, proto.border = (st["header_font"], st["header_fill"],
                                                                 st["header_align"], st["border"])

    style = private.style_maker(ws)("header", apply)
    for i, (header, width) in enumerate(headers_widths, start=1):
        cell = ws.cell(row=row, column=i)
        private.set_style(cell, style)  # before set_text (quotePrefix)
        xc.set_text(cell, header)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[row].height = fit.fit_height(headers_widths, st["pt"])


class BodyStyles:
    """The style of a body cell, made once on a spare cell and copied (assigning fonts, fills and
    borders cell by cell is the slowest part of writing a workbook)."""

    def __init__(self, ws, st):
        self.st, self.style = st, private.style_maker(ws)

    def get(self, kind: str, fill: str):
        def apply(proto):
            proto.font = self.st["bold" if kind == "bold" else "font"]
            proto.alignment = self.st["wrap_center" if kind == "center" else "wrap"]
            proto.border = self.st["border"]
            if fill != "plain":
                proto.fill = self.st[f"{fill}_fill"]

        return self.style((kind, fill), apply)


# --- the rows -------------------------------------------------------------------------------------
def measure_parts(m: MeasureView, columns: list[Column], font_pt: float, limit: int, note: str = "") -> list[list]:
    """The rows of one measure: per row, each column's part of its text (split to fit `limit` lines each);
    `note` (the full text after a tagged part) starts a row of its own in 実施状況."""
    parts = []
    for c in columns:
        value = c.text(m)
        if c.field == "id":
            parts.append([value])
            continue
        pieces = fit.chunks_lossless(str(value), c.width, font_pt, limit=limit)
        if c.field == "status" and note:
            pieces = [*pieces, *fit.chunks_lossless(note, c.width, font_pt, limit=limit)]
        parts.append(pieces)
    n = max(len(x) for x in parts)
    return [[(f"{m.id}\n{CONTINUED}" if k else x[0]) if c.field == "id" else (x[k] if k < len(x) else "")
             for x, c in zip(parts, columns)] for k in range(n)]


def write_row(ws, row: int, m: MeasureView, columns: list[Column], values: list, style, font_pt: float) -> None:
    """One row of the table: each column's value (a number stays a number, text stays text) in the style
    `style(kind)` gives, the row as tall as its tallest text."""
    for i, (col, value) in enumerate(zip(columns, values), start=1):
        cell = ws.cell(row=row, column=i)
        private.set_style(cell, style("center" if col.center else "wrap"))  # before set_text (quotePrefix)
        if isinstance(value, int):
            cell.value = value
        else:
            xc.set_text(cell, value, measure=m.id, field=col.field)
    ws.row_dimensions[row].height = fit.fit_height(
        [(str(v).rstrip("\n"), c.width) for v, c in zip(values, columns)], font_pt)


def heading_row(ws, row: int, title: str, width: float, n_columns: int, style, font_pt: float) -> int:
    """A section or ◎ sub-heading as a row of its own, merged over the table; the next row."""
    for col in range(1, n_columns + 1):
        private.set_style(ws.cell(row=row, column=col), style)
    xc.set_text(ws.cell(row=row, column=1), title, field="heading")
    private.add_merge(ws, row, 1, row, n_columns)
    ws.row_dimensions[row].height = fit.fit_height([(title, width)], font_pt)
    return row + 1


def measure_rows(ws, columns: list[Column], measures, st, *, sheet_title: str, limit: int, first_row: int = 2,
                 note: Callable[[MeasureView], str] | None = None) -> int:
    """The table's body from `first_row`: each section and ◎ sub-heading once, before its first measure, then
    the measures, each on as many rows (of at most `limit` lines) as its longest text needs. A repost's
    施策番号 links to the first row of the measure it repeats. Returns the last row written."""
    body = BodyStyles(ws, st)
    pt, n, total = st["pt"], len(columns), sum(c.width for c in columns)
    first: dict[int, int] = {}
    links = []
    row = first_row
    for section in group(measures):
        row = heading_row(ws, row, section.title, total, n, body.get("bold", "section"), pt)
        for sub in section.subsections:
            if sub.title:
                row = heading_row(ws, row, sub.title, total, n, body.get("wrap", "subsection"), pt)
            for m in sub.measures:
                first[m.id] = row
                fill = "repost" if m.is_repost else "plain"
                for k, values in enumerate(measure_parts(m, columns, pt, limit, note(m) if note else "")):
                    write_row(ws, row, m, columns, values, lambda kind: body.get(kind, fill), pt)
                    if m.is_repost and not k:
                        links.append((row, m.repost_of))
                    row += 1
    link_reposts(ws, links, first, st, sheet_title)
    return row - 1


def link_reposts(ws, links, first_row, st, sheet_title: str) -> None:
    """A repost's 施策番号 (column A) links to the first row of the measure it repeats."""
    from openpyxl.worksheet.hyperlink import Hyperlink

    for r, target in links:
        if target in first_row:
            cell = ws.cell(row=r, column=1)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet_title}'!A{first_row[target]}",
                                       tooltip=f"施策{target}へ移動")
            cell.font = st["link_font"]


def measures_sheet(ws, measures, p: Paper, st, *, title: str, left_header: str,
                   note: Callable[[MeasureView], str] | None = None) -> list[Column]:
    """Fill `ws` with the table of `measures` for paper `p`: header row 1 (repeated on every printed page),
    headings and measures below, frozen under the header, printed landscape at 100 %. Returns the columns."""
    columns = columns_for(p)
    header_row(ws, [(c.header, c.width) for c in columns], st)
    measure_rows(ws, columns, measures, st, sheet_title=ws.title, limit=chunk_lines(p), note=note)
    keep_headings_with_measures(ws, p)
    ws.freeze_panes = "A2"
    xc.paper_setup(ws, p, title=title, left_header=left_header, print_title_rows="1:1")
    ws.sheet_view.zoomScale = round(100 * 10 / p.body_pt)  # on screen as large as 10 pt
    return columns


def keep_headings_with_measures(ws, p: Paper, *, first_row: int = 2, title_row: int = 1) -> None:
    """Manual page breaks before a heading row (a row merged from column A) that would end a printed page apart
    from its first measure (fit.keep_with_next: the rows' heights on paper `p`, the title row on every page)."""
    from openpyxl.worksheet.pagebreak import Break

    merged = {r.min_row for r in ws.merged_cells.ranges if r.min_col == 1 and r.min_row >= first_row}
    rows = range(first_row, ws.max_row + 1)
    heights = [ws.row_dimensions[r].height or 0.0 for r in rows]
    headings = {i for i, r in enumerate(rows) if r in merged}
    for i in fit.keep_with_next(heights, headings, fit.page_points(p), ws.row_dimensions[title_row].height or 0.0):
        ws.row_breaks.append(Break(id=rows[i] - 1))  # a break after the row above


# --- the workbook around the table ----------------------------------------------------------------
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


__all__ = ["Column", "initiative_text", "status_text", "full_status_note", "columns_for", "chunk_lines", "styles",
           "header_row", "BodyStyles", "measure_parts", "write_row", "heading_row", "measure_rows", "link_reposts",
           "measures_sheet", "keep_headings_with_measures", "set_properties", "headings", "subject_line"]
