"""The collect report (render/collect_report.py, render/xlsx/collect_report.py): every format, empty
lists, the same bytes for the same result."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from conftest import invoke
from roadmap_reports.rounds.collect import collect
from update_helpers import FY, edit


@pytest.mark.parametrize("suffix", [".md", ".json", ".xlsx", ".txt"])
def test_cli_report_formats(mini_path, books, tmp_path, suffix):
    edit(books["MEXT"], {"G2": "新しい文", "I2": "連絡事項"})
    bad = tmp_path / "x.xlsm"
    bad.write_bytes(books["MOJ"].read_bytes())
    report = tmp_path / f"report{suffix}"
    r = invoke("collect", books["MEXT"], bad, "--base", mini_path, "--fiscal-year", FY, "-o", tmp_path / "d.yaml",
               "--report", report)
    assert r.exit_code == 3
    if suffix == ".json":
        data = json.loads(report.read_text(encoding="utf-8"))
        assert data["missing"] == ["法務省", "厚生労働省"]
        assert data["updated"][0]["new"] == "新しい文"
        assert data["findings"][0]["message"].startswith("is a macro-enabled workbook (.xlsm)")
        assert data["remarks"][0]["text"] == "連絡事項"
    elif suffix == ".xlsx":
        wb = load_workbook(report)
        assert wb.sheetnames == ["概要", "ファイル", "問題", "競合", "回答", "KPI変更案・備考"]
        summary = {row[0].value: row[1].value for row in wb["概要"].iter_rows(min_row=2)}
        assert summary["未回答省庁"] == "法務省、厚生労働省" and summary["更新"] == 1 and summary["却下"] == 1
        problem = [c.value for c in wb["問題"][2]]
        assert problem[0] == "x.xlsm" and problem[3] == "却下"
        answers = [[c.value for c in row] for row in wb["回答"].iter_rows(min_row=2)]
        assert answers[0][:5] == [1, "文部科学省", "更新", "MEXT_文部科学省_令和5年度_照会.xlsx", "実施状況照会!G2"]
    else:
        text = report.read_text(encoding="utf-8")
        assert "x.xlsm" in text and "新しい文" not in text or suffix == ".md"
        if suffix == ".md":
            assert "| x.xlsm | - | **rejected** |" in text
            assert "## Updated (1)" in text and "| 1 | 文部科学省 | MEXT_文部科学省_令和5年度_照会.xlsx:実施状況照会!G2 |" in text


def test_xlsx_report_says_when_a_list_is_empty(mini_path, books, tmp_path):
    edit(books["MEXT"], {"G2": "新しい文"})
    report = tmp_path / "report.xlsx"
    r = invoke("collect", books["MEXT"], "--base", mini_path, "--fiscal-year", FY, "-o", tmp_path / "d.yaml",
               "--report", report)
    assert r.exit_code == 0, r.output
    wb = load_workbook(report)
    assert [[c.value for c in row] for row in wb["問題"].iter_rows(min_row=2)] == [["（問題はありません）", None, None, None, None]]
    assert wb["競合"]["A2"].value == "（競合はありません）"
    assert wb["KPI変更案・備考"]["A2"].value == "（KPI変更案・備考はありません）"
    assert wb["回答"]["A2"].value == 1  # a list that has rows has no such line
    assert wb["問題"]["A2"].font.name == "Yu Gothic"


def test_report_files_are_byte_identical(mini, books, tmp_path):
    from roadmap_reports.render.collect_report import write_report

    edit(books["MEXT"], {"G2": "新しい文"})
    for name in ("a", "b"):
        write_report(collect(list(books.values()), base=mini, fiscal_year=FY), tmp_path / f"{name}.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
