"""The Word summaries, reopened with python-docx, and the default template itself."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.shared import Mm

from roadmap_reports import views as book
from roadmap_reports.render.docx import summary as render_docx
from roadmap_reports.sources.dataset import load_roadmap
from roadmap_reports.errors import RenderError

from build_helpers import dataset_with

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(roadmap, code, template=None):
    data = render_docx.summary_bytes(book.ministry_extract(roadmap, code), template)
    return docx.Document(io.BytesIO(data)), data


def styled(doc, style):
    return [p.text for p in doc.paragraphs if p.style.name == style]


def test_template_styles_set_east_asian_fonts():
    doc = docx.Document(render_docx.default_template())
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        fonts = doc.styles[name].element.rPr.find(f"{W}rFonts")
        assert fonts.get(f"{W}eastAsia") in ("游明朝", "游ゴシック"), name
        assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == fonts.get(f"{W}eastAsia"), name
        assert fonts.get(f"{W}eastAsiaTheme") is None and fonts.get(f"{W}asciiTheme") is None, name
    defaults = doc.styles.element.find(f"{W}docDefaults").find(f"{W}rPrDefault").find(f"{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "游明朝"
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "ja-JP"


def test_page_is_a4_portrait_with_page_numbers_in_footer(mini):
    doc, _ = render(mini, "MEXT")
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert section.page_width < section.page_height
    instructions = [t.text.strip() for t in section.footer._element.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert section.header.paragraphs[0].text == f"{mini.title}　文部科学省"


def test_title_and_overview(mini):
    doc, _ = render(mini, "MEXT")
    assert styled(doc, "Title") == [mini.title]
    assert doc.paragraphs[1].text == "文部科学省　令和４年度（FY2022）　令和５年３月31日時点"
    text = [p.text for p in doc.paragraphs]
    assert "文部科学省が担当する施策は2件（うち他省庁との共管 1件）、他の施策の再掲は1件です。" in text
    assert "施策4（法務省と共管）" in styled(doc, "List Bullet")
    table = doc.tables[0]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["分野", "施策数", "再掲"], [mini.sections[0].title, "1", "1"], [mini.sections[1].title, "1", "0"]]
    kpis = [p.text for p in doc.paragraphs if p.style.name == "List Bullet" and p.text.startswith("施策")]
    assert kpis[1:] == ["施策1　" + mini.measure(1).kpis[0], "施策4　" + mini.measure(4).kpis[0]]


def test_headings_give_the_structure_sections_subsections_measures(mini):
    doc, _ = render(mini, "MEXT")
    outline = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert outline == [
        ("Heading 1", "概要"), ("Heading 2", "分野別の施策数"), ("Heading 2", "共管施策"), ("Heading 2", "KPI一覧"),
        ("Heading 2", "KPIの進捗"),
        ("Heading 1", mini.sections[0].title), ("Heading 2", mini.sections[0].subsections[0].title),
        ("Heading 3", "施策1"), ("Heading 3", "施策3（再掲：施策1）"),
        ("Heading 1", mini.sections[1].title), ("Heading 2", mini.sections[1].subsections[0].title),
        ("Heading 3", "施策4"),
    ]


def test_only_the_ministrys_measures(mini):
    doc, _ = render(mini, "MHLW")
    assert styled(doc, "Heading 3") == ["施策5"]
    assert "（なし）" in [p.text for p in doc.paragraphs]  # measure 5 has no KPI
    assert "KPIの設定された施策はありません。" in [p.text for p in doc.paragraphs]


def test_repost_refers_to_its_measure(mini):
    doc, _ = render(mini, "MEXT")
    text = [p.text for p in doc.paragraphs]
    i = text.index("施策3（再掲：施策1）")
    assert text[i + 1] == "具体的取組（施策1の再掲）"
    assert text[i + 2] == mini.measure(1).initiative
    assert "施策1の実施状況を参照。" in text[i:]


def test_tagged_status_shows_own_part_and_full_text(mini):
    doc, _ = render(mini, "MOJ")
    text = [p.text for p in doc.paragraphs]
    i = text.index("実施状況（法務省の記載部分）")
    assert text[i + 1] == mini.measure(4).status_by_ministry["法務省"]
    assert text[i + 2] == "公表された実施状況（全文）"
    assert text[i + 3:i + 7] == mini.measure(4).status.split("\n")
    assert "共管：文部科学省" in text


def test_data_is_never_a_template_and_prints_literally(tmp_path):
    tricky = "{{ ministry.name }} {% if True %}x{% endif %} {_{ y }_} & <b>太字</b> &amp; {# c #}"
    path = dataset_with(tmp_path / "d.yaml", {2: {"initiative": tricky, "status": "=SUM(A1)\n@cmd|' /C calc'!A0",
                                                 "kpis": ["+1", "-1"]}})
    doc, data = render(load_roadmap(path), "MOJ")
    text = [p.text for p in doc.paragraphs]
    assert tricky in text
    assert "=SUM(A1)" in text and "@cmd|' /C calc'!A0" in text
    assert "+1" in text and "-1" in text
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # the only field is the template's own contents list, the only links its entries to bookmarks here
    assert re.findall(r"<w:instrText[^>]*>([^<]*)<", body) == [' TOC \\o "1-2" \\h \\z \\u ']
    assert "fldSimple" not in body and "r:id=" not in re.sub(r"<w:(?:headerReference|footerReference)[^>]*>", "", body)
    assert set(re.findall(r"<w:hyperlink ([^>]*)>", body)) <= {f'w:anchor="_Toc{n}" w:history="1"' for n in range(1, 20)}


def test_core_properties_are_fixed(mini):
    doc, data = render(mini, "MOJ")
    props = doc.core_properties
    assert props.title == f"{mini.title}（法務省）"
    assert props.subject.startswith("外国人との共生社会の実現に向けたロードマップ 実施状況")
    assert props.author == "roadmap-reports"
    assert props.created.date() == props.modified.date() == props.last_printed.date() == mini.as_of
    assert props.comments == "法務省の施策 2件（再掲 0件）"
    z = zipfile.ZipFile(io.BytesIO(data))
    assert {i.date_time for i in z.infolist()} == {(2023, 3, 31, 0, 0, 0)}
    assert not [n for n in z.namelist() if "thumbnail" in n]  # no picture of some other document


def test_a_custom_template_replaces_the_default(tmp_path, mini):
    custom = docx.Document()
    custom.add_paragraph("{{ ministry.code }}: {{ counts.measures }} measures")
    custom.add_paragraph("{%p for m in measures %}")
    custom.add_paragraph("{{ m.id }} {{ m.initiative }}")
    custom.add_paragraph("{%p endfor %}")
    path = tmp_path / "custom.docx"
    custom.save(path)
    doc, _ = render(mini, "MOJ", path)
    assert [p.text for p in doc.paragraphs] == ["MOJ: 2 measures", f"2 {mini.measure(2).initiative}",
                                                f"4 {mini.measure(4).initiative}"]


@pytest.mark.parametrize("content, message", [
    ("{{ nope }}", "template error: 'nope' is undefined"),
    ("{% if %}", "template error: Expected an expression, got 'end of statement block'"),
])
def test_broken_template_is_a_one_line_error(tmp_path, mini, content, message):
    custom = docx.Document()
    custom.add_paragraph(content)
    path = tmp_path / "t.docx"
    custom.save(path)
    with pytest.raises(RenderError) as err:
        render(mini, "MOJ", path)
    assert str(err.value).startswith(f"{path}: {message}")
    assert "\n" not in str(err.value)


def test_template_that_is_not_a_docx(tmp_path):
    bad = tmp_path / "t.docx"
    bad.write_text("hello")
    with pytest.raises(RenderError, match="not a Word template"):
        render_docx.Template(bad)
    with pytest.raises(RenderError, match="template not found"):
        render_docx.Template(tmp_path / "missing.docx")


def test_default_template_is_reproducible_from_its_script(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "t.docx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_template.py"), str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == render_docx.default_template().read_bytes()


def test_measure_without_subsection_has_no_empty_heading(tmp_path):
    path = dataset_with(tmp_path / "d.yaml", {5: {"subsection": None}})
    doc, _ = render(load_roadmap(path), "MHLW")
    outline = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")][5:]
    assert outline == [("Heading 1", "３．ライフステージ・ライフサイクルに応じた支援"), ("Heading 3", "施策5")]
