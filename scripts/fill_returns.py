"""Fill circulated workbooks the way the ministries would, so that the collect example can be run.

    python scripts/fill_returns.py circulated returned --base data/fy2022.yaml [--missing MOFA] [--macro MOJ]

Reads every workbook `build --for-update` wrote into CIRCULATED and writes, into RETURNED, each ministry's
answer: in its own rows (not reposts; a shared status without 【省】 tags by its first ministry only, as the
secretariat asks), this year's 実施状況 is last year's text (over its continuation rows, if any) followed by
an illustrative sentence marked 【例示】 — never official text. The section and ◎ heading rows are passed over
(told by their shape: rounds.layout.is_heading_row); a workbook of an earlier release is filled in its own
columns. `--missing CODE` leaves a ministry out (it has not answered yet);
`--macro CODE` saves that ministry's answer as a macro-enabled .xlsm, which collect rejects, as it
rejects such files from real ministries. The workbooks are edited with openpyxl, the cells only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

ADDED = "【例示】令和５年度も引き続き実施した。"


def fill(path: Path, roadmap, target: Path) -> int:
    """Write the answered copy of one circulated workbook to `target`; return the rows answered."""
    from openpyxl import load_workbook

    from roadmap_reports.rounds.layout import CURRENT, DATA_SHEET, FIRST_ROW, LAYOUTS, META_SHEET, is_heading_row

    wb = load_workbook(path)
    ws = wb[DATA_SHEET]
    code = path.name.split("_", 1)[0]
    ministry = next(m for m in roadmap.ministries() if _code(m) == code)
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_col=2)}
    layout = LAYOUTS.get(meta.get("format"), CURRENT)  # a workbook of an earlier release: its own columns
    status, ident = layout.letter("status"), layout.letter("id")
    last_part: dict[int, str] = {}  # measure → the cell holding the end of its text (continuation rows follow it)
    measure = None
    for row in range(FIRST_ROW, ws.max_row + 1):
        number = ws[f"{ident}{row}"].value
        if layout.heading_rows and is_heading_row([c.value for c in ws[row][:len(layout.columns)]]):
            measure = None  # a section or ◎ heading row: no measure until the next number
            continue
        if isinstance(number, int):
            measure = roadmap.measure(number)
        if measure is None or measure.is_repost:
            continue
        if not measure.status_by_ministry and len(measure.ministries) > 1 and measure.ministries[0] != ministry:
            continue
        if isinstance(ws[f"{status}{row}"].value, str) and ws[f"{status}{row}"].value:
            last_part[measure.id] = f"{status}{row}"
    for ref in last_part.values():
        ws[ref].value = ws[ref].value.rstrip("\n") + ADDED
    wb.save(target)
    return len(last_part)


def _code(name: str) -> str:
    from roadmap_reports.ministries import lookup

    return lookup(name).code


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("circulated", type=Path, help="folder written by build --for-update")
    ap.add_argument("returned", type=Path, help="folder to write the answered workbooks into")
    ap.add_argument("--base", type=Path, default=ROOT / "data" / "fy2022.yaml", help="the dataset they were made from")
    ap.add_argument("--missing", action="append", default=[], metavar="CODE", help="a ministry that has not answered")
    ap.add_argument("--macro", action="append", default=[], metavar="CODE",
                    help="a ministry whose answer comes back as a macro-enabled .xlsm")
    args = ap.parse_args(argv)

    from roadmap_reports.sources.dataset import load_roadmap

    roadmap = load_roadmap(args.base)
    args.returned.mkdir(parents=True, exist_ok=True)
    books = sorted(args.circulated.glob("*.xlsx"))
    if not books:
        print(f"{args.circulated}: no workbook (run build --for-update first)", file=sys.stderr)
        return 1
    written = 0
    for path in books:
        code = path.name.split("_", 1)[0]
        if code in args.missing:
            continue
        target = args.returned / path.name
        if code in args.macro:
            shutil.copyfile(path, target.with_suffix(".xlsm"))
            written += 1
            continue
        fill(path, roadmap, target)
        written += 1
    print(f"Wrote {written} answered workbooks to {args.returned}; not answered: {', '.join(args.missing) or 'none'}.",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
