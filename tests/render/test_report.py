"""`roadmap-reports report`: the published 実施状況 table, reopened as a reader would see it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import DATA, invoke
from report_helpers import HAS_SOFFICE, NO_SOFFICE, expected_columns, in_order, pdf_columns, squeeze

DATASET = DATA / "fy2022.yaml"
REPOSTS = {12: "12 再掲３", 28: "28 再掲16", 76: "76 再掲15", 84: "84 再掲18"}


@pytest.fixture(scope="module")
def roadmap():
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(DATASET)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The report written by the command as docx and xlsx, on A4 and A3."""
    out = tmp_path_factory.mktemp("report")
    files = {}
    for paper in ("A4", "A3"):
        for suffix in ("docx", "xlsx"):
            path = out / f"report_{paper}.{suffix}"
            result = invoke("report", DATASET, "-o", path, "--paper", paper)
            assert result.exit_code == 0, result.output
            assert result.output == f"Wrote {path} (101 measures, {paper} landscape).\n"
            files[paper, suffix] = path
    return files


# --- docx ------------------------------------------------------------------------------------------------
def _docx_rows(path):
    import docx

    doc = docx.Document(str(path))
    table = doc.tables[0]
    rows = []
    for tr in table.rows:
        cells = []
        for c in tr.cells:
            if not cells or c._tc is not cells[-1][0]:
                cells.append((c._tc, "\n".join(p.text for p in c.paragraphs)))
        rows.append([t for _tc, t in cells])
    return doc, table, rows


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_docx_has_every_text_in_order(made, roadmap, paper):
    _doc, _table, rows = _docx_rows(made[paper, "docx"])
    assert rows[0] == ["施策番号", "具体的取組", "KPI", "担当省庁", "実施状況"]
    measures = [r for r in rows[1:] if len(r) == 5]
    labels = {int(r[0].split()[0]): r[0] for r in measures}
    assert all(labels[i] == text for i, text in REPOSTS.items())
    for m, r in zip(sorted(roadmap.measures, key=lambda x: x.id), measures):
        if m.repost_of is not None:
            assert r == [f"{m.id} 再掲{_num(m.repost_of)}", "", "", "", ""]
            continue
        assert r[0] == str(m.id)
        assert r[1] == m.initiative and r[4] == m.status  # exactly as stored, 【省】 tags included
        assert r[3].split("\n") == m.ministries
        lines = r[2].split("\n")
        if len(m.kpis) <= 1:
            assert r[2] == "".join(m.kpis)  # a single KPI plainly, without 「・」
        else:
            assert [x.lstrip("・") for x in lines if not x.startswith("※")] == \
                   [k.split("\n")[0] for k in m.kpis]
            assert all(x.startswith("・") or x in ("（参考指標）",) for x in lines if not x.startswith("※"))
    assert len(measures) == 101


def _num(n: int) -> str:
    from roadmap_reports.japanese.calendar import number

    return number(n)


def test_docx_headings_in_place(made, roadmap):
    _doc, _table, rows = _docx_rows(made["A4", "docx"])
    headings = [(i, r[0]) for i, r in enumerate(rows) if len(r) == 1]
    titles = [t for _i, t in headings]
    expected = []
    for s in roadmap.sections:
        expected.append(s.title)
        expected.extend(sub.title for sub in s.subsections)
    assert titles == expected
    # each heading comes right before the first measure under it
    first = {}
    for m in sorted(roadmap.measures, key=lambda x: x.id):
        first.setdefault(roadmap.section(m.section).title, m.id)
        if m.subsection:
            first.setdefault(roadmap.subsection(m.subsection).title, m.id)
    for i, title in headings:
        nxt = next(r for r in rows[i + 1:] if len(r) == 5)
        assert nxt[0].split()[0] == str(first[title]), title


def test_docx_print_setup(made, roadmap):
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for paper, (w, h), body in (("A4", (297, 210), 8), ("A3", (420, 297), 10)):
        doc, table, _rows = _docx_rows(made[paper, "docx"])
        section = doc.sections[0]
        assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (w, h)
        assert section.orientation == 1  # landscape
        header = "".join(p.text for p in section.header.paragraphs)
        assert header == f"{roadmap.title}\t令和５年３月末時点"
        footer_xml = section.footer._element.xml
        assert "PAGE" in footer_xml and "fldChar" in footer_xml
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
        assert sum(1 for r in table.rows if r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader"))
                   is not None) == 1
        assert doc.styles["Normal"].font.size.pt == body
        sizes = {run.font.size.pt for row in table.rows for c in row.cells for p in c.paragraphs for run in p.runs
                 if run.font.size is not None}
        assert all(s >= body for s in sizes)
        rfonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == "Yu Gothic"


# --- xlsx ------------------------------------------------------------------------------------------------
def _xlsx_blocks(path):
    """(workbook, sheet, [(kind, number or title, [rows of 5 texts])]) from the sheet, continuations joined."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["実施状況"]
    merged = {r.min_row for r in ws.merged_cells.ranges}
    blocks = []
    for row in range(4, ws.max_row + 1):
        values = [ws.cell(row, c).value or "" for c in range(1, 6)]
        if row in merged:
            blocks.append(("heading", values[0], []))
        elif values[0]:
            blocks.append(("measure", values[0], [values]))
        else:
            assert blocks and blocks[-1][0] == "measure", f"row {row}: a continuation with no measure above"
            blocks[-1][2].append(values)
    return wb, ws, blocks


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_xlsx_has_every_text_in_order(made, roadmap, paper):
    _wb, ws, blocks = _xlsx_blocks(made[paper, "xlsx"])
    assert [ws.cell(3, c).value for c in range(1, 6)] == ["施策番号", "具体的取組", "KPI", "担当省庁", "実施状況"]
    measures = [b for b in blocks if b[0] == "measure"]
    assert len(measures) == 101
    for m, (_kind, label, rows) in zip(sorted(roadmap.measures, key=lambda x: x.id), measures):
        if m.repost_of is not None:
            assert label == f"{m.id} 再掲{_num(m.repost_of)}" and len(rows) == 1 and rows[0][1:] == [""] * 4
            continue
        assert label == str(m.id)
        for col, stored in ((1, m.initiative), (4, m.status)):
            parts = [r[col] for r in rows if r[col]]
            assert _rejoin(parts, stored) == stored, f"measure {m.id} column {col}"
            for part in parts[:-1]:  # split only after a 「。」 or at a line break
                assert part.endswith("。") or stored[stored.index(part) + len(part)] == "\n"
        assert rows[0][3].split("\n") == m.ministries
        assert squeeze(rows[0][2]) == squeeze("".join(("" if len(m.kpis) == 1 else "・") + k for k in m.kpis)) \
            or "（参考指標）" in rows[0][2]


def _rejoin(parts: list[str], stored: str) -> str:
    """Parts as a reader joins them: directly, or with the line break the split dropped."""
    out = ""
    for p in parts:
        out += p if not out or stored.startswith(out + p) else "\n" + p
    return out


def test_xlsx_headings_rows_and_cap(made, roadmap):
    from roadmap_reports.office import ROW_MAX_POINTS

    _wb, ws, blocks = _xlsx_blocks(made["A4", "xlsx"])
    titles = [b[1] for b in blocks if b[0] == "heading"]
    assert titles == [t for s in roadmap.sections for t in (s.title, *(x.title for x in s.subsections))]
    heights = [ws.row_dimensions[r].height for r in range(3, ws.max_row + 1)]
    assert all(h is not None and h <= ROW_MAX_POINTS for h in heights)
    one = next(b for b in blocks if b[0] == "measure" and b[1] == "1")
    assert len(one[2]) >= 2  # measure 1's 1,252-character status continues on a second row


def test_xlsx_print_setup(made, roadmap):
    for paper, size, body in (("A4", 9, 8), ("A3", 8, 10)):
        wb, ws, _blocks = _xlsx_blocks(made[paper, "xlsx"])
        assert ws.page_setup.paperSize == size and ws.page_setup.orientation == "landscape"
        assert ws.page_setup.scale == 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$3:$3"
        assert ws.oddHeader.left.text == roadmap.title and ws.oddHeader.right.text == "令和５年３月末時点"
        assert ws.oddFooter.center.text == "&P"
        sizes = {ws.cell(r, c).font.sz for r in range(3, ws.max_row + 1) for c in range(1, 6)}
        assert min(sizes) >= body
        assert wb.properties.title == roadmap.title


# --- the command --------------------------------------------------------------------------------------------
def test_same_bytes_twice(tmp_path, roadmap):
    from roadmap_reports.render.report.write import report_bytes

    for suffix in (".docx", ".xlsx"):
        assert report_bytes(roadmap, suffix) == report_bytes(roadmap, suffix)


def test_unknown_suffix_and_paper(tmp_path):
    result = invoke("report", DATASET, "-o", tmp_path / "r.txt")
    assert result.exit_code == 2  # a usage error (errors.EXIT_CODES)
    assert result.stderr == f"Error: {tmp_path / 'r.txt'}: cannot write a report as .txt (known: .docx, .xlsx, .pdf)\n"
    result = invoke("report", DATASET, "-o", tmp_path / "r.docx", "--paper", "B5")
    assert result.exit_code == 2 and "Invalid value for '--paper': 'B5'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_libreoffice_is_one_line_and_exit_4(tmp_path):
    env = {"PATH": str(tmp_path), "LC_ALL": "C.UTF-8", "ROADMAP_REPORTS_SOFFICE": ""}
    out = tmp_path / "r.pdf"
    proc = subprocess.run([sys.executable, "-m", "roadmap_reports", "report", str(DATASET), "-o", str(out)],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 4
    assert proc.stderr == (f"Error: {out}: cannot write a PDF: LibreOffice (soffice) is not on PATH; install "
                           "LibreOffice or write .docx and print it to PDF\n")
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == []


def test_bad_dataset_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntitle: x\n", encoding="utf-8")
    result = invoke("report", bad, "-o", tmp_path / "r.docx")
    assert result.exit_code == 4 and result.stderr.startswith(f"Error: {bad}") and "Traceback" not in result.stderr
    assert not (tmp_path / "r.docx").exists()


# --- the PDF, through LibreOffice ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    if not HAS_SOFFICE:
        pytest.skip(NO_SOFFICE)
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    result = invoke("report", DATASET, "-o", path)
    assert result.exit_code == 0, result.output
    return path


def test_pdf_holds_every_text_at_8pt(pdf, roadmap):
    cols, sizes, headed = pdf_columns(pdf)
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        pages = len(doc.pages)
        assert all(p.width > p.height for p in doc.pages)  # landscape
        first = doc.pages[0].extract_text()
        last = doc.pages[-1].extract_text()
    assert headed == pages  # the header row on every page
    assert roadmap.title in first and "令和５年３月末時点" in first and "令和５年３月末時点" in last
    assert last.strip().endswith(str(pages))  # the page number at the foot
    expected = expected_columns(roadmap)
    for k, col in (("initiative", 1), ("kpis", 2), ("ministries", 3), ("status", 4)):
        assert in_order(cols[col], expected[k]) == [], k
    for label in REPOSTS.values():
        assert squeeze(label) in cols[0]
    assert min(sizes) >= 7.95


def test_pdf_same_bytes_twice(pdf, tmp_path):
    again = tmp_path / "again.pdf"
    assert invoke("report", DATASET, "-o", again).exit_code == 0
    assert again.read_bytes() == pdf.read_bytes()
