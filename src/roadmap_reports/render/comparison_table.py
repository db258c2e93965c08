"""The 新旧対照表 as data, shared by the xlsx, docx and Markdown renderers: groups of rows, each row the
old and new text of one changed measure cut into (text, underlined) segments.

By default one group holds every changed measure once, in the report's order (NEW's 施策番号, a removed
measure at its old place marked （削る）, a renumbered one at its new number with 「（旧N）」), its ministries
named in its 担当省庁; `group_by="ministry"` gives each ministry its own group (a shared measure under each,
with that ministry's own status), `group_by="section"` one group per section. A status that is only
前年度と同旨 (stalled) is no change of the text: it is listed apart (`stalled_rows`), with its similarity.

Conventions of Japanese government comparison tables: changed wording is underlined (傍線) — deleted
wording on the old side, added wording on the new side; a new measure shows 「（新設）」 on the old
side, a removed one 「（削る）」 on the new side; unchanged stretches may be abbreviated 「（略）」.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_reports.compare.diff import FLAG_LABELS, FLAGS, DiffResult, MeasureDiff, Segments, abbreviated_diff, char_diff
from roadmap_reports.japanese.calendar import year_label, years_label
from roadmap_reports.model import Measure, Roadmap
from roadmap_reports.i18n import _

NOTE = "（傍線部分は改正部分）"
NEW_MARK = "（新設）"
REMOVED_MARK = "（削る）"
SIDE_HEADINGS = {"new": "改正後", "old": "改正前"}
GROUP_BY = ("none", "ministry", "section")
STALLED_TITLE = "前年度と同旨の実施状況"
NEW_SIDES = ("left", "right")


@dataclass
class Block:
    """One labelled field of one side of a row (【具体的取組】…), cut into (text, underlined) segments."""

    label: str | None  # 【具体的取組】 etc.; None for （新設）/（削る）
    segments: Segments


@dataclass
class TableRow:
    """One changed measure: its number, its flags (the changes: never 「前年度と同旨」), and the old and new side
    as blocks."""

    number: str
    flags: list[str]
    old: list[Block]
    new: list[Block]
    entry: MeasureDiff

    @property
    def flag_labels(self) -> str:
        """The flags in Japanese, one per line (the 変更点 column)."""
        return "\n".join(FLAG_LABELS[f] for f in self.flags)


@dataclass
class TableGroup:
    """The rows under one heading (a ministry or a section)."""

    title: str
    rows: list[TableRow]


def title(result: DiffResult) -> str:
    """新旧対照表　令和４年度→令和５年度: the one title of every form of the comparison (xlsx, docx, Markdown,
    terminal), years as japanese.calendar.years_label names them."""
    return f"新旧対照表　{years_label(result.old.fiscal_year, result.new.fiscal_year)}"


def target_change(r) -> str:
    """A revised KPI target (a compare.result.KpiRevision) as a reader reads it: 「目標値 50％→60％」, with
    「期限 令和８年度→令和９年度」 (or 「期限 令和８年度」 when it stays) where a deadline is named."""
    from roadmap_reports.progress.verdicts import figure

    old_unit, _, new_unit = (r.unit or "").partition("→")
    new_unit = new_unit or old_unit

    def value(v, unit):
        return figure(v, unit) if v is not None else "なし"

    def year(fy):
        return year_label(fy) if fy is not None else "なし"

    parts = []
    if r.old_value is not None or r.new_value is not None:
        parts.append(f"目標値 {value(r.old_value, old_unit)}→{value(r.new_value, new_unit)}")
    if r.old_deadline == r.new_deadline and r.new_deadline is not None:
        parts.append(f"期限 {year(r.new_deadline)}")
    elif r.old_deadline != r.new_deadline:
        parts.append(f"期限 {year(r.old_deadline)}→{year(r.new_deadline)}")
    return "、".join(parts)


def measure_heading(entry: MeasureDiff) -> str:
    """施策1, 施策68（旧69）, 施策100（削る）: how the Markdown and the terminal name a changed measure."""
    if entry.new_id is None:
        return f"施策{entry.old_id}（{REMOVED_MARK.strip('（）')}）"
    if entry.old_id is not None and entry.old_id != entry.new_id:
        return f"施策{entry.new_id}（旧{entry.old_id}）"
    return f"施策{entry.new_id}"


def count_line(result: DiffResult) -> str:
    """102施策中89施策に該当（うち前年度と同旨のみ78施策）: the count the Markdown and the terminal lead with."""
    stalled_only = sum(1 for e in result.changed if e.flags == ["stalled"])
    return (f"{len(result.measures)}施策中{len(result.changed)}施策に該当"
            + (f"（うち前年度と同旨のみ{stalled_only}施策）" if stalled_only else ""))


def sources_line(result: DiffResult) -> str:
    """Which files were compared (file names only: a printed table should not show local folders)."""
    from pathlib import PurePath

    def name(r: Roadmap) -> str:
        return PurePath(r.source).name if r.source else r.title

    return (f"改正前 {name(result.old)}（{len(result.old.measures)}施策）　"
            f"改正後 {name(result.new)}（{len(result.new.measures)}施策）")


def side_order(new_side: str = "left") -> tuple[str, str]:
    """("new", "old") when 改正後 is on the left (the default), else ("old", "new")."""
    if new_side not in NEW_SIDES:
        raise ValueError(_("new side must be left or right, not {new_side!r}").format(new_side=new_side))
    return ("new", "old") if new_side == "left" else ("old", "new")


def side_heading(result: DiffResult, side: str) -> str:
    """The heading of one side's column: 改正後（令和５年度） or 改正前（令和４年度）."""
    fy = result.new.fiscal_year if side == "new" else result.old.fiscal_year
    return f"{SIDE_HEADINGS[side]}（{year_label(fy)}）"


def _fields(roadmap: Roadmap, m: Measure, status: str) -> list[tuple[str, str]]:
    if m.is_repost:  # named by the ministries of the measure it repeats
        from roadmap_reports.compare.pairing import owners

        return [("施策番号", str(m.id)), ("再掲", f"施策番号{m.repost_of}の再掲"),
                ("担当省庁", "、".join(owners(roadmap.by_id(), m)))]
    return [("施策番号", str(m.id)), ("具体的取組", m.initiative), ("KPI", "\n".join(m.kpis)),
            ("担当省庁", "、".join(m.ministries)), ("実施状況", status)]


def shown(entry: MeasureDiff) -> bool:
    """Rows of the table: measures with a change. A stalled-only measure has nothing to underline: it is
    listed apart (`stalled_rows`)."""
    return bool(set(entry.flags) - {"stalled"})


def changes(flags) -> list[str]:
    """The flags the 変更点 column names: all but 「前年度と同旨」, which is not a change of the text."""
    return [f for f in flags if f != "stalled"]


def table_row(result: DiffResult, entry: MeasureDiff, *, abbreviate: bool = False) -> TableRow:
    """The row of one measure: changed wording underlined, （新設）/（削る） for a new or removed one."""
    old_status, new_status = entry.status_texts()
    o, n = entry.old, entry.new
    if o is not None and n is not None and o.id != n.id:
        number = f"{n.id}\n（旧{o.id}）"
    elif n is not None:
        number = str(n.id)
    else:
        number = f"（旧{o.id}）"
    if o is None:
        new_blocks = [Block(label, [(text, True)] if text else []) for label, text in _fields(result.new, n, new_status)]
        return TableRow(number, changes(entry.flags), [Block(None, [(NEW_MARK, False)])], new_blocks, entry)
    if n is None:
        old_blocks = [Block(label, [(text, True)] if text else []) for label, text in _fields(result.old, o, old_status)]
        return TableRow(number, changes(entry.flags), old_blocks, [Block(None, [(REMOVED_MARK, False)])], entry)
    of = dict(_fields(result.old, o, old_status))
    nf = dict(_fields(result.new, n, new_status))
    labels = list(dict.fromkeys([*nf, *of]))
    old_blocks, new_blocks = [], []
    for label in labels:
        a, b = of.get(label, ""), nf.get(label, "")
        if abbreviate and label != "施策番号":
            sa, sb = abbreviated_diff(a, b)
        else:
            sa, sb = char_diff(a, b)
        old_blocks.append(Block(label, sa))
        new_blocks.append(Block(label, sb))
    return TableRow(number, changes(entry.flags), old_blocks, new_blocks, entry)


def comparison_table(result: DiffResult, *, group_by: str = "none", abbreviate: bool = False) -> list[TableGroup]:
    """Groups of rows: one untitled group in the report's order (the default), or by ministry (a shared
    measure under each of its ministries, with that ministry's own status), or by section (the new report's
    section; the old one for a removed measure)."""
    if group_by not in GROUP_BY:
        raise ValueError(_("group by must be none, ministry or section, not {group_by!r}").format(group_by=group_by))
    if group_by == "ministry":
        return _by_ministry(result, abbreviate)
    if group_by == "none":  # result.measures is in NEW's order, a removed measure after its predecessor
        rows = [table_row(result, e, abbreviate=abbreviate) for e in result.measures if shown(e)]
        return [TableGroup("", rows)] if rows else []
    order: dict[str, TableGroup] = {}
    for s in result.new.sections:
        order.setdefault(s.id, TableGroup(s.title, []))
    for s in result.old.sections:
        order.setdefault(s.id, TableGroup(s.title, []))
    for e in result.measures:
        if shown(e):
            sid = e.measure.section
            order.setdefault(sid, TableGroup(sid, [])).rows.append(table_row(result, e, abbreviate=abbreviate))
    return [g for g in order.values() if g.rows]


def _by_ministry(result: DiffResult, abbreviate: bool) -> list[TableGroup]:
    from roadmap_reports.ministries import lookup, sort_key

    names = sorted({name for e in result.measures for name in e.ministries}, key=sort_key)
    if result.ministry_filter:
        names = [x for x in names if x in result.ministry_filter]
    groups: list[TableGroup] = []
    for name in names:
        rows = [table_row(result, v, abbreviate=abbreviate)
                for v in (e.view({name}) for e in result.measures if name in e.ministries) if shown(v)]
        if rows:
            m = lookup(name)
            groups.append(TableGroup(f"{name}（{m.code}）" if m else name, rows))
    return groups


@dataclass
class StalledRow:
    """A measure whose status is 前年度と同旨: its number, the ministries whose status it is, the similarity."""

    number: str
    ministries: list[str]
    similarity: float
    entry: MeasureDiff

    @property
    def similarity_label(self) -> str:
        """「100％」, 「93％」: the similarity to last year's status, as a reader reads it."""
        return percent(self.similarity)


def percent(share: float) -> str:
    """A share 0..1 as a reader reads it: 0.93 → 「93％」."""
    return f"{share:.0%}".replace("%", "％")


STALLED_HEADINGS = ("施策番号", "担当省庁", "前年度との類似度")


def stalled_note(result: DiffResult) -> str:
    """What the list means, with the threshold: 実施状況が前年度の記載と90％以上同じ施策（変更点ではない）。"""
    return (f"実施状況が前年度の記載と{result.stalled_threshold:.0%}以上同じ施策（文言の変更ではないため新旧対照表には"
            "含めない）。").replace("%", "％")


def stalled_rows(result: DiffResult) -> list[StalledRow]:
    """Every measure whose status (or a ministry's tagged part of it) is 前年度と同旨, in the report's order."""
    out = []
    for e in result.measures:
        if "stalled" not in e.flags:
            continue
        parts = [p for p in e.status_parts if p.stalled]
        who = [p.ministry for p in parts if p.ministry] or list(e.ministries)
        sim = min((p.similarity for p in parts), default=e.similarity or 0.0)
        number = str(e.id) if e.old_id in (None, e.new_id) else f"{e.new_id}（旧{e.old_id}）"
        out.append(StalledRow(number, who, sim, e))
    return out


def summary_rows(result: DiffResult) -> tuple[list[str], list[tuple[str, list[int]]], list[int]]:
    """(flags, [(ministry, counts per flag)], totals per flag) for the summary sheet/page."""
    from roadmap_reports.ministries import sort_key

    names = sorted({name for e in result.measures for name in e.ministries}, key=sort_key)
    if result.ministry_filter:
        names = [x for x in names if x in result.ministry_filter]
    per = []
    for name in names:
        counts = dict.fromkeys(FLAGS, 0)
        for e in result.measures:
            if name in e.ministries:
                for f in e.view({name}).flags:
                    counts[f] += 1
        per.append((name, [counts[f] for f in FLAGS]))
    totals = [result.summary[f] for f in FLAGS]
    return list(FLAGS), per, totals


def plain(blocks: list[Block]) -> str:
    """The cell text of one side, without underlines."""
    return "\n".join(("【" + b.label + "】" if b.label else "") + "".join(t for t, _ in b.segments) for b in blocks)


def cell_runs(blocks: list[Block]) -> list[tuple[str, str]]:
    """(text, style) runs of one side's cell: style is 'label', 'underline' or 'plain'."""
    runs: list[tuple[str, str]] = []
    for k, b in enumerate(blocks):
        prefix = "\n" if k else ""
        if b.label:
            runs.append((prefix + "【" + b.label + "】", "label"))
        elif prefix:
            runs.append((prefix, "plain"))
        for text, changed in b.segments:
            if text:
                runs.append((text, "underline" if changed else "plain"))
    return runs


def runs_between(runs: list[tuple[str, str]], start: int, end: int) -> list[tuple[str, str]]:
    """The runs of a cell cut to the characters start..end of its text (a continuation row's part): a run
    crossing either end is cut, so an underline that spans two parts is underlined in both."""
    out, pos = [], 0
    for text, style in runs:
        a, b = max(start, pos), min(end, pos + len(text))
        if a < b:
            out.append((text[a - pos:b - pos], style))
        pos += len(text)
    return out
