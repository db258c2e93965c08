"""The 新旧対照表 document (render/docx/comparison.py), reopened with python-docx: underlined runs, side
order, byte-identical saving."""

from __future__ import annotations

from conftest import invoke


def test_docx_comparison_table(paths, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    out = tmp_path / "t.docx"
    r = invoke("diff", *paths, "--format", "docx", "-o", out)
    assert r.exit_code == 0, r.output
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "新旧対照表　令和４年度→令和５年度"
    assert doc.paragraphs[1].text == "（傍線部分は改正部分）"
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["施策番号", "改正後（令和５年度）", "改正前（令和４年度）", "変更点"]
    rows = {row.cells[0].text: row for row in table.rows[1:]}
    row5 = rows["5"]

    def underlined(cell):
        return [run.text for p in cell.paragraphs for run in p.runs if run.underline]

    assert underlined(row5.cells[1]) == ["60％以上"] and underlined(row5.cells[2]) == ["50％以上"]
    assert rows["9"].cells[2].text == "（新設）"
    assert rows["（旧7）"].cells[1].text == "（削る）"
    section = doc.sections[0]
    assert abs(section.page_width - Mm(297)) < Mm(0.1) and abs(section.page_height - Mm(210)) < Mm(0.1)
    assert section.orientation == 1  # landscape
    rfonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "Yu Gothic" and rfonts.get(qn("w:ascii")) == "Yu Gothic"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats on every page
    assert [row.cells[0].text for row in table.rows[1:]] == ["5", "（旧7）", "9"]  # NEW's order, no group rows
    assert rows["5"].cells[3].text == "KPI目標の改定"  # 前年度と同旨 is not a 変更点
    headings = [p.text for p in doc.paragraphs]
    assert "前年度と同旨の実施状況" in headings
    stalled = doc.tables[1]
    assert [c.text for c in stalled.rows[0].cells] == ["施策番号", "担当省庁", "前年度との類似度"]
    assert [c.text for c in stalled.rows[3].cells] == ["8", "厚生労働省", "100％"]
    summary = doc.tables[2]
    assert summary.rows[-1].cells[0].text == "合計（施策数）"


def test_docx_side_order_and_byte_identical(result, tmp_path):
    from docx import Document

    from roadmap_reports.render.docx.comparison import write_docx

    write_docx(result, tmp_path / "a.docx", new_side="right")
    write_docx(result, tmp_path / "b.docx", new_side="right")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    header = [c.text for c in Document(str(tmp_path / "a.docx")).tables[0].rows[0].cells]
    assert header[1:3] == ["改正前（令和４年度）", "改正後（令和５年度）"]
