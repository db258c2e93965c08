"""Every output of a fiscal year 2019 dataset (as of 2019-03-31) names the year as the government does:
令和元年度 (never 令和1年度 or 令和１年度), and the as-of day by the era in force on it: 平成31年３月31日
(令和 began on 2019-05-01); the published report, as it prints it, 平成31年３月末時点.

Every command that writes a file runs: build (and --for-update), export (json, csv, datapackage), diff (every
format), collect (its report), report (docx, xlsx; the PDF is LibreOffice's rendering of the docx), kpi and
history (every format), publish (the site)."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import DATA, invoke

WRONG_ERA = re.compile(r"令和[1１]年|令和1(?![0-9])|令和１(?![０-９0-9])")
FIRST_YEAR = "令和元年度"
AS_OF_2019 = "平成31年３月31日"
REPORT_AS_OF_2019 = "平成31年３月末時点"


def _dataset(src: Path, dst: Path, *, fiscal_year: int, as_of: str, era_year: str) -> Path:
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    data["fiscal_year"], data["as_of"] = fiscal_year, as_of
    data["title"] = re.sub(r"^令和[０-９0-9元]+年度", f"令和{era_year}年度", data["title"])
    dst.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dst


def _text_of(path: Path) -> str:
    """What a reader can see in a file: every XML part of an Office file with its tags removed, else the text."""
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as z:
            parts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")]
        return html.unescape(re.sub(r"<[^>]+>", "", "".join(parts)))
    if path.suffix == ".db":  # the open-data SQLite database: its text is stored as UTF-8
        import sqlite3

        with sqlite3.connect(path) as db:
            tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return "".join(str(row) for t in tables for row in db.execute(f'SELECT * FROM "{t}"'))
    return path.read_text(encoding="utf-8-sig")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fy2019")
    old = _dataset(DATA / "fy2022.yaml", tmp / "fy2019.yaml", fiscal_year=2019, as_of="2019-03-31", era_year="元")
    new = _dataset(DATA / "samples" / "fy2023_sample.yaml", tmp / "fy2020.yaml", fiscal_year=2020,
                   as_of="2020-03-31", era_year="２")
    out = tmp / "out"
    runs = [
        ["build", old, "-o", out / "build", "-q"],
        ["build", old, "--for-update", "--fiscal-year", "2020", "-o", out / "update", "-q"],
        ["export", old, "--format", "json", "-o", out / "export.json"],
        ["export", old, "--format", "csv", "-o", out / "export.csv"],
        *[["diff", old, new, "--format", f, "-o", out / f"diff.{f}"] for f in ("json", "md", "xlsx", "docx")],
        *[["report", old, "-o", out / f"published.{f}", "-q"] for f in ("docx", "xlsx")],
        *[["kpi", old, new, "--format", f, "-o", out / f"kpi.{f}"] for f in ("text", "json", "md", "xlsx")],
        *[["history", old, new, "--format", f, "-o", out / f"history.{f}"] for f in ("text", "json", "xlsx")],
        ["publish", old, new, "-o", out / "site", "-q"],
        ["export", old, new, "--format", "datapackage", "-o", out / "datapackage"],
    ]
    for args in runs:
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.output)
    terminal = invoke("diff", old, new, "--no-color")
    (out / "diff.txt").write_text(terminal.stdout, encoding="utf-8")
    returned = sorted((out / "update").iterdir())
    for report in ("report.xlsx", "report.md"):
        result = invoke("collect", *returned, "--base", old, "--fiscal-year", "2020", "-o", out / "draft.yaml",
                        "--report", out / report)
        assert result.exit_code == 0, result.output
    return sorted(p for p in out.rglob("*") if p.is_file())


def test_no_output_writes_the_first_year_of_reiwa_as_1(outputs):
    assert len(outputs) > 40
    wrong = {str(p.name): WRONG_ERA.findall(_text_of(p) + p.name) for p in outputs}
    assert not {k: v for k, v in wrong.items() if v}


def test_outputs_that_name_the_year_name_it_reiwa_gannen(outputs):
    people = [p for p in outputs if p.suffix in (".xlsx", ".docx", ".md", ".html")  # the terminal and JSON say FY2019
              and p.name != "README.md"]  # the open-data package's README describes the tables, not a year
    assert {"published.docx", "published.xlsx", "kpi.md", "kpi.xlsx", "history.xlsx", "index.html", "5.html"} <= \
        {p.name for p in people}
    missing = [str(p) for p in people if FIRST_YEAR not in _text_of(p)]
    assert not missing
    update = [p for p in outputs if p.parent.name == "update"]
    assert update and all(p.name.endswith("_令和2年度_照会.xlsx") for p in update)  # file names: ASCII digits


def test_the_as_of_day_is_named_by_the_era_in_force_on_it(outputs):
    books = [p for p in outputs if p.parent.name == "build"] + [p for p in outputs if p.name == "index.html"
                                                              and p.parent.name == "site"]
    missing = [p.name for p in books if AS_OF_2019 not in _text_of(p)]
    assert len(books) > 10 and not missing


def test_the_published_report_names_the_as_of_month_end_by_the_era_in_force(outputs):
    reports = [p for p in outputs if p.stem == "published" and p.suffix in (".docx", ".xlsx")]
    assert len(reports) == 2
    assert all(REPORT_AS_OF_2019 in _text_of(p) for p in reports)  # as the report prints it: 「…月末時点」
