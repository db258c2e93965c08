"""Collect returned workbooks for update into next year's dataset draft.

`collect(paths, base=..., fiscal_year=...)` reads every returned workbook (made by
circulate.write_update_workbook), checks it (file type, size, macros, formulas, metadata, locked cells,
rows), and merges the answers of the accepted ones into a copy of the base dataset:

- the draft's fiscal_year is the target year, as_of the end of that fiscal year (31 March), and the
  title's 令和N年度 is moved on to the target year;
- statuses are replaced by the returned ones; a status tagged 【省】 gets each ministry's part under
  its tag (status_by_ministry, and `status` rebuilt with the same tag lines); an untagged status
  shared by several ministries takes the one text they changed it to, and when they changed it to
  different texts that is a *conflict*: both texts are reported and last year's text is kept;
- KPI change proposals go to `kpi_proposal`, never to `kpis`;
- measures of ministries that did not return (or whose return was rejected) keep last year's text,
  and the report names those ministries.

A workbook with any problem of severity "error" (hostile, broken, another base or year, tampered)
is rejected whole: nothing is merged from it, and the other workbooks are still processed.
Text from the workbooks is stored as typed, except that line ends become "\\n" and trailing
whitespace is dropped; comparisons (unchanged from last year, same text from two ministries)
use normalize.normalize (NFKC, whitespace removed), the same key as `diff`.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_reports.rounds.circulate import (COLUMNS, DATA_SHEET, EDITABLE_KEYS, FIRST_ROW, FORMAT, HEADER_ROW, LOCKED_KEYS, META_KEYS,
                        META_SHEET, REPOST_NOTE, checksum, column_letter, headers, rows_for)
from roadmap_reports.errors import RoadmapError, UsageError
from roadmap_reports.ministries import Ministry, lookup
from roadmap_reports.model import Roadmap
from roadmap_reports.japanese.normalize import normalize  # comparison only: NFKC, whitespace removed (the same key as diff)

MACRO_SUFFIXES = {".xlsm": "a macro-enabled workbook (.xlsm)", ".xltm": "a macro-enabled template (.xltm)",
                  ".xlam": "an Excel add-in (.xlam)", ".xla": "an Excel add-in (.xla)",
                  ".xlsb": "a binary workbook (.xlsb)", ".xls": "an Excel 97-2003 workbook (.xls)",
                  ".xlt": "an Excel 97-2003 template (.xlt)"}
MACRO_CONTENT = ("macroenabled", "vbaproject", "macrosheet", "dialogsheet", "activex", "ms-office.vbaproject")
ESCAPED_CONTROL = re.compile(r"_x00(0[0-8BCEF]|1[0-9A-F])_", re.I)  # how Excel writes XML-forbidden characters
MACRO_PARTS = ("vbaproject.bin", "xl/macrosheets/", "xl/dialogsheets/", "xl/activex/", "vbadata.xml")


@dataclass(frozen=True)
class Limits:
    """What a returned workbook may weigh; checked from the zip before openpyxl loads anything."""

    max_file_bytes: int = 10 * 1024 * 1024
    max_uncompressed_bytes: int = 50 * 1024 * 1024
    max_entries: int = 500
    max_cells: int = 100_000


@dataclass(frozen=True)
class Finding:
    """One thing found in a returned workbook. severity "error" rejects the file; "warning" does not."""

    kind: str  # hostile, broken, mismatch, tampering, duplicate, formula, warning
    severity: str  # error | warning
    file: str
    message: str
    place: str | None = None  # sheet!cell
    measure: int | None = None

    def __str__(self) -> str:
        parts = [self.file + (f":{self.place}" if self.place else "")]
        if self.measure is not None:
            parts.append(f"measure {self.measure}")
        parts.append(self.message)
        return ": ".join(parts)


@dataclass
class Answer:
    measure: int
    status: str
    kpi_proposal: str
    remarks: str
    place: str  # sheet!cell of the status


@dataclass
class Return:
    """One returned file after checking."""

    path: Path
    ministry: Ministry | None = None
    answers: list[Answer] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def error(self, kind, message, place=None, measure=None):
        self.findings.append(Finding(kind, "error", str(self.path), message, place, measure))

    def warn(self, message, place=None, measure=None):
        self.findings.append(Finding("warning", "warning", str(self.path), message, place, measure))


@dataclass(frozen=True)
class Change:
    measure: int
    ministry: str
    file: str
    place: str
    old: str
    new: str


@dataclass(frozen=True)
class Conflict:
    measure: int
    texts: tuple  # ((ministry, file, place, text), ...)

    def __str__(self) -> str:
        parts = "; ".join(f"{m} ({Path(f).name}:{p}): {t!r}" for m, f, p, t in self.texts)
        return f"measure {self.measure}: different texts for one untagged status, last year's text kept — {parts}"


@dataclass
class CollectResult:
    draft: Roadmap
    base: Roadmap
    fiscal_year: int
    returns: list[Return]
    expected: list[str]  # ministries that were asked (every ministry of the base)
    returned: list[str]  # ministries with an accepted return
    missing: list[str]  # ministries without an accepted return
    updated: list[Change] = field(default_factory=list)
    left_empty: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    kpi_proposals: list[Change] = field(default_factory=list)
    remarks: list[Change] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.returns for f in r.findings]

    @property
    def rejected(self) -> list[Return]:
        return [r for r in self.returns if r.rejected]

    @property
    def accepted(self) -> list[Return]:
        return [r for r in self.returns if not r.rejected]

    @property
    def clean(self) -> bool:
        """Every file merged, nothing rejected, no conflict."""
        return not self.rejected and not self.conflicts


# --- text helpers -------------------------------------------------------------------------------

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


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


# --- checking one file --------------------------------------------------------------------------
def inspect_file(path, limits: Limits, ret: Return) -> bool:
    """File-level checks before any parsing. Returns False (with an error recorded) if the file cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        kind = "hostile" if suffix in (".xlsm", ".xltm", ".xlam", ".xla") else "broken"
        ret.error(kind, f"is {MACRO_SUFFIXES[suffix]}, not an .xlsx workbook; save it as 'Excel Workbook (*.xlsx)' "
                        "and send it again")
        return False
    try:
        if path.is_dir():
            ret.error("broken", "is a directory, not a workbook")
            return False
        size = path.stat().st_size
    except FileNotFoundError:
        ret.error("broken", "no such file")
        return False
    except OSError as exc:
        ret.error("broken", f"cannot read: {exc.strerror or exc}")
        return False
    if size > limits.max_file_bytes:
        ret.error("hostile", f"file is too large ({size:,} bytes; the limit is {limits.max_file_bytes:,})")
        return False
    if size == 0:
        ret.error("broken", "file is empty")
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        ret.error("broken", f"cannot read: {exc.strerror or exc}")
        return False
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        ret.error("broken", "is an encrypted (password-protected) workbook or an old .xls file (OLE compound "
                            "file); remove the password, save as .xlsx and send it again")
        return False
    if head.startswith(b"%PDF"):
        ret.error("broken", "is a PDF, not an Excel workbook")
        return False
    if not head.startswith(b"PK"):
        ret.error("broken", "is not an Excel workbook (.xlsx): not a zip package")
        return False
    if suffix != ".xlsx":
        ret.error("broken", f"has the extension {suffix or '(none)'!r}; only .xlsx workbooks are collected")
        return False
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        ret.error("broken", f"is a corrupt workbook (damaged zip: {exc})")
        return False
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            ret.error("hostile", f"has {len(infos):,} parts inside (the limit is {limits.max_entries:,})")
            return False
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_uncompressed_bytes:
            ret.error("hostile", f"unpacks to {declared:,} bytes (the limit is {limits.max_uncompressed_bytes:,}); "
                                 "refused as a possible zip bomb")
            return False
        names = [i.filename for i in infos]
        lower = [n.lower() for n in names]
        if any(i.flag_bits & 0x1 for i in infos):
            ret.error("broken", "has encrypted parts; remove the password and send it again")
            return False
        macro = next((n for n, low in zip(names, lower) if any(p in low for p in MACRO_PARTS)), None)
        if macro:
            ret.error("hostile", f"contains macros or active content ({macro}); save it as 'Excel Workbook (*.xlsx)' "
                                 "and send it again")
            return False
        if "word/document.xml" in lower:
            ret.error("broken", "is a Word document, not an Excel workbook (.xlsx)")
            return False
        if "[content_types].xml" not in lower or "xl/workbook.xml" not in lower:
            ret.error("broken", "is a corrupt workbook (no [Content_Types].xml or xl/workbook.xml inside)")
            return False
        # Read every part with a running count: a zip may lie about sizes in its directory.
        total, cells = 0, 0
        try:
            for info in infos:
                is_sheet = info.filename.lower().startswith("xl/worksheets/") and info.filename.lower().endswith(".xml")
                with zf.open(info) as fh:
                    tail, dtd_tail = b"", b""
                    while True:
                        chunk = fh.read(1 << 16)
                        if not chunk:
                            break
                        total += len(chunk)
                        if total > limits.max_uncompressed_bytes:
                            ret.error("hostile", f"unpacks to more than {limits.max_uncompressed_bytes:,} bytes; "
                                                 "refused as a possible zip bomb")
                            return False
                        window = dtd_tail + chunk
                        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                            # Office never writes DTDs; entity definitions are how XML bombs expand.
                            ret.error("hostile", f"contains an XML document type declaration ({info.filename}), "
                                                 "which Excel never writes; refused")
                            return False
                        dtd_tail = window[-8:]
                        if is_sheet:
                            data = tail + chunk
                            cells += data.count(b"<c ") + data.count(b"<c>") - tail.count(b"<c ") - tail.count(b"<c>")
                            tail = data[-2:]
                            if cells > limits.max_cells:
                                ret.error("hostile", f"has more than {limits.max_cells:,} cells (the limit); refused")
                                return False
                if info.filename == "[Content_Types].xml":
                    types = zf.read(info).decode("utf-8", "replace").lower()
                    bad = next((t for t in MACRO_CONTENT if t in types), None)
                    if bad:
                        ret.error("hostile", f"is declared macro-enabled (content type with '{bad}'); save it as "
                                             "'Excel Workbook (*.xlsx)' and send it again")
                        return False
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
            ret.error("broken", f"is a corrupt workbook ({type(exc).__name__}: {exc})")
            return False
    return True


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
                if cell.data_type == "f" or (value is not None and not isinstance(value, (str, int, float, bool,
                                                                                         _dt.date, _dt.time,
                                                                                         _dt.timedelta))):
                    text = getattr(value, "text", None) or str(value)
                    row_id = ws.cell(cell.row, 1).value if ws.title == DATA_SHEET and cell.row >= FIRST_ROW else None
                    ret.error("formula", f"formula found: {text[:200]!r} (formulas are not accepted; type the text "
                                         "without a leading '=' or start it with an apostrophe)",
                              place=f"{ws.title}!{cell.coordinate}", measure=row_id if type(row_id) is int else None)


def read_metadata(wb, ret: Return) -> dict | None:
    if META_SHEET not in wb.sheetnames:
        ret.error("tampering", f"metadata missing (no sheet {META_SHEET!r}): this is not a workbook for update made "
                               "by roadmap-reports, or it was rebuilt by copying")
        return None
    ws = wb[META_SHEET]
    meta, places = {}, {}
    for row in ws.iter_rows(min_row=1, max_col=2):
        key, value = row[0].value, row[1].value if len(row) > 1 else None
        if key is None and value is None:
            continue
        meta[str(key)] = _cell_text(value)
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


def check_workbook(path, *, base: Roadmap, fiscal_year: int, limits: Limits = Limits()) -> Return:
    """Check one returned workbook and read its answers. Never raises for a bad file: see Return.findings."""
    ret = Return(Path(path))
    if not inspect_file(path, limits, ret):
        return ret
    wb = _load(path, ret)
    if wb is None:
        return ret
    _formulas(wb, ret)
    meta = read_metadata(wb, ret)
    if meta is None:
        return ret
    places = meta["_places"]
    # --- does it belong to this round? --------------------------------------------------------------
    ministry = lookup(meta["ministry_code"])
    if ministry is None or ministry.name != meta["ministry_name"]:
        ret.error("tampering", f"metadata altered: ministry {meta['ministry_code']!r} / {meta['ministry_name']!r} "
                               "is not in the registry", place=places["ministry_code"])
        return ret
    ret.ministry = ministry
    if meta["target_fiscal_year"] != str(fiscal_year):
        ret.error("mismatch", f"is a workbook for FY{meta['target_fiscal_year']}, not FY{fiscal_year}",
                  place=places["target_fiscal_year"])
    if meta["dataset_title"] != _cell_text(base.title) or meta["base_fiscal_year"] != str(base.fiscal_year):
        ret.error("mismatch", f"was made from another dataset ({meta['dataset_title']!r}, FY{meta['base_fiscal_year']}),"
                              f" not the base {base.title!r} (FY{base.fiscal_year})", place=places["dataset_title"])
    if ministry.name not in base.ministries():
        ret.error("mismatch", f"is for {ministry.name}, which has no measures in the base dataset",
                  place=places["ministry_code"])
    if ret.rejected:
        return ret
    rows = rows_for(base, ministry)
    expected_ids = ",".join(str(r.id) for r in rows)
    expected_sum = checksum([r.locked() for r in rows])
    if meta["measure_ids"] != expected_ids:
        ret.error("tampering", f"metadata altered or made from another version of the base: measure ids "
                               f"{meta['measure_ids']!r}, the base gives {ministry.name} {expected_ids!r}",
                  place=places["measure_ids"])
        return ret
    if meta["checksum"] != expected_sum:
        ret.error("tampering", "metadata altered or made from another version of the base: the checksum of the "
                               "locked content does not match the base dataset", place=places["checksum"])
        return ret
    # --- the measures sheet -------------------------------------------------------------------------
    if DATA_SHEET not in wb.sheetnames:
        ret.error("tampering", f"sheet {DATA_SHEET!r} missing (sheets: {', '.join(wb.sheetnames)})")
        return ret
    ws = wb[DATA_SHEET]
    if not ws.protection.sheet:
        ret.warn("sheet protection was removed", place=DATA_SHEET)
    titles = headers(base.fiscal_year, fiscal_year)
    for c, (key, _h, _w) in enumerate(COLUMNS, start=1):
        value, header = _cell_text(ws.cell(HEADER_ROW, c).value).rstrip(), titles[key]
        if value != header:
            ret.error("tampering", f"header changed: {value!r}, expected {header!r}",
                      place=f"{DATA_SHEET}!{ws.cell(HEADER_ROW, c).coordinate}")
    ncol = len(COLUMNS)
    # Content beyond the table's columns (a column added, or notes typed to the right).
    for row in ws.iter_rows(min_row=1, min_col=ncol + 1):
        for cell in row:
            if cell.value not in (None, ""):
                ret.error("tampering", f"content outside the table ({_cell_text(cell.value)[:40]!r}); a column was "
                                       "added or text typed beside the table", place=f"{DATA_SHEET}!{cell.coordinate}")
                break
    last = FIRST_ROW - 1
    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=ncol):
        if any(c.value not in (None, "") for c in row):
            last = row[0].row
    found = []
    for r in range(FIRST_ROW, last + 1):
        v = ws.cell(r, 1).value
        found.append(v if isinstance(v, int) else int(v) if isinstance(v, float) and v.is_integer() else v)
    ids = [row.id for row in rows]
    if found != ids:
        _row_findings(ret, found, ids)
        return ret
    # The metadata checksum was checked against the base above; each locked cell is now compared with
    # the base itself, which names the cell (trailing whitespace is tolerated: spreadsheet round trips).
    for r, row in enumerate(rows, start=FIRST_ROW):
        expected = row.locked()
        for key in LOCKED_KEYS[1:]:
            cell = ws[f"{column_letter(key)}{r}"]
            value = _cell_text(cell.value)
            if value.rstrip() != _cell_text(expected[key]).rstrip():  # line ends read as "\n" on both sides
                ret.error("tampering", f"locked cell {titles[key]} was edited: "
                                       f"{_short(value)!r}, expected {_short(expected[key])!r}",
                          place=f"{DATA_SHEET}!{cell.coordinate}", measure=row.id)
        if row.repost_of is not None:
            for key in EDITABLE_KEYS:
                cell = ws[f"{column_letter(key)}{r}"]
                expected_text = REPOST_NOTE.format(n=row.repost_of) if key == "status" else ""
                if _cell_text(cell.value).rstrip() != expected_text:
                    ret.error("tampering", f"locked cell of a repost (再掲) was edited: {_short(_cell_text(cell.value))!r}"
                                           f" (write in the row of measure {row.repost_of})",
                              place=f"{DATA_SHEET}!{cell.coordinate}", measure=row.id)
            continue
        status_cell = ws[f"{column_letter('status')}{r}"]
        answer = Answer(row.id, clean_text(status_cell.value), clean_text(ws[f"{column_letter('kpi_proposal')}{r}"].value),
                        clean_text(ws[f"{column_letter('remarks')}{r}"].value), f"{DATA_SHEET}!{status_cell.coordinate}")
        for key, text in (("status", answer.status), ("kpi_proposal", answer.kpi_proposal), ("remarks", answer.remarks)):
            bad = [f"U+{ord(c):04X}" for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0xD800 <= ord(c) <= 0xDFFF]
            # Excel stores a control character as _x0007_, which openpyxl leaves as it is
            bad += [f"U+00{m.upper()}" for m in ESCAPED_CONTROL.findall(text)]
            if len(text) > 32_767:
                ret.error("broken", f"text is {len(text):,} characters, more than an Excel cell holds (32,767)",
                          place=f"{DATA_SHEET}!{column_letter(key)}{r}", measure=row.id)
            elif bad:
                ret.error("broken", f"text contains control characters ({', '.join(dict.fromkeys(bad))}); delete them "
                                    "and send the file again", place=f"{DATA_SHEET}!{column_letter(key)}{r}",
                          measure=row.id)
        ret.answers.append(answer)
    for name in wb.sheetnames:
        if name not in (DATA_SHEET, META_SHEET, "記入要領"):
            ret.warn(f"an extra sheet {name!r} was added; it is ignored")
    if ret.rejected:
        ret.answers = []
    return ret


def _short(text, n: int = 60) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _row_findings(ret: Return, found: list, ids: list[int]) -> None:
    """Name rows added, deleted, reordered or renumbered."""
    import difflib

    col = column_letter("id")
    if sorted(found, key=str) == sorted(ids, key=str):
        for j, (got, want) in enumerate(zip(found, ids)):
            if got != want:
                ret.error("tampering", f"rows reordered: measure {got} is here, measure {want} expected",
                          place=f"{DATA_SHEET}!{col}{FIRST_ROW + j}", measure=want)
        return
    sm = difflib.SequenceMatcher(a=ids, b=found, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            for j in range(j1, j2):
                ret.error("tampering", f"row added (施策番号 {found[j]!r})", place=f"{DATA_SHEET}!{col}{FIRST_ROW + j}")
        elif tag == "delete":
            for i in range(i1, i2):
                ret.error("tampering", f"row of measure {ids[i]} deleted (expected at row {FIRST_ROW + j1})",
                          place=f"{DATA_SHEET}!{col}{FIRST_ROW + j1}", measure=ids[i])
        else:
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                if j >= j2:
                    ret.error("tampering", f"row of measure {ids[i]} deleted", place=f"{DATA_SHEET}!{col}{FIRST_ROW + j2}",
                              measure=ids[i])
                elif i >= i2:
                    ret.error("tampering", f"row added (施策番号 {found[j]!r})", place=f"{DATA_SHEET}!{col}{FIRST_ROW + j}")
                elif found[j] in ids:
                    ret.error("tampering", f"rows reordered: measure {found[j]} is here, measure {ids[i]} expected",
                              place=f"{DATA_SHEET}!{col}{FIRST_ROW + j}", measure=ids[i])
                else:
                    ret.error("tampering", f"施策番号 changed to {found[j]!r} (expected {ids[i]})",
                              place=f"{DATA_SHEET}!{col}{FIRST_ROW + j}", measure=ids[i])


# --- merging ------------------------------------------------------------------------------------
def _as_returned(answer: str, old: str) -> str:
    """The text to store for an answer: last year's text exactly as stored when the cell came back as it
    was sent (reading a cell drops trailing whitespace and leading blank lines and makes line ends "\n",
    which must not rewrite official text nobody edited), else the answer."""
    return old if old and answer == clean_text(old) else answer


def _tag_of(base_measure, ministry: str) -> str:
    """The 【tag】 this ministry's part has in the base status, else its short name."""
    for tag in re.findall(r"^【([^】\n]+)】", base_measure.status or "", flags=re.M):
        m = lookup(tag)
        if m is not None and m.name == ministry:
            return tag
    return short_tag(ministry)


def short_tag(ministry: str) -> str:
    """文部科学省 → 文科省: the first registry alias that is a ministry or agency name, else the name."""
    m = lookup(ministry)
    if m is None:
        return ministry
    for alias in m.aliases:
        if alias[-1:] in ("省", "庁") and len(alias) < len(m.name):
            return alias
    return m.name


def _rebuild_status(measure, parts: dict[str, str], base_measure) -> str:
    order = list(measure.ministries) + [k for k in parts if k not in measure.ministries]
    lines = []
    for name in order:
        text = parts.get(name)
        if text:
            lines.append(f"【{_tag_of(base_measure, name)}】\n{text}")
    return "\n".join(lines)


def draft_title(title: str, base_year: int, target_year: int) -> str:
    """Move 令和N年度 in the title from the base year to the target year, keeping the digit width."""
    def repl(m):
        digits = m.group(1)
        full = any("０" <= c <= "９" for c in digits)
        n = target_year - 2018
        text = "元" if n == 1 else str(n)
        if full:
            text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        return f"令和{text}年度"

    base_n = base_year - 2018
    pattern = r"令和([0-9０-９]+|元)年度"
    m = re.search(pattern, title)
    if m:
        found = m.group(1)
        n = 1 if found == "元" else int(unicodedata.normalize("NFKC", found))
        if n == base_n:
            return re.sub(pattern, repl, title, count=1)
    return title


# Below this many bytes of workbooks in all, checking them one after the other is faster than a pool.
PARALLEL_MIN_BYTES = 2_000_000
PARALLEL_MIN_BYTES_SPAWN = 8_000_000  # spawned workers (Windows) import openpyxl again and receive the base
_WORKER_STATE: tuple | None = None


def _init_worker(state) -> None:
    global _WORKER_STATE
    _WORKER_STATE = state


def _check_in_worker(path) -> Return:
    base, fiscal_year, limits = _WORKER_STATE
    return check_workbook(path, base=base, fiscal_year=fiscal_year, limits=limits)


def _check_workbooks(paths: list, *, base: Roadmap, fiscal_year: int, limits: Limits):
    """check_workbook of every path, in order; side by side on worker processes when there is enough
    to read (openpyxl's loading is most of the time of collect)."""
    import os

    from roadmap_reports.io.workers import pool as worker_pool
    from roadmap_reports.io.workers import start_method

    try:
        size = sum(Path(p).stat().st_size for p in paths)
    except OSError:
        size = 0
    cores = os.cpu_count() or 1
    method = start_method()
    min_bytes = PARALLEL_MIN_BYTES if method == "fork" else PARALLEL_MIN_BYTES_SPAWN
    if len(paths) < 2 or cores < 2 or size < min_bytes:
        for p in paths:
            yield check_workbook(p, base=base, fiscal_year=fiscal_year, limits=limits)
        return
    from roadmap_reports.render.xlsx.common import load_openpyxl

    load_openpyxl()  # imported once, inherited by forked workers

    with worker_pool(min(cores, len(paths)), method=method, initializer=_init_worker,
                     initargs=((base, fiscal_year, limits),)) as pool:
        # largest first, so that the big workbooks do not start last; results in the order given
        by_size = sorted(range(len(paths)), key=lambda i: -Path(paths[i]).stat().st_size)
        futures = {i: pool.submit(_check_in_worker, paths[i]) for i in by_size}
        for i in range(len(paths)):
            yield futures[i].result()


def collect(paths, *, base: Roadmap, fiscal_year: int, limits: Limits = Limits(), progress=None) -> CollectResult:
    """Check every returned workbook and merge the accepted ones into a draft for `fiscal_year`."""
    from roadmap_reports.render.xlsx.common import load_openpyxl

    load_openpyxl()
    if fiscal_year <= base.fiscal_year:
        raise UsageError(f"the fiscal year to collect ({fiscal_year}) must come after the base dataset's "
                           f"FY{base.fiscal_year}", file=base.source)
    returns = []
    for ret in _check_workbooks(list(paths), base=base, fiscal_year=fiscal_year, limits=limits):
        returns.append(ret)
        if progress is not None:
            progress(ret)
    # Duplicate returns for one ministry: identical answers are merged once; different ones reject all.
    by_ministry: dict[str, list[Return]] = {}
    for ret in returns:
        if ret.ministry is not None and not ret.rejected:
            by_ministry.setdefault(ret.ministry.name, []).append(ret)
    for name, rets in by_ministry.items():
        if len(rets) < 2:
            continue
        keys = {tuple((a.measure, a.status, a.kpi_proposal, a.remarks) for a in r.answers) for r in rets}
        others = ", ".join(r.path.name for r in rets)
        if len(keys) == 1:
            for r in rets[1:]:
                r.warn(f"duplicate return for {name} with the same answers as {rets[0].path.name}; merged once")
                r.answers = []
        else:
            for r in rets:
                r.error("duplicate", f"{len(rets)} returns for {name} with different answers ({others}); "
                                     "keep the right one and collect again")
                r.answers = []

    draft = Roadmap.from_dict(base.to_dict())  # a deep copy, ten times faster than copy.deepcopy
    draft.source = None
    draft.lines = {}
    draft.fiscal_year = fiscal_year
    draft.as_of = _dt.date(fiscal_year + 1, 3, 31)
    draft.title = draft_title(base.title, base.fiscal_year, fiscal_year)
    for m in draft.measures:
        m.kpi_proposal = None

    expected = base.ministries()
    accepted = [r for r in returns if not r.rejected and r.ministry is not None]
    returned = sorted({r.ministry.name for r in accepted}, key=lambda n: expected.index(n) if n in expected else 999)
    result = CollectResult(draft=draft, base=base, fiscal_year=fiscal_year, returns=returns, expected=expected,
                           returned=returned, missing=[n for n in expected if n not in returned])

    # answers by measure: [(ministry, Return, Answer)]
    answers: dict[int, list] = {}
    for ret in accepted:
        for a in ret.answers:
            answers.setdefault(a.measure, []).append((ret.ministry.name, ret, a))
    base_by_id = base.by_id()
    for m in draft.measures:
        got = answers.get(m.id)
        if not got:
            continue
        bm = base_by_id[m.id]
        owners = base.owners(bm)
        got = sorted(got, key=lambda g: owners.index(g[0]) if g[0] in owners else len(owners))
        tagged = bool(bm.status_by_ministry)
        for name, ret, a in got:
            old = bm.status_for(name) if (not tagged or name in bm.status_by_ministry) else ""
            ch = Change(m.id, name, str(ret.path), a.place, old, a.status)
            if not a.status:
                result.left_empty.append(ch)
            elif normalize(a.status) == normalize(old):
                result.unchanged.append(ch)
            else:
                result.updated.append(ch)
            if a.remarks:
                result.remarks.append(Change(m.id, name, str(ret.path), a.place.replace(
                    f"!{column_letter('status')}", f"!{column_letter('remarks')}"), "", a.remarks))
        if tagged:
            parts = dict(bm.status_by_ministry)
            for name, _ret, a in got:
                parts[name] = _as_returned(a.status, bm.status_by_ministry.get(name, ""))
            parts = {k: v for k, v in parts.items() if v}
            if parts != bm.status_by_ministry:
                m.status_by_ministry = parts
                m.status = _rebuild_status(m, parts, bm)
        else:
            changed = {}
            for name, ret, a in got:
                status = _as_returned(a.status, bm.status)
                if status != bm.status:
                    changed.setdefault(normalize(status), []).append((name, str(ret.path), a.place, status))
            if len(changed) == 1:
                m.status = next(iter(changed.values()))[0][3]
            elif len(changed) > 1:
                texts = tuple(x for group in changed.values() for x in group)
                result.conflicts.append(Conflict(m.id, texts))
        proposals = {}
        for name, ret, a in got:
            if a.kpi_proposal:
                proposals.setdefault(normalize(a.kpi_proposal), []).append((name, a.kpi_proposal))
                result.kpi_proposals.append(Change(m.id, name, str(ret.path), a.place.replace(
                    f"!{column_letter('status')}", f"!{column_letter('kpi_proposal')}"), "\n".join(bm.kpis),
                    a.kpi_proposal))
        if len(proposals) == 1 and len(owners) == 1:  # shared measures say who proposed: 【文科省】…
            m.kpi_proposal = next(iter(proposals.values()))[0][1]
        elif proposals:
            m.kpi_proposal = "\n".join(f"【{_tag_of(bm, group[0][0])}】\n{group[0][1]}" for group in proposals.values())
    return result


def check_draft(result: CollectResult) -> None:
    """The draft must pass the schema and consistency checks (raises ValidationError)."""
    from roadmap_reports.errors import ValidationError
    from roadmap_reports.sources.checks import validate, validate_data

    problems = validate_data(result.draft.to_dict()) or validate(result.draft)
    if problems:
        raise ValidationError(problems)
