"""The 新旧対照表 workbook (render/xlsx/comparison.py), reopened with openpyxl: underlines on exactly the
changed characters, （新設）/（削る）, the header note, side order, fonts, print setup, byte-identical saving."""

from __future__ import annotations

from roadmap_reports.compare.diff import FLAG_LABELS, FLAGS, diff

from conftest import invoke
from test_diff import measure, roadmap


def open_xlsx(path):
    from openpyxl import load_workbook

    return load_workbook(path, rich_text=True)


def underlined(value) -> list[str]:
    from openpyxl.cell.rich_text import CellRichText

    if not isinstance(value, CellRichText):
        return []
    return [b.text for b in value if not isinstance(b, str) and b.font.u == "single"]


def row_of(ws, number: str):
    for row in ws.iter_rows(min_row=3):
        if row[0].value == number:
            return row
    raise AssertionError(f"no row {number}")


def test_xlsx_comparison_table(paths, tmp_path):
    out = tmp_path / "t.xlsx"
    r = invoke("diff", *paths, "--format", "xlsx", "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stderr == f"Wrote {out} (新旧対照表, 3 rows; 5 of 5 measures flagged).\n"
    wb = open_xlsx(out)
    assert wb.sheetnames == ["新旧対照表", "集計", "前年度と同旨の実施状況"]
    ws = wb["新旧対照表"]
    assert ws["A1"].value == "新旧対照表　令和４年度→令和５年度"
    assert ws["C1"].value == "（傍線部分は改正部分）"
    assert [c.value for c in ws[2]] == ["施策番号", "改正後（令和５年度）", "改正前（令和４年度）", "変更点"]
    # one row per measure in NEW's order, the removed one at its old place, no group rows
    numbers = [row[0].value for row in ws.iter_rows(min_row=3) if row[0].value]
    assert numbers == ["5", "（旧7）", "9"]
    # measure 5: exactly the changed characters are underlined on each side
    row5 = row_of(ws, "5")
    assert underlined(row5[1].value) == ["60％以上"]
    assert underlined(row5[2].value) == ["50％以上"]
    assert str(row5[1].value).startswith("【施策番号】5\n【具体的取組】")
    assert "市区町村数60％以上" in str(row5[1].value)
    assert row5[3].value == "KPI目標の改定"  # 前年度と同旨 is not a 変更点: on its own sheet
    # new and removed
    row9 = row_of(ws, "9")
    assert row9[2].value == "（新設）"
    assert "".join(underlined(row9[1].value)).startswith("9")
    row7 = row_of(ws, "（旧7）")
    assert row7[1].value == "（削る）"
    assert underlined(row7[2].value)[0] == "7"
    # a width-only change is no row; a text starting with = stays text
    assert all(row[0].value != "8" for row in ws.iter_rows(min_row=3))
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f"


def test_xlsx_fonts_and_print_setup(result, tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    out = tmp_path / "t.xlsx"
    write_xlsx(result, out)
    wb = open_xlsx(out)
    ws = wb["新旧対照表"]
    row5 = row_of(ws, "5")
    assert row5[0].font.name == "Yu Gothic"
    assert {b.font.rFont for b in row5[1].value if not isinstance(b, str)} == {"Yu Gothic"}
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)  # at 100 %
    assert ws.page_setup.scale == 100
    assert row5[0].font.size == 8 and {b.font.sz for b in row5[1].value if not isinstance(b, str)} == {8}
    assert ws.print_title_rows == "$1:$2"
    s = wb["集計"]
    header = [c.value for c in s[4]]
    assert header == ["担当省庁", "コード"] + [FLAG_LABELS[f] for f in FLAGS]  # Japanese only
    rows = {r[0].value: [c.value for c in r[2:]] for r in s.iter_rows(min_row=5) if r[0].value}
    assert rows["合計（施策数）"] == [result.summary[f] for f in FLAGS]
    assert rows["法務省"][FLAGS.index("removed")] == 1


def test_xlsx_side_order_group_by_section_and_abbreviate(result, tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    out = tmp_path / "t.xlsx"
    write_xlsx(result, out, new_side="right", group_by="section", abbreviate=True)
    ws = open_xlsx(out)["新旧対照表"]
    assert [c.value for c in ws[2]] == ["施策番号", "改正前（令和４年度）", "改正後（令和５年度）", "変更点"]
    assert ws["A3"].value == "■ １．日本語教育等の取組"
    row5 = row_of(ws, "5")
    assert underlined(row5[1].value) == ["50％以上"] and underlined(row5[2].value) == ["60％以上"]
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
    ws = open_xlsx(tmp_path / "m.xlsx")["新旧対照表"]
    row = row_of(ws, "4")
    assert str(row[1].value).endswith("【実施状況】調査結果を公表した。")
    assert row[3].value == "実施状況の更新"


def test_xlsx_stalled_measures_on_their_own_sheet(result, tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    assert write_xlsx(result, tmp_path / "a.xlsx") == 3
    wb = open_xlsx(tmp_path / "a.xlsx")
    assert all(row[0].value not in ("1", "8") for row in wb["新旧対照表"].iter_rows(min_row=3))
    ws = wb["前年度と同旨の実施状況"]
    assert ws["A1"].value.startswith("前年度と同旨の実施状況")
    assert [c.value for c in ws[3]] == ["施策番号", "担当省庁", "前年度との類似度"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert rows == [["1", "法務省", "100％"], ["5", "文部科学省", "100％"], ["8", "厚生労働省", "100％"]]


def test_xlsx_group_by_ministry_keeps_todays_grouping(result, tmp_path):
    from roadmap_reports.render.xlsx.comparison import write_xlsx

    write_xlsx(result, tmp_path / "m.xlsx", group_by="ministry")
    ws = open_xlsx(tmp_path / "m.xlsx")["新旧対照表"]
    groups = [row[0].value for row in ws.iter_rows(min_row=3) if str(row[0].value).startswith("■")]
    assert groups == ["■ 法務省（MOJ）", "■ 文部科学省（MEXT）"]
