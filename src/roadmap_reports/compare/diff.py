"""Year-over-year comparison of two roadmaps: which measures are new, removed, renumbered, changed or
stalled, and how their KPI targets were revised.

Matching is near-linear: pairs with the same 施策番号 and the same (normalised) initiative first, then
identical initiatives under different numbers, then same-number pairs that are still similar, then the
small remainder by fuzzy similarity (rapidfuzz) with KPI and ministry as tie-breakers, and finally the
leftover same-number pairs. Field-level changes come from deepdiff run on each changed pair only.
Width (５０ vs 50), whitespace and line wrapping never count as a change (see normalize.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from roadmap_reports.errors import DatasetError
from roadmap_reports.japanese.kpi import KpiTarget, parse_kpi
from roadmap_reports.model import Measure, Roadmap
from roadmap_reports.japanese.normalize import normalize, similarity

FLAGS = ("new", "removed", "renumbered", "initiative_changed", "kpi_revised", "kpi_text_changed", "kpi_added",
         "kpi_removed", "ministry_changed", "status_changed", "stalled", "repost_changed")

# Japanese labels, for the 新旧対照表 and Markdown.
FLAG_LABELS = {
    "new": "新設", "removed": "削除", "renumbered": "番号変更", "initiative_changed": "取組の変更",
    "kpi_revised": "KPI目標の変更", "kpi_text_changed": "KPI文言の変更", "kpi_added": "KPI追加",
    "kpi_removed": "KPI削除", "ministry_changed": "担当省庁の変更", "status_changed": "実施状況の更新",
    "stalled": "実施状況が前年度とほぼ同じ", "repost_changed": "再掲先の変更",
}

SAME_ID_MIN = 0.5      # a same-number pair at least this similar is kept before fuzzy pairing
FUZZY_MIN = 0.7        # "clearly the same content" for pairing different numbers
KPI_PAIR_MIN = 0.6     # two KPI texts this similar are one KPI revised or reworded


# --- result types ------------------------------------------------------------------------------------
@dataclass
class KpiRevision:
    old_text: str | None
    new_text: str | None
    old_value: int | float | None
    new_value: int | float | None
    unit: str | None
    old_deadline: int | None
    new_deadline: int | None
    kind: str = "revised"  # revised | text_changed | added | removed (not in the JSON contract: derivable)
    old_target: KpiTarget | None = field(default=None, repr=False)
    new_target: KpiTarget | None = field(default=None, repr=False)

    def to_dict(self) -> dict:
        return {"old_text": self.old_text, "new_text": self.new_text, "old_value": self.old_value,
                "new_value": self.new_value, "unit": self.unit, "old_deadline": self.old_deadline,
                "new_deadline": self.new_deadline}


@dataclass
class StatusPart:
    """One status compared: the whole status (ministry None) or one ministry's tagged part."""

    ministry: str | None
    old: str
    new: str
    similarity: float
    changed: bool  # differs after normalisation
    stalled: bool  # similar at or above the threshold (and the fiscal years differ)


@dataclass
class MeasureDiff:
    old_id: int | None
    new_id: int | None
    flags: list[str]
    ministries: list[str]
    kpi_revisions: list[KpiRevision] = field(default_factory=list)
    changes: dict = field(default_factory=dict)
    similarity: float | None = None
    old: Measure | None = field(default=None, repr=False)
    new: Measure | None = field(default=None, repr=False)
    status_parts: list[StatusPart] = field(default_factory=list, repr=False)

    @property
    def measure(self) -> Measure:
        return self.new or self.old

    @property
    def id(self) -> int:
        return self.new_id if self.new_id is not None else self.old_id

    def to_dict(self) -> dict:
        return {"old_id": self.old_id, "new_id": self.new_id, "flags": list(self.flags),
                "ministries": list(self.ministries), "kpi_revisions": [r.to_dict() for r in self.kpi_revisions],
                "changes": {k: dict(v) for k, v in self.changes.items()}, "similarity": self.similarity}

    def view(self, ministries: set[str]) -> "MeasureDiff":
        """This entry as the given ministries see it: their own tagged status parts only."""
        parts = [p for p in self.status_parts if p.ministry is None or p.ministry in ministries]
        if parts == self.status_parts or not self.status_parts:
            return self
        flags = [f for f in self.flags if f not in ("status_changed", "stalled")]
        changes = {k: v for k, v in self.changes.items() if k not in ("status", "status_by_ministry")}
        if any(p.changed and not p.stalled for p in parts):
            flags.append("status_changed")
        if any(p.stalled for p in parts):
            flags.append("stalled")
        if len(parts) == 1 and parts[0].changed:
            changes["status"] = {"old": parts[0].old, "new": parts[0].new}
        elif any(p.changed for p in parts):
            changes["status_by_ministry"] = {"old": {p.ministry: p.old for p in parts if p.changed},
                                             "new": {p.ministry: p.new for p in parts if p.changed}}
        flags = [f for f in FLAGS if f in flags]
        return dataclasses.replace(self, flags=flags, changes=_ordered_changes(changes), status_parts=parts,
                                   similarity=min((p.similarity for p in parts), default=None))

    def status_texts(self) -> tuple[str, str]:
        """(old, new) status as shown for this entry: a single ministry's part when filtered to it."""
        if len(self.status_parts) == 1:
            return self.status_parts[0].old, self.status_parts[0].new
        return (self.old.status if self.old else ""), (self.new.status if self.new else "")


@dataclass
class DiffResult:
    old: Roadmap
    new: Roadmap
    measures: list[MeasureDiff]
    stalled_threshold: float = 0.9
    warnings: list[str] = field(default_factory=list)
    ministry_filter: list[str] = field(default_factory=list)
    flag_filter: list[str] = field(default_factory=list)

    @property
    def summary(self) -> dict:
        counts = dict.fromkeys(FLAGS, 0)
        for m in self.measures:
            for f in m.flags:
                counts[f] += 1
        return counts

    @property
    def changed(self) -> list[MeasureDiff]:
        return [m for m in self.measures if m.flags]

    @property
    def has_differences(self) -> bool:
        return any(m.flags for m in self.measures)

    def to_dict(self) -> dict:
        def side(r: Roadmap) -> dict:
            return {"title": r.title, "fiscal_year": r.fiscal_year, "as_of": r.as_of.isoformat(),
                    "schema_version": r.schema_version, "file": r.source, "measures": len(r.measures)}

        return {"old": side(self.old), "new": side(self.new), "summary": self.summary,
                "measures": [m.to_dict() for m in self.measures]}

    def filter(self, *, ministries=None, only=None) -> "DiffResult":
        """Entries of the given ministries (names, codes or aliases) and/or having any of the given flags."""
        from roadmap_reports.ministries import resolve

        entries = self.measures
        names = []
        if ministries:
            names = [resolve(x).name for x in ministries]
            selected = set(names)
            entries = [e.view(selected) for e in entries if selected & set(e.ministries)]
        flags = []
        if only:
            for f in only:
                if f not in FLAGS:
                    raise ValueError(f"unknown flag {f!r} (flags: {', '.join(FLAGS)})")
            flags = [f for f in FLAGS if f in only]
            entries = [e for e in entries if set(e.flags) & set(flags)]
        return dataclasses.replace(self, measures=entries, ministry_filter=self.ministry_filter + names,
                                   flag_filter=self.flag_filter + flags)


# --- matching -----------------------------------------------------------------------------------------
def _target(by: dict[int, Measure], m: Measure) -> Measure:
    """Like Roadmap.target, with a prepared id index (Roadmap.measure is a linear scan)."""
    return m if m.repost_of is None else by.get(m.repost_of, m)


def _owners(by: dict[int, Measure], m: Measure) -> list[str]:
    return list(_target(by, m).ministries)


def _key(by: dict[int, Measure], m: Measure) -> str:
    if m.is_repost:
        return "再掲:" + normalize(_target(by, m).initiative)
    return normalize(m.initiative)


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100.0


def match(old: Roadmap, new: Roadmap) -> list[tuple[Measure | None, Measure | None]]:
    """Pair the measures of two roadmaps (see the module docstring). Unpaired ones come with None."""
    old_by, new_by = old.by_id(), new.by_id()
    okey = {m.id: _key(old_by, m) for m in old.measures}
    nkey = {m.id: _key(new_by, m) for m in new.measures}
    pairs: dict[int, int] = {}  # old id -> new id
    taken_new: set[int] = set()

    def pair(o: int, n: int) -> None:
        pairs[o] = n
        taken_new.add(n)

    common = [i for i in old_by if i in new_by]
    # A. same number, same initiative
    for i in common:
        if okey[i] == nkey[i]:
            pair(i, i)
    # B. same initiative, another number (renumbered): a text found once on each side. Texts found more than
    # once (reposts of one measure in several sections, say) are left to D, where tie-breakers decide.
    groups_o: dict[str, list[int]] = {}
    groups_n: dict[str, list[int]] = {}
    for i, k in okey.items():
        if i not in pairs:
            groups_o.setdefault(k, []).append(i)
    for i, k in nkey.items():
        if i not in taken_new:
            groups_n.setdefault(k, []).append(i)
    for k, olds in groups_o.items():
        news = groups_n.get(k)
        if news and len(news) == 1 and len(olds) == 1:
            pair(olds[0], news[0])
    # C. same number, still similar
    for i in common:
        if i not in pairs and i not in taken_new and _ratio(okey[i], nkey[i]) >= SAME_ID_MIN:
            pair(i, i)
    # D. fuzzy pairing of the remainder
    rest_o = [i for i in okey if i not in pairs]
    rest_n = [i for i in nkey if i not in taken_new]
    if rest_o and rest_n:
        for o, n in _fuzzy_pairs(old_by, new_by, rest_o, rest_n, okey, nkey):
            pair(o, n)
    # E. leftover same-number pairs: the number is the identity, the content was rewritten
    for i in common:
        if i not in pairs and i not in taken_new:
            pair(i, i)

    # Order: the new report's order; a removed measure goes after its predecessor's partner.
    new_pos = {m.id: k for k, m in enumerate(new.measures)}
    ordered: list[tuple[float, int, Measure | None, Measure | None]] = []
    last = -1.0
    for k, m in enumerate(old.measures):
        if m.id in pairs:
            last = new_pos[pairs[m.id]]
        else:
            ordered.append((last + 0.5, k, m, None))
    inverse = {n: o for o, n in pairs.items()}
    for k, m in enumerate(new.measures):
        o = inverse.get(m.id)
        ordered.append((float(k), -1, old_by[o] if o is not None else None, m))
    ordered.sort(key=lambda t: (t[0], t[1]))
    return [(o, n) for _p, _k, o, n in ordered]


def _candidate_scores(rest_o, rest_n, okey, nkey, cutoff: float):
    """(old id, new id, similarity 0..100) of pairs at or above `cutoff`.

    Small pools: every pair (rapidfuzz cdist). Large pools: sorted neighbourhoods — both pools sorted by
    their text and by their reversed text, each measure scored against the WINDOW nearest of the other
    side in each order (a reworded measure keeps its beginning or its end). O(n log n), and the same
    candidates whichever side is OLD.
    """
    from rapidfuzz import fuzz

    if len(rest_o) * len(rest_n) <= EXHAUSTIVE_MAX:
        import numpy as np
        from rapidfuzz import process

        scores = process.cdist([okey[i] for i in rest_o], [nkey[i] for i in rest_n], scorer=fuzz.ratio,
                               score_cutoff=cutoff, dtype=np.float32, workers=-1)
        for r, c in zip(*np.nonzero(scores)):
            yield rest_o[int(r)], rest_n[int(c)], fuzz.ratio(okey[rest_o[int(r)]], nkey[rest_n[int(c)]])
        return
    import bisect

    pairs: set[tuple[int, int]] = set()
    for reverse in (False, True):
        ok = sorted(((okey[i][::-1] if reverse else okey[i]), i) for i in rest_o)
        nk = sorted(((nkey[i][::-1] if reverse else nkey[i]), i) for i in rest_n)
        okeys, nkeys = [k for k, _ in ok], [k for k, _ in nk]
        for k, i in ok:
            p = bisect.bisect_left(nkeys, k)
            pairs.update((i, j) for _k, j in nk[max(0, p - WINDOW):p + WINDOW])
        for k, j in nk:
            p = bisect.bisect_left(okeys, k)
            pairs.update((i, j) for _k, i in ok[max(0, p - WINDOW):p + WINDOW])
    for i, j in pairs:
        score = fuzz.ratio(okey[i], nkey[j], score_cutoff=cutoff)
        if score:
            yield i, j, score


EXHAUSTIVE_MAX = 250_000  # pools up to 500 × 500 measures: every pair is scored
WINDOW = 6                # neighbours on each side in each sort order, for larger pools


def _fuzzy_pairs(old_by, new_by, rest_o, rest_n, okey, nkey):
    candidates = []
    for o, n, base in _candidate_scores(rest_o, rest_n, okey, nkey, FUZZY_MIN * 100):
        om, nm = old_by[o], new_by[n]
        # tie-breakers: KPI wording, ministries, place in the report
        kpi = _ratio("".join(map(normalize, om.kpis)), "".join(map(normalize, nm.kpis)))
        so, sn = set(_owners(old_by, om)), set(_owners(new_by, nm))
        mins = len(so & sn) / len(so | sn) if so | sn else 1.0
        same_place = (om.section == nm.section) + (om.subsection == nm.subsection)
        score = base + 0.5 * kpi + 0.5 * mins + 0.1 * same_place
        # the order of ties does not depend on which roadmap is OLD (swapping mirrors the pairs)
        candidates.append((-round(score, 6), *sorted((okey[o], nkey[n])), min(o, n), max(o, n), o, n))
    candidates.sort()
    used_o, used_n = set(), set()
    for *_key, o, n in candidates:
        if o not in used_o and n not in used_n:
            used_o.add(o)
            used_n.add(n)
            yield o, n


# --- comparing one pair --------------------------------------------------------------------------------
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
            s = _ratio(ot, nt)
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


_FIELD_ORDER = ("id", "initiative", "kpis", "ministries", "status", "status_by_ministry", "repost_of")


def _ordered_changes(changes: dict) -> dict:
    return {k: changes[k] for k in sorted(changes, key=lambda k: (_FIELD_ORDER.index(k) if k in _FIELD_ORDER
                                                                   else len(_FIELD_ORDER), k))}


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
    ministries = _sorted_ministries({*_owners(old_by, o), *_owners(new_by, n)})
    return MeasureDiff(o.id, n.id, [f for f in FLAGS if f in flags], ministries, kpi_revisions,
                       _ordered_changes(changes), min((p.similarity for p in parts), default=None),
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


# --- the operation ---------------------------------------------------------------------------------------
def diff(old: Roadmap, new: Roadmap, *, stalled_threshold: float = 0.9) -> DiffResult:
    """Compare two roadmaps (OLD = the earlier year). One entry per matched or unmatched measure,
    unchanged ones included with no flags. `stalled` is only judged between different fiscal years."""
    if not 0.0 <= stalled_threshold <= 1.0:
        raise ValueError(f"stalled threshold must be between 0 and 1, not {stalled_threshold}")
    if old.schema_version != new.schema_version:
        raise DatasetError(f"schema_version {new.schema_version} differs from {old.schema_version} of "
                           f"{old.source or 'OLD'}; convert both datasets to the same schema version first",
                           file=new.source)
    warnings = []
    if (old.fiscal_year, old.as_of) > (new.fiscal_year, new.as_of):
        warnings.append(f"OLD ({old.source or 'old'}, FY{old.fiscal_year}, as of {old.as_of.isoformat()}) is later "
                        f"than NEW ({new.source or 'new'}, FY{new.fiscal_year}, as of {new.as_of.isoformat()}); "
                        "are they swapped?")
    stalled_enabled = old.fiscal_year != new.fiscal_year
    pairs = match(old, new)
    id_map = {o.id: n.id for o, n in pairs if o is not None and n is not None}
    old_by, new_by = old.by_id(), new.by_id()
    entries = []
    for o, n in pairs:
        if o is None:
            entries.append(MeasureDiff(None, n.id, ["new"], _sorted_ministries(_owners(new_by, n)), new=n))
        elif n is None:
            entries.append(MeasureDiff(o.id, None, ["removed"], _sorted_ministries(_owners(old_by, o)), old=o))
        else:
            entries.append(compare_pair(old, new, o, n, id_map, threshold=stalled_threshold,
                                        stalled_enabled=stalled_enabled, old_by=old_by, new_by=new_by))
    return DiffResult(old=old, new=new, measures=entries, stalled_threshold=stalled_threshold, warnings=warnings)


def diff_files(old_path, new_path, *, stalled_threshold: float = 0.9) -> DiffResult:
    """Load, validate and compare two dataset files."""
    from roadmap_reports.sources.dataset import load_roadmaps

    old, new = load_roadmaps([old_path, new_path])
    return diff(old, new, stalled_threshold=stalled_threshold)


# --- character-level differences of displayed text -------------------------------------------------------
Segments = list[tuple[str, bool]]  # (text as displayed, changed?)


def _char_ops(old: str, new: str):
    """Keys of both texts and the opcodes between them, with tiny coincidental matches (one or two
    characters such as 「の」 between two changes) absorbed into the change, so that a rewritten phrase is
    underlined as one stretch rather than as confetti."""
    from difflib import SequenceMatcher

    from roadmap_reports.japanese.normalize import char_keys

    ko, kn = char_keys(old or ""), char_keys(new or "")
    ops = SequenceMatcher(None, [k for k, _ in ko], [k for k, _ in kn], autojunk=False).get_opcodes()
    merged: list[list] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        island = (tag == "equal" and 0 < k < len(ops) - 1 and max(i2 - i1, j2 - j1) <= ISLAND)
        if island:
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        else:
            merged.append([tag, i1, i2, j1, j2])
    return ko, kn, [tuple(m) for m in merged]


ISLAND = 2  # an unchanged stretch this short between two changes is shown as part of the change


def char_diff(old: str, new: str) -> tuple[Segments, Segments]:
    """Character-level difference of two texts as displayed.

    The comparison ignores width and whitespace (each displayed character is compared by its NFKC form;
    whitespace and line breaks are skipped), but the segments are cut from the displayed texts, so the
    changed flags land on exactly the characters a reader sees: deleted wording on the old side, added
    wording on the new side.
    """
    ko, kn, ops = _char_ops(old, new)
    changed_old: set[int] = set()
    changed_new: set[int] = set()
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            changed_old.update(ko[i][1] for i in range(i1, i2))
            changed_new.update(kn[j][1] for j in range(j1, j2))
    return _segments(old or "", changed_old), _segments(new or "", changed_new)


def _segments(text: str, changed: set[int]) -> Segments:
    flags = [i in changed for i in range(len(text))]
    # whitespace inside a changed stretch (not a line break) is part of it
    for i, ch in enumerate(text):
        if ch.isspace() and ch not in "\r\n" and 0 < i < len(text) - 1:
            left = next((flags[k] for k in range(i - 1, -1, -1) if not text[k].isspace()), False)
            right = next((flags[k] for k in range(i + 1, len(text)) if not text[k].isspace()), False)
            flags[i] = left and right
    out: Segments = []
    for ch, f in zip(text, flags):
        if out and out[-1][1] == f:
            out[-1] = (out[-1][0] + ch, f)
        else:
            out.append((ch, f))
    return out


ABBREVIATION = "（略）"


def abbreviated_diff(old: str, new: str, *, keep: int = 8, longer_than: int = 30) -> tuple[Segments, Segments]:
    """Like `char_diff`, with every unchanged stretch longer than `longer_than` characters replaced by
    「（略）」 on both sides, keeping `keep` characters of context next to each change."""
    ops = _contiguous_opcodes(old or "", new or "")
    if all(tag == "equal" for tag, _a, _b in ops):
        return ([(ABBREVIATION, False)] if old else []), ([(ABBREVIATION, False)] if new else [])
    so: Segments = []
    sn: Segments = []
    last = len(ops) - 1
    for k, (tag, a, b) in enumerate(ops):
        if tag == "equal":
            if len(b) > longer_than:
                a = (a[:keep] if k > 0 else "") + ABBREVIATION + (a[-keep:] if k < last else "")
                b = (b[:keep] if k > 0 else "") + ABBREVIATION + (b[-keep:] if k < last else "")
            so.append((a, False))
            sn.append((b, False))
            continue
        for text, out in ((a, so), (b, sn)):
            core = text.rstrip()
            if core:
                out.append((core, True))
            if text[len(core):]:
                out.append((text[len(core):], False))
    return _merge(so), _merge(sn)


def _merge(segments: Segments) -> Segments:
    out: Segments = []
    for text, changed in segments:
        if out and out[-1][1] == changed:
            out[-1] = (out[-1][0] + text, changed)
        elif text:
            out.append((text, changed))
    return out


def _contiguous_opcodes(old: str, new: str) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) stretches that together cover both texts completely (whitespace after a
    stretch belongs to it)."""
    ko, kn, ops = _char_ops(old, new)

    def bounds(keys, text, a):
        return keys[a][1] if a < len(keys) else len(text)

    out = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        os_ = 0 if k == 0 else bounds(ko, old, i1)
        oe = len(old) if k == len(ops) - 1 else bounds(ko, old, i2)
        ns = 0 if k == 0 else bounds(kn, new, j1)
        ne = len(new) if k == len(ops) - 1 else bounds(kn, new, j2)
        out.append((tag, old[os_:oe], new[ns:ne]))
    return out


def char_opcodes(old: str, new: str) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) stretches as displayed; tag is 'equal', 'delete', 'insert' or 'replace'.

    Like `char_diff`, compares by NFKC form and ignores whitespace; texts are cut from the displayed texts.
    """
    old, new = old or "", new or ""
    ko, kn, ops = _char_ops(old, new)

    def cut(text, keys, a, b):
        if a >= b:
            return ""
        return text[keys[a][1]:keys[b - 1][1] + 1]

    return [(tag, cut(old, ko, i1, i2), cut(new, kn, j1, j2)) for tag, i1, i2, j1, j2 in ops]
