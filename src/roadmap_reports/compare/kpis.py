"""Pairing and comparing the KPI items of one measure across two years: revised targets (50％ → 60％),
reworded, added and removed items."""

from __future__ import annotations

from roadmap_reports.compare.pairing import ratio
from roadmap_reports.compare.result import KpiRevision
from roadmap_reports.japanese.kpi import KpiTarget, parse_kpi
from roadmap_reports.japanese.normalize import normalize

KPI_PAIR_MIN = 0.6     # two KPI texts this similar are one KPI revised or reworded


def compare_kpis(old_kpis: list[str], new_kpis: list[str]) -> list[KpiRevision]:
    """KPI-level changes: identical (after normalisation) KPIs drop out, similar ones pair up as revised
    (target changed) or reworded; the rest are added or removed."""
    old_rest = [(i, normalize(t)) for i, t in enumerate(old_kpis)]
    new_rest = [(j, normalize(t)) for j, t in enumerate(new_kpis)]
    for j, nt in list(new_rest):
        hit = next((x for x in old_rest if x[1] == nt), None)
        if hit is not None:
            old_rest.remove(hit)
            new_rest.remove((j, nt))
    cands = []
    for i, ot in old_rest:
        for j, nt in new_rest:
            s = ratio(ot, nt)
            if s >= KPI_PAIR_MIN:
                a, b = sorted((ot, nt))
                cands.append((-s, a, b, i, j))
    cands.sort()
    paired, used_i, used_j = [], set(), set()
    for _s, _a, _b, i, j in cands:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            paired.append((i, j))
    out = []
    for i, j in paired:
        ot, nt = parse_kpi(old_kpis[i]), parse_kpi(new_kpis[j])
        kind = "revised" if ot.target != nt.target else "text_changed"
        out.append((j, 0, _revision(ot, nt, kind)))
    for j, _ in new_rest:
        if j not in used_j:
            out.append((j, 1, _revision(None, parse_kpi(new_kpis[j]), "added")))
    for i, _ in old_rest:
        if i not in used_i:
            out.append((len(new_kpis) + i, 2, _revision(parse_kpi(old_kpis[i]), None, "removed")))
    out.sort(key=lambda t: (t[0], t[1]))
    return [r for _j, _k, r in out]


def _revision(ot: KpiTarget | None, nt: KpiTarget | None, kind: str) -> KpiRevision:
    ou = ot.unit if ot else None
    nu = nt.unit if nt else None
    unit = ou if ou == nu or nu is None else nu if ou is None else f"{ou}→{nu}"
    return KpiRevision(
        old_text=ot.text if ot else None, new_text=nt.text if nt else None,
        old_value=ot.value if ot else None, new_value=nt.value if nt else None, unit=unit,
        old_deadline=ot.deadline_fy if ot else None, new_deadline=nt.deadline_fy if nt else None,
        kind=kind, old_target=ot, new_target=nt)
