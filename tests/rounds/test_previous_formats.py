"""Workbooks made by the previous release come back: officials may return a 照会 workbook of format …/2 (the 項目
column B repeating the section and ◎ headings on every row) or …/1 (one row per measure, no row_parts). collect
reads each by its own layout (rounds.layout.LAYOUTS), with the same checks.

The …/2 workbooks in tests/fixtures/update_v2/ were written by the release before the heading rows (format …/2),
from tests/fixtures/mini.yaml (every ministry) and data/fy2022.yaml (MEXT, whose measure 1 continues on three
rows below its first), for FY2023; they are stored as that release wrote them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from roadmap_reports.rounds.collect import collect
from roadmap_reports.rounds.layout import DATA_SHEET, FORMATS, META_SHEET
from roadmap_reports.rounds.read import check_workbook
from update_helpers import DATA, FY, build, edit, messages

V2 = Path(__file__).resolve().parents[1] / "fixtures" / "update_v2"


@pytest.fixture(scope="module")
def fy2022():
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(DATA / "fy2022.yaml")


@pytest.fixture
def v2_mini(tmp_path) -> dict[str, Path]:
    """Copies of the format …/2 workbooks of the mini dataset, by ministry code."""
    out = tmp_path / "v2"
    shutil.copytree(V2 / "mini", out)
    return {p.name.split("_")[0]: p for p in sorted(out.glob("*.xlsx"))}


@pytest.fixture
def v2_mext(tmp_path) -> Path:
    """A copy of MEXT's format …/2 workbook of FY2022."""
    (src,) = (V2 / "fy2022").glob("MEXT_*.xlsx")
    return Path(shutil.copy(src, tmp_path / src.name))


def test_the_fixtures_are_of_the_previous_format(v2_mini, v2_mext):
    for path in [*v2_mini.values(), v2_mext]:
        wb = load_workbook(path)
        meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_col=2)}
        ws = wb[DATA_SHEET]
        assert meta["format"] == FORMATS[1] == "roadmap-reports/update-workbook/2", path.name
        assert ws["B1"].value == "項目" and ws.max_column == 9 and not ws.merged_cells.ranges
        assert isinstance(ws["A2"].value, int)  # the first measure right under the header


def test_unedited_previous_format_workbooks_give_the_base_back(mini, v2_mini):
    result = collect(list(v2_mini.values()), base=mini, fiscal_year=FY)
    assert result.clean and not result.findings and not result.updated
    for m in mini.measures:
        assert result.draft.measure(m.id).status == m.status, m.id


def test_unedited_long_statuses_of_the_previous_format_come_back_unchanged(fy2022, v2_mext):
    result = collect([v2_mext], base=fy2022, fiscal_year=FY)
    assert result.clean and not result.findings and not result.updated
    for m in fy2022.measures_of("文部科学省"):
        if m.repost_of is None and not m.status_by_ministry:
            assert result.draft.measure(m.id).status == m.status, m.id


def test_edits_in_a_previous_format_workbook_are_picked_up_at_its_own_cells(mini, v2_mini):
    edit(v2_mini["MEXT"], {"G2": "令和５年度は60件に補助した。", "H2": "市区町村数を70に", "I4": "担当課が変わりました"})
    result = collect(list(v2_mini.values()), base=mini, fiscal_year=FY)
    assert result.clean, result.findings
    assert result.draft.measure(1).status == "令和５年度は60件に補助した。"
    assert [(c.measure, c.place) for c in result.updated] == [(1, "実施状況照会!G2")]
    assert [(c.measure, c.new, c.place) for c in result.remarks] == [(4, "担当課が変わりました", "実施状況照会!I4")]
    assert [(p.measure, p.new) for p in result.kpi_proposals] == [(1, "市区町村数を70に")]


def test_a_long_status_rewritten_across_the_previous_formats_rows(fy2022, v2_mext):
    ws = load_workbook(v2_mext)[DATA_SHEET]
    assert [ws[f"A{r}"].value for r in range(2, 7)] == [1, "（1の続き）", "（1の続き）", "（1の続き）", 2]
    new = (ws["G2"].value.replace("48件", "52件"), "", "・新たに研修を行った。", "")
    edit(v2_mext, {"G2": new[0], "G3": new[1], "G4": new[2], "G5": new[3]})
    result = collect([v2_mext], base=fy2022, fiscal_year=FY)
    assert result.clean, result.findings
    assert result.draft.measure(1).status == "".join(new)
    assert result.draft.measure(2).status == fy2022.measure(2).status


def test_tampering_with_a_previous_format_workbook_is_found(mini, v2_mini, tmp_path):
    src = v2_mini["MEXT"]
    item = edit(src, {"B2": "書き換えた項目"}, save_as=tmp_path / "item.xlsx")
    ((place, message),) = messages(check_workbook(item, base=mini, fiscal_year=FY))
    assert place == "実施状況照会!B2" and message.startswith("locked cell 項目 was edited: '書き換えた項目'")
    initiative = edit(src, {"C2": "書き換えた取組"}, save_as=tmp_path / "initiative.xlsx")
    ((place, message),) = messages(check_workbook(initiative, base=mini, fiscal_year=FY))
    assert place == "実施状況照会!C2" and "locked cell 具体的取組 was edited" in message
    deleted = edit(src, {}, save_as=tmp_path / "deleted.xlsx", fn=lambda wb: wb[DATA_SHEET].delete_rows(3))
    assert messages(check_workbook(deleted, base=mini, fiscal_year=FY)) == [
        ("実施状況照会!A3", "row of measure 3 deleted (expected at row 3)")]


def test_a_first_layout_workbook_is_still_collected(mini, v2_mini):
    """Workbooks circulated before continuation rows (format …/1: one row per measure, no row_parts)."""
    def downgrade(wb):
        ws = wb[META_SHEET]
        for r in range(ws.max_row, 0, -1):
            key = ws.cell(r, 1).value
            if key in ("paper", "row_parts"):
                ws.delete_rows(r)
            elif key == "format":
                ws.cell(r, 2).value = FORMATS[0]
        data = wb[DATA_SHEET]
        data["F1"] = data["F1"].value.replace("\n", "")  # the old headers had no line breaks
    edit(v2_mini["MEXT"], {"G2": "令和５年度は60件に補助した。"}, fn=downgrade)
    result = collect([v2_mini["MEXT"]], base=mini, fiscal_year=FY)
    assert result.clean, result.findings
    assert result.draft.measure(1).status == "令和５年度は60件に補助した。"


def test_a_round_of_both_formats(mini, v2_mini, tmp_path):
    """Some ministries return the previous release's workbook, others this one's: one round all the same."""
    new = build(mini, tmp_path / "new")
    edit(v2_mini["MEXT"], {"G2": "旧形式で記入した。"})
    edit(new["MOJ"], {"F4": "新形式で記入した。"})
    result = collect([v2_mini["MEXT"], new["MOJ"], new["MHLW"]], base=mini, fiscal_year=FY)
    assert result.clean, result.findings
    assert result.draft.measure(1).status == "旧形式で記入した。"
    assert result.draft.measure(2).status == "新形式で記入した。"
    assert [(c.measure, c.place) for c in result.updated] == [(1, "実施状況照会!G2"), (2, "実施状況照会!F4")]


def test_fill_returns_fills_both_formats_alike(mini, v2_mini, tmp_path):
    """scripts/fill_returns.py answers a workbook of either format in its own columns, passing over the heading
    rows: the same measures come back with the same illustrative sentence."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "fill_returns", Path(__file__).resolve().parents[2] / "scripts" / "fill_returns.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    drafts = []
    for name, books in (("v2", v2_mini), ("v3", build(mini, tmp_path / "v3"))):
        (tmp_path / f"{name}-r").mkdir()
        answered = {code: script.fill(path, mini, tmp_path / f"{name}-r" / path.name) for code, path in books.items()}
        assert answered == {"MEXT": 2, "MOJ": 2, "MHLW": 1}, name  # every own measure, no repost, no heading
        result = collect(sorted((tmp_path / f"{name}-r").glob("*.xlsx")), base=mini, fiscal_year=FY)
        assert result.clean, (name, result.findings)
        drafts.append({m.id: m.status for m in result.draft.measures})
    assert drafts[0] == drafts[1]
    assert drafts[0][1] == mini.measure(1).status + script.ADDED
