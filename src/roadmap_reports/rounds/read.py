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
from roadmap_reports.ministries import Ministry, lookup
from roadmap_reports.model import Roadmap
from roadmap_reports.office import CELL_MAX_CHARS, codepoints, forbidden_characters
from roadmap_reports.rounds.layout import (COLUMNS, DATA_SHEET, EDITABLE_KEYS, FIRST_ROW, FORMAT, HEADER_ROW,
                                           HELP_SHEET, LOCKED_KEYS, META_KEYS, META_SHEET, REPOST_NOTE, Row,
                                           checksum, column_letter, headers, rows_for)
from roadmap_reports.rounds.inspect import Limits, inspect_file

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


@dataclass
class Return:
    """One returned file after checking: its ministry, its answers and every problem found."""

    path: Path
    ministry: Ministry | None = None
    answers: list[Answer] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        """Whether any problem rejects the file (nothing of it is merged)."""
        return any(f.severity == "error" for f in self.findings)

    def error(self, kind: str, message: str, place: str | None = None, measure: int | None = None) -> None:
        """Record a problem that rejects the file."""
        self.findings.append(Problem(message, file=str(self.path), place=place, measure=measure, kind=kind,
                                     severity="error"))

    def warn(self, message: str, place: str | None = None, measure: int | None = None) -> None:
        """Record a problem worth saying that does not reject the file."""
        self.findings.append(Problem(message, file=str(self.path), place=place, measure=measure, kind="warning",
                                     severity="warning"))


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
    full-width digits (令和4年度 → 令和４年度) are still collected."""
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
    if not _metadata_matches(meta, ret, rows) or not _check_layout(wb, ret, rows, base, fiscal_year):
        return ret
    ws = wb[DATA_SHEET]
    titles = headers(base.fiscal_year, fiscal_year)
    for r, row in enumerate(rows, start=FIRST_ROW):
        _check_locked(ws, ret, row, r, titles)
        if row.repost_of is None:
            ret.answers.append(_read_answer(ws, ret, row, r))
    for name in wb.sheetnames:
        if name not in (DATA_SHEET, META_SHEET, HELP_SHEET):
            ret.warn(f"an extra sheet {name!r} was added; it is ignored")
    if ret.rejected:
        ret.answers = []
    return ret


def _load(path, ret: Return):
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=False, keep_vba=False, keep_links=False, rich_text=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure means a corrupt file
        ret.error("broken", f"is a corrupt workbook (openpyxl: {type(exc).__name__}: {str(exc)[:200]})")
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
                    ret.error("formula", f"formula found: {text[:200]!r} (formulas are not accepted; type the text "
                                         "without a leading '=' or start it with an apostrophe)",
                              place=f"{ws.title}!{cell.coordinate}", measure=row_id if type(row_id) is int else None)


def read_metadata(wb, ret: Return) -> dict | None:
    """The hidden metadata sheet as {key: text}, with "_places" {key: sheet!cell}; None (and a problem
    recorded) when it is missing or altered."""
    if META_SHEET not in wb.sheetnames:
        ret.error("tampering", f"metadata missing (no sheet {META_SHEET!r}): this is not a workbook for update made "
                               "by roadmap-reports, or it was rebuilt by copying")
        return None
    meta, places = {}, {}
    for row in wb[META_SHEET].iter_rows(min_row=1, max_col=2):
        key, value = row[0].value, row[1].value if len(row) > 1 else None
        if key is None and value is None:
            continue
        meta[str(key)] = cell_text(value)
        places[str(key)] = f"{META_SHEET}!B{row[0].row}"
    missing = [k for k in META_KEYS if k not in meta]
    if missing:
        ret.error("tampering", f"metadata altered: {', '.join(missing)} missing", place=META_SHEET)
        return None
    extra = [k for k in meta if k not in META_KEYS]
    if extra:
        ret.error("tampering", f"metadata altered: unknown entries {', '.join(map(repr, extra))}", place=META_SHEET)
        return None
    if meta["format"] != FORMAT:
        ret.error("tampering", f"metadata format {meta['format']!r} is not {FORMAT!r}", place=places["format"])
        return None
    meta["_places"] = places
    return meta


def _belongs(meta: dict, ret: Return, base: Roadmap, fiscal_year: int) -> bool:
    """Whether the workbook was made for this round: a known ministry of the base, the same base dataset
    and target year. Sets ret.ministry."""
    places = meta["_places"]
    ministry = lookup(meta["ministry_code"])
    if ministry is None or ministry.name != meta["ministry_name"]:
        ret.error("tampering", f"metadata altered: ministry {meta['ministry_code']!r} / {meta['ministry_name']!r} "
                               "is not in the registry", place=places["ministry_code"])
        return False
    ret.ministry = ministry
    if meta["target_fiscal_year"] != str(fiscal_year):
        ret.error("mismatch", f"is a workbook for FY{meta['target_fiscal_year']}, not FY{fiscal_year}",
                  place=places["target_fiscal_year"])
    if meta["dataset_title"] != cell_text(base.title) or meta["base_fiscal_year"] != str(base.fiscal_year):
        ret.error("mismatch", f"was made from another dataset ({meta['dataset_title']!r}, FY{meta['base_fiscal_year']}),"
                              f" not the base {base.title!r} (FY{base.fiscal_year})", place=places["dataset_title"])
    if ministry.name not in base.ministries():
        ret.error("mismatch", f"is for {ministry.name}, which has no measures in the base dataset",
                  place=places["ministry_code"])
    return not ret.rejected


def _metadata_matches(meta: dict, ret: Return, rows: list[Row]) -> bool:
    """Whether the measure ids and the checksum of the locked content are those the base gives."""
    places = meta["_places"]
    expected_ids = ",".join(str(r.id) for r in rows)
    if meta["measure_ids"] != expected_ids:
        ret.error("tampering", f"metadata altered or made from another version of the base: measure ids "
                               f"{meta['measure_ids']!r}, the base gives {ret.ministry.name} {expected_ids!r}",
                  place=places["measure_ids"])
        return False
    if meta["checksum"] != checksum([r.locked() for r in rows]):
        ret.error("tampering", "metadata altered or made from another version of the base: the checksum of the "
                               "locked content does not match the base dataset", place=places["checksum"])
        return False
    return True


def _check_layout(wb, ret: Return, rows: list[Row], base: Roadmap, fiscal_year: int) -> bool:
    """The measures sheet: present, its headers, nothing beside the table, the rows of the measures in
    order. False when the rows cannot be read one by one."""
    if DATA_SHEET not in wb.sheetnames:
        ret.error("tampering", f"sheet {DATA_SHEET!r} missing (sheets: {', '.join(wb.sheetnames)})")
        return False
    ws = wb[DATA_SHEET]
    if not ws.protection.sheet:
        ret.warn("sheet protection was removed", place=DATA_SHEET)
    titles = headers(base.fiscal_year, fiscal_year)
    for c, (key, _h, _w) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, c)
        value = cell_text(cell.value).rstrip()
        if not _same_header(value, titles[key]):
            ret.error("tampering", f"header changed: {value!r}, expected {titles[key]!r}",
                      place=f"{DATA_SHEET}!{cell.coordinate}")
    ncol = len(COLUMNS)
    for row in ws.iter_rows(min_row=1, min_col=ncol + 1):  # a column added, or notes typed to the right
        for cell in row:
            if cell.value not in (None, ""):
                ret.error("tampering", f"content outside the table ({cell_text(cell.value)[:40]!r}); a column was "
                                       "added or text typed beside the table", place=f"{DATA_SHEET}!{cell.coordinate}")
                break
    last = FIRST_ROW - 1
    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=ncol):
        if any(c.value not in (None, "") for c in row):
            last = row[0].row
    found = [_as_id(ws.cell(r, 1).value) for r in range(FIRST_ROW, last + 1)]
    ids = [row.id for row in rows]
    if found != ids:
        _row_findings(ret, found, ids)
        return False
    return True


def _as_id(value):
    return value if isinstance(value, int) else int(value) if isinstance(value, float) and value.is_integer() else value


def _check_locked(ws, ret: Return, row: Row, r: int, titles: dict[str, str]) -> None:
    """Each locked cell against the base itself, which names the cell (the metadata checksum was checked
    against the base already); trailing whitespace is tolerated (spreadsheet round trips)."""
    expected = row.locked()
    for key in LOCKED_KEYS[1:]:
        cell = ws[f"{column_letter(key)}{r}"]
        value = cell_text(cell.value)
        if value.rstrip() != cell_text(expected[key]).rstrip():  # line ends read as "\n" on both sides
            ret.error("tampering", f"locked cell {titles[key]} was edited: "
                                   f"{_short(value)!r}, expected {_short(expected[key])!r}",
                      place=f"{DATA_SHEET}!{cell.coordinate}", measure=row.id)
    if row.repost_of is None:
        return
    for key in EDITABLE_KEYS:
        cell = ws[f"{column_letter(key)}{r}"]
        expected_text = REPOST_NOTE.format(n=row.repost_of) if key == "status" else ""
        if cell_text(cell.value).rstrip() != expected_text:
            ret.error("tampering", f"locked cell of a repost (再掲) was edited: {_short(cell_text(cell.value))!r}"
                                   f" (write in the row of measure {row.repost_of})",
                      place=f"{DATA_SHEET}!{cell.coordinate}", measure=row.id)


def _read_answer(ws, ret: Return, row: Row, r: int) -> Answer:
    """The editable cells of one row, each checked for text no workbook or dataset can hold."""
    texts = {key: clean_text(ws[f"{column_letter(key)}{r}"].value) for key in EDITABLE_KEYS}
    for key, text in texts.items():
        problem = _text_problem(text)
        if problem:
            ret.error("broken", problem, place=f"{DATA_SHEET}!{column_letter(key)}{r}", measure=row.id)
    return Answer(row.id, texts["status"], texts["kpi_proposal"], texts["remarks"],
                  f"{DATA_SHEET}!{column_letter('status')}{r}")


def _text_problem(text: str) -> str | None:
    """Why a typed text cannot be taken (too long for a cell, characters XML forbids), or None."""
    if len(text) > CELL_MAX_CHARS:
        return f"text is {len(text):,} characters, more than an Excel cell holds ({CELL_MAX_CHARS:,})"
    escaped = [chr(int(h, 16)) for h in EXCEL_ESCAPE.findall(text)]
    bad = forbidden_characters(text) + forbidden_characters("".join(escaped))
    if bad:
        return (f"text contains control characters ({codepoints(dict.fromkeys(bad))}); delete them "
                "and send the file again")
    return None


def _row_findings(ret: Return, found: list, ids: list[int]) -> None:
    """Name rows added, deleted, reordered or renumbered."""
    import difflib

    col = column_letter("id")

    def place(j: int) -> str:
        return f"{DATA_SHEET}!{col}{FIRST_ROW + j}"

    def reordered(j: int, want: int) -> None:
        ret.error("tampering", f"rows reordered: measure {found[j]} is here, measure {want} expected",
                  place=place(j), measure=want)

    def added(j: int) -> None:
        ret.error("tampering", f"row added (施策番号 {found[j]!r})", place=place(j))

    if sorted(found, key=str) == sorted(ids, key=str):
        for j, want in enumerate(ids):
            if found[j] != want:
                reordered(j, want)
        return
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ids, b=found, autojunk=False).get_opcodes():
        if tag == "insert":
            for j in range(j1, j2):
                added(j)
        elif tag == "delete":
            for i in range(i1, i2):
                ret.error("tampering", f"row of measure {ids[i]} deleted (expected at row {FIRST_ROW + j1})",
                          place=place(j1), measure=ids[i])
        elif tag == "replace":
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                if j >= j2:
                    ret.error("tampering", f"row of measure {ids[i]} deleted", place=place(j2), measure=ids[i])
                elif i >= i2:
                    added(j)
                elif found[j] in ids:
                    reordered(j, ids[i])
                else:
                    ret.error("tampering", f"施策番号 changed to {found[j]!r} (expected {ids[i]})", place=place(j),
                              measure=ids[i])
