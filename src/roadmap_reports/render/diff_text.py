"""The diff for a terminal: counts first, then one paragraph per changed measure, with the changed
wording marked [-deleted-]{+added+} (coloured when writing to a terminal)."""

from __future__ import annotations

from roadmap_reports.compare.diff import FLAGS, DiffResult, MeasureDiff, char_opcodes
from roadmap_reports.japanese.kpi import format_value

CONTEXT = 12  # characters of unchanged text shown around a change


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


def _target(value, unit, deadline) -> str:
    parts = []
    if value is not None:
        parts.append(f"{format_value(value)}{unit or ''}")
    if deadline is not None:
        parts.append(f"FY{deadline}")
    return " ".join(parts) or "—"


def entry_lines(e: MeasureDiff, *, color: bool = False) -> list[str]:
    """The lines of one flagged measure: its number, flags and ministries, then each change."""
    if e.old_id is not None and e.new_id is not None and e.old_id != e.new_id:
        head = f"#{e.new_id} (was #{e.old_id})"
    elif e.new_id is not None:
        head = f"#{e.new_id}"
    else:
        head = f"#{e.old_id} (old)"
    flags = ", ".join(e.flags)
    lines = [f"{_style(head, color, bold=True)}  [{_style(flags, color, fg='yellow')}]  {'、'.join(e.ministries)}"]
    if "new" in e.flags:
        lines.append(f"    new: {_short(e.new.initiative or f'再掲 {e.new.repost_of}')}")
    if "removed" in e.flags:
        lines.append(f"    removed: {_short(e.old.initiative or f'再掲 {e.old.repost_of}')}")
    if "initiative_changed" in e.flags:
        lines.append(f"    initiative: {inline_diff(e.old.initiative, e.new.initiative, color=color)}")
    for r in e.kpi_revisions:
        if r.kind == "added":
            lines.append(f"    KPI added: {_flat(r.new_text)}")
        elif r.kind == "removed":
            lines.append(f"    KPI removed: {_flat(r.old_text)}")
        else:
            line = f"    KPI {'revised' if r.kind == 'revised' else 'reworded'}: " \
                   f"{inline_diff(r.old_text, r.new_text, color=color)}"
            if r.kind == "revised":
                old_unit, _, new_unit = (r.unit or "").partition("→")
                line += (f"  ({_target(r.old_value, old_unit, r.old_deadline)} → "
                         f"{_target(r.new_value, new_unit or old_unit, r.new_deadline)})")
            lines.append(line)
    if "ministry_changed" in e.flags:
        lines.append(f"    ministries: {'、'.join(e.old.ministries)} → {'、'.join(e.new.ministries)}")
    if "repost_changed" in e.flags:
        lines.append(f"    repost of: {e.old.repost_of} → {e.new.repost_of}")
    for p in e.status_parts:
        who = f" ({p.ministry})" if p.ministry else ""
        if p.stalled:
            lines.append(f"    status{who}: stalled, similarity {p.similarity:.2f}")
        elif p.changed:
            lines.append(f"    status{who}: updated, similarity {p.similarity:.2f}")
    return lines


def render_text(result: DiffResult, *, color: bool = False) -> str:
    """The diff for a terminal (coloured with `color`): counts, then each flagged measure."""
    o, n = result.old, result.new
    lines = [f"{_style('OLD', color, bold=True)} FY{o.fiscal_year} (as of {o.as_of.isoformat()}) "
             f"{o.source or ''}: {len(o.measures)} measures",
             f"{_style('NEW', color, bold=True)} FY{n.fiscal_year} (as of {n.as_of.isoformat()}) "
             f"{n.source or ''}: {len(n.measures)} measures"]
    filters = []
    if result.ministry_filter:
        filters.append("ministry " + "、".join(result.ministry_filter))
    if result.flag_filter:
        filters.append("only " + ", ".join(result.flag_filter))
    if filters:
        lines.append("Filtered: " + "; ".join(filters))
    changed = result.changed
    lines.append("")
    if not changed:
        lines.append(f"No differences ({len(result.measures)} measures compared).")
        return "\n".join(lines) + "\n"
    lines.append(f"Summary: {len(changed)} of {len(result.measures)} measures flagged")
    summary = result.summary
    for f in FLAGS:
        if summary[f]:
            lines.append(f"  {f:<18} {summary[f]:>5}")
    lines.append("")
    # Measures whose only finding is a stalled status are listed together at the end (one line), unless
    # stalled measures were asked for with --only stalled.
    listed = "stalled" in result.flag_filter
    stalled_only = [e for e in changed if e.flags == ["stalled"] and not listed]
    for e in changed:
        if e.flags != ["stalled"] or listed:
            lines.extend(entry_lines(e, color=color))
    if stalled_only:
        lines.append("")
        lines.append(f"Stalled only (status at least {result.stalled_threshold:.0%} similar to last year's), "
                     f"{len(stalled_only)} measures:")
        import textwrap

        lines.append(textwrap.fill(", ".join(f"#{e.new_id}" for e in stalled_only), width=100,
                                   initial_indent="  ", subsequent_indent="  "))
    return "\n".join(lines) + "\n"
