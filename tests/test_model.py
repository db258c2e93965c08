"""The model (model.py): lookups by id stay right when the roadmap is changed after a lookup (they are
indexed), and the line map says where each part is in the file it was read from."""

from __future__ import annotations

import datetime as dt

from roadmap_reports.model import Measure, Roadmap, Section, Subsection


def roadmap():
    return Roadmap("t", 2022, dt.date(2023, 3, 31),
                   sections=[Section("1", "一", [Subsection("1-1", "a")]), Section("2", "二", [])],
                   measures=[Measure(1, "1", "1-1", "x", ministries=["法務省"]),
                             Measure(2, "1", "1-1", repost_of=1), Measure(3, "2", None, "y", ministries=["外務省"])])


def test_lookups_follow_changes():
    r = roadmap()
    assert r.measure(3).initiative == "y" and r.measure(9) is None
    r.measures.append(Measure(9, "2", None, "z"))
    assert r.measure(9).initiative == "z"
    r.measures[0] = Measure(7, "1", "1-1", "w")
    assert r.measure(1) is None and r.measure(7).initiative == "w"
    r.measures[2].id = 30
    assert r.measure(3) is None and r.measure(30).initiative == "y"
    r.measures = [Measure(5, "1", None, "v")]
    assert r.measure(30) is None and r.measure(5).initiative == "v"


def test_section_and_subsection_lookups_follow_changes():
    r = roadmap()
    assert r.section("2").title == "二" and r.subsection("1-1").title == "a" and r.subsection(None) is None
    r.sections[1].subsections.append(Subsection("2-1", "b"))
    assert r.subsection("2-1").title == "b"
    r.sections[0] = Section("1", "壱", [Subsection("1-2", "c")])
    assert r.section("1").title == "壱" and r.subsection("1-1") is None and r.subsection("1-2").title == "c"
    r.sections.append(Section("3", "三", []))
    assert r.section("3").title == "三"


def test_owners_and_extracts_use_the_target_of_a_repost():
    r = roadmap()
    assert r.owners(r.measure(2)) == ["法務省"]
    assert [m.id for m in r.measures_of("法務省")] == [1, 2]


def test_index_is_not_part_of_equality_or_repr():
    a, b = roadmap(), roadmap()
    a.measure(1)
    assert a == b and "_index" not in repr(a)


# --- where the parts of a roadmap are in its file --------------------------------------------------------
def test_line_map_by_id_by_position_and_top_level():
    from roadmap_reports.model import LineMap

    lines = LineMap(top={"title": 2, "measures": 10})
    lines.add_item(1, 11, [("id", 11), ("status", 15)])
    lines.add_item(1, 20, [("id", 20)])            # a duplicate id keeps the first place by id...
    lines.add_item("x", 30, [("id", 30)])          # ...and an unreadable id is only known by position
    assert (lines.measure(1), lines.measure(1, "status"), lines.measure(1, "kpis")) == (11, 15, 11)
    assert (lines.item(1), lines.item(1, "id"), lines.item(2, "id"), lines.item(3)) == (20, 20, 30, None)
    assert lines.measure(2) is None and lines.get((None, "title")) == 2 and lines.get((1, "status")) == 15
    r = Roadmap("t", 2022, dt.date(2023, 3, 31), lines=lines)
    assert (r.line_of(1, "status"), r.line_of(None, "title"), r.line_of(None), r.line_of(7)) == (15, 2, None, None)


def test_a_roadmap_built_in_memory_knows_no_line():
    from roadmap_reports.model import LineMap

    r = Roadmap("t", 2022, dt.date(2023, 3, 31))
    assert not r.lines and r.lines == LineMap() and r.line_of(1) is None and r.line_of(None, "title") is None
    r.lines = {}  # what a caller that clears the lines may set
    assert r.line_of(1, "status") is None


def test_loaded_lines_point_at_the_measure_in_the_file(mini, mini_path):
    rows = mini_path.read_text(encoding="utf-8").splitlines()
    assert rows[mini.line_of(2) - 1] == "- id: 2"
    assert rows[mini.line_of(2, "status") - 1].startswith("  status:")
    assert rows[mini.line_of(None, "as_of") - 1].startswith("as_of:")
