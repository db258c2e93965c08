"""Loading datasets (sources/dataset.py): several files side by side give what loading one by one gives."""

from __future__ import annotations

import pytest

from roadmap_reports.sources import dataset

from conftest import DATA, FIXTURES

FIXTURE = FIXTURES / "mini.yaml"
REAL = DATA / "fy2022.yaml"


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
