"""The report's rows in report order, with the texts of its five columns as the report prints them.

Every renderer of the published report (docx, xlsx, and so the PDF) lays out these rows and nothing else:

- a section heading 「１．…」 and a ◎ sub-heading are rows of their own, spanning the table, in their place
  (before the first measure under them; a heading with no measure still appears, in its order);
- a measure row holds 施策番号, 具体的取組, KPI, 担当省庁 and 実施状況; a repost (再掲) prints only
  「12 再掲３」 in the number column (numbers as `japanese.calendar.number` writes them);
- several KPI items each on its own line starting with 「・」, a single KPI plainly; a caption such as
  「（参考指標）」 stands without a bullet; several ministries one per line; the status exactly as stored
  (tagged 【省】 parts included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roadmap_reports.japanese.calendar import number, report_as_of_label
from roadmap_reports.model import Measure, Roadmap

HEADERS = ("施策番号", "具体的取組", "KPI", "担当省庁", "実施状況")
_CAPTION = re.compile(r"（[^（）]+）")


@dataclass(frozen=True)
class ReportRow:
    """One row of the table: ``kind`` is ``section``, ``subsection`` or ``measure``.

    A heading row carries its title in ``title``; a measure row its five cells (``cells``) and ``measure``."""

    kind: str
    title: str = ""
    measure: Measure | None = None
    cells: tuple[str, str, str, str, str] = ("", "", "", "", "")

    @property
    def is_heading(self) -> bool:
        return self.kind != "measure"


@dataclass(frozen=True)
class ReportView:
    """The whole report: its title, 「令和Ｎ年Ｍ月末時点」 and the rows in report order."""
    title: str
    as_of_label: str  # 令和５年３月末時点
    rows: tuple[ReportRow, ...]

    @property
    def measures(self) -> tuple[ReportRow, ...]:
        return tuple(r for r in self.rows if r.kind == "measure")


def number_label(m: Measure) -> str:
    """「12」, or for a repost 「12 再掲３」 (as the report prints it)."""
    if m.repost_of is None:
        return str(m.id)
    return f"{m.id} 再掲{number(m.repost_of)}"


def kpi_text(kpis) -> str:
    """Several items one per line, each starting with 「・」 (a caption like （参考指標） without); one plainly."""
    items = list(kpis)
    if len(items) <= 1:
        return "".join(items)
    return "\n".join(x if _CAPTION.fullmatch(x) else "・" + x for x in items)


def measure_cells(m: Measure) -> tuple[str, str, str, str, str]:
    """The five cells of a measure's row as printed (a repost: only 「N 再掲Ｍ」)."""
    if m.repost_of is not None:
        return (number_label(m), "", "", "", "")
    return (number_label(m), m.initiative, kpi_text(m.kpis), "\n".join(m.ministries), m.status)


class _Rows:
    """Collects rows; prints each heading once, the empty ones in their order."""

    def __init__(self, roadmap: Roadmap):
        self.roadmap = roadmap
        self.rows: list[ReportRow] = []
        self.done: set[tuple[str, str]] = set()

    def heading(self, kind: str, key: str, title: str) -> None:
        if (kind, key) not in self.done:
            self.done.add((kind, key))
            self.rows.append(ReportRow(kind, title=title))

    def subsections(self, section_id: str, upto: str | None = None) -> None:
        """The sub-headings of a section before `upto` (all of them when None) not printed yet."""
        section = self.roadmap.section(section_id)
        for sub in section.subsections if section else ():
            if sub.id == upto:
                break
            self.heading("subsection", sub.id, sub.title)

    def sections(self, upto: str | None = None) -> None:
        """Every section heading up to and with `upto` (all when None), with the sub-headings of those
        before it."""
        for s in self.roadmap.sections:
            if ("section", s.id) not in self.done:
                self.heading("section", s.id, s.title)
            if s.id == upto:
                return
            self.subsections(s.id)


def report_rows(roadmap: Roadmap) -> list[ReportRow]:
    """Headings and measures in report order (measures by 施策番号)."""
    out = _Rows(roadmap)
    for m in sorted(roadmap.measures, key=lambda x: x.id):
        out.sections(m.section)
        if m.subsection is not None:
            out.subsections(m.section, m.subsection)
            sub = roadmap.subsection(m.subsection)
            out.heading("subsection", m.subsection, sub.title if sub else m.subsection)
        out.rows.append(ReportRow("measure", measure=m, cells=measure_cells(m)))
    out.sections()
    return out.rows


def report_view(roadmap: Roadmap) -> ReportView:
    """The whole report: title, 「令和Ｎ年Ｍ月末時点」 and the rows."""
    return ReportView(roadmap.title, report_as_of_label(roadmap.as_of), tuple(report_rows(roadmap)))
