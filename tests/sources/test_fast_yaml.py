"""The fast YAML reader (sources/fast_yaml.py) gives what PyYAML's composer (yaml_lines.py) gives, or leaves
the document to it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from roadmap_reports.sources import dataset, fast_yaml, yaml_lines

from conftest import DATA, FIXTURES

FIXTURE = FIXTURES / "mini.yaml"
REAL = DATA / "fy2022.yaml"


def slow_load(text: str):
    data, node = yaml_lines.load(text, Path("x.yaml"))
    return data, yaml_lines.line_map(node, data)


pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: no fast path")


@pytest.mark.parametrize("path", [FIXTURE, REAL], ids=["mini", "fy2022"])
def test_event_reader_matches_the_composer_on_datasets(path):
    text = path.read_text(encoding="utf-8")
    assert fast_yaml.read(text) == slow_load(text)


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
    assert fast_yaml.read(text) == slow_load(text)


@pytest.mark.parametrize("text", [
    "", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: !!str 1\n", "<<: {a: 1}\n", "? [a]\n: 1\n",
    "a: 1\n---\nb: 2\n", "a: [1,\n",
])
def test_event_reader_leaves_the_rest_to_the_composer(text):
    with pytest.raises(fast_yaml.Fallback):
        fast_yaml.read(text)


def test_the_line_map_names_every_measure_and_field():
    text = FIXTURE.read_text(encoding="utf-8")
    _data, lines = fast_yaml.read(text)
    rows = text.splitlines()
    assert rows[lines.top["measures"] - 1] == "measures:"
    first = lines.measure(1)
    assert rows[first - 1].lstrip("- ").startswith("id: 1")
    assert rows[lines.measure(1, "status") - 1].lstrip().startswith("status:")
    assert lines.item(0, "status") == lines.measure(1, "status")
    assert lines.measure(1, "no such field") == first  # an absent field: the measure's own line


def test_duplicate_key_error_is_unchanged(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(FIXTURE.read_text(encoding="utf-8") + "title: again\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        dataset.load_raw(path)
    assert "duplicate key 'title'" in str(exc.value)
