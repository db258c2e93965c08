"""Properties of KPI progress on hostile and figure-rich text: every actual's quote is part of its status,
and no verdict achieved / on_track / behind without a numeric target and an actual."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import roadmaps, texts

FIGURE_ATOMS = ["53.7％", "計10回", "約1万4,000人", "500人を超えた", "令和３年度時点で", "（令和５年３月末時点：累計７団体）",
                "2021年６月時点", "-23％", "前年度の58件", "予算額は1億円", "50％という目標", "実施回数は", "受講者数は",
                "KPIについては", "、", "。", "\n", "（", "）", "研修の", "都道府県等", "48件", "１日", "３月31日",
                "研修の実施回数は５回", "受講者数は約14万人", "意見交換の実施回数は31回", "市区町村数は", "中退率が6.7%"]
KPI_TEXTS = ["研修の実施回数", "受講者数計45万人以上", "市区町村数50％以上", "説明した回数：６回", "中途退学率を改善",
             "研修を実施した団体数（累計30団体）", "令和９年度（2027年度）までに20件", "（参考指標）", "意見交換の実施回数"]
_atom = st.sampled_from(FIGURE_ATOMS)
figure_status = st.lists(st.one_of(_atom, _atom, _atom, texts), max_size=14).map("".join)


def _settings(n):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check(report):
    for p in report.items:
        for a in p.item.actuals:
            assert a.quote and a.quote in p.item.status, (a.quote, p.item.status)
        if p.verdict.verdict in ("achieved", "on_track", "behind"):
            assert p.item.has_numeric_target and p.actuals, p.verdict
        assert p.verdict.reason


@_settings(150)
@given(roadmaps(), st.lists(st.tuples(st.lists(st.sampled_from(KPI_TEXTS), min_size=1, max_size=3), figure_status),
                             min_size=1, max_size=6))
def test_quotes_are_in_the_status_and_verdicts_need_target_and_actual(roadmap, contents):
    from roadmap_reports.progress.report import kpi_report

    originals = [m for m in roadmap.measures if not m.is_repost]
    for m, (kpis, status) in zip(originals, contents):
        m.kpis, m.status, m.status_by_ministry = kpis, status, {}
    _check(kpi_report([roadmap]))


@_settings(60)
@given(roadmaps())
def test_hostile_roadmaps_never_break_the_report(roadmap):
    from roadmap_reports.progress.report import kpi_report

    _check(kpi_report([roadmap]))


@_settings(60)
@given(st.lists(st.sampled_from(KPI_TEXTS), min_size=1, max_size=3), figure_status, st.integers(2019, 2030))
def test_extraction_alone(kpis, status, fy):
    from roadmap_reports.japanese.kpi import parse_kpi
    from roadmap_reports.progress.actuals import extract

    found = extract(kpis, status, fy, [parse_kpi(k) for k in kpis])
    assert len(found.actuals) == len(kpis)
    for item in found.actuals:
        for a in item:
            assert a.quote in status and isinstance(a.value, (int, float)) and 1900 < a.as_of_fy < 2100
