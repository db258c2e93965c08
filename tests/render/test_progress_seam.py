"""The KPI progress seam (render/progress_seam.py): without `roadmap_reports.progress` the site and the
package have no verdicts and say so; with it, each KPI item's verdict (words beside the mark), actuals series
with quotes, a chart and the same numbers as a table, and the kpis / kpi_actuals tables.

Until the KPI package lands, `progress` here is a stand-in that answers with issue 15's JSON contract for
facts the FY2022 report states itself (measure 5's 53.7％ against 50％, measure 7's 10 times against 6)."""

from __future__ import annotations

import csv
import io
import sys
import types

import pytest

from conftest import DATA, invoke
from roadmap_reports.sources.dataset import load_roadmaps

FY2022 = DATA / "fy2022.yaml"
FY2023 = DATA / "samples" / "fy2023_sample.yaml"
Q5 = "令和３年度時点で既に53.7％に達しており"
Q7 = "（計10回）"


def contract(roadmaps) -> dict:
    """Issue 15's JSON contract for two KPI items of the latest year, quoting FY2022's statuses."""
    old = min(roadmaps, key=lambda r: r.fiscal_year)
    new = max(roadmaps, key=lambda r: r.fiscal_year)
    assert Q5 in old.measure(5).status and Q7 in old.measure(7).status  # the quotes are the report's
    return {"fiscal_years": sorted(r.fiscal_year for r in roadmaps), "items": [
        {"measure": 7, "kpi_index": 0, "kpi": new.measure(7).kpis[0], "ministries": ["法務省"],
         "type": "numeric_no_deadline", "target": {"value": 6, "unit": "回", "comparator": ">=", "deadline_fy": None,
                                                    "baseline": None},
         "actuals": [{"value": 10, "unit": "回", "as_of_fy": 2022, "quote": Q7, "source": "data/fy2022.yaml"}],
         "verdict": "achieved", "reason": "最新の実績10回が目標6回以上を満たしています。"},
        {"measure": 5, "kpi_index": 0, "kpi": new.measure(5).kpis[0], "ministries": ["文部科学省"],
         "type": "numeric_no_deadline", "target": {"value": 60, "unit": "%", "comparator": ">=", "deadline_fy": None,
                                                    "baseline": None},
         "actuals": [{"value": 53.7, "unit": "%", "as_of_fy": 2021, "quote": Q5, "source": "data/fy2022.yaml"}],
         "verdict": "revised", "reason": "目標が50％から60％に見直されました。"},
    ], "summary": {"achieved": 1, "revised": 1}}


@pytest.fixture
def with_progress(monkeypatch):
    module = types.ModuleType("roadmap_reports.progress.report")
    module.kpi_report = lambda roadmaps, reviews=(): types.SimpleNamespace(to_dict=lambda: contract(roadmaps))
    monkeypatch.setitem(sys.modules, "roadmap_reports.progress.report", module)
    return module


@pytest.fixture
def without_progress(monkeypatch):
    monkeypatch.setitem(sys.modules, "roadmap_reports.progress.report", None)  # `import` raises ImportError


def test_without_the_progress_package_there_is_nothing(without_progress, tmp_path):
    from roadmap_reports.render.progress_seam import kpi_progress
    from roadmap_reports.sources.dataset import load_roadmaps

    assert kpi_progress(load_roadmaps([FY2022])) is None
    assert invoke("publish", FY2022, FY2023, "-o", tmp_path / "s").exit_code == 0
    home = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert "KPIの進捗判定は、このサイトの作成に使った版では利用できません。" in home
    assert "KPIの進捗" not in (tmp_path / "s" / "measures" / "5.html").read_text(encoding="utf-8")
    actuals = (tmp_path / "s" / "data" / "kpi_actuals.csv").read_bytes()
    assert actuals == b"\xef\xbb\xbffiscal_year,measure_id,kpi_index,actual_index,value,unit,as_of_fy,quote,report_fiscal_year,source,citation\r\n"


def test_with_progress_the_measure_page_has_verdict_chart_and_table(with_progress, tmp_path):
    site = tmp_path / "s"
    assert invoke("publish", FY2023, FY2022, "-o", site).exit_code == 0
    page = (site / "measures" / "5.html").read_text(encoding="utf-8")
    assert '<h2 id="kpi-h">KPIの進捗（令和５年度）</h2>' in page
    assert '<span class="mark" aria-hidden="true">◇</span> 判定：<strong>見直し</strong>　目標が50％から60％に見直されました。' in page
    assert '<svg class="chart"' in page and "<title id=\"kpi-0-t\">全国の日本語教室がある市区町村数60％以上：実績値の推移</title>" in page
    assert ">53.7%</text>" in page and ">目標 60%</text>" in page  # the numbers on the chart …
    assert (f'<td data-label="時点" class="nowrap">令和３年度</td><td data-label="実績値" class="num">53.7%</td>'
            f'<td data-label="引用"><q>{Q5}</q></td>') in page  # … and in the table
    seven = (site / "measures" / "7.html").read_text(encoding="utf-8")
    assert "判定：<strong>達成</strong>" in seven and f"<q>{Q7}</q>" in seven
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "府省庁別のKPI判定" in home and '<th scope="col">◎ 達成</th>' in home
    mext = (site / "ministries" / "MEXT.html").read_text(encoding="utf-8")
    assert "<li><span aria-hidden=\"true\">◇</span> 見直し：1</li>" in mext


def test_with_progress_the_package_has_verdicts_and_actuals(with_progress, tmp_path):
    out = tmp_path / "dp"
    assert invoke("export", FY2022, FY2023, "--format", "datapackage", "-o", out).exit_code == 0

    def rows(name):
        return list(csv.DictReader(io.StringIO((out / f"{name}.csv").read_bytes()[3:].decode("utf-8"), newline="")))

    assert [(r["measure_id"], r["value"], r["unit"], r["as_of_fy"], r["quote"]) for r in rows("kpi_actuals")] == [
        ("5", "53.7", "%", "2021", Q5), ("7", "10", "回", "2022", Q7)]
    judged = {(r["fiscal_year"], r["measure_id"]): (r["verdict"], r["verdict_label"]) for r in rows("kpis")
              if r["verdict"]}
    assert judged == {("2023", "5"): ("revised", "見直し"), ("2023", "7"): ("achieved", "達成")}
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test extra")
    assert frictionless.validate(out / "datapackage.json").valid


def test_the_real_progress_package_puts_measure_5s_verdict_and_quote_on_its_page(tmp_path):
    """With issue 15 landed, the site shows the real verdicts: measure 5's target 50％以上 against 53.7％."""
    from roadmap_reports.progress.report import kpi_report
    from roadmap_reports.render.progress_seam import kpi_progress

    roadmaps = load_roadmaps([FY2022])
    got = kpi_progress(roadmaps)
    assert {a.pop("report_fy") for i in got["items"] for a in i["actuals"]} == {2022}  # the one report read
    assert got == kpi_report(roadmaps).to_dict()
    item5 = next(i for i in got["items"] if i["measure"] == 5)
    assert item5["verdict"] == "achieved" and "53.7" in item5["actuals"][-1]["quote"]
    result = invoke("publish", FY2022, "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "measures" / "5.html").read_text(encoding="utf-8")
    assert "達成" in page and item5["actuals"][-1]["quote"] in page
