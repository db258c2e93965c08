"""Year-over-year comparison of two roadmaps: which measures are new, removed, renumbered, changed or
stalled, and how their KPI targets were revised.

Matching is near-linear: pairs with the same 施策番号 and the same (normalised) initiative first, then
identical initiatives under different numbers, then same-number pairs that are still similar, then the
small remainder by fuzzy similarity (rapidfuzz) with KPI and ministry as tie-breakers, and finally the
leftover same-number pairs. Field-level changes come from deepdiff run on each changed pair only.
Width (５０ vs 50), whitespace and line wrapping never count as a change (see normalize.py).
"""


from __future__ import annotations

from roadmap_reports.compare.pair import _sorted_ministries, compare_pair
from roadmap_reports.compare.pairing import EXHAUSTIVE_MAX, WINDOW, match, owners  # noqa: F401
from roadmap_reports.compare.result import (FLAG_LABELS, FLAGS, DiffResult, KpiRevision,  # noqa: F401
                                            MeasureDiff, StatusPart)
from roadmap_reports.compare.spans import (Segments, abbreviated_diff, char_diff,  # noqa: F401
                                           char_opcodes)
from roadmap_reports.errors import DatasetError
from roadmap_reports.i18n import _
from roadmap_reports.model import SUPPORTED_SCHEMA_VERSIONS, Roadmap


def diff(old: Roadmap, new: Roadmap, *, stalled_threshold: float = 0.9) -> DiffResult:
    """Compare two roadmaps (OLD = the earlier year). One entry per matched or unmatched measure,
    unchanged ones included with no flags. `stalled` is only judged between different fiscal years."""
    if not 0.0 <= stalled_threshold <= 1.0:
        raise ValueError(_("stalled threshold must be between 0 and 1, not {value}").format(value=stalled_threshold))
    for r in (old, new):  # version 2 only adds kpi_actuals: a version 1 year compares with a version 2 draft
        if r.schema_version not in SUPPORTED_SCHEMA_VERSIONS:
            raise DatasetError(_("schema_version {version} is not one this version reads ({supported})").format(
                version=r.schema_version, supported=", ".join(map(str, SUPPORTED_SCHEMA_VERSIONS))), file=r.source)
    warnings = []
    if (old.fiscal_year, old.as_of) > (new.fiscal_year, new.as_of):
        warnings.append(_("OLD ({old}, FY{old_year}, as of {old_date}) is later than NEW ({new}, FY{new_year}, "
                          "as of {new_date}); are they swapped?").format(
            old=old.source or "old", old_year=old.fiscal_year, old_date=old.as_of.isoformat(),
            new=new.source or "new", new_year=new.fiscal_year, new_date=new.as_of.isoformat()))
    stalled_enabled = old.fiscal_year != new.fiscal_year
    pairs = match(old, new)
    id_map = {o.id: n.id for o, n in pairs if o is not None and n is not None}
    old_by, new_by = old.by_id(), new.by_id()
    entries = []
    for o, n in pairs:
        if o is None:
            entries.append(MeasureDiff(None, n.id, ["new"], _sorted_ministries(owners(new_by, n)), new=n))
        elif n is None:
            entries.append(MeasureDiff(o.id, None, ["removed"], _sorted_ministries(owners(old_by, o)), old=o))
        else:
            entries.append(compare_pair(old, new, o, n, id_map, threshold=stalled_threshold,
                                        stalled_enabled=stalled_enabled, old_by=old_by, new_by=new_by))
    return DiffResult(old=old, new=new, measures=entries, stalled_threshold=stalled_threshold, warnings=warnings)


def diff_files(old_path, new_path, *, stalled_threshold: float = 0.9) -> DiffResult:
    """Load, validate and compare two dataset files."""
    from roadmap_reports.sources.dataset import load_roadmaps

    old, new = load_roadmaps([old_path, new_path])
    return diff(old, new, stalled_threshold=stalled_threshold)
