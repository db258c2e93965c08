"""Text that looks like code stays text in every output: reopened, not just "exit 0".

A dataset whose measures 6-17 hold, as 具体的取組, KPI and 実施状況, a formula, Jinja2 tags, WordprocessingML,
a URL, a DDE command... goes through every command that writes a file: build (xlsx, docx, the overview),
diff (xlsx, docx), build --for-update, export (JSON, CSV), and collect (the literal typed back as text
into the returned workbook). Each output is reopened the way a user's program would read it: openpyxl
(the cell is a string holding exactly the text; no formula, hyperlink or external link anywhere in the
package), python-docx (the paragraph holds the literal text; no field code or hyperlink in document.xml),
json / csv / the YAML loader (the text comes back unchanged; CSV guards a leading = + - @ with 「'」).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from build_helpers import mini_data, write_dataset
from conftest import invoke

LITERALS = {
    "formula": "=1+1",
    "plus": "+81 を含む",
    "minus": "-1+2",
    "at": "@SUM(1)",
    "jinja-var": "{{ ministry }}",
    "jinja-block": "{% for x in y %}{{ x }}{% endfor %}",
    "xml": "<w:p>&amp;</w:p>]]>",
    "file-url": "file:///C:/Windows/System32/calc.exe",
    "http-url": "http://evil.example/",
    "backslash-x": "\\x41\\n",
    "dde": "=cmd|' /C calc'!A0",
    "hyperlink": '=HYPERLINK("http://evil.example","click")',
}
FIRST_ID = 6  # mini.yaml holds measures 1-5; literal i is measure FIRST_ID + i, owned by 文部科学省
IDS = {lit: FIRST_ID + i for i, lit in enumerate(LITERALS.values())}
LITERALS_BY_ID = {i: lit for lit, i in IDS.items()}
params = pytest.mark.parametrize("lit", [pytest.param(v, id=k) for k, v in LITERALS.items()])


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """Every output, written once by the CLI."""
    from update_helpers import edit

    root = tmp_path_factory.mktemp("literal")
    new, old = mini_data(), mini_data()
    for lit, i in IDS.items():
        m = {"id": i, "section": "3", "subsection": "3-1", "initiative": lit, "kpis": [lit],
             "ministries": ["文部科学省"], "status": lit, "repost_of": None}
        new["measures"].append(m)
        old["measures"].append({**m, "status": "前年度の記載。"})
    write_dataset(root / "new.yaml", new)
    write_dataset(root / "old.yaml", old)
    for args in (("build", root / "new.yaml", "-o", root / "build", "-q"),
                 ("diff", root / "old.yaml", root / "new.yaml", "-f", "xlsx", "-o", root / "diff.xlsx"),
                 ("diff", root / "old.yaml", root / "new.yaml", "-f", "docx", "-o", root / "diff.docx"),
                 ("export", root / "new.yaml", "-o", root / "export.json"),
                 ("export", root / "new.yaml", "-f", "csv", "-o", root / "export.csv"),
                 ("build", root / "old.yaml", "--for-update", "-m", "MEXT", "--fiscal-year", "2023", "-o",
                  root / "update", "-q")):
        r = invoke(*args)
        assert r.exit_code == 0, r.output
    # a ministry types each literal, as text (Excel: a leading apostrophe), into 実施状況 and KPI変更案
    (book,) = (root / "update").glob("*.xlsx")
    rows = {r: i for r, i in enumerate(IDS.values(), start=9)}  # rows 2-8: headings, measures 1, 3 (repost), 4

    def type_text(wb):
        ws = wb["実施状況照会"]
        for r, i in rows.items():
            assert ws[f"A{r}"].value == i
            for col in "FG":
                ws[f"{col}{r}"].value = LITERALS_BY_ID[i]
                ws[f"{col}{r}"].data_type = "s"

    edit(book, {}, fn=type_text, save_as=root / "returned.xlsx")
    r = invoke("collect", root / "returned.xlsx", "--base", root / "old.yaml", "--fiscal-year", 2023,
               "-o", root / "draft.yaml")
    assert r.exit_code == 0, r.output
    return root


def workbooks(out: Path) -> list[Path]:
    return [*sorted((out / "build").glob("*.xlsx")), out / "diff.xlsx", *sorted((out / "update").glob("*.xlsx")),
            out / "returned.xlsx"]


def documents(out: Path) -> list[Path]:
    return [*sorted((out / "build").glob("*.docx")), out / "diff.docx"]


def cells(path: Path):
    from openpyxl import load_workbook

    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            yield from (c for c in row if c.value is not None)


def test_no_formula_link_or_field_in_any_package(out):
    """Nothing in any file Excel or Word would evaluate or follow."""
    checked = 0
    for path in workbooks(out):
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            assert not [n for n in names if "externalLink" in n or "vbaProject" in n], (path.name, names)
            for name in names:
                xml = z.read(name).decode("utf-8")
                if name.startswith("xl/worksheets/sheet"):
                    assert "<f>" not in xml and "<f " not in xml, (path.name, name)
                    checked += 1
                assert "relationships/hyperlink" not in xml, (path.name, name)  # no link leaves the workbook
        for c in cells(path):
            assert c.data_type != "f", (path.name, c.coordinate)
            # the only links are ours: a repost row's 「施策Nへ移動」 to a cell of the same workbook
            assert c.hyperlink is None or (c.hyperlink.target is None and c.hyperlink.location), (path.name, c)
    for path in documents(out):
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")  # the footers hold our page-number field
            assert "w:fldSimple" not in xml
            # the only field in the body is the summary's contents list, its only links to its own headings
            fields = re.findall(r"<w:instrText[^>]*>([^<]*)<", xml)
            assert all(f.strip().startswith("TOC ") for f in fields) and len(fields) <= 1, (path.name, fields)
            assert xml.count("<w:fldChar ") == 3 * len(fields), path.name
            links = re.findall(r"<w:hyperlink [^>]*>", xml)
            assert all(re.fullmatch(r'<w:hyperlink w:anchor="_Toc\d+" w:history="1">', h) for h in links), path.name
            assert not links or fields, path.name
            assert "relationships/hyperlink" not in z.read("word/_rels/document.xml.rels").decode(), path.name
    assert checked > len(workbooks(out))  # every sheet of 7 workbooks was read


@params
def test_xlsx_cells_hold_the_exact_text(out, lit):
    """build (ministry workbook, overview), build --for-update and the returned workbook: the cell is the text."""
    # 具体的取組, KPI, 実施状況 twice (the printed table and 施策データ), and KPIの進捗's KPI
    expected = {"00_全体_overview.xlsx": 6, "MEXT_文部科学省.xlsx": 7,
                "MEXT_文部科学省_令和5年度_照会.xlsx": 3,  # 具体的取組, KPI, KPI実績's KPI (built from old.yaml)
                "returned.xlsx": 5}  # and the typed 実施状況 and KPI変更案
    for path in workbooks(out):
        if path.name in expected:
            found = [c for c in cells(path) if c.value == lit]
            assert len(found) == expected[path.name], (path.name, lit)
            assert [(c.data_type, c.hyperlink) for c in found] == [("s", None)] * len(found)


@params
def test_diff_xlsx_and_docx_hold_the_text(out, lit):
    from docx import Document

    line = f"【実施状況】{lit}"
    assert any(line in str(c.value).split("\n") for c in cells(out / "diff.xlsx")), lit
    doc = Document(out / "diff.docx")
    texts = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(line in t.split("\n") for t in texts), lit


@params
def test_docx_paragraph_holds_the_text(out, lit):
    """The Word summary, rendered with docxtpl: the text is not a template, a field or markup."""
    from docx import Document

    doc = Document(next((out / "build").glob("MEXT_*.docx")))
    paragraphs = [p.text for p in doc.paragraphs] + [p.text for t in doc.tables for row in t.rows
                                                     for c in row.cells for p in c.paragraphs]
    assert sum(p == lit for p in paragraphs) >= 3, lit  # 具体的取組, KPI, 実施状況: {{ ministry }} stays as typed


@params
def test_exports_and_collect_return_the_text_unchanged(out, lit):
    from roadmap_reports.sources.dataset import load_roadmap

    i = IDS[lit]
    m = next(m for m in json.loads((out / "export.json").read_text(encoding="utf-8"))["measures"] if m["id"] == i)
    assert (m["initiative"], m["kpis"], m["status"]) == (lit, [lit], lit)
    text = (out / "export.csv").read_text(encoding="utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == str(i))
    guarded = "'" + lit if lit[0] in "=+-@" else lit  # Excel opens a CSV cell starting = + - @ as a formula
    assert (row["initiative"], row["kpis"], row["status"]) == (guarded, guarded, guarded)
    assert load_roadmap(out / "new.yaml").measure(i).status == lit
    draft = load_roadmap(out / "draft.yaml").measure(i)  # typed into the returned workbook, then collected
    assert (draft.status, draft.kpi_proposal, draft.initiative, draft.kpis) == (lit, lit, lit, [lit])
