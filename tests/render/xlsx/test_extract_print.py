"""The ministry workbook (MEXT, the biggest) and the overview as they print: rendered by LibreOffice to PDF and
read back with pdfplumber. Every measure's 具体的取組, KPI items and 実施状況 are in their column of the PDF
(whitespace removed) and no character lies below the bottom of its row (a row too short clips its last line in
the grid and on paper, though the PDF still holds the text); the body is 8 pt on A4, 10 pt on A3."""

from __future__ import annotations

import subprocess

import pytest

from roadmap_reports import views as book
from roadmap_reports.render.xlsx import extract, overview
from roadmap_reports.sources.dataset import load_roadmap

from conftest import DATA
from report_helpers import HAS_SOFFICE, NO_SOFFICE, squeeze

pytestmark = pytest.mark.skipif(not HAS_SOFFICE, reason=NO_SOFFICE)
HEAD = ("施策番号", "具体的取組", "KPI", "担当省庁", "実施状況")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """{(kind, paper): (pdf path, the measures in it)} — one LibreOffice run for the four workbooks."""
    roadmap = load_roadmap(DATA / "fy2022.yaml")
    folder = tmp_path_factory.mktemp("print")
    mext, ov = book.ministry_extract(roadmap, "MEXT"), book.overview(roadmap)
    files = {}
    for paper in ("A4", "A3"):
        for kind, view, render in (("MEXT", mext, extract.ministry_workbook_bytes),
                                   ("overview", ov, overview.overview_workbook_bytes)):
            path = folder / f"{kind}_{paper}.xlsx"
            path.write_bytes(render(view, paper=paper))
            files[(kind, paper)] = (path.with_suffix(".pdf"), view.measures)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *sorted(str(p.with_suffix(".xlsx")) for p, _ in files.values())],
                   check=True, capture_output=True, timeout=300)
    return files


def _columns(pg, head_bottom):
    xs = []
    for x in sorted({round(e["x0"], 1) for e in pg.vertical_edges
                     if e["top"] <= head_bottom and e["bottom"] >= head_bottom - 2}):
        if not xs or x - xs[-1] > 2:
            xs.append(x)
    return xs


def read_table(path):
    """(per column, the text of every page's table, whitespace removed; body character sizes; characters that
    reach below the bottom edge of their row; pages with the table)."""
    import pdfplumber

    cols, sizes, clipped, pages = ["", "", "", "", ""], [], [], 0
    with pdfplumber.open(path) as pdf:
        for pg in pdf.pages:
            head = [w for w in pg.extract_words() if w["text"] in HEAD]
            if {w["text"] for w in head} != set(HEAD):  # not the table (集計's chart says 「KPI 62」; 施策データ
                continue                                # prints a few columns a page)
            pages += 1
            hb = max(w["bottom"] for w in head)
            xs = _columns(pg, hb)
            assert len(xs) == 6, (pg.page_number, xs)
            rules = sorted({round(e["top"], 1) for e in pg.horizontal_edges
                            if e["top"] > hb - 1 and e["x1"] - e["x0"] > 15})  # not a link's underline
            for i, (a, b) in enumerate(zip(xs, xs[1:])):
                cols[i] += squeeze(pg.crop((a + 0.3, hb + 1, b - 0.3, rules[-1] + 1)).extract_text() or "")
            for c in pg.chars:
                if c["top"] > hb + 1 and c["top"] < rules[-1] and c["text"].strip():
                    sizes.append(c["size"])
                    below = [y for y in rules if y > c["top"] + 0.5]
                    if c["bottom"] > below[0] + 0.5:
                        clipped.append((pg.page_number, c["text"]))
    return cols, sizes, clipped, pages


@pytest.mark.parametrize("kind", ["MEXT", "overview"])
@pytest.mark.parametrize("paper, body", [("A4", 8.0), ("A3", 10.0)])
def test_every_text_prints_whole_at_the_papers_size(pdfs, kind, paper, body):
    path, measures = pdfs[(kind, paper)]
    cols, sizes, clipped, pages = read_table(path)
    assert pages
    missing = []
    for m in measures:
        for col, text in ((1, m.initiative), (4, m.status)):
            if text and squeeze(text) not in cols[col]:
                missing.append((m.id, col, text[:30]))
        missing += [(m.id, 2, k[:30]) for k in m.kpis if squeeze(k) not in cols[2]]
        if m.is_repost:  # 「（再掲：施策16）」 whole, never 「（再掲：施策1」
            ref = f"（再掲：施策{m.repost_of}）"
            if ref not in cols[1]:
                missing.append((m.id, 1, ref))
        if m.status_is_part and squeeze(m.full_status) not in cols[4]:
            missing.append((m.id, 4, "full status"))
    assert not missing
    assert not clipped
    assert min(sizes) >= body - 0.05 and max(sizes) <= body + 0.05  # 7.994 and 10.006 as pdfplumber reads them


def test_the_summary_sheet_prints_on_one_page_with_its_note_and_chart(pdfs):
    import pdfplumber

    with pdfplumber.open(pdfs[("overview", "A4")][0]) as pdf:
        first = pdf.pages[0].extract_text()
        second = pdf.pages[1].extract_text()
    assert "計（延べ）" in first and "合計（施策）" in first and "※" in first
    assert "省庁別の施策数とKPI項目数" in squeeze(first)  # the chart's title, on the same page
    assert "施策番号" in second  # the chart spills onto no page of its own: 全施策 follows


@pytest.mark.parametrize("kind", ["MEXT", "overview"])
@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_no_printed_page_ends_with_a_heading_apart_from_its_first_measure(pdfs, kind, paper):
    """A section or ◎ heading row is never the last line of a printed page with its measures on the next (a manual
    page break before it: measure_table.keep_headings_with_measures). FY2022's MEXT on A4 had two such pages."""
    import pdfplumber
    from openpyxl import load_workbook

    path, _ = pdfs[(kind, paper)]
    wb = load_workbook(path.with_suffix(".xlsx"))
    ws = wb["全施策"] if "全施策" in wb.sheetnames else wb.worksheets[0]
    headings = [squeeze(str(ws.cell(r.min_row, 1).value)) for r in ws.merged_cells.ranges if r.min_row > 1]
    assert headings and ws.row_breaks.brk
    ends = []
    with pdfplumber.open(path) as pdf:
        for pg in pdf.pages:
            if {w["text"] for w in pg.extract_words()} < set(HEAD):
                continue
            rules = []  # the rows' borders, top to bottom, each once
            for y in sorted(e["top"] for e in pg.horizontal_edges if e["x1"] - e["x0"] > 15):
                if not rules or y - rules[-1] > 1:
                    rules.append(y)
            last_row = [c for c in pg.chars if rules[-2] < c["top"] < rules[-1] and c["text"].strip()]
            ends.append(squeeze("".join(c["text"] for c in sorted(last_row, key=lambda c: (round(c["top"]), c["x0"])))))
    assert ends
    assert [e for e in ends if e in headings] == []
