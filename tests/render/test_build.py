"""`roadmap-reports build` and roadmap_reports.render.build: which files, what they hold, errors, safety, reproducibility."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import openpyxl
import pytest

from roadmap_reports.render.build import build, output_path
from roadmap_reports.errors import OutputError, RenderError
from roadmap_reports.ministries import Ministry

from build_helpers import dataset_with, listing
from measure_sheet_helpers import measures
from conftest import invoke

ALL_FILES = ["00_全体_overview.xlsx", "MEXT_文部科学省.docx", "MEXT_文部科学省.xlsx", "MHLW_厚生労働省.docx",
             "MHLW_厚生労働省.xlsx", "MOJ_法務省.docx", "MOJ_法務省.xlsx"]


def ids_in(path: Path) -> list[int]:
    ws = [ws for ws in openpyxl.load_workbook(path).worksheets if ws.title in ("施策一覧", "全施策")][0]
    return list(measures(ws))


def test_paper_a3_prints_every_workbook_on_a3_at_10_pt(tmp_path, mini_path):
    out = tmp_path / "out"
    result = invoke("build", mini_path, "-o", out, "--paper", "a3", "-f", "xlsx")
    assert result.exit_code == 0, result.output
    for path in sorted(out.glob("*.xlsx")):
        for ws in openpyxl.load_workbook(path).worksheets:
            assert int(ws.page_setup.paperSize) == 8, (path.name, ws.title)  # A3
        wb = openpyxl.load_workbook(path)
        table = wb["全施策" if "overview" in path.name else "施策一覧"]
        assert table["A2"].font.sz == 10, path.name
        assert wb.sheetnames[-1] == "施策データ" and wb["施策データ"]["A2"].font.sz == 10, path.name


# --- what gets written ----------------------------------------------------------------------------
def test_full_build_writes_every_ministry_and_the_overview(tmp_path, mini_path):
    out = tmp_path / "out"
    result = invoke("build", mini_path, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote 7 files for 3 ministries (5 measures) to {out}\n"
    assert result.stdout == ""  # "Wrote …" is for the person, on standard error like every command
    assert listing(out) == ALL_FILES
    assert ids_in(out / "MEXT_文部科学省.xlsx") == [1, 3, 4]
    assert ids_in(out / "MOJ_法務省.xlsx") == [2, 4]
    assert ids_in(out / "MHLW_厚生労働省.xlsx") == [5]
    assert ids_in(out / "00_全体_overview.xlsx") == [1, 2, 3, 4, 5]


def test_ministry_option_by_code_name_or_alias(tmp_path, mini_path):
    out = tmp_path / "out"
    result = invoke("build", mini_path, "-o", out, "--ministry", "mext", "-m", "法務省", "-m", "文科省")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote 4 files for 2 ministries (4 measures) to {out}\n"
    assert listing(out) == ["MEXT_文部科学省.docx", "MEXT_文部科学省.xlsx", "MOJ_法務省.docx", "MOJ_法務省.xlsx"]


def test_format_option(tmp_path, mini_path):
    out = tmp_path / "out"
    result = invoke("build", mini_path, "-o", out, "--format", "xlsx")
    assert result.exit_code == 0
    assert listing(out) == [f for f in ALL_FILES if f.endswith(".xlsx")]
    out2 = tmp_path / "out2"
    result = invoke("build", mini_path, "-o", out2, "-f", "DOCX", "-m", "MHLW")
    assert result.stderr == f"Wrote 1 file for 1 ministry (1 measure) to {out2}\n"
    assert listing(out2) == ["MHLW_厚生労働省.docx"]


def test_default_dataset_and_outdir(tmp_path, mini_path, monkeypatch):
    import roadmap_reports.sources.dataset as dataset

    monkeypatch.setattr(dataset, "bundled_dataset_path", lambda: mini_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert result.stderr == "Wrote 7 files for 3 ministries (5 measures) to out\n"
    assert listing(tmp_path / "out") == ALL_FILES


def test_custom_template(tmp_path, mini_path):
    import docx

    custom = docx.Document()
    custom.add_paragraph("独自テンプレート {{ ministry.name }}")
    template = tmp_path / "mine.docx"
    custom.save(template)
    out = tmp_path / "out"
    result = invoke("build", mini_path, "-o", out, "--template", template, "-f", "docx", "-m", "MOJ")
    assert result.exit_code == 0, result.output
    assert [p.text for p in docx.Document(out / "MOJ_法務省.docx").paragraphs] == ["独自テンプレート 法務省"]


# --- errors: one line, exit code, nothing written -------------------------------------------------
@pytest.mark.parametrize("args, code, message", [
    (["-m", "文科"], 2, "Error: unknown ministry '文科' (did you mean 文部科学省?)\n"),
    (["-m", "MOD"], 2, "Error: {dataset}: 防衛省 (MOD) has no measures in this dataset\n"),
    (["-f", "pdf"], 2, "Error: Invalid value for '-f' / '--format': unknown format 'pdf' (choose from xlsx, docx)\n"),
    (["-f", ","], 2, "Error: Invalid value for '-f' / '--format': no format given (choose from xlsx, docx)\n"),
    (["--template", "{tmp}/missing.docx"], 4, "Error: {tmp}/missing.docx: template not found\n"),
    (["--template", "{dataset}"], 4, "Error: {dataset}: not a Word template (.docx): not a zip file\n"),
    (["--fiscal-year", "2023"], 2, "Error: --fiscal-year and --password only apply with --for-update\n"),
    (["--password", "x"], 2, "Error: --fiscal-year and --password only apply with --for-update\n"),
])
def test_bad_options(tmp_path, mini_path, args, code, message):
    out = tmp_path / "out"
    args = [a.format(tmp=tmp_path, dataset=mini_path) for a in args]
    result = invoke("build", mini_path, "-o", out, *args)
    assert result.exit_code == code
    assert result.stderr.splitlines()[-1] + "\n" == message.format(tmp=tmp_path, dataset=mini_path)
    assert "Traceback" not in result.output
    assert not out.exists()


def test_missing_dataset(tmp_path):
    result = invoke("build", tmp_path / "nope.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 4
    assert result.stderr == f"Error: {tmp_path / 'nope.yaml'}: no such file\n"
    assert not (tmp_path / "out").exists()


def test_control_character_is_a_located_error_and_nothing_is_written(tmp_path):
    path = dataset_with(tmp_path / "d.yaml", {4: {"status": "【文科省】\n調査\x07を実施"}})
    out = tmp_path / "out"
    result = invoke("build", path, "-o", out)
    assert result.exit_code == 4
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if t.strip().startswith("status:") and "\\a" in t)
    assert result.stderr == (f"Error: {path}:{line}: measure 4: status contains control characters XML forbids "
                             "(U+0007)\n")
    assert not out.exists()


def test_control_character_in_a_tagged_part_is_refused_before_writing(tmp_path, mini):
    mini.measure(4).status_by_ministry["法務省"] = "受入\x0b環境"
    out = tmp_path / "out"
    with pytest.raises(RenderError) as err:
        build(mini, out)
    assert str(err.value) == (f"{mini.source}:{mini.line_of(4, 'status_by_ministry')}: measure 4: "
                              "status_by_ministry contains characters XML forbids (U+000B)")
    assert not out.exists()


def test_text_longer_than_a_cell_is_an_error(tmp_path):
    path = dataset_with(tmp_path / "d.yaml", {5: {"status": "長" * 40_000}})
    out = tmp_path / "out"
    result = invoke("build", path, "-o", out)
    assert result.exit_code == 4
    assert result.stderr.endswith("measure 5: status is 40,000 characters, more than an Excel cell holds "
                                  "(32,767)\n")
    assert not out.exists()


def test_too_long_is_refused_by_the_library_too(tmp_path, mini):
    mini.measure(1).kpis = ["指標" * 9_000, "指標" * 9_000]  # each item fits a cell, the KPI cell does not
    with pytest.raises(RenderError, match=r"measure 1: kpis is 36,001 characters"):
        build(mini, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_output_folder_that_is_a_file(tmp_path, mini_path):
    target = tmp_path / "out"
    target.write_text("keep me")
    result = invoke("build", mini_path, "-o", target)
    assert result.exit_code == 2  # click refuses a file where a folder is expected
    assert target.read_text() == "keep me"


def test_existing_files_are_replaced_others_left_alone(tmp_path, mini_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "MOJ_法務省.xlsx").write_text("old")
    (out / "notes.txt").write_text("mine")
    assert invoke("build", mini_path, "-o", out).exit_code == 0
    assert ids_in(out / "MOJ_法務省.xlsx") == [2, 4]
    assert (out / "notes.txt").read_text() == "mine"
    assert listing(out) == sorted(ALL_FILES + ["notes.txt"])


# --- paths ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["../../evil", "a/../../b", "..", "/etc/passwd", "x\\..\\y", "con:1"])
def test_ministry_names_cannot_escape_outdir(tmp_path, mini, name):
    hostile = Ministry("../X", name, "hostile", order=99)
    out = tmp_path / "out"
    result = build(mini, out, ministries=[hostile], formats=("xlsx",))
    assert [p.parent for p in result.files] == [out]
    assert [p.name for p in out.iterdir()] == [result.files[0].name]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_output_path_refuses_separators(tmp_path):
    with pytest.raises(OutputError):
        output_path(tmp_path, "../x", "xlsx")
    with pytest.raises(OutputError):
        output_path(tmp_path, "..", "xlsx")


# --- reproducibility ------------------------------------------------------------------------------
# (byte-identical rebuilds across time zones, locales, hash seeds, clocks and paths: test_reproducible.py)
def test_source_date_epoch_sets_the_stamp(tmp_path, mini, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(mini, tmp_path / "out", formats=("xlsx",), ministries=["MOJ"])
    wb = openpyxl.load_workbook(tmp_path / "out" / "MOJ_法務省.xlsx")
    assert wb.properties.modified.isoformat().startswith("2023-11-14T22:13:20")


# --- interruption ---------------------------------------------------------------------------------
def test_ctrl_c_while_rendering_writes_nothing(tmp_path, mini_path, monkeypatch):
    from roadmap_reports.render.docx import summary as render_docx

    calls = []

    def interrupted(self, extract):
        calls.append(extract)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(self, extract)

    original = render_docx.Template.render
    monkeypatch.setattr(render_docx.Template, "render", interrupted)
    out = tmp_path / "out"
    result = invoke("build", mini_path, "-o", out)
    assert result.exit_code == 130
    assert result.stderr == "Interrupted; no output was left half-written.\n"
    assert not out.exists()


def interrupt_third_write(monkeypatch) -> None:
    """Ctrl-C half-way through the third file written (its first half is on disk)."""
    writes = []
    real_write_bytes = Path.write_bytes

    def half_then_interrupt(self, data):
        writes.append(self)
        if len(writes) == 3:
            real_write_bytes(self, data[: len(data) // 2])
            raise KeyboardInterrupt
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", half_then_interrupt)


def test_ctrl_c_while_writing_leaves_only_whole_files(tmp_path, mini_path, monkeypatch):
    interrupt_third_write(monkeypatch)
    out = tmp_path / "out"
    result = invoke("build", mini_path, "-o", out)
    assert result.exit_code == 130
    # every file goes to a temp name before any is renamed: the interruption leaves no file and no temp file
    assert listing(out) == []


def test_ctrl_c_while_writing_keeps_the_earlier_build_whole(tmp_path, mini_path, monkeypatch):
    out = tmp_path / "out"
    assert invoke("build", mini_path, "-o", out, "-q").exit_code == 0
    (out / "MOJ_法務省.xlsx").write_bytes(b"edited by hand")  # to see whether it is overwritten
    before = {name: (out / name).read_bytes() for name in listing(out)}
    interrupt_third_write(monkeypatch)
    assert invoke("build", mini_path, "-o", out, "-q").exit_code == 130
    assert {name: (out / name).read_bytes() for name in listing(out)} == before


# --- output: progress bar only on a terminal ------------------------------------------------------
def test_progress_bar_on_a_terminal(tmp_path, mini_path, monkeypatch):
    from roadmap_reports.cli import streams

    monkeypatch.setattr(streams, "stderr_is_terminal", lambda: True)
    result = invoke("build", mini_path, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "Building" in result.stderr
    assert result.stderr.endswith(f"Wrote 7 files for 3 ministries (5 measures) to {tmp_path / 'out'}\n")


def test_quiet_on_a_terminal_prints_nothing(tmp_path, mini_path, monkeypatch):
    from roadmap_reports.cli import streams

    monkeypatch.setattr(streams, "stderr_is_terminal", lambda: True)
    result = invoke("build", mini_path, "-o", tmp_path / "out", "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert len(listing(tmp_path / "out")) == 7


# --- --for-update hands over to circulate ---------------------------------------------------------
def test_for_update_without_circulate_module(tmp_path, mini_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "roadmap_reports.rounds.circulate", None)
    result = invoke("build", mini_path, "-o", tmp_path / "out", "--for-update")
    assert result.exit_code == 1
    assert result.stderr == "Error: --for-update is not available in this version\n"


def test_for_update_calls_circulate(tmp_path, mini_path, monkeypatch):
    seen = {}

    def build_update_workbooks(roadmap, outdir, *, ministries, fiscal_year, password, progress, paper, deadline,
                               contact):
        seen.update(roadmap=roadmap, outdir=outdir, ministries=ministries, fiscal_year=fiscal_year,
                    password=password, progress=progress, paper=paper, deadline=deadline, contact=contact)
        return [Path(outdir) / f"{m.code}.xlsx" for m in ministries]

    fake = types.ModuleType("roadmap_reports.rounds.circulate")
    fake.build_update_workbooks = build_update_workbooks
    monkeypatch.setitem(sys.modules, "roadmap_reports.rounds.circulate", fake)
    out = tmp_path / "round"
    result = invoke("build", mini_path, "-o", out, "--for-update", "-m", "MOJ", "--password", "secret")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote 1 file for 1 ministry (2 measures) to {out}\n"
    assert [m.code for m in seen["ministries"]] == ["MOJ"]
    assert all(isinstance(m, Ministry) for m in seen["ministries"])
    assert seen["fiscal_year"] == 2023 and seen["password"] == "secret" and callable(seen["progress"])
    assert (seen["paper"], seen["deadline"], seen["contact"]) == ("A4", None, None)
    result = invoke("build", mini_path, "-o", out, "--for-update", "--fiscal-year", "2030", "--paper", "a3",
                    "--deadline", "2031-04-30", "--contact", "事務局")
    assert seen["fiscal_year"] == 2030 and seen["password"] is None
    assert (seen["paper"], seen["deadline"].isoformat(), seen["contact"]) == ("A3", "2031-04-30", "事務局")
    assert [m.code for m in seen["ministries"]] == ["MOJ", "MEXT", "MHLW"]


def test_help_has_an_example():
    result = invoke("build", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "roadmap-reports build -o out" in result.output


# --- the real FY2022 dataset ---------------------------------------------------------------------
def test_fy2022_every_ministry_gets_exactly_its_measures(tmp_path):
    from roadmap_reports.sources.dataset import bundled_dataset_path, load_roadmap

    roadmap = load_roadmap(bundled_dataset_path())
    result = build(roadmap, tmp_path, formats=("xlsx",))
    assert len(result.files) == len(roadmap.ministries()) + 1
    for path in result.files:
        ws = [ws for ws in openpyxl.load_workbook(path).worksheets if ws.title in ("施策一覧", "全施策")][0]
        numbers = list(measures(ws))
        if path.name.startswith("00_"):
            assert numbers == [m.id for m in roadmap.measures]
            continue
        ministry = next(m for m in result.ministries if path.name.startswith(m.code + "_"))
        assert numbers == [m.id for m in roadmap.measures_of(ministry.name)], path.name
    mext = openpyxl.load_workbook(tmp_path / "MEXT_文部科学省.xlsx").active
    own = roadmap.measure(39).status_by_ministry["文部科学省"]
    assert measures(mext)[39]["cells"]["実施状況"].startswith(own + "（実施状況欄は文部科学省の記載部分")
