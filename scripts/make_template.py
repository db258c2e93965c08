#!/usr/bin/env python
"""Create templates/ministry_summary.docx, the default Word template of `roadmap-reports build`.

The template is an ordinary .docx with Jinja2 tags (docxtpl): users may open it in Word, restyle it,
move or reword the fixed text, and pass it back with `--template`. This script only gives the first
version a clean start: A4 portrait, Japanese fonts on every style (w:eastAsia as well as w:ascii/w:hAnsi,
no theme fonts), headings Word's navigation pane shows, a header with the title and a footer with page
numbers, a 目次 (a TOC field whose entries `build` writes: render/docx/contents.py) and a closing 「以上」.
Run it again after changing it; the output is byte-identical for the same script.

    /work/venv/bin/python scripts/make_template.py [OUTPUT]

Variables the template uses (see docs/build.md for the full list): title, fiscal_year_label,
as_of_label, ministry.name/.code/.english, counts.measures/.shared/.reposts, by_section[],
shared[], kpis[], kpi_progress[] (id, no, text, verdict, reason, actuals), sections[] → subsections[] → measures[].
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from roadmap_reports.io.reproducible import normalize_zip  # noqa: E402

MINCHO = "游明朝"
GOTHIC = "游ゴシック"
FIXED = dt.datetime(2023, 3, 31)


# --- fonts ----------------------------------------------------------------------------------------
def set_fonts(rpr, name: str) -> None:
    """Explicit fonts for Latin and East Asian text; theme fonts removed (they would win in Word)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")


def style_fonts(style, name: str, size: float | None = None, bold: bool | None = None,
                color: str | None = "000000") -> None:
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, name)
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if color is not None:
        style.font.color.rgb = RGBColor.from_string(color)
    style.font.italic = False


def doc_defaults(doc) -> None:
    """Default run fonts and language for the whole document: Japanese text in 游明朝."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    set_fonts(rpr, MINCHO)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "ja-JP")
    lang.set(qn("w:bidi"), "ar-SA")


# --- building blocks ------------------------------------------------------------------------------
def para(doc, text: str = "", style: str | None = None, *, bold_prefix: str | None = None,
         align=None, keep_with_next: bool = False):
    p = doc.add_paragraph(style=style)
    if bold_prefix:
        r = p.add_run(bold_prefix)
        r.bold = True
    if text:
        p.add_run(text)
    if align is not None:
        p.alignment = align
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    return p


def tag(doc, text: str):
    """A paragraph holding only a docxtpl {%p ...%} tag: it disappears when rendered."""
    return doc.add_paragraph(text)


def field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update when printing."""
    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    t = OxmlElement("w:t")
    t.text = placeholder
    run_with(t)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def add_style(doc, name: str, base: str, *, font: str, size: float, bold: bool = False,
              left_indent_mm: float | None = None, space_before: float = 0, space_after: float = 0,
              keep_with_next: bool = False):
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    style_fonts(style, font, size, bold)
    pf = style.paragraph_format
    if left_indent_mm is not None:
        pf.left_indent = Mm(left_indent_mm)
    pf.space_before = Pt(space_before)
    pf.space_after = Pt(space_after)
    pf.keep_with_next = keep_with_next
    return style


def contents_styles(doc) -> None:
    """Word's built-in 'toc 1' and 'toc 2' styles (the entries of the contents list) and 'TOC Heading'."""
    from docx.enum.style import WD_STYLE_TYPE

    for level in (1, 2):
        style = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), f"TOC{level}")
        style.base_style = doc.styles["Normal"]
        style_fonts(style, MINCHO, 10.5)
        pf = style.paragraph_format
        pf.left_indent = Mm(6 * (level - 1))
        pf.space_before = Pt(3 if level == 1 else 0)
        pf.space_after = Pt(0)
    style_fonts(doc.styles["TOC Heading"], GOTHIC, 14, True)
    add_style(doc, "Closing JP", "Normal", font=MINCHO, size=10.5)


def contents(doc) -> None:
    """目次: a TOC field over Heading 1–2 whose entries `roadmap-reports build` writes (render/docx/contents)."""
    para(doc, "目次", "TOC Heading")
    p = para(doc, "", "toc 1")
    field(p, 'TOC \\o "1-2" \\h \\z \\u', "（目次の項目は文書の作成時に入ります。）")


# --- the template ---------------------------------------------------------------------------------
def page_and_styles(doc) -> None:
    """A4 portrait, the styles with their Japanese fonts, the header (title) and footer (page numbers)."""
    # page: A4 portrait
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(22)
    section.header_distance = section.footer_distance = Mm(12)

    # styles
    doc_defaults(doc)
    styles = doc.styles
    style_fonts(styles["Normal"], MINCHO, 10.5)
    styles["Normal"].paragraph_format.space_after = Pt(2)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    styles["Normal"].paragraph_format.widow_control = True  # no first or last line of a paragraph alone on a page
    style_fonts(styles["Title"], GOTHIC, 16, True)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Title"].paragraph_format.space_after = Pt(6)
    style_fonts(styles["Heading 1"], GOTHIC, 14, True)
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
    styles["Heading 1"].paragraph_format.space_after = Pt(6)
    style_fonts(styles["Heading 2"], GOTHIC, 12, True)
    styles["Heading 2"].paragraph_format.space_before = Pt(12)
    styles["Heading 2"].paragraph_format.space_after = Pt(4)
    style_fonts(styles["Heading 3"], GOTHIC, 10.5, True)
    styles["Heading 3"].paragraph_format.space_before = Pt(10)
    styles["Heading 3"].paragraph_format.space_after = Pt(2)
    for name in ("List Bullet", "Header", "Footer", "Table Grid"):
        try:
            style_fonts(styles[name], MINCHO if name == "List Bullet" else GOTHIC, None, None)
        except KeyError:
            pass
    styles["List Bullet"].paragraph_format.left_indent = Mm(10)
    add_style(doc, "Subtitle JP", "Normal", font=GOTHIC, size=11, space_after=12)
    styles["Subtitle JP"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_style(doc, "Label", "Normal", font=GOTHIC, size=10, bold=True, space_before=6, keep_with_next=True)
    add_style(doc, "Body Indent", "Normal", font=MINCHO, size=10.5, left_indent_mm=5)
    add_style(doc, "Note", "Normal", font=MINCHO, size=9, left_indent_mm=5)
    contents_styles(doc)

    # header and footer
    header = section.header.paragraphs[0]
    header.text = "{{ title }}　{{ ministry.name }}"
    header.style = styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for r in header.runs:
        r.font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.style = styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field(footer, "PAGE")
    footer.add_run(" / ")
    field(footer, "NUMPAGES")



def overview(doc) -> None:
    """Title, 目次, 概要 (counts, sections table, shared measures), KPI一覧 and KPIの進捗."""
    # title page and overview
    para(doc, "{{ title }}", "Title")
    para(doc, "{{ ministry.name }}　{{ fiscal_year_label }}　{{ as_of_label }}", "Subtitle JP")
    contents(doc)
    para(doc, "概要", "Heading 1")
    para(doc, "{{ ministry.name }}が担当する施策は{{ counts.measures }}件（うち他省庁との共管 {{ counts.shared }}件）、"
              "他の施策の再掲は{{ counts.reposts }}件です。")
    para(doc, "分野別の施策数", "Heading 2")
    table = doc.add_table(rows=4, cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("分野", "施策数", "再掲")):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    table.rows[1].cells[0].text = "{%tr for s in by_section %}"
    for cell, text in zip(table.rows[2].cells, ("{{ s.title }}", "{{ s.measures }}", "{{ s.reposts }}")):
        cell.text = text
    for cell in table.rows[2].cells[1:]:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table.rows[3].cells[0].text = "{%tr endfor %}"
    table.autofit = False
    for column, width in zip(table.columns, (Mm(122), Mm(22), Mm(22))):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, (Mm(122), Mm(22), Mm(22))):
            cell.width = width

    para(doc, "共管施策", "Heading 2")
    tag(doc, "{%p if shared %}")
    tag(doc, "{%p for s in shared %}")
    para(doc, "施策{{ s.id }}（{{ s.co_owners }}と共管）", "List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "共管の施策はありません。")
    tag(doc, "{%p endif %}")

    para(doc, "KPI一覧", "Heading 2")
    tag(doc, "{%p if kpis %}")
    tag(doc, "{%p for k in kpis %}")
    item = para(doc, "{{ k.entry }}", "List Bullet", bold_prefix="{{ k.label }}")
    item.paragraph_format.keep_together = True  # an item and its 「上記とともに…」 line on one page
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "KPIの設定された施策はありません。")
    tag(doc, "{%p endif %}")

    para(doc, "KPIの進捗", "Heading 2")
    tag(doc, "{%p if kpi_progress %}")
    tag(doc, "{%p for k in kpi_progress %}")
    para(doc, "{{ k.text }}", "List Bullet", bold_prefix="施策{{ k.id }}（KPI {{ k.no }}）【{{ k.verdict }}】　")
    tag(doc, "{%p if k.actuals %}")
    para(doc, "実績：{{ k.actuals }}")
    tag(doc, "{%p endif %}")
    para(doc, "判定の理由：{{ k.reason }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "数値目標または実績の記載があるKPIはありません。")
    tag(doc, "{%p endif %}")



def measures(doc) -> None:
    """Every measure under its section and subsection, then the closing 「以上」."""
    # every measure under its section and subsection
    tag(doc, "{%p for sec in sections %}")
    para(doc, "{{ sec.title }}", "Heading 1")
    tag(doc, "{%p for sub in sec.subsections %}")
    tag(doc, "{%p if sub.title %}")
    para(doc, "{{ sub.title }}", "Heading 2")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for m in sub.measures %}")
    para(doc, "{{ m.heading }}", "Heading 3")
    para(doc, "具体的取組{% if m.is_repost %}（施策{{ m.repost_of }}の再掲）{% endif %}", "Label")
    para(doc, "{{ m.initiative }}", "Body Indent")
    para(doc, "KPI", "Label")
    tag(doc, "{%p for k in m.kpi_items %}")
    tag(doc, "{%p if k.caption %}")
    para(doc, "{{ k.caption }}", "Body Indent", keep_with_next=True)
    tag(doc, "{%p endif %}")
    para(doc, "{{ k.entry }}", "List Bullet").paragraph_format.keep_together = True
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not m.kpis %}")
    para(doc, "（なし）", "Body Indent")
    tag(doc, "{%p endif %}")
    para(doc, "{{ m.owners }}", "Body Indent", bold_prefix="担当省庁：")
    tag(doc, "{%p if m.co_owners %}")
    para(doc, "{{ m.co_owners }}", "Body Indent", bold_prefix="共管：")
    tag(doc, "{%p endif %}")
    para(doc, "実施状況{% if m.status_is_part %}（{{ ministry.name }}の記載部分）{% endif %}", "Label")
    tag(doc, "{%p if m.is_repost %}")
    para(doc, "施策{{ m.repost_of }}の実施状況を参照。", "Body Indent")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for line in m.status_lines %}")
    para(doc, "{{ line }}", "Body Indent")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if m.status_is_part %}")
    para(doc, "公表された実施状況（全文）", "Label")
    tag(doc, "{%p for line in m.full_status_lines %}")
    para(doc, "{{ line }}", "Note")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    closing = para(doc, "以上", "Closing JP", align=WD_ALIGN_PARAGRAPH.RIGHT)
    closing.paragraph_format.space_before = Pt(12)



def build() -> bytes:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

    page_and_styles(doc)
    overview(doc)
    measures(doc)

    # no thumbnail of python-docx's own default document, no preview picture saved by Word
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package_rels[rid]
    settings = doc.settings.element
    for el in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(el)

    props = doc.core_properties
    props.title = "{{ title }}（{{ ministry.name }}）"
    props.subject = "外国人との共生社会の実現に向けたロードマップ 実施状況"
    props.author = "roadmap-reports"
    props.last_modified_by = "roadmap-reports"
    props.comments = "roadmap-reports build の既定テンプレート（docxtpl / Jinja2）。Word で編集して --template で指定できます。"
    props.language = "ja-JP"
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED

    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue(), FIXED)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "templates" / "ministry_summary.docx"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
