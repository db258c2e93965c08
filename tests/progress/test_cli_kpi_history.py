"""`kpi` and `history` as a user runs them: every format, the xlsx reopened, and the error paths."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, invoke

FY22 = DATA / "fy2022.yaml"
FY23 = DATA / "samples" / "fy2023_sample.yaml"
FY24 = DATA / "samples" / "fy2024_sample.yaml"
REVIEW = DATA / "kpi" / "fy2022.yaml"


def test_kpi_text():
    r = invoke("kpi", FY22)
    assert r.exit_code == 0
    assert "80 施策の KPI 126 項目; 数値目標あり 9; 実績が一つ以上あり 35" in r.stdout
    assert "#5-1  [達成]  全国の日本語教室がある市区町村数50％以上" in r.stdout
    assert "「令和３年度時点で既に53.7％」" in r.stdout


def test_kpi_json_contract():
    r = invoke("kpi", FY23, FY22, "--format", "json")   # any order: sorted by fiscal year
    data = json.loads(r.stdout)
    assert data["fiscal_years"] == [2022, 2023]
    item = next(i for i in data["items"] if i["measure"] == 96)
    assert {"measure", "kpi_index", "kpi", "ministries", "type", "target", "actuals", "verdict", "reason"} <= set(item)
    assert set(item["target"]) == {"value", "unit", "comparator", "deadline_fy", "baseline"}
    assert {"value", "unit", "as_of_fy", "quote", "source"} <= set(item["actuals"][0])
    assert (item["verdict"], item["target"]["unit"], item["actuals"][0]["value"]) == ("achieved", "%", 86)
    five = next(i for i in data["items"] if i["measure"] == 5)
    assert five["verdict"] == "revised" and "50％以上から60％以上" in five["reason"]
    assert data["summary"]["by_verdict"]["revised"] == 2


def test_kpi_md_and_output_file(tmp_path):
    out = tmp_path / "kpi.md"
    r = invoke("kpi", FY22, "--format", "md", "-o", out)
    assert r.exit_code == 0 and r.stdout == "" and f"Wrote {out} (md; 126 KPI items)." in r.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# KPIの進捗（令和４年度）")
    assert "| 96 | 特定技能外国人がいる全ての市において" in text


def test_kpi_review_applied_and_reported():
    r = invoke("kpi", FY22, "--review", REVIEW)
    assert r.exit_code == 0
    assert "点検ファイル " in r.stdout and "確認 43、訂正 0、追加 0、除外 2" in r.stdout
    assert "#70-1 除外: 「参加者数は対面で約50人」" in r.stdout
    data = json.loads(invoke("kpi", FY22, "--review", REVIEW, "-f", "json").stdout)
    assert data["summary"]["actuals"] == 43
    assert all(a["source"] == "confirmed" for i in data["items"] for a in i["actuals"])


def test_kpi_ministry_filter():
    data = json.loads(invoke("kpi", FY22, "-m", "総務省", "-f", "json").stdout)
    assert data["items"] and all("総務省" in i["ministries"] for i in data["items"])


def test_kpi_xlsx_reopened(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "kpi.xlsx"
    r = invoke("kpi", FY22, "--format", "xlsx", "-o", out)
    assert r.exit_code == 0 and "Wrote" in r.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["集計", "全体"] and "文部科学省" in wb.sheetnames
    ws = wb["全体"]
    assert [c.value for c in ws[1]] == ["施策番号", "KPI", "種類", "目標", "実績（実施状況の記述）", "判定", "判定の理由"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    five = rows["5-1"]
    assert "「令和３年度時点で既に53.7％」" in five[4].value and five[5].value == "● 達成"
    assert five[5].fill.fgColor.rgb.endswith("C6EFCE")
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1"
    assert five[1].font.name == "Yu Gothic" and five[1].font.size >= 8
    total = sum(ws.column_dimensions[c].width for c in "ABCDEFG")
    assert total * 0.8 <= 160   # printed at ≥ 8 pt on A4 landscape when fitted to one page wide
    for row in ws.iter_rows(min_row=2):
        assert row[0].row and ws.row_dimensions[row[0].row].height <= 409


def test_kpi_xlsx_is_reproducible(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    invoke("kpi", FY22, "-f", "xlsx", "-o", a)
    invoke("kpi", FY22, "-f", "xlsx", "-o", b)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("args, code, message", [
    (["kpi", FY22, "-f", "xlsx"], 2, "--format xlsx writes a file"),
    (["kpi", "nope.yaml"], 4, "nope.yaml: no such file"),      # errors.EXIT_INPUT
    (["kpi", FY22, "-m", "文科"], 2, "unknown ministry '文科' (did you mean 文部科学省?)"),
    (["kpi", FY23, "--review", REVIEW], 2, "is for FY2022, which no DATASET is"),
    (["kpi", FY22, "-f", "pdf"], 2, "Invalid value for '-f' / '--format'"),
    (["kpi"], 2, "Missing argument 'DATASETS...'"),
    (["history", FY22], 2, "history needs at least two DATASETs"),
    (["history", FY22, FY22], 2, "two DATASETs are of the same fiscal year"),
    (["history", FY22, FY23, "-f", "xlsx"], 2, "--format xlsx writes a file"),
])
def test_error_paths(args, code, message):
    r = invoke(*args)
    assert r.exit_code == code
    assert message in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("text, message", [
    ("fiscal_year: 2022\nitems:\n- measure: 5\n  kpi_index: 0\n  actuals:\n  - action: confirm\n"
     "    quote: 存在しない文\n", ":6: measure 5: quote not found in the measure's status"),
    ("fiscal_year: 2022\nitems:\n- measure: 5\n  kpi_index: 0\n  actuals:\n  - action: keep\n    quote: x\n",
     ":6: measure 5: action must be one of confirm, correct, add, reject"),
    ("fiscal_year: 2022\nitems:\n- measure: 5\n  kpi_index: 0\n  actuals:\n  - action: add\n    value: 五\n"
     "    unit: '%'\n    as_of_fy: 2022\n    quote: 53.7％\n", ":6: measure 5: add needs a number as value"),
    ("fiscal_year: 2022\nitems:\n- measure: 5\n  kpi_index: 0\n  actuals:\n  - action: add\n    value: 1\n"
     "    unit: '%'\n    as_of_fy: 2022\n", "add needs a quote from the status or a citation"),
    ("fiscal_year: 2022\nitems:\n- measure: 5\n  kpi_index: 3\n  actuals:\n  - action: confirm\n    quote: x\n",
     ":6: measure 5: KPI item 3 of measure 5 is not in the FY2022 dataset"),
    ("- a\n- b\n", ":1: a review file is a mapping"),
])
def test_bad_review_file_is_one_located_line(tmp_path, text, message):
    path = tmp_path / "review.yaml"
    path.write_text(text, encoding="utf-8")
    r = invoke("kpi", FY22, "--review", path)
    assert r.exit_code == 4   # an input that cannot be used (errors.EXIT_INPUT)
    assert message in r.stderr and str(path) in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_review_corrects_adds_and_rejects(tmp_path):
    path = tmp_path / "review.yaml"
    path.write_text("fiscal_year: 2022\nitems:\n"
                    "- measure: 5\n  kpi_index: 0\n  actuals:\n  - action: correct\n    quote: 53.7％\n    as_of_fy: 2022\n"
                    "- measure: 23\n  kpi_index: 0\n  actuals:\n  - action: add\n    value: 2\n    unit: 件\n"
                    "    as_of_fy: 2022\n    citation: 総務省提供資料（令和５年３月）\n"
                    "- measure: 96\n  kpi_index: 0\n  actuals:\n  - action: reject\n    quote: 86％\n    reason: 試験\n",
                    encoding="utf-8")
    data = json.loads(invoke("kpi", FY22, "--review", path, "-f", "json").stdout)
    by = {(i["measure"], i["kpi_index"]): i for i in data["items"]}
    assert by[(5, 0)]["actuals"][0]["as_of_fy"] == 2022 and by[(5, 0)]["actuals"][0]["source"] == "corrected"
    assert by[(23, 0)]["actuals"] == [{"value": 2, "unit": "件", "as_of_fy": 2022, "quote": "", "source": "added",
                                       "as_of_assumed": False, "qualifier": None,
                                       "citation": "総務省提供資料（令和５年３月）"}]
    assert by[(23, 0)]["verdict"] == "behind"
    assert by[(96, 0)]["actuals"] == [] and by[(96, 0)]["verdict"] == "unknown"
    assert {o["action"] for o in data["overrides"]} == {"correct", "add", "reject"}


def test_history_text_three_years():
    r = invoke("history", FY24, FY22, FY23)
    assert r.exit_code == 0
    assert r.stdout.startswith("施策の推移: 令和４年度、令和５年度、令和６年度")
    assert "令和４年度 #69 → 令和５年度 #68 → 令和６年度 #68" in r.stdout      # renumbered: one line
    assert "令和４年度 #100 → 令和５年度 （なし） → 令和６年度 （なし）" in r.stdout
    assert "実施状況が前年度とほぼ同じ: 令和５年度、令和６年度（連続 2 年）" in r.stdout
    seven = r.stdout[r.stdout.index("令和６年度 #7  "):]
    assert seven.splitlines()[1] == "    実施状況が前年度とほぼ同じ: 令和５年度"  # moved on in 令和６年度: no run
    assert "連続 0 年" not in r.stdout


def test_history_json():
    data = json.loads(invoke("history", FY22, FY23, FY24, "-f", "json").stdout)
    assert data["fiscal_years"] == [2022, 2023, 2024]
    five = next(m for m in data["measures"] if m["numbers"]["2024"] == 5)
    assert five["kpi_revisions"][0]["kind"] == "revised" and five["kpi_revisions"][0]["fiscal_year"] == 2023
    assert [a["value"] for a in five["kpis"][0]["actuals"]] == [53.7, 57.2]
    seven = next(m for m in data["measures"] if m["numbers"]["2024"] == 7)
    assert [(a["value"], a["as_of_fy"]) for a in seven["kpis"][0]["actuals"]] == [(10, 2022), (8, 2024)]
    assert data["summary"]["renumbered"] == 2


def test_history_xlsx_reopened(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "h.xlsx"
    assert invoke("history", FY22, FY23, FY24, "-f", "xlsx", "-o", out).exit_code == 0
    ws = load_workbook(out)["推移"]
    assert [c.value for c in ws[1]][:3] == ["令和４年度", "令和５年度", "令和６年度"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert ["69", "68", "68"] == values[[v[2] for v in values].index("68")][:3]
    assert ws.page_setup.orientation == "landscape" and ws["D2"].font.size >= 8
    stalled = [v[5] for v in values]
    assert "令和５年度、令和６年度（連続2年）" in stalled and "令和５年度" in stalled  # measure 7: no run
    assert not any("連続0年" in (v or "") for v in stalled)


def test_help_lists_the_commands():
    r = invoke("--help")
    assert "kpi" in r.stdout and "history" in r.stdout
    assert "Example:" in invoke("kpi", "--help").stdout and "Example:" in invoke("history", "--help").stdout


def test_registry_knows_the_formats():
    from roadmap_reports.errors import UsageError
    from roadmap_reports.render.registry import formats, get

    assert formats("kpi") == ("text", "json", "md", "xlsx") and formats("history") == ("text", "json", "xlsx")
    assert get("kpi", "xlsx").writes_file and not get("history", "json").writes_file
    with pytest.raises(UsageError, match=r"unknown kpi format 'pdf' \(choose from text, json, md, xlsx\)"):
        get("kpi", "pdf")
