"""The library's messages in the reader's language (issue 14 item 8): ingest, dataset loading, validate's
problems, render errors and ministries files, pinned in Japanese and in English. One line each, located."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from roadmap_reports import ministries
from roadmap_reports.cli import cli

from conftest import FIXTURES, ROOT

BAD = ROOT / "tests" / "bad_inputs"


@pytest.fixture(autouse=True)
def _bundled_afterwards():
    yield
    ministries.reset()


def run(lang, *args):
    return CliRunner(env={"ROADMAP_REPORTS_LANG": lang}).invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("lang, lines", [
    ("en", ["{f}:71: measure 5: unknown ministry '厚生労動省' (did you mean 厚生労働省?)",
            "Error: {f}: 1 problem found"]),
    ("ja", ["{f}:71: 施策番号5: 府省庁「厚生労動省」は登録簿にありません（厚生労働省ではありませんか？）",
            "エラー: {f}: 1 件の問題が見つかりました"]),
])
def test_validate_problems(lang, lines):
    f = BAD / "unknown_ministry.yaml"
    result = run(lang, "validate", f)
    assert (result.exit_code, result.stderr.splitlines()) == (1, [x.format(f=f) for x in lines])


@pytest.mark.parametrize("lang, name, message", [
    ("en", "duplicate_id.yaml", ":66: measure 4: duplicate id 4 (also at line 48)"),
    ("ja", "duplicate_id.yaml", ":66: 施策番号4: 施策番号 4 が重複しています（48 行目にも）"),
    ("en", "repost_dangling.yaml", ":47: measure 3: repost_of 99 points to a missing measure"),
    ("ja", "repost_dangling.yaml", ":47: 施策番号3: repost_of 99 が存在しない施策を指しています"),
])
def test_more_validate_problems(lang, name, message):
    result = run(lang, "validate", BAD / name)
    assert result.exit_code == 1 and result.stderr.splitlines()[0] == f"{BAD / name}{message}"


@pytest.mark.parametrize("lang, args, expected", [
    ("en", ["validate", "{tmp}/missing.yaml"], "Error: {tmp}/missing.yaml: no such file"),
    ("ja", ["validate", "{tmp}/missing.yaml"], "エラー: {tmp}/missing.yaml: ファイルがありません"),
    ("en", ["validate", "{bad}/no_suffix"], "Error: {bad}/no_suffix: unknown dataset format '(no extension)'; use "
                                            ".yaml, .yml or .json"),
    ("ja", ["validate", "{bad}/no_suffix"], "エラー: {bad}/no_suffix: データセットの形式「(no extension)」は読めません。"
                                            ".yaml、.yml、.json のいずれかにしてください"),
    ("en", ["validate", "{bad}/yaml_syntax.yaml"], "Error: {bad}/yaml_syntax.yaml:36: YAML syntax error: expected "
                                                   "',' or ']', but got ':'"),
    ("ja", ["validate", "{bad}/yaml_syntax.yaml"], "エラー: {bad}/yaml_syntax.yaml:36: YAML の構文エラー: expected "
                                                   "',' or ']', but got ':'"),
    ("en", ["ingest", "{tmp}/empty.pdf", "-o", "{tmp}/o.yaml"], "Error: {tmp}/empty.pdf: file is empty (0 bytes)"),
    ("ja", ["ingest", "{tmp}/empty.pdf", "-o", "{tmp}/o.yaml"], "エラー: {tmp}/empty.pdf: ファイルが空です（0 バイト）"),
    ("en", ["build", "-f", "docx", "--template", "{tmp}/t.docx", "-o", "{tmp}/out"],
     "Error: {tmp}/t.docx: not a Word template (.docx): not a zip file"),
    ("ja", ["build", "-f", "docx", "--template", "{tmp}/t.docx", "-o", "{tmp}/out"],
     "エラー: {tmp}/t.docx: Word テンプレート（.docx）ではありません: zip ファイルではありません"),
    ("en", ["validate", FIXTURES / "mini.yaml", "--ministries", "{tmp}/m.yaml"],
     "Error: {tmp}/m.yaml:2: new ministry XNEW needs a name (the name the report prints)"),
    ("ja", ["validate", FIXTURES / "mini.yaml", "--ministries", "{tmp}/m.yaml"],
     "エラー: {tmp}/m.yaml:2: 新しい府省庁 XNEW には name（報告に印刷される名称）が必要です"),
])
def test_reading_and_rendering_errors(tmp_path, lang, args, expected):
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "t.docx").write_text("not a zip", encoding="utf-8")
    (tmp_path / "m.yaml").write_text("ministries:\n- code: XNEW\n  aliases: [x]\n", encoding="utf-8")
    args = [str(a).format(tmp=tmp_path, bad=BAD) for a in args]
    result = run(lang, *args)
    assert result.exit_code == 4
    assert result.stderr == expected.format(tmp=tmp_path, bad=BAD) + "\n"
    assert not (tmp_path / "o.yaml").exists() and not (tmp_path / "out").exists()


REPORT = ("施策番号 具体的取組 KPI 担当省庁 実施状況\n"
          "令和６年度外国人との共生社会の実現に向けたロードマップの実施状況 令和７年３月末時点\n"
          "１．日本語教育\n1\n取組を行う。\n文部科学庁\n実施した。\n")


@pytest.mark.parametrize("lang, expected", [
    ("en", "Error: {f}:6: measure 1: 担当省庁 「文部科学庁」 is not in the ministry registry (did you mean 文部科学省?); "
           "declare it in a ministries file: --ministries FILE, or ministries.yaml beside the report (docs/dataset.md)"),
    ("ja", "エラー: {f}:6: 施策番号1: 担当省庁「文部科学庁」は省庁の登録簿にありません（文部科学省ではありませんか？）。"
           "省庁ファイルで宣言してください: --ministries FILE、または報告と同じフォルダの ministries.yaml（docs/dataset.md）"),
])
def test_ingest_of_an_unknown_ministry(tmp_path, lang, expected):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    result = run(lang, "ingest", f, "-o", tmp_path / "o.yaml")
    assert (result.exit_code, result.stderr) == (4, expected.format(f=f) + "\n")


@pytest.mark.parametrize("lang, expected", [
    ("en", "Error: {f}: not a roadmap status table: the column header 「施策番号 具体的取組 KPI 担当省庁 実施状況」 was not "
           "found"),
    ("ja", "エラー: {f}: ロードマップの実施状況の表ではありません: 列見出し「施策番号 具体的取組 KPI 担当省庁 実施状況」が見つかりません"),
])
def test_ingest_of_a_text_that_is_not_the_table(tmp_path, lang, expected):
    f = tmp_path / "r.txt"
    f.write_text("こんにちは\n", encoding="utf-8")
    result = run(lang, "ingest", f, "-o", tmp_path / "o.yaml")
    assert (result.exit_code, result.stderr) == (4, expected.format(f=f) + "\n")
