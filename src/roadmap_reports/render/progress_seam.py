"""The one place the publication asks for KPI progress (issue 15): the KPI items of the latest year with
their targets, actuals series (each with its quote) and verdicts, as the `kpi` command's JSON contract
(``{"fiscal_years", "items": [{"measure", "kpi_index", "kpi", "ministries", "type", "target",
"actuals", "verdict", "reason"}], "summary"}``), or None when `roadmap_reports.progress` is not importable. Everything else in render/html and render/datapackage reads only that dict.
"""

from __future__ import annotations

VERDICT_LABELS = {"achieved": "達成", "on_track": "順調", "behind": "遅れ", "unknown": "判定不能", "revised": "見直し"}
VERDICT_MARKS = {"achieved": "◎", "on_track": "○", "behind": "▲", "unknown": "－", "revised": "◇"}


def kpi_progress(roadmaps) -> dict | None:
    """The KPI progress of the roadmaps (any order; progress.report.kpi_report), as the `kpi` command's JSON
    contract, or None without the progress package."""
    try:
        from roadmap_reports.progress.report import kpi_report
    except ImportError:
        return None
    return kpi_report(list(roadmaps)).to_dict()


def items_by_measure(kpi: dict | None) -> dict[int, list[dict]]:
    """The contract's items by the latest year's measure number, in kpi_index order."""
    out: dict[int, list[dict]] = {}
    for item in (kpi or {}).get("items", []):
        out.setdefault(item["measure"], []).append(item)
    for items in out.values():
        items.sort(key=lambda i: i["kpi_index"])
    return out
