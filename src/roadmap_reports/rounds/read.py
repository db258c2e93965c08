"""Reading one returned workbook: its metadata, the checks that it belongs to this round and was not
tampered with, and the answers typed into its editable cells.

`check_workbook` never raises for a bad file: every problem is a `roadmap_reports.errors.Problem`
(kind ``hostile``, ``broken``, ``mismatch``, ``tampering``, ``duplicate``, ``formula`` or ``warning``)
in `Return.findings`, located at the sheet!cell and measure, and a problem of severity "error"
rejects the whole file.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_reports.errors import Problem
from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.ministries import Ministry, lookup
from roadmap_reports.model import Roadmap
from roadmap_reports.office import CELL_MAX_CHARS, codepoints, forbidden_characters
from roadmap_reports.rounds.layout import (DATA_SHEET, EDITABLE_KEYS, FIRST_ROW, FORMAT, HEADER_ROW, HELP_SHEET,
                                           LAYOUTS, META_SHEET, REPOST_NOTE, Row, SheetLayout, checksum, headers,
                                           rows_for)
from roadmap_reports.rounds.findings import problem
from roadmap_reports.rounds.inspect import Limits, inspect_file
from roadmap_reports.rounds.row_findings import check_row_labels

#: How Excel writes a character XML cannot carry (_x0007_); openpyxl leaves it as it is.
EXCEL_ESCAPE = re.compile(r"_x([0-9A-F]{4})_", re.I)
_PLAIN_VALUES = (str, int, float, bool, _dt.date, _dt.time, _dt.timedelta)


@dataclass
class Answer:
    """What a ministry wrote for one measure (texts as stored: see `clean_text`)."""

    measure: int
    status: str
    kpi_proposal: str
    remarks: str
    place: str  # sheet!cell of the status
    places: dict[str, str] = field(default_factory=dict)  # sheet!cell of each editable column's first cell


@dataclass
class Return:
    """One returned file after checking: its ministry, its answers and every problem found."""

    path: Path
    ministry: Ministry | None = None
    answers: list[Answer] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    actuals: list = field(default_factory=list)  # (measure, typed KPI actual) from the KPI実績 sheet

    @property
    def rejected(self) -> bool:
        """Whether any problem rejects the file (nothing of it is merged)."""
        return any(f.severity == "error" for f in self.findings)

    def error(self, kind: str, code: str, place: str | None = None, measure: int | None = None, **args) -> None:
        """Record a problem that rejects the file: `code` names its message in rounds.findings (a message
        not in that table is said as given)."""
        self.findings.append(problem(code, file=self.path, place=place, measure=measure, kind=kind, **args))

    def warn(self, code: str, place: str | None = None, measure: int | None = None, **args) -> None:
        """Record a problem worth saying that does not reject the file (`code` as for `error`)."""
        self.findings.append(problem(code, file=self.path, place=place, measure=measure, kind="warning",
                                     severity="warning", **args))


# --- cell values --------------------------------------------------------------------------------
def clean_text(value) -> str:
    """A cell's text as stored: line ends as \\n, trailing whitespace and leading blank lines dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
        value = value.date()  # Excel turned 2023/4/1 into a date: keep the day, not midnight
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        value = value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").rstrip()
    return re.sub(r"^(?:[ \t\u3000]*\n)+", "", text)


def cell_text(value) -> str:
    """A cell's text for comparing with what was written: line ends as \\n, nothing else changed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _short(text, n: int = 60) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _same_header(value: str, header: str) -> bool:
    """A header as written, or with other digit widths: workbooks circulated before the headers printed
    full-width digits (令和4年度 → 令和４年度), or without the line breaks of the newer headers, are still
    collected."""
    value, header = value.replace("\n", ""), header.replace("\n", "")
    return value == header or unicodedata.normalize("NFKC", value) == unicodedata.normalize("NFKC", header)


# --- one workbook -------------------------------------------------------------------------------
def check_workbook(path, *, base: Roadmap, fiscal_year: int, limits: Limits = Limits()) -> Return:
    """Check one returned workbook and read its answers. Never raises for a bad file: see Return.findings."""
    ret = Return(Path(path))
    problem = inspect_file(path, limits)
    if problem is not None:
        ret.findings.append(problem)
        return ret
    wb = _load(path, ret)
    if wb is None:
        return ret
    _formulas(wb, ret)
    meta = read_metadata(wb, ret)
    if meta is None or not _belongs(meta, ret, base, fiscal_year):
        return ret
    rows = rows_for(base, ret.ministry)
    if not _metadata_matches(meta, ret, rows):
        return ret
    counts, layout = meta["_row_parts"], LAYOUTS[meta["format"]]
    starts = _check_layout(wb, ret, rows, counts, headers(base.fiscal_year, fiscal_year), layout)
    if starts is None:
        return ret
    ws = wb[DATA_SHEET]
    titles = headers(base.fiscal_year, fiscal_year)
    for row, n, r in zip(rows, counts, starts):
        span = range(r, r + n)
        _check_locked(ws, ret, row, span, titles, layout)
        if row.repost_of is None:
            ret.answers.append(_read_answer(ws, ret, row, span, layout))
    from roadmap_reports.rounds.kpi_actuals import ACTUALS_SHEET, read_actuals

    ret.actuals = read_actuals(wb, base, rows, ret)
    for name in wb.sheetnames:
        if name not in (DATA_SHEET, META_SHEET, HELP_SHEET, ACTUALS_SHEET):
            ret.warn("extra_sheet", sheet=name)
    if ret.rejected:
        ret.answers, ret.actuals = [], []
    return ret


def _load(path, ret: Return):
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=False, keep_vba=False, keep_links=False, rich_text=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure means a corrupt file
        ret.error("broken", "unreadable_workbook", error=f"{type(exc).__name__}: {str(exc)[:200]}")
        return None


def _formulas(wb, ret: Return) -> None:
    """Report every formula, with its text; formulas are never evaluated."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f" or (value is not None and not isinstance(value, _PLAIN_VALUES)):
                    text = getattr(value, "text", None) or str(value)
                    row_id = ws.cell(cell.row, 1).value if ws.title == DATA_SHEET and cell.row >= FIRST_ROW else None
                    ret.error("formula", "formula", place=f"{ws.title}!{cell.coordinate}",
                              measure=row_id if type(row_id) is int else None, formula=text[:200])


def read_metadata(wb, ret: Return) -> dict | None:
    """The hidden metadata sheet as {key: text}, with "_places" {key: sheet!cell}; None (and a problem
    recorded) when it is missing or altered."""
    if META_SHEET not in wb.sheetnames:
        ret.error("tampering", "metadata_missing", sheet=META_SHEET)
        return None
    meta, places = {}, {}
    for row in wb[META_SHEET].iter_rows(min_row=1, max_col=2):
        key, value = row[0].value, row[1].value if len(row) > 1 else None
        if key is None and value is None:
            continue
        meta[str(key)] = cell_text(value)
        places[str(key)] = f"{META_SHEET}!B{row[0].row}"
    keys = LAYOUTS.get(meta.get("format"), LAYOUTS[FORMAT]).meta_keys
    missing = [k for k in keys if k not in meta]
    if missing:
        ret.error("tampering", "metadata_keys_missing", place=META_SHEET, keys=", ".join(missing))
        return None
    extra = [k for k in meta if k not in keys]
    if extra:
        ret.error("tampering", "metadata_unknown_keys", place=META_SHEET, keys=", ".join(map(repr, extra)))
        return None
    if meta["format"] not in LAYOUTS:
        ret.error("tampering", "metadata_format", place=places["format"], found=meta["format"], expected=FORMAT)  # the newest
        return None
    meta["_places"] = places
    return meta


def _belongs(meta: dict, ret: Return, base: Roadmap, fiscal_year: int) -> bool:
    """Whether the workbook was made for this round: a known ministry of the base, the same base dataset
    and target year. Sets ret.ministry."""
    places = meta["_places"]
    ministry = lookup(meta["ministry_code"])
    if ministry is None or ministry.name != meta["ministry_name"]:
        ret.error("tampering", "metadata_ministry", place=places["ministry_code"], code=meta["ministry_code"],
                  name=meta["ministry_name"])
        return False
    ret.ministry = ministry
    if meta["target_fiscal_year"] != str(fiscal_year):
        ret.error("mismatch", "wrong_fiscal_year", place=places["target_fiscal_year"],
                  found=meta["target_fiscal_year"], found_label=_year_label(meta["target_fiscal_year"]),
                  expected=fiscal_year, expected_label=year_label(fiscal_year))
    if meta["dataset_title"] != cell_text(base.title) or meta["base_fiscal_year"] != str(base.fiscal_year):
        ret.error("mismatch", "other_dataset", place=places["dataset_title"], title=meta["dataset_title"],
                  year=meta["base_fiscal_year"], year_label=_year_label(meta["base_fiscal_year"]),
                  base_title=base.title, base_year=base.fiscal_year, base_year_label=year_label(base.fiscal_year))
    if ministry.name not in base.ministries():
        ret.error("mismatch", "ministry_not_in_base", place=places["ministry_code"], ministry=ministry.name)
    return not ret.rejected


def _row_parts(meta: dict, n: int) -> list[int] | None:
    """How many sheet rows each measure takes, from the metadata (one each in a first-layout workbook)."""
    if "row_parts" not in meta:
        return [1] * n
    try:
        counts = [int(x) for x in meta["row_parts"].split(",")]
    except ValueError:
        return None
    return counts if len(counts) == n and all(1 <= c <= 1000 for c in counts) else None


def _metadata_matches(meta: dict, ret: Return, rows: list[Row]) -> bool:
    """Whether the measure ids, the rows each takes and the checksum of the locked content are those the base
    gives (sets meta["_row_parts"])."""
    places = meta["_places"]
    expected_ids = ",".join(str(r.id) for r in rows)
    if meta["measure_ids"] != expected_ids:
        ret.error("tampering", "metadata_measure_ids", place=places["measure_ids"], found=meta["measure_ids"],
                  ministry=ret.ministry.name, expected=expected_ids)
        return False
    if meta["checksum"] != checksum([r.locked() for r in rows]):
        ret.error("tampering", "checksum_mismatch", place=places["checksum"])
        return False
    meta["_row_parts"] = _row_parts(meta, len(rows))
    if meta["_row_parts"] is None:
        ret.error("tampering", "metadata_row_parts", place=places["row_parts"], found=meta["row_parts"])
        return False
    return True


def _check_layout(wb, ret: Return, rows: list[Row], counts: list[int], titles: dict[str, str],
                  layout: SheetLayout) -> list[int] | None:
    """The measures sheet: present, its headers, nothing beside the table, its heading rows and the rows of the
    measures (and their continuation rows) in order. Returns the row each measure starts at; None when the rows
    cannot be read one by one."""
    if DATA_SHEET not in wb.sheetnames:
        ret.error("tampering", "sheet_missing", sheet=DATA_SHEET, sheets=", ".join(wb.sheetnames))
        return None
    ws = wb[DATA_SHEET]
    if not ws.protection.sheet:
        ret.warn("protection_removed", place=DATA_SHEET)
    for c, key in enumerate(layout.keys, start=1):
        cell = ws.cell(HEADER_ROW, c)
        value = cell_text(cell.value).rstrip()
        if not _same_header(value, titles[key]):
            ret.error("tampering", "header_changed", place=f"{DATA_SHEET}!{cell.coordinate}",
                      value=value.replace("\n", ""), expected=titles[key].replace("\n", ""))
    ncol = len(layout.columns)
    for row in ws.iter_rows(min_row=1, min_col=ncol + 1):  # a column added, or notes typed to the right
        for cell in row:
            if cell.value not in (None, ""):
                ret.error("tampering", "content_outside_table", place=f"{DATA_SHEET}!{cell.coordinate}",
                          value=cell_text(cell.value)[:40])
                break
    table = [[_as_id(c.value) for c in row] for row in ws.iter_rows(min_row=FIRST_ROW, max_col=ncol)]
    while table and all(v in (None, "") for v in table[-1]):
        table.pop()
    return check_row_labels(ret, table, rows, counts, layout)


def _as_id(value):
    return value if isinstance(value, int) else int(value) if isinstance(value, float) and value.is_integer() else value


def _joined(ws, key: str, span: range, layout: SheetLayout) -> str:
    """A column's cells over a measure's rows, joined as written (rounds.layout.parts), line ends as \\n."""
    values = [ws[f"{layout.letter(key)}{r}"].value for r in span]
    return "".join(cell_text(v) if isinstance(v, str) else clean_text(v) for v in values)


def _check_locked(ws, ret: Return, row: Row, span: range, titles: dict[str, str], layout: SheetLayout) -> None:
    """Each locked column of a measure (its cells joined over its rows) against the base itself, which names
    the cell (the metadata checksum was checked against the base already); trailing whitespace is tolerated
    (spreadsheet round trips)."""
    expected = row.locked()
    for key in layout.locked_columns[1:]:
        value = _joined(ws, key, span, layout)
        if value.rstrip() != cell_text(expected[key]).rstrip():  # line ends read as "\n" on both sides
            ret.error("tampering", "locked_cell_edited", place=f"{DATA_SHEET}!{layout.letter(key)}{span[0]}",
                      measure=row.id, cell=titles[key].replace("\n", ""), value=_short(value),
                      expected=_short(expected[key]))
    if row.repost_of is None:
        return
    for key in EDITABLE_KEYS:
        for r in span:
            cell = ws[f"{layout.letter(key)}{r}"]
            expected_text = REPOST_NOTE.format(n=row.repost_of) if key == "status" and r == span[0] else ""
            if cell_text(cell.value).rstrip() != expected_text:
                ret.error("tampering", "repost_cell_edited", place=f"{DATA_SHEET}!{cell.coordinate}",
                          measure=row.id, value=_short(cell_text(cell.value)), target=row.repost_of)


def _read_answer(ws, ret: Return, row: Row, span: range, layout: SheetLayout) -> Answer:
    """The editable columns of one measure, each its cells joined over the measure's rows, each checked for
    text no workbook or dataset can hold."""
    texts = {key: clean_text(_joined(ws, key, span, layout)) for key in EDITABLE_KEYS}
    for key, text in texts.items():
        found = _text_problem(text)
        if found:
            code, args = found
            ret.error("broken", code, place=f"{DATA_SHEET}!{layout.letter(key)}{span[0]}", measure=row.id, **args)
    places = {key: f"{DATA_SHEET}!{layout.letter(key)}{span[0]}" for key in EDITABLE_KEYS}
    return Answer(row.id, texts["status"], texts["kpi_proposal"], texts["remarks"], places["status"], places)


def _text_problem(text: str) -> tuple[str, dict] | None:
    """Why a typed text cannot be taken (too long for a cell, characters XML forbids): (finding id, values),
    or None."""
    if len(text) > CELL_MAX_CHARS:
        return "text_too_long", {"length": len(text), "limit": CELL_MAX_CHARS}
    escaped = [chr(int(h, 16)) for h in EXCEL_ESCAPE.findall(text)]
    bad = forbidden_characters(text) + forbidden_characters("".join(escaped))
    if bad:
        return "control_characters", {"chars": codepoints(dict.fromkeys(bad))}
    return None


def _year_label(text: str) -> str:
    """A fiscal year the metadata records, as 令和５年度 (as written when it is not a year)."""
    return year_label(int(text)) if str(text).isdigit() and 1989 <= int(text) <= 2200 else str(text)
