"""What the reader takes from a PDF page: its characters and ruling lines, read by pdfminer (through
pdfplumber) without building pdfplumber's dict of every attribute of every object; words cut as
pdfplumber's `extract_words` cuts them."""

from __future__ import annotations

import functools


@functools.cache
def _device():
    """pdfplumber's pdfminer device (which marks objects with their marked content) keeping each horizontal
    character as a tuple instead of pdfminer's LTChar object: the same box LTChar computes, a tenth of the
    page's cost saved. Vertical text goes the usual way (an LTChar in the layout)."""
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.utils import apply_matrix_rect
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Device(PDFPageAggregatorWithMarkedContent):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.chars: list[tuple] = []

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, *rest) -> float:
            if font.is_vertical():
                return super().render_char(matrix, font, fontsize, scaling, rise, cid, *rest)
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            adv = font.char_width(cid) * fontsize * scaling
            low = font.get_descent() * fontsize + rise
            x0, y0, x1, y1 = apply_matrix_rect(matrix, (0, low, adv, low + fontsize))
            self.chars.append((text, min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1), font.fontname,
                               self.cur_mcid, self.cur_tag))
            return adv

    return Device


def _layout(page):
    """(the page's pdfminer layout without its horizontal characters, those characters as tuples)."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.utils.exceptions import PdfminerException

    device = _device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=None)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as exc:  # as pdfplumber's Page.layout does: any pdfminer failure is a PdfminerException
        raise PdfminerException(exc) from exc
    return device.get_result(), device.chars


def page_objects(page) -> tuple[list[dict], list[dict], list[dict]]:
    """(characters, horizontal edges, vertical edges) of a pdfplumber page, read by pdfminer with `_device`:
    only what the reader uses (text, box, size, font, marked content), not pdfplumber's dict of every
    attribute (colours, matrix, …) of every object, which cost as much as parsing the page. Coordinates as
    pdfplumber's: points from the top left; edges of ruling lines, rectangles and axis-parallel curve
    segments."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTRect

    height, (mx, my) = page.height, page.mediabox[:2]
    layout, horizontal_chars = _layout(page)
    chars: list[dict] = []
    edges: list[tuple] = []

    def char(text, x0, x1, y0, y1, font, mcid, tag) -> None:
        chars.append({"text": text, "x0": x0 + mx, "x1": x1 + mx, "top": height - y1 + my,
                      "bottom": height - y0 + my, "size": y1 - y0,
                      "font": font.partition("+")[2] or font,  # without the subset prefix
                      "mcid": mcid, "tag": tag})

    def walk(objs) -> None:
        for o in objs:
            if isinstance(o, LTChar):  # vertical text
                char(o.get_text(), o.x0, o.x1, o.y0, o.y1, o.fontname, getattr(o, "mcid", None),
                     getattr(o, "tag", None))
                chars[-1]["size"] = o.size
            elif isinstance(o, LTRect):
                x0, y0, x1, y1 = o.bbox
                edges.extend(((x0, y1, x1, y1), (x0, y0, x1, y0), (x0, y0, x0, y1), (x1, y0, x1, y1)))
            elif isinstance(o, LTCurve):
                edges.extend((*a, *b) for a, b in zip(o.pts, o.pts[1:]))
            elif isinstance(o, LTContainer):
                walk(o)

    for c in horizontal_chars:
        char(*c)
    walk(layout)
    horizontal, vertical = [], []
    for x0, y0, x1, y1 in edges:
        box = {"x0": min(x0, x1) + mx, "x1": max(x0, x1) + mx, "top": height - max(y0, y1) + my,
               "bottom": height - min(y0, y1) + my}
        if y0 == y1 and box["x1"] - box["x0"] >= 1:
            horizontal.append(box)
        elif x0 == x1 and box["bottom"] - box["top"] >= 1:
            vertical.append(box)
    return chars, horizontal, vertical


def words_of(chars, tol: float = 3.0) -> list[dict]:
    """Words as pdfplumber's `extract_words` cuts them: characters on one line (tops within `tol`), split at
    a blank or a gap wider than `tol`."""
    words: list[dict] = []
    line: list[dict] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if line and abs(c["top"] - line[0]["top"]) > tol:
            words += _split_words(line, tol)
            line = []
        line.append(c)
    return words + _split_words(line, tol)


def _split_words(line, tol: float) -> list[dict]:
    out: list[dict] = []
    prev = None
    for c in sorted(line, key=lambda c: c["x0"]):
        if c["text"].isspace():
            prev = None
            continue
        if prev is None or c["x0"] - prev["x1"] > tol:
            out.append({"text": "", "x0": c["x0"], "x1": c["x1"], "top": c["top"], "bottom": c["bottom"]})
        w = out[-1]
        w["text"] += c["text"]
        w["x1"], w["top"], w["bottom"] = c["x1"], min(w["top"], c["top"]), max(w["bottom"], c["bottom"])
        prev = c
    return out
