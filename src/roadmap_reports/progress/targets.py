"""KPI items of one year's roadmap: each item's text, type, target and the actuals its measure's status reports.

A repost (再掲) carries no items of its own: its KPIs are those of the measure it repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap_reports.japanese.kpi import KpiTarget, kpi_types, parse_kpi
from roadmap_reports.model import Roadmap
from roadmap_reports.progress.actuals import Actual, extract

# Comparators as the JSON contract writes them.
COMPARATOR_CODES = {"以上": ">=", "以下": "<=", "超": ">", "未満": "<", "以内": "<=", "増加": "increase",
                    "減少": "decrease"}


@dataclass
class KpiItem:
    """One KPI item of one measure in one fiscal year."""

    fiscal_year: int
    measure: int
    kpi_index: int
    kpi: str
    ministries: list[str]
    type: str
    target: KpiTarget
    status: str
    actuals: list[Actual] = field(default_factory=list)
    unmatched: int = 0          # figures of a compatible unit in the status that no item took (per measure)

    @property
    def key(self) -> tuple[int, int]:
        return (self.measure, self.kpi_index)

    @property
    def has_numeric_target(self) -> bool:
        return self.target.value is not None

    def target_dict(self) -> dict:
        t = self.target
        comparator = COMPARATOR_CODES.get(t.comparator or "", "=" if t.value is not None else None)
        return {"value": t.value, "unit": t.unit, "comparator": comparator, "deadline_fy": t.deadline_fy,
                "baseline": t.baseline}


def items_of(roadmap: Roadmap, ministries: list[str] | None = None) -> list[KpiItem]:
    """Every KPI item of a roadmap's own measures (not reposts), in report order, with extracted actuals.

    `ministries` (canonical names) keeps the measures of those ministries only."""
    wanted = set(ministries) if ministries else None
    out = []
    for m in roadmap.measures:
        if m.is_repost or not m.kpis or (wanted and not wanted & set(m.ministries)):
            continue
        out.extend(measure_items(roadmap.fiscal_year, m.id, list(m.kpis), m.status, list(m.ministries),
                                 m.kpi_actuals))
    return out


def measure_items(fiscal_year: int, measure: int, kpis: list[str], status: str, ministries: list[str],
                  typed: list[dict] = ()) -> list[KpiItem]:
    """The KPI items of one measure, with the actuals extracted from its (whole) status and those the
    ministry typed in the 照会 workbook (`typed`: the measure's kpi_actuals, source ``workbook``)."""
    targets = [parse_kpi(k) for k in kpis]
    found = extract(kpis, status, fiscal_year, targets)
    for a in typed or ():
        if 0 <= a["kpi_index"] < len(kpis):
            found.actuals[a["kpi_index"]].append(Actual(a["value"], "%" if a["unit"] in ("%", "％") else a["unit"],
                                                        a["as_of_fy"], "", False, None, "workbook", a.get("source")))
    unmatched = len(found.unmatched) + len(found.ambiguous)
    return [KpiItem(fiscal_year, measure, i, text, ministries, kind, target, status, list(found.actuals[i]), unmatched)
            for i, (text, kind, target) in enumerate(zip(kpis, kpi_types(kpis), targets))]
