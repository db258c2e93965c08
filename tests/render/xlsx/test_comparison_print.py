"""The 新旧対照表 of the bundled sample (data/fy2022.yaml → data/samples/fy2023_sample.yaml) as a reader gets it:
one row per changed measure in NEW's order, shared measures once, nothing cut off, printed at 8 pt (A4) — the
PDF made by LibreOffice read back with pdfplumber."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, invoke
from report_helpers import HAS_SOFFICE, NO_SOFFICE, squeeze

OLD, NEW = DATA / "fy2022.yaml", DATA / "samples" / "fy2023_sample.yaml"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare")
    files = {}
    for name, args in {"a4.xlsx": [], "a3.xlsx": ["--paper", "A3"], "a4.docx": [],
                       "abbr.xlsx": ["--abbreviate"]}.items():
        fmt = name.split(".")[1]
        r = invoke("diff", OLD, NEW, "--format", fmt, "-o", out / name, *args)
        assert r.exit_code == 0, r.output
        files[name] = out / name
    return files


def _measure_blocks(ws):
    """{number cell: (old+new texts joined over its continuation rows)} in sheet order."""
    blocks, current = [], None
    for row in ws.iter_rows(min_row=3):
        if row[0].value:
            current = [row[0].value, "", ""]
            blocks.append(current)
        for k in (1, 2):
            current[k] += str(row[k].value or "")
    return blocks


def test_rows_in_new_order_once_each(made):
    from openpyxl import load_workbook

    ws = load_workbook(made["a4.xlsx"], rich_text=True)["新旧対照表"]
    numbers = [b[0] for b in _measure_blocks(ws)]
    assert numbers == ["1", "4", "5", "10", "29", "39", "68\n（旧69）", "69\n（旧68）", "86", "（旧100）", "102"]
    blocks = {b[0]: b for b in _measure_blocks(ws)}
    assert "（削る）" in blocks["（旧100）"][1]
    assert "【担当省庁】法務省、文部科学省、文化庁" in blocks["10"][1]  # a shared measure once, its ministries named
    assert "【担当省庁】" in blocks["86"][1]
    # the stalled list is apart
    stalled = load_workbook(made["a4.xlsx"])["前年度と同旨の実施状況"]
    assert len([r for r in stalled.iter_rows(min_row=4) if r[0].value]) == 84


def test_every_text_whole_across_continuation_rows_and_underlines_kept(made):
    from openpyxl import load_workbook
    from openpyxl.cell.rich_text import CellRichText

    from roadmap_reports.compare.diff import diff_files
    from roadmap_reports.office import ROW_MAX_POINTS

    wb = load_workbook(made["a4.xlsx"], rich_text=True)
    ws = wb["新旧対照表"]
    result = diff_files(OLD, NEW)
    texts = {squeeze(b[1]) + "|" + squeeze(b[2]) for b in _measure_blocks(ws)}
    joined = "".join(texts)
    for e in result.changed:
        if set(e.flags) - {"stalled"}:
            for m in (e.old, e.new):
                if m is not None and m.initiative:
                    assert squeeze(m.status) in joined, e.id  # measure 1: all 1,252 characters
                    assert squeeze(m.initiative) in joined
    assert all((ws.row_dimensions[r].height or 0) <= ROW_MAX_POINTS for r in range(1, ws.max_row + 1))
    # measure 1 continues on a second row; the underlined addition of measure 5 is one run 「60％以上」
    rows = [r for r in ws.iter_rows(min_row=3)]
    first = next(i for i, r in enumerate(rows) if r[0].value == "1")
    assert rows[first + 1][0].value is None and rows[first + 1][1].value
    five = next(r for r in rows if r[0].value == "5")
    assert isinstance(five[1].value, CellRichText)
    assert "60％以上" in [b.text for b in five[1].value if not isinstance(b, str) and b.font.u == "single"]


def test_abbreviation_only_at_sentence_ends(made):
    from openpyxl import load_workbook

    ws = load_workbook(made["abbr.xlsx"])["新旧対照表"]
    text = "\n".join(str(c.value or "") for row in ws.iter_rows(min_row=3) for c in row[1:3])
    hits = [m.start() for m in re.finditer("（略）", text)]
    assert hits
    assert all(i == 0 or text[i - 1] in "】。\n" for i in hits)


def test_japanese_headers_and_no_western_fiscal_year(made):
    from openpyxl import load_workbook

    from roadmap_reports.compare.diff import FLAG_LABELS, FLAGS

    wb = load_workbook(made["a4.xlsx"])
    assert [c.value for c in wb["集計"][4]] == ["担当省庁", "コード"] + [FLAG_LABELS[f] for f in FLAGS]
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert "FY20" not in str(c.value or "")
                assert not re.fullmatch(r"[a-z_]+", str(c.value or "")), c.coordinate


def _pdf(path, tmp):
    from roadmap_reports.render.report.pdf import convert_to_pdf

    out = tmp / (path.stem + ".pdf")
    out.write_bytes(convert_to_pdf(path.read_bytes(), path.suffix))
    return out


def _pdf_text_and_size(pdf):
    """(every character of the pages, whitespace removed, column by column; the most common CJK size)."""
    import collections

    import pdfplumber

    cols, sizes = collections.defaultdict(str), collections.Counter()
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            head = [w for w in page.extract_words() if w["text"] == "施策番号"]
            top = min(w["bottom"] for w in head) if head else 0  # below the header row repeated on every page
            # the columns of the table whose header is at the top: the rules crossing its header row (a
            # second table lower on the page has rules of its own)
            mid = (head[0]["top"] + head[0]["bottom"]) / 2 if head else None
            edges = [e for e in page.vertical_edges if mid is None or e["top"] <= mid <= e["bottom"]]
            xs = sorted({round(e["x0"]) for e in edges})
            bounds = [x for k, x in enumerate(xs) if not k or x - xs[k - 1] > 3]
            foot = max((e["bottom"] for e in page.vertical_edges), default=page.height)
            for k, (a, b) in enumerate(zip(bounds, bounds[1:])):  # a column continues on the next page
                col = [c for c in page.chars if a <= c["x0"] < b and c["text"].strip()
                       and top < c["top"] < foot]
                col.sort(key=lambda c: (round(c["bottom"] / 2), c["x0"]))  # a line: one baseline
                cols[len(bounds), k] += "".join(c["text"] for c in col)
            sizes.update(round(c["size"], 1) for c in page.chars if "\u3040" <= c["text"] <= "\u9fff")
    return squeeze("|".join(cols.values())), sizes.most_common(1)[0][0]


@pytest.mark.parametrize("name,body", [("a4.xlsx", 8), ("a3.xlsx", 10), ("a4.docx", 8)])
def test_pdf_holds_every_changed_text_at_body_size(made, tmp_path, name, body):
    if not HAS_SOFFICE:
        pytest.skip(NO_SOFFICE)
    from roadmap_reports.compare.diff import diff_files

    text, size = _pdf_text_and_size(_pdf(made[name], tmp_path))
    assert size >= body
    for e in diff_files(OLD, NEW).changed:
        if set(e.flags) - {"stalled"}:
            for m in (e.old, e.new):
                if m is not None and not m.is_repost:
                    for t in (m.initiative, m.status, *m.kpis):
                        assert squeeze(t) in text, (name, e.id, t[:30])
