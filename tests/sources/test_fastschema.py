"""The compiled schema check (sources/fastschema.py) is never looser than jsonschema."""

from __future__ import annotations

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_reports.sources import dataset
from roadmap_reports.sources.checks import schema
from roadmap_reports.sources.fastschema import compile_check

from conftest import FIXTURES

FIXTURE = FIXTURES / "mini.yaml"
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
