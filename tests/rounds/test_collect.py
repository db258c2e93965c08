"""Collect (rounds/collect.py and rounds/merge.py): returned workbooks → next year's dataset draft."""

from __future__ import annotations


import pytest
from openpyxl import load_workbook

from roadmap_reports.rounds.collect import check_draft, collect, draft_title, short_tag
from roadmap_reports.sources.dataset import load_roadmap, save
from update_helpers import FY, build, edit

M1_OLD = ("補助事業者数は48件となっている。令和５年度事業ではそれを上回る応募があり、55件の採択を行ったところ。\n"
          "・地域における日本語教育の体制づくりのための取組を実施する都道府県等55件に補助を行っている。")
M4_MOJ = "受入環境調整担当官を通じて一元的相談窓口等に対し就学に関する情報提供を行った。"

def test_round_trip_holds_exactly_the_edits(mini, books, tmp_path):
    edit(books["MEXT"], {"F4": "令和５年度は60件に補助した。\n・体制づくりを支援した。", "G4": "市区町村数を70に",
                         "F8": "調査結果を公表した。", "H8": "担当課が変わりました"})
    edit(books["MOJ"], {"F4": "=は数式ではない".replace("=", "＝")})
    result = collect(list(books.values()), base=mini, fiscal_year=FY)
    assert result.clean and not result.findings
    draft = result.draft
    assert (draft.fiscal_year, draft.as_of.isoformat()) == (2023, "2024-03-31")
    assert draft.title == "令和５年度外国人との共生社会の実現に向けたロードマップの実施状況"
    assert draft.measure(1).status == "令和５年度は60件に補助した。\n・体制づくりを支援した。"
    assert draft.measure(1).kpi_proposal == "市区町村数を70に"
    assert draft.measure(1).kpis == mini.measure(1).kpis  # proposals are never applied
    assert draft.measure(2).status == "＝は数式ではない"
    assert draft.measure(4).status_by_ministry == {"文部科学省": "調査結果を公表した。", "法務省": M4_MOJ}
    assert draft.measure(4).status == f"【文科省】\n調査結果を公表した。\n【法務省】\n{M4_MOJ}"
    # nothing else moved
    changed = {m.id for m in draft.measures if m.to_dict() != mini.measure(m.id).to_dict()}
    assert changed == {1, 2, 4}
    assert draft.measure(5).to_dict() == mini.measure(5).to_dict()
    assert [(c.measure, c.ministry) for c in result.updated] == [(1, "文部科学省"), (2, "法務省"), (4, "文部科学省")]
    assert [(c.measure, c.ministry) for c in result.unchanged] == [(4, "法務省"), (5, "厚生労働省")]
    assert [(c.measure, c.new, c.place) for c in result.remarks] == [(4, "担当課が変わりました", "実施状況照会!H8")]
    # the draft validates, saves and loads back
    check_draft(result)
    save(draft, tmp_path / "draft.yaml")
    again = load_roadmap(tmp_path / "draft.yaml")
    assert again.measure(4).status_by_ministry == draft.measure(4).status_by_ministry
    assert again.measure(1).kpi_proposal == "市区町村数を70に"


def test_no_edits_gives_the_base_statuses(mini, books):
    result = collect(list(books.values()), base=mini, fiscal_year=FY)
    assert result.clean and not result.updated and not result.left_empty
    for m in result.draft.measures:
        base = mini.measure(m.id)
        assert (m.status, m.status_by_ministry, m.kpis, m.kpi_proposal) == (base.status, base.status_by_ministry,
                                                                          base.kpis, None)
    assert len(result.unchanged) == 5


def test_unchanged_is_compared_after_normalisation(mini, books):
    edit(books["MHLW"], {"F4": "実施した。 \n"})  # trailing space and newline only
    edit(books["MOJ"], {"F4": "＋８１ を含む状況　@ 記号"})  # full-width: same after NFKC
    result = collect(list(books.values()), base=mini, fiscal_year=FY)
    assert {(c.measure, c.ministry) for c in result.unchanged} >= {(5, "厚生労働省"), (2, "法務省")}
    assert result.draft.measure(2).status == "＋８１ を含む状況　@ 記号"  # stored as typed, never normalised


def test_left_empty_is_reported_and_stored_empty(mini, books):
    edit(books["MHLW"], {"F4": None})
    edit(books["MEXT"], {"F8": ""})
    result = collect(list(books.values()), base=mini, fiscal_year=FY)
    assert [(c.measure, c.ministry, c.place) for c in result.left_empty] == [
        (4, "文部科学省", "実施状況照会!F8"), (5, "厚生労働省", "実施状況照会!F4")]
    assert result.draft.measure(5).status == ""
    assert result.draft.measure(4).status_by_ministry == {"法務省": M4_MOJ}
    assert result.draft.measure(4).status == f"【法務省】\n{M4_MOJ}"
    check_draft(result)


def test_tagged_shared_measure_both_ministries(mini, books):
    edit(books["MEXT"], {"F8": "文科省の令和５年度"})
    edit(books["MOJ"], {"F7": "法務省の令和５年度"})
    draft = collect(list(books.values()), base=mini, fiscal_year=FY).draft
    assert draft.measure(4).status == "【文科省】\n文科省の令和５年度\n【法務省】\n法務省の令和５年度"


def test_untagged_shared_measure_conflict_keeps_both_texts(shared, tmp_path):
    books = build(shared, tmp_path)
    edit(books["MEXT"], {"F4": "文科省の書いた文"})
    edit(books["MOJ"], {"F4": "法務省の書いた文"})
    result = collect(list(books.values()), base=shared, fiscal_year=FY)
    assert not result.clean
    (conflict,) = result.conflicts
    assert conflict.measure == 1
    assert [(m, p, t) for m, _f, p, t in conflict.texts] == [("文部科学省", "実施状況照会!F4", "文科省の書いた文"),
                                                             ("法務省", "実施状況照会!F4", "法務省の書いた文")]
    assert result.draft.measure(1).status == M1_OLD  # never a silent overwrite
    assert str(conflict) == (
        "measure 1: different texts for one untagged status, last year's text kept — "
        "文部科学省 (MEXT_文部科学省_令和5年度_照会.xlsx:実施状況照会!F4): '文科省の書いた文'; "
        "法務省 (MOJ_法務省_令和5年度_照会.xlsx:実施状況照会!F4): '法務省の書いた文'")


def test_untagged_shared_measure_same_text_or_one_change_is_fine(shared, tmp_path):
    books = build(shared, tmp_path)
    edit(books["MEXT"], {"F4": "同じ文。"})
    edit(books["MOJ"], {"F4": "同じ文。 "})
    result = collect(list(books.values()), base=shared, fiscal_year=FY)
    assert not result.conflicts and result.draft.measure(1).status == "同じ文。"
    edit(books["MOJ"], {"F4": M1_OLD})  # MOJ leaves it as it was: MEXT's change is taken
    result = collect(list(books.values()), base=shared, fiscal_year=FY)
    assert not result.conflicts and result.draft.measure(1).status == "同じ文。"


def test_missing_ministries_keep_last_years_text(mini, books):
    edit(books["MEXT"], {"F4": "新しい文"})
    result = collect([books["MEXT"]], base=mini, fiscal_year=FY)
    assert result.returned == ["文部科学省"]
    assert result.missing == ["法務省", "厚生労働省"]
    assert result.draft.measure(2).status == mini.measure(2).status
    assert result.clean  # missing is not a problem of the files


def test_helpers():
    assert short_tag("文部科学省") == "文科省" and short_tag("法務省") == "法務省" and short_tag("厚生労働省") == "厚労省"
    assert draft_title("令和４年度外国人…の実施状況", 2022, 2023) == "令和５年度外国人…の実施状況"
    # the year as the report prints it, whatever width the base title used; 元 for a first year
    assert draft_title("令和4年度 X", 2022, 2023) == "令和５年度 X"
    assert draft_title("平成30年度 X", 2018, 2019) == "令和元年度 X"
    assert draft_title("令和元年度 X", 2019, 2020) == "令和２年度 X"
    assert draft_title("令和９年度 X", 2027, 2028) == "令和10年度 X"
    assert draft_title("令和３年度 X", 2022, 2023) == "令和３年度 X"  # another year than the base's: kept
    assert draft_title("別の題", 2022, 2023) == "別の題"


def test_year_must_follow_the_base(mini, books):
    from roadmap_reports.errors import RoadmapError

    with pytest.raises(RoadmapError, match=r"the fiscal year to collect \(2022\) must come after"):
        collect(list(books.values()), base=mini, fiscal_year=2022)


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed")
def test_a_workbook_saved_again_by_libreoffice_is_accepted(mini, books, tmp_path):
    """LibreOffice keeps the protection and validation, turns veryHidden into hidden: still accepted."""
    import subprocess

    edit(books["MEXT"], {"F4": "LibreOfficeで保存"})
    outdir = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "xlsx", "--outdir", str(outdir), str(books["MEXT"])], check=True, capture_output=True, timeout=180)
    resaved = outdir / books["MEXT"].name
    wb = load_workbook(resaved)
    assert wb["実施状況照会"].protection.sheet and wb["実施状況照会"]["F4"].protection.locked is False
    assert wb["_meta"].sheet_state in ("hidden", "veryHidden")
    result = collect([resaved], base=mini, fiscal_year=FY)
    assert not result.findings
    assert result.draft.measure(1).status == "LibreOfficeで保存"


def test_kpi_proposal_on_a_shared_measure_names_the_ministry(mini, books):
    edit(books["MOJ"], {"G7": "把握率100%を指標にする"})
    edit(books["MEXT"], {"G8": "把握率１００％を指標にする"})  # the same after NFKC: one proposal
    draft = collect(list(books.values()), base=mini, fiscal_year=FY).draft
    assert draft.measure(4).kpi_proposal == "【文科省】\n把握率１００％を指標にする"
    edit(books["MEXT"], {"G8": "別の案"})
    draft = collect(list(books.values()), base=mini, fiscal_year=FY).draft
    assert draft.measure(4).kpi_proposal == "【文科省】\n別の案\n【法務省】\n把握率100%を指標にする"
    assert draft.measure(4).kpis == mini.measure(4).kpis


def test_numbers_and_dates_typed_in_a_status_become_text(mini, books):
    import datetime as dt

    edit(books["MHLW"], {"F4": dt.datetime(2023, 4, 1)})
    edit(books["MOJ"], {"F4": 48})
    draft = collect(list(books.values()), base=mini, fiscal_year=FY).draft
    assert (draft.measure(5).status, draft.measure(2).status) == ("2023-04-01", "48")


def test_diff_against_the_base_shows_exactly_the_edits(mini, books):
    from roadmap_reports.compare.diff import diff

    edit(books["MEXT"], {"F4": "新しい文", "F8": "文科省の新しい部分", "G4": "KPI案"})
    edit(books["MOJ"], {"F4": "法務省の新しい文"})
    result = diff(mini, collect(list(books.values()), base=mini, fiscal_year=FY).draft)
    changed = {m.new_id: m for m in result.measures if "status_changed" in m.flags}
    assert sorted(changed) == [1, 2, 4]
    assert changed[1].changes["status"] == {"old": mini.measure(1).status, "new": "新しい文"}
    assert changed[4].changes["status_by_ministry"]["new"]["文部科学省"] == "文科省の新しい部分"
    assert [p.ministry for p in changed[4].status_parts if p.changed] == ["文部科学省"]
    # nothing else: no measure new, removed, renumbered, or with a changed initiative, KPI or ministry
    other = {f for m in result.measures for f in m.flags} - {"status_changed", "stalled"}
    assert other == set()
