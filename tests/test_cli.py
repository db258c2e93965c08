"""The CLI as a whole: help on every command, --version, no traceback, lazy imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from roadmap_reports import __version__
from roadmap_reports.cli import COMMANDS, cli

from conftest import ROOT, invoke


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output == f"roadmap-reports, version {__version__}\n"


def test_group_help_lists_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_an_example(name):
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"roadmap-reports {name}" in result.output
    # the first line of the docstring is an imperative sentence, shown in the group help too
    first = cli.get_command(None, name).help.strip().splitlines()[0]
    assert first.endswith(".")


def test_short_help_option():
    assert invoke("-h").exit_code == 0


def test_unknown_command_is_a_usage_error():
    result = invoke("frobnicate")
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from roadmap_reports.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('openpyxl', 'docx', 'docxtpl', 'deepdiff', 'rapidfuzz', 'jsonschema', 'yaml', 'jinja2')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert "Usage: roadmap-reports" in proc.stdout
    assert "HEAVY []" in proc.stderr


def test_unexpected_error_is_one_line_without_traceback(monkeypatch, mini_path):
    import roadmap_reports.sources.dataset as dataset

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(dataset, "load_roadmap", boom)
    monkeypatch.delenv("ROADMAP_REPORTS_DEBUG", raising=False)
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["validate", str(mini_path)])
    assert result.exit_code == 70  # EX_SOFTWARE: a bug, not a problem of the input
    assert result.stderr == ("Error: internal error: RuntimeError: kaboom "
                             "(set ROADMAP_REPORTS_DEBUG=1 for details)\n")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_documented_in_the_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"$ roadmap-reports {name}" in readme


def test_readme_quick_start_activates_builds_and_ci_runs_the_tests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line[2:] for line in quick.splitlines() if line.startswith("$ ")]
    # two commands on a fresh machine: one sets up (activating the venv) and builds, one sets up and tests
    assert commands[0] == "python3 -m venv .venv && . .venv/bin/activate && pip install -q . && roadmap-reports build -o out"
    assert len(commands) == 2 and commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "PS> .venv\\Scripts\\Activate.ps1" in quick and "> .venv\\Scripts\\activate.bat" in quick
