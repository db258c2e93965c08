"""Every use of openpyxl's private internals, in one place, each with why no public API does it.

openpyxl has no public way to do these five things at the speed or with the bytes we need; each is
pinned by tests/render/xlsx/test_openpyxl_private.py, which fails with the name of the internal when an
openpyxl upgrade renames or changes it (then change it here, and only here).

- `style_of` / `set_style`: a cell's whole style (font, fill, border, alignment, protection) as one
  StyleArray. Assigning the four public attributes cell by cell is the slowest part of writing a
  10,000-measure workbook (each assignment looks the style up in the workbook's tables); copying the
  array made once skips those look-ups and writes the same XML. Public alternative: NamedStyle, which adds a
  cellStyleXfs entry per style and so changes every file's bytes.
- `style_maker`: `style_of` a spare cell styled once per key, then `drop_cell` it (the cache both
  table writers share).
- `drop_cell`: remove a cell made only to build a style (openpyxl has no public `delete_cell`;
  `ws.delete_rows` shifts every later row).
- `set_default_font`: the workbook's font 0 and the Normal style, so that even empty cells use the
  Japanese font (openpyxl's public API sets fonts per cell only; `wb.named_styles` lists names).
- `data_labels`: chart data labels with their own number format, written `sourceLinked="0"` (openpyxl writes
  a label's `numFmt` without `sourceLinked`, which LibreOffice reads as "linked to the cells": the format is
  then ignored). A subclass of `DataLabelList` whose `numFmt` descriptor is the axes' `NumFmt` element.
- `add_merge`: merge a range known not to overlap any other without openpyxl's O(n) overlap check
  (10 s for the 800 merges of 400 sections); the same steps `ws.merge_cells` then takes.
"""

from __future__ import annotations

import functools
import weakref
from copy import copy


def style_of(cell):
    """A copy of the cell's style array (openpyxl: `Cell._style`)."""
    return copy(cell._style)


def set_style(cell, style) -> None:
    """Give a cell a style array made by `style_of` (a copy, so that later changes stay its own)."""
    cell._style = copy(style)


def style_maker(ws):
    """`style(key, apply)`: the style array `apply(cell)` gives a spare cell, made once per key on this sheet
    and then copied (with `set_style`) to every cell that needs it."""
    made = {}

    def style(key, apply):
        if key not in made:
            proto = ws.cell(row=1, column=ws.max_column + 1)
            apply(proto)
            made[key] = style_of(proto)
            drop_cell(ws, proto)
        return made[key]

    return style


def drop_cell(ws, cell) -> None:
    """Remove a cell from its worksheet (openpyxl: `Worksheet._cells`)."""
    del ws._cells[(cell.row, cell.column)]


def set_default_font(wb, font) -> None:
    """Make `font` the workbook's font 0 and the Normal style's font (openpyxl: `Workbook._fonts`,
    `Workbook._named_styles`). Call on a new workbook, before any cell is styled."""
    wb._fonts = type(wb._fonts)([font])  # before re-binding Normal, so Normal gets font 0
    wb._named_styles["Normal"].font = font


def data_labels(number_format: str, **kwargs):
    """A `DataLabelList` (`chart.dataLabels`, `series.dLbls`) showing its numbers in `number_format`
    (openpyxl: the `numFmt` descriptor of `openpyxl.chart.label._DataLabelBase`)."""
    from openpyxl.chart.data_source import NumFmt

    return _labels_class()(numFmt=NumFmt(formatCode=number_format, sourceLinked=False), **kwargs)


@functools.lru_cache(maxsize=1)
def _labels_class():
    from openpyxl.chart.data_source import NumFmt
    from openpyxl.chart.label import DataLabelList
    from openpyxl.descriptors import Typed

    class FormattedLabels(DataLabelList):  # the metaclass lists only this class's own descriptors: pass them on
        tagname = "dLbls"
        numFmt = Typed(expected_type=NumFmt, allow_none=True)
        __attrs__ = DataLabelList.__attrs__
        __nested__ = tuple(n for n in DataLabelList.__nested__ if n != "numFmt")
        __elements__ = DataLabelList.__elements__

    return FormattedLabels


def add_merge(ws, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """`ws.merge_cells` for a range that overlaps no merged range (openpyxl: `Worksheet._clean_merge_range`).

    A range whose cells have the styles of one merged before (the same shape, the same style arrays) gets
    that merge's resulting styles copied instead of openpyxl recomputing its borders (`MergedCellRange.format`
    adds Border objects cell by cell: the slowest part of writing a sheet of heading rows)."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    coords = [(r, c) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)]
    cells = ws._cells
    key = (last_row - first_row, last_col - first_col,
           tuple(_style_key(cells.get(k)) for k in coords))
    done = _MERGED.setdefault(ws.parent, {})
    coord = CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row).coord
    if key not in done:
        mcr = MergedCellRange(ws, coord)
        ws.merged_cells.ranges.add(mcr)
        ws._clean_merge_range(mcr)
        done[key] = [copy(cells[k]._style) for k in coords]
        return
    mcr = MergedCellRange.__new__(MergedCellRange)  # the same object, without _get_borders' style work
    mcr.ws, mcr.start_cell = ws, ws.cell(row=first_row, column=first_col)
    CellRange.__init__(mcr, range_string=coord)
    ws.merged_cells.ranges.add(mcr)
    for k, style in zip(coords, done[key]):
        cell = cells[k] if k == coords[0] else MergedCell(ws, *k)
        cells[k] = cell
        cell._style = copy(style)


def _style_key(cell):
    style = getattr(cell, "_style", None)
    return None if style is None else tuple(style)


_MERGED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # workbook -> {merge key: styles after}
