"""The sheet for the screen (施策データ, render/xlsx/screen.py) of the ministry workbooks and the overview, reopened
with openpyxl: last, after the printed sheets; one row per measure in report order, under one header row with an
autofilter over the whole table, frozen with the 施策番号 column; the stored texts exactly; columns empty for
every row of the file dropped; every cell's text within its row (409 pt at most), widening a column when a text
needs it; printed at 100 % on A4 landscape. Rendered by LibreOffice: every status in the PDF, the body at 10 pt."""

from __future__ import annotations

import io
import subprocess

import openpyxl
import pytest

from roadmap_reports import views as book
from roadmap_reports.office import COLUMN_MAX_UNITS, ROW_MAX_POINTS
from roadmap_reports.render.paper import PAPERS
from roadmap_reports.render.report.view import kpi_text
from roadmap_reports.render.xlsx import extract, fit, overview
from roadmap_reports.sources.dataset import load_roadmap

from build_helpers import dataset_with
from conftest import DATA
from report_helpers import HAS_SOFFICE, NO_SOFFICE, squeeze

SHEET = "施策データ"
PT = 10
ALL = ["施策番号", "分野", "小項目", "具体的取組", "KPI", "担当省庁", "共管省庁", "再掲元", "実施状況", "実施状況（公表全文）"]


@pytest.fixture(scope="module")
def fy2022():
    return load_roadmap(DATA / "fy2022.yaml")


def ministry(roadmap, code, paper="A4"):
    view = book.ministry_extract(roadmap, code)
    return openpyxl.load_workbook(io.BytesIO(extract.ministry_workbook_bytes(view, paper=paper))), view


def whole(roadmap, paper="A4"):
    view = book.overview(roadmap)
    return openpyxl.load_workbook(io.BytesIO(overview.overview_workbook_bytes(view, paper=paper))), view


def expected_row(m) -> dict:
    """What each column of a measure's row must hold, from the view (None: an empty cell)."""
    status = f"施策{m.repost_of}の実施状況を参照" if m.is_repost else m.status
    row = {"施策番号": m.id, "分野": m.section.title, "小項目": m.subsection.title if m.subsection else None,
           "具体的取組": m.initiative, "KPI": kpi_text(m.kpis) or None, "担当省庁": "\n".join(m.owners) or None,
           "共管省庁": "\n".join(m.co_owners) or None, "再掲元": m.repost_of,
           "実施状況": status or None, "実施状況（公表全文）": m.full_status if m.status_is_part else None}
    return row


def rows_of(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]


def test_the_sheet_comes_last_and_the_printed_one_opens(fy2022):
    wb, _ = ministry(fy2022, "MEXT")
    assert wb.sheetnames == ["施策一覧", "KPIの進捗", SHEET] and wb.active.title == "施策一覧"
    wb, _ = whole(fy2022)
    assert wb.sheetnames == ["集計", "全施策", SHEET] and wb.active.title == "集計"


@pytest.mark.parametrize("kind", ["MEXT", "MOJ", "overview"])
def test_one_row_per_measure_with_the_stored_texts(fy2022, kind):
    wb, view = whole(fy2022) if kind == "overview" else ministry(fy2022, kind)
    ws = wb[SHEET]
    header = [c.value for c in ws[1]]
    expected = [expected_row(m) for m in view.measures]
    present = [h for h in ALL if any(e[h] is not None for e in expected)]  # a column some row fills
    assert header == present
    assert [r["施策番号"] for r in rows_of(ws)] == [m.id for m in view.measures]  # report order, no heading rows
    assert ws.max_row == len(view.measures) + 1
    assert rows_of(ws) == [{h: e[h] for h in present} for e in expected]


def test_columns_follow_what_the_file_has(fy2022, mini):
    assert "共管省庁" in rows_of(ministry(fy2022, "MEXT")[0][SHEET])[0]  # 文部科学省 shares measures
    assert "実施状況（公表全文）" in rows_of(ministry(fy2022, "MEXT")[0][SHEET])[0]  # and a tagged status
    header = [c.value for c in whole(fy2022)[0][SHEET][1]]
    assert "共管省庁" not in header and "実施状況（公表全文）" not in header  # 担当省庁 lists every owner
    header = [c.value for c in ministry(mini, "MHLW")[0][SHEET][1]]
    assert header == ["施策番号", "分野", "小項目", "具体的取組", "KPI", "担当省庁", "実施状況"]


@pytest.mark.parametrize("kind", ["MEXT", "overview"])
def test_filter_over_the_whole_table_and_frozen_header_and_number(fy2022, kind):
    from openpyxl.utils import get_column_letter

    wb, view = whole(fy2022) if kind == "overview" else ministry(fy2022, kind)
    ws = wb[SHEET]
    assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{len(view.measures) + 1}"
    assert ws.freeze_panes == "B2"
    assert ws["B2"].alignment.wrap_text and ws["B2"].alignment.vertical == "top"
    assert ws["A2"].font.sz == PT


def _lines(ws, row: int) -> int:
    from openpyxl.utils import get_column_letter

    return max(fit.lines_of(str(c.value or ""), ws.column_dimensions[get_column_letter(c.column)].width, PT)
               for c in ws[row])


def check_fits(ws) -> None:
    """Every cell's lines within its row: the row at most one line taller than its tallest text, never over
    409 pt, and no text taller than the row holds."""
    line = PT * fit.LINE_FACTOR
    for row in range(2, ws.max_row + 1):
        lines, height = _lines(ws, row), ws.row_dimensions[row].height
        assert lines <= fit.max_lines(PT), (row, lines)
        assert lines * line <= height <= lines * line + line, (row, lines, height)
        assert height <= ROW_MAX_POINTS


@pytest.mark.parametrize("kind", ["MEXT", "MOJ", "overview"])
def test_every_text_fits_its_row(fy2022, kind):
    ws = (whole(fy2022) if kind == "overview" else ministry(fy2022, kind))[0][SHEET]
    check_fits(ws)
    room = fit.printable_units(PAPERS["A4"]) - ws.column_dimensions["A"].width
    assert sum(ws.column_dimensions[c].width for c in "BCD") <= room  # 分野, 小項目, 具体的取組: one page wide
    header = [c.value for c in ws[1]]
    status = ws.column_dimensions[chr(ord("A") + header.index("実施状況"))].width
    assert status <= room  # a printed page holds the column, beside the repeated 施策番号


def test_a_status_too_tall_for_its_column_widens_the_column(tmp_path, mini):
    long = "日本語教育の体制づくりを進めた。" * 200  # 3,200 characters, one paragraph
    rm = load_roadmap(dataset_with(tmp_path / "long.yaml", {5: {"status": long}}))
    ws = ministry(rm, "MHLW")[0][SHEET]
    width = ws.column_dimensions["G"].width
    assert ws["G1"].value == "実施状況" and ws["G2"].value == long  # the whole text, in one cell
    assert width > fit.printable_units(PAPERS["A4"])  # wider than a page: it needed to be
    assert fit.lines_of(long, width - 0.2, PT) > fit.max_lines(PT)  # and no wider than it needed
    check_fits(ws)


def test_a_status_no_column_can_hold_stops_at_excels_limits(tmp_path, mini):
    long = "日本語教育の体制づくりを進めた。" * 400  # 6,400 characters
    rm = load_roadmap(dataset_with(tmp_path / "long.yaml", {5: {"status": long}}))
    ws = ministry(rm, "MHLW")[0][SHEET]
    assert ws["G2"].value == long
    assert ws.column_dimensions["G"].width == COLUMN_MAX_UNITS and ws.row_dimensions[2].height == ROW_MAX_POINTS


@pytest.mark.parametrize("paper, size", [("A4", 9), ("A3", 8)])
def test_prints_at_100_percent_with_titles_and_page_numbers(mini, paper, size):
    ws = ministry(mini, "MEXT", paper)[0][SHEET]
    assert int(ws.page_setup.paperSize) == size and ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.scale) == 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$A"
    assert ws.oddFooter.center.text == "&P / &N"


@pytest.fixture(scope="module")
def pdfs(fy2022, tmp_path_factory):
    """{kind: (pdf of the screen sheet alone, its measures)}: one LibreOffice run."""
    folder = tmp_path_factory.mktemp("screen")
    out = {}
    for kind, (wb, view) in (("MEXT", ministry(fy2022, "MEXT")), ("overview", whole(fy2022))):
        for name in wb.sheetnames[:-1]:
            del wb[name]
        wb.save(folder / f"{kind}.xlsx")
        out[kind] = (folder / f"{kind}.pdf", view.measures)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *sorted(str(folder / f"{k}.xlsx") for k in out)],
                   check=True, capture_output=True, timeout=300)
    return out


@pytest.mark.skipif(not HAS_SOFFICE, reason=NO_SOFFICE)
@pytest.mark.parametrize("kind", ["MEXT", "overview"])
def test_printed_every_status_is_there_at_10_pt(pdfs, kind):
    import pdfplumber

    path, measures = pdfs[kind]
    text, body, sizes = "", [], []
    with pdfplumber.open(path) as pdf:
        for pg in pdf.pages:
            number = next(w for w in pg.extract_words() if w["text"] == "施策番号")
            sizes += [c["size"] for c in pg.chars]
            right = pg.crop((number["x1"] + 4, number["bottom"] + 2, pg.width, pg.height - 40))
            text += squeeze(right.extract_text() or "")  # the columns right of the repeated 施策番号
            body += [c["size"] for c in right.chars if c["text"].strip()]
    missing = [m.id for m in measures if not m.is_repost and squeeze(m.status) not in text]
    assert not missing
    assert all(squeeze(m.full_status) in text for m in measures if m.status_is_part)
    assert min(body) >= PT - 0.05 and max(body) <= PT + 0.05
    assert min(sizes) >= 8 - 0.05  # the page header and footer too
