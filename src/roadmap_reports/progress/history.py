"""Each measure's line through the years: its numbers in each year (paired as the diff pairs them, so a
renumbered measure stays one line), the years its status stalled, its KPI target revisions, and its KPI
items' actuals and verdicts (from the KPI report of all the years)."""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap_reports.compare.kpis import compare_kpis
from roadmap_reports.compare.pairing import match
from roadmap_reports.japanese.normalize import similarity
from roadmap_reports.model import Measure, Roadmap
from roadmap_reports.progress.report import ItemProgress, kpi_report

STALLED_MIN = 0.9   # as the diff's default --stalled-threshold


@dataclass
class MeasureLine:
    """One measure through the years: numbers, stalled years, KPI revisions, KPI items."""

    numbers: dict[int, int | None]            # fiscal year -> 施策番号 (None: not in that year)
    initiative: str
    ministries: list[str]
    stalled_years: list[int] = field(default_factory=list)   # years whose status is ≥ 90 % last year's
    revisions: list[dict] = field(default_factory=list)
    kpis: list[ItemProgress] = field(default_factory=list)

    @property
    def stalled_run(self) -> int:
        """The years in a row, up to the latest, the status stalled."""
        run, years = 0, sorted(self.numbers)
        for year in reversed(years[1:]):
            if year not in self.stalled_years:
                break
            run += 1
        return run

    def to_dict(self) -> dict:
        return {"numbers": {str(y): n for y, n in self.numbers.items()}, "initiative": self.initiative,
                "ministries": self.ministries, "stalled_years": self.stalled_years, "stalled_run": self.stalled_run,
                "kpi_revisions": self.revisions,
                "kpis": [{"kpi_index": p.item.kpi_index, "kpi": p.item.kpi, "type": p.item.type,
                          "target": p.item.target_dict(), "actuals": [a.to_dict() for a in p.actuals],
                          "verdict": p.verdict.verdict, "reason": p.verdict.reason} for p in self.kpis]}


@dataclass
class History:
    """Every measure's line through the years."""

    fiscal_years: list[int]
    lines: list[MeasureLine]
    sources: list[str]
    as_of: object = None

    def summary(self) -> dict:
        latest = self.fiscal_years[-1]
        return {"measures": len(self.lines),
                "in_every_year": sum(all(n is not None for n in ln.numbers.values()) for ln in self.lines),
                "renumbered": sum(len({n for n in ln.numbers.values() if n is not None}) > 1 for ln in self.lines),
                "stalled_every_year": sum(ln.stalled_run == len(self.fiscal_years) - 1 for ln in self.lines),
                "with_kpi_revision": sum(bool(ln.revisions) for ln in self.lines),
                "removed": sum(ln.numbers.get(latest) is None for ln in self.lines)}

    def to_dict(self) -> dict:
        return {"fiscal_years": self.fiscal_years, "measures": [ln.to_dict() for ln in self.lines],
                "summary": self.summary()}


def _step(line: MeasureLine, old: Measure, new: Measure, year: int) -> None:
    if old.status and similarity(old.status, new.status) >= STALLED_MIN:
        line.stalled_years.append(year)
    for rev in compare_kpis(old.kpis, new.kpis):
        if rev.kind != "text_changed":
            line.revisions.append({"fiscal_year": year, "kind": rev.kind, "old": rev.old_text, "new": rev.new_text})


def history(roadmaps: list[Roadmap], *, ministries: list[str] | None = None) -> History:
    """The lines of every measure through two or more roadmaps (any order: sorted by fiscal year)."""
    roadmaps = sorted(roadmaps, key=lambda r: (r.fiscal_year, r.as_of))
    years = [r.fiscal_year for r in roadmaps]
    first = roadmaps[0]
    lines = {m.id: MeasureLine({years[0]: m.id}, m.initiative, first.owners(m)) for m in first.measures}
    order = list(lines.values())
    for k in range(1, len(roadmaps)):
        old_rm, new_rm = roadmaps[k - 1], roadmaps[k]
        following: dict[int, MeasureLine] = {}
        for o, n in match(old_rm, new_rm):
            if n is None:
                continue
            line = lines.get(o.id) if o is not None else None
            if line is None:
                line = MeasureLine({}, n.initiative, new_rm.owners(n))
                order.append(line)
            else:
                _step(line, old_rm.target(o), new_rm.target(n), years[k])
            line.numbers[years[k]] = n.id
            line.initiative, line.ministries = n.initiative, new_rm.owners(n)
            following[n.id] = line
        lines = following
    for line in order:
        for y in years:
            line.numbers.setdefault(y, None)
        line.numbers = dict(sorted(line.numbers.items()))
    report = kpi_report(roadmaps)
    by_measure: dict[int, list[ItemProgress]] = {}
    for p in report.items:
        by_measure.setdefault(p.item.measure, []).append(p)
    for line in order:
        latest = line.numbers[years[-1]]
        line.kpis = by_measure.get(latest, []) if latest is not None else []
    if ministries:
        order = [ln for ln in order if set(ministries) & set(ln.ministries)]
    order.sort(key=lambda ln: _position(ln, years))
    return History(years, order, [r.source or "" for r in roadmaps], roadmaps[-1].as_of)


def _position(line: MeasureLine, years: list[int]) -> tuple:
    """Report order of the latest year; a removed measure after the number it last had."""
    for y in reversed(years):
        if line.numbers[y] is not None:
            return (line.numbers[y] + (0 if y == years[-1] else 0.5), -y)
    return (0, 0)
