"""The secretariat's overview workbook (render/xlsx/overview.py), reopened with openpyxl: counts by ministry
with 計（延べ）, 合計（施策） and the note that explains the difference, counts by section, a chart of measures and
KPI items per ministry, and every measure in the printed table."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from roadmap_reports import views as book
from roadmap_reports.render.paper import PAPERS
from roadmap_reports.render.xlsx import fit, overview

from measure_sheet_helpers import HEADERS, measures


def open_overview(roadmap, paper="A4"):
    data = overview.overview_workbook_bytes(book.overview(roadmap), paper=paper)
    return openpyxl.load_workbook(io.BytesIO(data)), data


def test_counts_by_ministry_add_up_with_the_gross_row_and_the_note(mini):
    wb, _ = open_overview(mini)
    assert wb.sheetnames == ["集計", "全施策", "施策データ"]
    ws = wb["集計"]
    table = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=6, max_col=6)]
    assert table == [["省庁", "コード", "施策数", "うち共管", "再掲", "KPI項目数"],
                     ["法務省", "MOJ", 2, 1, 0, 3],
                     ["文部科学省", "MEXT", 2, 1, 1, 2],
                     ["厚生労働省", "MHLW", 1, 0, 0, 0],
                     ["計（延べ）", None, 5, 2, 1, 5],   # measure 4 (法務省 and 文部科学省) counted twice
                     ["合計（施策）", None, 4, 1, 1, 4]]
    note = ws.cell(7, 1).value
    assert note.startswith("※") and "共管、1件" in note and "施策5件" in note and "施策4件" in note
    assert "A7:F7" in {str(r) for r in ws.merged_cells.ranges}
    sections = [[ws.cell(r, c).value for c in (1, 3, 5, 6)] for r in (9, 10, 11, 12)]
    assert sections == [["分野", "施策数", "再掲", "KPI項目数"], [mini.sections[0].title, 2, 1, 3],
                        [mini.sections[1].title, 2, 0, 1], ["合計", 4, 1, 4]]


def test_the_chart_compares_measures_and_kpi_items_with_labels_and_readable_axes(mini):
    wb, data = open_overview(mini)
    charts = wb["集計"]._charts
    assert len(charts) == 1 and charts[0].tagname == "barChart"
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/charts/chart1.xml").decode()
    assert "'集計'!$C$2:$C$4" in xml and "'集計'!$F$2:$F$4" in xml and "'集計'!$A$2:$A$4" in xml
    assert xml.count("<ser>") == 2
    assert '<showVal val="1"/>' in xml  # numbers on the bars
    assert '<orientation val="maxMin"/>' in xml  # first ministry on top, as in the table ...
    assert '<crosses val="max"/>' in xml  # ... and so the value axis moved under the last one


def test_every_bar_says_what_it_counts_and_no_legend_lists_them_upside_down(mini):
    _, data = open_overview(mini)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/charts/chart1.xml").decode()
    series = xml.split("<ser>")[1:]
    assert [s.split("<f>", 1)[1].split("</f>", 1)[0] for s in series] == ["'集計'!C1", "'集計'!F1"]  # 施策数, KPI項目数
    labels = ['<numFmt formatCode="&quot;施策 &quot;0" sourceLinked="0"/>',
              '<numFmt formatCode="&quot;KPI &quot;0" sourceLinked="0"/>']
    assert [label in s for s, label in zip(series, labels)] == [True, True]  # 「施策 2」「KPI 3」 on the bars
    assert all('<showVal val="1"/>' in s and '<showSerName val="0"/>' in s for s in series)
    # LibreOffice lists a horizontal bar chart's legend bottom-up (KPI項目数 before 施策数) whatever the axis
    # order, against the bars (施策数 above KPI項目数) and the table: no legend, the labels say it
    assert "<legend>" not in xml
    assert "省庁別の施策数とKPI項目数" in xml and 'typeface="Yu Gothic"' in xml
    assert '<overlay val="1"/>' not in xml  # the title above the plot, not over it


@pytest.mark.parametrize("paper, size", [("A4", 9), ("A3", 8)])
def test_both_sheets_print_landscape_at_100_percent(mini, paper, size):
    wb, _ = open_overview(mini, paper)
    for ws in (wb["集計"], wb["全施策"]):  # 施策データ, for the screen: test_screen_sheet.py
        assert int(ws.page_setup.paperSize) == size and ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.scale) == 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws["A2"].font.sz == PAPERS[paper].body_pt
    ws = wb["集計"]
    used = sum(ws.column_dimensions[c].width for c in "ABCDEFGH")  # the table, a gap, the chart's column
    assert used <= fit.printable_units(PAPERS[paper])
    chart = ws._charts[0]
    assert chart.width * 72 / 2.54 <= ws.column_dimensions["H"].width * fit.UNIT_PT  # the chart stays in it


def test_every_measure_in_the_printed_table(mini):
    wb, _ = open_overview(mini)
    everything = wb["全施策"]
    assert [c.value for c in everything[1]] == HEADERS
    rows = measures(everything)
    assert list(rows) == [1, 2, 3, 4, 5]
    assert rows[4]["cells"]["実施状況"] == mini.measure(4).status  # the full text in the overview
    assert everything.print_title_rows == "$1:$1"
    assert everything.freeze_panes == "A2"
    assert wb.properties.title == f"{mini.title}（全体）"
