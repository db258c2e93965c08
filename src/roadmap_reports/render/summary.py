"""Short human summaries of a roadmap, shared by commands."""

from __future__ import annotations

from roadmap_reports.model import Roadmap


def counts(roadmap: Roadmap) -> dict:
    """Measures, reposts, ministries, sections and subsections of a roadmap."""
    reposts = sum(1 for m in roadmap.measures if m.is_repost)
    return {
        "measures": len(roadmap.measures),
        "reposts": reposts,
        "ministries": len(roadmap.ministries()),
        "sections": len(roadmap.sections),
        "subsections": sum(len(s.subsections) for s in roadmap.sections),
    }


def summarize(roadmap: Roadmap) -> str:
    """One line for a terminal: FY2022 (as of 2023-03-31): 101 measures (…), 13 ministries, …."""
    c = counts(roadmap)
    return (f"FY{roadmap.fiscal_year} (as of {roadmap.as_of.isoformat()}): {c['measures']} measures "
            f"({c['reposts']} reposts), {c['ministries']} ministries, {c['sections']} sections, "
            f"{c['subsections']} subsections.")


def measure_range(ids) -> str:
    """Measure numbers as a reader writes them: [35, 36, 37, 38, 39, 41, 42] → 「施策35～39、41、42」
    (a run of three or more consecutive numbers as 「A～B」, the others one by one, in increasing order)."""
    numbers = sorted(set(ids))
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = []
    for run in runs:
        parts += [f"{run[0]}～{run[-1]}"] if len(run) >= 3 else [str(n) for n in run]
    return "施策" + "、".join(parts)


def kpi_list(measures) -> list[tuple[list[int], list]]:
    """The KPI items of these measures for a list a reader scans: each distinct item once (in the order it
    first appears) with the numbers of every measure that sets it, and items that follow one another with the
    same measures together: [([35, …, 45], [KpiItem(…)]), ([11], [KpiItem(…), KpiItem(…)]), …]. Items are
    read with `japanese.kpi.kpi_items`, so 「上記とともに…」 stays with its item and 「（参考指標）」 is a caption."""
    from roadmap_reports.japanese.kpi import kpi_items

    measures_of: dict = {}
    for m in measures:
        for item in kpi_items(list(m.kpis)):
            ids = measures_of.setdefault(item, [])
            if m.id not in ids:
                ids.append(m.id)
    groups: list[tuple[list[int], list]] = []
    for item, ids in measures_of.items():
        if groups and groups[-1][0] == ids:
            groups[-1][1].append(item)
        else:
            groups.append((ids, [item]))
    return groups
