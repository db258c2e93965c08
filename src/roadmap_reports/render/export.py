"""Machine-readable exports of a dataset: JSON (the schema, the contract) and CSV for Excel.

Both are registered in render/registry.py (subject "dataset", with the YAML of sources/dataset.py)."""

from __future__ import annotations

import csv
import io

from roadmap_reports.sources.dataset import dumps_json
from roadmap_reports.model import Roadmap

CSV_COLUMNS = ("id", "repost_of", "section", "subsection", "ministry", "ministry_code", "co_owners",
               "initiative", "kpis", "status")


def to_json(roadmap: Roadmap) -> str:
    """The dataset as JSON of the schema (docs/dataset.md): lossless, keys in a fixed order."""
    return dumps_json(roadmap)


# A spreadsheet evaluates a CSV cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A CSV cell that Excel shows as text: a leading 「'」 before anything that would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(roadmap: Roadmap) -> str:
    """One row per measure and ministry (a repost is listed under the owners of the measure it repeats).

    KPI items are separated by newlines inside their cell. A cell that would start a formula in
    Excel (= + - @) gets a leading apostrophe. The caller writes it with a BOM so Excel opens it
    as UTF-8; the JSON export is the lossless, machine-readable form.
    """
    from roadmap_reports.ministries import lookup

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in roadmap.measures:
        owners = roadmap.owners(m) or [""]
        for name in owners:
            ministry = lookup(name) if name else None
            writer.writerow([csv_cell(x) for x in (
                m.id, "" if m.repost_of is None else m.repost_of, m.section, m.subsection or "",
                name, ministry.code if ministry else "", "、".join(o for o in owners if o != name),
                m.initiative, "\n".join(m.kpis), m.status,
            )])
    return buf.getvalue()

