"""Write the reviewed actuals file data/kpi/fy2022.yaml from the hand-checked ground truth.

    PYTHONPATH=src python scripts/make_kpi_review.py

The ground truth (tests/fixtures/kpi_truth_fy2022.yaml) was made by a careful reader who read every status
of the 80 measures with KPI items and wrote down, for each of the 126 items, the actuals with their exact
quotes, the doubtful figures, and the figures that are not actuals. This script compares what the extraction
finds with it and writes one review entry per decision: `confirm` an extracted actual the reader also
attached; `correct` one whose fiscal year or unit the reader reads otherwise; `reject` one the reader did not
attach (with the reader's reason); `add` an actual the extraction missed (with the reader's quote).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from roadmap_reports.io.files import write_text_atomic  # noqa: E402
from roadmap_reports.progress.targets import items_of  # noqa: E402
from roadmap_reports.sources.dataset import load_roadmap  # noqa: E402

TRUTH = ROOT / "tests" / "fixtures" / "kpi_truth_fy2022.yaml"
DATASET = ROOT / "data" / "fy2022.yaml"
TARGET = ROOT / "data" / "kpi" / "fy2022.yaml"
HEADER = """\
# Reviewed KPI actuals of the FY2022 report (令和４年度), applied by `roadmap-reports kpi --review`.
# Each entry: confirm (quote) | correct (quote + changed fields) | add (value, unit, as_of_fy, quote or citation)
# | reject (quote, reason). Quotes are verbatim parts of the measure's status.
# How it was checked: every status of the 80 measures with KPI items was read by hand (the ground truth,
# tests/fixtures/kpi_truth_fy2022.yaml: 126 items, 43 actuals with quotes, doubtful figures with reasons);
# every actual the extraction finds was compared with it by scripts/make_kpi_review.py, which wrote this file.
"""


def _unit(unit: str) -> str:
    return {"名": "人", "市区町村等": "市区町村"}.get(unit, unit)


def entries_for(item, truth_item) -> list[dict]:
    out = []
    want = list(truth_item["actuals"])
    for a in item.actuals:
        hit = next((t for t in want if float(t["value"]) == float(a.value)), None)
        if hit is not None:
            want.remove(hit)
            changes = {k: v for k, v in (("as_of_fy", hit["as_of_fy"]), ("unit", _unit(hit["unit"])))
                       if getattr(a, k) != v}
            out.append({"action": "correct" if changes else "confirm", "quote": a.quote, **changes})
            continue
        doubt = next((d for d in truth_item.get("doubtful") or [] if float(d["value"]) == float(a.value)), None)
        reason = f"doubtful: {doubt['reason']}" if doubt else "not an actual of this KPI item (ground truth)"
        out.append({"action": "reject", "quote": a.quote, "reason": reason})
    for t in want:
        out.append({"action": "add", "value": t["value"], "unit": _unit(t["unit"]), "as_of_fy": t["as_of_fy"],
                    "quote": t["quote"]})
    return out


def main() -> None:
    truth = yaml.safe_load(TRUTH.read_text(encoding="utf-8"))
    items = {(i.measure, i.kpi_index): i for i in items_of(load_roadmap(DATASET))}
    out = []
    for tm in truth["measures"]:
        for tk in tm["kpis"]:
            entries = entries_for(items[(tm["measure"], tk["kpi_index"])], tk)
            if entries:
                out.append({"measure": tm["measure"], "kpi_index": tk["kpi_index"], "kpi": tk["kpi"],
                            "actuals": entries})
    doc = {"fiscal_year": 2022, "dataset": "data/fy2022.yaml", "items": out}
    write_text_atomic(TARGET, HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000))
    n = sum(len(i["actuals"]) for i in out)
    print(f"Wrote {TARGET.relative_to(ROOT)} ({len(out)} items, {n} entries).")


if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(description=__doc__.split("\n\n")[0],  # --help explains, and writes nothing
                            formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    main()
