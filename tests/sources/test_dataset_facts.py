"""Facts of data/fy2022.yaml that are easy to get wrong when the report text is parsed.

Each was checked by reading the source text (data/sources/fy2022_roadmap_status.txt); the
reasoning for section/subsection boundaries and separated 再掲 labels is in
data/corrections/fy2022.yaml.
"""

from __future__ import annotations

import pytest

from conftest import DATA


@pytest.fixture(scope="module")
def fy2022():
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(DATA / "fy2022.yaml")


def test_header(fy2022):
    assert fy2022.title == "令和４年度外国人との共生社会の実現に向けたロードマップの実施状況"
    assert fy2022.fiscal_year == 2022
    assert fy2022.as_of.isoformat() == "2023-03-31"
    assert [m.id for m in fy2022.measures] == list(range(1, 102))


def test_sections_and_subsections_as_printed(fy2022):
    assert [(s.id, s.title, [(x.id, x.title) for x in s.subsections]) for s in fy2022.sections] == [
        ("1", "１．円滑なコミュニケーションと社会参加のための日本語教育等の取組", [
            ("1-1", "◎外国人が生活のために必要な日本語等を習得できる環境の整備"),
            ("1-2", "◎日本語教育の質の向上等")]),
        ("2", "２．外国人に対する情報発信・外国人向けの相談体制の強化", [
            ("2-1", "◎外国人の目線に立った情報発信の強化"),
            ("2-2", "◎外国人が抱える問題に寄り添った相談体制の強化"),
            ("2-3", "◎情報発信及び相談対応におけるやさしい日本語化の更なる促進")]),
        ("3", "３．ライフステージ・ライフサイクルに応じた支援", [
            ("3-1", "◎「乳幼児期」、「学齢期」を中心とした外国人に対する支援等"),
            ("3-2", "◎「青壮年期」初期を中心とした外国人に対する支援等"),
            ("3-3", "◎「青壮年期」を中心とした外国人に対する支援等"),
            ("3-4", "◎「高齢期」を中心とした外国人に対する支援等"),
            ("3-5", "◎ライフステージに共通する取組")]),
        ("4", "４．共生社会の基盤整備に向けた取組", [
            ("4-1", "◎共生社会の実現に向けた意識醸成"),
            ("4-2", "◎\u3000社会制度等の知識習得のための仕組みづくり"),
            ("4-3", "◎\u3000外国人の生活状況に係る実態把握のための政府統計等"),
            ("4-4", "◎\u3000外国人も共生社会を支える担い手となるような仕組みづくり"),
            ("4-5", "◎\u3000共生社会の基盤としての在留管理体制の構築")]),
    ]


# (section, subsection, first id, last id): every measure's place, as decided in the corrections file
PLACES = [
    ("1", "1-1", 1, 10), ("1", "1-2", 11, 14),
    ("2", "2-1", 15, 19), ("2", "2-2", 20, 30), ("2", "2-3", 31, 32),
    ("3", "3-1", 33, 46), ("3", "3-2", 47, 53), ("3", "3-3", 54, 62), ("3", "3-4", 63, 64), ("3", "3-5", 65, 66),
    ("4", "4-1", 67, 71), ("4", "4-2", 72, 73), ("4", "4-3", 74, 85), ("4", "4-4", 86, 97), ("4", "4-5", 98, 101),
]


def test_section_and_subsection_of_every_measure(fy2022):
    expected = {i: (sec, sub) for sec, sub, first, last in PLACES for i in range(first, last + 1)}
    assert {m.id: (m.section, m.subsection) for m in fy2022.measures} == expected


def test_every_repost_and_its_target(fy2022):
    assert {m.id: m.repost_of for m in fy2022.measures if m.is_repost} == {
        12: 3, 28: 16, 30: 4, 49: 14, 65: 4, 66: 15, 72: 6, 73: 7, 76: 15, 77: 68, 78: 16, 84: 18, 86: 4, 89: 6}
    for m in fy2022.measures:
        if m.is_repost:  # no copied content; owners come from the target
            assert (m.initiative, m.kpis, m.ministries, m.status) == ("", [], [], "")
            assert fy2022.owners(m) == fy2022.measure(m.repost_of).ministries
            assert m.subsection != fy2022.measure(m.repost_of).subsection


def test_measures_without_kpi(fy2022):
    assert [m.id for m in fy2022.measures if not m.is_repost and not m.kpis] == [10, 26, 52, 53, 61, 62, 64]


def test_measures_with_several_ministries(fy2022):
    assert {m.id: m.ministries for m in fy2022.measures if len(m.ministries) > 1} == {
        10: ["法務省", "文部科学省"], 39: ["文部科学省", "法務省"]}


def test_measure_39_status_parts_by_ministry(fy2022):
    m = fy2022.measure(39)
    assert m.status.startswith("【文科省】\n令和元年度に続く第２回目（令和３年度実施）となる、")
    assert "\n【法務省】\n受入環境調整担当官を通じて一元的相談窓口等に対し就学に関する情報提供を行った。" in m.status
    assert list(m.status_by_ministry) == ["文部科学省", "法務省"]
    assert m.status_for("法務省") == "受入環境調整担当官を通じて一元的相談窓口等に対し就学に関する情報提供を行った。"
    mext = m.status_for("文部科学省")
    assert mext.startswith("令和元年度に続く第２回目") and mext.endswith("講ずべき事項を示している。")
    assert "【" not in mext and "\n" not in mext
    assert [x.id for x in fy2022.measures if x.status_by_ministry] == [39]


def test_kpi_items_split_at_bullets(fy2022):
    assert fy2022.measure(16).kpis == ["外国人支援団体等との連携", "意見交換の実施回数", "事例集の作成・展開",
                                       "問題等の把握・分析", "外国人支援団体等への情報発信の回数"]
    assert fy2022.measure(9).kpis == ["「ＪＦにほんごeラーニング\u3000みなと」受講者数計45万人以上",
                                      "「いろどり日本語オンラインコース」受講者数", "日本語学習者数（海外日本語教育機関調査）"]
    # a caption above the bullets stays an item of its own
    assert fy2022.measure(69).kpis[:2] == ["（参考指標）", "人権教室総参加者数"]
    # a ※ note is a paragraph of its item; the item's hard wraps are joined
    assert fy2022.measure(33).kpis == [
        "第２期市町村子ども・子育て支援事業計画を踏まえて設定された数値目標10,200か所（令和６年度(2024年度））\n"
        "※令和７年度（2025年度）以降は、第３期市町村子ども・子育て支援事業計画を踏まえて設定"]
    assert all(not k.startswith("・") for m in fy2022.measures for k in m.kpis)


def test_kpi_sharing_the_ministry_line(fy2022):
    assert [(fy2022.measure(i).kpis, fy2022.measure(i).ministries) for i in (25, 74, 75)] == [
        (["消費生活相談体制の充実"], ["消費者庁"]), (["新たな統計の作成"], ["法務省"]),
        (["新たな公的統計の整備"], ["厚生労働省"])]


def test_ministries_printed_over_several_lines_are_joined(fy2022):
    assert fy2022.measure(96).ministries == ["内閣官房デジタル田園都市国家構想実現会議事務局"]
    assert fy2022.measure(97).ministries == ["内閣府（地方創生推進事務局）"]
    assert fy2022.measure(26).ministries == ["関係省庁"]


def test_full_width_text_survives(fy2022):
    assert "（言語能力記述文：Ｃａｎ\u3000ｄｏという。）" in fy2022.measure(3).initiative
    assert "「日本語教育の参照枠Ｃａｎ\u3000ｄｏ」" in fy2022.measure(2).initiative
    assert "「日本語教育の参照枠Can do」" in fy2022.measure(2).status  # printed half-width there
    assert fy2022.measure(96).kpis[0].endswith("取り入れている割合\u300085％")
    assert "ＪＦにほんごｅラーニング  みなと" in fy2022.measure(9).status


def test_paragraphs_and_hard_wraps(fy2022):
    m1 = fy2022.measure(1)
    assert m1.initiative.endswith("その推進を図る観点から、国として補助を行う。") and "\n" not in m1.initiative
    assert m1.status.split("\n")[1] == "・地域における日本語教育の体制づくりのための取組を実施する都道府県等55件に補助を行っている。"
    assert fy2022.measure(3).initiative.split("\n")[1].startswith("開発された各分野の教育モデルが")
    # decided by corrections: 「具体的には」 continues measure 2's second bullet
    assert "を実施する。具体的には、国による" in fy2022.measure(2).initiative
    assert "「つながるひろがるにほんごでのくらし」" in fy2022.measure(8).status
    assert fy2022.measure(95).initiative.split("\n")[1:3] == [
        "多文化共生社会構築に向けた取組の一環として、",
        "①外国人地域リーダーの育成（外国人受入れ企業、日本語学校、自治組織、学校、行政等の日本側パートナー団体を巻き込み、"
        "日本在住外国人の市民団体の活動を支援する（防災活動、自治会活動、日系人リーダー育成等））"]
    # 「１．０版」 inside measure 36 is text, not a section heading
    assert "標準仕様書１．０版を令和３年（2021年）８月に作成したところ、当該仕様書" in fy2022.measure(36).initiative


def test_kpi_results_stay_in_the_status(fy2022):
    assert fy2022.measure(79).kpis == ["研修期間", "研修１回当たりの単位数", "研修参加者数", "研修内容の見直しの回数"]
    assert fy2022.measure(79).status.endswith("【ＫＰＩ】\n・研修期間：５日\n・研修１回当たりの単位数：30単位\n"
                                              "・研修参加者数：21人\n・研修内容の見直しの回数：１回")


def test_no_page_header_leaks_into_the_text(fy2022):
    for m in fy2022.measures:
        for text in (m.initiative, m.status, *m.kpis):
            assert "施策番号" not in text and "ロードマップの実施状況" not in text
            assert not text.endswith("令和５年３月末時点")


def test_the_checker_script_passes():
    import subprocess
    import sys

    from conftest import ROOT

    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_dataset.py")], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stdout
    assert out.stdout == "101 of 101 measures match the source line by line; 0 problems.\n"
