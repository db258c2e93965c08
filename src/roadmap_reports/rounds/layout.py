"""The layout of a workbook for update (照会用ブック): the contract between `circulate`, which writes the
workbooks, and `collect`, which reads them back. Sheet names, the column table, the metadata keys, the
rows of a ministry and the checksum of their locked content are defined here and nowhere else.

`COLUMNS` is the single definition of the measures sheet's columns: their order, headers and widths;
`LOCKED_KEYS` and `EDITABLE_KEYS` say which of them the ministries may edit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from roadmap_reports.japanese.calendar import file_year, year_label
from roadmap_reports.ministries import Ministry, safe_filename
from roadmap_reports.model import Measure, Roadmap

FORMAT = "roadmap-reports/update-workbook/1"
DATA_SHEET = "実施状況照会"
HELP_SHEET = "記入要領"
META_SHEET = "_meta"
HEADER_ROW = 1
FIRST_ROW = 2

# (key, header, width); the order is the column order A, B, C, ...
COLUMNS = (
    ("id", "施策番号", 8),
    ("item", "項目", 18),
    ("initiative", "具体的取組", 32),
    ("kpis", "KPI", 24),
    ("ministries", "担当省庁", 10),
    ("reference", "前年度の実施状況（参考）", 44),
    ("status", "今年度の実施状況（記入）", 48),
    ("kpi_proposal", "KPI変更案（任意）", 20),
    ("remarks", "備考（事務局への連絡）", 20),
)
LOCKED_KEYS = ("id", "item", "initiative", "kpis", "ministries", "reference")
EDITABLE_KEYS = ("status", "kpi_proposal", "remarks")
META_KEYS = ("format", "tool_version", "dataset_title", "base_fiscal_year", "target_fiscal_year", "ministry_code",
             "ministry_name", "measure_ids", "checksum")
#: What a repost's status cell holds: nothing is to be written there.
REPOST_NOTE = "（再掲：施策番号{n}の行に記入してください）"


def column_letter(key: str) -> str:
    """The column letter of a key of COLUMNS: "status" → "G"."""
    from openpyxl.utils import get_column_letter

    return get_column_letter([k for k, _h, _w in COLUMNS].index(key) + 1)


def headers(base_year: int, target_year: int) -> dict[str, str]:
    """Column headers by key, with the years spelled out as the report prints them: 令和４年度の実施状況（参考）."""
    out = {k: h for k, h, _w in COLUMNS}
    out["reference"] = f"{year_label(base_year)}の実施状況（参考）"
    out["status"] = f"{year_label(target_year)}の実施状況（記入）"
    return out


def update_filename(ministry: Ministry, fiscal_year: int) -> str:
    """The workbook's file name: MEXT_文部科学省_令和5年度_照会.xlsx (ASCII digits: calendar.file_year)."""
    return f"{safe_filename(ministry)}_{file_year(fiscal_year)}_照会.xlsx"


@dataclass(frozen=True)
class Row:
    """One row of the measures sheet: what is shown (locked) and what is pre-filled (editable)."""

    measure: Measure
    id: int
    item: str
    initiative: str
    kpis: str
    ministries: str
    reference: str
    prefill: str
    repost_of: int | None

    def locked(self) -> dict:
        """The locked cells by key (LOCKED_KEYS)."""
        return {k: getattr(self, k) for k in LOCKED_KEYS}


def rows_for(roadmap: Roadmap, ministry: Ministry) -> list[Row]:
    """The rows of a ministry's workbook for update, in report order."""
    rows = []
    for m in roadmap.measures_of(ministry.name):
        section = roadmap.section(m.section)
        sub = roadmap.subsection(m.subsection)
        item = "\n".join(x for x in ((section.title if section else m.section), (sub.title if sub else "")) if x)
        if m.is_repost:
            target = roadmap.target(m)
            rows.append(Row(m, m.id, item, f"（再掲：施策番号{m.repost_of}）\n{target.initiative}",
                            "\n".join(target.kpis), "、".join(target.ministries), "", "", m.repost_of))
            continue
        reference = m.status_for(ministry.name)
        if m.status_by_ministry and ministry.name not in m.status_by_ministry:
            prefill = ""  # tagged status without a part for this ministry yet
        else:
            prefill = reference
        rows.append(Row(m, m.id, item, m.initiative, "\n".join(m.kpis), "、".join(m.ministries), reference,
                        prefill, None))
    return rows


def checksum(rows_locked: list[dict]) -> str:
    """SHA-256 of the locked content, row by row (ids, texts shown, last year's status)."""
    canon = [[str(r[k] if r[k] is not None else "") for k in LOCKED_KEYS] for r in rows_locked]
    data = json.dumps(canon, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def metadata(roadmap: Roadmap, ministry: Ministry, rows: list[Row], fiscal_year: int) -> dict:
    """The hidden sheet's entries (META_KEYS), by which `collect` verifies a returned workbook."""
    from roadmap_reports import __version__

    return {
        "format": FORMAT,
        "tool_version": __version__,
        "dataset_title": roadmap.title,
        "base_fiscal_year": str(roadmap.fiscal_year),
        "target_fiscal_year": str(fiscal_year),
        "ministry_code": ministry.code,
        "ministry_name": ministry.name,
        "measure_ids": ",".join(str(r.id) for r in rows),
        "checksum": checksum([r.locked() for r in rows]),
    }
