"""Word helpers python-docx lacks, shared by every Word document we write (the 新旧対照表, the published
report): East Asian fonts, header rows repeated on every page, rows kept on one page, cell shading, fixed
column widths, PAGE / NUMPAGES fields, right tab stops. Private python-docx access goes through
docx_private."""

from __future__ import annotations

from roadmap_reports.render.docx import docx_private as private


def set_fonts(element, name: str) -> None:
    """Set the font of a style's or a run's rPr for every script, East Asian included (w:eastAsia)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def shade(cell, fill: str) -> None:
    """Fill a table cell with a colour (w:shd)."""
    from docx.oxml.ns import qn

    tcpr = private.tc_properties(cell)
    tcpr.append(tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}))


def repeat_header(row) -> None:
    """Mark a table row as a header row, repeated at the top of every page (w:tblHeader)."""
    from docx.oxml.ns import qn

    trpr = private.tr_properties(row)
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def cant_split(row) -> None:
    """Keep a table row on one page (w:cantSplit)."""
    from docx.oxml.ns import qn

    trpr = private.tr_properties(row)
    trpr.append(trpr.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))


def widths(table, widths_mm) -> None:
    """Fixed column widths (w:gridCol and every cell's w:tcW), which Word and LibreOffice both follow."""
    from docx.shared import Mm

    table.autofit = False
    for column, w in zip(table.columns, widths_mm):
        column.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)


def fixed_layout(table) -> None:
    """w:tblLayout fixed: the widths are kept whatever the text (no autofit to content)."""
    from docx.oxml.ns import qn

    tblpr = private.tbl_properties(table)
    tblpr.append(tblpr.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"}))


def field(paragraph, instruction: str) -> None:
    """A field (PAGE, NUMPAGES) in a paragraph, computed by Word and LibreOffice when the page is laid out."""
    from docx.oxml.ns import qn

    r = private.run_element(paragraph.add_run())
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            el = r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        else:
            el = r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = f" {text} "
        r.append(el)


def tab_stop_right(paragraph, position_mm: float) -> None:
    """A right-aligned tab stop at `position_mm` (the page header: title left, date right)."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(position_mm), WD_TAB_ALIGNMENT.RIGHT)
