"""The ministry workbook (render/xlsx/extract.py), reopened with openpyxl as a reader's Excel would open it."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from roadmap_reports import views as book
from roadmap_reports.office import ROW_MAX_POINTS
from roadmap_reports.render.xlsx import extract as render_xlsx
from roadmap_reports.render.xlsx import measure_table
from roadmap_reports.render.xlsx.common import wrapped_lines
from roadmap_reports.sources.dataset import load_roadmap

from build_helpers import dataset_with

HEADERS = ["施策番号", "分野", "小項目", "具体的取組", "KPI", "担当省庁", "共管", "実施状況", "再掲", "備考"]


def open_ministry(roadmap, code):
    data = render_xlsx.ministry_workbook_bytes(book.ministry_extract(roadmap, code))
    return openpyxl.load_workbook(io.BytesIO(data)), data


def rows(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]


@pytest.mark.parametrize("code, ids", [("MEXT", [1, 3, 4]), ("MOJ", [2, 4]), ("MHLW", [5])])
def test_each_ministry_gets_its_measures_only_in_report_order(mini, code, ids):
    wb, _ = open_ministry(mini, code)
    assert wb.sheetnames == ["施策一覧"]
    ws = wb["施策一覧"]
    assert [c.value for c in ws[1]] == HEADERS
    assert [r["施策番号"] for r in rows(ws)] == ids


def test_measure_row_holds_the_report_columns(mini):
    ws = open_ministry(mini, "MEXT")[0]["施策一覧"]
    first = rows(ws)[0]
    m1 = mini.measure(1)
    assert first["分野"] == mini.section("1").title
    assert first["小項目"] == mini.subsection("1-1").title
    assert first["具体的取組"] == m1.initiative
    assert first["KPI"] == "\n".join(m1.kpis)
    assert first["担当省庁"] == "文部科学省"
    assert first["実施状況"] == m1.status
    assert first["共管"] is None and first["再掲"] is None


def test_kpi_items_one_per_line(mini):
    ws = open_ministry(mini, "MOJ")[0]["施策一覧"]
    assert rows(ws)[0]["KPI"] == "５０％以上\n令和９年度（2027年度）までに45万人以上"


def test_shared_measure_names_co_owners_and_shows_own_tagged_part(mini):
    for code, own, other in (("MEXT", "文部科学省", "法務省"), ("MOJ", "法務省", "文部科学省")):
        ws = open_ministry(mini, code)[0]["施策一覧"]
        row = next(r for r in rows(ws) if r["施策番号"] == 4)
        m4 = mini.measure(4)
        assert row["担当省庁"] == "文部科学省\n法務省"
        assert row["共管"] == other
        assert row["実施状況"] == m4.status_by_ministry[own]
        assert row["備考"] == f"（実施状況欄は{own}の記載部分。公表された全文は次のとおり）\n{m4.status}"


def test_repost_is_a_reference_to_the_measure_it_repeats(mini):
    ws = open_ministry(mini, "MEXT")[0]["施策一覧"]
    repost = next(r for r in rows(ws) if r["施策番号"] == 3)
    assert repost["具体的取組"] == f"（再掲：施策1）\n{mini.measure(1).initiative}"
    assert repost["KPI"] == "\n".join(mini.measure(1).kpis)
    assert repost["担当省庁"] == "文部科学省"
    assert repost["実施状況"] == "施策1の実施状況を参照"
    assert repost["再掲"] == "再掲：施策1"
    link = ws["I3"].hyperlink
    assert link.location == "'施策一覧'!A2" and ws["A2"].value == 1  # jumps to measure 1's row


def test_every_cell_japanese_font_wrapped_and_header_styled(mini):
    ws = open_ministry(mini, "MEXT")[0]["施策一覧"]
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=len(HEADERS)):
        for cell in row:
            assert cell.font.name == "Yu Gothic", cell.coordinate
            assert cell.alignment.wrap_text, cell.coordinate
    for cell in ws[1]:
        assert cell.font.b
        assert cell.fill.fgColor.rgb.endswith(measure_table.HEADER_FILL)
    # the default (Normal) style, used by cells a user adds, is the Japanese font too
    assert ws.parent._fonts[0].name == "Yu Gothic"


def test_print_setup_and_header_footer(mini):
    ws = open_ministry(mini, "MEXT")[0]["施策一覧"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == "A1:J4"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.left.text == mini.title
    assert ws.oddHeader.right.text == "文部科学省　令和４年度（FY2022）　令和５年３月31日時点"
    assert ws.oddFooter.center.text == "&P / &N"


def test_document_properties(mini):
    wb, data = open_ministry(mini, "MOJ")
    assert wb.properties.title == f"{mini.title}（法務省）"
    assert wb.properties.subject == "外国人との共生社会の実現に向けたロードマップ 実施状況 令和４年度（FY2022） 令和５年３月31日時点"
    assert wb.properties.creator == "roadmap-reports"
    assert wb.properties.created.date() == mini.as_of
    assert b"2023-03-31T00:00:00Z" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")


def test_row_heights_fit_the_wrapped_text(mini):
    ws = open_ministry(mini, "MEXT")[0]["施策一覧"]
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    for r in range(2, ws.max_row + 1):
        lines = max(wrapped_lines(ws.cell(r, i + 1).value, w) for i, w in enumerate(widths))
        assert ws.row_dimensions[r].height >= lines * 10 * 1.7, r


def test_formula_like_text_stays_text(tmp_path):
    path = dataset_with(tmp_path / "d.yaml", {2: {"initiative": "=HYPERLINK(\"http://x\")", "status": "+81 @ 記号",
                                                 "kpis": ["-5%", "@SUM(A1)"]}})
    ws = open_ministry(load_roadmap(path), "MOJ")[0]["施策一覧"]
    for coord, text in (("D2", '=HYPERLINK("http://x")'), ("H2", "+81 @ 記号"), ("E2", "-5%\n@SUM(A1)")):
        assert ws[coord].value == text
        assert ws[coord].data_type == "s"
        assert ws[coord].quotePrefix
        assert ws[coord].hyperlink is None


def test_long_status_continues_on_rows_that_excel_can_show(tmp_path):
    status = "\n".join(f"・{i}番目の取組を実施した。" + "詳細な説明。" * 30 for i in range(12))
    path = dataset_with(tmp_path / "d.yaml", {5: {"status": status}})
    ws = open_ministry(load_roadmap(path), "MHLW")[0]["施策一覧"]
    data = rows(ws)
    assert len(data) > 1
    assert {r["施策番号"] for r in data} == {5}  # every part is found by filtering on the number
    assert "".join(r["実施状況"] for r in data) == status  # nothing lost, nothing re-worded
    assert all(r["具体的取組"] == "（施策5の続き）" for r in data[1:])
    assert_every_cell_fits(ws)


def assert_every_cell_fits(ws):
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    for r in range(2, ws.max_row + 1):
        height = ws.row_dimensions[r].height
        assert height <= ROW_MAX_POINTS
        for i, w in enumerate(widths, start=1):
            assert wrapped_lines(ws.cell(r, i).value, w) * 10 * 1.7 + 4 <= height, ws.cell(r, i).coordinate


def test_long_tagged_status_and_initiative_continue_too(tmp_path):
    part = "文部科学省の取組を実施した。" * 60
    other = "法務省の取組を実施した。" * 60
    path = dataset_with(tmp_path / "d.yaml", {4: {
        "initiative": "取組の説明。" * 150, "status": f"【文科省】\n{part}\n【法務省】\n{other}",
        "status_by_ministry": {"文部科学省": part, "法務省": other}}})
    roadmap = load_roadmap(path)
    ws = open_ministry(roadmap, "MOJ")[0]["施策一覧"]
    data = [r for r in rows(ws) if r["施策番号"] == 4]
    assert len(data) > 2
    assert "".join(r["具体的取組"] for r in data if not r["具体的取組"].startswith("（施策4の続き")) == \
        roadmap.measure(4).initiative
    assert "".join(r["実施状況"] or "" for r in data) == other
    assert "".join(r["備考"] or "" for r in data).endswith(roadmap.measure(4).status)
    assert_every_cell_fits(ws)
