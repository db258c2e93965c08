"""What a reader of a ministry's extract (or of the secretariat's overview) sees, before any rendering.

`ministry_extract(roadmap, ministry)` and `overview(roadmap)` turn the one model into views:
measures in report order with their owners, co-owners, repost targets and the ministry's own part of
a tagged status, grouped by section and subsection, plus the counts an overview needs. The renderers
(render/xlsx/extract.py, render/xlsx/overview.py, render/docx/summary.py) receive these views and only lay
them out: they never filter or parse. Years and dates are labelled by japanese/calendar.py.

Text is carried exactly as stored (official text is never re-worded); `check_texts()` refuses what no
Office file can hold (XML-forbidden characters, a cell over 32,767 characters) with the measure, the
field and the dataset line, before anything is written.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from roadmap_reports.japanese import calendar
from roadmap_reports.ministries import Ministry, lookup
from roadmap_reports.model import Measure, Roadmap, Section, Subsection

def fiscal_year_label(fiscal_year: int) -> str:
    """令和４年度（FY2022）: the fiscal year as the report prints it (japanese.calendar), and the Western year."""
    return f"{calendar.year_label(fiscal_year)}（FY{fiscal_year}）"


def as_of_label(as_of: _dt.date) -> str:
    """令和５年３月31日時点: the as-of date by the era in force that day (japanese.calendar)."""
    return f"{calendar.date_label(as_of)}時点"


@dataclass(frozen=True)
class Edition:
    """Which report a book belongs to: title, fiscal year, as-of date, and their printed labels."""

    title: str
    fiscal_year: int
    as_of: _dt.date
    source: str | None = None

    @property
    def fiscal_year_label(self) -> str:
        """令和４年度（FY2022）."""
        return fiscal_year_label(self.fiscal_year)

    @property
    def as_of_label(self) -> str:
        """令和５年３月31日時点."""
        return as_of_label(self.as_of)

    @classmethod
    def of(cls, roadmap: Roadmap) -> "Edition":
        """The edition of a roadmap."""
        return cls(roadmap.title, roadmap.fiscal_year, roadmap.as_of, roadmap.source)


@dataclass(frozen=True)
class MeasureView:
    """One measure as the reader of an extract sees it.

    For a repost (再掲), `initiative`, `kpis` and `owners` are those of the measure it repeats
    (`repost_of`), so a repost row is a reference a reader can follow, never an empty row; its
    `status` is empty: the status belongs to the repeated measure.
    """

    id: int
    section: Section
    subsection: Subsection | None
    initiative: str
    kpis: tuple[str, ...]
    owners: tuple[str, ...]
    co_owners: tuple[str, ...]  # owners other than the extract's ministry (all owners in the overview: ())
    status: str  # the ministry's own part when the status is tagged 【省】, else the whole status
    full_status: str  # the whole status as published
    repost_of: int | None = None

    @property
    def is_repost(self) -> bool:
        """The measure repeats another (再掲)."""
        return self.repost_of is not None

    @property
    def is_shared(self) -> bool:
        """More than one ministry owns the measure."""
        return len(self.owners) > 1

    @property
    def status_is_part(self) -> bool:
        """The status shown is the ministry's tagged part of a longer, shared status."""
        return self.status != self.full_status


@dataclass(frozen=True)
class SubsectionGroup:
    """Consecutive measures of one subsection (or of none)."""

    subsection: Subsection | None
    measures: tuple[MeasureView, ...]

    @property
    def title(self) -> str:
        """The subsection's heading (empty for measures without one)."""
        return self.subsection.title if self.subsection else ""


@dataclass(frozen=True)
class SectionGroup:
    """Consecutive measures of one section, by subsection."""

    section: Section
    subsections: tuple[SubsectionGroup, ...]

    @property
    def title(self) -> str:
        """The section's heading."""
        return self.section.title

    @property
    def measures(self) -> tuple[MeasureView, ...]:
        """Every measure of the section, in report order."""
        return tuple(m for sub in self.subsections for m in sub.measures)


def group(measures) -> tuple[SectionGroup, ...]:
    """Consecutive measures grouped by section, then subsection, in report order."""
    sections: list[tuple[Section, list[tuple[Subsection | None, list[MeasureView]]]]] = []
    for m in measures:
        if not sections or sections[-1][0].id != m.section.id:
            sections.append((m.section, []))
        subs = sections[-1][1]
        sub_id = m.subsection.id if m.subsection else None
        if not subs or (subs[-1][0].id if subs[-1][0] else None) != sub_id:
            subs.append((m.subsection, []))
        subs[-1][1].append(m)
    return tuple(SectionGroup(s, tuple(SubsectionGroup(sub, tuple(ms)) for sub, ms in subs)) for s, subs in sections)


@dataclass(frozen=True)
class MinistryExtract:
    """Everything one ministry receives: its measures (owned, shared, and reposts of them) in report order."""

    edition: Edition
    ministry: Ministry
    measures: tuple[MeasureView, ...]

    @property
    def sections(self) -> tuple[SectionGroup, ...]:
        """The measures grouped by section and subsection."""
        return group(self.measures)

    @property
    def own(self) -> tuple[MeasureView, ...]:
        """The measures themselves, without reposts."""
        return tuple(m for m in self.measures if not m.is_repost)

    @property
    def shared(self) -> tuple[MeasureView, ...]:
        """The ministry's measures that other ministries own too."""
        return tuple(m for m in self.own if m.is_shared)

    @property
    def reposts(self) -> tuple[MeasureView, ...]:
        """The reposts (再掲) in the extract."""
        return tuple(m for m in self.measures if m.is_repost)

    @property
    def tagged(self) -> tuple[MeasureView, ...]:
        """The measures whose status shown is the ministry's tagged part (【省】)."""
        return tuple(m for m in self.own if m.status_is_part)

    def section_counts(self) -> list[tuple[Section, int, int]]:
        """(section, measures without reposts, reposts) for each section the ministry appears in."""
        return [(g.section, sum(1 for m in g.measures if not m.is_repost), sum(1 for m in g.measures if m.is_repost))
                for g in self.sections]


@dataclass(frozen=True)
class MinistryCount:
    """How many measures a ministry owns or shares, of them shared, and its reposts."""

    ministry: Ministry
    measures: int  # measures it owns or shares (reposts not counted)
    shared: int
    reposts: int


@dataclass(frozen=True)
class SectionCount:
    """How many measures and reposts a section holds."""

    section: Section
    measures: int  # reposts not counted
    reposts: int


@dataclass(frozen=True)
class Overview:
    """The secretariat's view: every measure, and counts by ministry and by section."""

    edition: Edition
    measures: tuple[MeasureView, ...]
    by_ministry: tuple[MinistryCount, ...]
    by_section: tuple[SectionCount, ...]

    @property
    def sections(self) -> tuple[SectionGroup, ...]:
        """Every measure grouped by section and subsection."""
        return group(self.measures)


# --- building the views -------------------------------------------------------------------------
def _view(roadmap: Roadmap, m: Measure, ministry: str | None, sections, subsections) -> MeasureView:
    target = roadmap.target(m)
    owners = tuple(roadmap.owners(m))
    if m.is_repost:
        status = full = ""
    else:
        full = m.status
        status = m.status_for(ministry) if ministry else m.status
    return MeasureView(
        id=m.id,
        section=sections.get(m.section) or Section(m.section, m.section),
        subsection=subsections.get(m.subsection) if m.subsection is not None else None,
        initiative=target.initiative,
        kpis=tuple(target.kpis),
        owners=owners,
        co_owners=tuple(o for o in owners if o != ministry) if ministry else (),
        status=status,
        full_status=full,
        repost_of=m.repost_of,
    )


def _indexes(roadmap: Roadmap):
    sections = {s.id: s for s in roadmap.sections}
    subsections = {sub.id: sub for s in roadmap.sections for sub in s.subsections}
    return sections, subsections


def ministry_extract(roadmap: Roadmap, ministry: Ministry | str) -> MinistryExtract:
    """A ministry's extract: `roadmap.measures_of(name)` in report order, as views."""
    if not isinstance(ministry, Ministry):
        from roadmap_reports.ministries import resolve

        ministry = resolve(ministry)
    sections, subsections = _indexes(roadmap)
    views = tuple(_view(roadmap, m, ministry.name, sections, subsections) for m in roadmap.measures_of(ministry.name))
    return MinistryExtract(Edition.of(roadmap), ministry, views)


def ministry_extracts(roadmap: Roadmap, ministries=None) -> list[MinistryExtract]:
    """Extracts for the given ministries (default: every ministry named in the roadmap), registry order."""
    if ministries is None:
        ministries = [lookup(name) for name in roadmap.ministries()]
    return [ministry_extract(roadmap, m) for m in ministries]


def overview(roadmap: Roadmap) -> Overview:
    """The secretariat's view: every measure, with counts by ministry and by section."""
    sections, subsections = _indexes(roadmap)
    views = tuple(_view(roadmap, m, None, sections, subsections) for m in roadmap.measures)
    by_ministry = []
    for name in roadmap.ministries():
        mine = roadmap.measures_of(name)
        own = [m for m in mine if not m.is_repost]
        by_ministry.append(MinistryCount(lookup(name), len(own), sum(1 for m in own if len(m.ministries) > 1),
                                         len(mine) - len(own)))
    by_section = []
    for s in roadmap.sections:
        ms = [m for m in roadmap.measures if m.section == s.id]
        by_section.append(SectionCount(s, sum(1 for m in ms if not m.is_repost), sum(1 for m in ms if m.is_repost)))
    return Overview(Edition.of(roadmap), views, tuple(by_ministry), tuple(by_section))


# --- checking before anything is written ----------------------------------------------------------
def texts_of(roadmap: Roadmap):
    """Every text a book prints: (measure id or None, dataset field, text)."""
    yield None, "title", roadmap.title
    for s in roadmap.sections:
        yield None, "sections", s.title
        for sub in s.subsections:
            yield None, "sections", sub.title
    for m in roadmap.measures:
        yield m.id, "initiative", m.initiative
        for k in m.kpis:
            yield m.id, "kpis", k
        yield m.id, "kpis", "\n".join(m.kpis)  # the KPI cell holds every item
        yield m.id, "status", m.status
        for part in m.status_by_ministry.values():
            yield m.id, "status_by_ministry", part


def check_texts(roadmap: Roadmap) -> None:
    """Raise a located RenderError for the first text no workbook or document can hold."""
    from roadmap_reports.errors import RenderError
    from roadmap_reports.render.xlsx.common import check_text

    for measure_id, field_name, text in texts_of(roadmap):
        try:
            check_text(text, measure=measure_id, field=field_name)
        except RenderError as exc:
            exc.file = roadmap.source
            exc.line = roadmap.line_of(measure_id, field_name) if measure_id is not None else \
                roadmap.lines.get((None, field_name))
            raise
