"""The table on each page of the report's PDF: columns, rows and the lines of each cell."""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap_reports.errors import IngestError
from roadmap_reports.i18n import _
from roadmap_reports.sources.pdf.objects import page_objects, words_of

HEADERS = ("施策番号", "具体的取組", "KPI", "担当省庁", "実施状況")
TOL = 2.0  # points: ruling lines and character positions closer than this are the same


@dataclass
class Line:
    """One printed line of a cell: its text, where it ends, the size of its characters."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    lead: float  # the width the previous line would have needed to take this line's start (a Latin word,
                 # or a character with the one that may not begin a line after it)
    mark: tuple | None = None  # (MCID, tag) of the marked content holding the whole line, in a tagged PDF
    blank: float = 0.0  # the width the blanks drawn after `x1` take (「　」 an em): the line ended with them


@dataclass
class Row:
    """A band of the table between two horizontal rules on one page."""

    page: int
    top: float
    heading: bool
    cells: list[list[Line]] = field(default_factory=list)  # five columns (a heading: one)


@dataclass
class Page:
    """One page of the report's table: furniture, column edges, rows and how far text reaches per column."""
    number: int
    furniture: str           # the text above the header row (title and date)
    bounds: list[float]      # six x positions: the edges of the five columns
    rows: list[Row]
    right: list           # per column, the rightmost text a line reaches (None: the column is empty here)


def _clusters(values, tol: float = TOL) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _header(chars, number: int, file) -> tuple[float, float, list]:
    """(top, bottom of the header row, its words), or an IngestError naming what is missing."""
    if not chars:
        raise IngestError(_("no text on this page (a scanned page? ingest reads the PDF's text layer, not images)"),
                          file=file, place=f"page {number}")
    found = {}
    for w in words_of(chars):
        if w["text"] in HEADERS and w["text"] not in found:
            found[w["text"]] = w
    if len(found) < len(HEADERS):
        if not found:
            raise IngestError(_("not a roadmap status table: no column header 「{value}」").format(
                                    value=' '.join(HEADERS)),
                              file=file, place=f"page {number}")
        missing = [h for h in HEADERS if h not in found]
        raise IngestError(_("the column header lacks {value} ({value2} of 5 columns)").format(value='、'.join(missing),
                                value2=len(found)),
                          file=file, place=f"page {number}")
    head = [found[h] for h in HEADERS]
    return min(w["top"] for w in head), max(w["bottom"] for w in head), head


def _bounds(verticals, top: float, bottom: float, head, number: int, file) -> list[float]:
    xs = _clusters(e["x0"] for e in verticals if e["top"] <= bottom and e["bottom"] >= top)
    if len(xs) != 6 or any(not (xs[i] < w["x0"] and w["x1"] < xs[i + 1]) for i, w in enumerate(head)):
        raise IngestError(_("the header row is not five ruled columns ({value} found)").format(
                                value=max(len(xs) - 1, 0)),
                          file=file, place=f"page {number}")
    return xs


def _text_of(chars) -> str:
    """Characters of one line in order. A blank glyph is 「　」 or 「 」 by how far the next character starts.
    One that ends the line has no next character: it is what its text says (「　」), else what its own width
    says when it is the glyph of the font of the character before it (LibreOffice's workbook export); a blank
    drawn in another font (its Word export: the same narrow glyph for both) is 「　」 after a full-width
    character and 「 」 after a half-width one. (An untagged PDF from Word does not draw it at all.)"""
    out = ""
    for i, c in enumerate(chars):
        t = c["text"]
        if t.isspace():
            if i + 1 < len(chars):
                t = "\u3000" if chars[i + 1]["x0"] - c["x0"] >= 0.75 * c["size"] else " "
            elif t != "\u3000" and i and chars[i - 1].get("font") == c.get("font"):
                t = "\u3000" if c["x1"] - c["x0"] >= 0.75 * c["size"] else " "
            elif t != "\u3000":
                t = " " if out[-1:].isascii() else "\u3000"
        out += t
    return out


def lines_of(chars) -> list[Line]:
    """Characters grouped into printed lines (by their top), each in reading order. A blank glyph (whose top
    may differ: another font draws it) goes to the nearest line."""
    rows: list[list] = []
    blanks = [c for c in chars if c["text"].isspace()]
    for c in sorted((c for c in chars if not c["text"].isspace()), key=lambda c: (c["top"], c["x0"])):
        if rows and abs(c["top"] - rows[-1][0]["top"]) < 0.4 * c["size"]:
            rows[-1].append(c)
        else:
            rows.append([c])
    for b in blanks:
        if rows:
            min(rows, key=lambda r: abs(r[0]["top"] - b["top"])).append(b)
    out = []
    for r in rows:
        r.sort(key=lambda c: c["x0"])
        tops = sorted(c["top"] for c in r if not c["text"].isspace())  # Latin glyphs sit a little lower
        marks = {(c.get("mcid"), c.get("tag")) for c in r if not c["text"].isspace()}
        mark = marks.pop() if len(marks) == 1 else None
        right = max(c["x1"] for c in r if not c["text"].isspace())  # a blank at the end may hang past the edge
        text = _text_of(r)
        tail = len(text) - len(text.rstrip())
        blank = sum(r[0]["size"] if t == "\u3000" else c["x1"] - c["x0"] for t, c in zip(text[-tail:], r[-tail:])) \
            if tail else 0.0
        out.append(Line(text, r[0]["x0"], right, tops[len(tops) // 2], r[0]["size"], _lead(r),
                        mark if mark and mark[0] is not None else None, blank))
    return out


def _lead(chars) -> float:
    """How much room the start of a line needs: opening brackets with what follows them (they never end a
    line), a run of Latin letters, digits and signs as one word (LibreOffice wraps Latin text between words,
    「53.7％」 whole), else one character; then any characters that may not begin a line (禁則)."""
    from roadmap_reports.sources.ingest.layout import NO_LINE_END, NO_LINE_START

    def advance(i: int) -> float:
        return (chars[i + 1]["x0"] if i + 1 < len(chars) else chars[i]["x1"]) - chars[i]["x0"]

    def latin(i: int) -> bool:
        t = chars[i]["text"]
        return t.isascii() and not t.isspace()

    n = 0
    while n < len(chars) - 1 and chars[n]["text"] in NO_LINE_END:
        n += 1
    if n < len(chars) and latin(n):
        while n < len(chars) and latin(n):
            n += 1
    else:
        n += 1
    while n < len(chars) and chars[n]["text"] in NO_LINE_START:
        n += 1
    if 1 < n < len(chars) and latin(n) and not latin(n - 1):  # 「り、Twitter」: Calc keeps 、 with the word after
        while n < len(chars) and latin(n):
            n += 1
    return sum(advance(i) for i in range(min(n, len(chars))))


def _rows(objects, number: int, bounds: list[float], top: float, bottom: float) -> list[Row]:
    """The table below the header row, cut at the horizontal rules that cross the number column."""
    page_chars, horizontals, verticals = objects
    left, split = bounds[0], bounds[1]
    inner_edges = [e for e in verticals if abs(e["x0"] - split) < TOL]
    rules = _clusters(e["top"] for e in horizontals
                      if e["x0"] <= left + TOL and e["x1"] >= split - TOL and e["top"] > bottom - TOL)
    table_bottom = max((e["bottom"] for e in verticals if e["x0"] <= left + TOL), default=bottom)
    edges = _clusters([*rules, table_bottom])
    chars = [c for c in page_chars if c["top"] > bottom and c["bottom"] <= table_bottom + TOL
             and left - TOL <= c["x0"] <= bounds[-1] + TOL]
    rows = []
    for y0, y1 in zip(edges, edges[1:]):
        band = [c for c in chars if y0 - TOL < c["top"] and c["bottom"] < y1 + TOL]
        if not band:
            continue
        inner = any(e["top"] < y1 - TOL and e["bottom"] > y0 + TOL for e in inner_edges)
        if not inner:
            rows.append(Row(number, y0, True, [lines_of(band)]))
            continue
        cells: list[list] = [[] for _ in range(5)]
        for c in band:
            k = sum(1 for b in bounds[1:-1] if c["x0"] >= b - TOL / 2)
            cells[min(k, 4)].append(c)
        rows.append(Row(number, y0, False, [lines_of(x) for x in cells]))
    return rows


def read_page(page, number: int, file) -> Page:
    """One page of the PDF as the report's table (IngestError, located at the page, if it is not one)."""
    objects = page_objects(page)
    chars, _horizontals, verticals = objects
    top, bottom, head = _header(chars, number, file)
    bounds = _bounds(verticals, top, bottom, head, number, file)
    furniture = "".join(ln.text for ln in lines_of([c for c in chars if c["bottom"] <= top]))
    rows = _rows(objects, number, bounds, top, bottom)
    right = [max((ln.x1 for r in rows if not r.heading for ln in r.cells[k]), default=None) for k in range(5)]
    return Page(number, furniture, bounds, rows, right)


PARALLEL_PAGES = 6  # from this many pages, they are read on worker processes (pdfminer's parsing is the cost)
MAX_WORKERS = 4


def workers(pages: int) -> int:
    """How many processes read a PDF of `pages` pages: one per core, at most MAX_WORKERS, one below
    PARALLEL_PAGES (starting a worker costs more than it saves)."""
    import os

    if pages < PARALLEL_PAGES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_WORKERS, pages // 3))


def read_pages(path, file, first: int, last: int):
    """Pages `first`…`last` (from 1) read as tables, on a worker: a list of Page, or the `Problem` of the
    IngestError one of them raised (an exception's location does not survive pickling; a Problem does)."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return [read_page(pdf.pages[i - 1], i, file) for i in range(first, last + 1)]
    except IngestError as exc:
        return exc.problem


def _read_in_parallel(path, file, count: int) -> list[Page]:
    """Every page, in order, read by `workers(count)` processes, each opening the file and reading a run of
    pages; the first page in order that is not the table raises its IngestError, as in one process."""
    from roadmap_reports.errors import Problem
    from roadmap_reports.io.workers import pool

    jobs = workers(count)
    bounds = [round(count * k / jobs) for k in range(jobs + 1)]
    with pool(jobs) as executor:
        futures = [executor.submit(read_pages, path, file, a + 1, b) for a, b in zip(bounds, bounds[1:])]
        parts = [f.result() for f in futures]
    out: list[Page] = []
    for part in parts:
        if isinstance(part, Problem):
            raise IngestError(part.message, file=part.file, place=part.place)
        out += part
    return out


def open_pages(path, file):
    """Every page of the PDF read as a table; IngestError for a file that is not a readable PDF."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(_("cannot read: {value}").format(value=exc.strerror or exc), file=file) from None
    if size == 0:
        raise IngestError(_("file is empty (0 bytes)"), file=file)
    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
            if workers(count) < 2:
                return [read_page(p, i, file) for i, p in enumerate(pdf.pages, 1)]
        return _read_in_parallel(path, file, count)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise IngestError(_("the PDF is encrypted (password-protected); save an unprotected copy"), file=file) from None
    except IngestError:
        raise
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], Exception):
            exc = exc.args[0]
        if "encrypt" in str(exc).lower() or type(exc).__name__ == "PDFPasswordIncorrect":
            raise IngestError(_("the PDF is encrypted (password-protected); save an unprotected copy"),
                              file=file) from None
        raise IngestError(_("not a readable PDF ({name__}: {value})").format(name__=type(exc).__name__,
                                                                            value=str(exc)[:80] or 'no detail'),
                          file=file) from None
