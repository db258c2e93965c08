"""The published report as a Word document: A4 (or A3) landscape, the title and 「令和Ｎ年Ｍ月末時点」 in the
page header of every page, the five-column table with its header row repeated on every page, section and
◎ sub-headings as rows spanning the table, page numbers in the footer.

Rows may break across pages (a long 実施状況 continues on the next page, as in the report); each line
break of a stored text is a paragraph of its cell, so nothing is re-worded or re-flowed by us."""

from __future__ import annotations

import io

from roadmap_reports.render.docx import common as parts
from roadmap_reports.render.docx import docx_private as private
from roadmap_reports.render.paper import Paper, paper as paper_named
from roadmap_reports.render.report.view import HEADERS, ReportRow, ReportView, report_view

FONT_NAME = "Yu Gothic"
HEADER_SHADE = "D9D9D9"
SECTION_SHADE = "F2F2F2"


def _styles(doc, p: Paper) -> None:
    from docx.shared import Pt

    for name in ("Normal", "Table Grid", "Header", "Footer"):
        style = doc.styles[name]
        style.font.name = FONT_NAME
        style.font.size = Pt(p.body_pt)
        parts.set_fonts(style.element, FONT_NAME)
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0


def _page(doc, view: ReportView, p: Paper) -> None:
    """Landscape paper, margins, the header (title ⟶ date) and the footer (page number)."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(p.width_mm), Mm(p.height_mm)
    section.left_margin = section.right_margin = Mm(p.margin_mm)
    section.top_margin = section.bottom_margin = Mm(p.margin_mm + 5)
    section.header_distance = section.footer_distance = Mm(p.margin_mm / 2 + 2)
    doc.styles["Header"].paragraph_format.tab_stops.clear_all()  # the template's centre and right stops
    head = section.header.paragraphs[0]
    parts.tab_stop_right(head, p.width_mm - 2 * p.margin_mm)
    run = head.add_run(f"{view.title}\t{view.as_of_label}")
    run.font.size = Pt(p.title_pt)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts.field(foot, "PAGE")


PARAGRAPH_SPACE_PT = 1.5  # between the paragraphs of a cell: a reader (and `ingest`) tells a paragraph from a wrap


def _cell_text(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lines = text.split("\n")
    for i, line in enumerate(lines):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if i < len(lines) - 1:
            para.paragraph_format.space_after = Pt(PARAGRAPH_SPACE_PT)
        if line:
            run = para.add_run(line)
            run.bold = bold or None
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _header_row(table) -> None:
    row = table.rows[0]
    parts.repeat_header(row)
    for cell, text in zip(row.cells, HEADERS):
        _cell_text(cell, text, bold=True, center=True)
        parts.shade(cell, HEADER_SHADE)


def _heading_row(table, r: ReportRow) -> None:
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    _cell_text(merged, r.title, bold=r.kind == "section")
    merged.paragraphs[0].paragraph_format.keep_with_next = True  # never alone at the foot of a page
    if r.kind == "section":
        parts.shade(merged, SECTION_SHADE)


def _measure_row(table, r: ReportRow) -> None:
    row = table.add_row()
    if r.measure.repost_of is not None:
        parts.cant_split(row)  # 「12 再掲３」 stays on one page
    cells = row.cells
    for i, (cell, text) in enumerate(zip(cells, r.cells)):
        _cell_text(cell, text, center=i == 0)


def build_document(view: ReportView, p: Paper):
    """The report as a python-docx Document, in memory."""
    from docx import Document

    doc = Document()
    _styles(doc, p)
    _page(doc, view, p)
    body = doc.paragraphs[0] if doc.paragraphs else None
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = doc.styles["Table Grid"]
    parts.fixed_layout(table)
    _header_row(table)
    for r in view.rows:
        (_heading_row if r.is_heading else _measure_row)(table, r)
    parts.widths(table, p.columns_mm)
    if body is not None and not body.text:
        private.paragraph_element(body).getparent().remove(private.paragraph_element(body))
    return doc


def docx_bytes(roadmap, *, paper: str = "A4") -> bytes:
    """The report as reproducible .docx bytes (fixed times from the dataset's as-of date)."""
    from roadmap_reports.io.reproducible import fixed_datetime, normalize_zip

    view = report_view(roadmap)
    doc = build_document(view, paper_named(paper))
    when = fixed_datetime(roadmap.as_of)
    props = doc.core_properties
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.author = props.last_modified_by = "roadmap-reports"
    props.title = view.title
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue(), when)
