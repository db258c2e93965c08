"""The secretariat's overview workbook (render/xlsx/overview.py), reopened with openpyxl."""

from __future__ import annotations

import io
import zipfile

import openpyxl

from roadmap_reports import views as book
from roadmap_reports.render.xlsx import overview


def rows(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]


def test_overview_summary_counts_and_native_chart(mini):
    data = overview.overview_workbook_bytes(book.overview(mini))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["集計", "全施策"]
    summary = wb["集計"]
    table = [[c.value for c in r] for r in summary.iter_rows(min_row=1, max_row=5, max_col=5)]
    assert table == [["省庁", "コード", "施策数", "うち共管", "再掲"],
                     ["法務省", "MOJ", 2, 1, 0],
                     ["文部科学省", "MEXT", 2, 1, 1],
                     ["厚生労働省", "MHLW", 1, 0, 0],
                     ["合計（施策）", None, 4, 1, 1]]
    sections = [[summary.cell(r, c).value for c in (1, 3, 5)] for r in (7, 8, 9)]
    assert sections == [["分野", "施策数", "再掲"], [mini.sections[0].title, 2, 1], [mini.sections[1].title, 2, 0]]
    charts = summary._charts
    assert len(charts) == 1 and charts[0].tagname == "barChart"
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/charts/chart1.xml").decode()
    assert "'集計'!$C$2:$C$4" in xml and "'集計'!$A$2:$A$4" in xml
    assert 'typeface="Yu Gothic"' in xml

    everything = wb["全施策"]
    assert [r["施策番号"] for r in rows(everything)] == [1, 2, 3, 4, 5]
    assert rows(everything)[3]["実施状況"] == mini.measure(4).status  # the full text in the overview
    assert everything.print_title_rows == "$1:$1"
    assert everything.freeze_panes == "B2"
    assert wb.properties.title == f"{mini.title}（全体）"
