"""The report's PDF read into the one model."""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_reports.errors import IngestError, Problem
from roadmap_reports.model import Measure, Roadmap, Section, Subsection
from roadmap_reports.sources.pdf import cells
from roadmap_reports.sources.pdf.pages import open_pages
from roadmap_reports.i18n import _

RE_FURNITURE = re.compile(r"^(?P<title>.*ロードマップの実施状況)[\s\u3000]*(?P<as_of>(?:令和|平成|昭和)(?:[0-9０-９]+|元)年"
                          r"(?P<month>[0-9０-９]{1,2})月末時点)$")
RE_SECTION = re.compile(r"^[１-９]．")


@dataclass
class _Measure:
    id: int
    repost_of: int | None
    place: str
    section: str
    subsection: str | None
    # per column: (Line, right edge of the column's text on its page, page, the table row it is printed in)
    columns: list[list] = field(default_factory=lambda: [[] for _ in range(5)])


def _furniture(pages, file) -> tuple[str, int, _dt.date]:
    from roadmap_reports.japanese.calendar import parse_era_year

    m = RE_FURNITURE.match(pages[0].furniture)
    if m is None:
        raise IngestError(_("no title 「…ロードマップの実施状況」 and 「令和Ｎ年Ｍ月末時点」 above the table: 「{value}」").format(
                                value=pages[0].furniture[:40]), file=file, place="page 1")
    title = m["title"].strip()
    fiscal_year = parse_era_year(title)
    year, month = parse_era_year(m["as_of"]), int(unicodedata.normalize("NFKC", m["month"]))
    if fiscal_year is None or not 1 <= month <= 12:
        raise IngestError(_("cannot read the year of 「{title}」").format(title=title), file=file, place="page 1")
    return title, fiscal_year, _dt.date(year, month, _calendar.monthrange(year, month)[1])


def _pads(pages) -> list[float]:
    """Per column, the narrowest gap a full line leaves to the column's right rule (the cell's padding)."""
    return [min((p.bounds[k + 1] - p.right[k] for p in pages if p.right[k] is not None), default=0.0)
            for k in range(5)]


def _walk(pages, file):
    """Sections, and measures with their cells' lines, in the order printed."""
    pads = _pads(pages)
    sections: list[Section] = []
    measures: list[_Measure] = []
    for page in pages:
        rights = [page.bounds[k + 1] - pads[k] for k in range(5)]
        for row in page.rows:
            place = f"page {page.number}"
            if row.heading:
                _heading(sections, "".join(ln.text for ln in row.cells[0]), file, place)
                continue
            number = "".join(ln.text for ln in row.cells[0])
            if number:
                mid, target = cells.number_cell(number, file, place)
                if not sections:
                    raise IngestError(_("a measure before the first section heading"), file=file, place=place,
                                      measure=mid)
                sec = sections[-1]
                measures.append(_Measure(mid, target, place, sec.id, sec.subsections[-1].id if sec.subsections
                                         else None))
            elif not measures:
                raise IngestError(_("a row without 施策番号 before the first measure"), file=file, place=place)
            for k in range(1, 5):
                measures[-1].columns[k].extend((ln, rights[k], page.number, (page.number, row.top))
                                               for ln in row.cells[k])
    return sections, measures


def _heading(sections: list[Section], text: str, file, place: str) -> None:
    if RE_SECTION.match(text):
        sections.append(Section(str(len(sections) + 1), text, []))
    elif text.lstrip("\u3000 ").startswith("◎"):
        if not sections:
            raise IngestError(_("◎ heading 「{value}」 before the first section").format(value=text[:20]), file=file,
                                    place=place)
        sec = sections[-1]
        sec.subsections.append(Subsection(f"{sec.id}-{len(sec.subsections) + 1}", text))
    else:
        raise IngestError(_("a row spanning the table is neither a section 「１．…」 nor a ◎ heading: 「{value}」").format(
                                value=text[:20]), file=file, place=place)


def _pitches(raw: list[_Measure]) -> tuple[float, bool]:
    """(the usual distance between two lines of a paragraph, whether the PDF spaces paragraphs apart): the
    report's Word layout puts PARAGRAPH_SPACE_PT between paragraphs, a workbook cannot."""
    from collections import Counter

    seen: Counter = Counter()
    for x in raw:
        for col in x.columns[1:]:
            seen.update(round(b[0].top - a[0].top, 1) for a, b in zip(col, col[1:]) if a[3] == b[3])
    if not seen:
        return 0.0, False
    usual = seen.most_common(1)[0][0]
    spaced = sum(n for pitch, n in seen.items() if usual + cells.PARAGRAPH_GAP < pitch < usual + 3)
    return usual, spaced >= 0.05 * sum(seen.values())


def _decider(corrections, measure: int, used: list):
    """`decide(line, page)` for cells.join_lines: the corrections file's `wrap` entry for this full line
    (by measure, page and the line as printed), recorded in `used`; None where there is none."""
    def decide(line, page: int) -> bool | None:
        c = corrections.find_on_page(page, line.text, measure) if corrections else None
        if c is None:
            return None
        if c not in used:
            used.append(c)
        return not c.join
    return decide


def _measure(x: _Measure, names: set[str], file, pitch: tuple[float, bool], doubts: list | None = None,
             corrections=None, used: list | None = None) -> Measure:
    if x.repost_of is not None:
        if any(x.columns[1:]):
            raise IngestError(_("the 再掲 row of measure {id} has text in other columns").format(id=x.id), file=file,
                                    place=x.place,
                              measure=x.id)
        return Measure(id=x.id, section=x.section, subsection=x.subsection, repost_of=x.repost_of)
    mine: list = []
    decide = _decider(corrections, x.id, used if used is not None else [])
    initiative, kpi, status = (cells.join_lines(x.columns[k], usual=pitch[0], spaced_paragraphs=pitch[1], doubts=mine,
                                                decide=decide) for k in (1, 2, 4))
    for d in mine:
        if doubts is not None:
            doubts.append(Problem(_("cannot tell whether this full line ends a paragraph or wraps: 「{value}」 / "
                                    "「{value2}…」").format(value=d.line.text, value2=d.next_text[:12]), file=file,
                                  place=f"page {d.page}", measure=x.id, kind="wrap", options=("join", "break"),
                                  text=d.line.text))
    owners = cells.ministries([ln for ln, *_rest in x.columns[3]], names, file, x.place, x.id)
    if not initiative:
        raise IngestError(_("no 具体的取組 text"), file=file, place=x.place, measure=x.id)
    m = Measure(id=x.id, section=x.section, subsection=x.subsection, initiative=initiative,
                kpis=cells.kpi_items(kpi), ministries=owners, status=status)
    m.status_by_ministry = cells.status_parts(status, owners) if len(owners) > 1 else {}
    return m


def read_pdf(path, file=None, doubts: list | None = None, corrections=None, used: list | None = None) -> Roadmap:
    """The Roadmap printed in a report PDF (not validated: see `ingest_pdf`). Boundaries the layout leaves
    open (a full line that ends a sentence, in a PDF that does not space paragraphs) are decided by the
    `wrap` entries of `corrections` addressed by page (those applied go to `used`), the others go to
    `doubts` as `Problem`s located at the page."""
    from roadmap_reports.ministries import MINISTRIES

    path = Path(path)
    file = file or str(path)
    pages = open_pages(path, file)
    if not pages:
        raise IngestError(_("the PDF has no pages"), file=file)
    title, fiscal_year, as_of = _furniture(pages, file)
    sections, raw = _walk(pages, file)
    names = {m.name for m in MINISTRIES}
    seen: dict[int, str] = {}
    for x in raw:
        if x.id in seen:
            raise IngestError(_("施策番号 {id} appears twice (also on {value})").format(id=x.id, value=seen[x.id]),
                                    file=file, place=x.place,
                              measure=x.id)
        seen[x.id] = x.place
    pitch = _pitches(raw)
    measures = [_measure(x, names, file, pitch, doubts, corrections, used) for x in raw]
    roadmap = Roadmap(title=title, fiscal_year=fiscal_year, as_of=as_of, sections=sections, measures=measures)
    roadmap.source = file
    roadmap.lines = {(x.id, None): x.place for x in raw}
    return roadmap


def ingest_pdf(path, corrections=None):
    """Read a report PDF into the text path's IngestResult (encoding "pdf"), applying the `wrap` entries of
    `corrections` addressed by page; an entry that matches nothing in the PDF is an IngestError, as on the
    text path."""
    from roadmap_reports.sources.corrections import check_used
    from roadmap_reports.sources.ingest import IngestResult

    doubts: list = []
    used: list = []
    roadmap = read_pdf(path, doubts=doubts, corrections=corrections, used=used)
    if corrections:
        check_used(corrections, used, str(path))
    applied = [c for c in corrections or () if c in used]
    return IngestResult(None if doubts else roadmap, "pdf", doubts, applied, str(path))
