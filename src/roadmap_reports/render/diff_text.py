"""The diff for a terminal, in the 新旧対照表's Japanese: the title and the two datasets, the counts by 変更点
(the one table of labels, compare.result.FLAG_LABELS), then one paragraph per changed measure with the changed
wording marked [-deleted-]{+added+} (coloured when writing to a terminal) — the same phrase spans
(compare.spans) the xlsx and docx underline and the Markdown sets in bold —, and the measures that are only
前年度と同旨 listed together at the end. The same bytes in every locale: it is a report, not a message."""

from __future__ import annotations

from roadmap_reports.compare.diff import FLAG_LABELS, FLAGS, DiffResult, MeasureDiff, char_opcodes
from roadmap_reports.japanese.calendar import as_of_label
from roadmap_reports.japanese.width import display_width
from roadmap_reports.render.comparison_table import count_line, measure_heading, percent, target_change, title

CONTEXT = 12  # characters of unchanged text shown around a change
WIDTH = 100  # columns of the list of measures 前年度と同旨 only
LABEL_COLUMNS = max(display_width(x) for x in FLAG_LABELS.values()) + 2


def _style(text: str, color: bool, **kw) -> str:
    if not color:
        return text
    import click

    return click.style(text, **kw)


def inline_diff(old: str, new: str, *, color: bool = False, context: int = CONTEXT) -> str:
    """One line: unchanged context shortened with …, deletions [-…-], additions {+…+}."""
    ops = char_opcodes(old, new)
    out = []
    for k, (tag, a, b) in enumerate(ops):
        if tag == "equal":
            text = _flat(b)
            if len(text) > 2 * context:
                if k == 0:
                    text = "…" + text[-context:]
                elif k == len(ops) - 1:
                    text = text[:context] + "…"
                else:
                    text = text[:context] + "…" + text[-context:]
            out.append(text)
            continue
        if a:
            out.append(_style(f"[-{_flat(a)}-]", color, fg="red"))
        if b:
            out.append(_style(f"{{+{_flat(b)}+}}", color, fg="green"))
    return "".join(out)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, n: int = 60) -> str:
    text = _flat(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _line(flag: str, text: str, who: str | None = None) -> str:
    """「    KPIの追加：…」: a change, named by its flag's label (and the ministry of a tagged status part)."""
    return f"    {FLAG_LABELS[flag]}{f'（{who}）' if who else ''}：{text}"


def _kpi_lines(e: MeasureDiff, color: bool) -> list[str]:
    lines = []
    for r in e.kpi_revisions:
        if r.kind == "added":
            lines.append(_line("kpi_added", _flat(r.new_text)))
        elif r.kind == "removed":
            lines.append(_line("kpi_removed", _flat(r.old_text)))
        elif r.kind == "revised":
            detail = target_change(r)
            lines.append(_line("kpi_revised", inline_diff(r.old_text, r.new_text, color=color)
                               + (f"（{detail}）" if detail else "")))
        else:
            lines.append(_line("kpi_text_changed", inline_diff(r.old_text, r.new_text, color=color)))
    return lines


def entry_lines(e: MeasureDiff, *, color: bool = False) -> list[str]:
    """The lines of one flagged measure: its number, its 変更点 and ministries, then each change."""
    flags = "、".join(FLAG_LABELS[f] for f in e.flags)
    lines = [f"{_style(measure_heading(e), color, bold=True)}  ［{_style(flags, color, fg='yellow')}］  "
             f"{'、'.join(e.ministries)}"]
    if "new" in e.flags:
        lines.append(_line("new", _short(e.new.initiative or f"施策番号{e.new.repost_of}の再掲")))
    if "removed" in e.flags:
        lines.append(_line("removed", _short(e.old.initiative or f"施策番号{e.old.repost_of}の再掲")))
    if "initiative_changed" in e.flags:
        lines.append(_line("initiative_changed", inline_diff(e.old.initiative, e.new.initiative, color=color)))
    lines += _kpi_lines(e, color)
    if "ministry_changed" in e.flags:
        lines.append(_line("ministry_changed", f"{'、'.join(e.old.ministries)} → {'、'.join(e.new.ministries)}"))
    if "repost_changed" in e.flags:
        lines.append(_line("repost_changed", f"施策{e.old.repost_of} → 施策{e.new.repost_of}"))
    for p in e.status_parts:
        if p.stalled or p.changed:
            flag = "stalled" if p.stalled else "status_changed"
            lines.append(_line(flag, f"前年度との類似度 {percent(p.similarity)}", p.ministry))
    return lines


def _pad(label: str, columns: int) -> str:
    return label + " " * max(columns - display_width(label), 1)


def _wrapped(items: list[str], indent: str = "  ") -> list[str]:
    """Items joined by 「、」 in lines of at most WIDTH columns."""
    lines, line = [], ""
    for k, item in enumerate(items):
        piece = item + ("、" if k < len(items) - 1 else "")
        if line and display_width(indent + line + piece) > WIDTH:
            lines.append(indent + line)
            line = ""
        line += piece
    return lines + ([indent + line] if line else [])


def _head(result: DiffResult, color: bool) -> list[str]:
    lines = [_style(title(result), color, bold=True)]
    for side, r in (("改正前", result.old), ("改正後", result.new)):
        lines.append(f"{side}　{r.source or r.title}（{as_of_label(r.as_of)}、{len(r.measures)}施策）")
    filters = []
    if result.ministry_filter:
        filters.append("担当省庁 " + "、".join(result.ministry_filter))
    if result.flag_filter:
        filters.append("変更点 " + "、".join(FLAG_LABELS[f] for f in result.flag_filter))
    if filters:
        lines.append("絞り込み：" + "／".join(filters))
    return lines + [""]


def render_text(result: DiffResult, *, color: bool = False) -> str:
    """The diff for a terminal (coloured with `color`): counts, then each flagged measure."""
    lines = _head(result, color)
    changed = result.changed
    if not changed:
        lines.append(f"変更はありません（{len(result.measures)}施策を比較）。")
        return "\n".join(lines) + "\n"
    # Measures whose only finding is a stalled status are listed together at the end, unless stalled
    # measures were asked for with --only stalled.
    listed = "stalled" in result.flag_filter
    stalled_only = [e for e in changed if e.flags == ["stalled"] and not listed]
    lines.append(count_line(result))
    summary = result.summary
    lines += [f"  {_pad(FLAG_LABELS[f], LABEL_COLUMNS)}{summary[f]:>5}" for f in FLAGS if summary[f]]
    lines.append("")
    for e in changed:
        if e.flags != ["stalled"] or listed:
            lines.extend(entry_lines(e, color=color))
    if stalled_only:
        lines += ["", f"前年度と同旨のみ（実施状況が前年度の記載と{percent(result.stalled_threshold)}以上同じ）："
                  f"{len(stalled_only)}施策"]
        numbers = [measure_heading(e).removeprefix("施策") for e in stalled_only]
        lines += _wrapped(["施策" + numbers[0], *numbers[1:]])
    return "\n".join(lines) + "\n"
