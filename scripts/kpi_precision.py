"""Precision and recall of the KPI actuals extraction against a hand-made ground truth.

    PYTHONPATH=src python scripts/kpi_precision.py [tests/fixtures/kpi_truth_fy2022.yaml] [data/fy2022.yaml] [-v]

An extracted actual is *correct* when the truth gives the same KPI item an actual of the same value (and the
same fiscal year: a wrong year counts as wrong), *doubtful* when the truth lists it as doubtful for that item,
and *wrong* otherwise. Recall is the share of the truth's actuals found with the right value.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from roadmap_reports.progress.targets import items_of  # noqa: E402
from roadmap_reports.sources.dataset import load_roadmap  # noqa: E402


def score(truth: dict, roadmap, verbose: bool = False) -> dict:
    items = {(i.measure, i.kpi_index): i for i in items_of(roadmap)}
    counts = {"extracted": 0, "correct": 0, "wrong_year": 0, "doubtful": 0, "wrong": 0, "truth": 0, "found": 0}
    for tm in truth["measures"]:
        for tk in tm["kpis"]:
            item = items[(tm["measure"], tk["kpi_index"])]
            want = {(float(a["value"]), a["as_of_fy"]) for a in tk["actuals"]}
            doubtful = {float(a["value"]) for a in tk.get("doubtful") or []}
            got = {(float(a.value), a.as_of_fy) for a in item.actuals}
            counts["truth"] += len(want)
            counts["found"] += len({v for v, _ in want} & {v for v, _ in got})
            for v, fy in sorted(got):
                counts["extracted"] += 1
                if (v, fy) in want:
                    counts["correct"] += 1
                elif v in {w for w, _ in want}:
                    counts["wrong_year"] += 1
                elif v in doubtful:
                    counts["doubtful"] += 1
                else:
                    counts["wrong"] += 1
                if verbose and (v, fy) not in want:
                    print(f"  extra   #{tm['measure']}[{tk['kpi_index']}] {v} FY{fy}")
            if verbose:
                for v, fy in sorted(want - got):
                    print(f"  missed  #{tm['measure']}[{tk['kpi_index']}] {v} FY{fy}")
    judged = counts["extracted"] - counts["doubtful"]
    counts["precision"] = round(counts["correct"] / judged, 3) if judged else 1.0
    counts["recall"] = round(counts["found"] / counts["truth"], 3) if counts["truth"] else 1.0
    return counts


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("-")]
    truth_path = Path(args[0]) if args else ROOT / "tests" / "fixtures" / "kpi_truth_fy2022.yaml"
    data_path = Path(args[1]) if len(args) > 1 else ROOT / "data" / "fy2022.yaml"
    truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    counts = score(truth, load_roadmap(data_path), verbose="-v" in argv)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
