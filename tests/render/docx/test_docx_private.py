"""The python-docx internals render/docx/docx_private.py relies on. When one of these fails after a
python-docx upgrade, the message names the internal that changed: fix docx_private.py (only there)."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from roadmap_reports import views as book
from roadmap_reports.io.reproducible import fixed_datetime, normalize_zip, zip_entries
from roadmap_reports.render.docx import docx_private as private
from roadmap_reports.render.docx import summary


def test_the_parts_python_docx_would_zip_are_handed_over_in_its_order():
    doc = docx.Document()
    doc.add_paragraph("施策1")
    entries = private.package_entries(doc)
    assert entries is not None, ("docx.opc.pkgwriter.PackageWriter lost _write_content_types_stream, "
                                 "_write_pkg_rels or _write_parts: package_entries falls back to Document.save")
    when = fixed_datetime()
    buf = io.BytesIO()
    doc.save(buf)
    assert zip_entries(entries)(when) == normalize_zip(buf.getvalue(), when)  # the same bytes, zipped once


def test_the_word_summary_takes_the_fast_path(mini):
    """Template.render zips the parts itself (docxtpl has nothing left to replace for our template)."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(summary.default_template().read_bytes()))
    tpl.render(summary.context(book.ministry_extract(mini, "MEXT")))
    assert summary._package_entries(tpl) is not None, \
        "docxtpl's pics_to_replace/crc_to_new_media/crc_to_new_embedded/zipname_to_replace changed"


def test_cell_row_and_run_elements():
    doc = docx.Document()
    table = doc.add_table(rows=1, cols=1)
    tcpr = private.tc_properties(table.rows[0].cells[0])
    trpr = private.tr_properties(table.rows[0])
    run = private.run_element(doc.add_paragraph().add_run("x"))
    assert (tcpr.tag, trpr.tag, run.tag) == (qn("w:tcPr"), qn("w:trPr"), qn("w:r")), \
        "python-docx _Cell._tc, _Row._tr or Run._r changed"
