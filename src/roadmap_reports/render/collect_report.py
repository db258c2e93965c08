"""The collect report: terminal text, Markdown and JSON from one CollectResult (the workbook form is in
render/xlsx/collect_report.py), and `write_report`, which writes the format a file's suffix names.

One function per format: ``render_text(result)``, ``render_markdown(result)`` and ``render_json(result)``
give text; ``render.xlsx.collect_report.write_xlsx(result, path)`` writes a workbook."""

from __future__ import annotations

import json
from pathlib import Path

from roadmap_reports.rounds.collect import Change, CollectResult


def _name(path) -> str:
    """A file as the report names it: its name, without the folder."""
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
    """The report as JSON (English keys; see `report_dict`)."""
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
    """The report as Markdown: a summary, then one table per list."""
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


def _write_text(render):
    """A writer of a text format: render, then write atomically."""
    def write(result: CollectResult, path) -> None:
        from roadmap_reports.io.files import write_text_atomic

        write_text_atomic(path, render(result))
    return write


def _write_xlsx(result: CollectResult, path) -> None:
    from roadmap_reports.render.xlsx.collect_report import write_xlsx  # openpyxl: imported when needed

    write_xlsx(result, path)


#: The report's formats by file suffix: one writer each, ``writer(result, path)``.
REPORT_WRITERS = {
    ".xlsx": _write_xlsx,
    ".md": _write_text(render_markdown),
    ".markdown": _write_text(render_markdown),
    ".json": _write_text(render_json),
    ".txt": _write_text(render_text),
    ".text": _write_text(render_text),
}
REPORT_SUFFIXES = tuple(REPORT_WRITERS)


def write_report(result: CollectResult, path) -> None:
    """Write the report by the file's suffix: .md, .json, .txt or .xlsx (atomically)."""
    from roadmap_reports.errors import OutputError

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_WRITERS:
        raise OutputError(f"unknown report format {suffix or '(no extension)'!r}; use .md, .xlsx, .json or .txt",
                          file=path)
    REPORT_WRITERS[suffix](result, path)
