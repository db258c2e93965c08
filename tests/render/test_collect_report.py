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
    edit(books["MEXT"], {"F4": "新しい文", "H4": "連絡事項"})
    bad = tmp_path / "x.xlsm"
    bad.write_bytes(books["MOJ"].read_bytes())
    report = tmp_path / f"report{suffix}"
    r = invoke("collect", books["MEXT"], bad, "--base", mini_path, "--fiscal-year", FY, "-o", tmp_path / "d.yaml",
               "--report", report)
    assert r.exit_code == 3
    if suffix == ".json":
        data = json.loads(report.read_text(encoding="utf-8"))
        assert data["missing"] == ["法務省", "厚生労働省"]
        assert {x["ministry"]: x["state"] for x in data["responses"]} == {
            "文部科学省": "returned", "法務省": "not_returned", "厚生労働省": "not_returned", "（省庁不明）": "rejected"}
        assert data["responses"][-1]["files"] == ["x.xlsm"]
        assert [(c["kind"], c["measure"], c["new"]) for c in data["changes"]] == [
            ("status_updated", 1, "新しい文"), ("remark", 1, "連絡事項")]
        assert data["unchanged"]["count"] == 1  # measure 4 answered as last year: counted, not listed with text
        f = data["findings"][0]
        assert f["id"] == "macro_enabled_workbook" and f["kind"] == "hostile"
        assert f["message"].startswith("マクロ有効ブック（.xlsm）で")
        assert f["message_en"].startswith("is a macro-enabled workbook (.xlsm)")
    elif suffix == ".xlsx":
        wb = load_workbook(report)
        assert wb.sheetnames == ["回答状況", "変更内容", "問題"]
        problem = [c.value for c in wb["問題"][4]]
        assert problem[0] == "x.xlsm" and problem[4] == "不受理" and problem[5].startswith("マクロ有効ブック")
        changes = [[c.value for c in row] for row in wb["変更内容"].iter_rows(min_row=4)]
        assert [row[:3] for row in changes] == [[1, "文部科学省", "実施状況の更新"], [1, "文部科学省", "備考"]]
    elif suffix == ".md":
        text = report.read_text(encoding="utf-8")
        assert text.index("## 回答状況") < text.index("## 変更内容（2件）") < text.index("## 問題（1件）")
        assert "| 法務省 | **未回答** | － |" in text and "| （省庁不明） | **不受理** | x.xlsm |" in text
        assert "前年度と同文の回答：1件（一覧は省略）" in text
    else:
        text = report.read_text(encoding="utf-8")
        assert "x.xlsm" in text and "新しい文" not in text


def test_xlsx_report_says_when_a_list_is_empty(mini_path, books, tmp_path):
    edit(books["MEXT"], {"F4": "新しい文"})
    report = tmp_path / "report.xlsx"
    r = invoke("collect", books["MEXT"], "--base", mini_path, "--fiscal-year", FY, "-o", tmp_path / "d.yaml",
               "--report", report)
    assert r.exit_code == 0, r.output
    wb = load_workbook(report)
    assert wb["問題"]["A4"].value == "（問題はありません）"
    assert wb["変更内容"]["A4"].value == 1  # a list that has rows has no such line
    assert wb["問題"]["A4"].font.name == "Yu Gothic" and wb["問題"]["A4"].font.size == 8


def test_report_files_are_byte_identical(mini, books, tmp_path):
    from roadmap_reports.render.collect_report import write_report

    edit(books["MEXT"], {"F4": "新しい文"})
    for name in ("a", "b"):
        write_report(collect(list(books.values()), base=mini, fiscal_year=FY), tmp_path / f"{name}.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
