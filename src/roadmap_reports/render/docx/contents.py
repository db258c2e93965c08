"""A rendered document's contents list (目次) and its last page, finished after the template is filled in.

`fill_contents`: a template holds a Word TOC field (`TOC \\o "1-2" \\h`, as Word inserts it) whose result
is only a placeholder. After rendering, every heading in the field's level range gets a bookmark
(`_Toc1`, `_Toc2`, … in document order) and the field's result is replaced by one entry per heading —
its text, as a link to the heading — so Word and LibreOffice show the contents without an update.
Page numbers are not written: they are only known once a word processor lays the pages out (LibreOffice
shows a TOC's stored result as it is, and would print a guessed number as if it were right). The field is
marked dirty and the document asks Word to update its fields on opening (w:updateFields), so Word adds
the numbers; in LibreOffice, Tools ▸ Update ▸ Indexes does.

`keep_end_together`: the last paragraphs (at least `KEEP_END_LINES` lines by estimate, whole paragraphs)
are kept on one page with the closing paragraph, so that the last page never holds a stray line or two.
"""

from __future__ import annotations

import itertools
import re


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
KEEP_END_LINES = 4    # the last page holds at least this many lines of text besides the closing line
LINE_UNITS = 88       # half-width characters on a line of body text (A4 portrait, 10.5 pt, 5 mm indent)
KEEP_LINES_MAX = 20   # a kept block longer than this may split its first paragraph (else a large gap)

_TOC = re.compile(r"^\s*TOC\b")
_LEVELS = re.compile(r'\\o\s+"?(\d)\s*-\s*(\d)"?')
_HEADING = re.compile(r"heading (\d)")
_BREAKS = re.compile(r"[\n\t]+")  # a heading's line breaks and tabs: one space in its entry
# w:updateFields goes before these children of w:settings (ECMA-376 CT_Settings order)
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _el(parent, tag: str, text: str | None = None, **attrs):
    """A new w:`tag` element (attributes given without the w: prefix), appended to `parent`."""
    el = parent.makeelement(_w(tag), {_w(k): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    parent.append(el)
    return el


def _paragraph_of(el):
    while el is not None and el.tag != _w("p"):
        el = el.getparent()
    return el


def toc_field(body):
    """(instruction, [body paragraphs the field spans, first to last]) of the first TOC field, or None."""
    stack, found = [], None
    for el in body.iter(_w("fldChar"), _w("instrText")):
        if el.tag == _w("instrText"):
            if found is None and stack and _TOC.match(el.text or ""):
                found = (len(stack), el.text, stack[-1])
            continue
        kind = el.get(_w("fldCharType"))
        if kind == "begin":
            stack.append(el)
        elif kind == "end" and stack:
            if found is not None and len(stack) == found[0]:
                first, last = _paragraph_of(found[2]), _paragraph_of(el)
                if first is None or last is None or first.getparent() is not last.getparent():
                    return None
                siblings = list(first.getparent())
                return found[1], siblings[siblings.index(first):siblings.index(last) + 1]
            stack.pop()
    return None


def _style_names(document) -> dict[str, str]:
    """Lower-case name → id of the document's paragraph styles, read from styles.xml in one pass (python-docx's
    `document.styles` makes an object of every style, latent ones included: milliseconds a document)."""
    out = {}
    for style in document.styles.element.iterchildren(_w("style")):
        name = style.find(_w("name"))
        if style.get(_w("type")) == "paragraph" and name is not None:
            out.setdefault(name.get(_w("val"), "").lower(), style.get(_w("styleId")))
    return out


def _headings(document, low: int, high: int, skip) -> list:
    """(level, w:p) of every non-empty body paragraph styled Heading N, low <= N <= high, not in `skip`.
    Styles are matched by id (python-docx's Paragraph.style looks every one up)."""
    levels = {}
    for name, style_id in _style_names(document).items():
        m = _HEADING.fullmatch(name)
        if m and low <= int(m[1]) <= high:
            levels[style_id] = int(m[1])
    out = []
    for p in document.element.body.iterchildren(_w("p")):
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        level = levels.get(style.get(_w("val"))) if style is not None else None
        if level is not None and p not in skip and _text(p).strip():
            out.append((level, p))
    return out


def _style_ids(document) -> dict[int, str]:
    """Level → style id of the document's 'toc N' paragraph styles (Word's built-in names)."""
    out = {}
    for name, style_id in _style_names(document).items():
        m = re.fullmatch(r"toc (\d)", name)
        if m:
            out[int(m[1])] = style_id
    return out


def _bookmark(p, number: int, name: str) -> None:
    start = p.makeelement(_w("bookmarkStart"), {_w("id"): str(number), _w("name"): name})
    ppr = p.find(_w("pPr"))
    p.insert(0 if ppr is None else p.index(ppr) + 1, start)
    _el(p, "bookmarkEnd", id=str(number))


def _entry(parent, level: int, text: str, anchor: str, style_id: str | None):
    p = _el(parent, "p")
    ppr = _el(p, "pPr")
    if style_id:
        _el(ppr, "pStyle", val=style_id)
    else:  # no toc style in this template: indent by level
        _el(ppr, "ind", left=str(240 * (level - 1)))
    link = _el(p, "hyperlink", anchor=anchor, history="1")
    _el(_el(link, "r"), "t", text)
    return p


def fill_contents(document) -> bool:
    """Write the entries of the document's TOC field (see the module doc); False if it has none."""
    body = document.element.body
    field = toc_field(body)
    if field is None:
        return False
    instruction, span = field
    m = _LEVELS.search(instruction)
    low, high = (int(m[1]), int(m[2])) if m else (1, 3)
    headings = _headings(document, low, high, set(span))
    marks = list(body.iter(_w("bookmarkStart")))
    first_id = max((int(b.get(_w("id"))) for b in marks if (b.get(_w("id")) or "").isdigit()), default=0) + 1
    taken = {b.get(_w("name")) for b in marks}  # a template made in Word may have _Toc bookmarks of its own
    anchors = (name for name in (f"_Toc{n}" for n in itertools.count(1)) if name not in taken)
    styles = _style_ids(document)
    holder = body.makeelement(_w("body"), {})
    for n, ((level, p), anchor) in enumerate(zip(headings, anchors)):
        _bookmark(p, first_id + n, anchor)
        _entry(holder, level, _BREAKS.sub(" ", _heading_text(p)).strip(), anchor, styles.get(level))
    if not len(holder):  # no heading: the field keeps one empty entry
        _el(_el(holder, "p"), "pPr")
    entries = list(holder)
    _field_chars(entries[0], entries[-1], instruction)
    parent = span[0].getparent()  # the body, or the table cell or content control holding the field
    index = parent.index(span[0])
    for p in span:
        parent.remove(p)
    for offset, p in enumerate(entries):
        parent.insert(index + offset, p)
    _ask_to_update_fields(document)
    return True


def _field_chars(first, last, instruction: str) -> None:
    """The TOC field's begin (dirty), instruction and separator before the first entry; its end after the last."""
    ppr = first.find(_w("pPr"))
    at = 0 if ppr is None else first.index(ppr) + 1
    for kind in ("begin", "instr", "separate"):
        r = first.makeelement(_w("r"), {})
        if kind == "instr":
            _el(r, "instrText", instruction)
        else:
            _el(r, "fldChar", fldCharType=kind, **({"dirty": "true"} if kind == "begin" else {}))
        first.insert(at, r)
        at += 1
    _el(_el(last, "r"), "fldChar", fldCharType="end")


def _ask_to_update_fields(document) -> None:
    """w:updateFields in the settings: Word offers to update the fields (the TOC's page numbers) on opening."""
    settings = document.settings.element
    if settings.find(_w("updateFields")) is not None:
        return
    el = settings.makeelement(_w("updateFields"), {_w("val"): "true"})
    after = [c for c in settings if c.tag in {_w(t) for t in _AFTER_UPDATE_FIELDS}]
    if after:
        after[0].addprevious(el)
    else:
        settings.append(el)


def keep_end_together(document, closing: str = "以上") -> None:
    """Keep the closing paragraph (the body's last text, if it is `closing`) on one page with the paragraphs
    before it that hold at least KEEP_END_LINES lines, so the last page never holds only a line or two."""
    from docx.text.paragraph import Paragraph

    from roadmap_reports.render.xlsx.common import wrapped_lines

    last = _last_text(document.element.body)
    if last is None or _text(last).strip() != closing:
        return
    block, lines = [], 0
    el = last.getprevious()
    while el is not None and el.tag == _w("p") and el.find(f"{_w('pPr')}/{_w('sectPr')}") is None:
        text = _text(el)
        block.append(Paragraph(el, None))
        lines += wrapped_lines(text, LINE_UNITS) if text.strip() else 0
        if lines >= KEEP_END_LINES:
            break
        el = el.getprevious()
    for i, paragraph in enumerate(block):
        paragraph.paragraph_format.keep_with_next = True
        if i < len(block) - 1 or lines <= KEEP_LINES_MAX:
            paragraph.paragraph_format.keep_together = True


def _last_text(body):
    """The body's last paragraph with text (None if a table or section break comes after it)."""
    for el in reversed(body):
        if el.tag == _w("sectPr"):
            continue
        if el.tag != _w("p"):
            return None
        if _text(el).strip():
            return el
    return None


def _heading_text(p) -> str:
    """A heading's text as python-docx reads it (line breaks and tabs included)."""
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t")))
