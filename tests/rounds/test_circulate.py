"""Workbooks for update: what a ministry receives (build_update_workbooks / write_update_workbook)."""

from __future__ import annotations

import copy
import datetime as dt
import html
import re
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from roadmap_reports.errors import RenderError, UsageError
from roadmap_reports.office import VALIDATION_MAX_CHARS
from roadmap_reports.rounds.circulate import PROMPT, TOO_LONG
from roadmap_reports.rounds.layout import (COLUMNS, DATA_SHEET, FORMAT, HELP_SHEET, META_KEYS, META_SHEET, checksum,
                                           rows_for)
from update_helpers import MEXT, MOJ, build


def test_one_workbook_per_ministry_with_era_file_names(mini, tmp_path):
    seen = []
    paths = build(mini, tmp_path, progress=seen.append)
    assert sorted(p.name for p in paths.values()) == [
        "MEXT_文部科学省_令和5年度_照会.xlsx", "MHLW_厚生労働省_令和5年度_照会.xlsx", "MOJ_法務省_令和5年度_照会.xlsx"]
    assert sorted(seen) == sorted(paths.values())


def test_only_the_ministries_asked_for(mini, tmp_path):
    paths = build(mini, tmp_path, ministries=[MOJ])
    assert list(paths) == ["MOJ"]


def test_measures_sheet_rows_and_reference_columns(books):
    wb = load_workbook(books["MEXT"])
    assert wb.sheetnames == [HELP_SHEET, DATA_SHEET, "KPI実績", META_SHEET]
    ws = wb[DATA_SHEET]
    assert [c.value for c in ws[1]] == ["施策番号", "具体的取組", "KPI", "担当省庁", "令和４年度の実施状況\n（参考）",
                                       "令和５年度の実施状況\n（記入）", "KPI変更案\n（任意）", "備考\n（事務局への\n連絡）"]
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == [
        "１．円滑なコミュニケーションと社会参加のための日本語教育等の取組",
        "◎外国人が生活のために必要な日本語等を習得できる環境の整備", 1, 3,
        "３．ライフステージ・ライフサイクルに応じた支援", "◎「乳幼児期」、「学齢期」を中心とした外国人に対する支援等", 4]
    # measure 4 is tagged 【文科省】/【法務省】: MEXT sees and pre-fills only its own part
    assert ws["E8"].value == ws["F8"].value == "外国人の子供の就学実態に関する調査を実施、公表する。"
    assert ws["D8"].value == "文部科学省、法務省"
    # the repost is a reference: its target's text, nothing to fill
    assert ws["B5"].value.startswith("（再掲：施策番号1）\n都道府県・指定都市が")
    assert ws["F5"].value == "（再掲：施策番号1の行に記入してください）"
    moj = load_workbook(books["MOJ"])[DATA_SHEET]
    assert moj["E7"].value == "受入環境調整担当官を通じて一元的相談窓口等に対し就学に関する情報提供を行った。"


def test_text_that_looks_like_a_formula_stays_text(books):
    ws = load_workbook(books["MOJ"])[DATA_SHEET]
    assert ws["F4"].value == "+81 を含む状況 @ 記号"
    assert ws["F4"].data_type == "s"
    assert ws["B4"].value == "「=SUM(A1)」や{{ 変数 }}、<b>&amp;</b> を含む取組"


def test_protection_locked_and_editable_cells(books):
    wb = load_workbook(books["MEXT"])
    for ws in wb.worksheets:
        assert ws.protection.sheet is True
        assert not ws.protection.password
    assert wb.security.lockStructure
    ws = wb[DATA_SHEET]
    for ref in ("F4", "G4", "H4", "F8", "G8", "H8"):
        assert ws[ref].protection.locked is False, ref
        assert ws[ref].fill.fgColor.rgb.endswith("FFF2CC")
        assert ws[ref].border.left.style == "medium"
    for ref in ("A4", "B4", "C4", "D4", "E4", "F1", "F5", "G5", "H5", "B8"):
        assert ws[ref].protection.locked is True, ref


def test_protection_is_in_the_saved_xml(books):
    with zipfile.ZipFile(books["MEXT"]) as z:
        sheet = z.read("xl/worksheets/sheet2.xml").decode()
        styles = z.read("xl/styles.xml").decode()
        workbook = z.read("xl/workbook.xml").decode()
    assert '<sheetProtection' in sheet and 'sheet="1"' in sheet and 'insertRows="1"' in sheet
    assert 'deleteRows="1"' in sheet and 'formatRows="0"' in sheet
    assert 'locked="0"' in styles
    assert '<workbookProtection lockStructure="1"/>' in workbook
    assert 'state="veryHidden"' in workbook


def test_password_is_optional(mini, tmp_path):
    path = build(mini, tmp_path, ministries=[MEXT], password="s3cret")["MEXT"]
    wb = load_workbook(path)
    assert wb[DATA_SHEET].protection.password  # stored hashed
    assert wb[DATA_SHEET].protection.password != "s3cret"
    assert wb.security.workbookPassword


def test_length_validation_on_editable_cells(books):
    ws = load_workbook(books["MEXT"])[DATA_SHEET]
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.operator, dv.formula1) == ("textLength", "lessThanOrEqual", "32767")
    assert dv.showErrorMessage and dv.showInputMessage and dv.errorStyle == "stop"
    assert "32,767文字" in dv.error and "Alt+Enter" in dv.prompt
    assert str(dv.sqref) == "F4 F8 G4 G8 H4 H8"  # not the repost's row 5, nor the heading rows


def test_validation_messages_fit_excels_limit():
    """Excel refuses a data validation whose prompt or error message is longer than 255 characters."""
    assert len(PROMPT) <= VALIDATION_MAX_CHARS and len(TOO_LONG) <= VALIDATION_MAX_CHARS


def _with_year(roadmap, fiscal_year: int, title_year: str):
    rm = copy.deepcopy(roadmap)
    rm.fiscal_year, rm.as_of = fiscal_year, dt.date(fiscal_year + 1, 3, 31)
    rm.title = f"{title_year}外国人との共生社会の実現に向けたロードマップの実施状況"
    return rm


@pytest.mark.parametrize("base_year, base_label, target_label, file_label", [
    (2018, "平成30年度", "令和元年度", "令和元年度"),
    (2019, "令和元年度", "令和２年度", "令和2年度"),
    (2027, "令和９年度", "令和10年度", "令和10年度"),
])
def test_years_are_printed_as_the_report_prints_them(mini, tmp_path, base_year, base_label, target_label, file_label):
    """Headers, instructions and page headers: 元 for a first year, one digit full-width, the era of the
    fiscal year; file names keep ASCII digits. collect reads the round back and names the draft's year."""
    from roadmap_reports.rounds.collect import collect

    base = _with_year(mini, base_year, base_label)
    paths = build(base, tmp_path, fiscal_year=base_year + 1)
    assert paths["MEXT"].name == f"MEXT_文部科学省_{file_label}_照会.xlsx"
    wb = load_workbook(paths["MEXT"])
    ws = wb[DATA_SHEET]
    assert [ws["E1"].value, ws["F1"].value] == [f"{base_label}の実施状況\n（参考）", f"{target_label}の実施状況\n（記入）"]
    assert ws.oddHeader.right.text == f"{target_label} ロードマップ実施状況照会（文部科学省）"
    help_text = "\n".join(str(c.value) for row in wb[HELP_SHEET].iter_rows() for c in row if c.value)
    assert help_text.startswith(f"{target_label}「外国人との共生社会の実現に向けたロードマップ」実施状況の照会\n")
    assert f"{base_label}の実施状況を基に、{target_label}の実施状況をシート" in help_text
    every_text = html.unescape("".join(zipfile.ZipFile(paths["MEXT"]).read(n).decode("utf-8")
                                       for n in zipfile.ZipFile(paths["MEXT"]).namelist()))
    every_text = every_text.replace(paths["MEXT"].name, "")  # the instructions name the file
    assert not re.search(r"令和[1１]年|(令和|平成)[0-9]年", every_text)
    result = collect(list(paths.values()), base=base, fiscal_year=base_year + 1)
    assert result.clean and result.draft.title.startswith(target_label)


def test_instructions_sheet(books):
    ws = load_workbook(books["MEXT"])[HELP_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert ws.parent.active.title == HELP_SHEET
    for phrase in ("令和５年度「外国人との共生社会の実現に向けたロードマップ」実施状況の照会", "照会先：文部科学省",
                   "施策 2 件（ほかに再掲 1 行）", "黄色", "行・列の追加、削除、並べ替え", "マクロ有効ブック（.xlsm）",
                   "MEXT_文部科学省_令和5年度_照会.xlsx", "パスワードを設定しないでください", "KPIの変更を提案"):
        assert phrase in text, phrase


def test_metadata_sheet_is_very_hidden_and_complete(mini, books):
    wb = load_workbook(books["MEXT"])
    ws = wb[META_SHEET]
    assert ws.sheet_state == "veryHidden"
    meta = {r[0].value: r[1].value for r in ws.iter_rows(max_col=2)}
    assert list(meta) == list(META_KEYS)
    assert meta["format"] == FORMAT
    assert (meta["dataset_title"], meta["base_fiscal_year"], meta["target_fiscal_year"]) == (mini.title, "2022", "2023")
    assert (meta["ministry_code"], meta["ministry_name"], meta["measure_ids"]) == ("MEXT", "文部科学省", "1,3,4")
    assert meta["checksum"] == checksum([r.locked() for r in rows_for(mini, MEXT)])
    assert len(meta["checksum"]) == 64


def test_fonts_and_print_setup(books):
    """A4 landscape at 100 %: the body at 8 pt (the published report's size), never shrunk to one page wide."""
    ws = load_workbook(books["MEXT"])[DATA_SHEET]
    assert ws["B4"].font.name == "Yu Gothic"
    cells = [ws.cell(r, c) for r in range(1, ws.max_row + 1) for c in range(1, 9)]
    assert {c.font.size for c in cells if not isinstance(c, MergedCell)} == {8}  # a merged row shows its first cell
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.scale == 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.freeze_panes == "A2"  # the header row; not column A, which the heading rows span
    assert ws.oddFooter.center.text == "&P / &N"


def _widths(ws) -> dict[str, float]:
    return {k: ws.column_dimensions[chr(ord("A") + i)].width for i, (k, _h, _s) in enumerate(COLUMNS)}


def _heading_rows(ws) -> list[int]:
    """The rows merged across the whole table (the section and ◎ heading rows)."""
    return sorted(m.min_row for m in ws.merged_cells.ranges
                  if m.min_row == m.max_row and (m.min_col, m.max_col) == (1, len(COLUMNS)))


def _row_lines(ws, r: int, w: dict, pt: float) -> int:
    """The lines the row's tallest text takes: a heading row's text across the table, a measure's in its cells."""
    from roadmap_reports.render.xlsx import fit

    if r in _heading_rows(ws):
        return fit.lines_of(str(ws.cell(r, 1).value), sum(w.values()), pt)
    return max(fit.lines_of(str(ws.cell(r, c).value or "").rstrip("\n"), w[k], pt)
               for c, (k, _h, _s) in enumerate(COLUMNS, start=1))


@pytest.mark.parametrize("paper, size, code", [("A4", 8, 9), ("A3", 10, 8)])
def test_columns_fill_the_paper_and_reference_and_entry_are_equally_wide(mini, tmp_path, paper, size, code):
    from roadmap_reports.render.paper import paper as paper_named
    from roadmap_reports.render.xlsx.fit import printable_units

    ws = load_workbook(build(mini, tmp_path, ministries=[MEXT], paper=paper)["MEXT"])[DATA_SHEET]
    w = _widths(ws)
    assert w["reference"] == w["status"]  # the same text wraps alike side by side
    assert w["reference"] == max(w.values())
    assert 0.9 * printable_units(paper_named(paper)) < sum(w.values()) <= printable_units(paper_named(paper))
    assert int(ws.page_setup.paperSize) == code and ws.page_setup.scale == 100
    assert ws["F4"].font.size == ws["E4"].font.size == ws["A2"].font.size == ws["A1"].font.size == size


def test_byte_identical_build(mini, tmp_path):
    a = build(mini, tmp_path / "a")
    b = build(mini, tmp_path / "b")
    for code in a:
        assert a[code].read_bytes() == b[code].read_bytes(), code


def test_year_must_follow_the_base(mini, tmp_path):
    with pytest.raises(UsageError, match=r"the fiscal year to report \(2022\) must come after the base dataset's FY2022"):
        build(mini, tmp_path, fiscal_year=2022)
    assert not list(tmp_path.iterdir())


def test_a_ministry_without_measures_is_refused(mini, tmp_path):
    from roadmap_reports.ministries import lookup

    with pytest.raises(RenderError, match="外務省 has no measures in this dataset"):
        build(mini, tmp_path, ministries=[lookup("MOFA")])


def test_real_dataset_long_status_continues_on_rows_that_fit(tmp_path):
    """MEXT's measure 1 (1,252 characters) continues on rows below, split after 「。」: every row within Excel's
    409 pt and as tall as its text (one spare line at most), the parts joined give the text back."""
    from roadmap_reports.render.xlsx import fit
    from roadmap_reports.render.paper import paper as paper_named
    from roadmap_reports.sources.dataset import load_roadmap
    from update_helpers import DATA

    roadmap = load_roadmap(DATA / "fy2022.yaml")
    ws = load_workbook(build(roadmap, tmp_path, ministries=[MEXT])["MEXT"])[DATA_SHEET]
    a4, w = paper_named("A4"), _widths(ws)
    col = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert col[:7] == [roadmap.section("1").title, roadmap.subsection("1-1").title,
                       1, "（1の続き）", "（1の続き）", "（1の続き）", 2]  # 4 rows at Yu Gothic's 1.7× line
    status = roadmap.measure(1).status
    parts = [ws[f"F{r}"].value for r in (4, 5, 6, 7)]
    assert "".join(ws[f"E{r}"].value for r in (4, 5, 6, 7)) == "".join(parts) == status
    # never mid-sentence: each part ends at a 「。」 or at a paragraph's end (the third: 「…（令和５年度募集）\n」)
    assert all(p.endswith(("。", "\n")) for p in parts)
    assert _heading_rows(ws)[:2] == [2, 3]
    for r in range(2, ws.max_row + 1):
        lines = _row_lines(ws, r, w, a4.body_pt)
        assert lines <= fit.max_lines(a4.body_pt), r  # no cell needs more than a row holds
        assert ws.row_dimensions[r].height == fit.row_height(lines, a4.body_pt) <= 409, r


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_no_cell_of_any_ministry_needs_more_than_a_row(tmp_path, paper):
    """Every ministry's workbook of FY2022: no cell's text needs more lines than 409 pt hold at its width and
    the paper's body size, and each measure's cells joined are its texts exactly."""
    from roadmap_reports.render.paper import paper as paper_named
    from roadmap_reports.render.xlsx import fit
    from roadmap_reports.sources.dataset import load_roadmap
    from update_helpers import DATA

    roadmap = load_roadmap(DATA / "fy2022.yaml")
    p = paper_named(paper)
    continued = 0
    for code, path in build(roadmap, tmp_path, paper=paper).items():
        ws = load_workbook(path)[DATA_SHEET]
        w = _widths(ws)
        for r in range(2, ws.max_row + 1):
            assert _row_lines(ws, r, w, p.body_pt) <= fit.max_lines(p.body_pt), (code, r)
        from roadmap_reports.ministries import lookup

        rows, r, headings = rows_for(roadmap, lookup(code)), 2, set(_heading_rows(ws))
        for row in rows:
            while r in headings:
                r += 1
            n = 1
            while r + n <= ws.max_row and ws.cell(r + n, 1).value == f"（{row.id}の続き）":
                n += 1
            continued += n > 1
            assert "".join(str(ws[f"E{i}"].value or "") for i in range(r, r + n)) == row.reference, (code, row.id)
            r += n
        assert r == ws.max_row + 1
    assert continued >= 5  # MEXT 1, 2, 5, 8, MLIT 94, MOJ 29


def test_cli_build_for_update_then_collect(mini_path, tmp_path):
    from conftest import invoke

    out = tmp_path / "round2023"
    r = invoke("build", mini_path, "--for-update", "--fiscal-year", 2023, "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stderr.strip() == f"Wrote 3 files for 3 ministries (5 measures) to {out}"
    files = sorted(out.glob("*.xlsx"))
    assert [p.name for p in files] == ["MEXT_文部科学省_令和5年度_照会.xlsx", "MHLW_厚生労働省_令和5年度_照会.xlsx",
                                       "MOJ_法務省_令和5年度_照会.xlsx"]
    r = invoke("collect", *files, "--base", mini_path, "--fiscal-year", 2023, "-o", tmp_path / "draft.yaml")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Collected 3 workbooks for FY2023 (base: FY2022): 3 accepted, 0 rejected.\n")
