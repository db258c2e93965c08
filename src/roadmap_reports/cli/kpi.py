"""`roadmap-reports kpi`: KPI targets against the actuals the statuses report (progress.report), in any
format of the registry's subject "kpi" (render/registry.py)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import (check_reviews, choice, input_format_option, load_reviews,
                                         ministries_option, output_option, quiet_option, review_option)
from roadmap_reports.i18n import N_
from roadmap_reports.render import registry


@click.command()
@click.argument("datasets", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=True, allow_dash=True))
@input_format_option()
@click.option("-f", "--format", "fmt", type=choice(registry.formats("kpi")), default="text",
              show_default=True, help=N_("text for the terminal; json is the machine-readable contract; md for a "
                                         "review; xlsx the print-ready progress table (needs -o; -o - when "
                                         "redirected)."))
@output_option(N_("Write to this file instead of standard output (required for xlsx; - : standard output)."))
@click.option("-m", "--ministry", "ministries", multiple=True, metavar="NAME_OR_CODE",
              help=N_("Only KPI items of this ministry's measures (name, code such as MEXT, or alias). "
                      "Repeatable."))
@review_option()
@ministries_option("datasets")
@quiet_option()
def kpi(datasets, input_format, fmt, output, ministries, reviews, quiet):
    """Set every KPI target against the actuals the statuses report, with a verdict and its evidence.

    Each DATASET is one fiscal year (any order: they are sorted by fiscal year); with several, the actuals
    become a series and revised targets show as 見直し. Every actual carries its quote from the status;
    a figure that cannot be matched to a KPI item with confidence is left out and counted. The verdict
    rule is in docs/kpi.md. A DATASET may be - (standard input).

    \b
    Example:
        roadmap-reports kpi data/fy2022.yaml --review data/kpi/fy2022.yaml
        roadmap-reports kpi data/fy2022.yaml data/samples/fy2023_sample.yaml \\
            --format json -o kpi.json
        roadmap-reports kpi data/fy2022.yaml -m MEXT -f xlsx -o kpi_mext.xlsx
        cat data/fy2022.yaml | roadmap-reports kpi - -f json | jq .summary
    """
    from roadmap_reports.cli.render import check_output, emit, load_datasets, resolve_ministries
    from roadmap_reports.i18n import ngettext
    from roadmap_reports.progress.report import kpi_report

    renderer = registry.get("kpi", fmt)
    check_output(renderer, fmt, output)
    names = resolve_ministries(ministries)
    loaded_reviews = load_reviews(reviews)
    roadmaps = load_datasets(datasets, input_format)
    check_reviews(loaded_reviews, roadmaps)
    report = kpi_report(roadmaps, reviews=loaded_reviews, ministries=names)
    n = len(report.items)
    emit(renderer, fmt, report, output, quiet, ngettext("{n} KPI item", "{n} KPI items", n).format(n=n))
