"""The KPI progress report for the terminal: a summary, then one block per KPI item with a target or an
actual (the others are counted in the summary and listed with --all in JSON and xlsx)."""

from __future__ import annotations

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.japanese.kpi import KPI_TYPE_LABELS
from roadmap_reports.progress.verdicts import VERDICT_LABELS, figure, target_words


def summary_lines(report) -> list[str]:
    """The summary lines of a KPI report (also the head of the Markdown)."""
    s = report.summary()
    years = "、".join(year_label(y) for y in report.fiscal_years)
    lines = [f"KPI progress: {years} ({', '.join(report.sources)})",
             f"{s['items']} KPI items in {s['measures']} measures; {s['with_numeric_target']} with a numeric target; "
             f"{s['with_actual']} with at least one actual ({s['actuals']} actuals)"]
    lines.append("  by type:    " + ", ".join(f"{KPI_TYPE_LABELS[t]} {n}" for t, n in s["by_type"].items()))
    lines.append("  by verdict: " + ", ".join(f"{VERDICT_LABELS[v]} {n}" for v, n in s["by_verdict"].items())
                 + f" (判定不能: 数値目標なし {s['unknown_no_target']}, 実績なし {s['unknown_no_actual']})")
    lines.append(f"  figures of a KPI's unit left unmatched (not guessed): {s['figures_left_unmatched']}")
    for r in s["reviews"]:
        lines.append(f"  review {r['file']} (FY{r['fiscal_year']}): confirmed {r['confirm']}, corrected {r['correct']}, "
                     f"added {r['add']}, rejected {r['reject']}")
    return lines


def item_lines(p) -> list[str]:
    """The lines of one KPI item: the item, its target, each actual with its quote, the reason."""
    i = p.item
    target = target_words(i.target) if i.has_numeric_target else "（数値目標なし）"
    lines = [f"#{i.measure}-{i.kpi_index + 1}  [{p.verdict.label}]  {i.kpi.splitlines()[0]}",
             f"    {KPI_TYPE_LABELS[i.type]}; 目標 {target}; {'、'.join(i.ministries)}"]
    for a in p.actuals:
        assumed = "（年度は推定）" if a.as_of_assumed else ""
        where = f"「{a.quote}」" if a.quote else f"出典: {a.citation}"
        lines.append(f"    実績 {figure(a.value, a.unit)} {year_label(a.as_of_fy)}{assumed} {where} [{a.source}]")
    lines.append(f"    理由: {p.verdict.reason}")
    return lines


def render_text(report) -> str:
    """The report as terminal text."""
    lines = summary_lines(report) + [""]
    for p in report.items:
        if p.item.has_numeric_target or p.actuals or p.verdict.verdict == "revised":
            lines.extend(item_lines(p))
    overrides = report.to_dict()["overrides"]
    if overrides:
        lines += ["", "Review overrides:"]
        lines += [f"  #{o['measure']}-{o['kpi_index'] + 1} {o['action']}: 「{o['quote'] or ''}」 {o['detail']}".rstrip()
                  for o in overrides]
    return "\n".join(lines) + "\n"
