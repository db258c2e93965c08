"""The KPI progress report for the terminal: a summary, then one block per KPI item with a target or an
actual (the others are counted in the summary and listed with --all in JSON and xlsx). In Japanese and the
same bytes in every locale, like the diff (render/diff_text.py): it is a report, not a message."""

from __future__ import annotations

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.japanese.kpi import KPI_TYPE_LABELS
from roadmap_reports.progress.verdicts import VERDICT_LABELS, figure, target_words


ACTION_LABELS = {"confirm": "確認", "correct": "訂正", "add": "追加", "reject": "除外"}  # review actions
SOURCE_LABELS = {"extracted": "抽出", "confirmed": "確認済み", "corrected": "訂正", "added": "追加"}  # an actual's


def summary_lines(report) -> list[str]:
    """The summary lines of a KPI report (also the head of the Markdown), in Japanese in every locale."""
    s = report.summary()
    years = "、".join(year_label(y) for y in report.fiscal_years)
    lines = [f"KPIの進捗: {years}（{'、'.join(report.sources)}）",
             f"{s['measures']} 施策の KPI {s['items']} 項目; 数値目標あり {s['with_numeric_target']}; "
             f"実績が一つ以上あり {s['with_actual']}（実績 {s['actuals']} 件）"]
    lines.append("  種類別: " + "、".join(f"{KPI_TYPE_LABELS[t]} {n}" for t, n in s["by_type"].items()))
    lines.append("  判定別: " + "、".join(f"{VERDICT_LABELS[v]} {n}" for v, n in s["by_verdict"].items())
                 + f"（判定不能: 数値目標なし {s['unknown_no_target']}、実績なし {s['unknown_no_actual']}）")
    lines.append(f"  KPIの単位の数値で対応付けなかったもの（推測しない）: {s['figures_left_unmatched']}")
    for r in s["reviews"]:
        lines.append(f"  点検ファイル {r['file']}（{year_label(r['fiscal_year'])}）: 確認 {r['confirm']}、"
                     f"訂正 {r['correct']}、追加 {r['add']}、除外 {r['reject']}")
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
        lines.append(f"    実績 {figure(a.value, a.unit)} {year_label(a.as_of_fy)}{assumed} {where} [{SOURCE_LABELS.get(a.source, a.source)}]")
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
        lines += ["", "点検ファイルによる上書き:"]
        lines += [f"  #{o['measure']}-{o['kpi_index'] + 1} {ACTION_LABELS[o['action']]}: 「{o['quote'] or ''}」 "
                  f"{o['detail']}".rstrip()
                  for o in overrides]
    return "\n".join(lines) + "\n"
