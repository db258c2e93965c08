"""The collect report: terminal text, Markdown, JSON and an xlsx workbook, all from one CollectResult."""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_reports.rounds.collect import Change, CollectResult


def _name(path) -> str:
    return Path(path).name


def _ids(changes: list[Change]) -> str:
    """Measure numbers grouped by ministry: `文部科学省 1, 39; 法務省 39`."""
    groups: dict[str, list[str]] = {}
    for c in changes:
        groups.setdefault(c.ministry, []).append(str(c.measure))
    from roadmap_reports.ministries import sort_key

    return "; ".join(f"{name} {', '.join(groups[name])}" for name in sorted(groups, key=sort_key)) or "-"


def report_dict(result: CollectResult) -> dict:
    """The report as plain data (the JSON form)."""
    def change(c: Change, with_text=True):
        d = {"measure": c.measure, "ministry": c.ministry, "file": _name(c.file), "place": c.place}
        if with_text:
            d.update({"old": c.old, "new": c.new})
        return d

    return {
        "base": {"title": result.base.title, "fiscal_year": result.base.fiscal_year},
        "fiscal_year": result.fiscal_year,
        "files": [{"file": str(r.path), "ministry": r.ministry.name if r.ministry else None,
                   "result": "rejected" if r.rejected else "accepted"} for r in result.returns],
        "returned": result.returned,
        "missing": result.missing,
        "findings": [{"file": f.file, "place": f.place, "measure": f.measure, "kind": f.kind, "severity": f.severity,
                      "message": f.message} for f in result.findings],
        "conflicts": [{"measure": c.measure, "texts": [{"ministry": m, "file": _name(f), "place": p, "text": t}
                                                      for m, f, p, t in c.texts]} for c in result.conflicts],
        "updated": [change(c) for c in result.updated],
        "left_empty": [change(c, False) for c in result.left_empty],
        "unchanged": [change(c, False) for c in result.unchanged],
        "kpi_proposals": [{**change(c, False), "kpis": c.old, "proposal": c.new} for c in result.kpi_proposals],
        "remarks": [{**change(c, False), "text": c.new} for c in result.remarks],
    }


def render_json(result: CollectResult) -> str:
    return json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n"


def render_text(result: CollectResult) -> str:
    """What `collect` prints: counts, every problem on one located line, the lists of measures."""
    out = []
    n_files = len(result.returns)
    out.append(f"Collected {n_files} workbook{'s' if n_files != 1 else ''} for FY{result.fiscal_year} "
               f"(base: FY{result.base.fiscal_year}): {len(result.accepted)} accepted, {len(result.rejected)} rejected.")
    out.append(f"Returned: {len(result.returned)} of {len(result.expected)} ministries"
               + (f" ({', '.join(result.returned)})" if result.returned else ""))
    if result.missing:
        out.append(f"Missing: {', '.join(result.missing)} (last year's text kept for their measures)")
    for ret in result.rejected:
        out.append(f"REJECTED {ret.path} (nothing merged from it):")
        for f in ret.findings:
            if f.severity == "error":
                out.append(f"  {f}")
    warnings = [f for f in result.findings if f.severity == "warning"]
    if warnings:
        out.append("Warnings:")
        out.extend(f"  {f}" for f in warnings)
    if result.conflicts:
        out.append(f"CONFLICTS ({len(result.conflicts)}):")
        out.extend(f"  {c}" for c in result.conflicts)
    out.append(f"Updated: {len(result.updated)} — {_ids(result.updated)}")
    out.append(f"Left empty: {len(result.left_empty)} — {_ids(result.left_empty)}")
    out.append(f"Unchanged from last year (stalled candidates): {len(result.unchanged)} — {_ids(result.unchanged)}")
    if result.kpi_proposals:
        out.append(f"KPI change proposals (kept as kpi_proposal, not applied): {_ids(result.kpi_proposals)}")
    if result.remarks:
        out.append("Remarks:")
        out.extend(f"  measure {c.measure} ({c.ministry}): {c.new}" for c in result.remarks)
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", "<br>")


def render_markdown(result: CollectResult) -> str:
    lines = [f"# 実施状況照会の回収結果（FY{result.fiscal_year}）", "",
             f"- Base: {result.base.title} (FY{result.base.fiscal_year})",
             f"- Files: {len(result.returns)} ({len(result.accepted)} accepted, {len(result.rejected)} rejected)",
             f"- Returned: {len(result.returned)} of {len(result.expected)} ministries",
             f"- Missing: {', '.join(result.missing) or '-'}", ""]
    lines += ["## Files", "", "| File | Ministry | Result |", "|---|---|---|"]
    for r in result.returns:
        lines.append(f"| {_md(_name(r.path))} | {_md(r.ministry.name if r.ministry else '-')} | "
                     f"{'**rejected**' if r.rejected else 'accepted'} |")
    lines.append("")
    if result.findings:
        lines += ["## Problems", "", "| File | Place | Measure | Severity | Message |", "|---|---|---|---|---|"]
        for f in result.findings:
            lines.append(f"| {_md(_name(f.file))} | {_md(f.place or '')} | {f.measure or ''} | {f.severity} | "
                         f"{_md(f.message)} |")
        lines.append("")
    if result.conflicts:
        lines += ["## Conflicts (last year's text kept)", "", "| Measure | Ministry | Cell | Text |", "|---|---|---|---|"]
        for c in result.conflicts:
            for m, f, p, t in c.texts:
                lines.append(f"| {c.measure} | {_md(m)} | {_md(_name(f))}:{_md(p)} | {_md(t)} |")
        lines.append("")
    for title, items in (("Updated", result.updated), ("Left empty", result.left_empty),
                         ("Unchanged from last year (stalled candidates)", result.unchanged)):
        lines += [f"## {title} ({len(items)})", ""]
        if items:
            lines += ["| Measure | Ministry | Cell |", "|---|---|---|"]
            lines += [f"| {c.measure} | {_md(c.ministry)} | {_md(_name(c.file))}:{_md(c.place)} |" for c in items]
        lines.append("")
    if result.kpi_proposals:
        lines += ["## KPI change proposals (not applied)", "", "| Measure | Ministry | Current KPI | Proposal |",
                  "|---|---|---|---|"]
        lines += [f"| {c.measure} | {_md(c.ministry)} | {_md(c.old)} | {_md(c.new)} |" for c in result.kpi_proposals]
        lines.append("")
    if result.remarks:
        lines += ["## Remarks", "", "| Measure | Ministry | Remark |", "|---|---|---|"]
        lines += [f"| {c.measure} | {_md(c.ministry)} | {_md(c.new)} |" for c in result.remarks]
        lines.append("")
    return "\n".join(lines)


def write_xlsx(result: CollectResult, path) -> None:
    """The report as a workbook: 概要, 問題, 競合, 回答 (one row per answer), KPI変更案."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from roadmap_reports.io.reproducible import fixed_datetime
    from roadmap_reports.render.xlsx.common import (FONT_NAME, FONT_SIZE, HEADER_FILL, MAX_ROW_HEIGHT, YU_GOTHIC_LINE_FACTOR, fit_row_height,
                              page_setup, save_workbook, set_text)

    font = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    left = Alignment(wrap_text=True, vertical="top", horizontal="left")
    wb = Workbook()

    def sheet(title, headers, widths, rows, first=False, empty=None):
        ws = wb.active if first else wb.create_sheet()
        ws.title = title
        for c, (h, w) in enumerate(zip(headers, widths), start=1):
            cell = ws.cell(1, c)
            set_text(cell, h)
            cell.font = bold
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            ws.column_dimensions[cell.column_letter].width = w
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(r, c)
                if isinstance(value, int) and not isinstance(value, bool):
                    cell.value = value
                else:
                    set_text(cell, "" if value is None else str(value))
                cell.font = font
                cell.alignment = left if first else wrap
            ws.row_dimensions[r].height = fit_row_height([(str(v or ""), w) for v, w in zip(row, widths)],
                                                         line_factor=YU_GOTHIC_LINE_FACTOR, max_height=MAX_ROW_HEIGHT)
        if not rows and empty:  # a reader (or a printout) sees that the list is empty, not cut off
            cell = ws.cell(2, 1)
            set_text(cell, empty)
            cell.font = font
        ws.freeze_panes = "A2"
        page_setup(ws, title=f"回収結果 FY{result.fiscal_year}", left_header=title)
        return ws

    summary = [("対象年度", f"FY{result.fiscal_year}"), ("基準データ", f"{result.base.title}（FY{result.base.fiscal_year}）"),
               ("受付ファイル数", len(result.returns)), ("受理", len(result.accepted)), ("却下", len(result.rejected)),
               ("回答省庁", "、".join(result.returned) or "-"), ("未回答省庁", "、".join(result.missing) or "-"),
               ("更新", len(result.updated)), ("空欄", len(result.left_empty)),
               ("前年度と同文（進捗確認の候補）", len(result.unchanged)), ("競合", len(result.conflicts)),
               ("KPI変更案", len(result.kpi_proposals))]
    sheet("概要", ["項目", "内容"], [30, 80], summary, first=True)
    sheet("ファイル", ["ファイル", "省庁", "結果"], [50, 20, 10],
          [(_name(r.path), r.ministry.name if r.ministry else "", "却下" if r.rejected else "受理") for r in result.returns])
    sheet("問題", ["ファイル", "場所", "施策番号", "重大度", "内容"], [40, 22, 8, 8, 80],
          [(_name(f.file), f.place or "", f.measure, "却下" if f.severity == "error" else "注意", f.message)
           for f in result.findings], empty="（問題はありません）")
    sheet("競合", ["施策番号", "省庁", "ファイル", "セル", "記入内容"], [8, 16, 40, 18, 70],
          [(c.measure, m, _name(f), p, t) for c in result.conflicts for m, f, p, t in c.texts],
          empty="（競合はありません）")
    kinds = [("更新", result.updated), ("空欄", result.left_empty), ("前年度と同文", result.unchanged)]
    answers = sorted(((c.measure, c.ministry, k, _name(c.file), c.place, c.old, c.new) for k, cs in kinds for c in cs),
                     key=lambda t: (t[0], t[1]))
    sheet("回答", ["施策番号", "省庁", "区分", "ファイル", "セル", "前年度", "今年度"], [8, 16, 12, 36, 16, 50, 50], answers,
          empty="（回答はありません）")
    sheet("KPI変更案・備考", ["施策番号", "省庁", "区分", "現在のKPI", "記入内容"], [8, 16, 10, 50, 60],
          [(c.measure, c.ministry, "KPI変更案", c.old, c.new) for c in result.kpi_proposals]
          + [(c.measure, c.ministry, "備考", "", c.new) for c in result.remarks],
          empty="（KPI変更案・備考はありません）")
    save_workbook(wb, path, when=fixed_datetime(result.draft.as_of))


def write_report(result: CollectResult, path) -> None:
    """Write the report by the file's suffix: .md, .json or .xlsx (atomically)."""
    from roadmap_reports.errors import OutputError
    from roadmap_reports.io.files import write_text_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(result, path)
    elif suffix in (".md", ".markdown"):
        write_text_atomic(path, render_markdown(result))
    elif suffix == ".json":
        write_text_atomic(path, render_json(result))
    elif suffix in (".txt", ".text"):
        write_text_atomic(path, render_text(result))
    else:
        raise OutputError(f"unknown report format {suffix or '(no extension)'!r}; use .md, .xlsx, .json or .txt",
                          file=path)


REPORT_SUFFIXES = (".xlsx", ".md", ".markdown", ".json", ".txt", ".text")
