"""The KPI progress report over one or more fiscal years: each KPI item of the latest year with its target,
its actuals through the years, its verdict and the reason.

Years are paired as the diff pairs them (compare.pairing.match), so a renumbered measure keeps its series;
within a measure, KPI items pair when their texts are equal after normalisation, else when they are at
least KPI_PAIR_MIN similar (a reworded or revised item). An item of the latest year without a partner in
the year before, while an item of that year went, is a replacement; a changed target is a revision.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap_reports.japanese.calendar import year_label
from roadmap_reports.japanese.kpi import KPI_TYPE_LABELS, KPI_TYPES
from roadmap_reports.japanese.normalize import normalize, similarity
from roadmap_reports.model import Roadmap
from roadmap_reports.progress.actuals import Actual
from roadmap_reports.progress.review import Review, apply_review
from roadmap_reports.progress.targets import KpiItem, items_of, measure_items
from roadmap_reports.progress.verdicts import VERDICTS, Verdict, judge, target_words

KPI_PAIR_MIN = 0.6


@dataclass
class ItemProgress:
    """One KPI item of the latest year, with its earlier years (oldest first) and its verdict."""

    item: KpiItem
    earlier: list[KpiItem]
    actuals: list[Actual]
    verdict: Verdict
    revision: str | None = None

    def to_dict(self) -> dict:
        i = self.item
        return {"measure": i.measure, "kpi_index": i.kpi_index, "kpi": i.kpi, "ministries": list(i.ministries),
                "type": i.type, "target": i.target_dict(),
                "actuals": [a.to_dict() for a in self.actuals],
                "verdict": self.verdict.verdict, "verdict_label": self.verdict.label, "reason": self.verdict.reason,
                "revision": self.revision,
                "earlier": [{"fiscal_year": e.fiscal_year, "measure": e.measure, "kpi_index": e.kpi_index,
                             "kpi": e.kpi, "target": e.target_dict()} for e in self.earlier]}


@dataclass
class KpiReport:
    """The KPI report: the latest year's items with their verdicts, the reviews applied, the counts."""

    fiscal_years: list[int]
    items: list[ItemProgress]
    reviews: list[Review] = field(default_factory=list)
    unmatched_figures: int = 0
    sources: list[str] = field(default_factory=list)
    as_of: object = None   # the latest dataset's as-of date (fixes the workbook's timestamps)

    def summary(self) -> dict:
        items = self.items
        return {
            "items": len(items),
            "measures": len({p.item.measure for p in items}),
            "by_type": {t: sum(p.item.type == t for p in items) for t in KPI_TYPES},
            "with_numeric_target": sum(p.item.has_numeric_target for p in items),
            "with_actual": sum(bool(p.actuals) for p in items),
            "actuals": sum(len(p.actuals) for p in items),
            "by_verdict": {v: sum(p.verdict.verdict == v for p in items) for v in VERDICTS},
            "unknown_no_target": sum(p.verdict.verdict == "unknown" and not p.item.has_numeric_target for p in items),
            "unknown_no_actual": sum(p.verdict.verdict == "unknown" and p.item.has_numeric_target for p in items),
            "figures_left_unmatched": self.unmatched_figures,
            "reviews": [{"file": r.path, "fiscal_year": r.fiscal_year, **r.counts()} for r in self.reviews],
        }

    def to_dict(self) -> dict:
        return {"fiscal_years": self.fiscal_years, "items": [p.to_dict() for p in self.items],
                "summary": self.summary(),
                "overrides": [o for r in self.reviews for o in r.applied if o["action"] != "confirm"]}


def pair_items(old: list[KpiItem], new: list[KpiItem]) -> dict[int, int]:
    """KPI items of one measure in two years: new index -> old index (equal texts, else similar ones)."""
    pairs: dict[int, int] = {}
    olds = {o.kpi_index: normalize(o.kpi) for o in old}
    for n in new:
        hit = next((i for i, t in olds.items() if t == normalize(n.kpi) and i not in pairs.values()), None)
        if hit is not None:
            pairs[n.kpi_index] = hit
    cands = sorted(((-similarity(o.kpi, n.kpi), n.kpi_index, o.kpi_index) for n in new for o in old
                    if n.kpi_index not in pairs and o.kpi_index not in pairs.values()))
    for score, j, i in cands:
        if -score >= KPI_PAIR_MIN and j not in pairs and i not in pairs.values():
            pairs[j] = i
    return pairs


def _revision(item: KpiItem, before: KpiItem | None, replaced: list[KpiItem], fy_old: int) -> str | None:
    span = f"{year_label(fy_old)}から{year_label(item.fiscal_year)}の間に"
    if before is not None and before.target.target != item.target.target and item.has_numeric_target:
        old = target_words(before.target) if before.has_numeric_target else "数値なし"
        return f"{span}目標が{old}から{target_words(item.target)}に変更された"
    if before is None and replaced:
        return f"{span}KPI「{replaced[0].kpi}」がこの項目に置き換えられた"
    return None


def _chains(roadmaps: list[Roadmap], per_year: list[list[KpiItem]]) -> dict:
    """For each item of the latest year: its partners in earlier years (oldest first) and its revision."""
    from roadmap_reports.compare.pairing import match

    chains = {i.key: ([], None) for i in per_year[-1]}
    current = {i.key: i.key for i in per_year[-1]}   # latest key -> key in the year being paired
    for k in range(len(roadmaps) - 1, 0, -1):
        old_rm, new_rm = roadmaps[k - 1], roadmaps[k]
        ids = {n.id: o.id for o, n in match(old_rm, new_rm) if o is not None and n is not None}
        old_by = _by_measure(per_year[k - 1])
        new_by = _by_measure(per_year[k])
        for latest_key, key in list(current.items()):
            if key is None:
                continue
            old_items = old_by.get(ids.get(key[0]), [])
            pairs = pair_items(old_items, new_by.get(key[0], []))
            earlier, revision = chains[latest_key]
            j = pairs.get(key[1])
            before = next((o for o in old_items if o.kpi_index == j), None)
            replaced = [o for o in old_items if o.kpi_index not in pairs.values()]
            this = next(i for i in new_by[key[0]] if i.kpi_index == key[1])
            revision = revision or _revision(this, before, replaced, old_rm.fiscal_year)
            if before is not None:
                earlier.insert(0, before)
            chains[latest_key] = (earlier, revision)
            current[latest_key] = before.key if before is not None else None
    return chains


def _by_measure(items: list[KpiItem]) -> dict[int, list[KpiItem]]:
    out: dict[int, list[KpiItem]] = {}
    for i in items:
        out.setdefault(i.measure, []).append(i)
    return out


def _series(chain: list[KpiItem]) -> list[Actual]:
    """Actuals of an item through the years: one per (value, unit, fiscal year), the latest report's wins."""
    seen: dict[tuple, Actual] = {}
    quotes: set[str] = set()
    for item in chain:
        for a in item.actuals:
            if a.quote and a.quote in quotes and a.as_of_assumed:
                continue  # the same sentence carried over from an earlier report: that year's figure
            quotes.add(a.quote)
            seen[(a.value, a.unit, a.as_of_fy)] = a
    return sorted(seen.values(), key=lambda a: a.as_of_fy)


def kpi_report(roadmaps: list[Roadmap], *, reviews: list[Review] = (), ministries: list[str] | None = None) \
        -> KpiReport:
    """The KPI report of one or more roadmaps (any order: they are sorted by fiscal year)."""
    roadmaps = sorted(roadmaps, key=lambda r: (r.fiscal_year, r.as_of))
    per_year = [items_of(r) for r in roadmaps]
    for review in reviews:
        year = next((items for r, items in zip(roadmaps, per_year) if r.fiscal_year == review.fiscal_year), None)
        if year is not None:
            apply_review(review, year)
    chains = _chains(roadmaps, per_year)
    wanted = set(ministries) if ministries else None
    out = []
    for item in per_year[-1]:
        if wanted and not wanted & set(item.ministries):
            continue
        earlier, revision = chains[item.key]
        actuals = _series(earlier + [item])
        verdict = judge(item.target, actuals, revision=revision, type_label=KPI_TYPE_LABELS[item.type])
        out.append(ItemProgress(item, earlier, actuals, verdict, revision))
    unmatched = sum(i.unmatched for i in per_year[-1] if i.kpi_index == 0 and (not wanted or wanted & set(i.ministries)))
    return KpiReport([r.fiscal_year for r in roadmaps], out, list(reviews), unmatched,
                     [r.source or "" for r in roadmaps], roadmaps[-1].as_of)


def extract_progress(extract) -> list[ItemProgress]:
    """The KPI items of a ministry extract (views.MinistryExtract) with their verdicts, one year, no review:
    the KPI section of the ministry's workbook and Word summary (the same facts as `roadmap-reports kpi`)."""
    fy = extract.edition.fiscal_year
    out = []
    for m in extract.own:
        for item in measure_items(fy, m.id, list(m.kpis), m.full_status, list(m.owners)):
            verdict = judge(item.target, item.actuals, type_label=KPI_TYPE_LABELS[item.type])
            out.append(ItemProgress(item, [], list(item.actuals), verdict))
    return out
