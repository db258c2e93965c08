"""What every workbook we write shares (render/xlsx/common.py): safe sheet titles, text that a cell can
hold (the rules of office.py), widths measured by japanese.width."""

from __future__ import annotations

import pytest

from roadmap_reports import office
from roadmap_reports.errors import RenderError
from roadmap_reports.render.xlsx.common import check_text, fit_row_height, safe_sheet_title, wrapped_lines


def test_sheet_titles_are_safe():
    assert safe_sheet_title("a/b:c*d?[e]") == "a_b_c_d__e_"
    assert len(safe_sheet_title("あ" * 40)) == 31


@pytest.mark.parametrize("text, codes", [("a\x07b", "U+0007"), ("\ufffe x \x0b \x07", "U+0007, U+000B, U+FFFE")])
def test_a_character_xml_forbids_is_refused_with_its_code(text, codes):
    with pytest.raises(RenderError) as err:
        check_text(text, measure=7, field="status")
    assert str(err.value) == f"measure 7: status contains characters XML forbids ({codes})"


def test_a_text_longer_than_a_cell_is_refused_at_the_office_limit():
    assert check_text("あ" * office.CELL_MAX_CHARS) == "あ" * office.CELL_MAX_CHARS
    with pytest.raises(RenderError) as err:
        check_text("あ" * (office.CELL_MAX_CHARS + 1), measure=3, field="initiative")
    assert str(err.value) == "measure 3: initiative is 32,768 characters, more than an Excel cell holds (32,767)"


@pytest.mark.parametrize("char", ["①", "→", "—", "○", "※"])
def test_ambiguous_width_characters_wrap_as_full_width(char):
    """Japanese fonts draw ①, →, — full-width: ten of them fill a 21-unit column (20 usable), so 15 take
    two lines and the row is as tall as two lines of 漢字 (they counted 1 each before japanese.width)."""
    assert wrapped_lines(char * 10, 21) == 1
    assert wrapped_lines(char * 15, 21) == wrapped_lines("漢" * 15, 21) == 2
    assert fit_row_height([(char * 15, 21)]) == fit_row_height([("漢" * 15, 21)]) > fit_row_height([("a" * 15, 21)])


def test_a_page_header_stays_within_excels_limit(tmp_path):
    """Excel keeps at most 255 characters of a page header, codes included, and repairs a longer one away:
    a long report title is cut with 「…」 in the header only (the document properties keep it whole)."""
    import io

    import openpyxl

    from roadmap_reports import views
    from roadmap_reports.render.xlsx.extract import ministry_workbook_bytes
    from roadmap_reports.sources.dataset import load_roadmap

    from build_helpers import mini_data, write_dataset

    data = mini_data()
    data["title"] = "令和４年度外国人との共生社会の実現に向けたロードマップの実施状況＆" + "（長い副題）" * 40
    roadmap = load_roadmap(write_dataset(tmp_path / "long.yaml", data))
    wb = openpyxl.load_workbook(io.BytesIO(ministry_workbook_bytes(views.ministry_extract(roadmap, "MEXT"))))
    ws = wb["施策一覧"]
    header = ws.oddHeader
    assert len(str(header)) == office.HEADER_FOOTER_MAX_CHARS
    assert header.left.text.endswith("…") and data["title"].startswith(header.left.text[:-1].replace("&&", "&"))
    assert header.right.text == "文部科学省　令和４年度（FY2022）　令和５年３月31日時点"
    assert wb.properties.title == f"{data['title']}（文部科学省）"
