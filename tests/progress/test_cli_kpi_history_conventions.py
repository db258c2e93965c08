"""`kpi` and `history` follow the command line's conventions (issue 14): `-` for standard input and
`-o -` for standard output, --quiet, "Wrote …" on stderr, case-insensitive formats from the registry,
the exit-code table, and messages and help in Japanese."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from roadmap_reports.cli import cli

from conftest import DATA, ROOT

FY22 = DATA / "fy2022.yaml"
FY23 = DATA / "samples" / "fy2023_sample.yaml"
REVIEW = DATA / "kpi" / "fy2022.yaml"


def run(*args, input=None, lang="en"):
    return CliRunner(env={"ROADMAP_REPORTS_LANG": lang}).invoke(cli, [str(a) for a in args], input=input,
                                                                 catch_exceptions=False)


def cli_process(*args, input=None, lang="en"):
    env = {**os.environ, "ROADMAP_REPORTS_LANG": lang, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "roadmap_reports", *map(str, args)], input=input, env=env,
                          capture_output=True, cwd=ROOT, timeout=120)


def test_kpi_reads_a_dataset_from_standard_input():
    from_file = json.loads(run("kpi", FY22, "-f", "json").stdout)
    piped = run("kpi", "-", "-f", "json", input=FY22.read_bytes())
    assert piped.exit_code == 0
    assert json.loads(piped.stdout)["items"] == from_file["items"]
    assert run("kpi", "-", "--input-format", "yaml", "-f", "json", input=FY22.read_bytes()).exit_code == 0


def test_history_reads_one_dataset_from_standard_input():
    from_files = json.loads(run("history", FY22, FY23, "-f", "json").stdout)
    piped = run("history", FY22, "-", "-f", "json", input=FY23.read_bytes())
    assert piped.exit_code == 0
    assert json.loads(piped.stdout)["measures"] == from_files["measures"]


@pytest.mark.parametrize("args", [["kpi", "-", "-"], ["history", "-", "-"]])
def test_standard_input_only_once(args):
    r = run(*args, input=FY22.read_bytes())
    assert r.exit_code == 2 and "standard input (-) can be given as only one DATASET" in r.stderr


@pytest.mark.parametrize("args, code, message", [
    (["kpi", "-"], 4, "Error: <stdin>: file is empty"),
    (["kpi", "nope.yaml"], 4, "nope.yaml: no such file"),
    (["history", FY22, "nope.yaml"], 4, "nope.yaml: no such file"),
    (["kpi", FY22, "--review", "nope.yaml"], 4, "nope.yaml"),
    (["kpi", FY22, "-m", "文科"], 2, "unknown ministry '文科'"),
    (["history", FY22, FY23, "-m", "文科"], 2, "unknown ministry '文科'"),
    (["kpi", FY22, "-f", "pdf"], 2, "Invalid value for '-f' / '--format'"),
    (["history", FY22, FY23, "-f", "md"], 2, "Invalid value for '-f' / '--format'"),
    (["kpi", FY22, "-f", "xlsx"], 2, "--format xlsx writes a file: give it with -o PATH (or -o - to"),
    (["history", FY22], 2, "history needs at least two DATASETs"),
])
def test_exit_codes_follow_the_table(args, code, message):
    r = run(*args, input=b"")
    assert r.exit_code == code, r.stderr
    assert message in r.stderr and "Traceback" not in r.stderr and r.stdout == ""


def test_formats_come_from_the_registry_and_are_case_insensitive():
    from roadmap_reports.render import registry

    for name in ("kpi", "history"):
        command = cli.get_command(None, name)
        fmt = next(p for p in command.params if p.name == "fmt")
        assert tuple(fmt.type.choices) == registry.formats(name) and not fmt.type.case_sensitive
    assert run("kpi", FY22, "-f", "JSON").stdout == run("kpi", FY22, "-f", "json").stdout
    assert run("history", FY22, FY23, "--format", "Json").exit_code == 0


@pytest.mark.parametrize("args", [["kpi", FY22, "-f", "md"], ["history", FY22, FY23, "-f", "json"]])
def test_dash_output_is_standard_output(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    to_stdout = run(*args, "-o", "-")
    assert to_stdout.exit_code == 0 and to_stdout.stderr == ""
    assert to_stdout.stdout == run(*args).stdout
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [["kpi", FY22], ["history", FY22, FY23]])
def test_xlsx_to_redirected_standard_output(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run(*args, "-f", "xlsx", "-o", "-")   # CliRunner's stdout is not a terminal
    assert r.exit_code == 0 and r.stdout_bytes[:2] == b"PK"
    assert r.stderr.startswith("Wrote <stdout> (xlsx; ")
    run(*args, "-f", "xlsx", "-o", tmp_path / "f.xlsx")
    assert (tmp_path / "f.xlsx").read_bytes() == r.stdout_bytes   # the same reproducible workbook
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [["kpi", FY22], ["history", FY22, FY23]])
def test_xlsx_is_refused_on_a_terminal(args, monkeypatch):
    from roadmap_reports.cli import streams

    monkeypatch.setattr(streams, "stdout_is_terminal", lambda: True)
    r = run(*args, "-f", "xlsx", "-o", "-")
    assert r.exit_code == 2 and "--format xlsx is binary: redirect standard output" in r.stderr


@pytest.mark.parametrize("args", [
    ["kpi", FY22, "-f", "json", "-o", "{tmp}/k.json"], ["kpi", FY22, "-f", "xlsx", "-o", "{tmp}/k.xlsx"],
    ["history", FY22, FY23, "-o", "{tmp}/h.txt"], ["history", FY22, FY23, "-f", "xlsx", "-o", "{tmp}/h.xlsx"],
])
def test_wrote_on_stderr_and_quiet_is_silent(args, tmp_path):
    args = [str(a).format(tmp=tmp_path) for a in args]
    loud = run(*args)
    assert loud.exit_code == 0 and loud.stdout == ""
    assert loud.stderr.startswith(f"Wrote {args[-1]} (") and loud.stderr.count("\n") == 1
    quiet = run(*args, "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert run(*args, "--quiet").stderr == ""


def test_quiet_still_prints_the_data():
    assert run("kpi", FY22, "-q").stdout == run("kpi", FY22).stdout != ""


def test_wrote_and_errors_in_japanese(tmp_path):
    out = tmp_path / "k.md"
    r = run("kpi", FY22, "-f", "md", "-o", out, lang="ja")
    assert r.stderr == f"{out} を書き出しました（md。KPI 126 件）。\n"
    r = run("history", FY22, FY23, "-o", tmp_path / "h.txt", lang="ja")
    assert r.stderr.endswith(" 施策）。\n") and "を書き出しました" in r.stderr
    r = run("history", FY22, lang="ja")
    assert r.exit_code == 2 and "history には DATASET が2つ以上（2か年度分）必要です" in r.stderr
    r = run("kpi", FY23, "--review", REVIEW, lang="ja")
    assert r.exit_code == 2 and "FY2022 のものですが、その年度の DATASET がありません" in r.stderr


@pytest.mark.parametrize("name, words", [
    ("kpi", ["KPI の目標すべてを", "標準入力", "印刷用の進捗表", "繰り返し可。", "終了コード"]),
    ("history", ["2か年度以上にわたる推移", "標準出力の代わりに", "印刷用の表", "終了コード"]),
])
def test_help_in_japanese_in_a_real_process(name, words):
    from roadmap_reports.japanese.width import display_width

    proc = cli_process(name, "--help", lang="ja")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    for word in words:
        assert word in text
    assert max(display_width(line) for line in text.splitlines()) <= 80


def test_stdin_and_dash_output_through_a_real_pipe():
    proc = cli_process("kpi", "-", "-f", "json", "-o", "-", input=FY22.read_bytes())
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(proc.stdout)["summary"]["items"] == 126
    proc = cli_process("history", FY22, "-", "-f", "xlsx", "-o", "-", input=FY23.read_bytes())
    assert proc.returncode == 0 and proc.stdout[:2] == b"PK"
    assert proc.stderr.decode().startswith("Wrote <stdout> (xlsx; ")
    proc = cli_process("kpi", "nope.yaml")
    assert proc.returncode == 4 and b"Traceback" not in proc.stderr
