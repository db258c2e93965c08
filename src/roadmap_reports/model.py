"""The one model: a roadmap (one fiscal year's report) of sections, subsections and measures.

Sources (PDF text, YAML/JSON, returned workbooks) produce a `Roadmap`; operations (validate, diff,
collect) and renderers (xlsx, docx, terminal, JSON) consume it. Text is kept exactly as published.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

SCHEMA_VERSION = 1
# Version 2 adds measures' `kpi_actuals` (typed actuals from the 照会 workbook). A dataset is written with the
# lowest version that holds it, so every dataset without kpi_actuals stays version 1; both are read.
SCHEMA_VERSION_ACTUALS = 2
SUPPORTED_SCHEMA_VERSIONS = (1, 2)

# Measure keys in the order they are written to YAML/JSON.
MEASURE_KEYS = ("id", "section", "subsection", "initiative", "kpis", "ministries", "status", "repost_of",
                "status_by_ministry", "kpi_proposal", "kpi_actuals")


@dataclass
class Subsection:
    id: str
    title: str


@dataclass
class Section:
    id: str
    title: str
    subsections: list[Subsection] = field(default_factory=list)


@dataclass
class Measure:
    id: int
    section: str
    subsection: str | None
    initiative: str = ""
    kpis: list[str] = field(default_factory=list)
    ministries: list[str] = field(default_factory=list)
    status: str = ""
    repost_of: int | None = None
    # Parts of `status` tagged 【省】 in the report, by canonical ministry name (empty when untagged).
    status_by_ministry: dict[str, str] = field(default_factory=dict)
    # A KPI change a ministry proposed on a returned workbook (collect); never applied silently.
    kpi_proposal: str | None = None
    # Actuals a ministry typed in the 照会 workbook's KPI実績 sheet (collect): [{kpi_index, value, unit,
    # as_of_fy, source}] (schema version 2).
    kpi_actuals: list[dict] = field(default_factory=list)

    @property
    def is_repost(self) -> bool:
        return self.repost_of is not None

    def status_for(self, ministry: str) -> str:
        """The ministry's own part of the status if it is tagged, else the whole status."""
        return self.status_by_ministry.get(ministry, self.status)

    def to_dict(self) -> dict:
        d = {
            "id": self.id,
            "section": self.section,
            "subsection": self.subsection,
            "initiative": self.initiative,
            "kpis": list(self.kpis),
            "ministries": list(self.ministries),
            "status": self.status,
            "repost_of": self.repost_of,
        }
        if self.status_by_ministry:
            d["status_by_ministry"] = dict(self.status_by_ministry)
        if self.kpi_proposal:
            d["kpi_proposal"] = self.kpi_proposal
        if self.kpi_actuals:
            d["kpi_actuals"] = [dict(a) for a in self.kpi_actuals]
        return d


@dataclass
class Roadmap:
    title: str
    fiscal_year: int
    as_of: _dt.date
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    # Where the roadmap came from and where each measure sits in that file (not serialised).
    source: str | None = field(default=None, compare=False, repr=False)
    lines: dict = field(default_factory=dict, compare=False, repr=False)
    # Positions of measures, sections and subsections by id (rebuilt when a lookup finds it stale), so
    # that lookups stay O(1) at 10,000 measures: measures_of() and owners() call them per measure.
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    # --- lookups -------------------------------------------------------------------------------
    def _positions(self, kind: str, items: list, build) -> dict:
        cached = self._index.get(kind)
        if cached is None or cached[0] is not items or cached[1] != len(items):
            cached = (items, len(items), build())
            self._index[kind] = cached
        return cached[2]

    def measure(self, measure_id: int) -> Measure | None:
        def build():
            pos: dict = {}
            for i, m in enumerate(self.measures):
                pos.setdefault(m.id, i)
            return pos

        measures = self.measures
        i = self._positions("measures", measures, build).get(measure_id)
        if i is not None and measures[i].id == measure_id:
            return measures[i]
        for m in measures:  # not indexed or changed in place: the index is stale, look it up the slow way
            if m.id == measure_id:
                self._index.pop("measures", None)
                return m
        return None

    def by_id(self) -> dict[int, Measure]:
        return {m.id: m for m in self.measures}

    def section(self, section_id: str) -> Section | None:
        def build():
            pos: dict = {}
            for i, s in enumerate(self.sections):
                pos.setdefault(s.id, i)
            return pos

        i = self._positions("sections", self.sections, build).get(section_id)
        if i is not None and self.sections[i].id == section_id:
            return self.sections[i]
        found = next((s for s in self.sections if s.id == section_id), None)
        if found is not None:  # the index was stale
            self._index.pop("sections", None)
        return found

    def subsection(self, subsection_id: str | None) -> Subsection | None:
        def build():
            pos: dict = {}
            for i, s in enumerate(self.sections):
                for j, sub in enumerate(s.subsections):
                    pos.setdefault(sub.id, (i, j))
            return pos

        if subsection_id is None:
            return None
        ij = self._positions("subsections", self.sections, build).get(subsection_id)
        if ij is not None:
            i, j = ij
            subs = self.sections[i].subsections if i < len(self.sections) else []
            if j < len(subs) and subs[j].id == subsection_id:
                return subs[j]
        for s in self.sections:
            for sub in s.subsections:
                if sub.id == subsection_id:
                    self._index.pop("subsections", None)  # the index was stale
                    return sub
        return None

    def target(self, measure: Measure) -> Measure:
        """The measure a repost (再掲) repeats, or the measure itself."""
        if measure.repost_of is None:
            return measure
        return self.measure(measure.repost_of) or measure

    def owners(self, measure: Measure) -> list[str]:
        """Ministries of a measure; for a repost, those of the measure it repeats."""
        return list(self.target(measure).ministries)

    def ministries(self) -> list[str]:
        """Every ministry named in the roadmap, in registry order."""
        from roadmap_reports.ministries import sort_key

        names = {name for m in self.measures for name in m.ministries}
        return sorted(names, key=sort_key)

    def measures_of(self, ministry: str) -> list[Measure]:
        """A ministry's extract in report order: the measures it owns or shares, and the reposts of them."""
        return [m for m in self.measures if ministry in self.owners(m)]

    def line_of(self, measure_id: int | None, field_name: str | None = None) -> int | None:
        if measure_id is None:
            return None
        return self.lines.get((measure_id, field_name)) or self.lines.get((measure_id, None))

    # --- serialisation ---------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "schema_version": max(self.schema_version,
                                  SCHEMA_VERSION_ACTUALS if any(m.kpi_actuals for m in self.measures) else 1),
            "title": self.title,
            "fiscal_year": self.fiscal_year,
            "as_of": self.as_of.isoformat(),
            "sections": [
                {"id": s.id, "title": s.title,
                 "subsections": [{"id": sub.id, "title": sub.title} for sub in s.subsections]}
                for s in self.sections
            ],
            "measures": [m.to_dict() for m in self.measures],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Roadmap":
        """Build from an already validated mapping (see dataset.load_roadmap for checked loading)."""
        as_of = data["as_of"]
        if isinstance(as_of, str):
            as_of = _dt.date.fromisoformat(as_of)
        sections = [
            Section(str(s["id"]), s["title"], [Subsection(str(x["id"]), x["title"]) for x in s.get("subsections") or []])
            for s in data.get("sections") or []
        ]
        measures = [
            Measure(
                id=m["id"], section=str(m["section"]),
                subsection=None if m.get("subsection") is None else str(m["subsection"]),
                initiative=m.get("initiative") or "", kpis=list(m.get("kpis") or []),
                ministries=list(m.get("ministries") or []), status=m.get("status") or "",
                repost_of=m.get("repost_of"), status_by_ministry=dict(m.get("status_by_ministry") or {}),
                kpi_proposal=m.get("kpi_proposal"), kpi_actuals=[dict(a) for a in m.get("kpi_actuals") or []],
            )
            for m in data.get("measures") or []
        ]
        return cls(title=data["title"], fiscal_year=data["fiscal_year"], as_of=as_of, sections=sections,
                   measures=measures, schema_version=data.get("schema_version", SCHEMA_VERSION))
