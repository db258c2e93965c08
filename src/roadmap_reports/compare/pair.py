"""Everything that changed between a matched pair of measures: fields, KPI revisions, status parts
(whole, or per 【省】 tag), and the flags they raise."""

from __future__ import annotations

from roadmap_reports.compare.kpis import compare_kpis
from roadmap_reports.compare.pairing import owners
from roadmap_reports.compare.result import FLAGS, KpiRevision, MeasureDiff, StatusPart, ordered_changes
from roadmap_reports.japanese.normalize import normalize, similarity
from roadmap_reports.model import Measure, Roadmap


def _status_parts(o: Measure, n: Measure, threshold: float, stalled_enabled: bool) -> list[StatusPart]:
    if o.status_by_ministry or n.status_by_ministry:
        names = list(dict.fromkeys([*o.ministries, *n.ministries, *o.status_by_ministry, *n.status_by_ministry]))
        texts = [(name, o.status_for(name), n.status_for(name)) for name in names]
    else:
        texts = [(None, o.status, n.status)]
    parts = []
    for name, a, b in texts:
        na, nb = (a.strip(), b.strip()) if a == b else (normalize(a), normalize(b))
        if not na and not nb:
            continue  # nothing reported in either year (a repost, or a blank status)
        sim = 1.0 if na == nb else similarity(a, b)
        changed = na != nb
        stalled = stalled_enabled and bool(na) and bool(nb) and sim >= threshold
        parts.append(StatusPart(name, a, b, sim, changed, stalled))
    return parts


def _comparable(m: Measure, repost_target) -> dict:
    return {
        "initiative": normalize(m.initiative),
        "kpis": sorted(normalize(k) for k in m.kpis),
        "ministries": sorted(m.ministries),
        "status": normalize(m.status),
        "status_by_ministry": {k: normalize(v) for k, v in m.status_by_ministry.items()},
        "repost_of": repost_target,
    }


def compare_pair(old_rm: Roadmap, new_rm: Roadmap, o: Measure, n: Measure, id_map: dict[int, int], *,
                 threshold: float = 0.9, stalled_enabled: bool = True, old_by=None, new_by=None) -> MeasureDiff:
    """Everything that changed between a matched pair of measures."""
    old_by = old_rm.by_id() if old_by is None else old_by
    new_by = new_rm.by_id() if new_by is None else new_by
    flags = set()
    changes = {}
    if o.id != n.id:
        flags.add("renumbered")
        changes["id"] = {"old": o.id, "new": n.id}
    # repost_of compared through the pairing: a repost of a renumbered measure is unchanged
    old_target = None if o.repost_of is None else id_map.get(o.repost_of, ("unpaired", o.repost_of))
    same_text = (o.initiative == n.initiative and o.kpis == n.kpis and o.ministries == n.ministries
                 and o.status == n.status and o.status_by_ministry == n.status_by_ministry)
    kpi_revisions: list[KpiRevision] = []
    parts: list[StatusPart] = []
    a = b = None
    if not same_text or old_target != n.repost_of:
        a, b = _comparable(o, old_target), _comparable(n, n.repost_of)
    if a != b:
        differing = [k for k in a if a[k] != b[k]]
        # A text or number field that differs is simply changed; the lists and mappings (KPIs,
        # ministries, tagged parts) go to deepdiff, pair by pair. Lists are sorted in _comparable, so
        # order is already ignored (ignore_order would cost far more). Running deepdiff on the texts
        # too gave the same keys at 0.3 ms a pair (3 s at 10,000 measures).
        nested = [k for k in differing if isinstance(a[k], (list, dict)) and isinstance(b[k], (list, dict))]
        affected = [k for k in differing if k not in nested]
        if nested:
            dd = _deepdiff()({k: a[k] for k in nested}, {k: b[k] for k in nested})
            affected += [k for k in nested if k in dd.affected_root_keys]
        for key in affected:
            changes[key] = {"old": _original(o, key), "new": _original(n, key)}
        if "initiative" in changes:
            flags.add("initiative_changed")
        if "ministries" in changes:
            flags.add("ministry_changed")
        if "repost_of" in changes:
            flags.add("repost_changed")
        if "kpis" in changes:
            kpi_revisions = compare_kpis(o.kpis, n.kpis)
            kinds = {"revised": "kpi_revised", "text_changed": "kpi_text_changed", "added": "kpi_added",
                     "removed": "kpi_removed"}
            flags.update(kinds[r.kind] for r in kpi_revisions)
    parts = _status_parts(o, n, threshold, stalled_enabled)
    if any(p.changed and not p.stalled for p in parts):
        flags.add("status_changed")
    if any(p.stalled for p in parts):
        flags.add("stalled")
    ministries = _sorted_ministries({*owners(old_by, o), *owners(new_by, n)})
    return MeasureDiff(o.id, n.id, [f for f in FLAGS if f in flags], ministries, kpi_revisions,
                       ordered_changes(changes), min((p.similarity for p in parts), default=None),
                       old=o, new=n, status_parts=parts)


def _deepdiff():
    """deepdiff.DeepDiff, imported without its optional pandas and polars support: deepdiff imports
    pandas when it is installed (0.3 s) to hash DataFrames, which a diff of roadmaps never holds."""
    import sys

    if "deepdiff" not in sys.modules:
        blocked = [name for name in ("pandas", "polars") if name not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # makes `import pandas` raise ImportError inside deepdiff
        try:
            import deepdiff  # noqa: F401
        finally:
            for name in blocked:
                if sys.modules.get(name, 0) is None:
                    del sys.modules[name]
    from deepdiff import DeepDiff

    return DeepDiff


def _original(m: Measure, key: str):
    value = getattr(m, key)
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def _sorted_ministries(names) -> list[str]:
    from roadmap_reports.ministries import sort_key

    return sorted(names, key=sort_key)
