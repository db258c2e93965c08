"""The one place the publication asks for KPI progress (issue 15): the KPI items of the latest year with
their targets, actuals series (each with its quote) and verdicts, as the `kpi` command's JSON contract
(``{"fiscal_years", "items": [{"measure", "kpi_index", "kpi", "ministries", "type", "target",
"actuals", "verdict", "reason"}], "summary"}``), or None when `roadmap_reports.progress` is not importable. Everything else in render/html and render/datapackage reads only that dict.
"""

from __future__ import annotations

VERDICT_LABELS = {"achieved": "達成", "on_track": "順調", "behind": "遅れ", "unknown": "判定不能", "revised": "見直し"}
VERDICT_MARKS = {"achieved": "◎", "on_track": "○", "behind": "▲", "unknown": "－", "revised": "◇"}
# an actual's `source` (extracted | confirmed | corrected | added | workbook) as a reader reads it (出典)
SOURCE_LABELS = {"extracted": "自動抽出・未確認", "confirmed": "確認済み", "corrected": "確認時に修正",
                 "added": "確認時に追加", "workbook": "照会票の回答"}
# an actual's `qualifier`: 約 before the figure, 超 / 以上 after it
QUALIFIER_WORDS = {"~": ("約", ""), ">": ("", "超"), ">=": ("", "以上")}


def kpi_progress(roadmaps, reviews=()) -> dict | None:
    """The KPI progress of the roadmaps (any order; progress.report.kpi_report) with the review files of KPI
    actuals applied, as the `kpi` command's JSON contract, or None without the progress package. Each actual
    also gets `report_fy`: the fiscal year of the report whose status it was read from (or reviewed in)."""
    try:
        from roadmap_reports.progress.report import kpi_report
    except ImportError:
        return None
    report = kpi_report(list(roadmaps), reviews=list(reviews))
    data = report.to_dict()
    for progress, item in zip(getattr(report, "items", ()), data["items"]):
        year_of = {id(a): i.fiscal_year for i in [*progress.earlier, progress.item] for a in i.actuals}
        for actual, out in zip(progress.actuals, item["actuals"]):
            out["report_fy"] = year_of.get(id(actual))
    return data


def items_by_measure(kpi: dict | None) -> dict[int, list[dict]]:
    """The contract's items by the latest year's measure number, in kpi_index order."""
    out: dict[int, list[dict]] = {}
    for item in (kpi or {}).get("items", []):
        out.setdefault(item["measure"], []).append(item)
    for items in out.values():
        items.sort(key=lambda i: i["kpi_index"])
    return out
