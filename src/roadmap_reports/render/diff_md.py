"""The diff as Markdown, for pasting into a review or an issue tracker, in Japanese as the 新旧対照表 is:
the title, the counts by 変更点, then one table per changed measure with the changed wording in bold
(GitHub-flavoured Markdown), and the measures 前年度と同旨 listed apart."""

from __future__ import annotations

from roadmap_reports.compare.diff import FLAG_LABELS, FLAGS, DiffResult
from roadmap_reports.japanese.calendar import as_of_label
from roadmap_reports.render.comparison_table import (STALLED_HEADINGS, STALLED_TITLE, changes, count_line, measure_heading,
                                                     shown, side_heading, side_order, stalled_note, stalled_rows,
                                                     table_row, target_change, title)
from roadmap_reports.render.markdown import escape, marked


def _head(result: DiffResult) -> list[str]:
    """The title, the two datasets, the filters and the counts."""
    lines = [f"# {title(result)}", ""]
    for side, r in (("改正前", result.old), ("改正後", result.new)):
        lines.append(f"- {side}：`{r.source}` — {escape(r.title)}（{as_of_label(r.as_of)}、{len(r.measures)}施策）")
    if result.ministry_filter:
        lines.append(f"- 担当省庁：{'、'.join(result.ministry_filter)}")
    if result.flag_filter:
        lines.append(f"- 変更点の絞り込み：{'、'.join(FLAG_LABELS[f] for f in result.flag_filter)}")
    lines += ["", f"{count_line(result)}。変更された語句は太字。", "", "| 変更点 | 識別子 | 件数 |", "|---|---|---:|"]
    summary = result.summary
    lines += [f"| {FLAG_LABELS[f]} | `{f}` | {summary[f]} |" for f in FLAGS]
    return lines


def _table(result: DiffResult, row, sides) -> list[str]:
    """The two sides of one measure, field by field."""
    lines = [f"| | {side_heading(result, sides[0])} | {side_heading(result, sides[1])} |", "|---|---|---|"]
    blocks = {"new": row.new, "old": row.old}
    left, right = (blocks[s] for s in sides)
    if left and left[0].label is None or right and right[0].label is None:  # （新設）/（削る）: one side's fields
        for k in range(max(len(left), len(right))):
            a = left[k] if k < len(left) else None
            b = right[k] if k < len(right) else None
            label = (a.label if a and a.label else b.label if b and b.label else "")
            lines.append(f"| {label} | {marked(a.segments) if a else ''} | {marked(b.segments) if b else ''} |")
    else:
        lines += [f"| {a.label} | {marked(a.segments)} | {marked(b.segments)} |" for a, b in zip(left, right)]
    return lines


def render_md(result: DiffResult, *, new_side: str = "left", abbreviate: bool = False) -> str:
    """The diff as GitHub-flavoured Markdown: counts, then one table per changed measure."""
    sides = side_order(new_side)
    lines = _head(result)
    for e in result.changed:
        if not shown(e):
            continue
        row = table_row(result, e, abbreviate=abbreviate)
        lines += ["", f"## {measure_heading(e)} — {'、'.join(e.ministries)}", "",
                  "変更点：" + "、".join(FLAG_LABELS[f] for f in changes(e.flags)), ""]
        revised = [r for r in e.kpi_revisions if r.kind == "revised"]
        for r in revised:
            lines.append(f"- {FLAG_LABELS['kpi_revised']}：{escape(' '.join(r.old_text.split()))} → "
                         f"{escape(' '.join(r.new_text.split()))}（{target_change(r)}）")
        lines += [""] if revised else []
        lines += _table(result, row, sides)
    stalled = stalled_rows(result)
    if stalled:  # not a 変更点: listed apart, with the similarity
        lines += ["", f"## {STALLED_TITLE}", "", stalled_note(result), "",
                  "| " + " | ".join(STALLED_HEADINGS) + " |", "|---|---|---:|"]
        lines += [f"| {s.number} | {'、'.join(s.ministries)} | {s.similarity_label} |" for s in stalled]
    return "\n".join(lines) + "\n"
