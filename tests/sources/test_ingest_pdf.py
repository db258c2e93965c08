"""`roadmap-reports ingest REPORT.pdf`: the report's PDF read back with pdfplumber (sources/pdf/)."""

from __future__ import annotations

import pytest

from conftest import DATA, FIXTURES, invoke
from report_helpers import HAS_SOFFICE, NO_SOFFICE

SMALL = FIXTURES / "report_small.yaml"            # measures 1–14 of FY2022 (section 1, a repost)
SMALL_PDFS = {  # `report tests/fixtures/report_small.yaml [--paper A3] -o …` (LibreOffice 7.4, from the docx)
    "A4": FIXTURES / "report_small_A4.pdf",       # tagged, as `report` writes it now
    "A3": FIXTURES / "report_small_A3.pdf",       # made before `report` tagged its PDFs: geometry alone
    "A4-xlsx": FIXTURES / "report_small_A4_xlsx.pdf",  # pdf_bytes(…, via="xlsx"): paragraphs from its tags only
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


def _chars(path) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [c for page in pdf.pages for c in page.chars]


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
    if paper.endswith("xlsx"):  # Calc breaks pages between rows; without its tags 4 boundaries would be open
        assert any(c["tag"] == "P" and c["mcid"] is not None for c in _chars(source))
    else:
        assert _continued(source), "no page break inside a measure: the fixture does not test joining across pages"
    out = tmp_path / "back.yaml"
    result = invoke("ingest", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {out}: 14 measures (1 reposts), 4 ministries, 1 sections, 2 subsections; "
                             f"0 corrections applied; read {source} as PDF.\n")
    _assert_same(_load(out), _load(SMALL))


@pytest.mark.parametrize("paper", list(SMALL_PDFS))
def test_characters_and_rules_are_pdfplumbers(paper):
    """objects.page_objects skips pdfplumber's dicts but reads the same characters (text, box, size, marked
    content) and the same ruling lines as pdfplumber's `page.chars` and `page.*_edges`."""
    import pdfplumber

    from roadmap_reports.sources.pdf.objects import page_objects

    def key(c):
        return (c["text"], *(round(c[k], 3) for k in ("x0", "x1", "top", "bottom", "size")), c.get("mcid"),
                c.get("tag"))

    def box(e):
        return tuple(round(e[k], 3) for k in ("x0", "x1", "top", "bottom"))

    with pdfplumber.open(SMALL_PDFS[paper]) as pdf:
        for page in pdf.pages:
            chars, horizontal, vertical = page_objects(page)
            assert sorted(map(key, chars)) == sorted(map(key, page.chars)) and chars
            assert sorted(map(box, horizontal)) == sorted(map(box, page.horizontal_edges))
            assert sorted(map(box, vertical)) == sorted(map(box, page.vertical_edges))


def test_pages_read_on_workers_are_the_pages_read_in_one_process(monkeypatch):
    """From PARALLEL_PAGES pages on, worker processes read runs of pages: the same pages, in order."""
    from roadmap_reports.sources.pdf import pages

    source = SMALL_PDFS["A4"]
    one = pages.open_pages(source, str(source))
    monkeypatch.setattr(pages, "workers", lambda n: 2)  # whatever the cores of the machine
    assert pages.open_pages(source, str(source)) == one and len(one) == 4


def test_a_page_refused_on_a_worker_is_located_at_its_page(tmp_path, monkeypatch):
    import bad_pdfs
    from roadmap_reports.errors import IngestError
    from roadmap_reports.sources.pdf import pages

    source = tmp_path / "two_pages.pdf"
    source.write_bytes(bad_pdfs.column_missing())
    monkeypatch.setattr(pages, "workers", lambda n: 2)
    with pytest.raises(IngestError) as err:
        pages.open_pages(source, "two_pages.pdf")
    assert str(err.value) == "two_pages.pdf:page 2: the column header lacks KPI (4 of 5 columns)"


# Bad PDFs (a letter, a scanned page, an encrypted or broken file, 0 bytes, a page with a column missing) are in
# the bad-input corpus: tests/bad_pdfs.py makes them, tests/test_bad_inputs.py checks the one located line.


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
    assert out.read_bytes() == (DATA / "fy2022.yaml").read_bytes()  # the very file, byte for byte


@pytest.fixture(scope="module")
def untagged(made):
    """The FY2022 report on A4 converted by LibreOffice without tags (as a plain `soffice --convert-to pdf` or
    another program may make it): from the docx and from the xlsx."""
    from roadmap_reports.render import registry
    from roadmap_reports.render.report.pdf import convert_to_pdf

    original, files = made
    out = {}
    for via in ("docx", "xlsx"):
        out[via] = files["docx", "A4"].with_name(f"untagged_{via}.pdf")
        out[via].write_bytes(convert_to_pdf(registry.render("report", via, original, paper="A4"), f".{via}"))
    return original, out


def test_untagged_pdfs_differ_only_where_documented(untagged):
    """Without tags (docs/dataset.md): from the docx, only a 「　」 that ends a printed line is lost (LibreOffice
    does not draw it: measures 2 and 96 on A4), never reported; from the xlsx, every full line that ends a
    sentence or precedes 「・」 is reported (page, measure) and every measure read otherwise is exact."""
    from roadmap_reports.sources.pdf.read import read_pdf

    original, files = untagged
    doubts: list = []
    back = read_pdf(files["docx"], doubts=doubts)
    assert not doubts
    differ = [a.id for a, b in zip(original.measures, back.measures, strict=True) if a.to_dict() != b.to_dict()]
    assert differ == [2, 96]
    for a, b in zip(original.measures, back.measures, strict=True):
        assert _without(a.to_dict(), "\u3000") == _without(b.to_dict(), "\u3000"), f"measure {a.id}"
    doubts = []
    back = read_pdf(files["xlsx"], doubts=doubts)
    assert 20 <= len(doubts) <= 40 and all(d.kind == "wrap" and d.place.startswith("page ") for d in doubts)
    reported = {d.measure for d in doubts}
    for a, b in zip(original.measures, back.measures, strict=True):
        assert a.to_dict() == b.to_dict() or a.id in reported, f"measure {a.id} differs and is not reported"


def _without(value, chars: str):
    """`value` (a text, or lists and mappings of texts) with the given characters removed."""
    if isinstance(value, str):
        return "".join(c for c in value if c not in chars)
    if isinstance(value, list):
        return [_without(v, chars) for v in value]
    if isinstance(value, dict):
        return {k: _without(v, chars) for k, v in value.items()}
    return value


def test_fy2019_report_round_trip_is_exact(tmp_path):
    """A FY2019 dataset (令和元年度, as of 2019-03-31: 「平成31年３月末時点」 above the table) as `report -o X.pdf`
    writes it reads back field by field. Before the Word layout's paragraph spacing was read (cells.boundary),
    measure 36's full line 「…令和７年度」 before 「（2025年度）末までに…」 on page 7 was an open question."""
    if not HAS_SOFFICE:
        pytest.skip(NO_SOFFICE)
    import re

    import yaml

    data = yaml.safe_load((DATA / "fy2022.yaml").read_text(encoding="utf-8"))
    data["fiscal_year"], data["as_of"] = 2019, "2019-03-31"
    data["title"] = re.sub(r"^令和[０-９]+年度", "令和元年度", data["title"])
    dataset = tmp_path / "fy2019.yaml"
    dataset.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pdf, out = tmp_path / "fy2019.pdf", tmp_path / "back.yaml"
    assert invoke("report", dataset, "-o", pdf).exit_code == 0
    assert "平成31年３月末時点" in "".join(c["text"] for c in _chars(pdf)[:200])
    result = invoke("ingest", pdf, "-o", out)
    assert result.exit_code == 0, result.output
    assert "; 0 corrections applied; read " in result.output
    back, original = _load(out), _load(dataset)
    assert "令和７年度（2025年度）末までに" in back.measure(36).status + back.measure(36).initiative
    _assert_same(back, original)
