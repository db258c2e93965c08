"""The static site of the roadmap (publish): pages per measure, ministry and year pair, search, feed.

    from roadmap_reports.render.html import publish
    publish([fy2022, fy2023], "site")
"""

from __future__ import annotations


def publish(roadmaps, directory, *, base_url: str = "", reviews=()) -> list[tuple[str, bytes]]:
    """Write the site of the roadmaps (any order) into `directory`; return its files (path, bytes).
    `reviews` are loaded review files of KPI actuals (progress.review.load_review), applied as `kpi` does."""
    from roadmap_reports.render.html.site import site_files, write_site
    from roadmap_reports.render.publication import publication

    files = site_files(publication(roadmaps, reviews=reviews), base_url=base_url)
    write_site(files, directory)
    return files
