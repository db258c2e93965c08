"""`roadmap-reports diff`: pairing (including renumbered measures), every flag, the traps (width-only
and wrap-only differences are not changes), tagged statuses, reposts, filters, exit codes, errors."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from roadmap_reports.sources.dataset import save
from roadmap_reports.compare.diff import FLAGS, diff
from roadmap_reports.model import Measure, Roadmap, Section, Subsection

from conftest import invoke

SECTIONS = [Section("1", "１．日本語教育等の取組", [Subsection("1-1", "◎日本語教育")]),
            Section("3", "３．ライフステージに応じた支援", [Subsection("3-1", "◎学齢期")])]

TEXTS = {
    "A": "日本語教室が開設されていない市区町村に対する日本語教室の開設のためのアドバイザー派遣を行う。",
    "B": "外国人支援を行う関係機関等に対する業務説明を実施し、法テラスによる支援を利用できるよう努める。",
    "C": "教育委員会が首長部局と連携し、外国人が住民登録を行う際に適切な就学情報の提供を行う。",
    "D": "多言語翻訳技術について、ＡＩにより会話の文脈を補完し、同時通訳の実現に取り組む。",
    "E": "地域子育て支援拠点事業を実施する地方公共団体を支援する。",
}
STATUS = "令和４年度においては、検討会を開催し、令和４年度末に報告書を取りまとめた。今後も引き続き周知を図る。"


def measure(id, text="A", *, kpis=(), ministries=("文部科学省",), status=STATUS, section="1", repost_of=None,
            status_by_ministry=None):
    if repost_of is not None:
        return Measure(id, section, f"{section}-1", "", [], [], "", repost_of)
    return Measure(id, section, f"{section}-1", TEXTS.get(text, text), list(kpis), list(ministries), status, None,
                   dict(status_by_ministry or {}))


def roadmap(*measures, fy=2022, source=None):
    r = Roadmap(f"令和{fy - 2018}年度ロードマップの実施状況", fy, dt.date(fy + 1, 3, 31), SECTIONS, list(measures))
    r.source = source or f"fy{fy}.yaml"
    return r


def entry(result, old_id=None, new_id=None):
    for e in result.measures:
        if (old_id is None or e.old_id == old_id) and (new_id is None or e.new_id == new_id):
            return e
    raise AssertionError(f"no entry {old_id} → {new_id}")


def flags_of(result):
    return {(e.old_id, e.new_id): e.flags for e in result.measures}


# --- the traps -------------------------------------------------------------------------------------------
def test_same_roadmap_gives_an_empty_diff():
    a = roadmap(measure(1, "A"), measure(2, "B"), measure(3, repost_of=1))
    result = diff(a, a)
    assert not result.has_differences
    assert all(e.flags == [] and e.changes == {} and e.kpi_revisions == [] for e in result.measures)
    assert set(result.summary.values()) == {0}
    assert [(e.old_id, e.new_id) for e in result.measures] == [(1, 1), (2, 2), (3, 3)]


def test_width_only_differences_are_not_changes():
    a = roadmap(measure(1, "相談件数は50件、研修を3回実施する。", kpis=["市区町村数50％以上"], status="ABC社と1,000件"))
    b = roadmap(measure(1, "相談件数は５０件、研修を３回実施する。", kpis=["市区町村数５０％以上"], status="ＡＢＣ社と１，０００件"))
    assert flags_of(diff(a, b)) == {(1, 1): []}


def test_whitespace_and_wrap_only_differences_are_not_changes():
    a = roadmap(measure(1, "日本語教室の開設を支援する。", kpis=["全国の日本語教室がある市区町村数50％以上"]))
    b = roadmap(measure(1, "日本語教室の\n開設を　支援 する。", kpis=["全国の日本語教室がある\n市区町村数50％以上"],
                        status=STATUS.replace("。", "。\n")))
    result = diff(a, b)
    assert flags_of(result) == {(1, 1): []}
    assert result.measures[0].changes == {}


def test_renumbered_measure_is_not_new_plus_removed():
    # a measure inserted at the top renumbers every following one: pairing by number would report nonsense
    a = roadmap(measure(1, "A"), measure(2, "B"), measure(3, "C"))
    b = roadmap(measure(1, "D"), measure(2, "A"), measure(3, "B"), measure(4, "C"), fy=2023)
    result = diff(a, b)
    assert flags_of(result) == {(None, 1): ["new"], (1, 2): ["renumbered", "stalled"],
                                (2, 3): ["renumbered", "stalled"], (3, 4): ["renumbered", "stalled"]}
    assert entry(result, 1).changes == {"id": {"old": 1, "new": 2}}
    assert result.summary["new"] == 1 and result.summary["removed"] == 0


def test_renumbered_and_reworded_is_paired_by_similarity():
    a = roadmap(measure(1, "A"), measure(2, "B"))
    reworded = TEXTS["B"].replace("努める", "引き続き努める")
    b = roadmap(measure(1, "A"), measure(5, reworded), fy=2023)
    result = diff(a, b)
    e = entry(result, 2)
    assert (e.old_id, e.new_id) == (2, 5)
    assert e.flags == ["renumbered", "initiative_changed", "stalled"]
    assert e.changes["initiative"] == {"old": TEXTS["B"], "new": reworded}


def test_swapped_numbers_are_two_renumbered_measures():
    a = roadmap(measure(1, "A"), measure(2, "B"))
    b = roadmap(measure(1, "B"), measure(2, "A"))
    assert flags_of(diff(a, b)) == {(2, 1): ["renumbered"], (1, 2): ["renumbered"]}


def test_same_number_rewritten_is_one_changed_measure():
    a = roadmap(measure(1, "A"), measure(2, "B"))
    b = roadmap(measure(1, "A"), measure(2, "E"))
    assert flags_of(diff(a, b)) == {(1, 1): [], (2, 2): ["initiative_changed"]}


def test_ministry_is_a_tie_breaker_between_equally_similar_candidates():
    text = "外国人の子供の就学促進のための取組を実施する地方公共団体を支援する。"
    a = roadmap(measure(1, text, ministries=["文部科学省"]), measure(2, text + "（厚労）", ministries=["厚生労働省"]))
    b = roadmap(measure(3, text + "（厚労）", ministries=["文部科学省"]), measure(4, text + "（厚労）", ministries=["厚生労働省"]))
    result = diff(a, b)
    assert (entry(result, 2).new_id, entry(result, 1).new_id) in {(4, 3)}


# --- every flag ----------------------------------------------------------------------------------------------
def test_new_and_removed():
    a = roadmap(measure(1, "A"), measure(2, "B"))
    b = roadmap(measure(1, "A"), measure(3, "E"))
    result = diff(a, b)
    assert flags_of(result) == {(1, 1): [], (2, None): ["removed"], (None, 3): ["new"]}
    assert entry(result, new_id=3).ministries == ["文部科学省"]
    assert entry(result, new_id=3).similarity is None


def test_kpi_revised_50_to_60_percent():
    a = roadmap(measure(5, "A", kpis=["全国の日本語教室がある\n市区町村数50％以上"]))
    b = roadmap(measure(5, "A", kpis=["全国の日本語教室がある\n市区町村数60％以上"]))
    e = diff(a, b).measures[0]
    assert e.flags == ["kpi_revised"]
    assert [r.to_dict() for r in e.kpi_revisions] == [{
        "old_text": "全国の日本語教室がある\n市区町村数50％以上", "new_text": "全国の日本語教室がある\n市区町村数60％以上",
        "old_value": 50, "new_value": 60, "unit": "%", "old_deadline": None, "new_deadline": None}]


def test_kpi_deadline_revised_and_man_units():
    a = roadmap(measure(1, "A", kpis=["受講者数計45万人以上（令和７年度末）"]))
    b = roadmap(measure(1, "A", kpis=["受講者数計50万人以上（令和９年度（2027年度）までに）"]))
    r = diff(a, b).measures[0].kpi_revisions[0]
    assert (r.old_value, r.new_value, r.unit, r.old_deadline, r.new_deadline) == (450_000, 500_000, "人", 2025, 2027)
    assert r.kind == "revised"


def test_kpi_text_changed_without_target_change():
    a = roadmap(measure(1, "A", kpis=["都道府県と連携して日本語教育を行う市区町村等の数の増加"]))
    b = roadmap(measure(1, "A", kpis=["都道府県と連携して日本語教育を実施する市区町村等の数の増加"]))
    e = diff(a, b).measures[0]
    assert e.flags == ["kpi_text_changed"]
    assert e.kpi_revisions[0].kind == "text_changed"


def test_kpi_replaced_is_removed_plus_added():
    a = roadmap(measure(29, "B", kpis=["・支援の周知・普及", "・外国人支援機関等からの紹介件数"], ministries=["法務省"]))
    b = roadmap(measure(29, "B", kpis=["・支援の周知・普及", "・外国人支援者を対象としたセミナー（基礎編）の参加者数"],
                        ministries=["法務省"]))
    e = diff(a, b).measures[0]
    assert e.flags == ["kpi_added", "kpi_removed"]
    assert [(r.old_text, r.new_text) for r in e.kpi_revisions] == [
        (None, "・外国人支援者を対象としたセミナー（基礎編）の参加者数"), ("・外国人支援機関等からの紹介件数", None)]


def test_kpi_reordered_is_not_a_change():
    a = roadmap(measure(1, "A", kpis=["研修の実施回数", "研修の修了者数"]))
    b = roadmap(measure(1, "A", kpis=["研修の修了者数", "研修の実施回数"]))
    assert flags_of(diff(a, b)) == {(1, 1): []}


def test_ministry_changed():
    a = roadmap(measure(1, "A", ministries=["厚生労働省"]))
    b = roadmap(measure(1, "A", ministries=["こども家庭庁", "厚生労働省"]))
    e = diff(a, b).measures[0]
    assert e.flags == ["ministry_changed"]
    assert e.changes == {"ministries": {"old": ["厚生労働省"], "new": ["こども家庭庁", "厚生労働省"]}}
    assert e.ministries == ["こども家庭庁", "厚生労働省"]


def test_status_changed_and_stalled_between_years():
    updated = "令和５年度においては、報告書を踏まえて研修の内容を決定し、試行的に研修を実施した。"
    nearly = STATUS.replace("今後も", "今後とも")
    a = roadmap(measure(1, "A"), measure(2, "B"), measure(3, "C"))
    b = roadmap(measure(1, "A", status=updated), measure(2, "B", status=nearly), measure(3, "C"), fy=2023)
    result = diff(a, b)
    assert flags_of(result) == {(1, 1): ["status_changed"], (2, 2): ["stalled"], (3, 3): ["stalled"]}
    assert entry(result, 3).similarity == 1.0
    assert 0.9 <= entry(result, 2).similarity < 1.0
    assert entry(result, 2).changes["status"] == {"old": STATUS, "new": nearly}
    assert entry(result, 1).similarity < 0.9
    strict = diff(a, b, stalled_threshold=0.995)
    assert entry(strict, 2).flags == ["status_changed"]


def test_stalled_is_not_judged_within_one_fiscal_year():
    a = roadmap(measure(1, "A"))
    b = roadmap(measure(1, "A", status=STATUS + "追記。"))
    assert flags_of(diff(a, b)) == {(1, 1): ["status_changed"]}


def test_tagged_multi_ministry_statuses_are_compared_per_ministry():
    old_parts = {"文部科学省": "外国人の子供の就学実態に関する調査を実施、公表する。",
                 "法務省": "受入環境調整担当官を通じて一元的相談窓口等に対し就学に関する情報提供を行った。"}
    new_parts = dict(old_parts, 文部科学省="令和５年度は就学実態調査の結果を踏まえ、就学案内の多言語化を支援した。")

    def whole(parts):
        return "【文科省】\n{}\n【法務省】\n{}".format(parts["文部科学省"], parts["法務省"])

    a = roadmap(measure(4, "C", ministries=["文部科学省", "法務省"], status=whole(old_parts), status_by_ministry=old_parts))
    b = roadmap(measure(4, "C", ministries=["文部科学省", "法務省"], status=whole(new_parts), status_by_ministry=new_parts),
                fy=2023)
    result = diff(a, b)
    e = result.measures[0]
    assert e.flags == ["status_changed", "stalled"]
    assert e.ministries == ["法務省", "文部科学省"]  # registry order
    moj = result.filter(ministries=["MOJ"]).measures[0]
    assert moj.flags == ["stalled"] and moj.similarity == 1.0 and "status" not in moj.changes
    mext = result.filter(ministries=["文科省"]).measures[0]
    assert mext.flags == ["status_changed"]
    assert mext.changes["status"] == {"old": old_parts["文部科学省"], "new": new_parts["文部科学省"]}


def test_repost_of_a_renumbered_measure_is_unchanged():
    a = roadmap(measure(1, "A"), measure(2, "B"), measure(3, repost_of=2, section="3"))
    b = roadmap(measure(1, "D"), measure(2, "A"), measure(3, "B"), measure(4, repost_of=3, section="3"))
    result = diff(a, b)
    assert flags_of(result)[(3, 4)] == ["renumbered"]


def test_repost_changed():
    a = roadmap(measure(1, "A"), measure(2, "B"), measure(3, repost_of=1, section="3"))
    b = roadmap(measure(1, "A"), measure(2, "B"), measure(3, repost_of=2, section="3"))
    e = entry(diff(a, b), 3)
    assert e.flags == ["repost_changed"]
    assert e.changes == {"repost_of": {"old": 1, "new": 2}}
    assert e.ministries == ["文部科学省"]


def test_summary_counts_every_flag_in_order():
    a = roadmap(measure(1, "A"))
    assert list(diff(a, a).summary) == list(FLAGS)


def test_filters_by_flag_and_ministry():
    a = roadmap(measure(1, "A", ministries=["文部科学省"]), measure(2, "B", ministries=["法務省"]))
    b = roadmap(measure(1, "A", ministries=["文部科学省"], kpis=["新たなKPI"]), measure(2, "B2", ministries=["法務省"]))
    result = diff(a, b)
    assert [e.old_id for e in result.filter(only=["kpi_added"]).measures] == [1]
    assert [e.old_id for e in result.filter(ministries=["MOJ"]).measures] == [2]
    assert result.filter(ministries=["moj"], only=["kpi_added"]).measures == []
    with pytest.raises(ValueError, match="unknown flag 'bogus'"):
        result.filter(only=["bogus"])


# --- the command ------------------------------------------------------------------------------------------
@pytest.fixture
def years(tmp_path):
    a = roadmap(measure(1, "A", kpis=["市区町村数50％以上"]), measure(2, "B", ministries=["法務省"]),
                measure(3, "C", ministries=["文部科学省", "法務省"]))
    b = roadmap(measure(1, "A", kpis=["市区町村数60％以上"]), measure(2, "B", ministries=["法務省"]),
                measure(3, "C", ministries=["文部科学省", "法務省"]), measure(4, "D"), fy=2023)
    paths = tmp_path / "fy2022.yaml", tmp_path / "fy2023.yaml"
    save(a, paths[0])
    save(b, paths[1])
    return paths


def test_cli_same_file_twice(mini_path):
    result = invoke("diff", mini_path, mini_path, "--exit-code")
    assert result.exit_code == 0
    assert result.stdout.endswith("\n変更はありません（5施策を比較）。\n")
    assert result.stderr == ""


def test_cli_text_summary_first(years):
    result = invoke("diff", *years)
    assert result.exit_code == 0
    out = result.stdout
    # Japanese labels from the one table (compare.result.FLAG_LABELS), aligned by display width
    assert out.startswith("新旧対照表　令和４年度→令和５年度\n改正前　")
    assert "4施策中4施策に該当（うち前年度と同旨のみ2施策）\n  新設                  1\n" \
           "  KPI目標の改定         1\n  前年度と同旨          3\n" in out
    assert out.index("施策中") < out.index("施策1  ［KPI目標の改定、前年度と同旨］  文部科学省")
    assert "    KPI目標の改定：市区町村数[-50％以上-]{+60％以上+}（目標値 50％→60％）" in out
    assert "\n前年度と同旨のみ（実施状況が前年度の記載と90％以上同じ）：2施策\n  施策2、3\n" in out
    assert not re.search(r"\b(new|stalled|kpi_revised|Summary|FY20\d\d|measures)\b", out)
    assert "\x1b[" not in out  # not a terminal: plain


def test_cli_colour_on_request(years):
    assert "\x1b[" in invoke("diff", *years, "--color").stdout


def test_cli_exit_code(years):
    assert invoke("diff", *years, "--exit-code").exit_code == 1
    assert invoke("diff", *years).exit_code == 0
    assert invoke("diff", *years, "--only", "removed", "--exit-code").exit_code == 0


def test_cli_json_only_and_ministry(years):
    result = invoke("diff", *years, "--format", "json", "--only", "new")
    data = json.loads(result.stdout)
    assert [(m["old_id"], m["new_id"], m["flags"]) for m in data["measures"]] == [(None, 4, ["new"])]
    data = json.loads(invoke("diff", *years, "--format", "json", "--ministry", "MOJ").stdout)
    assert [m["old_id"] for m in data["measures"]] == [2, 3]


def test_cli_unknown_ministry(years):
    result = invoke("diff", *years, "--ministry", "文科")
    assert result.exit_code == 2  # a usage error
    assert result.stderr == "Error: unknown ministry '文科' (did you mean 文部科学省?)\n"


def test_cli_old_later_than_new_warns(years):
    result = invoke("diff", years[1], years[0])
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: OLD ({years[1]}, FY2023, as of 2024-03-31) is later than NEW ({years[0]}, "
                             "FY2022, as of 2023-03-31); are they swapped?\n")
    assert "施策4（削る）  ［削る］" in result.stdout


def test_cli_output_file(years, tmp_path):
    out = tmp_path / "d.json"
    result = invoke("diff", *years, "-f", "json", "-o", out)
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["new"] == 1
    assert result.stderr == f"Wrote {out} (json; 4 of 4 measures flagged).\n"


def test_cli_office_formats_need_an_output(years):
    result = invoke("diff", *years, "--format", "xlsx")
    assert result.exit_code == 2
    assert "Error: --format xlsx writes a file: give it with -o PATH" in result.stderr


def test_cli_missing_file(years, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = invoke("diff", years[0], missing)
    assert result.exit_code == 4  # not 1: that is "differences" with --exit-code
    assert result.stderr == f"Error: {missing}: no such file\n"
    assert "Traceback" not in result.output


def test_cli_invalid_dataset_gives_the_validators_lines(years, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = years[1].read_text(encoding="utf-8").replace("- 法務省", "- 法務")
    bad.write_text(text, encoding="utf-8")
    result = invoke("diff", years[0], bad)
    assert result.exit_code == 4
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Error: {bad}:")
    assert "measure 2: ministry '法務' is not the canonical name (use 法務省)" in lines[0]
    assert "Traceback" not in result.output


def test_cli_other_schema_version(years, tmp_path):
    other = tmp_path / "v3.yaml"
    other.write_text(years[1].read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: 3"),
                     encoding="utf-8")
    result = invoke("diff", years[0], other)
    assert result.exit_code == 4
    assert result.stderr == f"Error: {other}:1: schema_version 3 is not supported (this version reads 1 and 2)\n"


def test_cli_unreadable_file(years, tmp_path):
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    result = invoke("diff", binary, years[1])
    assert result.exit_code == 4
    assert result.stderr == f"Error: {binary}: binary file, not text\n"


def test_library_compares_the_versions_it_reads_and_refuses_others():
    from roadmap_reports.errors import DatasetError

    a = roadmap(measure(1, "A"))
    b = roadmap(measure(1, "A"))
    b.schema_version = 2   # version 2 only adds kpi_actuals: a v1 year and a v2 draft compare
    assert diff(a, b).summary is not None
    b.schema_version = 3
    with pytest.raises(DatasetError, match="schema_version 3 is not one this version reads"):
        diff(a, b)


def test_large_pools_pair_by_sorted_neighbourhoods():
    # more unmatched measures than the exhaustive comparison takes: every number changed, every text reworded
    import random

    from roadmap_reports.compare import diff as diff_module

    rnd = random.Random(4)
    words = ["日本語教育", "相談体制", "外国人材", "就学支援", "多言語化", "情報発信", "地方公共団体", "関係機関"]
    texts = ["".join(rnd.choice(words) for _ in range(8)) + f"を推進する（{i}）。" for i in range(600)]
    a = roadmap(*[measure(i + 1, t) for i, t in enumerate(texts)])
    b = roadmap(*[measure(i + 1001, ("令和５年度も" if i % 2 else "") + t.replace("推進する", "一層推進する"))
                  for i, t in enumerate(texts)])
    assert 600 * 600 > diff_module.EXHAUSTIVE_MAX
    result = diff(a, b)
    assert [(e.old_id + 1000, e.new_id) for e in result.measures] == [(i + 1001, i + 1001) for i in range(600)]
    assert result.summary["initiative_changed"] == 600 and result.summary["renumbered"] == 600


def test_cli_stalled_threshold(tmp_path):
    a = roadmap(measure(1, "A"))
    b = roadmap(measure(1, "A", status=STATUS.replace("今後も", "今後とも")), fy=2023)
    paths = tmp_path / "a.yaml", tmp_path / "b.yaml"
    save(a, paths[0])
    save(b, paths[1])
    data = json.loads(invoke("diff", *paths, "-f", "json").stdout)
    assert data["measures"][0]["flags"] == ["stalled"] and data["measures"][0]["similarity"] == 0.9901
    data = json.loads(invoke("diff", *paths, "-f", "json", "--stalled-threshold", "0.995").stdout)
    assert data["measures"][0]["flags"] == ["status_changed"]
    bad = invoke("diff", *paths, "--stalled-threshold", "1.5")
    assert bad.exit_code == 2 and "1.5 is not in the range 0.0<=x<=1.0" in bad.stderr


def test_cli_flag_choices_are_the_library_flags():
    from roadmap_reports.cli.diff import FLAG_CHOICES

    assert FLAG_CHOICES == FLAGS
