"""The conventions of the tools people already trust (csvkit, sqlite-utils, git): `-` for standard input and
output, a closed pipe, colour variables, one exit-code table, case-insensitive choices, accumulating -f,
every fiscal-year form, a hidden password, --quiet everywhere, "Wrote …" on stderr, did-you-mean."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from roadmap_reports.cli import COMMANDS, cli

from conftest import DATA, FIXTURES, ROOT

MINI = FIXTURES / "mini.yaml"
SAMPLE = DATA / "samples" / "fy2023_sample.yaml"
FY2022 = DATA / "fy2022.yaml"


def run(*args, input=None, env=None):
    env = {"ROADMAP_REPORTS_LANG": "en", **(env or {})}
    return CliRunner(env=env).invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def cli_process(*args, input=None, env=None, **kwargs):
    """The installed command in a real process (pipes, signals, terminals)."""
    env = {**os.environ, "ROADMAP_REPORTS_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "roadmap_reports", *map(str, args)], input=input, env=env,
                          capture_output=True, cwd=ROOT, **kwargs)


# --- 1. `-` for standard input and output ---------------------------------------------------------
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_every_dataset_argument_reads_standard_input(fmt, tmp_path):
    data = MINI.read_bytes() if fmt == "yaml" else run("export", MINI).stdout_bytes
    valid = run("validate", "-", input=data)
    assert (valid.exit_code, valid.stdout.split(" valid.")[0]) == (0, "<stdin>:")
    assert run("export", "-", input=data).stdout == run("export", MINI).stdout
    assert run("export", "-", "--input-format", fmt, input=data).exit_code == 0
    from_stdin = json.loads(run("diff", MINI, "-", "-f", "json", input=data).stdout)
    from_file = json.loads(run("diff", MINI, MINI, "-f", "json").stdout)
    assert from_stdin["new"]["file"] == "<stdin>"
    from_stdin["new"]["file"] = from_file["new"]["file"]
    assert from_stdin == from_file
    out = tmp_path / "out"
    assert run("build", "-", "-o", out, "-f", "xlsx", input=data).exit_code == 0
    assert len(list(out.glob("*.xlsx"))) == 4


def test_standard_input_errors_are_located_in_stdin():
    result = run("validate", "-", input=(FIXTURES.parent / "bad_inputs" / "duplicate_id.yaml").read_bytes())
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "<stdin>:66: measure 4: duplicate id 4 (also at line 48)"
    result = run("export", "-", input=b"")
    assert (result.exit_code, result.stderr) == (4, "Error: <stdin>: file is empty\n")
    result = run("export", "-", "--input-format", "json", input=MINI.read_bytes())
    assert result.exit_code == 4 and result.stderr.startswith("Error: <stdin>:1: JSON syntax error")


def test_dash_output_is_standard_output_and_no_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    csv = run("export", MINI, "-f", "csv", "-o", "-")
    assert csv.stdout_bytes.startswith(b"\xef\xbb\xbf") and csv.stderr == ""
    md = run("diff", MINI, SAMPLE, "-f", "md", "-o", "-")
    assert md.stdout.startswith("#") and md.stderr.count("Warning") == md.stderr.count("\n")
    xlsx = run("diff", FY2022, SAMPLE, "-f", "xlsx", "-o", "-")  # CliRunner's stdout is not a terminal
    assert xlsx.exit_code == 0 and xlsx.stdout_bytes[:2] == b"PK"
    assert "Wrote <stdout> (新旧対照表" in xlsx.stderr
    assert not (tmp_path / "-").exists()


def test_dash_output_of_ingest_and_collect_is_yaml(tmp_path):
    result = run("ingest", DATA / "sources" / "fy2022_roadmap_status.txt", "-c", DATA / "corrections" / "fy2022.yaml",
                 "-o", "-")
    assert result.stdout_bytes == FY2022.read_bytes()
    assert result.stderr.startswith("Wrote <stdout>: 101 measures")


def test_build_refuses_a_dash_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build", MINI, "-o", "-")
    assert result.exit_code == 2 and "build writes a folder of files" in result.stderr
    assert not (tmp_path / "-").exists()


def test_binary_output_is_refused_on_a_terminal(monkeypatch):
    from roadmap_reports.cli import streams

    monkeypatch.setattr(streams, "stdout_is_terminal", lambda: True)
    result = run("diff", MINI, MINI, "-f", "docx", "-o", "-")
    assert result.exit_code == 2
    assert "--format docx is binary: redirect standard output" in result.stderr


# --- 2. a closed pipe ------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["export", FY2022, "-f", "csv"], ["diff", FY2022, SAMPLE],
                                  ["export", FY2022, "-o", "-"]])
def test_a_closed_pipe_ends_quietly_with_exit_0(args):
    """`… | head -1`: the reader leaves after one line; no message, no traceback, exit 0."""
    proc = subprocess.Popen([sys.executable, "-m", "roadmap_reports", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "ROADMAP_REPORTS_LANG": "en"})
    proc.stdout.readline()
    proc.stdout.close()  # like head: read a line, then close
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err.replace("Warning: ", "").count("Error") == 0 and "Traceback" not in err and "Broken" not in err


# --- 4. colour ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("flag, env, coloured", [
    ([], {}, False),  # not a terminal
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"CLICOLOR_FORCE": "1"}, True),
    ([], {"FORCE_COLOR": "0"}, False),
    ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR before FORCE_COLOR
    (["--color"], {"NO_COLOR": "1"}, True),  # the flag before everything
    (["--no-color"], {"FORCE_COLOR": "1"}, False),
])
def test_colour_order(flag, env, coloured):
    result = run("diff", MINI, SAMPLE, *flag, env={"NO_COLOR": None, "FORCE_COLOR": None, "CLICOLOR_FORCE": None, **env})
    assert ("\x1b[" in result.stdout) is coloured


def test_no_color_is_obeyed_on_a_terminal(monkeypatch):
    from roadmap_reports.cli import colour

    class Tty:
        def isatty(self):
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    assert colour.use_colour(None, Tty()) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("CLICOLOR_FORCE", raising=False)
    assert colour.use_colour(None, Tty()) is True


# --- 5. exit codes -----------------------------------------------------------------------------------
def test_diff_exit_code_tells_differs_from_broken(tmp_path):
    assert run("diff", FY2022, SAMPLE, "--exit-code").exit_code == 1
    assert run("diff", FY2022, FY2022, "--exit-code").exit_code == 0
    assert run("diff", FY2022, tmp_path / "nope.yaml", "--exit-code").exit_code == 4
    assert run("diff", FY2022, SAMPLE, "-m", "文科", "--exit-code").exit_code == 2


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_help_lists_the_same_exit_codes(name):
    from roadmap_reports.errors import EXIT_TABLE

    text = run(name, "--help").stdout
    assert "Exit codes:" in text
    for code, _meaning in EXIT_TABLE:
        assert f"\n    {code:<3} " in text


def test_readme_lists_the_exit_codes():
    from roadmap_reports.errors import EXIT_TABLE

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, _meaning in EXIT_TABLE:
        assert f"| {code} |" in readme


def test_unknown_ministry_and_output_folder_codes(tmp_path):
    assert run("build", MINI, "-m", "文科", "-o", tmp_path / "o").exit_code == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("export", MINI, "-o", blocker / "x.json")
    assert result.exit_code == 5, result.stderr


# --- 7. options ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["-f", "xlsx", "-f", "docx"], ["-f", "xlsx,docx"], ["-f", "XLSX", "--format", "Docx"]])
def test_repeated_formats_accumulate(args, tmp_path):
    out = tmp_path / "o"
    result = run("build", MINI, "-m", "MHLW", "-o", out, *args)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".xlsx"]


def test_choices_are_case_insensitive_everywhere():
    assert run("export", MINI, "-f", "CSV").stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert run("diff", MINI, SAMPLE, "-f", "JSON", "--only", "NEW", "--new-side", "Right").exit_code == 0


@pytest.mark.parametrize("form", ["2023", "令和5", "令和５年度", "R5", "r5", "FY2023", "2023年度"])
def test_fiscal_year_forms(form, tmp_path):
    out = tmp_path / "o"
    result = run("build", MINI, "--for-update", "--fiscal-year", form, "-m", "MHLW", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["MHLW_厚生労働省_令和5年度_照会.xlsx"]


def test_bad_fiscal_year_is_a_usage_error(tmp_path):
    result = run("build", MINI, "--for-update", "--fiscal-year", "令和", "-o", tmp_path / "o")
    assert result.exit_code == 2
    assert "'令和' is not a fiscal year (write 2023, FY2023, 令和5, 令和５年度 or R5)" in result.stderr


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    root = tmp_path_factory.mktemp("round")
    assert run("build", MINI, "--for-update", "--fiscal-year", "R5", "-o", root / "wb").exit_code == 0
    return root


def test_collect_takes_the_year_from_the_workbooks(round_trip, tmp_path):
    books = sorted((round_trip / "wb").glob("*.xlsx"))
    result = run("collect", *books, "--base", MINI, "-o", tmp_path / "d.yaml")
    assert result.exit_code == 0, result.stderr
    assert "Wrote " + str(tmp_path / "d.yaml") + " (draft for FY2023, 5 measures)." in result.stderr
    draft = run("collect", *books, "--base", MINI, "-o", "-", "-q")
    assert draft.exit_code == 0 and "fiscal_year: 2023\n" in draft.stdout and draft.stderr == ""


def test_collect_needs_the_year_when_the_workbooks_disagree(round_trip, tmp_path):
    other = tmp_path / "wb24"
    assert run("build", MINI, "--for-update", "--fiscal-year", "2024", "-m", "MOJ", "-o", other).exit_code == 0
    books = [*sorted((round_trip / "wb").glob("*.xlsx")), *other.glob("*.xlsx")]
    result = run("collect", *books, "--base", MINI, "-o", tmp_path / "d.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("Error: the workbooks are for different fiscal years (FY2023: 3, FY2024: 1); "
                             "give --fiscal-year\n")
    assert not (tmp_path / "d.yaml").exists()


def test_password_from_a_hidden_prompt_or_the_environment(tmp_path):
    from openpyxl import load_workbook

    prompted = run("build", MINI, "--for-update", "-m", "MOJ", "-o", tmp_path / "a", "--password",
                   input="himitsu\nhimitsu\n")
    assert prompted.exit_code == 0, prompted.stderr
    assert "himitsu" not in prompted.stdout + prompted.stderr  # hidden
    env = run("build", MINI, "--for-update", "-m", "MOJ", "-o", tmp_path / "b",
              env={"ROADMAP_REPORTS_PASSWORD": "himitsu"})
    assert env.exit_code == 0
    none = run("build", MINI, "--for-update", "-m", "MOJ", "-o", tmp_path / "c")
    sheets = [load_workbook(next((tmp_path / d).glob("*.xlsx"))).worksheets[0].protection for d in "abc"]
    assert sheets[0].password == sheets[1].password and sheets[0].password
    assert none.exit_code == 0 and not sheets[2].password


@pytest.mark.parametrize("args", [
    ["validate", MINI], ["export", MINI, "-o", "{tmp}/x.json"], ["build", MINI, "-o", "{tmp}/b"],
    ["diff", MINI, SAMPLE, "-f", "json", "-o", "{tmp}/d.json"],
    ["ingest", DATA / "sources" / "fy2022_roadmap_status.txt", "-c", DATA / "corrections" / "fy2022.yaml",
     "-o", "{tmp}/i.yaml"],
])
def test_quiet_means_silent_on_success_for_every_command(args, tmp_path):
    result = run(*[str(a).format(tmp=tmp_path) for a in args], "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("args", [
    ["export", MINI, "-o", "{tmp}/x.json"], ["build", MINI, "-o", "{tmp}/b"],
    ["diff", MINI, SAMPLE, "-f", "json", "-o", "{tmp}/d.json"],
    ["build", MINI, "--for-update", "-o", "{tmp}/u"],
])
def test_wrote_lines_go_to_stderr(args, tmp_path):
    result = run(*[str(a).format(tmp=tmp_path) for a in args])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr.startswith("Wrote ")


@pytest.mark.parametrize("typed, meant", [("biuld", "build"), ("valdate", "validate"), ("colect", "collect")])
def test_did_you_mean(typed, meant):
    result = run(typed)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: No such command '{typed}'. Did you mean '{meant}'?"


def test_no_suggestion_for_nonsense():
    result = run("xyzzy")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == "Error: No such command 'xyzzy'."
