"""The history across years for the terminal: one block per measure that changed, stalled or has actuals."""

from __future__ import annotations

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.progress.verdicts import VERDICT_LABELS, figure


def numbers_text(line, years) -> str:
    """「令和４年度 #69 → 令和５年度 #68」: a measure's numbers through the years."""
    return " → ".join(f"{year_label(y)} {'#' + str(line.numbers[y]) if line.numbers[y] is not None else '（なし）'}"
                      for y in years)


def kpi_texts(line) -> list[str]:
    """One line per KPI item of a measure line: its actuals series and verdict."""
    out = []
    for p in line.kpis:
        series = "、".join(f"{figure(a.value, a.unit)}（{year_label(a.as_of_fy)}）" for a in p.actuals) or "実績なし"
        out.append(f"KPI {p.item.kpi_index + 1}「{p.item.kpi.splitlines()[0]}」: {series} [{VERDICT_LABELS[p.verdict.verdict]}]")
    return out


def render_text(hist) -> str:
    """The report as terminal text."""
    years = hist.fiscal_years
    s = hist.summary()
    lines = [f"History: {'、'.join(year_label(y) for y in years)} ({', '.join(hist.sources)})",
             f"{s['measures']} measures; {s['in_every_year']} in every year; {s['renumbered']} renumbered; "
             f"{s['stalled_every_year']} stalled every year; {s['with_kpi_revision']} with a KPI revision; "
             f"{s['removed']} removed", ""]
    for line in hist.lines:
        lines.append(f"{numbers_text(line, years)}  {'、'.join(line.ministries)}")
        if line.stalled_years:
            run = f"（連続 {line.stalled_run} 年）" if line.stalled_run else ""  # a run up to the latest year
            lines.append(f"    実施状況が前年度とほぼ同じ: {'、'.join(year_label(y) for y in line.stalled_years)}{run}")
        for rev in line.revisions:
            lines.append(f"    KPI {rev['kind']} {year_label(rev['fiscal_year'])}: 「{rev['old'] or ''}」 → 「{rev['new'] or ''}」")
        lines.extend(f"    {t}" for t in kpi_texts(line) if "実績なし" not in t or "見直し" in t)
    return "\n".join(lines) + "\n"
