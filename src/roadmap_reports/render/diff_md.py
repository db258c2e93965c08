"""The diff as Markdown, for pasting into a review or an issue tracker: counts, then one table per
changed measure with the changed wording in bold (GitHub-flavoured Markdown)."""

from __future__ import annotations

from roadmap_reports.compare.diff import FLAG_LABELS, FLAGS, DiffResult
from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.render.comparison_table import (STALLED_TITLE, changes, shown, side_heading, side_order,
                                                     stalled_note, stalled_rows, table_row)


def _escape(text: str) -> str:
    for ch in "\\`*_[]|<>":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def _cell(segments) -> str:
    out = []
    for text, changed in segments:
        if not text:
            continue
        if changed and text.strip():
            # bold each line separately: ** does not span <br>
            out.append("<br>".join(f"**{_escape(part)}**" if part.strip() else "" for part in text.split("\n")))
        else:
            out.append(_escape(text))
    return "".join(out)


def render_md(result: DiffResult, *, new_side: str = "left", abbreviate: bool = False) -> str:
    """The diff as GitHub-flavoured Markdown: counts, then one table per changed measure."""
    o, n = result.old, result.new
    sides = side_order(new_side)
    lines = [f"# 新旧対照 {year_label(o.fiscal_year)} → {year_label(n.fiscal_year)}",
             "",
             f"- 改正前 (old): `{o.source}` — {o.title}, as of {o.as_of.isoformat()}, {len(o.measures)} measures",
             f"- 改正後 (new): `{n.source}` — {n.title}, as of {n.as_of.isoformat()}, {len(n.measures)} measures"]
    if result.ministry_filter:
        lines.append(f"- ministries: {'、'.join(result.ministry_filter)}")
    if result.flag_filter:
        lines.append(f"- only: {', '.join(result.flag_filter)}")
    lines += ["", f"{len(result.changed)} of {len(result.measures)} measures flagged. Changed wording is **bold**.",
              "", "| flag | | count |", "|---|---|---:|"]
    summary = result.summary
    for f in FLAGS:
        lines.append(f"| `{f}` | {FLAG_LABELS[f]} | {summary[f]} |")
    for e in result.changed:
        if not shown(e):
            continue
        row = table_row(result, e, abbreviate=abbreviate)
        head = f"施策 {e.new_id}" if e.new_id is not None else f"施策 {e.old_id}（削除）"
        if e.old_id is not None and e.new_id is not None and e.old_id != e.new_id:
            head += f"（旧 {e.old_id}）"
        lines += ["", f"## {head} — {'、'.join(e.ministries)}", "",
                  "変更点: " + "、".join(FLAG_LABELS[f] for f in changes(e.flags)), ""]
        for r in e.kpi_revisions:
            if r.kind == "revised":
                detail = [f"value {r.old_value} → {r.new_value}{' ' + r.unit if r.unit else ''}"]
                if r.old_deadline is not None or r.new_deadline is not None:
                    detail.append(f"deadline FY{r.old_deadline or '—'} → FY{r.new_deadline or '—'}")
                lines.append(f"- KPI target: {_escape(' '.join(r.old_text.split()))} → "
                             f"{_escape(' '.join(r.new_text.split()))} ({'; '.join(detail)})")
        lines += ["", f"| | {side_heading(result, sides[0])} | {side_heading(result, sides[1])} |", "|---|---|---|"]
        blocks = {"new": row.new, "old": row.old}
        if row.new and row.new[0].label is None or row.old and row.old[0].label is None:
            left, right = (blocks[s] for s in sides)
            for k in range(max(len(left), len(right))):
                a = left[k] if k < len(left) else None
                b = right[k] if k < len(right) else None
                label = (a.label if a and a.label else b.label if b and b.label else "")
                lines.append(f"| {label} | {_cell(a.segments) if a else ''} | {_cell(b.segments) if b else ''} |")
        else:
            for a, b in zip(blocks[sides[0]], blocks[sides[1]]):
                lines.append(f"| {a.label} | {_cell(a.segments)} | {_cell(b.segments)} |")
    stalled = stalled_rows(result)
    if stalled:  # not a 変更点: listed apart, with the similarity
        lines += ["", f"## {STALLED_TITLE}", "", stalled_note(result), "", "| 施策番号 | 担当省庁 | 前年度との類似度 |",
                  "|---|---|---:|"]
        lines += [f"| {s.number} | {'、'.join(s.ministries)} | {s.similarity_label} |" for s in stalled]
    return "\n".join(lines) + "\n"
