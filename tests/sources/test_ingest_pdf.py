"""`roadmap-reports ingest REPORT.pdf`: the report's PDF read back with pdfplumber (sources/pdf/)."""

from __future__ import annotations

import pytest

from conftest import DATA, FIXTURES, invoke
from report_helpers import HAS_SOFFICE, NO_SOFFICE

SMALL = FIXTURES / "report_small.yaml"            # measures 1–14 of FY2022 (section 1, a repost)
SMALL_PDFS = {  # `report tests/fixtures/report_small.yaml [--paper A3] -o …` (LibreOffice 7.4, from the docx)
    "A4": FIXTURES / "report_small_A4.pdf",       # tagged, as `report` writes it now
    "A3": FIXTURES / "report_small_A3.pdf",       # made before `report` tagged its PDFs: geometry alone
}


def _load(path):
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(path)


def _continued(path) -> dict[int, set[int]]:
    """The pages whose table starts with the rest of a measure (a row without 施策番号): page → the columns
    continued there (1 具体的取組, 2 KPI, 3 担当省庁, 4 実施状況)."""
    from pathlib import Path

    from roadmap_reports.sources.pdf.pages import open_pages

    out = {}
    for page in open_pages(Path(path), str(path)):
        first = page.rows[0]
        if not first.heading and not first.cells[0]:
            out[page.number] = {k for k in range(1, 5) if first.cells[k]}
    return out


def _assert_same(back, original) -> None:
    """Title, year, as-of date, sections and every measure field by field."""
    assert (back.title, back.fiscal_year, back.as_of) == (original.title, original.fiscal_year, original.as_of)
    assert back.sections == original.sections
    assert [m.id for m in back.measures] == [m.id for m in original.measures]
    for a, b in zip(original.measures, back.measures, strict=True):
        assert a.to_dict() == b.to_dict(), f"measure {a.id}"


@pytest.mark.parametrize("paper", list(SMALL_PDFS))
def test_committed_pdf_ingests_to_the_dataset_it_was_made_from(tmp_path, paper):
    source = SMALL_PDFS[paper]
    assert _continued(source), "no page break inside a measure: the fixture does not test joining across pages"
    out = tmp_path / "back.yaml"
    result = invoke("ingest", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {out}: 14 measures (1 reposts), 4 ministries, 1 sections, 2 subsections; "
                             f"0 corrections applied; read {source} as PDF.\n")
    _assert_same(_load(out), _load(SMALL))


# --- bad inputs: one located line, nothing written ----------------------------------------------------------
def _minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws `content` (a content stream), with a Helvetica font."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


BAD = {
    "empty.pdf": (b"", "file is empty (0 bytes)"),
    "not_a_pdf.pdf": (b"just some text, not a PDF\n" * 20, "not a readable PDF"),
    "letter.pdf": (_minimal_pdf(b"BT /F1 12 Tf 72 500 Td (Dear colleagues, the meeting is on Monday.) Tj ET"),
                   "page 1: not a roadmap status table: no column header"),
    "scanned.pdf": (_minimal_pdf(b"0.5 g 72 72 600 400 re f"), "page 1: no text on this page (a scanned page?"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_pdf_is_one_located_line_and_writes_nothing(tmp_path, name):
    data, message = BAD[name]
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out.yaml"
    result = invoke("ingest", source, "-o", out)
    assert result.exit_code == 4  # an input that cannot be used (errors.EXIT_CODES)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {source}") and message in lines[0], lines
    assert "Traceback" not in result.output and not out.exists()


def test_a_page_with_a_column_missing(tmp_path):
    header = b" ".join(b"(%s) Tj 90 0 Td" % w for w in (b"No", b"KPI"))
    source = tmp_path / "four_columns.pdf"
    source.write_bytes(_minimal_pdf(b"BT /F1 10 Tf 40 540 Td " + header + b" ET"))
    result = invoke("ingest", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 4  # an input that cannot be used (errors.EXIT_CODES)
    assert result.stderr == (f"Error: {source}:page 1: the column header lacks 施策番号、具体的取組、担当省庁、実施状況 "
                             "(1 of 5 columns)\n")


# --- round trips through LibreOffice -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The full FY2022 report as `report -o X.pdf` writes it (LibreOffice, tagged): from the docx and from the
    xlsx, on A4 and A3 (other column widths, other page breaks)."""
    if not HAS_SOFFICE:
        pytest.skip(NO_SOFFICE)
    from roadmap_reports.render.report.pdf import pdf_bytes

    roadmap = _load(DATA / "fy2022.yaml")
    out = tmp_path_factory.mktemp("roundtrip")
    files = {}
    for via in ("docx", "xlsx"):
        for paper in ("A4", "A3"):
            files[via, paper] = out / f"{via}_{paper}.pdf"
            files[via, paper].write_bytes(pdf_bytes(roadmap, paper=paper, via=via))
    return roadmap, files


@pytest.mark.parametrize("via", ["docx", "xlsx"])
@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_full_report_round_trip_is_exact(made, tmp_path, via, paper):
    """ingest REPORT.pdf writes the dataset the PDF was made from, field by field, with no correction and no
    open question. From the docx, pages break inside measures and inside their 実施状況 (Calc never breaks a
    row: a workbook's pages break between measures, its paragraphs are told apart by the PDF's tags)."""
    original, files = made
    source = files[via, paper]
    if via == "docx":
        assert sum(4 in cols for cols in _continued(source).values()) >= 3, "no status broken across pages"
    out = tmp_path / "back.yaml"
    result = invoke("ingest", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {out}: 101 measures (14 reposts), 13 ministries, 4 sections, 15 subsections; "
                             f"0 corrections applied; read {source} as PDF.\n")
    _assert_same(_load(out), original)
