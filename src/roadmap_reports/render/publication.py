"""What a publication (the static site and the open-data package) shows: several years of the roadmap,
the diff of each pair of consecutive years, each measure's *line* through the years, and the KPI
progress when the progress package is there.

A line is one measure followed through renumbering by the diff's pairing: FY2022's 施策68 that FY2023
numbers 69 is one line. Its address (`slug`) is the number it had in the first year it appears, so a
page keeps its address when later years renumber it; a number already taken by another line gets the
fiscal year after it (`100-2023` for a new measure 100 of FY2023 when FY2022's measure 100 was removed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap_reports.errors import UsageError
from roadmap_reports.japanese.calendar import fiscal_year_label, year_label
from roadmap_reports.model import Measure, Roadmap
from roadmap_reports.i18n import _

ILLUSTRATIVE_MARK = "【例示"  # the sample datasets' titles begin 【例示用サンプル…】; their invented text 【例示】


def is_illustrative(roadmap: Roadmap) -> bool:
    """A sample dataset (data/samples/), not official figures: its title says so."""
    return ILLUSTRATIVE_MARK in roadmap.title


@dataclass
class Year:
    """One fiscal year's roadmap as published."""

    roadmap: Roadmap
    illustrative: bool

    @property
    def fiscal_year(self) -> int:
        return self.roadmap.fiscal_year

    @property
    def label(self) -> str:
        """令和４年度（2022年度）."""
        return fiscal_year_label(self.fiscal_year, western=True)

    @property
    def short(self) -> str:
        """令和４年度."""
        return year_label(self.fiscal_year)


@dataclass
class Line:
    """One measure through the years: its number and text in each year it appears in."""

    slug: str
    measures: dict[int, Measure] = field(default_factory=dict)   # fiscal year -> measure
    diffs: dict[int, object] = field(default_factory=dict)       # fiscal year -> MeasureDiff with the year before

    @property
    def years(self) -> list[int]:
        return sorted(self.measures)

    @property
    def latest(self) -> tuple[int, Measure]:
        fy = max(self.measures)
        return fy, self.measures[fy]

    def numbers(self) -> list[tuple[int, int]]:
        """(fiscal year, measure number) in year order."""
        return [(fy, self.measures[fy].id) for fy in self.years]


@dataclass
class Publication:
    """Everything a publication shows: the years, their diffs, the lines and the KPI progress."""

    years: list[Year]
    diffs: list = field(default_factory=list)       # DiffResult of each consecutive pair, oldest first
    lines: list[Line] = field(default_factory=list)
    kpi: dict | None = None                         # issue 15's JSON contract, or None
    kpi_by_measure: dict = field(default_factory=dict)  # its items by the latest year's measure (once)
    _by_number: dict = field(default_factory=dict, repr=False)

    def year(self, fiscal_year: int) -> Year:
        return next(y for y in reversed(self.years) if y.fiscal_year == fiscal_year)

    @property
    def latest(self) -> Year:
        return self.years[-1]

    def line_of(self, fiscal_year: int, measure_id: int) -> Line | None:
        return self._by_number.get((fiscal_year, measure_id))

    def owners(self, fiscal_year: int, measure: Measure) -> list[str]:
        return self.year(fiscal_year).roadmap.owners(measure)

    def ministries(self) -> list[str]:
        """Every ministry named in any year, in registry order."""
        from roadmap_reports.ministries import sort_key

        names = {name for y in self.years for m in y.roadmap.measures for name in m.ministries}
        return sorted(names, key=sort_key)


def publication(roadmaps: list[Roadmap], *, with_kpi: bool = True, reviews=()) -> Publication:
    """Sort the roadmaps by fiscal year, diff each consecutive pair and follow each measure's line; the KPI
    progress with the review files of KPI actuals applied (a bad one raises its located DatasetError)."""
    from roadmap_reports.compare.diff import diff

    ordered = sorted(roadmaps, key=lambda r: r.fiscal_year)
    for a, b in zip(ordered, ordered[1:]):
        if a.fiscal_year == b.fiscal_year:
            raise UsageError(_("two datasets of fiscal year {fiscal_year} ({source} and {source2}); give one dataset "
                               "per year").format(fiscal_year=b.fiscal_year, source=a.source, source2=b.source),
                                                 file=b.source)
    pub = Publication(years=[Year(r, is_illustrative(r)) for r in ordered])
    taken: set[str] = set()
    for m in ordered[0].measures if ordered else []:
        _new_line(pub, taken, ordered[0].fiscal_year, m)
    for old, new in zip(ordered, ordered[1:]):
        result = diff(old, new)
        pub.diffs.append(result)
        for entry in result.measures:
            if entry.new is None:
                line = pub.line_of(old.fiscal_year, entry.old_id)
                line.diffs[new.fiscal_year] = entry
                continue
            line = pub.line_of(old.fiscal_year, entry.old_id) if entry.old is not None else None
            if line is None:
                line = _new_line(pub, taken, new.fiscal_year, entry.new)
            else:
                line.measures[new.fiscal_year] = entry.new
                pub._by_number[(new.fiscal_year, entry.new.id)] = line
            line.diffs[new.fiscal_year] = entry
    if with_kpi:
        from roadmap_reports.render.progress_seam import items_by_measure, kpi_progress

        pub.kpi = kpi_progress(ordered, reviews)
        pub.kpi_by_measure = items_by_measure(pub.kpi)
    return pub


def _new_line(pub: Publication, taken: set[str], fiscal_year: int, m: Measure) -> Line:
    slug = str(m.id)
    if slug in taken:
        slug = f"{m.id}-{fiscal_year}"
    taken.add(slug)
    line = Line(slug, {fiscal_year: m})
    pub.lines.append(line)
    pub._by_number[(fiscal_year, m.id)] = line
    return line
