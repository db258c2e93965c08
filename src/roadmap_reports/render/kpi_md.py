"""The KPI progress report in Markdown, for a review: the summary and one table row per KPI item."""

from __future__ import annotations

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.japanese.kpi import KPI_TYPE_LABELS
from roadmap_reports.progress.verdicts import figure, target_words
from roadmap_reports.render.kpi_text import summary_lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render_md(report) -> str:
    """The KPI report as Markdown."""
    years = "、".join(year_label(y) for y in report.fiscal_years)
    out = [f"# KPIの進捗（{years}）", ""] + [f"- {line.strip()}" for line in summary_lines(report)[1:]] + [""]
    out += ["| 施策 | KPI | 種類 | 目標 | 実績（根拠） | 判定 | 理由 |", "|---|---|---|---|---|---|---|"]
    for p in report.items:
        i = p.item
        target = target_words(i.target) if i.has_numeric_target else "—"
        actuals = "<br>".join(f"{figure(a.value, a.unit)}（{year_label(a.as_of_fy)}）「{a.quote or a.citation}」"
                              for a in p.actuals) or "—"
        out.append(f"| {i.measure} | {_cell(i.kpi)} | {KPI_TYPE_LABELS[i.type]} | {target} | {_cell(actuals)} | "
                   f"{p.verdict.label} | {_cell(p.verdict.reason)} |")
    return "\n".join(out) + "\n"
