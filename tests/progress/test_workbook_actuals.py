"""Structured actuals (issue 15, item 6): the 照会 workbook's KPI実績 sheet with typed, validated cells;
collect reads them into the draft (schema version 2); older datasets still load; a non-number is refused
with its sheet!cell."""

from __future__ import annotations

import datetime as dt
import json

from conftest import DATA, invoke
from update_helpers import FY, build, edit

ACTUALS = "KPI実績"


def _row(ws, measure, kpi_no):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == measure and ws.cell(r, 2).value == kpi_no:
            return r
    raise AssertionError((measure, kpi_no))


def test_the_sheet_has_typed_validated_cells(tmp_path):
    from openpyxl import load_workbook

    from roadmap_reports.sources.dataset import load_roadmap

    path = build(load_roadmap(DATA / "fy2022.yaml"), tmp_path, ministries=["MEXT"])["MEXT"]
    wb = load_workbook(path)
    assert wb.sheetnames.index(ACTUALS) == 2
    ws = wb[ACTUALS]
    assert [c.value for c in ws[1]] == ["施策番号", "KPI番号", "KPI（変更不可）", "実績値（数値）", "単位",
                                        "時点（年度 2023 または日付）", "出典（資料名など）"]
    r = _row(ws, 5, 1)
    assert ws.cell(r, 3).value == "全国の日本語教室がある市区町村数50％以上"
    assert ws.protection.sheet and ws.cell(r, 3).protection.locked and not ws.cell(r, 4).protection.locked
    kinds = {dv.type: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert set(kinds) == {"decimal", "list", "custom"}
    assert kinds["decimal"].startswith("D2:D") and kinds["list"].startswith("E2:E")


def test_collect_reads_typed_actuals_into_a_version_2_draft(tmp_path):
    from openpyxl import load_workbook

    from roadmap_reports.sources.dataset import load_roadmap

    base = DATA / "fy2022.yaml"
    path = build(load_roadmap(base), tmp_path / "c", ministries=["MEXT"])["MEXT"]
    r = _row(load_workbook(path)[ACTUALS], 5, 1)
    edit(path, {f"D{r}": 57.2, f"E{r}": "%", f"F{r}": dt.datetime(2024, 3, 31), f"G{r}": "文化庁調べ"}, sheet=ACTUALS)
    draft = tmp_path / "draft.yaml"
    res = invoke("collect", path, "--base", base, "--fiscal-year", FY, "-o", draft)
    assert res.exit_code in (0, 3), res.stderr
    text = draft.read_text(encoding="utf-8")
    assert "schema_version: 2" in text
    roadmap = load_roadmap(draft)
    assert roadmap.measure(5).kpi_actuals == [{"kpi_index": 0, "value": 57.2, "unit": "%", "as_of_fy": 2023,
                                               "source": "文化庁調べ"}]
    assert all(not m.kpi_actuals for m in roadmap.measures if m.id != 5)
    data = json.loads(invoke("kpi", draft, "-f", "json").stdout)
    five = next(i for i in data["items"] if i["measure"] == 5)
    assert five["actuals"][-1]["source"] == "workbook" and five["actuals"][-1]["citation"] == "文化庁調べ"
    assert invoke("diff", base, draft).exit_code == 0   # version 1 and version 2 compare


def test_a_non_number_is_refused_with_its_cell(tmp_path):
    from openpyxl import load_workbook

    from roadmap_reports.sources.dataset import load_roadmap

    base = DATA / "fy2022.yaml"
    path = build(load_roadmap(base), tmp_path / "c", ministries=["MEXT"])["MEXT"]
    r = _row(load_workbook(path)[ACTUALS], 5, 1)
    edit(path, {f"D{r}": "約57％", f"E{r}": "%", f"F{r}": 2023}, sheet=ACTUALS)
    res = invoke("collect", path, "--base", base, "--fiscal-year", FY, "-o", tmp_path / "draft.yaml")
    assert res.exit_code == 3
    assert f"{ACTUALS}!D{r}: measure 5: 実績値 must be a number, not '約57％'" in res.stdout + res.stderr


def test_older_datasets_still_load_and_write_version_1():
    from roadmap_reports.sources.dataset import dumps_yaml, load_roadmap

    r = load_roadmap(DATA / "fy2022.yaml")
    assert r.schema_version == 1 and dumps_yaml(r).startswith("schema_version: 1")


def test_kpi_actuals_need_version_2(tmp_path):
    text = (DATA / "fy2022.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("  kpis:\n  - 全国の日本語教室がある市区町村数50％以上\n",
                                "  kpis:\n  - 全国の日本語教室がある市区町村数50％以上\n  kpi_actuals:\n  - kpi_index: 0\n"
                                "    value: 1\n    unit: '%'\n    as_of_fy: 2022\n", 1), encoding="utf-8")
    res = invoke("validate", bad)
    assert res.exit_code == 1 and "kpi_actuals needs schema_version 2" in res.stderr
