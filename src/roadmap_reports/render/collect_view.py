"""What the collect report shows, in the order the secretariat decides on it, for every format to render:

1. 回答状況: every ministry a 照会 workbook was made for (the base's ministries), 受領・未回答・不受理, with its
   files and its counts of changes;
2. 変更内容: the changes only (conflicts, updated statuses, blanks left unfilled, KPI proposals, remarks), each
   with last year's text and the new one and the phrase spans that changed (compare.spans, as the 新旧対照表),
   the unchanged sentences between changes abbreviated 「（略）」 as a 新旧対照表 does;
   the answers unchanged from last year are counted, not listed;
3. 問題: every finding in Japanese, with its file, sheet!cell and measure.

Labels are Japanese (the report files are for the secretariat); the ids beside them are for machines (JSON).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.rounds.collect import Change, CollectResult

#: a ministry's answer → what the report calls it
STATE_LABELS = {"returned": "受領", "rejected": "不受理", "not_returned": "未回答"}
#: a change → what the report calls it, in the order the rows of one measure come
CHANGE_LABELS = {"conflict": "競合（前年度の記載を維持）", "status_updated": "実施状況の更新",
                 "left_empty": "空欄（記入なし）", "kpi_proposal": "KPI変更案", "remark": "備考"}
SEVERITY_LABELS = {"error": "不受理", "warning": "注意"}
UNKNOWN_MINISTRY = "（省庁不明）"
EMPTY_TEXT = "（空欄）"


@dataclass(frozen=True)
class ResponseRow:
    """One row of 回答状況: a ministry, whether it answered, its files and counts."""
    ministry: str
    code: str
    state: str  # returned, rejected, not_returned
    files: tuple[str, ...]
    updated: int
    left_empty: int
    kpi_proposals: int
    conflicts: int
    unchanged: int
    problems: int

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def changes(self) -> int:
        return self.updated + self.left_empty + self.kpi_proposals + self.conflicts


@dataclass(frozen=True)
class ChangeRow:
    """One row of 変更内容: a merged answer (rounds.merge.Change) and what kind of change it is."""
    kind: str  # a key of CHANGE_LABELS
    change: Change

    @property
    def measure(self) -> int:
        return self.change.measure

    @property
    def ministry(self) -> str:
        return self.change.ministry

    @property
    def file(self) -> str:
        """The file's name (a report shows no local folders)."""
        return _name(self.change.file)

    @property
    def place(self) -> str:
        return self.change.place

    @property
    def old(self) -> str:
        return self.change.old

    @property
    def new(self) -> str:
        return self.change.new

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.kind]

    def segments(self, *, abbreviate: bool = True):
        """(old segments, new segments): the phrases that changed marked True (compare.spans), and — as a
        新旧対照表 abbreviates — the whole sentences unchanged between them as 「（略）」 (compare.spans.
        abbreviated_diff): a ministry that adds a sentence to a page of last year's text shows that sentence,
        not the page twice. `abbreviate=False` keeps both texts whole."""
        from roadmap_reports.compare.spans import abbreviated_diff, char_diff

        if self.kind in ("remark", "left_empty") or not self.old:
            return [(self.old, False)], [(self.new or EMPTY_TEXT, False)]
        return (abbreviated_diff if abbreviate else char_diff)(self.old, self.new)


@dataclass(frozen=True)
class ProblemRow:
    """One row of 問題: a finding with its file, sheet!cell and measure."""
    file: str
    ministry: str
    place: str
    measure: int | None
    severity: str
    id: str
    message: str  # Japanese

    @property
    def label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)


@dataclass(frozen=True)
class CollectView:
    """What the collect report shows, in its three parts, for every format."""
    title: str
    year: str  # 令和５年度
    base_year: str
    base_title: str
    responses: list[ResponseRow]
    changes: list[ChangeRow]
    unchanged: int
    problems: list[ProblemRow]
    files: int
    accepted: int
    rejected: int


def _name(path) -> str:
    return Path(path).name


def collect_view(result: CollectResult) -> CollectView:
    """The report's three parts from a CollectResult."""
    year = year_label(result.fiscal_year)
    return CollectView(
        title=f"{year}実施状況照会 回収結果", year=year, base_year=year_label(result.base.fiscal_year),
        base_title=result.base.title, responses=response_rows(result), changes=change_rows(result),
        unchanged=len(result.unchanged), problems=problem_rows(result), files=len(result.returns),
        accepted=len(result.accepted), rejected=len(result.rejected))


def response_rows(result: CollectResult) -> list[ResponseRow]:
    """Every ministry asked, in the base's order, then files no ministry could be named for."""
    from roadmap_reports.ministries import lookup

    def count(items, name):
        return sum(1 for c in items if c.ministry == name)

    conflicting = {(c.measure, t[0]) for c in result.conflicts for t in c.texts}
    updated = [c for c in result.updated if (c.measure, c.ministry) not in conflicting]
    rows = []
    for name in result.expected:
        rets = [r for r in result.returns if result.ministry_of(r) == name]
        state = ("returned" if name in result.returned else "rejected" if rets else "not_returned")
        rets.sort(key=lambda r: r.rejected)
        m = lookup(name)
        rows.append(ResponseRow(
            name, m.code if m else "", state, tuple(_name(r.path) for r in rets), count(updated, name),
            count(result.left_empty, name), count(result.kpi_proposals, name),
            sum(1 for c in result.conflicts for t in c.texts if t[0] == name), count(result.unchanged, name),
            sum(len(r.findings) for r in rets)))
    unknown = [r for r in result.returns if result.ministry_of(r) not in result.expected]
    for r in unknown:
        rows.append(ResponseRow(UNKNOWN_MINISTRY, "", "rejected" if r.rejected else "returned", (_name(r.path),),
                                0, 0, 0, 0, 0, len(r.findings)))
    return rows


def change_rows(result: CollectResult) -> list[ChangeRow]:
    """The changes, in 施策番号 order; within a measure, conflicts first (CHANGE_LABELS' order)."""
    conflicting = {(c.measure, t[0]) for c in result.conflicts for t in c.texts}
    updated = [c for c in result.updated if (c.measure, c.ministry) not in conflicting]  # listed as conflicts
    rows = [ChangeRow(kind, c)
            for kind, items in (("status_updated", updated), ("left_empty", result.left_empty),
                                ("kpi_proposal", result.kpi_proposals), ("remark", result.remarks))
            for c in items]
    by_id = result.base.by_id()
    for conflict in result.conflicts:
        old = by_id[conflict.measure].status if conflict.measure in by_id else ""
        rows += [ChangeRow("conflict", Change(conflict.measure, m, f, p, old, t)) for m, f, p, t in conflict.texts]
    order = {k: i for i, k in enumerate(CHANGE_LABELS)}
    ministries = {name: i for i, name in enumerate(result.expected)}
    return sorted(rows, key=lambda r: (r.measure, order[r.kind], ministries.get(r.ministry, 999)))


def problem_rows(result: CollectResult) -> list[ProblemRow]:
    """Every finding of every file, in the order of the files, in Japanese."""
    rows = []
    for ret in result.returns:
        name = result.ministry_of(ret) or UNKNOWN_MINISTRY
        for f in ret.findings:
            rows.append(ProblemRow(_name(f.file or ret.path), name, f.place or "", f.measure, f.severity,
                                   f.code or f.kind, f.message_in("ja")))
    return rows
