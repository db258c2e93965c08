"""`roadmap-reports kpi`: KPI targets against the actuals the statuses report (progress.report)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import output_option


@click.command()
@click.argument("datasets", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "md", "xlsx"]), default="text",
              show_default=True, help="text for the terminal; json is the machine-readable contract; md for a "
                                      "review; xlsx the print-ready progress table (needs -o).")
@output_option("Write to this file instead of standard output (required for xlsx).")
@click.option("-m", "--ministry", "ministries", multiple=True, metavar="NAME_OR_CODE",
              help="Only KPI items of this ministry's measures (name, code such as MEXT, or alias). Repeatable.")
@click.option("--review", "reviews", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A review file of actuals (data/kpi/fy2022.yaml): applied to the dataset of its fiscal year. "
                   "Repeatable.")
def kpi(datasets, fmt, output, ministries, reviews):
    """Set every KPI target against the actuals the statuses report, with a verdict and its evidence.

    Each DATASET is one fiscal year (any order: they are sorted by fiscal year); with several, the actuals
    become a series and revised targets show as 見直し. Every actual carries its quote from the status;
    a figure that cannot be matched to a KPI item with confidence is left out and counted. The verdict
    rule is in docs/kpi.md.

    \b
    Example:
        roadmap-reports kpi data/fy2022.yaml --review data/kpi/fy2022.yaml
        roadmap-reports kpi data/fy2022.yaml data/samples/fy2023_sample.yaml --format json -o kpi.json
        roadmap-reports kpi data/fy2022.yaml -m MEXT --format xlsx -o kpi_mext.xlsx
    """
    from roadmap_reports.cli.render import emit, resolve_ministries
    from roadmap_reports.progress.report import kpi_report
    from roadmap_reports.progress.review import load_review
    from roadmap_reports.sources.dataset import load_roadmaps

    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a file: give it with -o PATH")
    names = resolve_ministries(ministries)
    loaded_reviews = [load_review(r) for r in reviews]
    roadmaps = load_roadmaps(list(datasets))
    years = {r.fiscal_year for r in roadmaps}
    for review in loaded_reviews:
        if review.fiscal_year not in years:
            raise click.UsageError(f"--review {review.path} is for FY{review.fiscal_year}, which no DATASET is")
    report = kpi_report(roadmaps, reviews=loaded_reviews, ministries=names)
    emit("kpi", fmt, report, output, f"{len(report.items)} KPI items")
