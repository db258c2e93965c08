"""The section and ◎ headings of the 照会 sheet (issue 12): rows of their own, merged across the table, locked and
styled as the ministry workbook's 施策一覧 styles them, once per change in the dataset's order — no 項目 column
repeating them on every row; and collect telling them by their shape, finding them edited or moved."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from roadmap_reports.render.xlsx.measure_table import SECTION_FILL, SUBSECTION_FILL
from roadmap_reports.rounds.layout import COLUMNS, DATA_SHEET, is_heading_row
from roadmap_reports.rounds.read import check_workbook
from update_helpers import DATA, FY, MEXT, build, delete_rows, edit, insert_rows, only_error


@pytest.fixture(scope="module")
def fy2022():
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(DATA / "fy2022.yaml")


@pytest.fixture(scope="module")
def fy2022_books(fy2022, tmp_path_factory):
    return build(fy2022, tmp_path_factory.mktemp("fy2022"))


def _merged_rows(ws) -> dict[int, str]:
    """{row: text} of the rows merged across the whole table."""
    return {m.min_row: ws.cell(m.min_row, 1).value for m in ws.merged_cells.ranges
            if m.min_row == m.max_row and (m.min_col, m.max_col) == (1, len(COLUMNS))}


def _expected_headings(roadmap, ministry_name: str) -> list[str]:
    """The headings a reader of the report sees above the ministry's measures: the section's title whenever the
    section changes, the ◎ sub-heading whenever the subsection changes (if it has one)."""
    out, last = [], (None, None)
    for m in roadmap.measures_of(ministry_name):
        sub = roadmap.subsection(m.subsection) if m.subsection else None
        if m.section != last[0]:
            out.append(roadmap.section(m.section).title)
        if (m.section, m.subsection) != last and sub is not None and sub.title:
            out.append(sub.title)
        last = (m.section, m.subsection)
    return out


def test_every_ministrys_headings_are_rows_once_per_change_in_order(fy2022, fy2022_books):
    from roadmap_reports.ministries import lookup

    for code, path in fy2022_books.items():
        ws = load_workbook(path)[DATA_SHEET]
        merged = _merged_rows(ws)
        texts = [merged[r] for r in sorted(merged)]
        assert texts == _expected_headings(fy2022, lookup(code).name), code
        assert texts[0].startswith(("１．", "２．", "３．", "４．")) and 2 in merged, code  # right under the header
        # each measure row sits below its own headings: the nearest ◎ and section rows above it are its own
        for r in range(2, ws.max_row + 1):
            if r in merged or not isinstance(ws.cell(r, 1).value, int):
                continue
            m = fy2022.measure(ws.cell(r, 1).value)
            above = [merged[h] for h in sorted(merged) if h < r]
            assert fy2022.section(m.section).title in above, (code, m.id)
            sub = fy2022.subsection(m.subsection) if m.subsection else None
            if sub is not None and sub.title:
                assert above[-1] == sub.title, (code, m.id)


def test_no_item_column_and_no_heading_repeated_in_a_measure_row(fy2022, fy2022_books):
    ws = load_workbook(fy2022_books["MEXT"])[DATA_SHEET]
    assert [c.value for c in ws[1]][:4] == ["施策番号", "具体的取組", "KPI", "担当省庁"]
    assert "項目" not in [c.value for c in ws[1]] and ws.max_column == len(COLUMNS) == 8
    headings = set(_merged_rows(ws).values())
    merged = _merged_rows(ws)
    for r in range(2, ws.max_row + 1):
        if r not in merged:
            assert not any(ws.cell(r, c).value in headings for c in range(1, 9)), r


def test_heading_rows_are_locked_styled_and_never_yellow(books):
    ws = load_workbook(books["MEXT"])[DATA_SHEET]
    assert _merged_rows(ws) == {2: "１．円滑なコミュニケーションと社会参加のための日本語教育等の取組",
                                3: "◎外国人が生活のために必要な日本語等を習得できる環境の整備",
                                6: "３．ライフステージ・ライフサイクルに応じた支援",
                                7: "◎「乳幼児期」、「学齢期」を中心とした外国人に対する支援等"}
    for r, fill, bold in ((2, SECTION_FILL, True), (3, SUBSECTION_FILL, False), (6, SECTION_FILL, True)):
        cell = ws.cell(r, 1)
        assert cell.protection.locked is True, r
        assert cell.fill.fgColor.rgb.endswith(fill) and not cell.fill.fgColor.rgb.endswith("FFF2CC"), r
        assert cell.font.bold is bold and cell.font.size == 8 and cell.alignment.wrap_text, r
        assert cell.border.top.style == "thin"
    (dv,) = ws.data_validations.dataValidation
    assert not any(f"{c}{r}" in str(dv.sqref).split() for c in "FGH" for r in (2, 3, 6, 7))


def test_a_heading_row_is_told_by_its_shape():
    assert is_heading_row(["１．見出し", None, None, ""])
    assert is_heading_row(["どんな文でも", None, None])  # not by its words
    assert not is_heading_row([1, None, None])  # a measure
    assert not is_heading_row(["（1の続き）", None, None])  # a continuation row with empty cells
    assert not is_heading_row(["１．見出し", None, "書いた"])  # something written beside it
    assert not is_heading_row([None, None, None])


def test_a_heading_edited_is_tampering(mini, books):
    edit(books["MEXT"], {"A3": "◎書き換えた見出し"})
    assert only_error(books["MEXT"], mini) == (
        "実施状況照会!A3", "heading row changed: '◎書き換えた見出し', expected "
                         "'◎外国人が生活のために必要な日本語等を習得できる環境の整備'")


def test_a_heading_row_deleted_or_moved_is_tampering(mini, books, tmp_path):
    deleted = edit(books["MEXT"], {}, save_as=tmp_path / "d.xlsx", fn=lambda wb: delete_rows(wb[DATA_SHEET], 7))
    assert only_error(deleted, mini) == (
        "実施状況照会!A7", "heading rows added, deleted or moved: 4 here, "
                         "'◎「乳幼児期」、「学齢期」を中心とした外国人に対する支援等' expected")

    def move(wb):  # the second section's heading row above the repost's row
        ws = wb[DATA_SHEET]
        insert_rows(ws, 5)
        ws.merge_cells("A5:H5")
        ws["A5"] = ws["A7"].value
        delete_rows(ws, 7)
    moved = edit(books["MEXT"], {}, save_as=tmp_path / "m.xlsx", fn=move)
    assert only_error(moved, mini) == (
        "実施状況照会!A5", "heading rows added, deleted or moved: '３．ライフステージ・ライフサイクルに応じた支援' here, "
                         "3 expected")


def test_a_heading_row_unmerged_and_written_in_is_not_a_heading(mini, books):
    def unmerge(wb):
        ws = wb[DATA_SHEET]
        ws.unmerge_cells("A2:H2")
        ws["F2"] = "見出しの行に書いた"
    edit(books["MEXT"], {}, fn=unmerge)
    place, message = only_error(books["MEXT"], mini)
    assert place == "実施状況照会!A2" and "row added" in message


def test_the_ministry_workbook_and_the_shokai_show_the_same_headings(fy2022, fy2022_books):
    """The 照会 prints the headings the ministry workbook's 施策一覧 prints above the same measures."""
    from roadmap_reports.render.xlsx.extract import ministry_workbook
    from roadmap_reports.views import ministry_extract

    ws = ministry_workbook(ministry_extract(fy2022, MEXT))["施策一覧"]
    ours = [v for _r, v in sorted(_merged_rows(load_workbook(fy2022_books["MEXT"])[DATA_SHEET]).items())]
    theirs = [ws.cell(m.min_row, 1).value for m in sorted(ws.merged_cells.ranges, key=lambda m: m.min_row)
              if m.min_row == m.max_row and m.min_col == 1 and m.max_col == ws.max_column]
    assert ours == theirs
    assert not check_workbook(fy2022_books["MEXT"], base=fy2022, fiscal_year=FY).findings


def test_the_instructions_name_the_heading_rows_not_an_item_column(books):
    from roadmap_reports.rounds.layout import HELP_SHEET

    ws = load_workbook(books["MEXT"])[HELP_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "黄色以外の欄（分野と◎の見出しの行、施策番号、具体的取組、KPI、担当省庁、前年度の実施状況）は編集しないでください。" in text
    assert "項目" not in text
