"""Cells of the report's PDF turned into the stored texts: paragraphs, KPI items, ministries, 再掲."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from roadmap_reports.errors import IngestError
from roadmap_reports.sources.ingest.fields import status_parts  # noqa: F401  (the text path's rule, shared)
from roadmap_reports.i18n import _

RE_NUMBER = re.compile(r"^([0-9]{1,4})(?:\s*再掲\s*([0-9０-９]{1,4}))?$")
PARAGRAPH_END = set("。．）」』】〕］｝)]:：")
PARTICLES = tuple("をがにへの")  # case particles: a line starting with one continues a sentence
_CAPTION = re.compile(r"（[^（）]+）")
SLACK = 0.05  # points: a line that left the room its successor's start needs (less rounding) ended a paragraph
AUTOSPACE = 0.2  # em: LibreOffice puts this much between Asian and Latin text ("12" and "月")
PARAGRAPH_GAP = 0.8  # points: lines further apart than the cell's usual pitch by this are two paragraphs


@dataclass
class Wrap:
    """A full line whose successor may start a new paragraph or continue it: the PDF does not say."""

    line: object   # pages.Line
    page: int
    next_text: str


def join_lines(lines, *, usual: float = 0.0, spaced_paragraphs: bool = False, doubts: list | None = None,
               decide=None) -> str:
    """Printed lines (Line, right edge of the column's text on its page, page, row) as the stored text: the
    lines of one paragraph joined, paragraphs apart by "\n" (`boundary` decides). A full line whose
    successor may start a paragraph where the PDF cannot say is decided by `decide(line, page)` (a
    correction: True ends the paragraph, None no answer); else joined and recorded in `doubts` (a `Wrap`)."""
    if not lines:
        return ""
    out = lines[0][0].text
    for (a, right_a, page, row_a), (b, _r, page_b, row_b) in zip(lines, lines[1:]):
        brk = boundary(a, right_a, b, same_page=page == page_b, same_row=row_a == row_b, usual=usual,
                       spaced_paragraphs=spaced_paragraphs)
        if brk is None and decide is not None:
            brk = decide(a, page)
        if brk is None:
            brk = False
            if doubts is not None:
                doubts.append(Wrap(a, page, b.text))
        out += ("\n" if brk else "") + b.text
    return out


def boundary(a, right_a: float, b, *, same_page: bool, same_row: bool, usual: float,
             spaced_paragraphs: bool) -> bool | None:
    """Whether printed line `a` ends a paragraph before line `b` (None: the PDF cannot say), in this order:

    - a tagged PDF's marked content (LibreOffice's workbook export: one MCID a paragraph) says so on a page;
    - in the Word layout, a line starting with 「・」 starts a paragraph (Writer never wraps before it: 禁則;
      Calc does);
    - a workbook row continued on the next row (the report splits long texts at 「。」) starts one;
    - in the report's Word layout, lines of one row are a paragraph apart when further apart than the usual
      pitch (PARAGRAPH_SPACE_PT), else one paragraph (a line that left room had a blank at its end);
    - elsewhere (across a page, or a workbook without tags) the width: a line that left room for the next
      line's start (a Latin word, 「53.7％」 or a bracket taken whole, 禁則 characters with it, LibreOffice's
      0.2 em between Asian and Latin text, the blanks drawn at its end) ends a paragraph; a full line wraps,
      unless it ends as a paragraph ends (「。」, a closing bracket) or the next starts with 「・」 or 「※」, and
      the next does not start with a particle (「を」「が」「に」「へ」「の」 never begin a paragraph): then None."""
    from roadmap_reports.sources.ingest.layout import BULLETS

    if same_page and a.mark and b.mark and a.mark[1] == b.mark[1] == "P":
        return a.mark != b.mark
    if (b.text.startswith(BULLETS) and spaced_paragraphs) or (not same_row and not spaced_paragraphs):
        return True
    if spaced_paragraphs and same_row:
        return b.top - a.top > usual + PARAGRAPH_GAP
    room = right_a - a.x1 - a.blank
    if a.text[-1:].isascii() != b.text[:1].isascii():
        room -= AUTOSPACE * a.size
    if room + SLACK >= b.lead:
        return True
    if (a.text.rstrip()[-1:] in PARAGRAPH_END or b.text.startswith(("・", "※"))) and not b.text.startswith(PARTICLES):
        return None
    return False


def number_cell(text: str, file, place: str) -> tuple[int, int | None]:
    """(施策番号, 再掲 target or None) from the number column's text; IngestError if it is neither."""
    m = RE_NUMBER.match(text.strip())
    if m is None:
        raise IngestError(_("the 施策番号 column reads 「{value}」, not a number or 「N 再掲Ｍ」").format(value=text[:20]),
                                file=file,
                          place=place)
    target = int(unicodedata.normalize("NFKC", m.group(2))) if m.group(2) else None
    return int(m.group(1)), target


def kpi_items(text: str) -> list[str]:
    """A KPI cell's items: one per 「・」 line (mark dropped), a caption such as （参考指標） on its own, a 「※」
    note kept with its item after a line break; a cell without bullets is one item."""
    items: list[str] = []
    for para in text.split("\n") if text else []:
        if para.startswith("・"):
            items.append(para[1:])
        elif para.startswith("※") and items:
            items[-1] += "\n" + para
        else:
            items.append(para)
    return [x for x in items if x]


def ministries(lines, names: set[str], file, place: str, measure: int) -> list[str]:
    """The 担当省庁 cell: one ministry a line, a long name wrapped over several lines."""
    from roadmap_reports.ministries import not_registered

    out: list[str] = []
    pending = ""
    for ln in lines:
        text = ln.text.strip()
        if pending and not any(n.startswith(pending + text) for n in names) and \
                any(n.startswith(text) for n in names):  # a known name starts: what came before is unknown
            break
        pending += text
        if pending in names:
            out.append(pending)
            pending = ""
    if pending:
        raise IngestError(not_registered(pending), file=file, place=place, measure=measure)
    return out


