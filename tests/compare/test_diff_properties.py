"""Properties of diff (hypothesis): a roadmap compared with itself, or with a copy that differs only in
width and wrapping, has no differences; swapping OLD and NEW swaps new/removed and mirrors every pair,
flag and KPI revision."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_reports.compare.diff import diff
from roadmap_reports.model import Measure, Roadmap, Section, Subsection

SECTIONS = [Section("1", "１．", [Subsection("1-1", "◎")]), Section("2", "２．", [Subsection("2-1", "◎")])]
WORDS = ["日本語教室", "の開設", "を支援する", "外国人", "相談窓口", "の整備", "研修", "を実施する", "50件", "10言語",
         "市区町村", "の情報提供", "令和７年度末までに", "45万人以上", "、", "。"]
MINISTRIES = ["文部科学省", "法務省", "厚生労働省", "総務省"]

texts = st.lists(st.sampled_from(WORDS), min_size=2, max_size=8).map("".join)
kpis = st.lists(st.builds(lambda w, n: f"{w}{n}％以上", st.sampled_from(WORDS), st.integers(0, 99)), max_size=3)


@st.composite
def measures(draw, fy):
    n = draw(st.integers(1, 8))
    ids = draw(st.lists(st.integers(1, 12), min_size=n, max_size=n, unique=True))
    out = []
    for i in ids:
        ministries = draw(st.lists(st.sampled_from(MINISTRIES), min_size=1, max_size=2, unique=True))
        status = draw(texts)
        tagged = {}
        if len(ministries) == 2 and draw(st.booleans()):
            tagged = {ministries[0]: status, ministries[1]: draw(texts)}
        sec = draw(st.sampled_from(["1", "2"]))
        out.append(Measure(i, sec, f"{sec}-1", draw(texts), draw(kpis), ministries, status, None, tagged))
    # a few reposts of the measures drawn
    for k in draw(st.lists(st.integers(13, 15), max_size=2, unique=True)):
        target = draw(st.sampled_from(out))
        out.append(Measure(k, "2", "2-1", "", [], [], "", target.id))
    return Roadmap("テスト", fy, dt.date(fy + 1, 3, 31), SECTIONS, out)


def _variant(r: Roadmap) -> Roadmap:
    """The same roadmap re-typed: full-width digits and percent signs, lines wrapped differently."""
    wide = str.maketrans("0123456789%", "０１２３４５６７８９％")
    v = copy.deepcopy(r)
    for m in v.measures:
        m.initiative = m.initiative.translate(wide).replace("、", "、\n")
        m.kpis = [k.translate(wide) + " " for k in m.kpis]
        m.status = "\n".join(m.status[i:i + 7] for i in range(0, len(m.status), 7))
    return v


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(measures(2022))
def test_diff_with_itself_is_empty(a):
    result = diff(a, a)
    assert not result.has_differences
    assert all(e.changes == {} and e.kpi_revisions == [] and e.old_id == e.new_id for e in result.measures)


@SETTINGS
@given(measures(2022))
def test_width_and_wrapping_are_not_differences(a):
    result = diff(a, _variant(a))
    assert [e.flags for e in result.measures if e.flags] == []


MIRROR = {"new": "removed", "removed": "new", "kpi_added": "kpi_removed", "kpi_removed": "kpi_added"}


def _mirror_revision(r):
    d = r.to_dict()
    unit = d["unit"]
    if unit and "→" in unit:
        a, b = unit.split("→")
        unit = f"{b}→{a}"
    return (d["new_text"], d["old_text"], d["new_value"], d["old_value"], unit, d["new_deadline"], d["old_deadline"])


def _revision(r):
    d = r.to_dict()
    return (d["old_text"], d["new_text"], d["old_value"], d["new_value"], d["unit"], d["old_deadline"],
            d["new_deadline"])


@SETTINGS
@given(measures(2022), measures(2023))
def test_swapping_old_and_new_mirrors_everything(a, b):
    forward, backward = diff(a, b), diff(b, a)
    fw = {(e.old_id, e.new_id): e for e in forward.measures}
    bw = {(e.new_id, e.old_id): e for e in backward.measures}
    assert fw.keys() == bw.keys()  # the same pairs, mirrored
    assert forward.summary["new"] == backward.summary["removed"]
    assert forward.summary["removed"] == backward.summary["new"]
    for key, e in fw.items():
        m = bw[key]
        assert sorted(e.flags) == sorted(MIRROR.get(f, f) for f in m.flags)
        assert sorted(map(_revision, e.kpi_revisions), key=repr) == sorted(map(_mirror_revision, m.kpi_revisions),
                                                                        key=repr)
        assert {k: (v["old"], v["new"]) for k, v in e.changes.items()} == \
               {k: (v["new"], v["old"]) for k, v in m.changes.items()}
        assert e.similarity == m.similarity


@SETTINGS
@given(texts, texts)
def test_character_diff_rebuilds_both_texts(a, b):
    from roadmap_reports.compare.diff import abbreviated_diff, char_diff

    so, sn = char_diff(a, b)
    assert "".join(t for t, _ in so) == a and "".join(t for t, _ in sn) == b
    assert any(c for _, c in so + sn) == (a != b)
    ao, an = abbreviated_diff(a, b)
    assert any(c for _, c in ao + an) == (a != b)
    if a == b:
        assert (ao, an) == ([("（略）", False)], [("（略）", False)])
