"""The last messages a person reads, in both languages (issue 14 item 8): the KPI review file's errors, the
dataset schema's messages (jsonschema's, translated), the calendar's and the diff's; and the kpi/history
terminal reports, Japanese and the same bytes in every locale (like the diff)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from roadmap_reports.cli import cli

from conftest import DATA, ROOT

BAD = ROOT / "tests" / "bad_inputs"
FY22 = DATA / "fy2022.yaml"
FY23 = DATA / "samples" / "fy2023_sample.yaml"
FY24 = DATA / "samples" / "fy2024_sample.yaml"
REVIEW = DATA / "kpi" / "fy2022.yaml"


def run(lang, *args):
    return CliRunner(env={"ROADMAP_REPORTS_LANG": lang}).invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("lang, text, message", [
    ("en", "  - action: keep\n    quote: x\n", ":6: measure 5: action must be one of confirm, correct, add, reject, "
                                             "not 'keep'"),
    ("ja", "  - action: keep\n    quote: x\n", ":6: 施策番号5: action は confirm, correct, add, reject のいずれかです"
                                             "（'keep' ではなく）"),
    ("en", "  - action: confirm\n    quote: 存在しない文\n", ":6: measure 5: quote not found in the measure's status: "
                                                       "「存在しない文」"),
    ("ja", "  - action: confirm\n    quote: 存在しない文\n", ":6: 施策番号5: 引用が施策の実施状況にありません: 「存在しない文」"),
    ("en", "  - action: reject\n    quote: 53.7％\n", ":6: measure 5: reject needs a reason"),
    ("ja", "  - action: reject\n    quote: 53.7％\n", ":6: 施策番号5: reject には理由（reason: その数値がこの KPI の実績で"
                                                 "ない理由）が必要です"),
    ("ja", "  - action: add\n    value: 五\n    unit: '%'\n    as_of_fy: 2022\n    quote: 53.7％\n",
     ":6: 施策番号5: add には value として数値が必要です（'五' ではなく）"),
])
def test_review_file_errors(tmp_path, lang, text, message):
    path = tmp_path / "review.yaml"
    path.write_text("fiscal_year: 2022\nitems:\n- measure: 5\n  kpi_index: 0\n  actuals:\n" + text, encoding="utf-8")
    r = run(lang, "kpi", FY22, "--review", path)
    assert r.exit_code == 4 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and f"{path}{message}" in r.stderr


@pytest.mark.parametrize("lang, name, message", [
    ("en", "extra_key.yaml", ":66: measure 5: measures[4]: unknown key 'owner'"),
    ("ja", "extra_key.yaml", ":66: 施策番号5: measures[4]: 不明なキー 'owner'"),
    ("en", "missing_key.yaml", ":66: measure 5: measures[4]: 'section' is missing"),
    ("ja", "missing_key.yaml", ":66: 施策番号5: measures[4]: 'section' がありません"),
    ("en", "wrong_type_id.yaml", ":29: measures[1].id: must be an integer, not a text 'two'"),
    ("ja", "wrong_type_id.yaml", ":29: measures[1].id: 整数でなければなりません（文字列 'two' ではなく）"),
])
def test_schema_messages(lang, name, message):
    f = BAD / name
    r = run(lang, "validate", f)
    assert r.exit_code != 0 and f"{f}{message}" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("lang, message", [
    ("en", "fiscal year 1900 is before 昭和"),
    ("ja", "1900 年度は昭和より前です"),
])
def test_calendar_errors(monkeypatch, lang, message):
    from roadmap_reports.japanese.calendar import year_label

    monkeypatch.setenv("ROADMAP_REPORTS_LANG", lang)
    with pytest.raises(ValueError) as e:
        year_label(1900)
    assert str(e.value) == message


@pytest.mark.parametrize("lang, message", [
    ("en", "unknown flag 'nope' (flags: new, removed,"),
    ("ja", "不明な変更点 'nope'（変更点: new, removed,"),
])
def test_diff_flag_filter_error(monkeypatch, lang, message):
    from roadmap_reports.compare.diff import diff
    from roadmap_reports.sources.dataset import load_roadmap

    monkeypatch.setenv("ROADMAP_REPORTS_LANG", lang)
    result = diff(load_roadmap(FY22), load_roadmap(FY23))
    with pytest.raises(ValueError) as e:
        result.filter(only=["nope"])
    assert str(e.value).startswith(message)


def test_kpi_report_is_japanese_in_every_locale():
    en, ja = (run(lang, "kpi", FY22, "--review", REVIEW) for lang in ("en", "ja"))
    assert en.exit_code == ja.exit_code == 0 and en.stdout == ja.stdout
    lines = en.stdout.splitlines()
    assert lines[0].startswith("KPIの進捗: 令和４年度（")
    assert lines[1] == "80 施策の KPI 126 項目; 数値目標あり 9; 実績が一つ以上あり 35（実績 43 件）"
    assert lines[3].startswith("  判定別: 達成 4、順調 3、遅れ 1、判定不能 118")
    assert "点検ファイルによる上書き:" in lines and "    実績 86％ 令和３年度 「達成している（86％、2021年６月時点」 [確認済み]" in lines


def test_history_report_is_japanese_in_every_locale():
    en, ja = (run(lang, "history", FY22, FY23, FY24) for lang in ("en", "ja"))
    assert en.exit_code == ja.exit_code == 0 and en.stdout == ja.stdout
    assert en.stdout.splitlines()[1] == "102 施策; 全年度にあり 100; 番号変更 2; 毎年度 前年度と同旨 91; KPIの見直しあり 3; 削除 1"
    assert ("    KPI目標の改定 令和５年度: 「全国の日本語教室がある市区町村数50％以上」 → "
            "「全国の日本語教室がある市区町村数60％以上」") in en.stdout


@pytest.mark.parametrize("lang, wrote", [("en", "Wrote {out} (md; 126 KPI items)."),
                                         ("ja", "{out} を書き出しました")])
def test_kpi_wrote_line_in_the_readers_language(tmp_path, lang, wrote):
    out = tmp_path / "kpi.md"
    r = run(lang, "kpi", FY22, "-f", "md", "-o", out)
    assert r.exit_code == 0 and wrote.format(out=out) in r.stderr


@pytest.mark.parametrize("lang, message", [
    ("en", "the fiscal year to report (2021) must come after the base dataset's FY2022"),
    ("ja", "報告を求める年度（令和３年度）は基準のデータセットの年度（令和４年度）より後でなければなりません"),
])
def test_a_round_for_an_earlier_year_is_refused_in_the_readers_language(tmp_path, lang, message):
    result = run(lang, "build", "--for-update", "--fiscal-year", "2021", "-o", tmp_path / "round")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "round").exists()
