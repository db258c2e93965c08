"""openpyxl hygiene shared by every workbook we write (ministry extracts, overview, 新旧対照表,
workbooks for update): Japanese fonts, text that never becomes a formula, widths and heights that fit
East Asian text, A4 print setup, and byte-identical saving."""

from __future__ import annotations

import functools
import math

from roadmap_reports import office
from roadmap_reports.errors import RenderError
from roadmap_reports.japanese.width import display_width
from roadmap_reports.i18n import _

FONT_NAME = "Yu Gothic"  # Excel on Windows renders it; LibreOffice substitutes a CJK Gothic
FONT_SIZE = 10
HEADER_FILL = "DDEBF7"
#: Excel's row-height limit, from roadmap_reports.office (the name kept for the writers that import it here).
MAX_ROW_HEIGHT = office.ROW_MAX_POINTS
#: The height of one wrapped line of FONT_NAME as a multiple of the font size: the one home of the line height
#: every row height, lines-per-row limit and continuation split follows from (render/xlsx/fit.py). Measured for
#: Excel on Japanese Windows, the users' platform: its default row for 游ゴシック 11 pt is 18.75 pt (1.70×), and
#: Word's minimum line pitch for the same family (游明朝) is about 1.67× + 0.03. LibreOffice substitutes Noto
#: Sans CJK, whose lines are about 1.45× — so rows look up to a sixth taller there, never clipped in Excel.
LINE_FACTOR = 1.7
TOP_BOTTOM_MARGIN_IN = 0.6  # the printed page's top and bottom margins (the header and footer sit inside)


def check_text(text, *, measure=None, field=None, file=None) -> str:
    """Refuse what a workbook cannot hold: XML-forbidden characters and texts over 32,767 characters
    (the rules of roadmap_reports.office)."""
    if text is None:
        return ""
    text = str(text)
    bad = sorted(office.forbidden_characters(text))
    if bad:
        raise RenderError(_("{field} contains characters XML forbids ({codes})").format(
            field=field or "text", codes=office.codepoints(bad)), measure=measure, file=file)
    if len(text) > office.CELL_MAX_CHARS:
        raise RenderError(_("{field} is {length:,} characters, more than an Excel cell holds ({limit:,})").format(
            field=field or "text", length=len(text), limit=office.CELL_MAX_CHARS), measure=measure, file=file)
    return text


def set_text(cell, text, *, measure=None, field=None) -> None:
    """Write text that stays text: never a formula, whatever it starts with (=, +, -, @)."""
    text = check_text(text, measure=measure, field=field)
    cell.value = text
    if text:
        cell.data_type = "s"
        if text[0] in "=+-@":
            cell.quotePrefix = True  # Excel keeps it text even after the user edits the cell


def set_rich_text(cell, runs, fonts, *, measure=None, field=None) -> None:
    """Rich text (runs of (text, style)) that stays text: never a formula, whatever it starts with."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    whole = check_text("".join(t for t, _ in runs), measure=measure, field=field)
    if not any(s in ("underline", "label") for _t, s in runs):
        set_text(cell, whole, measure=measure, field=field)
        return
    cell.value = CellRichText([TextBlock(fonts[style], text) for text, style in runs if text])
    cell.data_type = "s"
    if whole[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True


def safe_sheet_title(title: str) -> str:
    """A sheet title Excel accepts: no []:*?/\\, no quote at either end, at most 31 characters."""
    title = office.SHEET_TITLE_FORBIDDEN.sub("_", title).strip("'") or "Sheet"
    return title[:office.SHEET_TITLE_MAX_CHARS]


def fit_row_height(texts_and_widths, *, font_size: float = FONT_SIZE, min_lines: int = 1,
                   max_height: float | None = None) -> float:
    """Row height (points) so that wrapped texts in columns of the given widths are not clipped.

    `texts_and_widths` is an iterable of (text, column width in Excel character units).
    A line is LINE_FACTOR times the font size (FONT_NAME's line height in Excel); `max_height` caps the result
    (Excel's limit is MAX_ROW_HEIGHT).
    """
    lines = min_lines
    for text, width in texts_and_widths:
        n = wrapped_lines(text, width)
        lines = max(lines, n)
    height = round(lines * font_size * LINE_FACTOR + 4, 1)
    return min(height, max_height) if max_height is not None else height


@functools.lru_cache(maxsize=8192)  # a cell's text is measured to split it, then again for the row height
def wrapped_lines(text, width) -> int:
    """How many lines `text` takes when wrapped in a column `width` Excel character units wide."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(display_width(para) / usable)) for para in str(text or "").split("\n"))


def page_setup(ws, *, title: str, left_header: str = "", landscape: bool = True, print_title_rows: str | None = "1:1",
               fit_width: bool = True) -> None:
    """A4, fit to one page wide, header row repeated, header with title, footer with page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    if print_title_rows:
        ws.print_title_rows = print_title_rows
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = TOP_BOTTOM_MARGIN_IN
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    left_header, title = _fit_header(left_header or "", title or "")
    for hf in (ws.oddHeader, ws.evenHeader):
        hf.left.text = _hf_escape(left_header)
        hf.left.size = 9
        hf.right.text = _hf_escape(title)
        hf.right.size = 9
    for hf in (ws.oddFooter, ws.evenFooter):
        hf.center.text = "&P / &N"
        hf.center.size = 9


def _hf_escape(text: str) -> str:
    return (text or "").replace("&", "&&")


_HEADER_CODES = len("&L&9 &R&9 ")  # what openpyxl writes around the two texts of a header


def _header_length(left: str, right: str) -> int:
    return _HEADER_CODES + len(_hf_escape(left)) + len(_hf_escape(right))


def _fit_header(left: str, right: str) -> tuple[str, str]:
    """(left, right) cut with 「…」 so that the page header Excel stores holds at most
    office.HEADER_FOOTER_MAX_CHARS characters, codes included (Excel repairs a longer one away). The
    left text (the report's title, printed whole on the sheet and in the properties) is cut first."""
    limit = office.HEADER_FOOTER_MAX_CHARS
    if _header_length(left, right) <= limit:
        return left, right
    n = len(left)
    while n and _header_length(left[:n] + "…", right) > limit:
        n -= 1
    left = left[:n] + "…" if n else ""
    if _header_length(left, right) <= limit:
        return left, right
    n = len(right)
    while n and _header_length(left, right[:n] + "…") > limit:
        n -= 1
    return left, right[:n] + "…"


def save_workbook(wb, path, *, when) -> None:
    """Save reproducibly (fixed timestamps, stable zip) and atomically."""
    from roadmap_reports.io.files import write_bytes_atomic

    write_bytes_atomic(path, workbook_bytes(wb, when=when))


def workbook_bytes(wb, *, when) -> bytes:
    """The workbook as reproducible bytes (fixed timestamps, stable zip), for callers that write later."""
    import io

    from openpyxl.writer.excel import ExcelWriter

    from roadmap_reports.io.reproducible import ReproducibleZipFile

    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = wb.properties.lastModifiedBy or "roadmap-reports"
    if wb.read_only:
        raise TypeError(_("Workbook is read-only"))
    if wb.write_only and not wb.worksheets:
        wb.create_sheet()
    buf = io.BytesIO()
    # what wb.save does, into a zip that stamps and deflates every part as normalize_zip would
    ExcelWriter(wb, ReproducibleZipFile(buf, when)).save()
    return buf.getvalue()


def font(**kwargs):
    """The Japanese font every cell uses (bold, color, ... as keyword arguments)."""
    from openpyxl.styles import Font

    kwargs.setdefault("size", FONT_SIZE)
    return Font(name=FONT_NAME, **kwargs)


def load_openpyxl():
    """Import openpyxl without its optional numpy support, unless numpy is already loaded: openpyxl
    imports numpy when it is installed (0.1 s, a third of its import) only to accept numpy numbers
    as cell values, which we never write. Commands call this before anything imports openpyxl."""
    import sys

    if "openpyxl" in sys.modules:
        return sys.modules["openpyxl"]
    blocked = "numpy" not in sys.modules
    if blocked:
        sys.modules["numpy"] = None  # makes `import numpy` raise ImportError inside openpyxl
    try:
        import openpyxl
    finally:
        if blocked and sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]
    return openpyxl


def new_workbook():
    """A workbook whose default (Normal) style is the Japanese font, so even empty cells use it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from roadmap_reports.render.xlsx.openpyxl_private import set_default_font

    wb = Workbook()
    set_default_font(wb, Font(name=FONT_NAME, size=FONT_SIZE, family=3, charset=128))
    return wb


def paper_setup(ws, p, *, title: str, left_header: str = "", print_title_rows: str | None = "1:1") -> None:
    """`page_setup` on the paper `p` (render/paper.py: A4 or A3 landscape, its margins) printed at 100 %: the
    columns are sized to the paper (render/xlsx/fit.py), so the body prints at its font size, never shrunk."""
    page_setup(ws, title=title, left_header=left_header, landscape=True, print_title_rows=print_title_rows,
               fit_width=False)
    ws.page_setup.paperSize = p.xlsx_paper_size
    ws.page_setup.scale = 100
    ws.page_margins.left = ws.page_margins.right = round(p.margin_mm / 25.4, 2)




def extend_header_left(ws, text: str, *, printable_mm: float, size: int = 9) -> str:
    """Add `text` after the page header's left part (odd and even pages; one line: LibreOffice shows a line
    break there as _x000a_), after `page_setup` set the left and right. Cut with 「…」 so that the header, codes
    included, stays within office.HEADER_FOOTER_MAX_CHARS and the left and right parts do not overlap on a
    page `printable_mm` wide at `size` pt. Returns the text as set."""
    hf = ws.oddHeader
    left, right = (hf.left.text or "").replace("&&", "&"), (hf.right.text or "").replace("&&", "&")
    text = "　" + " ".join((text or "").splitlines())
    room_chars = office.HEADER_FOOTER_MAX_CHARS - _header_length(left, right)
    room_width = printable_mm / (size * 25.4 / 72 / 2) - display_width(left + right) - 6  # half-width units

    def fits(t: str) -> bool:
        return len(_hf_escape(t)) <= room_chars and display_width(t) <= room_width

    n = len(text)
    while n > 1 and not fits(text[:n] + ("…" if n < len(text) else "")):
        n -= 1
    text = "" if n <= 1 else text[:n] + ("…" if n < len(text) else "")
    for hf in (ws.oddHeader, ws.evenHeader):
        hf.left.text = _hf_escape(left + text)
        hf.left.size = size
    return text.lstrip("　")
