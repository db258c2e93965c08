"""MEXT's Word summary (FY2022) as a reader gets it: LibreOffice makes the PDF, pdfplumber reads it back.
Every measure's texts are printed, the body is at least 8 pt, the contents list opens the document, every
page holds more than a stray line or two, and 「以上」 closes the last page on the right."""

from __future__ import annotations

import collections
import re
import shutil
import subprocess

import pytest

from roadmap_reports import views as book
from roadmap_reports.render.docx import summary as render_docx
from roadmap_reports.sources.dataset import load_roadmap

from conftest import DATA

MM = 72 / 25.4
BODY_TOP, BODY_BOTTOM = 22 * MM, (297 - 22) * MM  # inside the header and footer (12 mm from the edge)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer when apt works")
    import pdfplumber

    tmp = tmp_path_factory.mktemp("summary-pdf")
    extract = book.ministry_extract(load_roadmap(DATA / "fy2022.yaml"), "MEXT")
    path = tmp / "MEXT.docx"
    path.write_bytes(render_docx.summary_bytes(extract))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(path)], check=True, capture_output=True, timeout=240)
    pages = []
    with pdfplumber.open(tmp / "MEXT.pdf") as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if BODY_TOP < c["top"] and c["bottom"] < BODY_BOTTOM]
            lines = page.crop((0, BODY_TOP, page.width, BODY_BOTTOM)).extract_text().splitlines()
            pages.append((chars, [line for line in lines if line.strip()], page.width))
    return extract, pages


def squeeze(text: str) -> str:
    """Whitespace removed; ～ (U+FF5E) as 〜 (U+301C): the PDF's font maps both to one glyph, read back as 〜."""
    return re.sub(r"\s+", "", text).replace("\uff5e", "\u301c")


def test_every_measures_texts_are_printed(printed):
    extract, pages = printed
    text = squeeze("".join(c["text"] for chars, _, _ in pages for c in chars))
    missing = []
    for m in extract.measures:
        texts = [m.initiative, *m.kpis, m.status] + ([m.full_status] if m.status_is_part else [])
        missing += [(m.id, t[:20]) for t in texts if t and squeeze(t) not in text]
    assert not missing
    assert len(extract.measures) == 31


def test_body_text_is_at_least_8_pt(printed):
    _, pages = printed
    sizes = collections.Counter(round(c["size"], 1) for chars, _, _ in pages for c in chars
                                if ord(c["text"][0]) > 0x3000)
    assert sizes.most_common(1)[0][0] >= 10  # 10.5 pt 游明朝 (a Mincho substitute here)
    assert min(sizes) >= 8


def test_the_contents_list_comes_first_with_every_section(printed):
    extract, pages = printed
    lines = [line for _, page_lines, _ in pages[:2] for line in page_lines]
    start = lines.index("目次")
    overview = lines.index("概要", start + 2)  # the heading, after its own entry
    entries = [squeeze(line) for line in lines[start + 1:overview]]
    expected = ["概要", "分野別の施策数", "共管施策", "KPI一覧", "KPIの進捗"]
    for section in extract.sections:
        expected += [section.title] + [sub.title for sub in section.subsections if sub.title]
    assert entries == [squeeze(t) for t in expected]


def test_no_page_holds_only_a_stray_line_or_two_and_ijo_closes_on_the_right(printed):
    _, pages = printed
    counts = [len(lines) for _, lines, _ in pages]
    assert min(counts) > 3, counts
    chars, lines, width = pages[-1]
    assert lines[-1] == "以上"
    last = [c for c in chars if c["text"] in "以上"][-2:]
    assert "".join(c["text"] for c in last) == "以上"
    assert last[-1]["x1"] > width - 22 * MM - 3  # at the right margin


def test_kpi_list_prints_a_follow_up_line_under_its_item_and_the_shared_item_once(printed):
    _, pages = printed
    lines = [squeeze(line) for _, page_lines, _ in pages[:3] for line in page_lines]
    start, end = (max(i for i, line in enumerate(lines) if line == h) for h in ("KPI一覧", "KPIの進捗"))  # not 目次's
    listed = lines[start + 1:end]
    item = next(i for i, line in enumerate(listed) if re.match(r"\W?施策3日本語", line))
    assert listed[item].endswith("対応状況の把握") and listed[item + 1] == "上記とともに必要な取組を実施"
    assert sum("全ての外国人の子どもの就学状況" in line for line in listed) == 1
    assert squeeze("施策35～39、41～45令和７年度（2025年度）までに全ての") in [line for line in listed if "施策35" in line][0]
