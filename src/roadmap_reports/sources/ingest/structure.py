"""Lines → structure: the report's page furniture and the table's skeleton, in text order.

Each page opens with the column header; the title and the as-of date repeat on pages. Between them
come section headings (「１．…」), subsection headings (「◎…」), 施策番号 lines (「12」, 「30 再掲４」),
lone 再掲 labels printed apart from their number, and the text lines of the measure above them. This
pass sorts every line into one of these; the fields of each measure are split later (fields.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap_reports.errors import IngestError
from roadmap_reports.sources.ingest.layout import (COLUMN_HEADER, RE_AS_OF, RE_LABEL, RE_NUMBER, RE_NUMBER_REPOST,
                                                   RE_SECTION, RE_SUBSECTION, RE_TITLE, TITLE_MARK, is_column_header,
                                                   number_value)
from roadmap_reports.sources.ingest.lines import SourceLine
from roadmap_reports.i18n import _

__all__ = ["Heading", "Block", "Label", "Structure", "structure"]


@dataclass
class Heading:
    """A section (「１．…」) or subsection (「◎…」) heading where the text places it."""

    level: str  # "section" | "subsection"
    line: int
    title: str
    number: int | None = None  # section number
    page: int = 0


@dataclass
class Block:
    """One 施策番号 line and the text lines that follow it."""

    id: int
    line: int
    page: int
    label: int | None = None  # 再掲 target printed on the number line
    content: list[SourceLine] = field(default_factory=list)


@dataclass
class Label:
    """A lone 「再掲４」 printed apart from the bare 施策番号 it belongs to."""

    target: int
    line: int
    page: int


@dataclass
class Structure:
    """The report's skeleton: title, as-of date and the headings, blocks and labels in text order."""

    title: str | None = None
    title_line: int | None = None
    as_of: str | None = None
    elements: list = field(default_factory=list)  # Heading | Block | Label in text order
    pages: int = 0
    header_lines: list[int] = field(default_factory=list)

    def blocks(self) -> list[Block]:
        """The 施策番号 blocks in text order."""
        return [e for e in self.elements if isinstance(e, Block)]

    def labels(self) -> list[Label]:
        """The lone 再掲 labels in text order."""
        return [e for e in self.elements if isinstance(e, Label)]


class _Builder:
    """Sorts lines into the structure, one at a time."""

    def __init__(self, source):
        self.source = source
        self.st = Structure()
        self.current: Block | None = None
        self.next_section = 1
        self.seen_ids: dict[int, int] = {}

    def furniture(self, ln: SourceLine) -> bool:
        """The column header, the title or the as-of date (repeated on pages): True if the line is one."""
        st, t = self.st, ln.text
        if is_column_header(t):
            st.pages += 1
            st.header_lines.append(ln.no)
            return True
        m = RE_TITLE.match(t)
        if m and TITLE_MARK in t:
            if st.title is None:
                st.title, st.title_line = m["title"], ln.no
            if m["as_of"]:
                st.as_of = st.as_of or m["as_of"]
            st.header_lines.append(ln.no)
            return True
        if RE_AS_OF.match(t):
            st.as_of = st.as_of or t
            st.header_lines.append(ln.no)
            return True
        return False

    def number(self, ln: SourceLine) -> bool:
        """A 施策番号 line (「12」, 「30 再掲４」) opens a block; a lone 「再掲４」 is a label."""
        t = ln.text
        m = RE_NUMBER.match(t) or RE_NUMBER_REPOST.match(t)
        if m:
            mid = int(m.group(1))
            if mid in self.seen_ids:
                raise IngestError(_("施策番号 {mid} appears twice (also at line {value})").format(mid=mid,
                                        value=self.seen_ids[mid]),
                                  file=self.source, line=ln.no, measure=mid)
            self.seen_ids[mid] = ln.no
            label = number_value(m.group(2)) if m.re is RE_NUMBER_REPOST else None
            self.current = Block(mid, ln.no, self.st.pages, label)
            self.st.elements.append(self.current)
            return True
        m = RE_LABEL.match(t)
        if m:
            self.st.elements.append(Label(number_value(m.group(1)), ln.no, self.st.pages))
            self.current = None
            return True
        return False

    def heading(self, ln: SourceLine) -> bool:
        """A section heading (the next number in order) or a subsection heading."""
        m = RE_SECTION.match(ln.text)
        if m and number_value(m.group(1)) == self.next_section:
            self.st.elements.append(Heading("section", ln.no, ln.text, self.next_section, self.st.pages))
            self.next_section += 1
            self.current = None
            return True
        m = RE_SUBSECTION.match(ln.raw)
        if m:
            self.st.elements.append(Heading("subsection", ln.no, m.group(1), None, self.st.pages))
            self.current = None
            return True
        return False

    def content(self, ln: SourceLine) -> None:
        """A text line of the block above it."""
        t = ln.text
        if self.current is None:
            raise IngestError(_("text outside any measure (no 施策番号 line before it): 「{value}」").format(value=t[:30]),
                              file=self.source, line=ln.no)
        if self.current.label is not None:
            raise IngestError(_("the 再掲 line of measure {id} is followed by text: 「{value}」").format(
                                    id=self.current.id, value=t[:30]),
                              file=self.source, line=ln.no, measure=self.current.id)
        self.current.content.append(ln)

    def add(self, ln: SourceLine) -> None:
        """Sort one line."""
        if not ln.text or self.furniture(ln):
            return
        if self.st.pages == 0:
            raise IngestError(_("text before the column header 「{COLUMN_HEADER}」: 「{value}」").format(
                                    COLUMN_HEADER=COLUMN_HEADER, value=ln.text[:30]),
                              file=self.source, line=ln.no)
        if not (self.number(ln) or self.heading(ln)):
            self.content(ln)


def structure(lines: list[SourceLine], source) -> Structure:
    """The structure of the report's lines; IngestError (located) for a line that fits nowhere."""
    builder = _Builder(source)
    for ln in lines:
        builder.add(ln)
    return builder.st
