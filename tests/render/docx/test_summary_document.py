"""The Word summary reads like a document: reopened with python-docx, it has a contents list (a TOC field
with its entries written), the KPI items listed once each with their measures, 「以上」 at the end, and
the pagination settings that keep a heading with its text and the last lines together."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from roadmap_reports import views as book
from roadmap_reports.render.docx import summary as render_docx
from roadmap_reports.render.summary import measure_range
from roadmap_reports.sources.dataset import load_roadmap

from conftest import DATA

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def fy2022():
    return load_roadmap(DATA / "fy2022.yaml")


def render(roadmap, code):
    data = render_docx.summary_bytes(book.ministry_extract(roadmap, code))
    return docx.Document(io.BytesIO(data)), data


@pytest.fixture(scope="module")
def mext(fy2022):
    return render(fy2022, "MEXT")


def field_parts(body):
    """[(kind, element)] of the body's field characters and instructions, in document order."""
    return [(el.get(f"{W}fldCharType") or "instr", el) for el in body.iter(f"{W}fldChar", f"{W}instrText")]


def toc_entries(doc):
    """The paragraphs between the TOC field's separator and its end."""
    body = doc.element.body
    parts = field_parts(body)
    kinds = [k for k, _ in parts]
    assert kinds == ["begin", "instr", "separate", "end"], kinds  # one field, not nested, nothing else
    assert parts[1][1].text.strip().startswith("TOC ")
    paragraphs = list(body.iterchildren(f"{W}p"))
    owner = [next(p for p in paragraphs if el in set(p.iter())) for _, el in parts]
    return paragraphs[paragraphs.index(owner[2]):paragraphs.index(owner[3]) + 1], parts[0][1]


def test_contents_list_has_an_entry_linking_to_every_heading_of_levels_1_and_2(mext):
    doc, data = mext
    entries, begin = toc_entries(doc)
    headings = [p for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [p.style.name for p in doc.paragraphs].index("TOC Heading") < [p.style.name for p in doc.paragraphs].index("Heading 1")
    assert "目次" in [p.text for p in doc.paragraphs if p.style.name == "TOC Heading"]
    texts = ["".join(t.text for t in e.iter(f"{W}t")) for e in entries]
    assert texts == [h.text for h in headings]
    assert "概要" in texts and "KPI一覧" in texts and "４．共生社会の基盤整備に向けた取組" in texts
    styles = {s.style_id: s.name for s in doc.styles}
    assert [styles[e.find(f"{W}pPr/{W}pStyle").get(f"{W}val")] for e in entries] == \
        [{"Heading 1": "toc 1", "Heading 2": "toc 2"}[h.style.name] for h in headings]
    anchors = [e.find(f"{W}hyperlink").get(f"{W}anchor") for e in entries]
    marks = [h._p.find(f"{W}bookmarkStart").get(f"{W}name") for h in headings]
    assert anchors == marks and len(set(marks)) == len(marks)
    ids = [b.get(f"{W}id") for b in doc.element.body.iter(f"{W}bookmarkStart")]
    assert len(set(ids)) == len(ids) == len([b for b in doc.element.body.iter(f"{W}bookmarkEnd")])
    assert begin.get(f"{W}dirty") == "true"  # Word adds the page numbers when it opens the file
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("<w:updateFields") < settings.index("<w:compat")  # the schema's order (Word is strict)


def test_contents_list_fonts_are_japanese(mext):
    doc, _ = mext
    for name in ("toc 1", "toc 2", "TOC Heading", "Closing JP"):
        fonts = doc.styles[name].element.rPr.find(f"{W}rFonts")
        assert fonts.get(f"{W}eastAsia") in ("游明朝", "游ゴシック"), name


def kpi_list_paragraphs(doc):
    text = [p.text if p.style.name == "Heading 2" else None for p in doc.paragraphs]
    start, end = text.index("KPI一覧"), text.index("KPIの進捗")
    return [p for p in doc.paragraphs[start + 1:end] if p.style.name == "List Bullet"]


def entry_lines(entry: str) -> tuple[str, list[str]]:
    """(measures, lines) of a KPI一覧 entry: 「施策3　item↵note」 or 「施策11↵・item↵・item」."""
    first, *rest = entry.split("\n")
    label, _, text = first.partition("　")
    return label, ([text] if text else []) + rest


def test_kpi_list_gives_each_item_once_with_its_measure_range(fy2022, mext):
    doc, _ = mext
    entries = [p.text for p in kpi_list_paragraphs(doc)]
    assert len(entries) == len(set(entries))
    extract = book.ministry_extract(fy2022, "MEXT")
    lines = [k for m in extract.own for k in m.kpis]
    printed = [(label, line[1:] if line.startswith("・") else line) for e in entries
               for label, lines_ in [entry_lines(e)] for line in lines_]
    for line in lines:  # every KPI line of the ministry in one entry (a 「上記とともに」 line with each of its items)
        found = [label for label, text in printed if text == line]
        ids = [m.id for m in extract.own if line in m.kpis]
        assert len(found) == (1 if not line.startswith("上記") else len(ids)), line
        if not line.startswith("上記"):
            assert found == [measure_range(ids)], line
    schooling = "令和７年度（2025年度）までに全ての外国人の子どもの就学状況を一体的に管理・把握する。"
    assert sum(schooling in e for e in entries) == 1 and lines.count(schooling) == 10
    assert f"施策35～39、41～45　{schooling}" in entries
    assert "施策40　就学ガイドブック・動画の周知" in entries
    assert "施策14、47、48、50、51　日本語指導が必要な高校生等の中途退学率を改善" in entries
    assert "施策11\n・日本語教育機関の認定制度の整備\n・日本語教師の資格制度の整備" in entries
    assert len(entries) < len(lines) - 10


def test_a_follow_up_line_is_printed_with_its_item_not_as_an_item(mext):
    doc, _ = mext
    paragraphs = kpi_list_paragraphs(doc)
    entries = [p.text for p in paragraphs]
    assert not [e for e in entries if entry_lines(e)[1][0].startswith(("上記", "・上記"))]
    item = "施策3　日本語教育機関等における「日本語教育の参照枠」への対応状況の把握\n上記とともに必要な取組を実施"
    assert item in entries
    assert paragraphs[entries.index(item)].paragraph_format.keep_together is True  # one page, one paragraph


@pytest.fixture(scope="module")
def moj(fy2022):
    return render(fy2022, "MOJ")


def test_contents_entries_are_the_headings_exactly_as_published(moj):
    doc, _ = moj
    entries, _ = toc_entries(doc)
    texts = ["".join(t.text for t in e.iter(f"{W}t")) for e in entries]
    assert "◎\u3000共生社会の基盤としての在留管理体制の構築" in texts  # the ideographic space kept
    assert texts == [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]


def test_a_reference_caption_heads_its_items(moj):
    doc, _ = moj
    entries = [p.text for p in kpi_list_paragraphs(doc)]
    assert ("施策69\n（参考指標）\n・人権教室総参加者数\n・法務省ホームページの人権啓発等に関するページのアクセス数"
            "\n・バナー広告インプレッション数\n・バナー広告クリック数") in entries
    assert not [e for e in entries if entry_lines(e)[1] == ["（参考指標）"]]


def test_the_document_closes_with_ijo_right_aligned_kept_with_the_lines_before(mext):
    doc, _ = mext
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    last = paragraphs[-1]
    assert last.text == "以上"
    alignment = last.alignment if last.alignment is not None else last.style.paragraph_format.alignment
    assert alignment == WD_ALIGN_PARAGRAPH.RIGHT
    body = list(doc.element.body)
    kept = []
    for el in reversed(body[:body.index(last._p)]):
        p = docx.text.paragraph.Paragraph(el, None)
        if not p.paragraph_format.keep_with_next:
            break
        kept.append(p.text)
    assert sum(len(t) for t in kept) >= 80 and kept[0]  # at least two lines' worth of text go with 以上


def style_value(style, get):
    while style is not None:
        value = get(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def test_pagination_headings_keep_with_next_widow_control_and_no_forced_page_break(mext):
    doc, data = mext
    assert doc.styles["Normal"].paragraph_format.widow_control is True
    for name in ("Heading 1", "Heading 2", "Heading 3", "Label", "TOC Heading"):
        assert style_value(doc.styles[name], lambda s: s.paragraph_format.keep_with_next), name
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:type="page"' not in body and "pageBreakBefore" not in body


def test_body_text_is_at_least_8_pt_in_japanese_fonts(mext):
    doc, _ = mext
    used = {p.style.name for p in doc.paragraphs if p.text.strip()}
    assert {"Normal", "Body Indent", "List Bullet", "toc 1", "toc 2"} <= used
    for name in used:
        size = style_value(doc.styles[name], lambda s: s.font.size)
        assert size is not None and size >= Pt(8), name
        fonts = style_value(doc.styles[name], lambda s: s.element.rPr.find(f"{W}rFonts") if s.element.rPr is not None
                            and s.element.rPr.find(f"{W}rFonts") is not None else None)
        assert fonts.get(f"{W}eastAsia") in ("游明朝", "游ゴシック"), name
    for p in doc.paragraphs:  # no run made smaller by hand
        assert all(r.font.size is None or r.font.size >= Pt(8) for r in p.runs)


def test_a_custom_templates_own_toc_field_gets_the_entries_in_place_of_its_old_ones(tmp_path, mini):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    custom = docx.Document()
    preface = custom.add_paragraph("前書き")
    for tag, attrs in (("w:bookmarkStart", {"w:id": "7", "w:name": "_Toc1"}), ("w:bookmarkEnd", {"w:id": "7"})):
        mark = OxmlElement(tag)  # a bookmark of the template's own, named as ours would be
        for k, v in attrs.items():
            mark.set(qn(k), v)
        preface._p.append(mark)
    entries = [custom.add_paragraph(text) for text in ("古い項目１", "古い項目２", "")]

    def chars(paragraph, *kinds, at=0):
        for kind in reversed(kinds):
            r = OxmlElement("w:r")
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.text = ' TOC \\o "1-3" \\h \\z \\u '
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            r.append(el)
            paragraph._p.insert(at, r)

    chars(entries[0], "begin", "instr", "separate")  # as Word writes it: the field's end in a paragraph of its own
    chars(entries[2], "end")
    custom.add_paragraph("{{ ministry.name }}", style="Heading 1")
    custom.add_paragraph("{%p for m in measures %}")
    custom.add_paragraph("施策{{ m.id }}", style="Heading 2")
    custom.add_paragraph("{{ m.initiative }}")
    custom.add_paragraph("{%p endfor %}")
    custom.add_paragraph("付記", style="Heading 4")  # outside "1-3"
    path = tmp_path / "custom.docx"
    custom.save(path)
    data = render_docx.summary_bytes(book.ministry_extract(mini, "MOJ"), path)
    doc = docx.Document(io.BytesIO(data))
    text = [p.text for p in doc.paragraphs]
    assert text[:5] == ["前書き", "法務省", "施策2", "施策4", "法務省"]
    assert "古い項目１" not in text and "古い項目２" not in text
    toc, _ = toc_entries(doc)
    assert [e.find(f"{W}hyperlink").get(f"{W}anchor") for e in toc] == ["_Toc2", "_Toc3", "_Toc4"]
    starts = list(doc.element.body.iter(f"{W}bookmarkStart"))
    assert [(m.get(f"{W}id"), m.get(f"{W}name")) for m in starts] == [
        ("7", "_Toc1"), ("8", "_Toc2"), ("9", "_Toc3"), ("10", "_Toc4")]
    indents = [e.find(f"{W}pPr/{W}ind") for e in toc]  # no 'toc N' styles in this template: indented by level
    assert [i.get(f"{W}left") for i in indents] == ["0", "240", "240"]
    assert text[-1] == "付記"


def measure_kpis(doc, heading):
    """The paragraphs between a measure's 「KPI」 label and 「担当省庁：」."""
    text = [p.text for p in doc.paragraphs]
    start = next(i for i, p in enumerate(doc.paragraphs) if p.style.name == "Heading 3" and p.text == heading)
    label = text.index("KPI", start)
    return doc.paragraphs[label + 1:next(i for i in range(label, len(text)) if text[i].startswith("担当省庁："))]


def test_a_measures_kpi_bullets_keep_follow_ups_and_captions_with_their_items(mext, moj):
    three = measure_kpis(mext[0], "施策3")
    assert [(p.style.name, p.text) for p in three] == [
        ("List Bullet", "日本語教育機関等における「日本語教育の参照枠」への対応状況の把握\n上記とともに必要な取組を実施")]
    sixty_nine = measure_kpis(moj[0], "施策69")
    assert [(p.style.name, p.text) for p in sixty_nine] == [
        ("Body Indent", "（参考指標）"), ("List Bullet", "人権教室総参加者数"),
        ("List Bullet", "法務省ホームページの人権啓発等に関するページのアクセス数"),
        ("List Bullet", "バナー広告インプレッション数"), ("List Bullet", "バナー広告クリック数")]
    assert sixty_nine[0].paragraph_format.keep_with_next  # the caption never ends a page
