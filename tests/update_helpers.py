"""Helpers shared by the circulate/collect tests: build workbooks for update and edit them the way a
ministry would (openpyxl), or break them the way a hostile or careless return would."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from roadmap_reports.rounds.circulate import build_update_workbooks
from roadmap_reports.rounds.layout import DATA_SHEET, META_SHEET
from roadmap_reports.ministries import lookup

FY = 2023
DATA = Path(__file__).resolve().parents[1] / "data"


def build(roadmap, outdir, **kw) -> dict[str, Path]:
    """{ministry code: path} of the workbooks for update."""
    paths = build_update_workbooks(roadmap, outdir, ministries=kw.pop("ministries", None),
                                   fiscal_year=kw.pop("fiscal_year", FY), **kw)
    return {p.name.split("_")[0]: p for p in paths}


def edit(path, cells: dict, *, sheet=DATA_SHEET, save_as=None, fn=None) -> Path:
    """Set cells (e.g. {"G2": "text"}) as a ministry would in Excel, and save."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sheet]
    for ref, value in cells.items():
        ws[ref] = value
    if fn is not None:
        fn(wb)
    out = Path(save_as or path)
    wb.save(out)
    return out


def row_of(path, measure_id: int) -> int:
    from openpyxl import load_workbook

    ws = load_workbook(path)[DATA_SHEET]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == measure_id:
            return r
    raise AssertionError(f"measure {measure_id} not in {path}")


def insert_rows(ws, idx: int, amount: int = 1) -> None:
    """Insert rows as Excel does: the merged heading rows below move down with their cells (openpyxl's
    insert_rows leaves the merges where they were)."""
    ws.insert_rows(idx, amount)
    for merged in ws.merged_cells.ranges:
        if merged.min_row >= idx:
            merged.shift(row_shift=amount)


def delete_rows(ws, idx: int, amount: int = 1) -> None:
    """Delete rows as Excel does: the merged heading rows below move up with their cells."""
    ws.delete_rows(idx, amount)
    for merged in ws.merged_cells.ranges:
        if merged.min_row > idx:
            merged.shift(row_shift=-amount)


def rezip(path, out, *, add: dict | None = None, drop=(), replace: dict | None = None) -> Path:
    """Copy an .xlsx zip, adding, dropping or replacing parts."""
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            data = (replace or {}).get(info.filename)
            dst.writestr(info.filename, data if data is not None else src.read(info.filename))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    Path(out).write_bytes(buf.getvalue())
    return Path(out)


def meta(path) -> dict:
    from openpyxl import load_workbook

    ws = load_workbook(path)[META_SHEET]
    return {r[0].value: r[1].value for r in ws.iter_rows(max_col=2)}



def messages(ret) -> list[tuple]:
    """(place, message) of the problems that reject a checked return."""
    return [(f.place, f.message) for f in ret.findings if f.severity == "error"]


def only_error(path, base, **kw) -> tuple:
    """Check a workbook that must be rejected with exactly one problem; return its (place, message)."""
    from roadmap_reports.rounds.collect import check_workbook

    ret = check_workbook(path, base=base, fiscal_year=kw.pop("fiscal_year", FY), **kw)
    assert ret.rejected and not ret.answers
    errors = messages(ret)
    assert len(errors) == 1, errors
    return errors[0]


MEXT, MOJ, MHLW = lookup("MEXT"), lookup("MOJ"), lookup("MHLW")
