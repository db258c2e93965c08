"""The collect report as the secretariat reads it, from a real round: the mini dataset's workbooks, one
answered, one sent back with a locked cell edited, one not returned. 回答状況 first (every ministry asked,
the one that did not answer listed as such), then the changes only with 傍線 (unchanged answers counted), then
the problems in Japanese with sheet!cell; printed on A4 at 8 pt; the terminal in both languages."""

from __future__ import annotations

import collections
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from update_helpers import FY, edit

NEW_TEXT = "補助事業者数は50件となっている。令和６年度も引き続き補助を行う。"


@pytest.fixture
def round_(mini_path, books, tmp_path):
    edit(books["MEXT"], {"F4": NEW_TEXT})                     # measure 1 updated; measure 4 (MEXT part) as last year
    edit(books["MOJ"], {"B7": "取組を書き換えた"})             # a locked cell edited: rejected
    files = [books["MEXT"], books["MOJ"]]                      # MHLW did not answer
    return mini_path, files, tmp_path


def _collect(round_, *extra, lang="en"):
    from roadmap_reports.cli import cli

    base, files, tmp = round_
    args = [*map(str, files), "--base", str(base), "--fiscal-year", str(FY), "-o", str(tmp / "d.yaml"), *extra]
    return CliRunner(env={"ROADMAP_REPORTS_LANG": lang}).invoke(cli, ["collect", *args], catch_exceptions=False)


def test_the_report_leads_with_who_answered(round_):
    report = round_[2] / "r.xlsx"
    assert _collect(round_, "--report", str(report)).exit_code == 3
    wb = load_workbook(report, rich_text=True)
    assert wb.sheetnames == ["回答状況", "変更内容", "問題"]
    ws = wb["回答状況"]
    rows = {r[0]: r[1:3] for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["文部科学省"] == ("受領", books_name("MEXT"))
    assert rows["法務省"] == ("不受理", books_name("MOJ"))
    assert rows["厚生労働省"] == ("未回答", "－")             # a ministry that did not answer is listed as such
    assert ws.auto_filter.ref == "A3:I6" and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.scale == 100 and ws["A4"].font.size == 8
    assert ws["A4"].border.left.style == "thin"


def books_name(code):
    from roadmap_reports.ministries import lookup

    return f"{code}_{lookup(code).name}_令和5年度_照会.xlsx"


def test_changes_only_with_the_changed_phrases_underlined(round_):
    report = round_[2] / "r.xlsx"
    _collect(round_, "--report", str(report))
    ws = load_workbook(report, rich_text=True)["変更内容"]
    rows = [r for r in ws.iter_rows(min_row=4) if r[0].value is not None]
    assert [(r[0].value, r[2].value) for r in rows] == [(1, "実施状況の更新")]  # measure 4, unchanged: not listed
    assert "前年度と同文の回答 1件は省略" in ws["A2"].value
    new = rows[0][4].value
    underlined = "".join(b.text for b in new if getattr(b, "font", None) is not None and b.font.u == "single")
    assert "50件" in underlined and "令和６年度" in underlined
    assert "補助事業者数は" not in underlined                 # unchanged wording is not underlined
    assert str(new) == NEW_TEXT


def test_problems_are_in_japanese_with_sheet_and_cell(round_):
    report = round_[2] / "r.xlsx"
    _collect(round_, "--report", str(report))
    rows = list(load_workbook(report)["問題"].iter_rows(min_row=4, values_only=True))
    assert rows == [(books_name("MOJ"), "法務省", "実施状況照会!B7", 4, "不受理",
                     "保護されたセル（具体的取組）が書き換えられています：「取組を書き換えた」（元は「教育委員会が首長部局と連携し、"
                     "外国人が住民登録を行う際に適切な就学情報の提供を行う。」）")]


@pytest.mark.parametrize("lang, expected", [
    ("en", "実施状況照会!B7: measure 4: locked cell 具体的取組 was edited: '取組を書き換えた', expected"),
    ("ja", "実施状況照会!B7: 施策番号4: 保護されたセル（具体的取組）が書き換えられています：「取組を書き換えた」"),
])
def test_the_terminal_says_a_finding_in_the_readers_language(round_, lang, expected):
    r = _collect(round_, lang=lang)
    assert r.exit_code == 3
    assert expected in r.output
    first = r.output.splitlines()[0]
    assert first == ("Collected 2 workbooks for FY2023 (base: FY2022): 1 accepted, 1 rejected." if lang == "en"
                     else "2件のブックを回収しました（令和５年度、基準：令和４年度）：受理 1件、不受理 1件。")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The report of a real round (scripts/fill_returns.py on the bundled data) as PDF through LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the printed report cannot be checked")
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    tmp = tmp_path_factory.mktemp("collect-pdf")
    from conftest import invoke

    assert invoke("build", root / "data/fy2022.yaml", "--for-update", "--fiscal-year", "2023", "-o", tmp / "c",
                  "-q").exit_code == 0
    subprocess.run([sys.executable, str(root / "scripts/fill_returns.py"), str(tmp / "c"), str(tmp / "r"),
                    "--missing", "MOFA", "--macro", "MOJ"], check=True, capture_output=True)
    report = tmp / "report.xlsx"
    invoke("collect", *sorted((tmp / "r").iterdir()), "--base", root / "data/fy2022.yaml", "-o", tmp / "d.yaml",
           "--report", report, "-q")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(report)], check=True, capture_output=True, timeout=240)
    return report, tmp / "report.pdf"


def test_the_printed_report_holds_every_changed_text_at_8_pt(printed):
    import pdfplumber

    from roadmap_reports.render.collect_view import collect_view  # noqa: F401 - the view the workbook shows

    report, pdf_path = printed
    ws = load_workbook(report)["変更内容"]
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
        text = "".join(c["text"] for c in chars)
        pages = len(pdf.pages)
    # 54 answers, each last year's text plus one sentence: the unchanged sentences are 「（略）」, so the report
    # is 7 pages, not the 22 it was with every answer's page of last year's text printed twice
    assert pages <= 8, pages
    text = "".join(text.split())
    sizes = collections.Counter(round(c["size"], 1) for c in chars if ord(c["text"][0]) > 0x3000)
    assert sizes.most_common(1)[0][0] >= 8
    cells = [(row[0].row, col, str(row[col].value)) for row in ws.iter_rows(min_row=4) for col in (3, 4)
             if row[col].value]  # every row of a change, last year's text and the new one (a text continued on
    assert len(cells) > 80     # the rows below is printed row by row, beside the other column)
    missing = [c for c in cells if "".join(c[2].split()) not in text]
    assert not missing
    assert "外務省未回答" in text and "法務省不受理" in text


def test_an_added_sentence_is_shown_with_the_rest_abbreviated(printed):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "fill_returns", Path(__file__).resolve().parents[2] / "scripts" / "fill_returns.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    report, _pdf = printed
    ws = load_workbook(report, rich_text=True)["変更内容"]
    updates = [r for r in ws.iter_rows(min_row=4) if r[2].value == "実施状況の更新"]
    assert len(updates) == 54
    for r in updates:
        old, new = str(r[3].value), r[4].value
        assert old.startswith("（略）") and str(new).startswith("（略）") and str(new).endswith(script.ADDED), r[0].value
        underlined = "".join(b.text for b in new if getattr(b, "font", None) is not None and b.font.u == "single")
        assert underlined == script.ADDED
    assert "前年度と同じ文は（略）" in ws["A2"].value
