"""Structure → measures: the whole ingest of one report, from its source lines to a `Roadmap`.

`parse_lines` is the seam every reader of the report uses: give it the report's `SourceLine`s (the text
reader's `split_lines`, or a PDF reader's lines) and it applies, in order, the structure pass
(structure.py), the reposts (reposts.py), the columns of each measure (fields.py) with their wraps
joined (wraps.py), and the headings (headings.py). What stays undecided is returned as located
`errors.Problem`s (kind repost, section, subsection or wrap), and then there is no roadmap.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, field

from roadmap_reports.errors import IngestError, Problem
from roadmap_reports.japanese.calendar import era_year_to_western
from roadmap_reports.model import LineMap, Measure, Roadmap
from roadmap_reports.sources.ingest.fields import Fields, fields_of, kpi_items, ministry_names, \
    split_initiative_kpi, status_parts
from roadmap_reports.sources.ingest.headings import assign, heading_starts, sections_of
from roadmap_reports.sources.ingest.layout import (COLUMN_HEADER, KPI_MAX_WIDTH, RE_AS_OF, RE_TITLE, TITLE_MARK,
                                                   is_column_header, number_value, width)
from roadmap_reports.sources.ingest.lines import SourceLine
from roadmap_reports.sources.ingest.reposts import pair_reposts
from roadmap_reports.sources.ingest.structure import Block, Structure, structure
from roadmap_reports.sources.ingest.wraps import Joiner, column_width
from roadmap_reports.i18n import _

__all__ = ["IngestResult", "parse_lines"]


@dataclass
class IngestResult:
    """What an ingest gives: the roadmap (None while anything is undecided), the source's encoding, the
    open questions (`ambiguities`, located problems) and the corrections that were applied."""

    roadmap: Roadmap | None  # None while any ambiguity is undecided
    encoding: str
    ambiguities: list[Problem] = field(default_factory=list)
    applied: list = field(default_factory=list)  # corrections.Correction
    source: str = ""

    @property
    def ok(self) -> bool:
        """Whether a roadmap was made and nothing is left to decide."""
        return self.roadmap is not None and not self.ambiguities


def _checked_structure(lines: list[SourceLine], source) -> Structure:
    """The structure, or IngestError when the lines are no roadmap status table at all."""
    not_table = _("not a roadmap status table: the column header 「{header}」 was not found").format(
        header=COLUMN_HEADER)
    if not any(ln.text for ln in lines):
        raise IngestError(_("file is empty"), file=source)
    if not any(is_column_header(ln.text) for ln in lines):
        raise IngestError(not_table, file=source)
    st = structure(lines, source)
    if st.pages == 0:
        raise IngestError(not_table, file=source)
    if not st.blocks():
        raise IngestError(_("not a roadmap status table: no 施策番号 lines found"), file=source)
    if st.title is None:
        raise IngestError(_("no title line (…{TITLE_MARK}) found").format(TITLE_MARK=TITLE_MARK), file=source)
    if st.as_of is None:
        raise IngestError(_("no 「令和…年…月末時点」 date found"), file=source)
    return st


def _dates(st: Structure) -> tuple[int, _dt.date]:
    """The fiscal year of the title (令和４年度 → 2022) and the as-of date (令和５年３月末 → 2023-03-31)."""
    title = RE_TITLE.match(st.title)
    fiscal_year = era_year_to_western(title["era"], title["n"])
    m = RE_AS_OF.match(st.as_of)
    year, month = era_year_to_western(m["era"], m["n"]), number_value(m["month"])
    return fiscal_year, _dt.date(year, month, calendar.monthrange(year, month)[1])


def _measure_fields(blocks: list[Block], source) -> tuple[dict[int, Fields], dict]:
    """Every block's columns, and the width of each (page, column) measured over the whole page."""
    names = ministry_names()
    fields = {b.id: fields_of(b, source, names) for b in blocks if b.content}
    widths: dict = {}
    for b in blocks:
        if b.id in fields:
            f = fields[b.id]
            widths.setdefault((b.page, "initiative"), []).extend(
                x for x in f.initiative if width(x.text) > KPI_MAX_WIDTH)
            widths.setdefault((b.page, "status"), []).extend(f.status)
    widths = {k: column_width(v) for k, v in widths.items()}
    for b in blocks:
        if b.id in fields:
            f = fields[b.id]
            f.initiative, f.kpi = split_initiative_kpi(f.initiative, widths[(b.page, "initiative")],
                                                       f.kpi_shares_ministry_line)
            if not f.initiative:
                raise IngestError(_("no 具体的取組 text"), file=source, line=b.line, measure=b.id)
    return fields, widths


def _measures(blocks: list[Block], repost_of: dict, fields: dict, joiner: Joiner) -> tuple[list, LineMap]:
    """The measures in text order, and the source line of each measure and field."""
    measures: list[Measure] = []
    lines = LineMap()
    for b in blocks:
        lines.set_measure(b.id, None, b.line)
        if b.id in repost_of:
            measures.append(Measure(id=b.id, section="", subsection=None, repost_of=repost_of[b.id]))
            continue
        if b.id not in fields:
            measures.append(Measure(id=b.id, section="", subsection=None))  # unresolved bare number
            continue
        f = fields[b.id]
        initiative = joiner.join(f.initiative, b.page, "initiative", b.id)
        status = joiner.join(f.status, b.page, "status", b.id) if f.status else ""
        m = Measure(id=b.id, section="", subsection=None, initiative=initiative, kpis=kpi_items(f.kpi),
                    ministries=f.ministries, status=status)
        m.status_by_ministry = status_parts(status, f.ministries) if len(f.ministries) > 1 else {}
        measures.append(m)
        lines.set_measure(b.id, "initiative", f.initiative[0].no)
        if f.kpi:
            lines.set_measure(b.id, "kpis", f.kpi[0].no)
        lines.set_measure(b.id, "ministries", f.ministry_lines[0])
        if f.status:
            lines.set_measure(b.id, "status", f.status[0].no)
    return measures, lines


def _check_numbers(measures: list[Measure], source) -> None:
    ids = [m.id for m in measures]
    missing = sorted(set(range(1, max(ids) + 1)) - set(ids))
    if missing:
        raise IngestError(_("施策番号 missing from the text: {value}").format(value=', '.join(map(str, missing))),
                                                                         file=source)


def parse_lines(lines: list[SourceLine], corrections=None, source: str = "<text>") -> IngestResult:
    """Parse the report's source lines into a Roadmap, applying `corrections` (corrections.Corrections or
    None). Raises IngestError (located) for what no correction can decide."""
    from roadmap_reports.sources.corrections import Corrections, check_used

    corrections = corrections or Corrections([])
    st = _checked_structure(lines, source)
    fiscal_year, as_of = _dates(st)
    ambiguities: list[Problem] = []
    applied: list = []
    blocks = st.blocks()
    repost_of = pair_reposts(st, corrections, ambiguities, applied, source)
    fields, widths = _measure_fields(blocks, source)
    joiner = Joiner(widths, corrections, ambiguities, source, [])
    measures, line_map = _measures(blocks, repost_of, fields, joiner)
    applied.extend(c for c in corrections if c in joiner.used)
    starts = heading_starts(st, corrections, ambiguities, applied, source)
    sections, by_level = [], None
    if not any(a.kind in ("section", "subsection") for a in ambiguities):
        sections, by_level = sections_of(starts, source)
    check_used(corrections, applied, source)
    measures.sort(key=lambda m: m.id)
    _check_numbers(measures, source)
    if not ambiguities:
        assign(measures, sections, by_level, source)
    roadmap = Roadmap(title=st.title, fiscal_year=fiscal_year, as_of=as_of, sections=sections, measures=measures)
    roadmap.source = source
    roadmap.lines = line_map
    ambiguities.sort(key=lambda a: a.line)
    # With anything undecided there is no dataset (sections are unknown): the caller lists the ambiguities.
    return IngestResult(None if ambiguities else roadmap, "utf-8", ambiguities, applied, source)
