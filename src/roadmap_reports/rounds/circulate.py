"""Workbooks for update (照会用ブック): one per ministry, sent out by the secretariat, filled in and
returned, then merged by `collect`.

Each workbook holds:

- 「記入要領」: instructions in Japanese (what to fill, what not to touch, how to return the file);
- 「実施状況照会」: the ministry's measures in report order. Locked reference columns (施策番号, 項目,
  具体的取組, KPI, 担当省庁, last year's 実施状況 — the ministry's own part when the status is tagged
  【省】) and three editable, yellow columns: this year's 実施状況 (pre-filled with last year's text),
  KPI変更案 and 備考. Reposts (再掲) are shown for reference, with nothing to fill;
- a very hidden sheet `_meta`: dataset title, base and target fiscal year, ministry, measure ids in
  order and a SHA-256 checksum of the locked content, so `collect` can verify the return.

The layout (sheet names, columns, metadata keys) is the contract with `collect.py`; both import it
from here.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from roadmap_reports.errors import RenderError, UsageError
from roadmap_reports.ministries import Ministry, lookup, safe_filename
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
MAX_TEXT = 32_767

EDIT_FILL = "FFF2CC"  # light yellow: to be filled in
LOCKED_FILL = "F2F2F2"  # light grey: reposts' empty answer cells
BORDER_COLOR = "BF8F00"


def column_letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([k for k, _h, _w in COLUMNS].index(key) + 1)


def reiwa(fiscal_year: int) -> str:
    """令和 year as printed in file names: 2019 → 元, 2023 → 5."""
    n = fiscal_year - 2018
    return "元" if n == 1 else str(n)


def headers(base_year: int, target_year: int) -> dict[str, str]:
    """Column headers by key, with the years spelled out: 令和4年度の実施状況（参考）."""
    out = {k: h for k, h, _w in COLUMNS}
    out["reference"] = f"令和{reiwa(base_year)}年度の実施状況（参考）"
    out["status"] = f"令和{reiwa(target_year)}年度の実施状況（記入）"
    return out


def update_filename(ministry: Ministry, fiscal_year: int) -> str:
    return f"{safe_filename(ministry)}_令和{reiwa(fiscal_year)}年度_照会.xlsx"


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
        return {k: getattr(self, k) for k in LOCKED_KEYS}


REPOST_NOTE = "（再掲：施策番号{n}の行に記入してください）"


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


def _check_year(roadmap: Roadmap, fiscal_year: int) -> None:
    if not isinstance(fiscal_year, int) or fiscal_year <= roadmap.fiscal_year:
        raise UsageError(f"the fiscal year to report ({fiscal_year}) must come after the base dataset's "
                          f"FY{roadmap.fiscal_year}", file=roadmap.source)


def write_update_workbook(roadmap: Roadmap, ministry: Ministry, path, *, fiscal_year: int,
                          password: str | None = None) -> Path:
    """Write one ministry's workbook for update to `path` (atomically, byte-identical for the same input)."""
    from roadmap_reports.io.files import write_bytes_atomic

    data = update_workbook_bytes(roadmap, ministry, path, fiscal_year=fiscal_year, password=password)
    write_bytes_atomic(path, data)
    return path


def update_workbook_bytes(roadmap: Roadmap, ministry: Ministry, path, *, fiscal_year: int,
                          password: str | None = None) -> bytes:
    """One ministry's workbook for update, to be saved as `path` (its help sheet names the file), as
    bytes (the same bytes for the same input)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    from roadmap_reports.io.reproducible import fixed_datetime
    from roadmap_reports.render.xlsx.common import (FONT_NAME, FONT_SIZE, HEADER_FILL, MAX_ROW_HEIGHT, YU_GOTHIC_LINE_FACTOR, fit_row_height,
                              page_setup, set_text, workbook_bytes)

    _check_year(roadmap, fiscal_year)
    if isinstance(ministry, str):
        ministry = lookup(ministry) or ministry
    if not isinstance(ministry, Ministry):
        raise RenderError(f"unknown ministry {ministry!r}")
    rows = rows_for(roadmap, ministry)
    if not rows:
        raise RenderError(f"{ministry.name} has no measures in this dataset", file=roadmap.source)
    path = Path(path)
    base_label = f"令和{reiwa(roadmap.fiscal_year)}年度"
    target_label = f"令和{reiwa(fiscal_year)}年度"

    font = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    thin = Side(style="thin", color="808080")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    edit_side = Side(style="medium", color=BORDER_COLOR)
    edit_border = Border(left=edit_side, right=edit_side, top=edit_side, bottom=edit_side)
    wrap = Alignment(wrap_text=True, vertical="top")

    wb = Workbook()
    help_ws = wb.active
    help_ws.title = HELP_SHEET
    ws = wb.create_sheet(DATA_SHEET)
    meta_ws = wb.create_sheet(META_SHEET)

    # --- the measures sheet ----------------------------------------------------------------------
    titles = headers(roadmap.fiscal_year, fiscal_year)
    for c, (key, _h, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, c)
        set_text(cell, titles[key])
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=EDIT_FILL if key in EDITABLE_KEYS else HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = edit_border if key in EDITABLE_KEYS else grid
        ws.column_dimensions[column_letter(key)].width = width
    ws.row_dimensions[HEADER_ROW].height = 30
    widths = {k: w for k, _h, w in COLUMNS}
    for r, row in enumerate(rows, start=FIRST_ROW):
        values = {**row.locked(), "status": row.prefill, "kpi_proposal": "", "remarks": ""}
        if row.repost_of is not None:
            values["status"] = REPOST_NOTE.format(n=row.repost_of)
        for c, (key, _h, _w) in enumerate(COLUMNS, start=1):
            cell = ws.cell(r, c)
            if key == "id":
                cell.value = row.id
                cell.alignment = Alignment(vertical="top", horizontal="center")
            else:
                set_text(cell, values[key], measure=row.id, field=key)
                cell.alignment = wrap
            cell.font = font
            editable = key in EDITABLE_KEYS and row.repost_of is None
            if editable:
                cell.protection = Protection(locked=False)
                cell.fill = PatternFill("solid", fgColor=EDIT_FILL)
                cell.border = edit_border
            else:
                cell.border = grid
                if key in EDITABLE_KEYS:
                    cell.fill = PatternFill("solid", fgColor=LOCKED_FILL)
        # Excel cannot show a row taller than 409 pt: a longer text is complete in its cell and is read
        # in the formula bar (the instructions say so).
        ws.row_dimensions[r].height = fit_row_height(
            [(values[k], widths[k]) for k in ("item", "initiative", "kpis", "reference", "status")],
            line_factor=YU_GOTHIC_LINE_FACTOR, max_height=MAX_ROW_HEIGHT)
    last = FIRST_ROW + len(rows) - 1
    ws.freeze_panes = f"B{FIRST_ROW}"
    prompt = ("黄色の欄に記入してください。改行は Alt+Enter。1つのセルは32,767文字まで。"
              "「=」で始まる文は先頭に「'」を付けてください（数式は受け付けられません）。")
    dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(MAX_TEXT), allow_blank=True,
                        showInputMessage=True, showErrorMessage=True, errorStyle="stop",
                        promptTitle="記入欄", prompt=prompt,
                        errorTitle="文字数の上限", error=f"1つのセルに入力できるのは{MAX_TEXT:,}文字までです。"
                                                   "文章を短くするか、事務局にご相談ください。")
    editable_cells = [f"{column_letter(k)}{row_index}" for row_index, row in enumerate(rows, start=FIRST_ROW)
                      if row.repost_of is None for k in EDITABLE_KEYS]
    dv.sqref = _sqref(editable_cells)
    ws.add_data_validation(dv)
    _protect(ws, password)
    title = f"{target_label} ロードマップ実施状況照会（{ministry.name}）"
    page_setup(ws, title=title, left_header=ministry.name, landscape=True, print_title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    ws.print_area = f"A1:{column_letter(COLUMNS[-1][0])}{last}"

    # --- instructions --------------------------------------------------------------------------------
    n_reposts = sum(1 for r in rows if r.repost_of is not None)
    _write_help(help_ws, roadmap, ministry, path.name, base_label, target_label, len(rows) - n_reposts, n_reposts,
                font=font, bold=bold, wrap=wrap)
    _protect(help_ws, password)
    page_setup(help_ws, title=title, left_header=ministry.name, landscape=False, print_title_rows=None)

    # --- metadata ------------------------------------------------------------------------------------
    for i, (key, value) in enumerate(metadata(roadmap, ministry, rows, fiscal_year).items(), start=1):
        set_text(meta_ws.cell(i, 1), key)
        set_text(meta_ws.cell(i, 2), value)
    meta_ws.sheet_state = "veryHidden"
    _protect(meta_ws, password)

    wb.security = WorkbookProtection(lockStructure=True)
    if password:
        wb.security.workbookPassword = password
    wb.active = 0
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is help_ws
    return workbook_bytes(wb, when=fixed_datetime(roadmap.as_of))


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


def _write_help(ws, roadmap, ministry, filename, base_label, target_label, n_measures, n_reposts, *, font, bold,
                wrap) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from roadmap_reports.render.xlsx.common import FONT_NAME, YU_GOTHIC_LINE_FACTOR, fit_row_height, set_text

    ws.column_dimensions["A"].width = 4
    ws.column_dimensions["B"].width = 90
    lines: list[tuple[str, str, str]] = [  # (style, number, text)
        ("title", "", f"{target_label}「{_short_title(roadmap.title)}」実施状況の照会"),
        ("text", "", f"照会先：{ministry.name}　／　対象：貴省庁が担当する施策 {n_measures} 件"
                     + (f"（ほかに再掲 {n_reposts} 行）" if n_reposts else "")),
        ("text", "", f"{base_label}の実施状況を基に、{target_label}の実施状況をシート「{DATA_SHEET}」に記入し、"
                     "このファイルのまま返送してください。"),
        ("head", "1", "記入する欄（黄色の欄）"),
        ("text", "・", f"「{target_label}の実施状況（記入）」：{base_label}の記載をあらかじめ転記してあります。"
                      f"{target_label}の状況に書き改めてください。空欄のまま返送すると「未記入」として扱います。"),
        ("text", "・", "複数の省庁が担当する施策で、実施状況が【省庁名】ごとに分かれているものは、"
                      "貴省庁の部分だけが表示されています。貴省庁の部分のみを記入してください。"),
        ("text", "・", "「KPI変更案（任意）」：KPIの変更を提案する場合のみ記入してください。"
                      "提案として事務局が検討します（自動では反映されません）。"),
        ("text", "・", "「備考（事務局への連絡）」：事務局への連絡事項があれば記入してください。"),
        ("text", "・", "改行はセル内で Alt＋Enter。1つのセルに入力できるのは32,767文字までです。"
                      "長い文章が行に収まらない場合は、セルを選択すると数式バーで全文を確認・編集できます。"),
        ("text", "・", "「=」「+」「-」「@」で始まる文は数式と解釈されるため、先頭に「'」（アポストロフィ）を付けてください。"
                      "数式を含むファイルは受け付けられません。"),
        ("head", "2", "触らないでください"),
        ("text", "・", "黄色以外の欄（施策番号、項目、具体的取組、KPI、担当省庁、前年度の実施状況）は編集しないでください。"
                      "再掲の行は参照用で、記入は不要です。"),
        ("text", "・", "行・列の追加、削除、並べ替え、シートの追加・削除・名前の変更はしないでください。"
                      "シートの保護は解除しないでください。"),
        ("text", "・", "このブックには照合用の非表示の情報が含まれています。"
                      "編集された場合や行が増減した場合、ファイル全体が受け付けられず、再提出をお願いすることになります。"),
        ("head", "3", "返送の方法"),
        ("text", "・", f"Excel ブック（.xlsx）のまま保存し、照会元の事務局あてに、照会の際にお知らせした期限までにメールで返送してください。"
                      f"ファイル名は「{filename}」のままにしてください。"),
        ("text", "・", "マクロ有効ブック（.xlsm）、Excel 97-2003 ブック（.xls）、PDF などに変換しないでください。"
                      "ファイルにパスワードを設定しないでください（受け付けられません）。"),
        ("text", "・", "記入する施策がない場合や、内容に疑問がある場合も、その旨を備考に記入して返送してください。"),
    ]
    fills = {"head": PatternFill("solid", fgColor="DDEBF7")}
    title_font = Font(name=FONT_NAME, size=14, bold=True)
    for r, (style, number, text) in enumerate(lines, start=1):
        a, b = ws.cell(r, 1), ws.cell(r, 2)
        set_text(a, number)
        set_text(b, text)
        for c in (a, b):
            c.font = title_font if style == "title" else bold if style == "head" else font
            c.alignment = wrap
            if style in fills:
                c.fill = fills[style]
        if style == "title":
            ws.row_dimensions[r].height = 26
        else:
            ws.row_dimensions[r].height = fit_row_height([(text, 90)], line_factor=YU_GOTHIC_LINE_FACTOR)
    a1 = ws.cell(1, 1)
    a1.alignment = Alignment(vertical="top")
    ws.print_area = f"A1:B{len(lines)}"


def _short_title(title: str) -> str:
    """The roadmap's name without the year: 令和４年度外国人との共生社会…の実施状況 → 外国人との共生社会…"""
    t = re.sub(r"^令和[0-9０-９元]+年度", "", title)
    return t.removesuffix("の実施状況") or title


def _check_rows(roadmap: Roadmap, ministries) -> None:
    """Raise a located RenderError before the first file if a cell of any workbook cannot hold its text
    (a repost's cell holds 「（再掲：施策番号N）」 and the repeated text; 項目 holds two headings)."""
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
                           password: str | None = None, progress=None) -> list[Path]:
    """Write one workbook for update per ministry into `outdir` and return their paths.

    `ministries`: registry entries (ministries.Ministry); None for every ministry in the roadmap.
    `progress`: optional callable, called with each path once its file is rendered. The files are
    written once all are rendered, each to a temp name first (textio.write_all_atomic).
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
        data = update_workbook_bytes(roadmap, ministry, path, fiscal_year=fiscal_year, password=password)
        rendered.append((path, data))
        if progress is not None:
            progress(path)
    write_all_atomic(rendered)
    return [path for path, _ in rendered]
