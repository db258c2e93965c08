"""Pairing the measures of two years: the same 施策番号 and initiative first, then identical initiatives
under other numbers, then similar same-number pairs, then the rest by fuzzy similarity (rapidfuzz) with KPI
and ministry as tie-breakers, and finally the leftover same-number pairs. Near-linear in the measures."""

from __future__ import annotations

from roadmap_reports.japanese.normalize import normalize
from roadmap_reports.model import Measure, Roadmap

SAME_ID_MIN = 0.5      # a same-number pair at least this similar is kept before fuzzy pairing
FUZZY_MIN = 0.7        # "clearly the same content" for pairing different numbers


def _target(by: dict[int, Measure], m: Measure) -> Measure:
    """Like Roadmap.target, with a prepared id index (Roadmap.measure is a linear scan)."""
    return m if m.repost_of is None else by.get(m.repost_of, m)


def owners(by: dict[int, Measure], m: Measure) -> list[str]:
    """The ministries of a measure, or of the measure a repost repeats."""
    return list(_target(by, m).ministries)


def _key(by: dict[int, Measure], m: Measure) -> str:
    if m.is_repost:
        return "再掲:" + normalize(_target(by, m).initiative)
    return normalize(m.initiative)


def ratio(a: str, b: str) -> float:
    """Similarity of two (normalised) texts, 0 to 1 (rapidfuzz's ratio)."""
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
        if i not in pairs and i not in taken_new and ratio(okey[i], nkey[i]) >= SAME_ID_MIN:
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

    return _in_report_order(old, new, pairs, old_by)


def _in_report_order(old: Roadmap, new: Roadmap, pairs: dict[int, int], old_by) -> list:
    """The pairs in the new report's order; a removed measure goes after its predecessor's partner."""
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
        kpi = ratio("".join(map(normalize, om.kpis)), "".join(map(normalize, nm.kpis)))
        so, sn = set(owners(old_by, om)), set(owners(new_by, nm))
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
