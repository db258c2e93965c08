"""Workbooks for update (照会用ブック): one per ministry, sent out by the secretariat, filled in and
returned, then merged by `collect`.

Each workbook holds:

- 「記入要領」: instructions in Japanese (what to fill, what not to touch, how to return the file;
  `rounds.instructions`);
- 「実施状況照会」: the ministry's measures in report order, printed on A4 (or A3) landscape at 100 % with the
  body at the paper's size (8 pt, 10 pt on A3); a text taller than a row continues on the rows below, split
  after a 「。」 or at a line break (rounds.layout.parts), and `collect` joins the cells back. The section and ◎
  headings are rows of their own, merged across the table and locked, before the first measure under each (as
  in the report; no 項目 column). Locked reference columns (施策番号, 具体的取組, KPI, 担当省庁, last year's
  実施状況 — the ministry's own part when the status is tagged 【省】) and three editable, yellow columns: this
  year's 実施状況 (pre-filled with last year's text), KPI変更案 and 備考. Reposts (再掲) are shown for
  reference, with nothing to fill;
- a very hidden sheet `_meta`: dataset title, base and target fiscal year, ministry, measure ids in
  order and a SHA-256 checksum of the locked content, so `collect` can verify the return.

The layout (sheet names, columns, metadata keys) is the contract with `collect`; both import it from
`rounds.layout` (re-exported here for the callers that know it from this module). Years are written by
japanese.calendar: 令和４年度 where people read them, 令和5年度 in file names.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_reports.rounds.years import year_order_message
from roadmap_reports.errors import RenderError, UsageError
from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.ministries import Ministry, lookup
from roadmap_reports.office import CELL_MAX_CHARS
from roadmap_reports.model import Roadmap
from roadmap_reports.rounds.layout import (COLUMNS, CONTINUED, DATA_SHEET, EDITABLE_KEYS, FIRST_ROW, FORMAT,
                                           HEADER_ROW, HELP_SHEET, LOCKED_KEYS, META_KEYS, META_SHEET, REPOST_NOTE,
                                           Heading, Row, checksum, column_letter, headers, metadata, parts,
                                           rows_for, sheet_rows, update_filename, widths)

__all__ = ["build_update_workbooks", "write_update_workbook", "update_workbook_bytes",
           # the layout, from rounds.layout
           "COLUMNS", "DATA_SHEET", "EDITABLE_KEYS", "FIRST_ROW", "FORMAT", "HEADER_ROW", "HELP_SHEET", "LOCKED_KEYS",
           "META_KEYS", "META_SHEET", "REPOST_NOTE", "Row", "checksum", "column_letter", "headers", "metadata",
           "rows_for", "update_filename"]

EDIT_FILL = "FFF2CC"  # light yellow: to be filled in
LOCKED_FILL = "F2F2F2"  # light grey: reposts' empty answer cells
BORDER_COLOR = "BF8F00"
#: The input message and the error message of the editable cells' data validation (each at most
#: office.VALIDATION_MAX_CHARS characters: a test checks it).
PROMPT = (f"黄色の欄に記入してください。改行は Alt+Enter。1つのセルは{CELL_MAX_CHARS:,}文字まで。"
          "「=」で始まる文は先頭に「'」を付けてください（数式は受け付けられません）。")
TOO_LONG = f"1つのセルに入力できるのは{CELL_MAX_CHARS:,}文字までです。文章を短くするか、事務局にご相談ください。"


def _check_year(roadmap: Roadmap, fiscal_year: int) -> None:
    if not isinstance(fiscal_year, int) or fiscal_year <= roadmap.fiscal_year:
        raise UsageError(year_order_message("report", fiscal_year, roadmap.fiscal_year), file=roadmap.source)



def write_update_workbook(roadmap: Roadmap, ministry: Ministry, path, *, fiscal_year: int,
                          password: str | None = None, **round_info) -> Path:
    """Write one ministry's workbook for update to `path` (atomically, byte-identical for the same input);
    `round_info`: paper, deadline, contact as for `update_workbook_bytes`."""
    from roadmap_reports.io.files import write_bytes_atomic

    data = update_workbook_bytes(roadmap, ministry, path, fiscal_year=fiscal_year, password=password, **round_info)
    write_bytes_atomic(path, data)
    return path


def update_workbook_bytes(roadmap: Roadmap, ministry: Ministry, path, *, fiscal_year: int,
                          password: str | None = None, paper: str = "A4", deadline=None,
                          contact: str | None = None) -> bytes:
    """One ministry's workbook for update, to be saved as `path` (its help sheet names the file), as
    bytes (the same bytes for the same input). `paper`: A4 or A3 landscape (render/paper.py) for the
    measures sheet; `deadline` (a datetime.date) and `contact` (who answers questions) are printed on the
    instructions and in the measures sheet's page header."""
    from openpyxl.workbook.protection import WorkbookProtection

    from roadmap_reports.io.reproducible import fixed_datetime
    from roadmap_reports.render.paper import paper as paper_named
    from roadmap_reports.render.xlsx import measure_table
    from roadmap_reports.render.xlsx.common import new_workbook, page_setup, workbook_bytes
    from roadmap_reports.rounds.instructions import RoundInfo, help_lines, write_help

    _check_year(roadmap, fiscal_year)
    ministry = _ministry(ministry)
    rows = rows_for(roadmap, ministry)
    if not rows:
        raise RenderError(f"{ministry.name} has no measures in this dataset", file=roadmap.source)
    p = paper_named(paper)
    info = RoundInfo(deadline, contact)
    base_label, target_label = year_label(roadmap.fiscal_year), year_label(fiscal_year)
    styles = _styles(p.body_pt)
    wb = new_workbook()  # the Normal font is the one fit.py measures column widths in
    help_ws = wb.active
    help_ws.title = HELP_SHEET
    ws = wb.create_sheet(DATA_SHEET)
    meta_ws = wb.create_sheet(META_SHEET)

    title = f"{target_label} ロードマップ実施状況照会（{ministry.name}）"
    row_parts = _write_measures(ws, rows, headers(roadmap.fiscal_year, fiscal_year), styles, p)
    _protect(ws, password)
    _print_setup(ws, p, title, ministry.name, info, ws.max_row)
    measure_table.keep_headings_with_measures(ws, p, first_row=FIRST_ROW, title_row=HEADER_ROW)

    _add_actuals(wb, roadmap, rows, styles, password, p, (ministry.name, title.replace("実施状況照会", "KPI実績照会"),
                                                          info.header_text()))

    n_reposts = sum(1 for r in rows if r.repost_of is not None)
    write_help(help_ws, help_lines(roadmap.title, ministry.name, Path(path).name, base_label, target_label,
                                   len(rows) - n_reposts, n_reposts, info),
               font=_styles()["font"], bold=_styles()["bold"], wrap=styles["wrap"])
    _protect(help_ws, password)
    page_setup(help_ws, title=title, left_header=ministry.name, landscape=False, print_title_rows=None)

    _write_metadata(meta_ws, metadata(roadmap, ministry, rows, fiscal_year, p, row_parts))
    _protect(meta_ws, password)

    wb.security = WorkbookProtection(lockStructure=True)
    if password:
        wb.security.workbookPassword = password
    wb.active = 0
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is help_ws
    return workbook_bytes(wb, when=fixed_datetime(roadmap.as_of))


def _print_setup(ws, p, title: str, ministry_name: str, info, last_row: int) -> None:
    """The measures sheet on paper `p` at 100 % (body at p.body_pt), the header row on every page, the
    deadline and contact in the page header after the ministry's name."""
    from roadmap_reports.render.xlsx.common import extend_header_left, paper_setup

    paper_setup(ws, p, title=title, left_header=ministry_name, print_title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    if info.header_text():
        extend_header_left(ws, info.header_text(), printable_mm=p.printable_mm)
    ws.print_area = f"A1:{column_letter(COLUMNS[-1][0])}{last_row}"


def _add_actuals(wb, roadmap: Roadmap, rows: list[Row], styles: dict, password: str | None, p,
                 header: tuple[str, str, str]) -> None:
    """The KPI実績 sheet of typed actuals (rounds.kpi_actuals), before the hidden metadata sheet, printed like the
    measures sheet."""
    from openpyxl.styles import PatternFill

    from roadmap_reports.render.xlsx.common import HEADER_FILL
    from roadmap_reports.rounds.kpi_actuals import add_actuals_sheet

    add_actuals_sheet(wb, roadmap, rows, fonts=(styles["font"], styles["bold"]),
                      fills=(PatternFill("solid", fgColor=EDIT_FILL), PatternFill("solid", fgColor=HEADER_FILL)),
                      protect=lambda sheet: _protect(sheet, password), paper=p, border=styles["grid"], header=header)


def _ministry(ministry) -> Ministry:
    """A registry entry for a ministry given by entry, code or name."""
    if isinstance(ministry, str):
        ministry = lookup(ministry) or ministry
    if not isinstance(ministry, Ministry):
        raise RenderError(f"unknown ministry {ministry!r}")
    return ministry


def _styles(size: float | None = None) -> dict:
    """Fonts, borders and alignments of the measures sheet (`size`: its body font size; the other sheets'
    by default)."""
    from openpyxl.styles import Alignment, Border, Font, Side

    from roadmap_reports.render.xlsx.common import FONT_NAME, FONT_SIZE

    size = size or FONT_SIZE
    thin = Side(style="thin", color="808080")
    edit_side = Side(style="medium", color=BORDER_COLOR)
    return {"font": Font(name=FONT_NAME, size=size), "bold": Font(name=FONT_NAME, size=size, bold=True),
            "grid": Border(left=thin, right=thin, top=thin, bottom=thin),
            "edit_border": Border(left=edit_side, right=edit_side, top=edit_side, bottom=edit_side),
            "wrap": Alignment(wrap_text=True, vertical="top")}


def _write_measures(ws, rows: list[Row], titles: dict[str, str], styles: dict, p) -> list[int]:
    """The measures sheet: the header, the section and ◎ heading rows, each measure on its rows (one, or more for
    a text taller than a row), the data validation, frozen panes. Returns how many rows each measure takes."""
    from openpyxl.styles import Alignment, PatternFill

    from roadmap_reports.render.xlsx import fit
    from roadmap_reports.render.xlsx.common import HEADER_FILL, set_text

    w = widths(p)
    for c, (key, _h, _share) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, c)
        set_text(cell, titles[key])
        cell.font = styles["bold"]
        cell.fill = PatternFill("solid", fgColor=EDIT_FILL if key in EDITABLE_KEYS else HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = styles["edit_border"] if key in EDITABLE_KEYS else styles["grid"]
        ws.column_dimensions[column_letter(key)].width = w[key]
    ws.row_dimensions[HEADER_ROW].height = fit.fit_height([(titles[k], w[k]) for k, _h, _s in COLUMNS], p.body_pt)
    r, counts, editable = FIRST_ROW, [], []
    for entry in sheet_rows(rows):
        if isinstance(entry, Heading):
            _write_heading(ws, r, entry, styles, p)
            r += 1
            continue
        n = _write_row(ws, r, entry, styles, p)
        if entry.repost_of is None:
            editable += [f"{column_letter(k)}{r + i}" for i in range(n) for k in EDITABLE_KEYS]
        counts.append(n)
        r += n
    ws.freeze_panes = f"A{FIRST_ROW}"  # not column A too: the heading rows span the table
    ws.add_data_validation(_validation(editable))
    return counts


def _write_heading(ws, r: int, heading: Heading, styles: dict, p) -> None:
    """A section or ◎ heading as a row of its own, merged across the table, styled as the ministry workbook's
    施策一覧 styles it (render/xlsx/measure_table.py: the section bold on blue-grey, the ◎ on grey) and locked,
    as tall as its text."""
    from openpyxl.styles import PatternFill

    from roadmap_reports.render.xlsx import fit
    from roadmap_reports.render.xlsx.common import set_text
    from roadmap_reports.render.xlsx.measure_table import SECTION_FILL, SUBSECTION_FILL

    section = heading.level == "section"
    fill = PatternFill("solid", fgColor=SECTION_FILL if section else SUBSECTION_FILL)
    set_text(ws.cell(r, 1), heading.text, field="heading")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(COLUMNS))
    for c in range(1, len(COLUMNS) + 1):  # after merging: openpyxl's merge drops the covered cells' styles
        cell = ws.cell(r, c)
        cell.font, cell.fill = styles["bold" if section else "font"], fill
        cell.alignment, cell.border = styles["wrap"], styles["grid"]
    ws.row_dimensions[r].height = fit.fit_height([(heading.text, sum(widths(p).values()))], p.body_pt)


def _write_row(ws, r: int, row: Row, styles: dict, p) -> int:
    """One measure from row `r` on, on as many rows as its longest text needs: locked cells grey-bordered,
    editable ones yellow and unlocked, each row as tall as its text. Returns the number of rows."""
    from openpyxl.styles import Alignment

    from roadmap_reports.render.xlsx import fit
    from roadmap_reports.render.xlsx.common import set_text

    cells, w = parts(row, p), widths(p)
    n = len(cells["status"])
    for k in range(n):
        lines = 1
        for c, (key, _h, _s) in enumerate(COLUMNS, start=1):
            cell = ws.cell(r + k, c)
            if key == "id":
                cell.value = row.id if k == 0 else CONTINUED.format(n=row.id)
                cell.alignment = Alignment(vertical="top", horizontal="center", wrap_text=True)
                text = str(cell.value)
            else:
                text = cells[key][k] if key in cells else ""
                set_text(cell, text, measure=row.id, field=key)
                cell.alignment = styles["wrap"]
            cell.font = styles["font"]
            lines = max(lines, fit.lines_of(text.rstrip("\n"), w[key], p.body_pt))
            _cell_style(cell, key, row, styles)
        ws.row_dimensions[r + k].height = fit.row_height(lines, p.body_pt)
    return n


def _cell_style(cell, key: str, row: Row, styles: dict) -> None:
    from openpyxl.styles import PatternFill, Protection

    if key in EDITABLE_KEYS and row.repost_of is None:
        cell.protection = Protection(locked=False)
        cell.fill = PatternFill("solid", fgColor=EDIT_FILL)
        cell.border = styles["edit_border"]
    else:
        cell.border = styles["grid"]
        if key in EDITABLE_KEYS:
            cell.fill = PatternFill("solid", fgColor=LOCKED_FILL)


def _validation(cells: list[str]):
    """The editable cells' data validation: at most a cell's characters, with a prompt saying how to write."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(CELL_MAX_CHARS), allow_blank=True,
                        showInputMessage=True, showErrorMessage=True, errorStyle="stop",
                        promptTitle="記入欄", prompt=PROMPT, errorTitle="文字数の上限", error=TOO_LONG)
    dv.sqref = _sqref(cells)
    return dv


def _write_metadata(ws, meta: dict) -> None:
    """The very hidden metadata sheet: one key and its value per row."""
    from roadmap_reports.render.xlsx.common import set_text

    for i, (key, value) in enumerate(meta.items(), start=1):
        set_text(ws.cell(i, 1), key)
        set_text(ws.cell(i, 2), value)
    ws.sheet_state = "veryHidden"


def _sqref(cells: list[str]) -> str:
    """Cells as a space-separated range list, merging each column's consecutive cells."""
    from openpyxl.utils.cell import coordinate_from_string

    by_col: dict[str, list[int]] = {}
    for ref in cells:
        col, row = coordinate_from_string(ref)
        by_col.setdefault(col, []).append(row)
    parts = []
    for col, rows in by_col.items():
        rows.sort()
        start = prev = rows[0]
        for r in rows[1:] + [None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            parts.append(f"{col}{start}" if start == prev else f"{col}{start}:{col}{prev}")
            if r is not None:
                start = prev = r
    return " ".join(parts)


def _protect(ws, password: str | None) -> None:
    """Sheet protection: locked cells cannot be edited, rows and columns can be resized but not added."""
    p = ws.protection
    p.sheet = True
    p.formatRows = False  # False = allowed: people may heighten a row to read a long text
    p.formatColumns = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False
    if password:
        p.password = password



def _check_rows(roadmap: Roadmap, ministries) -> None:
    """Raise a located RenderError before the first file if a cell of any workbook cannot hold its text
    (a repost's cell holds 「（再掲：施策番号N）」 and the repeated text; a heading row its heading)."""
    from roadmap_reports.render.xlsx.common import check_text

    for ministry in ministries:
        if not isinstance(ministry, Ministry):
            continue  # write_update_workbook names it
        for row in rows_for(roadmap, ministry):
            for key, value in (*row.locked().items(), ("status", row.prefill)):
                if key == "id":
                    continue
                try:
                    check_text(value, measure=row.id, field=key)
                except RenderError as exc:
                    exc.file = roadmap.source
                    exc.line = roadmap.line_of(row.id)
                    raise


def build_update_workbooks(roadmap: Roadmap, outdir, *, ministries=None, fiscal_year: int,
                           password: str | None = None, progress=None, **round_info) -> list[Path]:
    """Write one workbook for update per ministry into `outdir` and return their paths.

    `ministries`: registry entries (ministries.Ministry); None for every ministry in the roadmap.
    `round_info`: paper ("A4"/"A3"), deadline (datetime.date), contact (text), as for `update_workbook_bytes`.
    `progress`: optional callable, called with each path once its file is rendered. The files are
    written once all are rendered, each to a temp name first (io.files.write_all_atomic).
    """
    from roadmap_reports.views import check_texts
    from roadmap_reports.io.files import write_all_atomic

    _check_year(roadmap, fiscal_year)
    check_texts(roadmap)  # a text no workbook can hold is an error before the first file, not after some
    if ministries is None:
        ministries = [lookup(name) for name in roadmap.ministries()]
        ministries = [m for m in ministries if m is not None]
    _check_rows(roadmap, ministries)
    outdir = Path(outdir)
    rendered = []
    for ministry in ministries:
        path = outdir / update_filename(ministry, fiscal_year)
        data = update_workbook_bytes(roadmap, ministry, path, fiscal_year=fiscal_year, password=password,
                                     **round_info)
        rendered.append((path, data))
        if progress is not None:
            progress(path)
    write_all_atomic(rendered)
    return [path for path, _ in rendered]
