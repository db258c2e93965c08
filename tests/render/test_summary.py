"""render/summary.py: measure numbers as a range, and the KPI items of a ministry listed once each."""

from __future__ import annotations

import pytest

from roadmap_reports import views
from roadmap_reports.render.summary import kpi_list, measure_range

from conftest import DATA


@pytest.mark.parametrize("ids, label", [
    ([3], "施策3"), ([1, 2], "施策1、2"), ([45, 35, 36, 37], "施策35～37、45"),
    ([35, 36, 37, 38, 39, 41, 42, 43, 44, 45], "施策35～39、41～45"), ([47, 48, 50, 50], "施策47、48、50"),
])
def test_measure_range(ids, label):
    assert measure_range(ids) == label


def test_each_kpi_item_of_a_ministry_once_with_every_measure_that_sets_it():
    from roadmap_reports.sources.dataset import load_roadmap

    extract = views.ministry_extract(load_roadmap(DATA / "fy2022.yaml"), "MEXT")
    groups = kpi_list(extract.own)
    items = [item for _, group in groups for item in group]
    assert len(items) == len(set(items))
    for ids, group in groups:  # every measure listed sets the items, and no other measure does
        for item in group:
            assert ids == [m.id for m in extract.own if item.text in m.kpis]
    assert all(a[0] != b[0] for a, b in zip(groups, groups[1:]))  # neighbours with the same measures: one group
    schooling = [ids for ids, group in groups for item in group
                 if item.text.startswith("令和７年度（2025年度）までに全ての外国人の子ども")]
    assert schooling == [[35, 36, 37, 38, 39, 41, 42, 43, 44, 45]]  # measure 40 has a KPI of its own
    assert [[i.text for i in group] for ids, group in groups if ids == [11]] == [
        ["日本語教育機関の認定制度の整備", "日本語教師の資格制度の整備"]]
    assert not [item for item in items if item.text.startswith("上記")]
