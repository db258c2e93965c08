"""The verdict rule (docs/kpi.md), case by case, and the calendar forms KPI text uses."""

from __future__ import annotations

import pytest

from roadmap_reports.japanese.calendar import fiscal_year_in
from roadmap_reports.japanese.kpi import kpi_types, parse_kpi
from roadmap_reports.progress.actuals import Actual
from roadmap_reports.progress.verdicts import judge


def A(value, unit, fy):
    return Actual(value, unit, fy, f"{value}{unit}")


@pytest.mark.parametrize("kpi, actuals, verdict, words", [
    ("市区町村数50％以上", [A(53.7, "%", 2021)], "achieved", "最新の実績53.7％（令和３年度）が目標50％以上を満たしているため達成"),
    ("研修を実施した団体数（累計30団体）", [A(7, "団体", 2022)], "on_track", "進み具合23％、期間（令和４年度〜令和８年度）の経過割合20％"),
    ("研修を実施した団体数（累計30団体）", [A(7, "団体", 2023)], "behind", "経過割合40％で、経過割合に届かないため遅れ"),
    ("令和９年度（2027年度）までに20件", [A(3, "件", 2022)], "behind", "期間（令和４年度〜令和９年度）の経過割合17％"),
    ("令和９年度（2027年度）までに20件", [A(4, "件", 2022)], "on_track", "進み具合20％"),
    ("研修を実施した団体数（累計30団体）", [A(7, "団体", 2021), A(31, "団体", 2023)], "achieved", "31団体（令和５年度）"),
    ("待機件数100件以下", [A(120, "件", 2022)], "unknown", "基準値がないため"),
    ("待機件数100件以下", [A(90, "件", 2022)], "achieved", "満たしている"),
    ("研修の実施回数", [A(5, "回", 2022)], "unknown", "数値目標がない（取組・活動）ため判定不能。実績は5回（令和４年度）"),
    ("説明した回数：６回", [], "unknown", "目標の単位（回）の実績値が実施状況に見当たらないため判定不能"),
    ("説明した回数：６回", [A(3, "人", 2022)], "unknown", "単位の異なる数値3人（令和４年度）はある"),
])
def test_rule(kpi, actuals, verdict, words):
    t = parse_kpi(kpi)
    v = judge(t, actuals, type_label="取組・活動" if t.value is None else "")
    assert v.verdict == verdict and words in v.reason


def test_revised_wins():
    v = judge(parse_kpi("市区町村数60％以上"), [A(53.7, "%", 2021)], revision="目標が50％以上から60％以上に変更された")
    assert (v.verdict, v.label, v.reason) == ("revised", "見直し", "目標が50％以上から60％以上に変更されたため見直し")


def test_baseline_is_read():
    assert parse_kpi("相談件数を基準値1,000件から1,500件以上に").baseline == 1000
    t = parse_kpi("相談件数を1,000件から1,500件以上に")
    assert (t.baseline, t.value) == (1000, 1500)
    v = judge(t, [A(1200, "件", 2023)])
    assert v.verdict == "on_track" and "基準値1,000件からの進み具合40％" in v.reason


@pytest.mark.parametrize("kpis, kinds", [
    (["市区町村数50％以上"], ["numeric"]),
    (["令和９年度（2027年度）までに20件"], ["numeric_deadline"]),
    (["育成外国人美容師数の増加", "不法残留者統計における対前年比減"], ["direction", "direction"]),
    (["「外国人留学生の採用や入社後の活躍に向けたハンドブック」を周知", "法令及びシステム等の整備", "研修の実施回数"],
     ["activity"] * 3),
    (["（参考指標）", "人権教室総参加者数", "バナー広告クリック数"], ["reference"] * 3),
    (["生活オリエンテーションの受講経験率（％）（令和４年度（2022年度）の検討結果を踏まえて検討）",
      "日本語指導が必要な全ての児童生徒が指導を受けられるようにする。"], ["other", "other"]),
    (["研修１回当たりの単位数"], ["activity"]),   # 「１回当たり」 is no target
])
def test_types(kpis, kinds):
    assert kpi_types(kpis) == kinds


@pytest.mark.parametrize("text, fy", [
    ("令和３年度時点", 2021), ("2021年6月", 2021), ("2021年６月時点", 2021), ("令和５年３月末", 2022),
    ("令和４年（2022年）４月時点", 2022), ("令和５年（2023年）３月時点", 2022), ("令和５年２月末日時点", 2022),
    ("平成30年度", 2018), ("令和元年５月１日", 2019), ("2021年度調査", 2021), ("同年11月", None),
])
def test_fiscal_year_in_text(text, fy):
    assert fiscal_year_in(text) == fy
