"""The benchmark command runs at its smallest size and writes its tables (no timing is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT


def test_bench_quick_run_writes_the_results_table(tmp_path):
    out = tmp_path / "benchmarks.md"
    out.write_text("# Benchmarks\n\nNotes kept.\n\n<!-- bench:results -->\nold\n<!-- /bench:results -->\n\nTail kept.\n",
                   encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "1", "--quick", "--out", str(out),
                           "--workdir", str(tmp_path / "work")], capture_output=True, text=True, env=env,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nNotes kept.\n") and text.endswith("\nTail kept.\n")
    assert "\nold\n" not in text
    assert "| target | measured | result |" in text
    assert "| benchmark | size | seconds | CPU seconds | ÷ bare import |" in text
    rows = {line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| ") and "×1 |" in line}
    assert {"validate", "build", "diff", "ingest"} <= rows
    results = json.loads((tmp_path / "work" / "results.json").read_text(encoding="utf-8"))
    benches = {(r["bench"], r["size"]) for r in results["rows"]}
    assert {("import_deps", 0), ("import_click", 0), ("help", 0), ("validate", 1), ("build", 1)} <= benches
    assert all(r["seconds"] > 0 and r["max_rss_mb"] > 0 for r in results["rows"])
    assert (tmp_path / "work" / "x1" / "out" / "00_全体_overview.xlsx").is_file()


def test_synthetic_dataset_keeps_the_shape_of_the_real_one():
    sys.path.insert(0, str(ROOT / "bench"))
    import synth
    from roadmap_reports.sources.checks import validate

    base = synth.load_base()
    big = synth.scale(base, 3)
    assert len(big.measures) == 3 * len(base.measures)
    assert validate(big) == []
    assert big.measures[: len(base.measures)] == base.measures  # copy 0 is the real report
    copy1 = big.measures[len(base.measures): 2 * len(base.measures)]
    for m, c in zip(base.measures, copy1):
        assert c.ministries == m.ministries and len(c.kpis) == len(m.kpis)
        assert [len(x) for x in c.initiative.split("\n")] == [len(x) for x in m.initiative.split("\n")]
        assert (c.repost_of is None) == (m.repost_of is None)
        if c.repost_of is not None:
            assert big.measure(c.repost_of) in copy1  # reposts point within their copy
        assert set(c.status_by_ministry) == set(m.status_by_ministry)
        if m.initiative:
            assert c.initiative != m.initiative
    assert synth.scale(base, 3) == big  # deterministic
    nxt = synth.next_year(big)
    assert validate(nxt) == [] and nxt.fiscal_year == big.fiscal_year + 1
    old_ids, new_ids = {m.id for m in big.measures}, {m.id for m in nxt.measures}
    assert old_ids - new_ids and new_ids - old_ids  # removed or renumbered, and new or renumbered
