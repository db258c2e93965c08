"""Reading a returned workbook (rounds/read.py): formulas, another ministry, year or base, tampering,
duplicate returns, text no cell can hold. A workbook with any such problem is rejected whole with a
located message, nothing is merged from it, and the other files are still processed."""

from __future__ import annotations

import copy
import zipfile

import pytest

from roadmap_reports.rounds.collect import check_workbook, collect
from roadmap_reports.rounds.layout import DATA_SHEET, META_SHEET
from roadmap_reports.sources.dataset import load_roadmap, save
from update_helpers import FY, MEXT, build, delete_rows, edit, insert_rows, messages, only_error, rezip


def test_a_hostile_file_does_not_stop_the_others(mini, books, tmp_path):
    edit(books["MEXT"], {"F4": "新しい文"})
    edit(books["MOJ"], {"F4": "=HYPERLINK(\"http://evil.example\",\"click\")"})
    result = collect([books["MEXT"], books["MOJ"], books["MHLW"]], base=mini, fiscal_year=FY)
    assert [r.path.name for r in result.rejected] == ["MOJ_法務省_令和5年度_照会.xlsx"]
    assert result.draft.measure(1).status == "新しい文"
    assert result.draft.measure(2).status == mini.measure(2).status  # nothing merged from the rejected file
    assert result.returned == ["文部科学省", "厚生労働省"] and result.missing == ["法務省"]


# --- formulas -----------------------------------------------------------------------------------------
def test_formula_in_an_editable_cell_is_reported_not_evaluated(mini, books):
    edit(books["MEXT"], {"F4": "=1+1", "G8": '=WEBSERVICE("http://evil.example")'})
    ret = check_workbook(books["MEXT"], base=mini, fiscal_year=FY)
    assert messages(ret) == [
        ("実施状況照会!F4", "formula found: '=1+1' (formulas are not accepted; type the text without a leading '=' "
                            "or start it with an apostrophe)"),
        ("実施状況照会!G8", "formula found: '=WEBSERVICE(\"http://evil.example\")' (formulas are not accepted; type "
                            "the text without a leading '=' or start it with an apostrophe)"),
    ]
    assert not ret.answers


def test_formula_in_a_hidden_sheet(mini, books):
    edit(books["MEXT"], {"C1": "=cmd|' /C calc'!A0"}, sheet=META_SHEET)
    assert only_error(books["MEXT"], mini) == (
        "_meta!C1", "formula found: \"=cmd|' /C calc'!A0\" (formulas are not accepted; type the text without a "
                    "leading '=' or start it with an apostrophe)")


# --- another ministry, year or base -------------------------------------------------------------------
def test_workbook_for_another_year(mini, tmp_path):
    p = build(mini, tmp_path, fiscal_year=2024, ministries=[MEXT])["MEXT"]
    assert only_error(p, mini) == ("_meta!B5", "is a workbook for FY2024, not FY2023")


def test_workbook_from_another_base(mini, tmp_path):
    other = copy.deepcopy(mini)
    other.title = "令和３年度外国人との共生社会の実現に向けたロードマップの実施状況"
    p = build(other, tmp_path, ministries=[MEXT])["MEXT"]
    assert only_error(p, mini) == ("_meta!B3", "was made from another dataset ('令和３年度外国人との共生社会の実現に向けた"
                                               "ロードマップの実施状況', FY2022), not the base '令和４年度外国人との共生社会の"
                                               "実現に向けたロードマップの実施状況' (FY2022)")


def test_workbook_from_another_version_of_the_base(mini, tmp_path):
    other = copy.deepcopy(mini)
    other.measure(1).initiative += "（修正）"
    p = build(other, tmp_path, ministries=[MEXT])["MEXT"]
    assert only_error(p, mini) == ("_meta!B9", "metadata altered or made from another version of the base: the "
                                               "checksum of the locked content does not match the base dataset")


def test_workbook_for_a_ministry_not_in_the_base(mini, tmp_path):
    other = copy.deepcopy(mini)
    other.measure(5).ministries = ["外務省"]
    path = tmp_path / "other.yaml"
    save(other, path)
    p = build(load_roadmap(path), tmp_path)["MOFA"]
    assert only_error(p, mini) == ("_meta!B6", "is for 外務省, which has no measures in the base dataset")


def test_metadata_switched_to_another_ministry(mini, books):
    edit(books["MOJ"], {"B6": "MEXT", "B7": "文部科学省"}, sheet=META_SHEET)
    assert only_error(books["MOJ"], mini) == (
        "_meta!B8", "metadata altered or made from another version of the base: measure ids '2,4', the base gives "
                    "文部科学省 '1,3,4'")


# --- tampering ----------------------------------------------------------------------------------------
def test_locked_cell_edited_rejects_the_file(mini, books):
    edit(books["MEXT"], {"F4": "新しい文", "B4": "書き換えた取組", "E8": "前年度を直した"})
    ret = check_workbook(books["MEXT"], base=mini, fiscal_year=FY)
    assert [(f.place, f.measure, f.message.split(":")[0]) for f in ret.findings] == [
        ("実施状況照会!B4", 1, "locked cell 具体的取組 was edited"),
        ("実施状況照会!E8", 4, "locked cell 令和４年度の実施状況（参考） was edited"),
    ]
    assert ret.findings[0].message == ("locked cell 具体的取組 was edited: '書き換えた取組', expected '都道府県・指定都市が、"
                                       "域内に日本語教育を行き渡らせるための体制づくりのための取組に対し、その推進を図る観点から、国とし…'")
    assert ret.rejected and not ret.answers


def test_repost_row_edited(mini, books):
    edit(books["MEXT"], {"F5": "再掲の行に書いた"})
    assert only_error(books["MEXT"], mini) == (
        "実施状況照会!F5", "locked cell of a repost (再掲) was edited: '再掲の行に書いた' (write in the row of measure 1)")


def test_row_added(mini, books):
    edit(books["MEXT"], {"A9": 99, "F9": "追加した行"})
    assert only_error(books["MEXT"], mini) == ("実施状況照会!A9", "row added (施策番号 99)")


def test_row_inserted_in_the_middle(mini, books):
    edit(books["MEXT"], {}, fn=lambda wb: (insert_rows(wb[DATA_SHEET], 5), wb[DATA_SHEET].__setitem__("F5", "x")))
    assert only_error(books["MEXT"], mini) == ("実施状況照会!A5", "row added (施策番号 None)")


def test_row_deleted(mini, books):
    edit(books["MEXT"], {}, fn=lambda wb: delete_rows(wb[DATA_SHEET], 5))
    assert only_error(books["MEXT"], mini) == ("実施状況照会!A7", "row of measure 3 deleted (expected at row 5)")


def test_rows_reordered(mini, books):
    def swap(wb):
        ws = wb[DATA_SHEET]
        for c in range(1, 9):
            a, b = ws.cell(4, c), ws.cell(8, c)
            a.value, b.value = b.value, a.value
    edit(books["MEXT"], {}, fn=swap)
    ret = check_workbook(books["MEXT"], base=mini, fiscal_year=FY)
    assert messages(ret) == [("実施状況照会!A4", "rows reordered: measure 4 is here, measure 1 expected"),
                             ("実施状況照会!A8", "rows reordered: measure 1 is here, measure 4 expected")]


def test_id_changed(mini, books):
    edit(books["MEXT"], {"A8": 40})
    assert only_error(books["MEXT"], mini) == ("実施状況照会!A8", "施策番号 changed to 40 (expected 4)")


def test_header_changed(mini, books):
    edit(books["MEXT"], {"B1": "取組"})
    assert only_error(books["MEXT"], mini) == ("実施状況照会!B1", "header changed: '取組', expected '具体的取組'")


def test_a_workbook_circulated_with_half_width_years_is_still_collected(mini, books):
    """Workbooks sent out before the headers printed 令和４年度 (full-width) are collected as they are."""
    edit(books["MEXT"], {"E1": "令和4年度の実施状況（参考）", "F1": "令和5年度の実施状況（記入）", "F4": "新しい文"})
    result = collect([books["MEXT"]], base=mini, fiscal_year=FY)
    assert not result.findings and result.draft.measure(1).status == "新しい文"
    edit(books["MEXT"], {"F1": "令和6年度の実施状況（記入）"})  # another year is still a changed header
    assert only_error(books["MEXT"], mini) == (
        "実施状況照会!F1", "header changed: '令和6年度の実施状況（記入）', expected '令和５年度の実施状況（記入）'")


@pytest.mark.parametrize("typed, named", [
    ("実施した\x07。", "U+0007"),
    ("実施した_x0007_と_x001F_。\x0b", "U+000B, U+0007, U+001F"),  # as typed, then as Excel escapes them
    ("実施した_xFFFE_。", "U+FFFE"),
    ("タブ\tと改行_x000D_はよい。", None),
])
def test_characters_xml_forbids_are_named(mini, books, typed, named):
    """The rule of office.forbidden_characters, for characters typed and for Excel's _xHHHH_ escapes."""
    from roadmap_reports.rounds.read import _text_problem

    assert _text_problem(typed) == (None if named is None else ("control_characters", {"chars": named}))


def test_content_beside_the_table(mini, books):
    edit(books["MEXT"], {"J2": "メモ"})
    assert only_error(books["MEXT"], mini) == (
        "実施状況照会!J2", "content outside the table ('メモ'); a column was added or text typed beside the table")


def test_data_sheet_renamed(mini, books):
    edit(books["MEXT"], {}, fn=lambda wb: setattr(wb[DATA_SHEET], "title", "Sheet1"))
    assert only_error(books["MEXT"], mini) == (None, "sheet '実施状況照会' missing (sheets: 記入要領, Sheet1, KPI実績, _meta)")


def test_metadata_missing(mini, books):
    edit(books["MEXT"], {}, fn=lambda wb: wb.remove(wb[META_SHEET]))
    assert only_error(books["MEXT"], mini) == (
        None, "metadata missing (no sheet '_meta'): this is not a workbook for update made by roadmap-reports, or it "
              "was rebuilt by copying")


def test_metadata_altered(mini, books):
    edit(books["MEXT"], {"B9": "0" * 64}, sheet=META_SHEET)
    assert only_error(books["MEXT"], mini)[0] == "_meta!B9"
    edit(books["MEXT"], {"A2": "version"}, sheet=META_SHEET)
    assert only_error(books["MEXT"], mini) == ("_meta", "metadata altered: tool_version missing")


def test_protection_removed_is_only_a_warning(mini, books):
    edit(books["MEXT"], {"F4": "新しい文"}, fn=lambda wb: setattr(wb[DATA_SHEET].protection, "sheet", False))
    ret = check_workbook(books["MEXT"], base=mini, fiscal_year=FY)
    assert not ret.rejected
    assert [(f.severity, f.place, f.message) for f in ret.findings] == [
        ("warning", "実施状況照会", "sheet protection was removed")]
    assert ret.answers[0].status == "新しい文"


def test_duplicate_returns(mini, books, tmp_path):
    copy_path = tmp_path / "MEXT_copy.xlsx"
    copy_path.write_bytes(books["MEXT"].read_bytes())
    result = collect([books["MEXT"], copy_path], base=mini, fiscal_year=FY)
    assert not result.rejected  # the same answers twice: merged once, with a warning
    assert [f.message for f in result.findings] == [
        "duplicate return for 文部科学省 with the same answers as MEXT_文部科学省_令和5年度_照会.xlsx; merged once"]
    edit(copy_path, {"F4": "別の答え"})
    result = collect([books["MEXT"], copy_path], base=mini, fiscal_year=FY)
    assert len(result.rejected) == 2
    assert result.findings[0].message == ("2 returns for 文部科学省 with different answers "
                                          "(MEXT_文部科学省_令和5年度_照会.xlsx, MEXT_copy.xlsx); keep the right one and "
                                          "collect again")
    assert result.draft.measure(1).status == mini.measure(1).status
    assert result.missing == ["法務省", "文部科学省", "厚生労働省"]


def test_text_longer_than_a_cell(mini, books, tmp_path):
    import re

    xml = zipfile.ZipFile(books["MEXT"]).read("xl/worksheets/sheet2.xml").decode()
    xml = re.sub(r'(<c r="F4"[^>]*><is><t>)[^<]*(</t>)', lambda m: m.group(1) + "あ" * 32_768 + m.group(2), xml)
    rezip(books["MEXT"], books["MEXT"].with_name("long.xlsx"), replace={"xl/worksheets/sheet2.xml": xml.encode()})
    books["MEXT"] = books["MEXT"].with_name("long.xlsx")
    assert only_error(books["MEXT"], mini) == (
        "実施状況照会!F4", "text is 32,768 characters, more than an Excel cell holds (32,767)")
