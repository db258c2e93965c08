"""A 照会 workbook of the real FY2022 dataset as MEXT receives it and sends it back: measure 1's 1,252-character
status continues on the rows below (「（1の続き）」), the ministry rewrites it across those cells, collect joins
them back exactly; tampering with a continuation row is still found; the deadline and contact are printed."""

from __future__ import annotations

import copy

import pytest
from openpyxl import load_workbook

from roadmap_reports.rounds.collect import collect
from roadmap_reports.rounds.layout import CONTINUED, DATA_SHEET, FORMATS, HELP_SHEET, META_SHEET
from roadmap_reports.rounds.read import check_workbook
from update_helpers import DATA, FY, MEXT, build, delete_rows, edit, meta, messages

CONTACT = "内閣府 共生社会推進室 山田 03-1234-5678 kyosei@example.go.jp"


@pytest.fixture(scope="module")
def fy2022():
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(DATA / "fy2022.yaml")


@pytest.fixture
def mext(fy2022, tmp_path):
    import datetime as dt

    return build(fy2022, tmp_path, ministries=[MEXT], deadline=dt.date(2024, 4, 30), contact=CONTACT)["MEXT"]


def test_measure_1_takes_four_rows_recorded_in_the_metadata(mext):
    """At Yu Gothic's line height in Excel (1.7× the size) a 409 pt row holds 29 lines of 8 pt: measure 1's
    status takes four rows."""
    ws = load_workbook(mext)[DATA_SHEET]
    assert [ws[f"A{r}"].value for r in range(4, 9)] == [1] + [CONTINUED.format(n=1)] * 3 + [2]  # under 2 headings
    m = meta(mext)
    assert m["format"] == FORMATS[-1] and m["paper"] == "A4"
    assert m["row_parts"].split(",")[0] == "4"
    assert len(m["row_parts"].split(",")) == len(m["measure_ids"].split(","))
    assert sum(map(int, m["row_parts"].split(","))) + len(ws.merged_cells.ranges) == ws.max_row - 1  # + headings
    # the continuation rows' entry cells are editable and validated like the first
    assert ws["F5"].protection.locked is False and ws["G6"].protection.locked is False
    assert ws["E5"].protection.locked is True
    (dv,) = ws.data_validations.dataValidation
    assert all(f"{c}{r}" in dv.sqref for c in "FGH" for r in (4, 5, 6, 7))
    reposts = [r for r in range(2, ws.max_row + 1) if str(ws[f"F{r}"].value).startswith("（再掲：")]
    assert reposts and not any(f"F{r}" in dv.sqref for r in reposts)
    assert not any(f"{c}{r}" in dv.sqref for c in "FGH" for r in (2, 3))  # the heading rows


def test_a_long_status_rewritten_across_its_rows_is_read_back_exactly(fy2022, mext):
    old = fy2022.measure(1).status
    first = load_workbook(mext)[DATA_SHEET]["F4"].value
    new_first = first.replace("48件", "52件")
    assert new_first != first
    new = (new_first + "令和５年度は60件に補助した。",   # a sentence added at the end of the first part
           "",                                          # the second part deleted
           "・新たに研修を行った。\n（続きの段落）",       # the third rewritten, two paragraphs
           "")                                          # the fourth deleted
    edit(mext, {"F4": new[0], "F5": new[1], "F6": new[2], "F7": new[3], "H5": "第2段落は削除しました"})
    result = collect([mext], base=fy2022, fiscal_year=FY)
    assert result.clean, result.findings
    assert result.draft.measure(1).status == "".join(new)
    assert result.draft.measure(1).status != old
    assert [(c.measure, c.new) for c in result.remarks] == [(1, "第2段落は削除しました")]
    assert result.draft.measure(2).status == fy2022.measure(2).status  # the rows after it read as before


def test_untouched_long_statuses_come_back_unchanged(fy2022, mext):
    result = collect([mext], base=fy2022, fiscal_year=FY)
    assert result.clean and not result.updated
    for m in fy2022.measures_of("文部科学省"):
        if m.repost_of is None and not m.status_by_ministry:
            assert result.draft.measure(m.id).status == m.status, m.id


def test_a_continuation_row_edited_or_relabelled_is_tampering(fy2022, mext, tmp_path):
    edited = edit(mext, {"E5": "書き換えた前年度の文"}, save_as=tmp_path / "a.xlsx")
    ((place, message),) = messages(check_workbook(edited, base=fy2022, fiscal_year=FY))
    assert place == "実施状況照会!E4" and "locked cell 令和４年度の実施状況（参考） was edited" in message
    relabelled = edit(mext, {"A5": 7}, save_as=tmp_path / "b.xlsx")
    assert messages(check_workbook(relabelled, base=fy2022, fiscal_year=FY))[0] == (
        "実施状況照会!A5", "row added (施策番号 7)")
    deleted = edit(mext, {}, save_as=tmp_path / "d.xlsx", fn=lambda wb: delete_rows(wb[DATA_SHEET], 5))
    assert messages(check_workbook(deleted, base=fy2022, fiscal_year=FY)) == [(
        "実施状況照会!A7", "a continuation row of measure 1 was added, deleted or changed: 2 here, '（1の続き）' "
                         "expected")]
    first_deleted = edit(mext, {}, save_as=tmp_path / "e.xlsx", fn=lambda wb: delete_rows(wb[DATA_SHEET], 8))
    assert messages(check_workbook(first_deleted, base=fy2022, fiscal_year=FY))[0] == (
        "実施状況照会!A9", "row of measure 2 deleted (expected at row 8)")


def test_metadata_rows_altered_is_tampering(fy2022, mext, tmp_path):
    def alter(wb):
        ws = wb[META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == "row_parts":
                row[1].value = "1," + row[1].value
    bad = edit(mext, {}, save_as=tmp_path / "c.xlsx", fn=alter)
    ((place, message),) = messages(check_workbook(bad, base=fy2022, fiscal_year=FY))
    assert place.startswith("_meta!B") and "the rows of each measure" in message


def test_deadline_and_contact_on_the_instructions_and_in_the_page_header(mext):
    wb = load_workbook(mext)
    text = "\n".join(str(c.value) for row in wb[HELP_SHEET].iter_rows() for c in row if c.value)
    assert f"提出期限：令和６年４月30日　／　問合せ先：{CONTACT}" in text
    assert f"照会元の事務局（{CONTACT}）あてに、令和６年４月30日までにメールで返送してください。" in text
    assert "照会の際にお知らせした期限" not in text
    header = wb[DATA_SHEET].oddHeader
    assert header.left.text == f"文部科学省　提出期限：令和６年４月30日　／　問合せ先：{CONTACT}"
    assert wb[DATA_SHEET].evenHeader.left.text == header.left.text
    assert header.right.text == "令和５年度 ロードマップ実施状況照会（文部科学省）"
    # the KPI実績 sheet prints the same way: A4 at 100 %, 8 pt, the deadline and contact in its header
    kpi = wb["KPI実績"]
    assert kpi.oddHeader.left.text == header.left.text
    assert kpi.oddHeader.right.text == "令和５年度 ロードマップKPI実績照会（文部科学省）"
    assert kpi.page_setup.scale == 100 and int(kpi.page_setup.paperSize) == 9
    assert {kpi.cell(r, c).font.size for r in range(1, kpi.max_row + 1) for c in range(1, 8)} == {8}
    assert kpi["C2"].border.left.style == "thin"


def test_without_deadline_the_instructions_say_as_before(mini, books):
    wb = load_workbook(books["MEXT"])
    text = "\n".join(str(c.value) for row in wb[HELP_SHEET].iter_rows() for c in row if c.value)
    assert "照会の際にお知らせした期限までに" in text and "提出期限" not in text
    assert wb[DATA_SHEET].oddHeader.left.text == "文部科学省"


def test_a_long_contact_is_cut_in_the_header_only(mini, tmp_path):
    from roadmap_reports.office import HEADER_FOOTER_MAX_CHARS
    from roadmap_reports.render.xlsx.common import _header_length  # noqa: PLC2701 - the one rule, measured

    contact = "内閣府 共生社会推進室 " + "&担当" * 120
    path = build(mini, tmp_path, ministries=[MEXT], contact=contact)["MEXT"]
    wb = load_workbook(path)
    header = wb[DATA_SHEET].oddHeader
    assert header.left.text.endswith("…") and "&&担当" in header.left.text
    assert _header_length(header.left.text.replace("&&", "&"), header.right.text) <= HEADER_FOOTER_MAX_CHARS
    text = "\n".join(str(c.value) for row in wb[HELP_SHEET].iter_rows() for c in row if c.value)
    assert contact in text  # whole on the instructions


def test_cli_deadline_contact_and_a_bad_deadline(mini_path, tmp_path):
    from conftest import invoke

    out = tmp_path / "round"
    r = invoke("build", mini_path, "--for-update", "--deadline", "2024-04-30", "--contact", "事務局 03-0000-0000",
               "--paper", "a3", "-m", "MEXT", "-o", out)
    assert r.exit_code == 0, r.output
    ws = load_workbook(next(out.glob("*.xlsx")))[DATA_SHEET]
    assert ws.oddHeader.left.text == "文部科学省　提出期限：令和６年４月30日　／　問合せ先：事務局 03-0000-0000"
    assert int(ws.page_setup.paperSize) == 8 and ws["F4"].font.size == ws["A2"].font.size == 10
    for bad in ("2024-04-31", "30/04/2024", "2024-4-30", "令和6年4月30日"):
        r = invoke("build", mini_path, "--for-update", "--deadline", bad, "-o", tmp_path / "bad")
        assert r.exit_code == 2, (bad, r.output)
        assert f"Error: Invalid value for '--deadline': '{bad}' is not a date (write it as YYYY-MM-DD" in r.stderr
        assert "Traceback" not in r.output and not (tmp_path / "bad").exists()
    r = invoke("build", mini_path, "--deadline", "2024-04-30", "-o", tmp_path / "bad")
    assert r.exit_code == 2 and "--deadline and --contact only apply with --for-update" in r.stderr
