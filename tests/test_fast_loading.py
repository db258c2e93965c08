"""The fast paths of loading (libyaml events, the compiled schema check) give what the slow paths give."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_reports.sources import dataset
from roadmap_reports.sources.fastschema import compile_check
from roadmap_reports.sources.checks import schema

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "mini.yaml"
REAL = ROOT / "data" / "fy2022.yaml"


def slow_load(text: str):
    data, node = dataset._LineLoader.load(text, Path("x.yaml"))
    return data, {**dataset._measure_lines(node, data), **dataset._top_lines(node)}


pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: no fast path")


@pytest.mark.parametrize("path", [FIXTURE, REAL], ids=["mini", "fy2022"])
def test_event_reader_matches_the_composer_on_datasets(path):
    text = path.read_text(encoding="utf-8")
    assert dataset._fast_yaml(text) == slow_load(text)


@pytest.mark.parametrize("text", [
    "a: 1\nb: [1, 2]\n",
    "measures:\n- id: 3\n  x: y\n- 5\n- [1]\n- id: true\n",
    "measures: 3\n",
    "- a\n- b\n",
    "just text",
    "measures:\n  - {id: 1, section: '1'}\n  - id: 1\n    k: 2\n",
    "as_of: 2023-03-31\nt: 2001-12-14t21:59:43.10-05:00\nf: 1.5\ni: 0x1f\nb: yes\nn: ~\ne:\n",
    "k: |\n  x\n  y\nk2: >-\n  a\n  b\n",
])
def test_event_reader_matches_the_composer_on_odd_documents(text):
    assert dataset._fast_yaml(text) == slow_load(text)


@pytest.mark.parametrize("text", [
    "", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: !!str 1\n", "<<: {a: 1}\n", "? [a]\n: 1\n",
    "a: 1\n---\nb: 2\n", "a: [1,\n",
])
def test_event_reader_leaves_the_rest_to_the_composer(text):
    with pytest.raises(dataset._Fallback):
        dataset._fast_yaml(text)


def test_duplicate_key_error_is_unchanged(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(FIXTURE.read_text(encoding="utf-8") + "title: again\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        dataset.load_raw(path)
    assert "duplicate key 'title'" in str(exc.value)


# --- the compiled schema check is never looser than jsonschema ---------------------------------------
VALIDATOR = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
CHECK = compile_check(schema())


def base_data():
    data, _lines = dataset.load_raw(FIXTURE)
    data = dict(data)
    data["as_of"] = str(data["as_of"])
    return data


def test_valid_dataset_passes_the_fast_check():
    assert CHECK is not None
    assert CHECK(base_data())
    assert not list(VALIDATOR.iter_errors(base_data()))


values = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=16),
                   st.text(max_size=3), st.lists(st.text(max_size=2), max_size=2),
                   st.dictionaries(st.text(max_size=2), st.text(max_size=2), max_size=2))
paths = st.sampled_from([
    ("title",), ("fiscal_year",), ("as_of",), ("schema_version",), ("sections",), ("measures",),
    ("sections", 0, "id"), ("sections", 0, "subsections"), ("measures", 0, "id"), ("measures", 0, "kpis"),
    ("measures", 0, "kpis", 0), ("measures", 0, "ministries"), ("measures", 0, "subsection"),
    ("measures", 0, "repost_of"), ("measures", 0, "status_by_ministry"), ("measures", 0, "extra"),
    ("extra",), ("measures", 0, "kpi_proposal"), ("measures", 0, "section"),
])


@settings(max_examples=300, deadline=None)
@given(paths, values)
def test_fast_check_agrees_with_jsonschema(path, value):
    import copy

    data = copy.deepcopy(base_data())
    target = data
    for p in path[:-1]:
        if isinstance(target, list) and p >= len(target):
            return
        target = target[p]
    if isinstance(target, list):
        if path[-1] >= len(target):
            return
    target[path[-1]] = value
    valid = not list(VALIDATOR.iter_errors(data))
    assert CHECK(data) == valid


def test_unknown_keywords_leave_the_decision_to_jsonschema():
    assert compile_check({"type": "object", "patternProperties": {"a": {}}}) is None
    assert compile_check({"type": "string", "format": "email"}) is None


# --- several datasets side by side ---------------------------------------------------------------------
def test_load_roadmaps_on_workers_gives_what_loading_one_by_one_gives(monkeypatch):
    monkeypatch.setattr(dataset, "PARALLEL_LOAD_MIN_BYTES", 0)
    one_by_one = [dataset.load_roadmap(FIXTURE), dataset.load_roadmap(REAL)]
    together = dataset.load_roadmaps([FIXTURE, REAL])
    assert together == one_by_one
    assert [r.lines for r in together] == [r.lines for r in one_by_one]
    assert [r.source for r in together] == [str(FIXTURE), str(REAL)]


def test_load_roadmaps_raises_the_error_of_the_first_bad_file(monkeypatch, tmp_path):
    monkeypatch.setattr(dataset, "PARALLEL_LOAD_MIN_BYTES", 0)
    bad = tmp_path / "bad.yaml"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace("fiscal_year: ", "fiscal_year: x", 1),
                   encoding="utf-8")
    with pytest.raises(Exception) as expected:
        dataset.load_roadmap(bad)
    with pytest.raises(type(expected.value)) as got:
        dataset.load_roadmaps([FIXTURE, bad])
    assert str(got.value) == str(expected.value)


# --- heavy optional dependencies left out of imports that do not need them ----------------------------
@pytest.mark.parametrize("code, absent", [
    ("from roadmap_reports.render.xlsx.common import load_openpyxl; load_openpyxl()", "numpy"),
    ("from roadmap_reports.compare.pair import _deepdiff; _deepdiff()", "pandas"),
])
def test_optional_heavy_modules_are_not_imported_and_stay_importable(code, absent):
    import subprocess
    import sys

    import importlib.util

    # Not imported, no blocking entry left behind (a None in sys.modules would make a later
    # `import pandas` fail); and importable afterwards where it is installed (the bench extra).
    check = (f"{code}\nimport sys\nprint({absent!r} in sys.modules)\n"
             f"import importlib.util\nif importlib.util.find_spec({absent!r}) is not None:\n"
             f"    import {absent}\n    print({absent}.__name__)\nelse:\n    print({absent!r})")
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", absent]
    if importlib.util.find_spec(absent) is None:
        pytest.skip(f"{absent} is not installed: only checked that it was not imported")
