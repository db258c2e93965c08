"""collect reads large sets of returned workbooks on several processes, with the same result."""

from __future__ import annotations

import sys

from roadmap_reports.rounds import collect as collect_module
from roadmap_reports.sources.dataset import dumps_yaml, load_roadmap

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


def test_collect_on_workers_gives_the_serial_result(tmp_path, monkeypatch):
    base = load_roadmap(ROOT / "data" / "fy2022.yaml")
    paths = synth.returned_workbooks(base, tmp_path, 2023)
    paths = list(reversed(paths))  # any order: results follow the order given
    serial = collect_module.collect(paths, base=base, fiscal_year=2023)
    monkeypatch.setattr(collect_module, "PARALLEL_MIN_BYTES", 0)
    seen = []
    parallel = collect_module.collect(paths, base=base, fiscal_year=2023, progress=seen.append)
    assert [r.path for r in seen] == paths
    assert dumps_yaml(parallel.draft) == dumps_yaml(serial.draft)
    assert [(r.path, r.ministry, r.answers, r.findings) for r in parallel.returns] == \
           [(r.path, r.ministry, r.answers, r.findings) for r in serial.returns]
    assert parallel.updated == serial.updated and parallel.conflicts == serial.conflicts == []
    assert len(serial.updated) > 20 and not any(r.rejected for r in serial.returns)
