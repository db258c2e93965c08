"""The history across years for the terminal: one block per measure that changed, stalled or has actuals.
In Japanese and the same bytes in every locale, like the diff (render/diff_text.py)."""

from __future__ import annotations

from roadmap_reports.compare.result import FLAG_LABELS
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
    lines = [f"施策の推移: {'、'.join(year_label(y) for y in years)}（{'、'.join(hist.sources)}）",
             f"{s['measures']} 施策; 全年度にあり {s['in_every_year']}; 番号変更 {s['renumbered']}; "
             f"毎年度 前年度と同旨 {s['stalled_every_year']}; KPIの見直しあり {s['with_kpi_revision']}; "
             f"削除 {s['removed']}", ""]
    for line in hist.lines:
        lines.append(f"{numbers_text(line, years)}  {'、'.join(line.ministries)}")
        if line.stalled_years:
            run = f"（連続 {line.stalled_run} 年）" if line.stalled_run else ""  # a run up to the latest year
            lines.append(f"    実施状況が前年度とほぼ同じ: {'、'.join(year_label(y) for y in line.stalled_years)}{run}")
        for rev in line.revisions:
            lines.append(f"    {FLAG_LABELS['kpi_' + rev['kind']]} {year_label(rev['fiscal_year'])}: "
                         f"「{rev['old'] or ''}」 → 「{rev['new'] or ''}」")
        lines.extend(f"    {t}" for t in kpi_texts(line) if "実績なし" not in t or "見直し" in t)
    return "\n".join(lines) + "\n"
