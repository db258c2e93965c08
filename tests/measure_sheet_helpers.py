"""Reading the printed table of measures (施策一覧, 全施策: render/xlsx/measure_table.py) back from a workbook
opened with openpyxl, independently of the library: heading rows, measures, continuation rows joined."""

from __future__ import annotations

import re

HEADERS = ["施策番号", "具体的取組", "KPI", "担当省庁", "実施状況"]
_CONTINUED = re.compile(r"^(\d+)\n（続き）$")


def read_table(ws) -> list[dict]:
    """Row 2 on, in order: {"kind": "heading", "title", "row"} for a merged heading row, {"kind": "measure",
    "id", "rows": [row numbers], "cells": {header: every part joined with ""}} for a measure."""
    header = [c.value for c in ws[1]]
    merged = {r.min_row for r in ws.merged_cells.ranges if r.min_col == 1 and r.max_col == len(header)}
    out: list[dict] = []
    for row in range(2, ws.max_row + 1):
        first = ws.cell(row, 1).value
        if row in merged:
            out.append({"kind": "heading", "title": first, "row": row})
            continue
        values = [ws.cell(row, c).value for c in range(1, len(header) + 1)]
        cont = _CONTINUED.match(first) if isinstance(first, str) else None
        if cont:
            entry = out[-1]
            assert entry["kind"] == "measure" and entry["id"] == int(cont.group(1)), row
        else:
            assert isinstance(first, int), (row, first)
            entry = {"kind": "measure", "id": first, "rows": [], "cells": dict.fromkeys(header[1:], "")}
            out.append(entry)
        entry["rows"].append(row)
        for h, v in zip(header[1:], values[1:]):
            entry["cells"][h] += "" if v is None else str(v)
    return out


def measures(ws) -> dict[int, dict]:
    """{measure id: its entry} of `read_table`."""
    return {e["id"]: e for e in read_table(ws) if e["kind"] == "measure"}


def note_of(name: str, full: str) -> str:
    """What follows a ministry's tagged part in 実施状況."""
    return f"（実施状況欄は{name}の記載部分。公表された全文は次のとおり）\n{full}"
