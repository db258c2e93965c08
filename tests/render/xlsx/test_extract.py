"""The ministry workbook (render/xlsx/extract.py), reopened with openpyxl as a reader's Excel would open it:
the report's five columns, section and ◎ sub-headings as rows of their own, long texts continued at 「。」,
rows as tall as their text, A4/A3 landscape at 100 %."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from roadmap_reports import views as book
from roadmap_reports.office import ROW_MAX_POINTS
from roadmap_reports.render.paper import PAPERS
from roadmap_reports.render.xlsx import extract as render_xlsx
from roadmap_reports.render.xlsx import fit, measure_table
from roadmap_reports.sources.dataset import load_roadmap

from build_helpers import dataset_with
from measure_sheet_helpers import HEADERS, measures, note_of, read_table


def open_ministry(roadmap, code, paper="A4"):
    data = render_xlsx.ministry_workbook_bytes(book.ministry_extract(roadmap, code), paper=paper)
    return openpyxl.load_workbook(io.BytesIO(data)), data


@pytest.mark.parametrize("code, ids", [("MEXT", [1, 3, 4]), ("MOJ", [2, 4]), ("MHLW", [5])])
def test_each_ministry_gets_its_measures_only_in_report_order(mini, code, ids):
    wb, _ = open_ministry(mini, code)
    assert wb.sheetnames == ["施策一覧", "KPIの進捗"][:1 + any(mini.measure(i).kpis for i in ids)] + ["施策データ"]
    assert wb.active.title == "施策一覧"  # the printed table is the sheet that opens
    ws = wb["施策一覧"]
    assert [c.value for c in ws[1]] == HEADERS  # no 分野/小項目 columns, no empty 共管/再掲/備考
    assert list(measures(ws)) == ids


def test_sections_and_subheadings_are_rows_of_their_own_before_their_measures(mini):
    ws = open_ministry(mini, "MEXT")[0]["施策一覧"]
    table = read_table(ws)
    s1, s3 = mini.section("1"), mini.section("3")
    assert [(e["kind"], e.get("title", e.get("id"))) for e in table] == [
        ("heading", s1.title), ("heading", mini.subsection("1-1").title), ("measure", 1), ("measure", 3),
        ("heading", s3.title), ("heading", mini.subsection("3-1").title), ("measure", 4)]
    for e in table:
        if e["kind"] == "heading":  # merged over the whole table, section in bold
            row = e["row"]
            assert f"A{row}:E{row}" in {str(r) for r in ws.merged_cells.ranges}
            assert ws.cell(row, 1).font.b == e["title"].startswith(("１", "３"))


def test_measure_row_holds_the_report_columns(mini):
    ws = open_ministry(mini, "MEXT")[0]["施策一覧"]
    first = measures(ws)[1]["cells"]
    m1 = mini.measure(1)
    assert first == {"具体的取組": m1.initiative, "KPI": m1.kpis[0], "担当省庁": "文部科学省", "実施状況": m1.status}


def test_several_kpi_items_one_per_line_with_bullets(mini):
    ws = open_ministry(mini, "MOJ")[0]["施策一覧"]
    assert measures(ws)[2]["cells"]["KPI"] == "・５０％以上\n・令和９年度（2027年度）までに45万人以上"


def test_shared_measure_lists_every_owner_and_shows_own_part_then_the_full_text(mini):
    for code, own in (("MEXT", "文部科学省"), ("MOJ", "法務省")):
        ws = open_ministry(mini, code)[0]["施策一覧"]
        m4 = mini.measure(4)
        entry = measures(ws)[4]
        assert entry["cells"]["担当省庁"] == "文部科学省\n法務省"
        part = m4.status_by_ministry[own]
        assert entry["cells"]["実施状況"] == part + note_of(own, m4.status)
        note_row = next(r for r in entry["rows"] if str(ws.cell(r, 5).value).startswith("（実施状況欄は"))
        assert note_row > entry["rows"][0]  # the note and the full text start a row of their own
        assert ws.cell(note_row, 1).value == "4\n（続き）"


def test_repost_is_a_reference_to_the_measure_it_repeats(mini):
    ws = open_ministry(mini, "MEXT")[0]["施策一覧"]
    entries = measures(ws)
    repost = entries[3]["cells"]
    assert repost["具体的取組"] == f"（再掲：施策1）\n{mini.measure(1).initiative}"
    assert repost["KPI"] == mini.measure(1).kpis[0]
    assert repost["実施状況"] == "施策1の実施状況を参照"
    number = ws.cell(entries[3]["rows"][0], 1)
    assert number.hyperlink.location == f"'施策一覧'!A{entries[1]['rows'][0]}"  # jumps to measure 1's row
    assert number.fill.fgColor.rgb.endswith(measure_table.REPOST_FILL)


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_every_cell_japanese_font_at_the_papers_body_size(mini, paper):
    ws = open_ministry(mini, "MEXT", paper)[0]["施策一覧"]
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=len(HEADERS)):
        for cell in row:
            if type(cell).__name__ == "MergedCell":
                continue
            assert cell.font.name == "Yu Gothic" and cell.font.sz == PAPERS[paper].body_pt, cell.coordinate
            assert cell.alignment.wrap_text, cell.coordinate
    for cell in ws[1]:
        assert cell.font.b
        assert cell.fill.fgColor.rgb.endswith(measure_table.HEADER_FILL)
    assert ws.parent._fonts[0].name == "Yu Gothic"  # the Normal style, used by cells a user adds


@pytest.mark.parametrize("paper, size", [("A4", 9), ("A3", 8)])
def test_print_setup_landscape_at_100_percent_on_the_paper(mini, paper, size):
    wb = open_ministry(mini, "MEXT", paper)[0]
    ws = wb["施策一覧"]
    assert ws.freeze_panes == "A2"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == size
    assert int(ws.page_setup.scale) == 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    widths = [ws.column_dimensions[c].width for c in "ABCDE"]
    assert widths == list(PAPERS[paper].columns_chars)  # the report's widths ...
    assert sum(widths) <= fit.printable_units(PAPERS[paper])  # ... within the paper: nothing shrunk
    assert ws.oddHeader.left.text == mini.title
    assert ws.oddHeader.right.text == "文部科学省　令和４年度（FY2022）　令和５年３月31日時点"
    assert ws.oddFooter.center.text == "&P / &N"
    assert int(wb["KPIの進捗"].page_setup.paperSize) == size


def test_document_properties(mini):
    wb, data = open_ministry(mini, "MOJ")
    assert wb.properties.title == f"{mini.title}（法務省）"
    assert wb.properties.subject == "外国人との共生社会の実現に向けたロードマップ 実施状況 令和４年度（FY2022） 令和５年３月31日時点"
    assert wb.properties.creator == "roadmap-reports"
    assert wb.properties.created.date() == mini.as_of
    assert b"2023-03-31T00:00:00Z" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")


def assert_rows_fit(ws, pt):
    """Every row is as tall as its tallest cell's lines at its column's width, at most one line taller, and
    within Excel's cap; a heading row as tall as its title across the table."""
    widths = [ws.column_dimensions[c].width for c in "ABCDE"]
    headings = {r.min_row for r in ws.merged_cells.ranges}
    for r in range(2, ws.max_row + 1):
        if r in headings:
            lines = fit.lines_of(ws.cell(r, 1).value, sum(widths), pt)
        else:
            lines = max(fit.lines_of(str(ws.cell(r, i).value or "").rstrip("\n"), w, pt)
                        for i, w in enumerate(widths, start=1))
        height = ws.row_dimensions[r].height
        assert height <= ROW_MAX_POINTS, r
        assert lines * pt * fit.LINE_FACTOR <= height <= (lines + 1) * pt * fit.LINE_FACTOR + fit.PADDING_PT, r


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_row_heights_fit_the_wrapped_text(mini, paper):
    assert_rows_fit(open_ministry(mini, "MEXT", paper)[0]["施策一覧"], PAPERS[paper].body_pt)


def test_formula_like_text_stays_text(tmp_path):
    path = dataset_with(tmp_path / "d.yaml", {2: {"initiative": "=HYPERLINK(\"http://x\")", "status": "+81 @ 記号",
                                                 "kpis": ["-5%", "@SUM(A1)"]}})
    ws = open_ministry(load_roadmap(path), "MOJ")[0]["施策一覧"]
    row = measures(ws)[2]["rows"][0]
    for col, text in ((2, '=HYPERLINK("http://x")'), (5, "+81 @ 記号")):
        cell = ws.cell(row, col)
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix and cell.hyperlink is None
    assert ws.cell(row, 3).value == "・-5%\n・@SUM(A1)" and ws.cell(row, 3).data_type == "s"


def assert_continued_at_sentence_ends(ws, entry, column: int):
    parts = [ws.cell(r, column).value or "" for r in entry["rows"]]
    for before, after in zip(parts, parts[1:]):
        if before and after:  # a part ends at a line break or right after 「。」, never mid-sentence
            assert before.endswith(("\n", "。")), before[-10:]
    for r in entry["rows"][1:]:
        assert ws.cell(r, 1).value == f"{entry['id']}\n（続き）"


def test_long_status_continues_on_rows_split_at_sentence_ends(tmp_path):
    status = "\n".join(f"・{i}番目の取組を実施した。" + "詳細な説明をした。" * 30 for i in range(12))
    path = dataset_with(tmp_path / "d.yaml", {5: {"status": status}})
    ws = open_ministry(load_roadmap(path), "MHLW")[0]["施策一覧"]
    entry = measures(ws)[5]
    assert len(entry["rows"]) > 2
    assert entry["cells"]["実施状況"] == status  # nothing lost, nothing re-worded
    assert_continued_at_sentence_ends(ws, entry, 5)
    for r in entry["rows"]:
        assert fit.lines_of(str(ws.cell(r, 5).value).rstrip("\n"), ws.column_dimensions["E"].width, 8) <= \
            measure_table.chunk_lines(PAPERS["A4"])
    assert_rows_fit(ws, 8)


def test_long_tagged_status_and_initiative_continue_too(tmp_path):
    part = "文部科学省の取組を実施した。" * 60
    other = "法務省の取組を実施した。" * 60
    path = dataset_with(tmp_path / "d.yaml", {4: {
        "initiative": "取組の説明。" * 150, "status": f"【文科省】\n{part}\n【法務省】\n{other}",
        "status_by_ministry": {"文部科学省": part, "法務省": other}}})
    roadmap = load_roadmap(path)
    ws = open_ministry(roadmap, "MOJ")[0]["施策一覧"]
    entry = measures(ws)[4]
    assert len(entry["rows"]) > 2
    assert entry["cells"]["具体的取組"] == roadmap.measure(4).initiative
    assert entry["cells"]["実施状況"] == other + note_of("法務省", roadmap.measure(4).status)
    assert_continued_at_sentence_ends(ws, entry, 2)
    assert_continued_at_sentence_ends(ws, entry, 5)
    assert_rows_fit(ws, 8)
