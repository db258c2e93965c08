"""What a reader of the diff outputs sees: the JSON contract, Markdown, and the 新旧対照表 reopened from
.xlsx (openpyxl) and .docx (python-docx): underlines on exactly the changed characters, （新設）/（削る）,
the header note, side order, fonts, print setup, byte-identical re-rendering."""

from __future__ import annotations

import json

import pytest

from roadmap_reports.sources.dataset import save
from roadmap_reports.compare.diff import FLAGS, diff

from conftest import invoke
from test_diff import measure, roadmap

OLD_KPI = "全国の日本語教室がある\n市区町村数50％以上"
NEW_KPI = "全国の日本語教室がある\n市区町村数60％以上"


@pytest.fixture
def result():
    a = roadmap(measure(1, "=SUM(A1) で始まる取組", ministries=["法務省"]),
                measure(5, "A", kpis=[OLD_KPI]),
                measure(7, "B", ministries=["法務省"]),
                measure(8, "C", ministries=["厚生労働省"], status="相談件数は５０件。"))
    b = roadmap(measure(1, "=SUM(A1) で始まる取組", ministries=["法務省"]),
                measure(5, "A", kpis=[NEW_KPI]),
                measure(8, "C", ministries=["厚生労働省"], status="相談件数は50件。"),  # width only: no row
                measure(9, "D"), fy=2023)
    return diff(a, b)


@pytest.fixture
def paths(tmp_path, result):
    p = tmp_path / "fy2022.yaml", tmp_path / "fy2023.yaml"
    save(result.old, p[0])
    save(result.new, p[1])
    return p


# --- JSON ------------------------------------------------------------------------------------------------
def test_json_contract_shape(paths):
    out = invoke("diff", *paths, "--format", "json")
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert list(data) == ["old", "new", "summary", "measures"]
    assert data["old"]["fiscal_year"] == 2022 and data["new"]["fiscal_year"] == 2023
    assert list(data["summary"]) == list(FLAGS)
    for m in data["measures"]:
        assert list(m) == ["old_id", "new_id", "flags", "ministries", "kpi_revisions", "changes", "similarity"]
    by = {(m["old_id"], m["new_id"]): m for m in data["measures"]}
    assert set(by) == {(1, 1), (5, 5), (7, None), (8, 8), (None, 9)}  # unchanged measures included
    assert by[(5, 5)]["kpi_revisions"] == [{"old_text": OLD_KPI, "new_text": NEW_KPI, "old_value": 50, "new_value": 60,
                                            "unit": "%", "old_deadline": None, "new_deadline": None}]
    assert by[(8, 8)]["flags"] == ["stalled"] and by[(8, 8)]["changes"] == {}
    assert by[(None, 9)] == {"old_id": None, "new_id": 9, "flags": ["new"], "ministries": ["文部科学省"],
                             "kpi_revisions": [], "changes": {}, "similarity": None}
    assert invoke("diff", *paths, "--format", "json").stdout == out.stdout  # deterministic


# --- Markdown ---------------------------------------------------------------------------------------------
def test_markdown(result):
    from roadmap_reports.render.diff_md import render_md

    md = render_md(result)
    assert md.startswith("# 新旧対照 令和４年度 → 令和５年度 (FY2022 → FY2023)\n")
    assert "| `kpi_revised` | KPI目標の変更 | 1 |" in md
    assert "| | 改正後（令和５年度） | 改正前（令和４年度） |" in md
    assert "| KPI | 全国の日本語教室がある<br>市区町村数**6**0％以上 | 全国の日本語教室がある<br>市区町村数**5**0％以上 |" in md
    assert "（削る）" in md and "（新設）" in md
    assert "## 施策 8" not in md  # width-only change: no table
    assert "\\=SUM(A1)" not in md and "=SUM\\(A1\\)" not in md  # text not mangled beyond escaping
    right = render_md(result, new_side="right")
    assert "| | 改正前（令和４年度） | 改正後（令和５年度） |" in right


# --- xlsx -------------------------------------------------------------------------------------------------
def _open_xlsx(path):
    from openpyxl import load_workbook

    return load_workbook(path, rich_text=True)


def _underlined(value) -> list[str]:
    from openpyxl.cell.rich_text import CellRichText

    if not isinstance(value, CellRichText):
        return []
    return [b.text for b in value if not isinstance(b, str) and b.font.u == "single"]


def _row_of(ws, number: str):
    for row in ws.iter_rows(min_row=3):
        if row[0].value == number:
            return row
    raise AssertionError(f"no row {number}")


def test_xlsx_comparison_table(paths, tmp_path):
    out = tmp_path / "t.xlsx"
    r = invoke("diff", *paths, "--format", "xlsx", "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stderr == f"Wrote {out} (新旧対照表, 3 rows; 5 of 5 measures flagged).\n"
    wb = _open_xlsx(out)
    assert wb.sheetnames == ["新旧対照表", "集計"]
    ws = wb["新旧対照表"]
    assert ws["A1"].value == "新旧対照表　令和４年度（2022年度）→令和５年度（2023年度）"
    assert ws["C1"].value == "（傍線部分は改正部分）"
    assert [c.value for c in ws[2]] == ["施策番号", "改正後（令和５年度）", "改正前（令和４年度）", "変更点"]
    # group rows by ministry, in registry order
    groups = [row[0].value for row in ws.iter_rows(min_row=3) if str(row[0].value).startswith("■")]
    assert groups == ["■ 法務省（MOJ）", "■ 文部科学省（MEXT）"]
    # measure 5: exactly the changed characters are underlined on each side
    row5 = _row_of(ws, "5")
    assert _underlined(row5[1].value) == ["6"]
    assert _underlined(row5[2].value) == ["5"]
    assert str(row5[1].value).startswith("【施策番号】5\n【具体的取組】")
    assert "市区町村数60％以上" in str(row5[1].value)
    assert row5[3].value == "KPI目標の変更\n実施状況が前年度とほぼ同じ"
    # new and removed
    row9 = _row_of(ws, "9")
    assert row9[2].value == "（新設）"
    assert "".join(_underlined(row9[1].value)).startswith("9")
    row7 = _row_of(ws, "（旧7）")
    assert row7[1].value == "（削る）"
    assert _underlined(row7[2].value)[0] == "7"
    # a width-only change is no row; a text starting with = stays text
    assert all(row[0].value != "8" for row in ws.iter_rows(min_row=3))
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f"


def test_xlsx_fonts_and_print_setup(result, tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    out = tmp_path / "t.xlsx"
    write_xlsx(result, out)
    wb = _open_xlsx(out)
    ws = wb["新旧対照表"]
    row5 = _row_of(ws, "5")
    assert row5[0].font.name == "Yu Gothic"
    assert {b.font.rFont for b in row5[1].value if not isinstance(b, str)} == {"Yu Gothic"}
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$2"
    s = wb["集計"]
    header = [c.value for c in s[4]]
    assert header[:2] == ["担当省庁", "コード"] and header[2] == "新設\nnew"
    rows = {r[0].value: [c.value for c in r[2:]] for r in s.iter_rows(min_row=5) if r[0].value}
    assert rows["合計（施策数）"] == [result.summary[f] for f in FLAGS]
    assert rows["法務省"][FLAGS.index("removed")] == 1


def test_xlsx_side_order_group_by_section_and_abbreviate(result, tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    out = tmp_path / "t.xlsx"
    write_xlsx(result, out, new_side="right", group_by="section", abbreviate=True)
    ws = _open_xlsx(out)["新旧対照表"]
    assert [c.value for c in ws[2]] == ["施策番号", "改正前（令和４年度）", "改正後（令和５年度）", "変更点"]
    assert ws["A3"].value == "■ １．日本語教育等の取組"
    row5 = _row_of(ws, "5")
    assert _underlined(row5[1].value) == ["5"] and _underlined(row5[2].value) == ["6"]
    text = str(row5[2].value)
    assert "【具体的取組】（略）" in text          # unchanged field abbreviated
    assert "市区町村数60％以上" in text           # the change keeps its context
    assert "【施策番号】5" in text


def test_xlsx_is_byte_identical(result, tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    write_xlsx(result, tmp_path / "a.xlsx")
    write_xlsx(result, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_xlsx_per_ministry_status(tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    parts_old = {"文部科学省": "調査を実施した。", "法務省": "情報提供を行った。"}
    parts_new = {"文部科学省": "調査結果を公表した。", "法務省": "情報提供を行った。"}
    a = roadmap(measure(4, "C", ministries=["文部科学省", "法務省"], status="x", status_by_ministry=parts_old))
    b = roadmap(measure(4, "C", ministries=["文部科学省", "法務省"], status="y", status_by_ministry=parts_new), fy=2023)
    write_xlsx(diff(a, b).filter(ministries=["MEXT"]), tmp_path / "m.xlsx")
    ws = _open_xlsx(tmp_path / "m.xlsx")["新旧対照表"]
    row = _row_of(ws, "4")
    assert str(row[1].value).endswith("【実施状況】調査結果を公表した。")
    assert row[3].value == "実施状況の更新"


# --- docx -------------------------------------------------------------------------------------------------
def test_docx_comparison_table(paths, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    out = tmp_path / "t.docx"
    r = invoke("diff", *paths, "--format", "docx", "-o", out)
    assert r.exit_code == 0, r.output
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "新旧対照表　令和４年度（2022年度）→令和５年度（2023年度）"
    assert doc.paragraphs[1].text == "（傍線部分は改正部分）"
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["施策番号", "改正後（令和５年度）", "改正前（令和４年度）", "変更点"]
    rows = {row.cells[0].text: row for row in table.rows[1:]}
    row5 = rows["5"]

    def underlined(cell):
        return [run.text for p in cell.paragraphs for run in p.runs if run.underline]

    assert underlined(row5.cells[1]) == ["6"] and underlined(row5.cells[2]) == ["5"]
    assert rows["9"].cells[2].text == "（新設）"
    assert rows["（旧7）"].cells[1].text == "（削る）"
    section = doc.sections[0]
    assert abs(section.page_width - Mm(297)) < Mm(0.1) and abs(section.page_height - Mm(210)) < Mm(0.1)
    assert section.orientation == 1  # landscape
    rfonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "Yu Gothic" and rfonts.get(qn("w:ascii")) == "Yu Gothic"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats on every page
    summary = doc.tables[1]
    assert summary.rows[-1].cells[0].text == "合計（施策数）"


def test_docx_side_order_and_byte_identical(result, tmp_path):
    from docx import Document

    from roadmap_reports.render.docx.comparison import write_docx

    write_docx(result, tmp_path / "a.docx", new_side="right")
    write_docx(result, tmp_path / "b.docx", new_side="right")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    header = [c.text for c in Document(str(tmp_path / "a.docx")).tables[0].rows[0].cells]
    assert header[1:3] == ["改正前（令和４年度）", "改正後（令和５年度）"]


def test_abbreviation_keeps_context_on_both_sides_of_a_deletion():
    from roadmap_reports.compare.diff import abbreviated_diff

    old = "研修の実施回数\n研修の修了者数\n関係機関における研修修了者の就労状況（令和４年度（2022年度）の検討結果を踏まえて検討）"
    new = old.replace("研修の修了者数", "研修修了者数")
    so, sn = abbreviated_diff(old, new)
    assert so == [("研修の実施回数\n研修", False), ("の", True), ("修了者数\n関係機（略）", False)]
    assert sn == [("研修の実施回数\n研修修了者数\n関係機（略）", False)]
    assert abbreviated_diff("同じ文", "同じ文") == ([("（略）", False)], [("（略）", False)])


def test_character_diff_ignores_width_and_wrapping_but_keeps_the_displayed_text():
    from roadmap_reports.compare.diff import char_diff

    old, new = "相談件数は５０件、\n研修を３回", "相談件数は50件、研修を4回"
    so, sn = char_diff(old, new)
    assert "".join(t for t, _ in so) == old and "".join(t for t, _ in sn) == new
    assert [t for t, c in so if c] == ["３"] and [t for t, c in sn if c] == ["4"]


def test_xlsx_stalled_rows_on_request(result, tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    assert write_xlsx(result, tmp_path / "a.xlsx") == 3
    assert write_xlsx(result.filter(only=["stalled"]), tmp_path / "b.xlsx") == 3  # 1, 5, 8
    ws = _open_xlsx(tmp_path / "b.xlsx")["新旧対照表"]
    row8 = _row_of(ws, "8")
    assert _underlined(row8[1].value) == [] and row8[3].value == "実施状況が前年度とほぼ同じ"
