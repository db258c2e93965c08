"""`roadmap-reports ingest`: the report text → the dataset, with explicit corrections."""

from __future__ import annotations

import pytest

from conftest import DATA, invoke

SOURCE = DATA / "sources" / "fy2022_roadmap_status.txt"
CORRECTIONS = DATA / "corrections" / "fy2022.yaml"
DATASET = DATA / "fy2022.yaml"
SUMMARY = ("Wrote {out}: 101 measures (14 reposts), 13 ministries, 4 sections, 15 subsections; "
           "28 corrections applied; read {src} as {enc}.\n")


def _text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def test_golden_ingest_reproduces_the_bundled_dataset_byte_for_byte(tmp_path):
    out = tmp_path / "fy2022.yaml"
    result = invoke("ingest", SOURCE, "--corrections", CORRECTIONS, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == SUMMARY.format(out=out, src=SOURCE, enc="UTF-8")
    assert out.read_bytes() == DATASET.read_bytes()


def test_library_returns_the_roadmap_and_the_applied_corrections():
    from roadmap_reports.sources.corrections import load_corrections
    from roadmap_reports.sources.dataset import dumps_yaml
    from roadmap_reports.sources.ingest import ingest_file

    result = ingest_file(SOURCE, load_corrections(CORRECTIONS))
    assert result.ok and result.ambiguities == [] and result.encoding == "utf-8"
    assert dumps_yaml(result.roadmap) == DATASET.read_text(encoding="utf-8")
    kinds = sorted({c.kind for c in result.applied})
    assert kinds == ["repost", "section", "subsection", "wrap"]
    assert len(result.applied) == 28


def test_json_output_by_suffix(tmp_path):
    import json

    out = tmp_path / "fy2022.json"
    result = invoke("ingest", SOURCE, "-c", CORRECTIONS, "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["measures"]) == 101 and data["fiscal_year"] == 2022 and data["as_of"] == "2023-03-31"


@pytest.mark.parametrize("name, encode, encoding", [
    ("crlf", lambda t: t.replace("\n", "\r\n").encode("utf-8"), "UTF-8"),
    ("cr", lambda t: t.replace("\n", "\r").encode("utf-8"), "UTF-8"),
    ("bom", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "UTF-8 with BOM"),
    ("trailing-spaces", lambda t: "\n".join(x + " \t\u3000 " if x else x for x in t.split("\n")).encode(), "UTF-8"),
    ("extra-blank-lines", lambda t: t.replace("\n", "\n\n\n").encode("utf-8"), "UTF-8"),
    ("no-blank-lines", lambda t: "\n".join(x for x in t.split("\n") if x.strip()).encode("utf-8"), "UTF-8"),
    ("cp932", lambda t: t.encode("cp932"), "CP932 (Shift_JIS)"),
    ("utf-16", lambda t: t.encode("utf-16"), "UTF-16"),
])
def test_layout_noise_and_encodings_change_nothing(tmp_path, name, encode, encoding):
    src = tmp_path / f"{name}.txt"
    src.write_bytes(encode(_text()))
    out = tmp_path / "out.yaml"
    result = invoke("ingest", src, "-c", CORRECTIONS, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == SUMMARY.format(out=out, src=src, enc=encoding)
    assert out.read_bytes() == DATASET.read_bytes()


def test_without_corrections_every_ambiguity_is_listed_with_its_source_line_and_nothing_is_written(tmp_path):
    out = tmp_path / "out.yaml"
    result = invoke("ingest", SOURCE, "-o", out)
    assert result.exit_code == 4
    assert not out.exists()
    lines = result.stderr.splitlines()
    assert lines[-1] == (f"Error: {SOURCE}: 28 ambiguities not resolved; decide them in a corrections file and "
                         "pass it with --corrections (see docs/dataset.md); nothing was written")
    listed = lines[:-1]
    assert len(listed) == 28
    assert f"{SOURCE}:1113: measure 30: bare 施策番号 30 with no content; which separated 再掲 label is it? " \
           "labels on this page: 再掲4 (line 1169)" in listed
    assert f"{SOURCE}:545: measure 15: subsection heading 「◎日本語教育の質の向上等」 is placed among measures " \
           "out of order; which measure does it start? (next in the text: 15)" in listed
    assert any(x.startswith(f"{SOURCE}:165: measure 2: initiative: cannot tell whether this line ends a "
                            "paragraph or wraps (54 of 54 columns)") for x in listed)
    assert [int(x.split(":")[1]) for x in listed] == sorted(int(x.split(":")[1]) for x in listed)


def test_partial_corrections_list_only_what_is_left(tmp_path):
    import yaml

    data = yaml.safe_load(CORRECTIONS.read_text(encoding="utf-8"))
    data["corrections"] = [c for c in data["corrections"] if not (c["kind"] == "repost" and c["measure"] == 86)]
    corr = tmp_path / "c.yaml"
    corr.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = invoke("ingest", SOURCE, "-c", corr, "-o", out)
    assert result.exit_code == 4 and not out.exists()
    assert result.stderr.splitlines() == [
        f"{SOURCE}:2822: measure 86: bare 施策番号 86 with no content; which separated 再掲 label is it? "
        "labels on this page: 再掲4 (line 2878)",
        f"Error: {SOURCE}: 1 ambiguity not resolved; add it to {corr} (see docs/dataset.md); nothing was written",
    ]


def test_a_correction_that_matches_nothing_is_an_error(tmp_path):
    corr = tmp_path / "c.yaml"
    corr.write_text(CORRECTIONS.read_text(encoding="utf-8") + (
        "- kind: wrap\n  measure: 5\n  line: 270\n  text: 存在しない行\n  join: true\n  reason: stale\n"),
        encoding="utf-8")
    result = invoke("ingest", SOURCE, "-c", corr, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 4
    n = len(corr.read_text(encoding="utf-8").splitlines()) - 5
    assert result.stderr == (f"Error: {corr}:{n}: measure 5: correction (wrap, source line 270) matches nothing "
                             f"in {SOURCE}; remove it or fix its line\n")


@pytest.mark.parametrize("entry, message", [
    ("- kind: guess\n  measure: 1\n  line: 2\n  reason: x\n",
     "unknown correction kind 'guess' (use repost, section, subsection, wrap)"),
    ("- kind: repost\n  measure: 30\n  line: 1113\n  label_line: 1169\n  repost_of: 4\n",
     "repost correction needs reason"),
    ("- kind: wrap\n  measure: 2\n  line: 165\n  text: x\n  join: yes please\n  reason: x\n",
     "join must be true or false"),
    ("- kind: subsection\n  measure: 11\n  line: 545\n  text: x\n  colour: red\n  reason: x\n",
     "unknown key 'colour' in a subsection correction"),
])
def test_bad_corrections_file(tmp_path, entry, message):
    corr = tmp_path / "c.yaml"
    corr.write_text("corrections:\n" + entry, encoding="utf-8")
    result = invoke("ingest", SOURCE, "-c", corr, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: {corr}:2")
    assert result.stderr.rstrip("\n").endswith(message)


def test_corrections_file_that_is_not_a_mapping(tmp_path):
    corr = tmp_path / "c.yaml"
    corr.write_text("- just a list\n", encoding="utf-8")
    result = invoke("ingest", SOURCE, "-c", corr, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 4
    assert result.stderr == f"Error: {corr}:1: a corrections file is a mapping with a 'corrections' list\n"


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"\n \n\r\n", "file is empty"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "binary file, not text"),
    ("昨日は雨でした。\n今日は晴れです。\n".encode(), "not a roadmap status table: the column header "
     "「施策番号 具体的取組 KPI 担当省庁 実施状況」 was not found"),
    ("施策番号 具体的取組 KPI 担当省庁 実施状況\n令和４年度外国人との共生社会の実現に向けたロードマップの実施状況\n"
     "令和５年３月末時点\n".encode(), "not a roadmap status table: no 施策番号 lines found"),
])
def test_bad_sources(tmp_path, content, message):
    src = tmp_path / "report.txt"
    src.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = invoke("ingest", src, "-o", out)
    assert result.exit_code == 4
    assert result.stderr == f"Error: {src}: {message}\n"
    assert not out.exists()


def test_text_outside_any_measure_is_located(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text("施策番号 具体的取組 KPI 担当省庁 実施状況\nふつうの文章\n", encoding="utf-8")
    result = invoke("ingest", src, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 4
    assert result.stderr == f"Error: {src}:2: text outside any measure (no 施策番号 line before it): 「ふつうの文章」\n"


def test_missing_source_directory_and_bad_output_suffix(tmp_path):
    missing = tmp_path / "nope.txt"
    result = invoke("ingest", missing, "-o", tmp_path / "out.yaml")
    assert (result.exit_code, result.stderr) == (4, f"Error: {missing}: no such file\n")
    result = invoke("ingest", tmp_path, "-o", tmp_path / "out.yaml")
    assert (result.exit_code, result.stderr) == (4, f"Error: {tmp_path}: is a directory, not a file\n")
    out = tmp_path / "out.txt"
    result = invoke("ingest", SOURCE, "-c", CORRECTIONS, "-o", out)
    assert (result.exit_code, result.stderr) == (2, f"Error: {out}: unknown dataset format '.txt'; use .yaml, "
                                                    ".yml or .json\n")
    assert not out.exists()


MINI_REPORT = """\
施策番号 具体的取組 KPI 担当省庁 実施状況
令和５年度外国人との共生社会の実現に向けたロードマップの実施状況 令和６年３月末時点
１．日本語教育
　　◎環境の整備
1
日本語教育の体制づくりを行う都道府県に対し、国として補
助を行う。
・研修の実施
・相談の件数 消費者庁
補助を行った。
・令和５年度は48件。
2 再掲１
3
関係省庁の取組。
内閣府（地方
創生推進事務
局）
法務省
【内閣府】
実施した。
【法務省】
検討した。
4
二つの省が行う取組。
文部科学省
法務省
【文科省】
調査した。
【法務省】
周知した。
令和６年３月末時点
"""


def test_a_small_report_shows_every_layout_rule(tmp_path):
    from roadmap_reports.sources.ingest import parse_report

    result = parse_report(MINI_REPORT, source="mini.txt")
    assert result.ambiguities == []
    r = result.roadmap
    assert (r.title, r.fiscal_year, r.as_of.isoformat()) == (
        "令和５年度外国人との共生社会の実現に向けたロードマップの実施状況", 2023, "2024-03-31")
    assert [(s.id, s.title, [(x.id, x.title) for x in s.subsections]) for s in r.sections] == [
        ("1", "１．日本語教育", [("1-1", "◎環境の整備")])]
    m1, m2, m3, m4 = r.measures
    assert m1.initiative == "日本語教育の体制づくりを行う都道府県に対し、国として補助を行う。"
    assert m1.kpis == ["研修の実施", "相談の件数"]  # bullets dropped, KPI shares the ministry's line
    assert m1.ministries == ["消費者庁"]
    assert m1.status == "補助を行った。\n・令和５年度は48件。"
    assert (m2.repost_of, m2.initiative, m2.kpis, m2.ministries, m2.status) == (1, "", [], [], "")
    assert m3.ministries == ["内閣府（地方創生推進事務局）", "法務省"]  # a name wrapped over three lines
    assert m3.kpis == []
    # 【内閣府】 names no ministry of measure 3 exactly, so its status is not split
    assert m3.status_by_ministry == {}
    assert m3.status == "【内閣府】\n実施した。\n【法務省】\n検討した。"
    # tags use registry aliases (文科省 → 文部科学省); the full text stays in `status`
    assert m4.status_by_ministry == {"文部科学省": "調査した。", "法務省": "周知した。"}
    assert m4.status == "【文科省】\n調査した。\n【法務省】\n周知した。"
    assert [m.section for m in r.measures] == ["1"] * 4
    assert [m.subsection for m in r.measures] == ["1-1"] * 4


def test_unknown_ministry_and_duplicate_number_are_located(tmp_path):
    head = ("施策番号 具体的取組 KPI 担当省庁 実施状況\n"
            "令和４年度外国人との共生社会の実現に向けたロードマップの実施状況 令和５年３月末時点\n１．日本語\n")
    src = tmp_path / "a.txt"
    src.write_text(head + "1\n取組。\n架空省\n状況。\n", encoding="utf-8")
    result = invoke("ingest", src, "-o", tmp_path / "out.yaml")
    assert (result.exit_code, result.stderr) == (
        4, f"Error: {src}:6: measure 1: 担当省庁 「架空省」 is not in the ministry registry; declare it in a "
           "ministries file: --ministries FILE, or ministries.yaml beside the report (docs/dataset.md)\n")
    src.write_text(head + "1\n取組。\n状況。\n", encoding="utf-8")
    result = invoke("ingest", src, "-o", tmp_path / "out.yaml")
    assert (result.exit_code, result.stderr) == (
        4, f"Error: {src}:4: measure 1: no 担当省庁 line found (a ministry missing from the registry? see "
           "--ministries)\n")
    src.write_text(head + "1\n取組。\n法務省\n状況。\n1\n", encoding="utf-8")
    result = invoke("ingest", src, "-o", tmp_path / "out.yaml")
    assert (result.exit_code, result.stderr) == (
        4, f"Error: {src}:8: measure 1: 施策番号 1 appears twice (also at line 4)\n")
    assert not (tmp_path / "out.yaml").exists()


def test_what_the_layout_leaves_open_is_a_located_problem_with_its_answers():
    from roadmap_reports.errors import Problem
    from roadmap_reports.sources.ingest import ingest_file

    result = ingest_file(SOURCE)
    assert result.roadmap is None and not result.ok
    assert all(isinstance(p, Problem) for p in result.ambiguities)
    assert sorted({p.kind for p in result.ambiguities}) == ["repost", "section", "subsection", "wrap"]
    wrap = next(p for p in result.ambiguities if p.kind == "wrap" and p.line == 165)
    assert (wrap.file, wrap.measure, wrap.options) == (str(SOURCE), 2, ("join", "break"))
    assert wrap.text == SOURCE.read_text(encoding="utf-8").splitlines()[164].strip()  # what a correction repeats
    heading = next(p for p in result.ambiguities if p.kind == "subsection" and p.line == 545)
    assert heading.text == "◎日本語教育の質の向上等"
    assert str(heading) == (f"{SOURCE}:545: measure 15: subsection heading 「◎日本語教育の質の向上等」 is placed "
                            "among measures out of order; which measure does it start? (next in the text: 15)")


@pytest.mark.parametrize("title, as_of, fiscal_year, day", [
    ("令和５年度", "令和６年３月末時点", 2023, "2024-03-31"),
    ("令和元年度", "令和２年３月末時点", 2019, "2020-03-31"),
    ("平成30年度", "平成31年３月末時点", 2018, "2019-03-31"),   # the era in force on the day
    ("令和10年度", "令和11年3月末時点", 2028, "2029-03-31"),     # digits of either width
])
def test_the_title_and_the_as_of_date_name_the_year_in_any_era(title, as_of, fiscal_year, day):
    from roadmap_reports.sources.ingest import parse_report

    text = MINI_REPORT.replace("令和５年度外国", f"{title}外国").replace("令和６年３月末時点", as_of)
    result = parse_report(text, source="mini.txt")
    assert result.ok, [str(p) for p in result.ambiguities]
    assert (result.roadmap.fiscal_year, result.roadmap.as_of.isoformat()) == (fiscal_year, day)
    assert result.roadmap.title == f"{title}外国人との共生社会の実現に向けたロードマップの実施状況"


def test_the_parse_seam_takes_lines_from_any_reader():
    from roadmap_reports.sources.ingest import SourceLine, parse_lines, parse_report

    lines = [SourceLine(i, raw) for i, raw in enumerate(MINI_REPORT.split("\n"), 1)]
    assert parse_lines(lines, source="mini.txt").roadmap == parse_report(MINI_REPORT, source="mini.txt").roadmap
