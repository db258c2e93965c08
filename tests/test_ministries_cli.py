"""The ministries registry from the command line: `--ministries FILE` on every command that reads a dataset or
a report, a `ministries.yaml` beside the input, and a new or renamed 担当省庁 in an ingest reported with the
closest name (issue 17 item 3)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from roadmap_reports import ministries

from conftest import FIXTURES, invoke

HEAD = ("施策番号 具体的取組 KPI 担当省庁 実施状況\n"
        "令和６年度外国人との共生社会の実現に向けたロードマップの実施状況 令和７年３月末時点\n"
        "１．日本語教育\n　　◎環境の整備\n")
# Measure 1 names a renamed ministry (文部科学庁), measure 2 a new one after a known one.
REPORT = HEAD + ("1\n日本語教育の体制づくりを行う都道府県に対し、国として補\n助を行う。\n"
                 "・研修の実施\n文部科学庁\n補助を行った。\n"
                 "2\n二つの省庁が行う取組。\n法務省\n外国人共生庁\n【法務省】\n調査した。\n【共生庁】\n周知した。\n")
DECLARED = ("ministries:\n- code: XMEXT\n  name: 文部科学庁\n  english: Agency of Education\n"
            "- code: XKYO\n  name: 外国人共生庁\n  short: 共生庁\n  established: 2024-04-01\n")


@pytest.fixture(autouse=True)
def _bundled_afterwards():
    yield
    ministries.reset()


@pytest.fixture
def report(tmp_path):
    (tmp_path / "src").mkdir()
    path = tmp_path / "src" / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_a_renamed_ministry_is_located_with_the_closest_name_and_nothing_is_written(report, tmp_path):
    out = tmp_path / "out.yaml"
    result = invoke("ingest", report, "-o", out)
    assert (result.exit_code, result.stderr) == (
        4, f"Error: {report}:9: measure 1: 担当省庁 「文部科学庁」 is not in the ministry registry (did you mean "
           "文部科学省?); declare it in a ministries file: --ministries FILE, or ministries.yaml beside the report "
           "(docs/dataset.md)\n")
    assert not out.exists()


def test_a_new_ministry_after_a_known_one_is_located_not_read_as_status(report, tmp_path):
    (tmp_path / "m.yaml").write_text("ministries:\n- code: XMEXT\n  name: 文部科学庁\n", encoding="utf-8")
    result = invoke("ingest", report, "--ministries", tmp_path / "m.yaml", "-o", tmp_path / "out.yaml")
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: {report}:14: measure 2: 担当省庁 「外国人共生庁」 is not in the "
                                    "ministry registry")
    assert not (tmp_path / "out.yaml").exists()


def test_declared_with_the_option_it_ingests(report, tmp_path):
    (tmp_path / "m.yaml").write_text(DECLARED, encoding="utf-8")
    out = tmp_path / "out.json"
    result = invoke("ingest", report, "--ministries", tmp_path / "m.yaml", "-o", out)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [m["ministries"] for m in data["measures"]] == [["文部科学庁"], ["法務省", "外国人共生庁"]]
    # the status tagged by the new short name is split by ministry
    assert data["measures"][1]["status_by_ministry"] == {"法務省": "調査した。", "外国人共生庁": "周知した。"}
    # without the file the dataset is not valid (the registry does not know the names), with it it is
    result = invoke("validate", out)
    assert result.exit_code == 1 and "unknown ministry '外国人共生庁'" in result.stderr
    result = invoke("validate", out, "--ministries", tmp_path / "m.yaml")
    assert result.exit_code == 0, result.stderr


def test_a_file_beside_the_report_and_beside_the_dataset_is_read(report, tmp_path):
    (report.parent / "ministries.yaml").write_text(DECLARED, encoding="utf-8")
    out = report.parent / "fy2024.yaml"
    assert invoke("ingest", report, "-o", out).exit_code == 0
    result = invoke("export", out, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = [row[4:6] for row in csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")))][1:]
    assert rows == [["文部科学庁", "XMEXT"], ["法務省", "MOJ"], ["外国人共生庁", "XKYO"]]
    # -m takes the new names and aliases as well, on build as on any command with -m
    result = invoke("build", out, "-m", "共生庁", "-f", "xlsx", "-o", tmp_path / "books")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in (tmp_path / "books").iterdir()] == ["XKYO_外国人共生庁.xlsx"]


def test_precedence_option_over_beside_over_bundled(tmp_path):
    """The beside file overrides the bundled registry; --ministries overrides both."""
    from roadmap_reports.sources.dataset import dumps_yaml, load_roadmap

    roadmap = load_roadmap(FIXTURES / "mini.yaml")
    for m in roadmap.measures:
        m.ministries = ["新設庁" if x == "法務省" else x for x in m.ministries]
        m.status_by_ministry = {"新設庁" if k == "法務省" else k: v for k, v in m.status_by_ministry.items()}
    folder = tmp_path / "fy"
    folder.mkdir()
    dataset = folder / "fy2022.yaml"
    dataset.write_text(dumps_yaml(roadmap), encoding="utf-8")
    assert invoke("validate", dataset).exit_code == 1  # bundled only: 新設庁 is unknown
    (folder / "ministries.yaml").write_text("ministries:\n- code: MOJ\n  name: 新設庁\n", encoding="utf-8")
    result = invoke("validate", dataset)  # beside: MOJ renamed 新設庁, over the bundled 法務省
    assert result.exit_code == 0, result.stderr
    (tmp_path / "option.yaml").write_text("ministries:\n- code: MOJ\n  name: 新設省\n", encoding="utf-8")
    result = invoke("validate", dataset, "--ministries", tmp_path / "option.yaml")
    assert result.exit_code == 1
    assert "unknown ministry '新設庁' (did you mean 新設省?)" in result.stderr
    # each command starts from the bundled registry: nothing of the last command's files is left
    assert invoke("validate", FIXTURES / "mini.yaml").exit_code == 0


def test_a_bad_ministries_file_is_one_located_line_exit_4(tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("ministries:\n- code: X1\n  name: 新省\n  colour: red\n", encoding="utf-8")
    result = invoke("validate", FIXTURES / "mini.yaml", "--ministries", bad)
    assert (result.exit_code, result.stderr) == (
        4, f"Error: {bad}:2: unknown key 'colour' (use code, name, english, short, aliases, established, "
           "abolished)\n")
    result = invoke("validate", FIXTURES / "mini.yaml", "--ministries", tmp_path / "missing.yaml")
    assert result.exit_code == 4 and result.stderr.startswith(f"Error: {tmp_path / 'missing.yaml'}")


@pytest.mark.parametrize("command", ["ingest", "validate", "build", "diff", "report", "kpi", "history", "publish",
                                     "export", "collect"])
def test_every_command_reading_a_dataset_or_report_takes_the_option(command):
    result = invoke(command, "--help")
    assert "--ministries FILE" in result.stdout


def test_the_wheel_ships_the_bundled_registry(tmp_path):
    """The wheel holds data/ministries.yaml (and the compiled catalog), byte for byte, where the package reads
    it; importlib.resources finds it in this install."""
    import subprocess
    import sys
    import zipfile
    from importlib import resources

    from conftest import ROOT

    packaged = resources.files("roadmap_reports").joinpath("data", "ministries.yaml")
    assert packaged.is_file() and "code: CFA" in packaged.read_text(encoding="utf-8")
    pytest.importorskip("hatchling", reason="hatchling (the build backend, in the test extras) builds the wheel")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)], cwd=ROOT,
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("roadmap_reports-*.whl")
    with zipfile.ZipFile(wheel) as z:
        assert z.read("roadmap_reports/data/ministries.yaml") == packaged.read_bytes()
        assert "roadmap_reports/i18n/locales/ja/LC_MESSAGES/roadmap_reports.mo" in z.namelist()


# --- the report's PDF ---------------------------------------------------------------------------------------
SMALL_PDF = FIXTURES / "report_small_A3.pdf"  # measures 1–14 of FY2022 (`report … --paper A3`)


def test_a_ministry_the_registry_lacks_in_a_pdf_is_located_at_its_page(tmp_path):
    """法務省 renamed in the registry (MOJ → 法務庁): the PDF's 「法務省」 is then unknown, with the new name as
    the suggestion; declared (as another entry), the PDF ingests."""
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text("ministries:\n- code: MOJ\n  name: 法務庁\n", encoding="utf-8")
    out = tmp_path / "back.yaml"
    result = invoke("ingest", SMALL_PDF, "--ministries", renamed, "-o", out)
    assert result.exit_code == 4 and not out.exists()
    assert result.stderr.startswith(f"Error: {SMALL_PDF}:page ")
    assert ": 担当省庁 「法務省」 is not in the ministry registry (did you mean 法務庁?); declare it" in result.stderr
    assert result.stderr.count("\n") == 1
    declared = tmp_path / "declared.yaml"
    declared.write_text("ministries:\n- code: MOJ\n  name: 法務庁\n- code: XMOJ\n  name: 法務省\n", encoding="utf-8")
    result = invoke("ingest", SMALL_PDF, "--ministries", renamed, "--ministries", declared, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "4 ministries" in result.stderr


def test_a_new_ministry_printed_in_a_pdf(tmp_path):
    """A report PDF (made by LibreOffice) naming 外国人共生庁: reported with its page, ingested once declared."""
    from report_helpers import HAS_SOFFICE, NO_SOFFICE

    if not HAS_SOFFICE:
        pytest.skip(NO_SOFFICE)
    from roadmap_reports.sources.dataset import dumps_yaml, load_roadmap

    roadmap = load_roadmap(FIXTURES / "report_small.yaml")
    for m in roadmap.measures:
        m.ministries = ["外国人共生庁" if x == "法務省" else x for x in m.ministries]
        m.status_by_ministry = {"外国人共生庁" if k == "法務省" else k: v for k, v in m.status_by_ministry.items()}
    (tmp_path / "m.yaml").write_text(DECLARED, encoding="utf-8")
    made = tmp_path / "new.yaml"
    made.write_text(dumps_yaml(roadmap), encoding="utf-8")
    pdf = tmp_path / "pdf" / "report.pdf"
    pdf.parent.mkdir()
    result = invoke("report", made, "--ministries", tmp_path / "m.yaml", "--paper", "A3", "-o", pdf)
    assert result.exit_code == 0, result.stderr
    result = invoke("ingest", pdf, "-o", tmp_path / "back.yaml")
    assert result.exit_code == 4 and result.stderr.startswith(f"Error: {pdf}:page ")
    assert "担当省庁 「外国人共生庁」 is not in the ministry registry" in result.stderr
    (pdf.parent / "ministries.yaml").write_text(DECLARED, encoding="utf-8")  # beside the PDF
    result = invoke("ingest", pdf, "-o", tmp_path / "back.yaml")
    assert result.exit_code == 0, result.stderr
    back = load_roadmap(tmp_path / "back.yaml")
    assert [m.to_dict() for m in back.measures] == [m.to_dict() for m in roadmap.measures]
