"""The open-data package (`export --format datapackage`, and SITE/data/ of publish): Frictionless validates
it with 0 errors, the SQLite opens with sqlite-utils and finds Japanese inside words, the CSV round-trips
through pandas with the right types, and CSV and JSON hold the same rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import DATA, invoke

FY2022 = DATA / "fy2022.yaml"
FY2023 = DATA / "samples" / "fy2023_sample.yaml"
TABLES = ("lines", "measures", "measure_ministries", "kpis", "kpi_actuals", "changes")


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dp") / "opendata"
    result = invoke("export", FY2022, FY2023, "--format", "datapackage", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out} (datapackage, 15 files, 202 measures).\n"
    return out


def rows(package: Path, name: str) -> list[dict]:
    raw = (package / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with it
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_frictionless_validates_the_package_with_no_errors(package):
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test extra")
    report = frictionless.validate(package / "datapackage.json")
    errors = [e.message for task in report.tasks for e in task.errors] + [e.message for e in report.errors]
    assert errors == []
    assert report.valid
    assert [t.name for t in report.tasks] == list(TABLES)
    assert all(t.stats["rows"] > 0 for t in report.tasks if t.name != "kpi_actuals")


def test_descriptor_declares_types_keys_licence_and_sources(package):
    doc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert doc["profile"] == "tabular-data-package" and doc["licenses"][0]["name"] == "CC-BY-4.0"
    assert doc["sources"][1]["title"].startswith("【例示】illustrative sample, not official figures: 【例示用サンプル")
    by = {r["name"]: r for r in doc["resources"]}
    assert by["measures"]["schema"]["primaryKey"] == ["fiscal_year", "measure_id"]
    assert by["kpis"]["schema"]["foreignKeys"] == [
        {"fields": ["fiscal_year", "measure_id"], "reference": {"resource": "measures",
                                                                "fields": ["fiscal_year", "measure_id"]}}]
    types = {f["name"]: f["type"] for f in by["measures"]["schema"]["fields"]}
    assert types["fiscal_year"] == "integer" and types["illustrative"] == "boolean" and types["repost_of"] == "integer"


def test_long_tables_one_fact_per_cell(package):
    from roadmap_reports.sources.dataset import load_roadmaps

    old, new = load_roadmaps([FY2022, FY2023])
    measures = rows(package, "measures")
    assert len(measures) == len(old.measures) + len(new.measures) == 202
    m5 = next(r for r in measures if r["fiscal_year"] == "2022" and r["measure_id"] == "5")
    assert m5["status"] == old.measure(5).status and m5["fiscal_year_label"] == "令和４年度"
    assert m5["illustrative"] == "false"
    swapped = next(r for r in measures if r["fiscal_year"] == "2023" and r["measure_id"] == "69")
    assert swapped["line"] == "68"  # FY2022's 68 renumbered: one line, one address
    ministries = rows(package, "measure_ministries")
    assert [(r["ministry"], r["ministry_code"]) for r in ministries
            if r["fiscal_year"] == "2022" and r["measure_id"] == "39"] == [("文部科学省", "MEXT"), ("法務省", "MOJ")]
    kpis = rows(package, "kpis")
    k5 = [r for r in kpis if r["measure_id"] == "5"]
    assert [(r["fiscal_year"], r["target_value"], r["target_unit"], r["target_comparator"]) for r in k5] == [
        ("2022", "50", "%", ">="), ("2023", "60", "%", ">=")]
    changes = rows(package, "changes")
    assert {(r["old_measure_id"], r["new_measure_id"], r["flag"]) for r in changes if r["line"] == "68"} == {
        ("68", "69", "renumbered"), ("68", "69", "stalled")}
    assert [(r["old_measure_id"], r["new_measure_id"], r["flag_label"]) for r in changes if r["flag"] == "new"] == [
        ("", "102", "新設")]


def test_json_holds_the_same_rows_as_csv(package):
    for name in TABLES:
        records = json.loads((package / "json" / f"{name}.json").read_text(encoding="utf-8"))
        as_text = [{k: ("" if v is None else str(v).lower() if isinstance(v, bool) else str(v))
                    for k, v in r.items()} for r in records]
        assert as_text == rows(package, name), name


def test_sqlite_opens_and_finds_japanese_inside_words(package):
    sqlite_utils = pytest.importorskip("sqlite_utils")
    from roadmap_reports.render.datapackage.sqlite import has_trigram

    if not has_trigram():
        pytest.skip("this Python's SQLite has no FTS5 trigram tokenizer (SQLite < 3.34)")
    db = sqlite_utils.Database(package / "roadmap.db")
    assert set(TABLES) <= set(db.table_names())
    assert db["measures"].pks == ["fiscal_year", "measure_id"] and db["measures"].count == 202
    hits = {(r["fiscal_year"], r["measure_id"]) for r in db["measures"].search("日本語教室")}
    assert {(2022, 5), (2023, 5)} <= hits
    expected = {(r["fiscal_year"], r["measure_id"]) for r in db["measures"].rows
                if "日本語教室" in (r["initiative"] or "") + (r["status"] or "")}
    assert hits == expected
    assert db["measures"].detect_fts() == "measures_fts"


def test_csv_round_trips_through_pandas_with_the_right_types(package):
    pd = pytest.importorskip("pandas", reason="pandas is in the test extra")
    doc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    kinds = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}
    for res in doc["resources"]:
        dtypes = {f["name"]: kinds[f["type"]] for f in res["schema"]["fields"]}
        frame = pd.read_csv(package / res["path"], encoding="utf-8-sig", dtype=dtypes, keep_default_na=False,
                            na_values=[""], true_values=["true"], false_values=["false"])
        assert list(frame.columns) == [f["name"] for f in res["schema"]["fields"]]
        assert {c: str(t) for c, t in frame.dtypes.items()} == dtypes
        records = json.loads((package / "json" / f"{res['name']}.json").read_text(encoding="utf-8"))
        assert len(frame) == len(records)
        for col in frame.columns:
            got = [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in frame[col]]
            want = [r[col] for r in records]
            assert got == want, (res["name"], col)


def test_publish_puts_the_same_package_in_data(package, tmp_path):
    site = tmp_path / "site"
    assert invoke("publish", FY2022, FY2023, "-o", site).exit_code == 0
    for path in sorted(package.rglob("*")):
        if path.is_file():
            rel = path.relative_to(package)
            assert (site / "data" / rel).read_bytes() == path.read_bytes(), rel


def test_export_datapackage_needs_a_folder_and_json_takes_one_dataset(tmp_path):
    result = invoke("export", FY2022, "--format", "datapackage")
    assert result.exit_code == 2 and "Error: --format datapackage writes a folder: give it with -o DIR" in result.stderr
    result = invoke("export", FY2022, FY2023, "--format", "json")
    assert result.exit_code == 2 and "only datapackage takes several" in result.stderr
    result = invoke("export", FY2022, "--format", "csv", "-o", tmp_path)
    assert result.exit_code == 2 and "is a folder" in result.stderr
