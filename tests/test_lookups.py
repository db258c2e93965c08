"""Roadmap lookups by id stay right when the roadmap is changed after a lookup (they are indexed)."""

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
