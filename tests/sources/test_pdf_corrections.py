"""The corrections file on the PDF path: a full line the PDF leaves open (reported as FILE:page N: measure M)
is settled by a `wrap` entry addressed by measure, page and the line as printed; an entry that matches
nothing in the PDF is a located error, as on the text path.

The open question is made from a committed fixture: the small report's PDF from the xlsx is tagged (its
paragraphs are told by marked content); page 3 read without its tags leaves exactly one line open (measure 4's
initiative: 「…適切な支援（例：」, full, followed by 「ニーズ…」)."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import FIXTURES, invoke

SOURCE = FIXTURES / "report_small_A4_xlsx.pdf"
SMALL = FIXTURES / "report_small.yaml"
LINE = "生活上の困りごとを抱える外国人を適切な支援（例："


@pytest.fixture
def page3_untagged(monkeypatch):
    """Page 3 of the fixture read as an untagged PDF would be: its lines without marked content."""
    from roadmap_reports.sources.pdf import pages, read

    real = pages.open_pages

    def open_pages(path, file):
        out = real(path, file)
        for row in out[2].rows:
            for cell in row.cells:
                cell[:] = [dataclasses.replace(ln, mark=None) for ln in cell]
        return out

    monkeypatch.setattr(read, "open_pages", open_pages)


def _corrections(tmp_path, *entries: str):
    path = tmp_path / "corrections.yaml"
    path.write_text("corrections:\n" + "".join(entries), encoding="utf-8")
    return path


def _wrap(page=3, text=LINE, join="true", measure=4):
    return (f"- kind: wrap\n  measure: {measure}\n  page: {page}\n  text: {text}\n  join: {join}\n"
            f"  reason: 「（例：」 opens a parenthesis the next line closes.\n")


def _measure4(path):
    from roadmap_reports.sources.dataset import load_roadmap

    return load_roadmap(path).measure(4)


def test_the_open_line_is_reported_at_its_page_with_the_whole_line(page3_untagged, tmp_path):
    out = tmp_path / "back.yaml"
    result = invoke("ingest", SOURCE, "-o", out)
    assert result.exit_code == 4 and not out.exists()
    first, last = result.stderr.splitlines()
    assert first.startswith(f"{SOURCE}:page 3: measure 4: ") and f"「{LINE}」" in first
    assert last == (f"Error: {SOURCE}: 1 ambiguity not resolved; decide it in a corrections file and pass it "
                    "with --corrections (see docs/dataset.md); nothing was written")


def test_a_wrap_entry_by_page_settles_it(page3_untagged, tmp_path):
    from roadmap_reports.sources.dataset import load_roadmap

    out = tmp_path / "back.yaml"
    result = invoke("ingest", SOURCE, "--corrections", _corrections(tmp_path, _wrap()), "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {out}: 14 measures (1 reposts), 4 ministries, 1 sections, 2 subsections; "
                             f"1 corrections applied; read {SOURCE} as PDF.\n")
    back, original = load_roadmap(out), load_roadmap(SMALL)
    assert [m.to_dict() for m in back.measures] == [m.to_dict() for m in original.measures]


def test_the_entry_decides_the_text_join_false_ends_the_paragraph(page3_untagged, tmp_path):
    out = tmp_path / "back.yaml"
    result = invoke("ingest", SOURCE, "--corrections", _corrections(tmp_path, _wrap(join="false")), "-o", out)
    assert result.exit_code == 0, result.output
    initiative = _measure4(SMALL).initiative
    assert LINE + "ニーズ" in initiative
    assert _measure4(out).initiative == initiative.replace(LINE + "ニーズ", LINE + "\nニーズ")


def test_an_entry_on_another_page_of_the_same_measure_still_matches_by_its_line(page3_untagged, tmp_path):
    """Another paper moves the pages: the one entry of the measure with that printed line matches."""
    out = tmp_path / "back.yaml"
    result = invoke("ingest", SOURCE, "--corrections", _corrections(tmp_path, _wrap(page=5)), "-o", out)
    assert result.exit_code == 0, result.output
    assert "; 1 corrections applied;" in result.output


@pytest.mark.parametrize("entry, where", [
    (_wrap(text="等での教育及び評価に活用されることにより、国内外", measure=3, page=2), "wrap, page 2"),
    ("- kind: wrap\n  measure: 2\n  line: 165\n  text: る日本語能力の向上を図る。\n  join: true\n  reason: r\n",
     "wrap, source line 165"),
])
def test_an_entry_that_matches_nothing_in_the_pdf_is_an_error(tmp_path, entry, where):
    """On the tagged fixture nothing is open: a page entry matches nothing, a text-path entry (by source line)
    neither; one located line, nothing written."""
    out = tmp_path / "back.yaml"
    corrections = _corrections(tmp_path, entry)
    result = invoke("ingest", SOURCE, "--corrections", corrections, "-o", out)
    assert result.exit_code == 4 and not out.exists()
    assert result.stderr.startswith(f"Error: {corrections}:2: measure ")
    assert f"correction ({where}) matches nothing in {SOURCE}" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_page_entry_is_checked_like_any_other(tmp_path):
    corrections = _corrections(tmp_path, _wrap(), _wrap())
    result = invoke("ingest", SOURCE, "--corrections", corrections, "-o", tmp_path / "back.yaml")
    assert result.exit_code == 4
    assert result.stderr == (f"Error: {corrections}:8: two wrap corrections for the same line of page 3 "
                             "(also at line 2)\n")
    bad = _corrections(tmp_path, _wrap().replace("  page: 3\n", "  page: three\n"))
    result = invoke("ingest", SOURCE, "--corrections", bad, "-o", tmp_path / "back.yaml")
    assert result.stderr == f"Error: {bad}:2: page must be a number\n"
