"""The README's console examples run as written, in order, in a scratch copy of the repository.

Every `$ ` line of a ```console block runs in bash with the virtual environment active (its bin/ first on
PATH, as `. .venv/bin/activate` leaves it); the output lines the README shows under a command (up to an
elided `…`) must be the first lines it prints (stdout and stderr together). The set-up lines (venv, pip,
activate) run for real only in the fresh-venv mode — CI=true or ROADMAP_REPORTS_FRESH_VENV=1 — which installs
the copy into a new .venv first (about 90 s here); otherwise the test environment's installation stands in.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SETUP = re.compile(r"^(python3 -m venv|\. \.venv/bin/activate|pip install)")
FRESH = os.environ.get("CI") == "true" or os.environ.get("ROADMAP_REPORTS_FRESH_VENV") == "1"


def examples(text: str):
    """(command, shown output lines) of every ```console block, in order."""
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        command, shown = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    yield command, shown
                command, shown = line[2:], []
            elif command is not None:
                shown.append(line)
        if command is not None:
            yield command, shown


def scratch_copy(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in files.splitlines():
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def test_readme_console_examples_run_verbatim(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout to copy")
    repo = scratch_copy(tmp_path / "repo")
    bindir = Path(sys.executable).parent
    env = {**os.environ, "ROADMAP_REPORTS_LANG": "en", "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    if FRESH:
        bindir = repo / ".venv" / "bin"
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    ran = 0
    for command, shown in examples((repo / "README.md").read_text(encoding="utf-8")):
        if "pytest" in command or (SETUP.match(command) and not FRESH):
            continue
        proc = subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=600)
        printed = (proc.stdout + proc.stderr).splitlines()
        expected = []
        for line in shown:
            if line.startswith("…"):
                break
            expected.append(line)
        assert proc.returncode in (0, 2, 3), f"{command}: exit {proc.returncode}\n{proc.stderr}"
        assert printed[:len(expected)] == expected or _in_order(expected, printed), f"{command}\n{proc.stdout}{proc.stderr}"
        ran += 1
    assert ran >= 12


def _in_order(expected: list[str], printed: list[str]) -> bool:
    """stdout and stderr are captured apart: the shown lines must appear in order in one or the other."""
    it = iter(printed)
    return all(any(line == p for p in it) for line in expected)
