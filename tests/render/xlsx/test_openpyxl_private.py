"""The openpyxl internals render/xlsx/openpyxl_private.py relies on. When one of these fails after an
openpyxl upgrade, the message names the internal that changed: fix openpyxl_private.py (only there)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from roadmap_reports.render.xlsx import openpyxl_private as private
from roadmap_reports.render.xlsx.common import FONT_NAME, new_workbook


def _xml(wb, part: str) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return zipfile.ZipFile(buf).read(part)


def test_cell_style_is_one_array_that_copies_every_attribute():
    wb = openpyxl.Workbook()
    ws = wb.active
    proto = ws["A1"]
    assert hasattr(proto, "_style"), "openpyxl Cell._style is gone: style_of/set_style need another way"
    proto.font = Font(name=FONT_NAME, bold=True)
    proto.fill = PatternFill("solid", fgColor="F2F2F2")
    proto.border = Border(left=Side(style="thin"))
    proto.alignment = Alignment(wrap_text=True, vertical="top")
    style = private.style_of(proto)
    target = ws["B2"]
    private.set_style(target, style)
    seen = (target.font.name, target.font.b, target.fill.fgColor.rgb, target.border.left.style,
            target.alignment.wrap_text, target.alignment.vertical)
    assert seen == (FONT_NAME, True, "00F2F2F2", "thin", True, "top"), "Cell._style no longer carries the whole style"
    target.font = Font(name="Arial")  # a copy: the prototype keeps its own
    assert proto.font.name == FONT_NAME


def test_a_dropped_cell_leaves_no_trace_in_the_sheet():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "kept"
    spare = ws.cell(row=1, column=5)
    spare.font = Font(bold=True)
    assert isinstance(getattr(ws, "_cells", None), dict), "openpyxl Worksheet._cells is no longer a dict"
    private.drop_cell(ws, spare)
    assert (1, 5) not in ws._cells and ws.max_column == 1
    assert b'r="E1"' not in _xml(wb, "xl/worksheets/sheet1.xml")


def test_the_default_font_is_font_0_and_the_normal_style():
    wb = new_workbook()
    assert wb._fonts[0].name == FONT_NAME, "openpyxl Workbook._fonts changed"
    assert wb._named_styles["Normal"].font.name == FONT_NAME, "openpyxl Workbook._named_styles changed"
    wb.active["A1"] = "x"
    styles = _xml(wb, "xl/styles.xml").decode()
    first_font = styles.split("<fonts", 1)[1].split("</font>", 1)[0]
    assert f'val="{FONT_NAME}"' in first_font


def test_data_labels_carry_their_own_number_format():
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList, _DataLabelBase

    assert "numFmt" in _DataLabelBase.__elements__ and "showVal" in DataLabelList.__nested__, \
        "openpyxl DataLabelList's descriptors changed: data_labels needs another way"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["n"])
    ws.append([3])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=2), titles_from_data=True)
    chart.series[0].dLbls = private.data_labels('"施策 "0', showVal=True, showSerName=False)
    ws.add_chart(chart, "C1")
    xml = _xml(wb, "xl/charts/chart1.xml").decode()
    labels = xml.split("<dLbls>", 1)[1].split("</dLbls>", 1)[0]
    assert labels == ('<numFmt formatCode="&quot;施策 &quot;0" sourceLinked="0"/>'
                      '<showVal val="1"/><showSerName val="0"/>')


@pytest.mark.parametrize("ranges", [[(1, 1, 1, 2)], [(3, 1, 3, 2), (3, 3, 3, 4), (5, 1, 6, 4)]])
def test_add_merge_writes_what_merge_cells_writes(ranges):
    assert hasattr(openpyxl.worksheet.worksheet.Worksheet, "_clean_merge_range"), \
        "openpyxl Worksheet._clean_merge_range is gone: add_merge must call ws.merge_cells"
    books = []
    for fast in (False, True):
        wb = openpyxl.Workbook()
        ws = wb.active
        for r in range(1, 7):
            for c in range(1, 5):
                ws.cell(r, c, f"{r}-{c}")
        for first_row, first_col, last_row, last_col in ranges:
            if fast:
                private.add_merge(ws, first_row, first_col, last_row, last_col)
            else:
                ws.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)
        books.append(_xml(wb, "xl/worksheets/sheet1.xml"))
    assert books[0] == books[1]
