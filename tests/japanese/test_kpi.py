"""KPI text is understood: numbers with units, 万 and thousands separators, full-width digits,
comparators, and deadlines in era and Western forms as fiscal years."""

from __future__ import annotations

import pytest

from roadmap_reports.japanese.kpi import KpiTarget, parse_kpi, parse_number


@pytest.mark.parametrize("text, value, unit, comparator", [
    ("全国の日本語教室がある\n市区町村数50％以上", 50, "%", "以上"),
    ("５０％以上", 50, "%", "以上"),                                # full-width digits and ％
    ("「ＪＦにほんごeラーニング　みなと」受講者数計45万人以上", 450_000, "人", "以上"),  # 万
    ("相談件数1,000件", 1000, "件", None),                         # thousands separator
    ("相談件数１，０００件以下", 1000, "件", "以下"),               # full-width separator
    ("令和２年度実績値1万432か所", 10_432, "か所", None),           # 万 with a remainder
    ("設置数10,200箇所", 10_200, "か所", None),                     # 箇所 is か所
    ("重点対応言語を15言語に拡大", 15, "言語", None),
    ("参加団体数30団体増", 30, "団体", "増加"),
    ("待ち時間を2割削減", 2, "割", "減少"),
    ("都道府県と連携して日本語教育を行う市区町村等の数の増加", None, None, "増加"),
    ("・研修の実施回数", None, None, None),                          # 回数 without a number
    ("第２期計画に基づく実施", None, None, None),                    # 第２期 is not a target
])
def test_value_unit_and_comparator(text, value, unit, comparator):
    k = parse_kpi(text)
    assert (k.value, k.unit, k.comparator) == (value, unit, comparator)
    assert k.text == text  # the KPI's own text is kept as published


@pytest.mark.parametrize("text, fy", [
    ("令和９年度（2027年度）までに20件", 2027),
    ("令和９年度(2027年度)までに20件", 2027),
    ("令和７年度末までに全ての外国人の子供の就学状況を把握", 2025),
    ("令和７年度（2025年度）末までに", 2025),
    ("2025年度までに5割", 2025),
    ("平成30年度までに100校", 2018),
    ("令和元年度末", 2019),
    ("令和６年３月末までに", 2023),   # January–March belong to the previous fiscal year
    ("令和６年４月までに", 2024),
    ("平成31年３月末までに", 2018),    # the era's own year: 平成31年 is 2019
    ("令和元年５月までに", 2019),
    ("令和６年13月までに", 2024),      # no month: the year as written
    ("昭和64年度", 1989),
    ("10,200か所（令和６年度(2024年度））", 2024),
    ("研修の修了者数", None),
])
def test_deadline_as_fiscal_year(text, fy):
    assert parse_kpi(text).deadline_fy == fy


def test_deadline_digits_are_not_the_target():
    k = parse_kpi("製品・サービス化件数（令和９年度（2027年度）までに20件）")
    assert (k.value, k.unit, k.deadline_fy) == (20, "件", 2027)


def test_the_deadline_marked_by_made_wins_over_a_baseline_year():
    k = parse_kpi("令和２年度実績を基に令和７年度末までに100件以上")
    assert (k.value, k.deadline_fy) == (100, 2025)


def test_target_compares_value_unit_comparator_and_deadline():
    assert parse_kpi("市区町村数50％以上").target == parse_kpi("市区町村数 ５０％ 以上").target
    assert parse_kpi("市区町村数50％以上").target != parse_kpi("市区町村数60％以上").target
    assert parse_kpi("令和７年度までに100件").target != parse_kpi("令和９年度までに100件").target


@pytest.mark.parametrize("text, value", [("45万", 450_000), ("1,000", 1000), ("1万432", 10_432), ("1.5億", 150_000_000),
                                         ("3千", 3000), ("12.5", 12.5)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_describe():
    assert KpiTarget("x", 450000, "人", "以上", 2027).describe() == "450,000 人 以上 by FY2027"


def test_a_follow_up_line_stays_with_the_item_before_it():
    from roadmap_reports.japanese.kpi import KpiItem, kpi_items

    assert kpi_items(["日本語教育機関等における対応状況の把握", "上記とともに必要な取組を実施", "研修の実施"]) == [
        KpiItem("日本語教育機関等における対応状況の把握", notes=("上記とともに必要な取組を実施",)),
        KpiItem("研修の実施")]
    assert kpi_items(["上記とともに必要な取組を実施"]) == [KpiItem("上記とともに必要な取組を実施")]  # nothing before


def test_a_reference_caption_heads_the_items_after_it():
    from roadmap_reports.japanese.kpi import KpiItem, is_caption, kpi_items

    items = kpi_items(["研修の実施回数", "（参考指標）", "人権教室総参加者数", "バナー広告クリック数"])
    assert items == [KpiItem("研修の実施回数"), KpiItem("人権教室総参加者数", "（参考指標）"),
                     KpiItem("バナー広告クリック数", "（参考指標）")]
    assert items[1].lines == ("（参考指標）人権教室総参加者数",)
    assert kpi_items(["研修の実施回数", "(参考指標)"]) == [KpiItem("研修の実施回数", notes=("(参考指標)",))]
    assert is_caption("（ 参考指標 ）") and not is_caption("参考指標の推移を把握")
