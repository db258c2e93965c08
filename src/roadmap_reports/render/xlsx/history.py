"""The history across years as a print-ready workbook: one row per measure line."""

from __future__ import annotations

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.render.history_text import kpi_texts
from roadmap_reports.render.xlsx.table import table_sheet


def build_workbook(hist):
    """The workbook in memory (nothing written yet)."""
    from roadmap_reports.render.xlsx.common import load_openpyxl, new_workbook

    load_openpyxl()
    wb = new_workbook()
    wb.remove(wb.active)
    years = hist.fiscal_years
    columns = [(f"{year_label(y)}", 8) for y in years] + [("取組", 40), ("担当府省庁", 14),
                                                          ("実施状況が前年度とほぼ同じ年度", 14), ("KPIの見直し", 26),
                                                          ("KPIの実績と判定", 40)]
    rows = []
    for line in hist.lines:
        numbers = [str(line.numbers[y]) if line.numbers[y] is not None else "—" for y in years]
        stalled = "、".join(year_label(y) for y in line.stalled_years)
        if line.stalled_run:  # the years in a row up to the latest; none when the latest year moved on
            stalled += f"（連続{line.stalled_run}年）"
        revisions = "\n".join(f"{year_label(r['fiscal_year'])}: 「{r['old'] or '—'}」→「{r['new'] or '—'}」"
                              for r in line.revisions)
        rows.append(numbers + [line.initiative, "、".join(line.ministries), stalled or "—", revisions or "—",
                               "\n".join(kpi_texts(line)) or "—"])
    header = f"施策の推移（{'・'.join(year_label(y) for y in years)}）"
    table_sheet(wb, "推移", columns, rows, header=header, left_header="施策の推移")
    return wb


def write_xlsx(hist, path) -> str:
    """Write the workbook reproducibly; return a one-line summary."""
    from roadmap_reports.io.reproducible import fixed_datetime
    from roadmap_reports.render.xlsx.common import save_workbook

    save_workbook(build_workbook(hist), path, when=fixed_datetime(hist.as_of))
    return f"Wrote {path} (history, {len(hist.lines)} measures over {len(hist.fiscal_years)} years)."
