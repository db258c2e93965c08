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
