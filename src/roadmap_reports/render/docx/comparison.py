"""The 新旧対照表 as a Word document: A4 (or A3) landscape, the comparison table in the report's order with
the changed wording underlined (Word runs), then the section 「前年度と同旨の実施状況」 (not a 変更点: the
measures whose status is materially last year's, with the similarity), then a summary page of counts by flag
and ministry. Japanese fonts are set for East Asian text too (w:rFonts w:eastAsia), which python-docx does
not do."""

from __future__ import annotations

import io

from roadmap_reports.compare.diff import FLAG_LABELS, DiffResult
from roadmap_reports.render.docx import common
from roadmap_reports.render.docx import docx_private as private
from roadmap_reports.render.comparison_table import (NOTE, STALLED_HEADINGS, STALLED_TITLE, Block, comparison_table,
                                                     side_heading, side_order, sources_line, stalled_note,
                                                     stalled_rows, summary_rows, title)
from roadmap_reports.render.paper import Paper, paper as paper_named

FONT_NAME = "Yu Gothic"
FONT_SIZE_PT = 9  # on A4; one point over the paper's body size (render/paper.py): 11 pt on A3
COLUMN_MM = (18, 112, 112, 25)  # 施策番号, side, side, 変更点 (A4 landscape, 15 mm margins)
MARGIN_MM = 15


def font_pt(p: Paper) -> float:
    """The body size of the 新旧対照表 on the given paper."""
    return p.body_pt + 1


def column_mm(p: Paper) -> tuple[float, ...]:
    """COLUMN_MM on A4; on A3 the two sides take the extra width."""
    extra = (p.width_mm - 2 * MARGIN_MM - sum(COLUMN_MM)) / 2
    return COLUMN_MM[0], COLUMN_MM[1] + extra, COLUMN_MM[2] + extra, COLUMN_MM[3]
HEADER_SHADE = "DDEBF7"
GROUP_SHADE = "F2F2F2"


def _write_blocks(cell, blocks: list[Block]) -> None:
    first = True
    for b in blocks:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if b.label:
            p.add_run("【" + b.label + "】").bold = True
        for text, changed in b.segments:
            if text:
                run = p.add_run(text)
                if changed:
                    run.underline = True


def _text(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.bold = bold or None
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _new_document(p: Paper):
    """A landscape document on the paper in the Japanese font, page numbers in the footer."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT_NAME
        style.font.size = Pt(font_pt(p))
        common.set_fonts(style.element, FONT_NAME)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(p.width_mm), Mm(p.height_mm)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(MARGIN_MM)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)
    return doc


def _heading(doc, text: str) -> None:
    from docx.shared import Pt

    run = doc.add_paragraph().add_run(text)
    run.bold = True
    run.font.size = Pt(12)


def _merged_row(table, text: str, *, bold: bool = False):
    """A row of one cell across the table's four columns."""
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[3])
    _text(merged, text, bold=bold)
    return merged


def _comparison(doc, result: DiffResult, groups, sides, p: Paper) -> int:
    """The comparison table: a repeated header row, then each group's title row and its rows."""
    table = doc.add_table(rows=1, cols=4)
    table.style = doc.styles["Table Grid"]
    hdr = table.rows[0]
    common.repeat_header(hdr)
    for cell, text in zip(hdr.cells, ["施策番号", side_heading(result, sides[0]), side_heading(result, sides[1]),
                                      "変更点"]):
        _text(cell, text, bold=True, center=True)
        common.shade(cell, HEADER_SHADE)
    n_rows = 0
    for group in groups:
        if group.title:
            merged = _merged_row(table, f"■ {group.title}", bold=True)
            merged.paragraphs[0].paragraph_format.keep_with_next = True  # never alone at the foot of a page
            common.shade(merged, GROUP_SHADE)
        for r in group.rows:
            cells = table.add_row().cells
            _text(cells[0], r.number.replace("\n", ""), center=True)
            for cell, side in zip(cells[1:3], sides):
                _write_blocks(cell, r.new if side == "new" else r.old)
            _text(cells[3], "、".join(FLAG_LABELS[f] for f in r.flags))
            n_rows += 1
    if not groups:
        _merged_row(table, "変更はありません。")
    common.widths(table, column_mm(p))
    return n_rows


def _stalled_section(doc, result: DiffResult) -> None:
    """前年度と同旨の実施状況 on a new page (a list apart, not part of the table): a heading, what it means,
    and a table of number, ministries and similarity."""
    from docx.enum.text import WD_BREAK

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _heading(doc, STALLED_TITLE)
    doc.add_paragraph(stalled_note(result))
    rows = stalled_rows(result)
    if not rows:
        doc.add_paragraph("該当する施策はありません。")
        return
    table = doc.add_table(rows=1, cols=len(STALLED_HEADINGS))
    table.style = doc.styles["Table Grid"]
    common.repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, STALLED_HEADINGS):
        _text(cell, text, bold=True, center=True)
        common.shade(cell, HEADER_SHADE)
    for s in rows:
        cells = table.add_row().cells
        _text(cells[0], s.number, center=True)
        _text(cells[1], "、".join(s.ministries))
        _text(cells[2], s.similarity_label, center=True)
    common.widths(table, (30, 120, 30))


def _summary_page(doc, result: DiffResult) -> None:
    """A new page: counts by flag for each ministry, and the total."""
    from docx.enum.text import WD_BREAK

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _heading(doc, f"集計　{title(result)}")
    doc.add_paragraph(sources_line(result))
    flags, per, totals = summary_rows(result)
    st = doc.add_table(rows=1, cols=len(flags) + 1)
    st.style = doc.styles["Table Grid"]
    common.repeat_header(st.rows[0])
    _text(st.rows[0].cells[0], "担当省庁", bold=True, center=True)
    for cell, f in zip(st.rows[0].cells[1:], flags):
        _text(cell, FLAG_LABELS[f], bold=True, center=True)
        common.shade(cell, HEADER_SHADE)
    common.shade(st.rows[0].cells[0], HEADER_SHADE)
    for name, counts in [*per, ("合計（施策数）", totals)]:
        cells = st.add_row().cells
        _text(cells[0], name, bold=name.startswith("合計"))
        for cell, n in zip(cells[1:], counts):
            _text(cell, str(n), bold=name.startswith("合計"), center=True)
    common.widths(st, (39,) + (19,) * len(flags))
    doc.add_paragraph("省庁別の数は各省庁から見た件数（複数省庁の施策は各省庁に計上、タグ付きの実施状況はその省庁の"
                      "部分で判定）。合計は施策の数。")


def build_document(result: DiffResult, *, new_side: str = "left", group_by: str = "none",
                   abbreviate: bool = False, paper: str = "A4"):
    """(document, number of table rows), built in memory."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = paper_named(paper)
    sides = side_order(new_side)
    groups = comparison_table(result, group_by=group_by, abbreviate=abbreviate)
    doc = _new_document(p)
    _heading(doc, title(result))
    note = doc.add_paragraph(NOTE)
    note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    n_rows = _comparison(doc, result, groups, sides, p)
    _stalled_section(doc, result)
    _summary_page(doc, result)
    return doc, n_rows


def _page_number(paragraph) -> None:
    from docx.oxml.ns import qn

    r = private.run_element(paragraph.add_run())
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        else:
            el = r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = text
        r.append(el)


def write_docx(result: DiffResult, path, *, new_side: str = "left", group_by: str = "none",
               abbreviate: bool = False, paper: str = "A4") -> int:
    """Write the 新旧対照表 document (byte-identical for the same input, atomically); return its row count."""
    from roadmap_reports.io.reproducible import fixed_datetime, normalize_zip
    from roadmap_reports.io.files import write_bytes_atomic

    doc, n = build_document(result, new_side=new_side, group_by=group_by, abbreviate=abbreviate, paper=paper)
    when = fixed_datetime(result.new.as_of)
    props = doc.core_properties
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.author = props.last_modified_by = "roadmap-reports"
    props.title = title(result)
    buf = io.BytesIO()
    doc.save(buf)
    write_bytes_atomic(path, normalize_zip(buf.getvalue(), when))
    return n
