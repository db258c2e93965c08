"""The KPI progress table as a print-ready workbook: a 集計 sheet (verdicts by ministry), an all-items sheet,
and one sheet per ministry; each row one KPI item with its target, actuals and their quotes, and the verdict
as a coloured mark with its word and reason."""

from __future__ import annotations

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.japanese.kpi import KPI_TYPE_LABELS
from roadmap_reports.progress.verdicts import VERDICT_LABELS, VERDICTS, figure, target_words
from roadmap_reports.render.xlsx.table import VERDICT_FILLS, table_sheet

COLUMNS = [("施策番号", 8), ("KPI", 32), ("種類", 10), ("目標", 14), ("実績（実施状況の記述）", 40), ("判定", 12),
           ("判定の理由", 36)]
VERDICT_COLUMN = 5


def _row(p) -> list[str]:
    i = p.item
    target = target_words(i.target) if i.has_numeric_target else "—"
    actuals = "\n".join(f"{figure(a.value, a.unit)}（{year_label(a.as_of_fy)}{'・推定' if a.as_of_assumed else ''}）"
                        f"「{a.quote}」" if a.quote else f"{figure(a.value, a.unit)}（{year_label(a.as_of_fy)}）"
                        f"出典: {a.citation}" for a in p.actuals) or "—"
    return [f"{i.measure}-{i.kpi_index + 1}", i.kpi, KPI_TYPE_LABELS[i.type], target, actuals,
            f"● {p.verdict.label}", p.verdict.reason]


def _items_sheet(wb, title: str, items, header: str) -> None:
    rows = [_row(p) for p in items]
    verdicts = [p.verdict.verdict for p in items]
    table_sheet(wb, title, COLUMNS, rows, header=header, left_header=title,
                fills=lambda r, c: VERDICT_FILLS[verdicts[r]] if c == VERDICT_COLUMN else None)


PROGRESS_SHEET = "KPIの進捗"


def add_progress_sheet(wb, items, *, header: str, left_header: str) -> None:
    """The KPI progress table of a ministry's build workbook (when it has KPI items)."""
    if not items:
        return
    rows = [_row(p) for p in items]
    verdicts = [p.verdict.verdict for p in items]
    table_sheet(wb, PROGRESS_SHEET, COLUMNS, rows, header=header, left_header=left_header,
                fills=lambda r, c: VERDICT_FILLS[verdicts[r]] if c == VERDICT_COLUMN else None)


def _ministries(report) -> list[str]:
    from roadmap_reports.ministries import sort_key

    return sorted({name for p in report.items for name in p.item.ministries}, key=sort_key)


def build_workbook(report):
    """The workbook in memory (nothing written yet)."""
    from roadmap_reports.render.xlsx.common import load_openpyxl, new_workbook

    load_openpyxl()
    wb = new_workbook()
    wb.remove(wb.active)
    years = "・".join(year_label(y) for y in report.fiscal_years)
    header = f"KPIの進捗（{years}）"
    names = _ministries(report)
    counts = [[name] + [str(sum(p.verdict.verdict == v for p in report.items if name in p.item.ministries))
                        for v in VERDICTS] for name in names]
    counts.append(["計（共管は各省庁に数える）"] + [str(sum(p.verdict.verdict == v for p in report.items))
                                        for v in VERDICTS])
    table_sheet(wb, "集計", [("府省庁", 30)] + [(VERDICT_LABELS[v], 10) for v in VERDICTS], counts,
                header=header, left_header="集計")
    _items_sheet(wb, "全体", report.items, header)
    for name in names:
        _items_sheet(wb, name, [p for p in report.items if name in p.item.ministries], header)
    return wb


def write_xlsx(report, path) -> str:
    """Write the workbook reproducibly; return a one-line summary."""
    from roadmap_reports.io.reproducible import fixed_datetime
    from roadmap_reports.render.xlsx.common import save_workbook

    wb = build_workbook(report)
    save_workbook(wb, path, when=fixed_datetime(report.as_of))
    return f"Wrote {path} (KPI progress, {len(report.items)} items, {len(wb.sheetnames) - 2} ministries)."
