"""Headings → sections: which measure each section and subsection heading starts, and the assignment of
every measure to its section and subsection.

施策番号 run in report order through the whole table, so every section and subsection is a contiguous
range of numbers and only its first measure has to be known. A heading is unambiguous when it opens its
page's measures and the next number follows it in order; otherwise a `section`/`subsection` correction
decides, or the heading is reported.
"""

from __future__ import annotations

from roadmap_reports.errors import IngestError, Problem
from roadmap_reports.model import Measure, Section, Subsection
from roadmap_reports.sources.ingest.structure import Block, Heading, Structure
from roadmap_reports.i18n import _

__all__ = ["heading_starts", "sections_of", "assign"]


def _obvious_start(order: list, idx: int) -> Block | None:
    """The block heading `order[idx]` starts when the layout leaves no doubt, else None.

    Unambiguous only when the heading opens its page's measures and the next number follows it on the
    same page in order; a heading printed at the top of a page is often extracted last."""
    h = order[idx]
    before = [e.id for e in order[:idx] if isinstance(e, Block)]
    after = [e.id for e in order[idx + 1:] if isinstance(e, Block)]
    nxt = next((e for e in order[idx + 1:] if isinstance(e, Block)), None)
    first_on_page = not any(isinstance(e, Block) and e.page == h.page for e in order[:idx])
    if (nxt is not None and nxt.page == h.page and first_on_page and all(i < nxt.id for i in before)
            and all(i >= nxt.id for i in after)):
        return nxt
    return None


def heading_starts(st: Structure, corrections, ambiguities: list, applied: list, source) -> list:
    """[(heading, first measure id)] of every heading decided by the layout or a correction."""
    order = [e for e in st.elements if isinstance(e, (Heading, Block))]
    all_ids = {e.id for e in order if isinstance(e, Block)}
    starts: list[tuple[Heading, int]] = []
    for idx, h in enumerate(order):
        if not isinstance(h, Heading):
            continue
        c = corrections.find(h.level, h.line, h.title)
        if c is not None:
            if c.measure not in all_ids:
                raise IngestError(_("correction: measure {measure} does not exist").format(measure=c.measure),
                                        file=corrections.file,
                                  line=c.file_line)
            starts.append((h, c.measure))
            applied.append(c)
            continue
        obvious = _obvious_start(order, idx)
        if obvious is not None:
            starts.append((h, obvious.id))
            continue
        nxt = next((e for e in order[idx + 1:] if isinstance(e, Block)), None)
        ambiguities.append(Problem(
            _("{level} heading 「{title}」 is placed among measures out of order; which measure does it start? (next "
              "in the text: {value})").format(level=h.level, title=h.title, value=nxt.id if nxt else 'none'),
            file=source, line=h.line, measure=nxt.id if nxt else None, kind=h.level, text=h.title))
    return starts


def sections_of(starts: list, source) -> tuple[list[Section], tuple[list, list]]:
    """The sections and subsections in report order, and the (first measure, heading) lists of each level."""
    sec_starts = sorted(((m, h) for h, m in starts if h.level == "section"), key=lambda x: x[0])
    sub_starts = sorted(((m, h) for h, m in starts if h.level == "subsection"), key=lambda x: x[0])
    if not sec_starts:
        raise IngestError(_("no section heading (１．…) found"), file=source)
    sections: list[Section] = []
    for n, (m, h) in enumerate(sec_starts, 1):
        if h.number != n:
            raise IngestError(_("section {number} would start at measure {m}, out of the report's order").format(
                                    number=h.number, m=m),
                              file=source, line=h.line, measure=m)
        sections.append(Section(str(n), h.title, []))
    bounds = [m for m, _ in sec_starts] + [10**9]
    for m, h in sub_starts:
        k = next(i for i in range(len(sec_starts)) if bounds[i] <= m < bounds[i + 1]) if m >= bounds[0] else None
        if k is None:
            raise IngestError(_("subsection 「{title}」 starts before the first section").format(title=h.title),
                                    file=source, line=h.line,
                              measure=m)
        sec = sections[k]
        sec.subsections.append(Subsection(f"{sec.id}-{len(sec.subsections) + 1}", h.title))
    return sections, (sec_starts, sub_starts)


def assign(measures: list[Measure], sections: list[Section], starts, source) -> None:
    """Set every measure's section and subsection from the first measure of each heading."""
    sec_starts, sub_starts = starts
    sub_ids = [sub.id for s in sections for sub in s.subsections]
    for m in measures:
        k = max(i for i, (first, _h) in enumerate(sec_starts) if first <= m.id) if m.id >= sec_starts[0][0] else None
        if k is None:
            raise IngestError(_("measure comes before the first section heading"), file=source, measure=m.id)
        m.section = sections[k].id
        j = [i for i, (first, _h) in enumerate(sub_starts) if first <= m.id]
        m.subsection = sub_ids[j[-1]] if j else None
        if m.subsection is not None and not m.subsection.startswith(m.section + "-"):
            m.subsection = None
