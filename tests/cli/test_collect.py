"""The collect command (cli/collect.py): output, exit codes, --strict, errors, help."""

from __future__ import annotations


import pytest

from conftest import invoke
from roadmap_reports.sources.dataset import load_roadmap
from update_helpers import FY, build, edit


def test_cli_clean_round_trip(mini_path, books, tmp_path):
    edit(books["MEXT"], {"F4": "新しい文", "G4": "KPI案"})
    out = tmp_path / "draft.yaml"
    r = invoke("collect", *books.values(), "--base", mini_path, "--fiscal-year", FY, "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "Collected 3 workbooks for FY2023 (base: FY2022): 3 accepted, 0 rejected.",
        "Returned: 3 of 3 ministries (法務省, 文部科学省, 厚生労働省)",
        "Updated: 1 — 文部科学省 1",
        "Left empty: 0 — -",
        "Unchanged from last year (stalled candidates): 4 — 法務省 2, 4; 文部科学省 4; 厚生労働省 5",
        "KPI change proposals (kept as kpi_proposal, not applied): 文部科学省 1",
    ]
    assert f"Wrote {out} (draft for FY2023, 5 measures)." in r.stderr
    assert invoke("validate", out).exit_code == 0
    assert load_roadmap(out).measure(1).status == "新しい文"


def test_cli_rejected_file_exit_3_draft_still_written(mini_path, books, tmp_path):
    bad = tmp_path / "MHLW_broken.xlsx"
    bad.write_text("not a workbook")
    edit(books["MEXT"], {"F4": "新しい文"})
    out = tmp_path / "draft.yaml"
    r = invoke("collect", books["MEXT"], books["MOJ"], bad, "--base", mini_path, "--fiscal-year", FY, "-o", out)
    assert r.exit_code == 3
    assert f"REJECTED {bad} (nothing merged from it):\n  {bad}: is not an Excel workbook (.xlsx): not a zip package" \
        in r.stdout
    assert "Missing: 厚生労働省 (last year's text kept for their measures)" in r.stdout
    assert load_roadmap(out).measure(1).status == "新しい文"


def test_cli_strict_writes_nothing(mini_path, books, tmp_path):
    out = tmp_path / "draft.yaml"
    r = invoke("collect", books["MEXT"], "--base", mini_path, "--fiscal-year", FY, "-o", out, "--strict")
    assert r.exit_code == 3
    assert f"--strict: no draft written ({out})." in r.stderr
    assert not out.exists()


def test_cli_conflict_exit_3(shared, tmp_path):
    books = build(shared, tmp_path)
    edit(books["MEXT"], {"F4": "A"})
    edit(books["MOJ"], {"F4": "B"})
    r = invoke("collect", *books.values(), "--base", shared.source, "--fiscal-year", FY, "-o", tmp_path / "d.yaml")
    assert r.exit_code == 3
    assert "CONFLICTS (1):\n  measure 1: different texts for one untagged status" in r.stdout


def test_cli_errors(mini_path, books, tmp_path):
    r = invoke("collect", books["MEXT"], "--base", mini_path, "--fiscal-year", FY, "-o", tmp_path / "d.yaml",
               "--report", tmp_path / "r.pdf")
    assert r.exit_code == 2
    assert r.stderr.strip() == f"Error: {tmp_path / 'r.pdf'}: unknown report format '.pdf'; use .xlsx, .md, .json or .txt"
    r = invoke("collect", books["MEXT"], "--base", mini_path, "--fiscal-year", FY, "-o", mini_path)
    assert r.exit_code == 2 and "the draft would overwrite the base dataset" in r.stderr
    r = invoke("collect", books["MEXT"], "--base", tmp_path / "nope.yaml", "--fiscal-year", FY, "-o", tmp_path / "d.yaml")
    assert r.exit_code == 4 and r.stderr.strip() == f"Error: {tmp_path / 'nope.yaml'}: no such file"
    assert not (tmp_path / "d.yaml").exists()
    r = invoke("collect", "--base", mini_path, "--fiscal-year", FY, "-o", tmp_path / "d.yaml")
    assert r.exit_code == 2


def test_cli_help_has_example_and_exit_codes():
    r = invoke("collect", "--help")
    assert "Example:" in r.output and "Exit codes:" in r.output
    assert "collect" in invoke("--help").output


@pytest.mark.parametrize("typed", ["2023", "FY2023", "令和5", "令和５年度", "R5", "2023年度"])
def test_fiscal_year_in_every_form_a_user_types(mini_path, books, tmp_path, typed):
    out = tmp_path / "draft.yaml"
    r = invoke("collect", *books.values(), "--base", mini_path, "--fiscal-year", typed, "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Collected 3 workbooks for FY2023 (base: FY2022)")
    assert load_roadmap(out).fiscal_year == 2023


def test_fiscal_year_not_a_year_is_a_usage_error(mini_path, books, tmp_path):
    r = invoke("collect", books["MEXT"], "--base", mini_path, "--fiscal-year", "来年", "-o", tmp_path / "d.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == ("Error: Invalid value for '--fiscal-year': '来年' is not a fiscal year "
                                         "(write 2023, FY2023, 令和5, 令和５年度 or R5)")
    assert not (tmp_path / "d.yaml").exists()
