"""The one model: a roadmap (one fiscal year's report) of sections, subsections and measures.

Sources (PDF text, YAML/JSON, returned workbooks) produce a `Roadmap`; operations (validate, diff,
collect) and renderers (xlsx, docx, terminal, JSON) consume it. Text is kept exactly as published.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

SCHEMA_VERSION = 1

# Measure keys in the order they are written to YAML/JSON.
MEASURE_KEYS = ("id", "section", "subsection", "initiative", "kpis", "ministries", "status", "repost_of",
                "status_by_ministry", "kpi_proposal")


@dataclass
class Subsection:
    """A subsection (「◎…」) of a section: id ``"1-2"`` and its title as printed."""

    id: str
    title: str


@dataclass
class Section:
    """A section (「１．…」): id ``"1"``, its title as printed and its subsections in report order."""

    id: str
    title: str
    subsections: list[Subsection] = field(default_factory=list)


@dataclass
class Measure:
    """One row of the report: a 施策番号 with its 具体的取組, KPIs, 担当省庁 and 実施状況 as published.

    A repost (再掲) carries only `repost_of`, the id of the measure it repeats."""

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

    @property
    def is_repost(self) -> bool:
        """Whether the measure repeats another one (再掲)."""
        return self.repost_of is not None

    def status_for(self, ministry: str) -> str:
        """The ministry's own part of the status if it is tagged, else the whole status."""
        return self.status_by_ministry.get(ministry, self.status)

    def to_dict(self) -> dict:
        """The measure as the dataset writes it (keys in MEASURE_KEYS order, optional keys when set)."""
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
        return d


@dataclass
class LineMap:
    """Where the parts of a roadmap are in the file it was read from (1-based line numbers).

    ``top`` maps a top-level key (``title``, ``as_of``, ``sections`` …) to its line. ``measures`` maps a
    measure id to its lines: ``None`` for the item itself, a field name (``status``) for that field; an id
    that occurs twice keeps its first place. ``items`` holds the same per item in file order, so that an
    item with a duplicate or unreadable id can still be located (the schema check reports by position).
    """

    top: dict[str, int] = field(default_factory=dict)
    measures: dict[int, dict[str | None, int]] = field(default_factory=dict)
    items: list[dict[str | None, int]] = field(default_factory=list)

    def measure(self, measure_id: int | None, field_name: str | None = None) -> int | None:
        """The line of a measure's field, or of the measure itself when the field has none."""
        lines = self.measures.get(measure_id)
        if not lines:
            return None
        return lines.get(field_name) or lines.get(None)

    def item(self, index: int, field_name: str | None = None) -> int | None:
        """The line of the `index`-th measure item in the file (or of its field)."""
        if not 0 <= index < len(self.items):
            return None
        lines = self.items[index]
        return lines.get(field_name) or lines.get(None)

    def add_item(self, measure_id, line: int, fields=()) -> None:
        """Record the next measure item: its line, its id (if it is one) and its fields' lines."""
        item = {None: line, **dict(fields)}
        self.items.append(item)
        if isinstance(measure_id, int) and not isinstance(measure_id, bool):
            own = self.measures.setdefault(measure_id, {})
            for key, value in item.items():
                own.setdefault(key, value)

    def set_measure(self, measure_id: int, field_name: str | None, line: int) -> None:
        """Record the line of one measure's field (None: the measure itself)."""
        self.measures.setdefault(measure_id, {})[field_name] = line

    def get(self, key, default=None):
        """Old-style lookup by ``(measure id or None, field)`` for callers not yet moved to `measure`/`top`."""
        measure_id, field_name = key
        if measure_id is None:
            return self.top.get(field_name, default)
        lines = self.measures.get(measure_id, {})
        return lines.get(field_name, default)

    def __bool__(self) -> bool:
        return bool(self.top or self.measures or self.items)


@dataclass
class Roadmap:
    """One fiscal year's report: its title, fiscal year, as-of date, sections and measures in report order.

    `source` and `lines` say where it was read from (a dataset or the report's text), for located errors."""

    title: str
    fiscal_year: int
    as_of: _dt.date
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    # Where the roadmap came from and where each measure sits in that file (not serialised).
    source: str | None = field(default=None, compare=False, repr=False)
    lines: LineMap = field(default_factory=LineMap, compare=False, repr=False)
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
        """The (first) measure with this id, or None."""
        def build():
            """{id: position} of the measures (the first of a repeated id)."""
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
        """{id: measure} (a later duplicate id wins)."""
        return {m.id: m for m in self.measures}

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        def build():
            """{id: position} of the sections."""
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
        """The subsection with this id (in any section), or None."""
        def build():
            """{id: (section position, subsection position)} of the subsections."""
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
        """The line of a measure's field in the source file (or of the measure), None if unknown.

        With no measure, the line of a top-level key (``title``); an empty `lines` (a roadmap built in
        memory) knows no line."""
        if not self.lines:
            return None
        if measure_id is None:
            return self.lines.top.get(field_name) if field_name is not None else None
        return self.lines.measure(measure_id, field_name)

    # --- serialisation ---------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """The roadmap as the dataset writes it (the documented schema, keys in schema order)."""
        return {
            "schema_version": self.schema_version,
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
                kpi_proposal=m.get("kpi_proposal"),
            )
            for m in data.get("measures") or []
        ]
        return cls(title=data["title"], fiscal_year=data["fiscal_year"], as_of=as_of, sections=sections,
                   measures=measures, schema_version=data.get("schema_version", SCHEMA_VERSION))
