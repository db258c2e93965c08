"""Inspecting a returned file before any parsing (rounds/inspect.py): not a workbook, macros, encryption,
corrupt zips, zip and XML bombs. The file is rejected whole with one message, nothing is merged from it."""

from __future__ import annotations

import zipfile


from roadmap_reports.errors import Problem
from roadmap_reports.rounds.inspect import Limits, inspect_file
from update_helpers import build, only_error, rezip


# --- not a workbook / macros / encrypted / corrupt ----------------------------------------------------
def test_xlsm_extension(mini, books, tmp_path):
    p = tmp_path / "MEXT.xlsm"
    p.write_bytes(books["MEXT"].read_bytes())
    assert only_error(p, mini) == (None, "is a macro-enabled workbook (.xlsm), not an .xlsx workbook; save it as "
                                         "'Excel Workbook (*.xlsx)' and send it again")


def test_vba_project_inside_an_xlsx(mini, books, tmp_path):
    p = rezip(books["MEXT"], tmp_path / "MEXT.xlsx", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    assert only_error(p, mini) == (None, "contains macros or active content (xl/vbaProject.bin); save it as "
                                         "'Excel Workbook (*.xlsx)' and send it again")


def test_excel4_macro_sheet(mini, books, tmp_path):
    p = rezip(books["MEXT"], tmp_path / "MEXT.xlsx", add={"xl/macrosheets/sheet1.xml": b"<xm/>"})
    assert "contains macros or active content (xl/macrosheets/sheet1.xml)" in only_error(p, mini)[1]


def test_macro_enabled_content_type(mini, books, tmp_path):
    ct = zipfile.ZipFile(books["MEXT"]).read("[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    p = rezip(books["MEXT"], tmp_path / "MEXT.xlsx", replace={"[Content_Types].xml": ct})
    assert only_error(p, mini) == (None, "is declared macro-enabled (content type with 'macroenabled'); save it as "
                                         "'Excel Workbook (*.xlsx)' and send it again")


def test_not_a_workbook(mini, tmp_path):
    p = tmp_path / "MEXT.xlsx"
    p.write_text("施策番号,実施状況\n1,実施した\n", encoding="utf-8")
    assert only_error(p, mini) == (None, "is not an Excel workbook (.xlsx): not a zip package")
    p.write_bytes(b"%PDF-1.7\n...")
    assert only_error(p, mini) == (None, "is a PDF, not an Excel workbook")
    p.write_bytes(b"")
    assert only_error(p, mini) == (None, "file is empty")
    assert only_error(tmp_path / "nope.xlsx", mini) == (None, "no such file")
    csv = tmp_path / "MEXT.csv"
    csv.write_bytes(b"PK\x03\x04")
    assert only_error(csv, mini) == (None, "has the extension '.csv'; only .xlsx workbooks are collected")


def test_old_xls_extension(mini, books, tmp_path):
    p = tmp_path / "MEXT.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert only_error(p, mini)[1].startswith("is an Excel 97-2003 workbook (.xls), not an .xlsx workbook")


def test_encrypted_workbook(mini, tmp_path):
    p = tmp_path / "MEXT.xlsx"  # Excel's "Encrypt with password" writes an OLE compound file
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    assert only_error(p, mini) == (None, "is an encrypted (password-protected) workbook or an old .xls file (OLE "
                                         "compound file); remove the password, save as .xlsx and send it again")


def test_corrupt_zip(mini, books, tmp_path):
    data = books["MEXT"].read_bytes()
    p = tmp_path / "MEXT.xlsx"
    p.write_bytes(data[: len(data) // 2])
    place, msg = only_error(p, mini)
    assert msg.startswith("is a corrupt workbook (damaged zip:")


def test_zip_without_workbook_part(mini, books, tmp_path):
    p = rezip(books["MEXT"], tmp_path / "MEXT.xlsx", drop=("xl/workbook.xml",))
    assert only_error(p, mini) == (None, "is a corrupt workbook (no [Content_Types].xml or xl/workbook.xml inside)")


def test_corrupt_sheet_xml(mini, books, tmp_path):
    p = rezip(books["MEXT"], tmp_path / "MEXT.xlsx", replace={"xl/worksheets/sheet2.xml": b"<worksheet><sheetData>"})
    assert only_error(p, mini)[1].startswith("is a corrupt workbook (openpyxl:")


# --- size limits --------------------------------------------------------------------------------------
def test_file_too_large(mini, books):
    assert only_error(books["MEXT"], mini, limits=Limits(max_file_bytes=1000))[1].startswith(
        "file is too large (")


def test_zip_bomb(mini, books, tmp_path):
    p = rezip(books["MEXT"], tmp_path / "MEXT.xlsx", add={"xl/media/zeros.bin": b"\0" * (60 * 1024 * 1024)})
    assert p.stat().st_size < 1_000_000
    assert only_error(p, mini) == (None, f"unpacks to {p and _declared(p):,} bytes (the limit is 52,428,800); "
                                         "refused as a possible zip bomb")


def _declared(p):
    return sum(i.file_size for i in zipfile.ZipFile(p).infolist())


def test_zip_lying_about_its_sizes(mini, books, tmp_path):
    """A directory that declares small sizes: Python's zipfile reads no more than declared, so the
    part fails its CRC and the file is refused as corrupt (never unpacked beyond the limit)."""
    p = rezip(books["MEXT"], tmp_path / "MEXT.xlsx", add={"xl/media/zeros.bin": b"\0" * (3 * 1024 * 1024)})
    data = bytearray(p.read_bytes())
    # shrink the declared uncompressed size of zeros.bin in the central directory
    name = b"xl/media/zeros.bin"
    cd = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[cd + 24: cd + 28] = (100).to_bytes(4, "little")
    p.write_bytes(bytes(data))
    _place, msg = only_error(p, mini, limits=Limits(max_uncompressed_bytes=2 * 1024 * 1024))
    assert msg == "is a corrupt workbook (BadZipFile: Bad CRC-32 for file 'xl/media/zeros.bin')"


def test_xml_entity_bomb(mini, books, tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>')
    p = rezip(books["MEXT"], tmp_path / "MEXT.xlsx", add={"xl/sharedStrings.xml": bomb})
    assert only_error(p, mini) == (None, "contains an XML document type declaration (xl/sharedStrings.xml), which "
                                         "Excel never writes; refused")


def test_too_many_cells(mini, books):
    assert only_error(books["MEXT"], mini, limits=Limits(max_cells=10)) == (
        None, "has more than 10 cells (the limit); refused")


def test_the_first_problem_is_a_located_problem(tmp_path):
    p = tmp_path / "MEXT.xlsx"
    p.write_bytes(b"%PDF-1.7\n...")
    problem = inspect_file(p)
    assert problem == Problem("is a PDF, not an Excel workbook", file=str(p), kind="broken", severity="error",
                              code="pdf_file", template="is a PDF, not an Excel workbook")
    assert str(problem) == f"{p}: is a PDF, not an Excel workbook"
    assert problem.line_in("ja") == f"{p}: PDFファイルです（Excelブックではありません）"


def test_a_workbook_made_by_circulate_passes(mini, tmp_path):
    assert inspect_file(build(mini, tmp_path)["MEXT"], Limits()) is None
