"""The layout of a workbook for update (照会用ブック): the contract between `circulate`, which writes the
workbooks, and `collect`, which reads them back. Sheet names, the column table, the metadata keys, the
rows of a ministry and the checksum of their locked content are defined here and nowhere else.

`COLUMNS` is the single definition of the measures sheet's columns: their order, headers and shares of the
printable width (`widths` sizes them to the paper: render/paper.py, render/xlsx/fit.py); `EDITABLE_KEYS` says
which of them the ministries may edit. Last year's status (参考) and this year's (記入) are equally wide, so the
same text wraps alike side by side.

The section (分野) and its ◎ sub-heading are not a column: as in the report (and the ministry workbook's 施策一覧),
each is a heading row of its own (`sheet_rows`), merged across the table and locked, written before the first
measure under it whenever the heading changes. A reader tells a heading row by its shape (`is_heading_row`: text
in the number column that is neither a 施策番号 nor a continuation label, nothing else in the row), never by its
words. Workbooks of the earlier formats (`LAYOUTS`: a 項目 column B repeating both headings on every row) are
still read, each by its own columns.

A measure whose text is taller than a row (Excel's 409 pt) continues on the rows below (`parts`: split only at a
line break or after a 「。」, every character kept): the number column of such a row says
「（1の続き）」 (`CONTINUED`), and `collect` reads each column of a measure as its cells joined in order. The
metadata records how many rows each measure takes (``row_parts``), so a workbook is read back as it was
written, whatever later versions would split differently.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from roadmap_reports.japanese.calendar import file_year, year_label
from roadmap_reports.ministries import Ministry, safe_filename
from roadmap_reports.model import Measure, Roadmap

FORMAT = "roadmap-reports/update-workbook/3"
#: Every format still read: /1 (one row per measure, no ``row_parts``/``paper`` in the metadata), /2 (continuation
#: rows; the 項目 column), /3 (heading rows instead of the 項目 column).
FORMATS = ("roadmap-reports/update-workbook/1", "roadmap-reports/update-workbook/2", FORMAT)
DATA_SHEET = "実施状況照会"
HELP_SHEET = "記入要領"
META_SHEET = "_meta"
HEADER_ROW = 1
FIRST_ROW = 2

# (key, header, share of the printable width); the order is the column order A, B, C, ...
COLUMNS = (
    ("id", "施策番号", 5),
    ("initiative", "具体的取組", 17),
    ("kpis", "KPI", 16),
    ("ministries", "担当省庁", 8),
    ("reference", "前年度の実施状況\n（参考）", 21),
    ("status", "今年度の実施状況\n（記入）", 21),
    ("kpi_proposal", "KPI変更案\n（任意）", 12),
    ("remarks", "備考\n（事務局への\n連絡）", 10),  # our break: else 「）」 wraps alone
)
#: The columns of formats /1 and /2: the 項目 column B held the section and ◎ headings of every row.
COLUMNS_V2 = (COLUMNS[0], ("item", "項目", 10), ("initiative", "具体的取組", 17), ("kpis", "KPI", 12),
              ("ministries", "担当省庁", 7), ("reference", COLUMNS[4][1], 21), ("status", COLUMNS[5][1], 21),
              ("kpi_proposal", "KPI変更案\n（任意）", 9), ("remarks", "備考\n（事務局への連絡）", 8))
#: The locked content of a measure, which the checksum covers: its number, its headings (「項目」: the section and
#: ◎ sub-heading, shown as heading rows since format /3), the texts shown and last year's status.
LOCKED_KEYS = ("id", "item", "initiative", "kpis", "ministries", "reference")
EDITABLE_KEYS = ("status", "kpi_proposal", "remarks")
META_KEYS = ("format", "tool_version", "dataset_title", "base_fiscal_year", "target_fiscal_year", "ministry_code",
             "ministry_name", "measure_ids", "checksum", "paper", "row_parts")
#: The metadata of a first-layout workbook (FORMATS[0]).
META_KEYS_V1 = META_KEYS[:-2]


@dataclass(frozen=True)
class SheetLayout:
    """How the measures sheet of one format is laid out: its columns, its metadata keys, whether the headings are
    rows of their own."""

    format: str
    columns: tuple
    meta_keys: tuple
    heading_rows: bool

    @property
    def keys(self) -> tuple[str, ...]:
        """The column keys, in column order."""
        return tuple(k for k, _h, _s in self.columns)

    @property
    def locked_columns(self) -> tuple[str, ...]:
        """The keys of the locked columns (every column the ministries may not edit), in column order."""
        return tuple(k for k in self.keys if k not in EDITABLE_KEYS)

    def letter(self, key: str) -> str:
        """The column letter of a key: "status" → "F" (format /3)."""
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.keys.index(key) + 1)


LAYOUTS = {f.format: f for f in (SheetLayout(FORMATS[0], COLUMNS_V2, META_KEYS_V1, False),
                                 SheetLayout(FORMATS[1], COLUMNS_V2, META_KEYS, False),
                                 SheetLayout(FORMAT, COLUMNS, META_KEYS, True))}
#: The layout `circulate` writes.
CURRENT = LAYOUTS[FORMAT]
#: What the number column of a continuation row holds.
CONTINUED = "（{n}の続き）"
#: What a repost's status cell holds: nothing is to be written there.
REPOST_NOTE = "（再掲：施策番号{n}の行に記入してください）"


def column_letter(key: str, layout: SheetLayout = CURRENT) -> str:
    """The column letter of a key of the layout's columns (COLUMNS by default): "status" → "F"."""
    return layout.letter(key)


def is_continued(label) -> bool:
    """Whether a number cell's value is a continuation row's label (CONTINUED: 「（1の続き）」)."""
    import re

    return isinstance(label, str) and re.fullmatch(re.escape(CONTINUED).replace(r"\{n\}", r"\d+"), label) is not None


def widths(p) -> dict[str, float]:
    """Column widths (Excel units) by key on the paper `p` (render/paper.Paper): the shares of COLUMNS of its
    printable width, the sheet printed at 100 %."""
    from roadmap_reports.render.xlsx.fit import printable_units

    total = printable_units(p) * 0.97  # a little room for the grid lines and LibreOffice's rounding
    share = sum(s for _k, _h, s in COLUMNS)
    return {k: round(total * s / share, 1) for k, _h, s in COLUMNS}


def parts(row: "Row", p) -> dict[str, list[str]]:
    """Each text cell of a measure's row cut into the parts shown on its rows (fit.chunks_lossless at the
    column's width on paper `p`: "".join gives the text back), all columns padded to the same number of rows."""
    from roadmap_reports.render.xlsx.fit import chunks_lossless

    w = widths(p)
    values = {k: v for k, v in row.locked().items() if k in w}  # not 項目: heading rows since format /3
    values["status"] = row.prefill if row.repost_of is None else REPOST_NOTE.format(n=row.repost_of)
    out = {k: chunks_lossless(str(v), w[k], p.body_pt) if v else [""] for k, v in values.items() if k != "id"}
    n = max(len(v) for v in out.values())
    return {k: v + [""] * (n - len(v)) for k, v in out.items()}


def headers(base_year: int, target_year: int) -> dict[str, str]:
    """Column headers by key, with the years spelled out as the report prints them: 令和４年度の実施状況\n（参考）
    (a line break where a narrow header would wrap badly; collect compares headers without them)."""
    out = {**{k: h for k, h, _w in COLUMNS_V2}, **{k: h for k, h, _w in COLUMNS}}  # 項目 of the earlier formats
    out["reference"] = f"{year_label(base_year)}の実施状況\n（参考）"
    out["status"] = f"{year_label(target_year)}の実施状況\n（記入）"
    return out


def update_filename(ministry: Ministry, fiscal_year: int) -> str:
    """The workbook's file name: MEXT_文部科学省_令和5年度_照会.xlsx (ASCII digits: calendar.file_year)."""
    return f"{safe_filename(ministry)}_{file_year(fiscal_year)}_照会.xlsx"


@dataclass(frozen=True)
class Row:
    """One measure of the measures sheet: what is shown (locked) and what is pre-filled (editable)."""

    measure: Measure
    id: int
    section: str  # the section's heading, as the dataset gives it
    subsection: str  # its ◎ sub-heading ("" when the measure has none)
    initiative: str
    kpis: str
    ministries: str
    reference: str
    prefill: str
    repost_of: int | None

    @property
    def item(self) -> str:
        """Both headings, one a line: what the 項目 column of formats /1 and /2 showed (the checksum covers it)."""
        return "\n".join(x for x in (self.section, self.subsection) if x)

    def locked(self) -> dict:
        """The locked content by key (LOCKED_KEYS)."""
        return {k: getattr(self, k) for k in LOCKED_KEYS}


@dataclass(frozen=True)
class Heading:
    """A heading row of the measures sheet: a section's title (level "section") or its ◎ sub-heading."""

    level: str
    text: str


def rows_for(roadmap: Roadmap, ministry: Ministry) -> list[Row]:
    """The rows of a ministry's workbook for update, in report order."""
    rows = []
    for m in roadmap.measures_of(ministry.name):
        section = roadmap.section(m.section)
        sub = roadmap.subsection(m.subsection)
        heads = (section.title if section else m.section), (sub.title if sub else "")
        if m.is_repost:
            target = roadmap.target(m)
            rows.append(Row(m, m.id, *heads, f"（再掲：施策番号{m.repost_of}）\n{target.initiative}",
                            "\n".join(target.kpis), "、".join(target.ministries), "", "", m.repost_of))
            continue
        reference = m.status_for(ministry.name)
        if m.status_by_ministry and ministry.name not in m.status_by_ministry:
            prefill = ""  # tagged status without a part for this ministry yet
        else:
            prefill = reference
        rows.append(Row(m, m.id, *heads, m.initiative, "\n".join(m.kpis), "、".join(m.ministries), reference,
                        prefill, None))
    return rows


def sheet_rows(rows: list[Row]) -> list[Row | Heading]:
    """The measures sheet in order (format /3): a section's heading before the first measure of each section, its
    ◎ sub-heading before the first measure of each subsection (none for measures without one, nor for a heading
    without visible text), then the measure — each heading once per change, as views.group groups the ministry
    workbook's 施策一覧."""
    out: list[Row | Heading] = []
    last = None
    for row in rows:
        key = (row.measure.section, row.measure.subsection or None)
        if (last is None or key[0] != last[0]) and row.section.strip():
            out.append(Heading("section", row.section))
        if (last is None or key != last) and row.subsection.strip():
            out.append(Heading("subsection", row.subsection))
        out.append(row)
        last = key
    return out


def is_heading_row(values: list) -> bool:
    """Whether a row of the measures sheet (its cells' values across the table, number column first) has a heading
    row's shape: a text in the number column that is neither a 施策番号 nor a continuation label, every other cell
    empty. (A measure's number cell holds its number or 「（Nの続き）」.)"""
    first, rest = values[0], values[1:]
    return (isinstance(first, str) and first.strip() != "" and not is_continued(first)
            and all(v in (None, "") for v in rest))


def row_labels(rows: list[Row], counts: list[int], layout: SheetLayout = CURRENT) -> list:
    """What the number column holds on each row from FIRST_ROW on, as the layout writes it: headings as
    Heading, each measure's number, then its continuation labels (`counts`: the rows each measure takes)."""
    n_rows = dict(zip((r.id for r in rows), counts))
    entries = sheet_rows(rows) if layout.heading_rows else rows
    out: list = []
    for e in entries:
        if isinstance(e, Heading):
            out.append(e)
        else:
            out += [e.id] + [CONTINUED.format(n=e.id)] * (n_rows[e.id] - 1)
    return out


def checksum(rows_locked: list[dict]) -> str:
    """SHA-256 of the locked content, row by row (ids, texts shown, last year's status)."""
    canon = [[str(r[k] if r[k] is not None else "") for k in LOCKED_KEYS] for r in rows_locked]
    data = json.dumps(canon, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def metadata(roadmap: Roadmap, ministry: Ministry, rows: list[Row], fiscal_year: int, p,
             row_parts: list[int]) -> dict:
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
        "paper": p.name,
        "row_parts": ",".join(str(n) for n in row_parts),
    }
