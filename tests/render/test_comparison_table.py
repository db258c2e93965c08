"""The cuts of the 新旧対照表 both renderers share (render/comparison_table.py uses them): character spans
that ignore width and wrapping, and 「（略）」 abbreviation."""

from __future__ import annotations


def test_abbreviation_keeps_context_on_both_sides_of_a_deletion():
    from roadmap_reports.compare.diff import abbreviated_diff

    old = "研修の実施回数\n研修の修了者数\n関係機関における研修修了者の就労状況（令和４年度（2022年度）の検討結果を踏まえて検討）"
    new = old.replace("研修の修了者数", "研修修了者数")
    so, sn = abbreviated_diff(old, new)
    assert so == [("研修の実施回数\n研修", False), ("の", True), ("修了者数\n関係機（略）", False)]
    assert sn == [("研修の実施回数\n研修修了者数\n関係機（略）", False)]
    assert abbreviated_diff("同じ文", "同じ文") == ([("（略）", False)], [("（略）", False)])


def test_character_diff_ignores_width_and_wrapping_but_keeps_the_displayed_text():
    from roadmap_reports.compare.diff import char_diff

    old, new = "相談件数は５０件、\n研修を３回", "相談件数は50件、研修を4回"
    so, sn = char_diff(old, new)
    assert "".join(t for t, _ in so) == old and "".join(t for t, _ in sn) == new
    assert [t for t, c in so if c] == ["３"] and [t for t, c in sn if c] == ["4"]
