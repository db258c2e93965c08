"""Terminal width by display width: the progress bar stays on one line updated in place, and every --help
fits 80 columns in English and in Japanese (a full-width character takes two columns)."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from roadmap_reports.cli import COMMANDS
from roadmap_reports.cli.helpformat import wrap
from roadmap_reports.cli.progress import Progress, fit
from roadmap_reports.japanese.width import display_width

from conftest import ROOT

NAMES = ["00_全体_overview.xlsx", "CAO-RR_内閣府（地方創生推進事務局）.docx", "MEXT_文部科学省_令和5年度_照会.xlsx"]


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_progress_bar_is_one_line_rewritten_in_place(columns):
    stream = io.StringIO()
    with Progress(len(NAMES), "Building", enabled=True, stream=stream, columns=columns) as bar:
        for name in NAMES:
            bar.update(name)
    text = stream.getvalue()
    assert "\n" not in text  # never a new line
    frames = text.split("\r")[1:]
    assert all(display_width(f) <= columns - 1 for f in frames), [(display_width(f), f) for f in frames]
    shown = [f.rstrip() for f in frames if f.strip()]
    assert shown[-1].startswith("Building [") and f"{len(NAMES)}/{len(NAMES)}" in shown[-1]
    # each frame covers the one before it: no debris of a longer Japanese name is left
    for before, after in zip(frames, frames[1:]):
        assert display_width(after) >= display_width(before.rstrip())


def test_progress_bar_prints_nothing_on_a_pipe():
    stream = io.StringIO()
    with Progress(3, "Building", enabled=False, stream=stream) as bar:
        bar.update("x")
    assert stream.getvalue() == ""


def test_fit_and_wrap_count_display_columns():
    assert fit("内閣府（地方創生推進事務局）", 10) == "内閣府（…"  # 8 columns and the ellipsis (2)
    assert display_width(fit("内閣府（地方創生推進事務局）", 10)) <= 10
    lines = wrap("新旧対照表: put 改正後 (new) on the left or on the right. 令和５年度の実施状況を記入する。", 20)
    assert all(display_width(line) <= 20 for line in lines)
    assert not any(line.startswith(("、", "。", "）")) for line in lines)


def test_build_on_a_terminal_shows_the_bar_on_stderr(tmp_path, monkeypatch):
    from roadmap_reports.cli import streams

    from conftest import FIXTURES, invoke

    monkeypatch.setattr(streams, "stderr_is_terminal", lambda: True)
    result = invoke("build", FIXTURES / "mini.yaml", "-o", tmp_path / "o", "-j", "1")
    assert "\n" not in result.stderr[:-1] and result.stderr.count("\r") >= 8 and "Building [" in result.stderr
    assert result.stderr.split("\r")[-1] == f"Wrote 7 files for 3 ministries (5 measures) to {tmp_path / 'o'}\n"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_help_fits_80_columns(lang):
    env = {**os.environ, "COLUMNS": "80", "ROADMAP_REPORTS_LANG": lang}
    for name in ["", *COMMANDS]:
        proc = subprocess.run([sys.executable, "-m", "roadmap_reports", *([name] if name else []), "--help"],
                              capture_output=True, text=True, env=env, cwd=ROOT, encoding="utf-8")
        assert proc.returncode == 0, proc.stderr
        wide = [(display_width(line), line) for line in proc.stdout.splitlines() if display_width(line) > 80]
        assert wide == [], f"{name or 'group'} ({lang})"
