"""The FY2022 facts of KPI progress, pinned: types, targets and actuals (with quotes and fiscal years) of
every KPI item, against the hand-made ground truth tests/fixtures/kpi_truth_fy2022.yaml."""

from __future__ import annotations

import functools

import pytest
import yaml

from conftest import DATA, FIXTURES


@functools.lru_cache(maxsize=1)
def truth():
    return yaml.safe_load((FIXTURES / "kpi_truth_fy2022.yaml").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def items():
    from roadmap_reports.progress.targets import items_of
    from roadmap_reports.sources.dataset import load_roadmap

    return {i.key: i for i in items_of(load_roadmap(DATA / "fy2022.yaml"))}


TRUTH_ITEMS = [(m["measure"], k) for m in truth()["measures"] for k in m["kpis"]]


def _unit(u):
    return {"名": "人", "市区町村等": "市区町村"}.get(u, u)


@pytest.mark.parametrize("measure, k", TRUTH_ITEMS, ids=[f"{m}-{k['kpi_index']}" for m, k in TRUTH_ITEMS])
def test_every_item_type_and_actuals(measure, k):
    item = items()[(measure, k["kpi_index"])]
    assert item.kpi == k["kpi"]
    assert item.type == k["type"]
    got = sorted((float(a.value), _unit(a.unit), a.as_of_fy) for a in item.actuals)
    doubtful = {float(d["value"]) for d in k.get("doubtful") or []}
    want = sorted((float(a["value"]), _unit(a["unit"]), a["as_of_fy"]) for a in k["actuals"])
    assert [g for g in got if g[0] not in doubtful or g in want] == want
    for a in item.actuals:
        assert a.quote in item.status


def test_counts_on_fy2022():
    found = items().values()
    assert len(found) == 126
    assert len({i.measure for i in found}) == 80
    assert sum(i.has_numeric_target for i in found) == 9
    assert sum(bool(i.actuals) for i in found) == 35


@pytest.mark.parametrize("key, value, unit, comparator", [
    ((5, 0), 50, "%", ">="), ((7, 0), 6, "回", "="), ((96, 0), 85, "%", "="), ((9, 0), 450_000, "人", ">="),
    ((23, 0), 20, "件", "="), ((33, 0), 10_200, "か所", "="), ((95, 0), 30, "団体", "="), ((95, 1), 100, "人", "="),
], ids=str)
def test_numeric_targets(key, value, unit, comparator):
    t = items()[key].target_dict()
    assert (t["value"], t["unit"], t["comparator"]) == (value, unit, comparator)


def test_deadlines():
    assert items()[(23, 0)].target.deadline_fy == 2027
    assert items()[(33, 0)].target.deadline_fy == 2024   # not 令和７年度, which begins the next plan (以降)
    assert items()[(8, 0)].target.deadline_fy == 2026


@pytest.mark.parametrize("key, value, fy, quote", [
    ((5, 0), 53.7, 2021, "令和３年度時点で既に53.7％"),
    ((7, 0), 10, 2022, "（計10回）"),
    ((96, 0), 86, 2021, "86％、2021年６月時点"),
    ((19, 1), 6065, 2021, "（参考）令和３年度：6,065件"),
    ((48, 0), 9.6, 2018, "前回の調査（平成30年度）の9.6%"),
    ((57, 0), 8047, 2022, "8,047件。(令和４年10月末時点）"),
    ((95, 1), 20, 2022, "累計20名"),
    ((9, 2), 3_790_000, 2021, "日本語学習者数は379万人超"),
    ((79, 0), 5, 2022, "研修期間：５日"),
], ids=str)
def test_actuals_with_their_quotes(key, value, fy, quote):
    hit = [a for a in items()[key].actuals if a.value == value]
    assert len(hit) == 1 and hit[0].as_of_fy == fy and quote in hit[0].quote


def test_several_items_each_figure_to_its_own():
    nine = items()
    assert [a.value for a in nine[(9, 0)].actuals] == [143_000]
    assert [a.value for a in nine[(9, 1)].actuals] == [14_000]
    assert [a.value for a in nine[(16, 1)].actuals] == [31] and [a.value for a in nine[(16, 4)].actuals] == [38]
    assert [a.value for a in nine[(95, 1)].actuals] == [20]   # not 累計７名 (JICA volunteers)


def test_activity_items_take_no_actuals():
    for key in [(3, 0), (3, 1), (11, 0), (40, 0), (54, 0), (101, 2)]:
        assert items()[key].type == "activity" and items()[key].actuals == []


def test_figures_that_are_not_actuals():
    assert [a.value for a in items()[(1, 0)].actuals] == [100]          # not 補助事業者数48件, 55件の採択
    assert [a.value for a in items()[(5, 0)].actuals] == [53.7]         # not 50％という目標, 60％に上方修正
    assert [a.value for a in items()[(96, 0)].actuals] == [86]          # not 63事業
    assert [a.value for a in items()[(8, 0)].actuals] == [-23]          # not ６言語, 17言語


def test_a_budget_is_no_actual():
    from roadmap_reports.japanese.kpi import parse_kpi
    from roadmap_reports.progress.actuals import extract

    kpis = ["研修の実施回数"]
    status = "令和４年度の研修の実施回数は５回であり、予算額は1億2,000万円。令和５年度は研修の実施回数10回を目標とする。"
    found = extract(kpis, status, 2022, [parse_kpi(k) for k in kpis])
    assert [(a.value, a.unit, a.as_of_fy) for a in found.actuals[0]] == [(5, "回", 2022)]


def test_precision_and_recall_script():
    import subprocess
    import sys

    from conftest import ROOT

    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "kpi_precision.py")], capture_output=True,
                         text=True, check=True).stdout
    fields = dict(kv.split("=") for kv in out.split())
    assert float(fields["precision"]) == 1.0 and float(fields["recall"]) >= 0.9


def test_a_quote_cut_inside_a_sentence_starts_at_a_word():
    """When the sentence is too long to quote from its start, the quote starts after a run of kana, never
    inside it: measure 2's 58件 is quoted from 「日本語教育を…」, not from 「て日本語教育を…」."""
    two = items()[(2, 0)]
    quote = next(a.quote for a in two.actuals if a.value == 58)
    assert quote.startswith("日本語教育を実施する市区町村") and quote in two.status
    for item in items().values():
        for a in item.actuals:
            before = item.status[item.status.find(a.quote) - 1:item.status.find(a.quote)]
            starts_a_word = not ("\u3041" <= a.quote[0] <= "\u3093" and "\u3041" <= before <= "\u3093")
            assert starts_a_word, (item.key, a.quote)
