"""What a diff returns: one `MeasureDiff` per matched or unmatched measure in a `DiffResult`, with the
flags (English identifiers, the JSON contract) and their Japanese labels."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from roadmap_reports.i18n import _
from roadmap_reports.japanese.kpi import KpiTarget
from roadmap_reports.model import Measure, Roadmap

FLAGS = ("new", "removed", "renumbered", "initiative_changed", "kpi_revised", "kpi_text_changed", "kpi_added",
         "kpi_removed", "ministry_changed", "status_changed", "stalled", "repost_changed")

# The one table of Japanese labels, in the wording a ministry's 新旧対照表 uses (the JSON keeps the identifiers).
FLAG_LABELS = {
    "new": "新設", "removed": "削る", "renumbered": "番号変更", "initiative_changed": "具体的取組の変更",
    "kpi_revised": "KPI目標の改定", "kpi_text_changed": "KPIの文言修正", "kpi_added": "KPIの追加",
    "kpi_removed": "KPIの削除", "ministry_changed": "担当省庁の変更", "status_changed": "実施状況の更新",
    "stalled": "前年度と同旨", "repost_changed": "再掲先の変更",
}


_FIELD_ORDER = ("id", "initiative", "kpis", "ministries", "status", "status_by_ministry", "repost_of")


def ordered_changes(changes: dict) -> dict:
    """Changed fields in the schema's order (the JSON contract's key order)."""
    return {k: changes[k] for k in sorted(changes, key=lambda k: (_FIELD_ORDER.index(k) if k in _FIELD_ORDER
                                                                   else len(_FIELD_ORDER), k))}


@dataclass
class KpiRevision:
    """One KPI item compared across the years: revised (target changed), text_changed, added or removed."""

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
    """One measure compared: its numbers in both years, the flags raised, the changed fields and status parts."""

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
        return dataclasses.replace(self, flags=flags, changes=ordered_changes(changes), status_parts=parts,
                                   similarity=min((p.similarity for p in parts), default=None))

    def status_texts(self) -> tuple[str, str]:
        """(old, new) status as shown for this entry: a single ministry's part when filtered to it."""
        if len(self.status_parts) == 1:
            return self.status_parts[0].old, self.status_parts[0].new
        return (self.old.status if self.old else ""), (self.new.status if self.new else "")


@dataclass
class DiffResult:
    """The comparison of two roadmaps: one MeasureDiff per measure of either year, unchanged ones included."""

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
                    raise ValueError(_("unknown flag {flag!r} (flags: {flags})").format(flag=f, flags=", ".join(FLAGS)))
            flags = [f for f in FLAGS if f in only]
            entries = [e for e in entries if set(e.flags) & set(flags)]
        return dataclasses.replace(self, measures=entries, ministry_filter=self.ministry_filter + names,
                                   flag_filter=self.flag_filter + flags)
