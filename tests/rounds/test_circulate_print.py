"""MEXT's 照会 of the real FY2022 dataset on paper: LibreOffice prints it to PDF, pdfplumber reads it back.
Every measure's last-year status (参考) and its pre-filled copy (記入) are there whole — nothing clipped at Excel's
409 pt, long ones continued on the next rows — at 8 pt on A4 landscape, under their section and ◎ heading rows
(printed across the table, each once, in the dataset's order), with the deadline and contact in the page header of
every page of the measures sheet."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from report_helpers import HAS_SOFFICE, NO_SOFFICE, in_order, squeeze
from update_helpers import DATA, MEXT, build

pytestmark = pytest.mark.skipif(not HAS_SOFFICE, reason=NO_SOFFICE)
CONTACT = "内閣府 共生社会推進室 03-1234-5678"


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    from roadmap_reports.rounds.layout import rows_for
    from roadmap_reports.sources.dataset import load_roadmap

    roadmap = load_roadmap(DATA / "fy2022.yaml")
    out = tmp_path_factory.mktemp("shokai")
    path = build(roadmap, out, ministries=[MEXT], deadline=dt.date(2024, 4, 30), contact=CONTACT)["MEXT"]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
    return rows_for(roadmap, MEXT), out / path.with_suffix(".pdf").name, path


def _measure_pages(pdf_path):
    """Per page of the measures sheet: (the header line, the text of each of its eight columns, body sizes, the
    body's text in reading order)."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            head = [w for w in words if w["text"] in ("施策番号", "担当省庁")]
            if len(head) < 2:
                continue  # the instructions and the KPI実績 sheet
            head_bottom = min(e["top"] for e in page.horizontal_edges if e["top"] > head[0]["bottom"])
            xs = sorted({round(e["x0"], 1) for e in page.vertical_edges if e["top"] <= head_bottom <= e["bottom"] + 1})
            bounds = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > 2]
            cols = [""] * (len(bounds) - 1)
            table_bottom = max(e["bottom"] for e in page.vertical_edges)  # the footer's page number below
            body = sorted((c for c in page.chars if head_bottom < c["top"] and c["bottom"] <= table_bottom + 1
                           and c["text"].strip()),
                          key=lambda c: (round(c["top"]), c["x0"]))
            for c in body:
                k = sum(1 for b in bounds[1:-1] if c["x0"] >= b)
                cols[min(k, len(cols) - 1)] += c["text"]
            top_line = "".join(c["text"] for c in sorted(page.chars, key=lambda c: c["x0"])
                               if c["bottom"] < head[0]["top"] - 2)
            yield top_line, cols, [c["size"] for c in body], "".join(c["text"] for c in body)


def test_every_status_whole_at_8_pt_with_the_deadline_in_the_header(printed):
    rows, pdf, _xlsx = printed
    pages = list(_measure_pages(pdf))
    assert len(pages) >= 20
    assert all(len(cols) == 8 for _h, cols, _s, _t in pages)  # every column on the page: none pushed to another
    reference = "".join(cols[4] for _h, cols, _s, _t in pages)
    entry = "".join(cols[5] for _h, cols, _s, _t in pages)
    expected = [squeeze(r.reference) for r in rows if r.reference]
    assert len(expected) >= 25
    assert in_order(reference, expected) == []
    assert in_order(entry, [squeeze(r.prefill) for r in rows if r.prefill]) == []
    assert in_order("".join(cols[1] for _h, cols, _s, _t in pages), [squeeze(r.initiative) for r in rows]) == []
    sizes = [s for _h, _c, page_sizes, _t in pages for s in page_sizes]
    assert min(sizes) >= 7.9
    for top_line, _c, _s, _t in pages:
        assert squeeze(f"提出期限：令和６年４月30日／問合せ先：{CONTACT}") in squeeze(top_line)


def test_section_and_subsection_headings_printed_once_each_in_order(printed):
    """The heading rows print each heading whole on one line across the table (as the report does), once per
    change, in the dataset's order — the headings the 項目 column used to repeat on every row."""
    from roadmap_reports.rounds.layout import Heading, sheet_rows

    rows, pdf, _xlsx = printed
    text = "".join(t for _h, _c, _s, t in _measure_pages(pdf))
    headings = [e.text for e in sheet_rows(rows) if isinstance(e, Heading)]
    assert len(headings) >= 10 and any(h.startswith("◎") for h in headings)
    assert in_order(text, [squeeze(h) for h in headings]) == []
    for h in set(headings):
        assert text.count(squeeze(h)) == headings.count(h), h


def _printed_lines(pdf_path) -> list[int]:
    """The lines of text of each row of the measures sheet, in order (rows found by the number column's
    borders; lines by the distinct tops of the characters in each cell)."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            if not any(w["text"] == "担当省庁" for w in page.extract_words()):
                continue
            xs = sorted({round(e["x0"], 1) for e in page.vertical_edges})
            bounds = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > 2]
            tops = sorted({round(e["top"], 1) for e in page.horizontal_edges if e["x0"] < bounds[0] + 3})
            tops = [t for i, t in enumerate(tops) if i == 0 or t - tops[i - 1] > 2]
            for top, bottom in list(zip(tops, tops[1:]))[1:]:  # the header row first
                cells: dict[int, set] = {}
                for c in page.chars:
                    if top < c["top"] and c["bottom"] <= bottom + 1 and c["text"].strip():
                        k = sum(1 for b in bounds[1:-1] if c["x0"] >= b)
                        cells.setdefault(k, set()).add(round(c["top"]))
                out.append(max(len(v) for v in cells.values()))
    return out


def test_rows_fit_their_text_no_line_clipped_at_most_one_spare(printed):
    """Each row is as tall as fit.py estimates its longest cell: never fewer lines than LibreOffice prints (no
    line clipped), at most one more (no more than one spare line). Lines are counted in rows of the Excel line
    height (fit.LINE_FACTOR, Yu Gothic's 1.7×): LibreOffice's substitute Noto Sans CJK sets lines at about
    1.45×, so on its page a row shows up to a sixth of its height empty below the text — the space Excel needs."""
    from openpyxl import load_workbook

    from roadmap_reports.render.xlsx import fit

    _rows, pdf, xlsx = printed
    ws = load_workbook(xlsx)["実施状況照会"]
    printed_lines = _printed_lines(pdf)
    assert len(printed_lines) == ws.max_row - 1
    for r, real in enumerate(printed_lines, start=2):
        lines = round((ws.row_dimensions[r].height - fit.PADDING_PT) / (8 * fit.LINE_FACTOR))
        assert real <= lines <= real + 1, (r, real, lines)


def test_no_page_ends_with_a_heading_apart_from_its_measure(printed):
    """A section or ◎ heading row is never the last thing on a printed page with its first measure on the next:
    a manual page break puts it on the next page with the measure (fit.keep_with_next) — and no page more."""
    import pdfplumber
    from openpyxl import load_workbook

    rows, pdf_path, xlsx = printed
    ws = load_workbook(xlsx)["実施状況照会"]
    headings = {str(ws.cell(m.min_row, 1).value) for m in ws.merged_cells.ranges}
    assert ws.row_breaks.brk  # MEXT's workbook needs some
    ends = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            if not any(w["text"] == "担当省庁" for w in page.extract_words()):
                continue
            lines = {}
            for c in page.chars:
                if c["x0"] < 120 and 80 < c["top"] < page.height - 40 and c["text"].strip():
                    lines.setdefault(round(c["top"]), []).append(c)
            last = "".join(c["text"] for c in sorted(lines[max(lines)], key=lambda c: c["x0"]))
            ends.append(last)
    assert not [e for e in ends if any(h.startswith(e) for h in headings)], ends
