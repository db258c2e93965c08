"""Messages in the reader's language: the language detection, the catalogs (complete, compiled) and the main
errors, summaries and help pinned in Japanese and in English."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from roadmap_reports import i18n
from roadmap_reports.cli import cli

from conftest import FIXTURES, ROOT

MINI = FIXTURES / "mini.yaml"
CLEAR = {"ROADMAP_REPORTS_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None, "LANGUAGE": None}


def run(lang, *args, input=None):
    result = CliRunner(env={"ROADMAP_REPORTS_LANG": lang}).invoke(cli, [str(a) for a in args], input=input)
    return result


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "ja_JP.SJIS"}, "ja"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "en"),  # LC_ALL first, as POSIX says
    ({"LC_ALL": "ja_JP.UTF-8", "LANG": "C"}, "ja"),
    ({"LANG": "ja_JP.UTF-8", "ROADMAP_REPORTS_LANG": "en"}, "en"),  # forced
    ({"LANG": "C", "ROADMAP_REPORTS_LANG": "ja"}, "ja"),
])
def test_language_from_the_environment(monkeypatch, env, expected):
    for name in CLEAR:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == expected


@pytest.mark.parametrize("encoding, name, expected", [("cp932", None, "ja"), ("cp1252", None, "en"),
                                                      ("utf-8", "Japanese_Japan", "ja"), ("utf-8", None, "en")])
def test_windows_without_locale_variables_uses_the_code_page(monkeypatch, encoding, name, expected):
    """A Japanese Windows sets no LANG: its ANSI code page cp932 (or its locale name) says Japanese."""
    import locale

    for var in CLEAR:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(locale, "getencoding", lambda: encoding, raising=False)
    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: encoding)
    monkeypatch.setattr(locale, "getlocale", lambda *a: (name, encoding))
    assert i18n.language() == expected


def test_the_catalog_is_complete_and_compiled():
    """Every message of the CLI layer has its Japanese, and the shipped .mo is the compiled .po."""
    pytest.importorskip("babel")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("lang, args, code, first", [
    ("en", ["biuld"], 2, "Error: No such command 'biuld'. Did you mean 'build'?"),
    ("ja", ["biuld"], 2, "エラー: 'biuld' というコマンドはありません。 'build' のことですか？"),
    ("en", ["build", "--for-update", "--fiscal-year", "令和", "-o", "x"], 2,
     "Error: Invalid value for '--fiscal-year': '令和' is not a fiscal year (write 2023, FY2023, 令和5, 令和５年度 or R5)"),
    ("ja", ["build", "--for-update", "--fiscal-year", "令和", "-o", "x"], 2,
     "エラー: '--fiscal-year' の値が不正です: '令和' は年度として読めません（2023、FY2023、令和5、令和５年度、R5 の"
     "ように書いてください）"),
    ("en", ["export", "--nope"], 2, "Error: No such option '--nope'."),
    ("ja", ["export", "--nope"], 2, "エラー: '--nope' というオプションはありません。"),
    ("en", ["build", "-f", "pdf"], 2,
     "Error: Invalid value for '-f' / '--format': unknown format 'pdf' (choose from xlsx, docx)"),
    ("ja", ["build", "-f", "pdf"], 2,
     "エラー: '-f' / '--format' の値が不正です: 不明な形式 'pdf'（xlsx, docx から選んでください）"),
    ("en", ["validate", FIXTURES.parent / "bad_inputs" / "duplicate_id.yaml"], 1, None),
    ("ja", ["validate", FIXTURES.parent / "bad_inputs" / "duplicate_id.yaml"], 1, None),
])
def test_main_errors_in_both_languages(lang, args, code, first):
    result = run(lang, *args)
    assert result.exit_code == code
    last = result.stderr.splitlines()[-1]
    if first is None:  # validate: the located lines, then the count in the reader's language
        bad = FIXTURES.parent / "bad_inputs" / "duplicate_id.yaml"
        first = {"en": f"Error: {bad}: 1 problem found", "ja": f"エラー: {bad}: 1 件の問題が見つかりました"}[lang]
    assert last == first


@pytest.mark.parametrize("lang, expected", [
    ("en", "Wrote 4 files for 2 ministries (4 measures) to {out}"),
    ("ja", "{out} に 2 府省庁分（4 施策）の 4 ファイルを書き出しました"),
])
def test_summaries_in_both_languages(tmp_path, lang, expected):
    out = tmp_path / "o"
    result = run(lang, "build", MINI, "-m", "MEXT", "-m", "MOJ", "-o", out)
    assert result.stderr == expected.format(out=out) + "\n"
    valid = run(lang, "validate", MINI).stdout
    assert valid == {"en": f"{MINI}: valid. FY2022 (as of 2023-03-31): 5 measures (1 reposts), 3 ministries, "
                           "2 sections, 2 subsections.\n",
                     "ja": f"{MINI}: 正しいデータセットです。FY2022（2023-03-31 時点）: 5 施策（再掲 1）、"
                           "3 府省庁、2 項目、2 小項目。\n"}[lang]


@pytest.mark.parametrize("lang, words", [
    ("en", ["Usage: cli build", "Options:", "Exit codes:", "Example:", "Show this message and exit."]),
    ("ja", ["使い方: cli build", "オプション:", "終了コード:", "例:", "府省庁ごとの Excel ブック"]),
])
def test_help_in_both_languages(lang, words):
    text = run(lang, "build", "--help").stdout
    for word in words:
        assert word in text


def test_help_of_a_japanese_process():
    import os

    env = {**os.environ, "ROADMAP_REPORTS_LANG": "", "LC_ALL": "", "LANG": "ja_JP.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "roadmap_reports", "diff", "-h"], capture_output=True, env=env)
    text = proc.stdout.decode("utf-8")
    assert text.startswith("使い方: roadmap-reports diff [OPTIONS] OLD NEW")
    assert "-h, --help   " in text and "このメッセージを表示して終了します。" in text


def test_interruption_line_in_japanese(tmp_path, monkeypatch):
    from roadmap_reports.render.docx import summary

    def interrupted(self, view):
        raise KeyboardInterrupt

    monkeypatch.setattr(summary.Template, "render", interrupted)
    result = run("ja", "build", MINI, "-o", tmp_path / "o", "-j", "1")
    assert (result.exit_code, result.stderr) == (130, "中断しました。書きかけの出力は残っていません。\n")
