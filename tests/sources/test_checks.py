"""`roadmap-reports validate`: schema and consistency, one located line per problem."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import DATA, FIXTURES, invoke

MINI = FIXTURES / "mini.yaml"
KPIS_X = '   "kpis": "x",'
REPOST_3 = '   "repost_of": 3'
EMPTY_INITIATIVE = '   "initiative": "",'
NO_MINISTRIES = '   "ministries": [],'


def _mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


def _line(text: str, needle: str, start_after: str | None = None) -> int:
    lines = text.splitlines()
    begin = 0
    if start_after is not None:
        begin = next(i for i, x in enumerate(lines) if x == start_after) + 1
    return next(i for i, x in enumerate(lines[begin:], begin + 1) if x == needle)


def _write(tmp_path, name: str, text: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _json(tmp_path, name: str, mutate) -> tuple:
    data = yaml.safe_load(_mini_text())
    data["as_of"] = data["as_of"].isoformat()
    mutate(data)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return _write(tmp_path, name, text), text


def test_valid_datasets():
    result = invoke("validate", MINI)
    assert result.exit_code == 0
    assert result.stdout == (f"{MINI}: valid. FY2022 (as of 2023-03-31): 5 measures (1 reposts), 3 ministries, "
                             "2 sections, 2 subsections.\n")
    result = invoke("validate", DATA / "fy2022.yaml")
    assert result.exit_code == 0
    assert result.stdout == (f"{DATA / 'fy2022.yaml'}: valid. FY2022 (as of 2023-03-31): 101 measures (14 reposts), "
                             "13 ministries, 4 sections, 15 subsections.\n")
    assert invoke("validate", "--quiet", MINI).stdout == ""


def test_default_is_the_bundled_dataset():
    result = invoke("validate")
    assert result.exit_code == 0 and "101 measures (14 reposts)" in result.stdout


def test_json_dataset_is_read_too(tmp_path):
    path, _ = _json(tmp_path, "mini.json", lambda d: None)
    result = invoke("validate", path)
    assert result.exit_code == 0 and result.stdout.startswith(f"{path}: valid. FY2022")


def _problems(result) -> list[str]:
    """The lines on stderr; exit code 1 for a dataset that breaks rules (the list ends with "N problems
    found"), 4 for one that cannot be read (one line)."""
    lines = result.stderr.splitlines()
    unreadable = len(lines) == 1 and not lines[0].endswith(" found")
    assert result.exit_code == (4 if unreadable else 1)
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def test_yaml_syntax_error_with_line(tmp_path):
    p = _write(tmp_path, "bad.yaml", "schema_version: 1\ntitle: [unclosed\n")
    assert _problems(invoke("validate", p)) == [
        f"Error: {p}:3: YAML syntax error: expected ',' or ']', but got '<stream end>'"]


def test_json_syntax_error_with_line(tmp_path):
    p = _write(tmp_path, "bad.json", '{"schema_version": 1,\n "title": }\n')
    assert _problems(invoke("validate", p)) == [f"Error: {p}:2: JSON syntax error: Expecting value"]


def test_duplicate_key(tmp_path):
    text = _mini_text().replace("fiscal_year: 2022\n", "fiscal_year: 2022\nfiscal_year: 2023\n")
    p = _write(tmp_path, "dup.yaml", text)
    assert _problems(invoke("validate", p)) == [f"Error: {p}:4: duplicate key 'fiscal_year'"]


def test_a_list_instead_of_a_mapping(tmp_path):
    p = _write(tmp_path, "list.yaml", "- 1\n- 2\n")
    assert _problems(invoke("validate", p)) == [
        f"{p}:1: a dataset must be a mapping with 'measures', not a list", f"Error: {p}: 1 problem found"]


def test_wrong_types(tmp_path):
    text = _mini_text().replace("fiscal_year: 2022", 'fiscal_year: "2022"')
    p = _write(tmp_path, "t.yaml", text)
    assert _problems(invoke("validate", p)) == [
        f"{p}:3: fiscal_year: must be an integer, not a text '2022'", f"Error: {p}: 1 problem found"]
    p, jtext = _json(tmp_path, "t.json", lambda d: d["measures"][0].__setitem__("kpis", "x"))
    assert _problems(invoke("validate", p)) == [
        f"{p}:{_line(jtext, KPIS_X)}: measure 1: measures[0].kpis: must be a list, not a text 'x'",
        f"Error: {p}: 1 problem found"]


def test_missing_and_extra_keys(tmp_path):
    text = _mini_text().replace("title: 令和４年度外国人との共生社会の実現に向けたロードマップの実施状況\n", "")
    p = _write(tmp_path, "missing.yaml", text)
    assert _problems(invoke("validate", p)) == [f"{p}:1: 'title' is missing", f"Error: {p}: 1 problem found"]
    text = _mini_text().replace("  status: 実施した。\n", "  status: 実施した。\n  colour: red\n")
    p = _write(tmp_path, "extra.yaml", text)
    assert _problems(invoke("validate", p)) == [
        f"{p}:{_line(text, '- id: 5')}: measure 5: measures[4]: unknown key 'colour'", f"Error: {p}: 1 problem found"]


def test_duplicate_ids(tmp_path):
    text = _mini_text().replace("- id: 5\n", "- id: 4\n")
    p = _write(tmp_path, "dup.yaml", text)
    first = _line(text, "- id: 4")
    second = _line(text, "- id: 4", start_after="- id: 4")
    assert _problems(invoke("validate", p)) == [
        f"{p}:{second}: measure 4: duplicate id 4 (also at line {first})", f"Error: {p}: 1 problem found"]


def test_repost_to_a_missing_measure_and_to_another_repost(tmp_path):
    text = _mini_text().replace("  repost_of: 1\n", "  repost_of: 9\n")
    p = _write(tmp_path, "r.yaml", text)
    assert _problems(invoke("validate", p)) == [
        f"{p}:{_line(text, '  repost_of: 9')}: measure 3: repost_of 9 points to a missing measure",
        f"Error: {p}: 1 problem found"]

    def add_repost_of_repost(d):
        d["measures"].append({**d["measures"][2], "id": 6, "repost_of": 3})
    p, jtext = _json(tmp_path, "rr.json", add_repost_of_repost)
    assert _problems(invoke("validate", p)) == [
        f"{p}:{_line(jtext, REPOST_3)}: measure 6: repost_of 3 points to another repost (of 1)",
        f"Error: {p}: 1 problem found"]


def test_non_repost_without_ministry_or_initiative(tmp_path):
    p, jtext = _json(tmp_path, "n.json", lambda d: d["measures"][2].__setitem__("repost_of", None))
    assert _problems(invoke("validate", p)) == [
        f"{p}:{_line(jtext, EMPTY_INITIATIVE)}: measure 3: initiative is empty",
        f"{p}:{_line(jtext, NO_MINISTRIES)}: measure 3: no ministry (担当省庁)",
        f"Error: {p}: 2 problems found"]


def test_unknown_section_and_subsection(tmp_path):
    text = _mini_text().replace("  subsection: 3-1\n  initiative: KPI", "  subsection: 3-9\n  initiative: KPI")
    text = text.replace("- id: 5\n  section: '3'", "- id: 5\n  section: '7'")
    p = _write(tmp_path, "s.yaml", text)
    assert _problems(invoke("validate", p)) == [
        f"{p}:{_line(text, '  section: ' + chr(39) + '7' + chr(39))}: measure 5: unknown section '7' (sections: 1, 3)",
        f"{p}:{_line(text, '  subsection: 3-9')}: measure 5: unknown subsection '3-9'",
        f"Error: {p}: 2 problems found"]


def test_unknown_ministry_with_suggestion(tmp_path):
    text = _mini_text().replace("  - 厚生労働省\n", "  - 厚生労動省\n")
    p = _write(tmp_path, "m.yaml", text)
    assert _problems(invoke("validate", p)) == [
        f"{p}:{_line(text, '  ministries:', start_after='- id: 5')}: measure 5: unknown ministry '厚生労動省' "
        "(did you mean 厚生労働省?)", f"Error: {p}: 1 problem found"]


def test_alias_instead_of_canonical_name(tmp_path):
    text = _mini_text().replace("  - 厚生労働省\n", "  - 厚労省\n")
    p = _write(tmp_path, "m.yaml", text)
    assert _problems(invoke("validate", p))[0].endswith(
        "measure 5: ministry '厚労省' is not the canonical name (use 厚生労働省)")


@pytest.mark.parametrize("name, content, message", [
    ("sjis.yaml", _mini_text().encode("cp932"), ":2: file is encoded in Shift_JIS/CP932, not UTF-8; save it as UTF-8"),
    ("utf16.yaml", _mini_text().encode("utf-16"), ": file is UTF-16; save it as UTF-8"),
    ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, ": binary file, not text"),
    ("empty.yaml", b"", ": file is empty"),
    ("blank.json", b"  \n\n", ": file is empty"),
    ("comments.yaml", b"# nothing here\n", ": file holds no data"),
    ("data.txt", b"x: 1\n", ": unknown dataset format '.txt'; use .yaml, .yml or .json"),
])
def test_unreadable_files(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    assert _problems(invoke("validate", p)) == [f"Error: {p}{message}"]


def test_directory_and_missing_path(tmp_path):
    assert _problems(invoke("validate", tmp_path)) == [f"Error: {tmp_path}: is a directory, not a file"]
    missing = tmp_path / "nope.yaml"
    assert _problems(invoke("validate", missing)) == [f"Error: {missing}: no such file"]


def test_library_reports_every_problem_as_data(tmp_path):
    from roadmap_reports.sources.dataset import load_roadmap
    from roadmap_reports.errors import ValidationError

    text = _mini_text().replace("  repost_of: 1\n", "  repost_of: 9\n").replace("  - 厚生労働省\n", "  - 厚生労動省\n")
    p = _write(tmp_path, "x.yaml", text)
    with pytest.raises(ValidationError) as info:
        load_roadmap(p)
    assert [(x.measure, x.message) for x in info.value.problems] == [
        (3, "repost_of 9 points to a missing measure"), (5, "unknown ministry '厚生労動省' (did you mean 厚生労働省?)")]
    from roadmap_reports.errors import Problem

    problems = info.value.problems
    assert all(isinstance(x, Problem) for x in problems)  # the one located-problem type
    assert [(x.kind, x.file, x.severity) for x in problems] == [("repost", str(p), "error"),
                                                               ("unknown_ministry", str(p), "error")]
    assert str(problems[0]) == f"{p}:{problems[0].line}: measure 3: repost_of 9 points to a missing measure"


def test_schema_problems_are_located_by_position_when_the_id_is_unreadable(tmp_path):
    from roadmap_reports.errors import ValidationError
    from roadmap_reports.sources.dataset import load_roadmap

    text = _mini_text().replace("- id: 2\n", "- id: two\n")
    p = _write(tmp_path, "x.yaml", text)
    with pytest.raises(ValidationError) as info:
        load_roadmap(p)
    first = info.value.problems[0]
    assert (first.kind, first.measure, first.line) == ("schema", None, _line(text, "- id: two"))
