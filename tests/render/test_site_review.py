"""`publish --review FILE`: the site and its tables show the reviewed KPI actuals and verdicts (as `kpi --review`
reports them), each actual's 出典 in Japanese words, and a bad review file is one located line with nothing
written."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import DATA, invoke

FY2022 = DATA / "fy2022.yaml"
FY2023 = DATA / "samples" / "fy2023_sample.yaml"
FY2024 = DATA / "samples" / "fy2024_sample.yaml"
REVIEW = DATA / "kpi" / "fy2022.yaml"
CITATION = "総務省提供資料（令和５年３月）"
EDITS = ("fiscal_year: 2022\nitems:\n"
         "- measure: 5\n  kpi_index: 0\n  actuals:\n  - action: correct\n    quote: 53.7％\n    as_of_fy: 2022\n"
         "- measure: 23\n  kpi_index: 0\n  actuals:\n  - action: add\n    value: 2\n    unit: 件\n"
         f"    as_of_fy: 2022\n    citation: {CITATION}\n"
         "- measure: 96\n  kpi_index: 0\n  actuals:\n  - action: reject\n    quote: 86％\n    reason: 試験\n")


def rows(folder, name):
    return list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_bytes()[3:].decode("utf-8"), newline="")))


def actual_rows(page: str) -> list[tuple[str, ...]]:
    """The rows of a measure page's actuals tables: (時点, 実績値, 引用 or its note, 出典)."""
    found = re.findall(r'<tr><td data-label="時点"[^>]*>([^<]*)</td><td data-label="実績値"[^>]*>([^<]*)</td>'
                       r'<td data-label="引用">(.*?)</td><td data-label="出典">([^<]*)</td></tr>', page)
    return [(when, value, re.sub(r"</?q>", "", quote), source) for when, value, quote, source in found]


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    review = folder / "review.yaml"
    review.write_text(EDITS, encoding="utf-8")
    site = folder / "site"
    result = invoke("publish", FY2022, "--review", review, "-o", site)
    assert result.exit_code == 0, result.output
    return site


def page(site, n: int) -> str:
    return (site / "measures" / f"{n}.html").read_text(encoding="utf-8")


def test_a_corrected_actual_shows_its_new_year_and_that_it_was_corrected(edited):
    assert actual_rows(page(edited, 5)) == [
        ("令和４年度", "53.7%", "令和３年度時点で既に53.7％", "令和４年度の実施状況（確認時に修正）")]
    kpi = json.loads(invoke("kpi", FY2022, "--review", edited.parent / "review.yaml", "-f", "json").stdout)
    five = next(i for i in kpi["items"] if i["measure"] == 5)
    assert f"判定：<strong>{five['verdict_label']}</strong>　{five['reason']}" in page(edited, 5)


def test_an_added_actual_has_its_citation_and_no_empty_quote(edited):
    twenty_three = page(edited, 23)
    assert actual_rows(twenty_three) == [("令和４年度", "2件", "（本文に記載なし）", f"{CITATION}（確認時に追加）")]
    assert "判定：<strong>遅れ</strong>" in twenty_three
    assert "<q></q>" not in twenty_three
    added = [r for r in rows(edited / "data", "kpi_actuals") if r["measure_id"] == "23"]
    assert [(r["value"], r["unit"], r["quote"], r["source"], r["citation"], r["report_fiscal_year"]) for r in added] \
        == [("2", "件", "", "added", CITATION, "2022")]
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test extra")
    report = frictionless.validate(edited / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_rejected_actual_is_gone_and_the_verdict_follows(edited):
    ninety_six = page(edited, 96)
    assert actual_rows(ninety_six) == [] and "判定：<strong>判定不能</strong>" in ninety_six
    assert "実施状況に、このKPIの実績値は見つかりませんでした。" in ninety_six
    verdicts = {r["measure_id"]: r["verdict"] for r in rows(edited / "data", "kpis") if r["verdict"]}
    assert (verdicts["96"], verdicts["23"]) == ("unknown", "behind")


def test_the_shipped_review_confirms_every_actual_on_the_three_year_site(tmp_path):
    site = tmp_path / "site"
    result = invoke("publish", FY2024, FY2022, FY2023, "--review", REVIEW, "-o", site)
    assert result.exit_code == 0, result.output
    sources = [r[3] for p in sorted((site / "measures").glob("*.html"))
               for r in actual_rows(p.read_text(encoding="utf-8"))]
    assert sources and set(sources) <= {"令和４年度の実施状況（確認済み）", "令和５年度の実施状況（自動抽出・未確認）",
                                        "令和６年度の実施状況（自動抽出・未確認）"}
    assert "令和４年度の実施状況（確認済み）" in sources  # FY2022's figures still in the series, as reviewed
    table = rows(site / "data", "kpi_actuals")
    assert {(r["report_fiscal_year"], r["source"]) for r in table} == {
        ("2022", "confirmed"), ("2023", "extracted"), ("2024", "extracted")}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"None|undefined|<q>\s*</q>|>(extracted|confirmed|corrected|added|workbook)<", text), path


@pytest.mark.parametrize("text, message", [
    ("fiscal_year: 2022\nitems:\n- measure: 5\n  kpi_index: 0\n  actuals:\n  - action: confirm\n"
     "    quote: 存在しない文\n", ":6: measure 5: quote not found in the measure's status: 「存在しない文」"),
    ("fiscal_year: 2022\nitems:\n- measure: 5\n  kpi_index: 0\n  actuals:\n  - action: keep\n    quote: x\n",
     ":6: measure 5: action must be one of confirm, correct, add, reject, not 'keep'"),
    ("fiscal_year: [\n", ":2: not valid YAML"),
])
def test_a_bad_review_file_is_one_located_line_and_the_old_site_stays(tmp_path, text, message):
    review = tmp_path / "review.yaml"
    review.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    result = invoke("publish", FY2022, "--review", review, "-o", site)
    assert result.exit_code == 4, result.output  # an input that cannot be used
    assert result.stderr.startswith(f"Error: {review}") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.yaml", "site"]  # no stage folder left
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "old"


def test_a_review_of_a_year_no_dataset_is_is_a_usage_error(tmp_path):
    result = invoke("publish", FY2023, "--review", REVIEW, "-o", tmp_path / "site")
    assert result.exit_code == 2
    assert result.stderr == f"Error: --review {REVIEW} is for FY2022, which no DATASET is\n"
    assert not (tmp_path / "site").exists()
