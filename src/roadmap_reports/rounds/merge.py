"""Merging the answers of accepted returns into next year's draft dataset.

- the draft's fiscal_year is the target year, as_of the end of that fiscal year (31 March), and the
  title's year (令和４年度) is moved on to the target year (`draft_title`, through japanese.calendar);
- statuses are replaced by the returned ones; a status tagged 【省】 gets each ministry's part under
  its tag (status_by_ministry, and `status` rebuilt with the same tag lines); an untagged status
  shared by several ministries takes the one text they changed it to, and when they changed it to
  different texts that is a *conflict*: both texts are reported and last year's text is kept;
- KPI change proposals go to `kpi_proposal`, never to `kpis`;
- measures of ministries that did not return (or whose return was rejected) keep last year's text.

Comparisons (unchanged from last year, same text from two ministries) use normalize.normalize (NFKC,
whitespace removed), the same key as `diff`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from roadmap_reports.japanese.calendar import ERA_YEAR_PATTERN, era_year_to_western, year_label
from roadmap_reports.japanese.normalize import normalize  # comparison only: NFKC, whitespace removed
from roadmap_reports.ministries import lookup
from roadmap_reports.model import Measure, Roadmap
from roadmap_reports.rounds.read import Answer, Return, clean_text


@dataclass(frozen=True)
class Change:
    """One answer of one ministry for one measure, with last year's text (or the KPIs) and the new one."""

    measure: int
    ministry: str
    file: str
    place: str
    old: str
    new: str


@dataclass(frozen=True)
class Conflict:
    """Ministries sharing an untagged status wrote different texts: ((ministry, file, place, text), ...)."""

    measure: int
    texts: tuple

    def __str__(self) -> str:
        parts = "; ".join(f"{m} ({Path(f).name}:{p}): {t!r}" for m, f, p, t in self.texts)
        return f"measure {self.measure}: different texts for one untagged status, last year's text kept — {parts}"


@dataclass
class Merged:
    """What merging found, by kind (the lists of the collect report)."""

    updated: list[Change]
    left_empty: list[Change]
    unchanged: list[Change]
    conflicts: list[Conflict]
    kpi_proposals: list[Change]
    remarks: list[Change]

    @classmethod
    def empty(cls) -> "Merged":
        """Nothing merged yet."""
        return cls([], [], [], [], [], [])


# --- names and titles ---------------------------------------------------------------------------
def short_tag(ministry: str) -> str:
    """文部科学省 → 文科省: the first registry alias that is a ministry or agency name, else the name."""
    m = lookup(ministry)
    if m is None:
        return ministry
    for alias in m.aliases:
        if alias[-1:] in ("省", "庁") and len(alias) < len(m.name):
            return alias
    return m.name


def _tag_of(base_measure: Measure, ministry: str) -> str:
    """The 【tag】 this ministry's part has in the base status, else its short name."""
    for tag in re.findall(r"^【([^】\n]+)】", base_measure.status or "", flags=re.M):
        m = lookup(tag)
        if m is not None and m.name == ministry:
            return tag
    return short_tag(ministry)


_TITLE_YEAR = re.compile(ERA_YEAR_PATTERN + "度")


def draft_title(title: str, base_year: int, target_year: int) -> str:
    """The title's fiscal year (令和４年度, 令和4年度, 平成30年度) moved from the base year to the target
    year as the report prints it (令和５年度, 令和元年度); a title naming another year is kept."""
    m = _TITLE_YEAR.search(title)
    if m and era_year_to_western(m["era"], m["n"]) == base_year:
        return title[: m.start()] + year_label(target_year) + title[m.end():]
    return title


def new_draft(base: Roadmap, fiscal_year: int) -> Roadmap:
    """A copy of the base for the target year, before any answer: year, as_of (31 March), title."""
    draft = Roadmap.from_dict(base.to_dict())  # a deep copy, ten times faster than copy.deepcopy
    draft.source = None
    draft.lines = {}
    draft.fiscal_year = fiscal_year
    draft.as_of = _dt.date(fiscal_year + 1, 3, 31)
    draft.title = draft_title(base.title, base.fiscal_year, fiscal_year)
    for m in draft.measures:
        m.kpi_proposal = None
        m.kpi_actuals = []   # last year's typed actuals belong to last year
    return draft


# --- returns ------------------------------------------------------------------------------------
def resolve_duplicates(returns: list[Return]) -> None:
    """Several accepted returns for one ministry: identical answers are merged once (a warning); different
    ones reject them all."""
    by_ministry: dict[str, list[Return]] = {}
    for ret in returns:
        if ret.ministry is not None and not ret.rejected:
            by_ministry.setdefault(ret.ministry.name, []).append(ret)
    for name, rets in by_ministry.items():
        if len(rets) < 2:
            continue
        keys = {tuple((a.measure, a.status, a.kpi_proposal, a.remarks) for a in r.answers) for r in rets}
        others = ", ".join(r.path.name for r in rets)
        if len(keys) == 1:
            for r in rets[1:]:
                r.warn("duplicate_same", ministry=name, first=rets[0].path.name)
                r.answers = []
        else:
            for r in rets:
                r.error("duplicate", "duplicate_different", count=len(rets), ministry=name, files=others)
                r.answers = []


def _merge_actuals(draft: Roadmap, accepted: list[Return]) -> None:
    """Typed KPI actuals of the accepted returns into the draft's measures (schema version 2 when any)."""
    by_id = draft.by_id()
    for ret in accepted:
        for mid, entry in ret.actuals:
            if mid in by_id and entry not in by_id[mid].kpi_actuals:
                by_id[mid].kpi_actuals.append(entry)


def merge(draft: Roadmap, base: Roadmap, accepted: list[Return]) -> Merged:
    """Write the answers of the accepted returns into the draft (in place) and say what changed."""
    answers: dict[int, list[tuple[str, Return, Answer]]] = {}
    for ret in accepted:
        for a in ret.answers:
            answers.setdefault(a.measure, []).append((ret.ministry.name, ret, a))
    base_by_id = base.by_id()
    merged = Merged.empty()
    _merge_actuals(draft, accepted)
    for m in draft.measures:
        got = answers.get(m.id)
        if not got:
            continue
        bm = base_by_id[m.id]
        owners = base.owners(bm)
        got = sorted(got, key=lambda g: owners.index(g[0]) if g[0] in owners else len(owners))
        _classify(bm, got, merged)
        if bm.status_by_ministry:
            _merge_tagged(m, bm, got)
        else:
            _merge_untagged(m, bm, got, merged)
        _merge_proposals(m, bm, got, owners, merged)
    return merged


def _elsewhere(answer, key: str) -> str:
    """The sheet!cell of another editable column of an answer's first row (in the workbook's own layout)."""
    return answer.places[key]


def _classify(bm: Measure, got: list, merged: Merged) -> None:
    """Each answer as updated, left empty or unchanged from last year; and the remarks."""
    tagged = bool(bm.status_by_ministry)
    for name, ret, a in got:
        old = bm.status_for(name) if (not tagged or name in bm.status_by_ministry) else ""
        ch = Change(bm.id, name, str(ret.path), a.place, old, a.status)
        if not a.status:
            merged.left_empty.append(ch)
        elif normalize(a.status) == normalize(old):
            merged.unchanged.append(ch)
        else:
            merged.updated.append(ch)
        if a.remarks:
            merged.remarks.append(Change(bm.id, name, str(ret.path), _elsewhere(a, "remarks"), "", a.remarks))


def _as_returned(answer: str, old: str) -> str:
    """The text to store for an answer: last year's text exactly as stored when the cell came back as it
    was sent (reading a cell drops trailing whitespace and leading blank lines and makes line ends "\n",
    which must not rewrite official text nobody edited), else the answer."""
    return old if old and answer == clean_text(old) else answer


def _merge_tagged(m: Measure, bm: Measure, got: list) -> None:
    """A status tagged 【省】: each ministry's part replaced, `status` rebuilt with the same tag lines."""
    parts = dict(bm.status_by_ministry)
    for name, _ret, a in got:
        parts[name] = _as_returned(a.status, bm.status_by_ministry.get(name, ""))
    parts = {k: v for k, v in parts.items() if v}
    if parts != bm.status_by_ministry:
        m.status_by_ministry = parts
        order = list(m.ministries) + [k for k in parts if k not in m.ministries]
        m.status = "\n".join(f"【{_tag_of(bm, name)}】\n{parts[name]}" for name in order if parts.get(name))


def _merge_untagged(m: Measure, bm: Measure, got: list, merged: Merged) -> None:
    """An untagged status: the one text the ministries changed it to; different texts are a conflict."""
    changed: dict[str, list] = {}
    for name, ret, a in got:
        status = _as_returned(a.status, bm.status)
        if status != bm.status:
            changed.setdefault(normalize(status), []).append((name, str(ret.path), a.place, status))
    if len(changed) == 1:
        m.status = next(iter(changed.values()))[0][3]
    elif len(changed) > 1:
        merged.conflicts.append(Conflict(m.id, tuple(x for group in changed.values() for x in group)))


def _merge_proposals(m: Measure, bm: Measure, got: list, owners: list[str], merged: Merged) -> None:
    """KPI change proposals into `kpi_proposal` (never `kpis`); shared measures say who proposed: 【文科省】…"""
    proposals: dict[str, list] = {}
    for name, ret, a in got:
        if a.kpi_proposal:
            proposals.setdefault(normalize(a.kpi_proposal), []).append((name, a.kpi_proposal))
            merged.kpi_proposals.append(Change(m.id, name, str(ret.path), _elsewhere(a, "kpi_proposal"),
                                               "\n".join(bm.kpis), a.kpi_proposal))
    if len(proposals) == 1 and len(owners) == 1:
        m.kpi_proposal = next(iter(proposals.values()))[0][1]
    elif proposals:
        m.kpi_proposal = "\n".join(f"【{_tag_of(bm, group[0][0])}】\n{group[0][1]}" for group in proposals.values())
