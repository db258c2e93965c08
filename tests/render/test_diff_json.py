"""The diff as JSON (render/diff_json.py): the machine-readable contract, keys in a fixed order."""

from __future__ import annotations

import json

from roadmap_reports.compare.diff import FLAGS

from conftest import invoke


def test_json_contract_shape(paths, result):
    out = invoke("diff", *paths, "--format", "json")
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert list(data) == ["old", "new", "summary", "measures"]
    assert data["old"]["fiscal_year"] == 2022 and data["new"]["fiscal_year"] == 2023
    assert list(data["summary"]) == list(FLAGS)
    for m in data["measures"]:
        assert list(m) == ["old_id", "new_id", "flags", "ministries", "kpi_revisions", "changes", "similarity"]
    by = {(m["old_id"], m["new_id"]): m for m in data["measures"]}
    assert set(by) == {(1, 1), (5, 5), (7, None), (8, 8), (None, 9)}  # unchanged measures included
    old_kpi, new_kpi = result.old.measure(5).kpis[0], result.new.measure(5).kpis[0]
    assert by[(5, 5)]["kpi_revisions"] == [{"old_text": old_kpi, "new_text": new_kpi, "old_value": 50, "new_value": 60,
                                            "unit": "%", "old_deadline": None, "new_deadline": None}]
    assert by[(8, 8)]["flags"] == ["stalled"] and by[(8, 8)]["changes"] == {}
    assert by[(None, 9)] == {"old_id": None, "new_id": 9, "flags": ["new"], "ministries": ["文部科学省"],
                             "kpi_revisions": [], "changes": {}, "similarity": None}
    assert invoke("diff", *paths, "--format", "json").stdout == out.stdout  # deterministic
