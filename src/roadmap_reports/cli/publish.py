"""`roadmap-reports publish`: the static site and open-data package of one or more years (render/html)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import (check_reviews, load_reviews, ministries_option, quiet_option,
                                         review_option, say)
from roadmap_reports.i18n import N_


@click.command()
@click.argument("datasets", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--outdir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help=N_("Folder of the site (replaced as a whole when everything is written)."))
@click.option("--base-url", default="", metavar="URL",
              help=N_("Where the site will be served (https://…/), for the feed's links; pages use relative links."))
@review_option()
@ministries_option("datasets")
@quiet_option()
def publish(datasets, outdir, base_url, reviews, quiet):
    """Write a static site and an open-data package of one or more years.

    DATASET… are the years' datasets in any order (they are sorted by fiscal year). The site has a home
    page, a page per measure (its texts in every year, the changes marked) and per ministry, the changes
    between consecutive years, search, an Atom feed, and the open-data package in OUTDIR/data/ (CSV,
    JSON, SQLite, datapackage.json). It works opened from disk and from any static host. --review applies a
    review file of KPI actuals (as `kpi --review` does): the pages and tables show the reviewed actuals and
    verdicts. Nothing is written when a dataset or a review file is wrong; an existing OUTDIR is replaced
    only once the new site is complete.

    \b
    Example:
        roadmap-reports publish data/fy2022.yaml data/samples/fy2023_sample.yaml \\
            -o site
        roadmap-reports publish data/fy2022.yaml -o site \\
            --review data/kpi/fy2022.yaml --base-url https://example.org/roadmap/
    """
    from roadmap_reports.i18n import _
    from roadmap_reports.render.html import publish as publish_site
    from roadmap_reports.sources.dataset import load_roadmaps

    loaded_reviews = load_reviews(reviews)
    roadmaps = load_roadmaps(datasets)
    check_reviews(loaded_reviews, roadmaps)
    files = publish_site(roadmaps, outdir, base_url=base_url, reviews=loaded_reviews)
    pages = sum(1 for rel, _data in files if rel.endswith(".html"))
    years = ", ".join(str(fy) for fy in sorted(r.fiscal_year for r in roadmaps))
    say(quiet, _("Wrote {outdir}: {pages} pages, {files} files (fiscal years {years}).").format(
        outdir=outdir, pages=pages, files=len(files), years=years))
