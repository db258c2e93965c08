"""`roadmap-reports history`: each measure's line through the years (progress.history), in any format of
the registry's subject "history" (render/registry.py)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import choice, input_format_option, ministries_option, output_option, quiet_option
from roadmap_reports.i18n import N_
from roadmap_reports.render import registry


@click.command()
@click.argument("datasets", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=True, allow_dash=True))
@input_format_option()
@click.option("-f", "--format", "fmt", type=choice(registry.formats("history")), default="text",
              show_default=True, help=N_("text for the terminal; json the machine-readable form; xlsx a "
                                         "print-ready table (needs -o; -o - when redirected)."))
@output_option(N_("Write to this file instead of standard output (required for xlsx; - : standard output)."))
@click.option("-m", "--ministry", "ministries", multiple=True, metavar="NAME_OR_CODE",
              help=N_("Only measures of this ministry (name, code such as MEXT, or alias). Repeatable."))
@ministries_option("datasets")
@quiet_option()
def history(datasets, input_format, fmt, output, ministries, quiet):
    """Show each measure's line through two or more fiscal years.

    For every measure: its number in each year (paired as the diff pairs them, so a renumbered measure
    stays one line), the years its status stalled (at least 90 % like the year before), its KPI target
    revisions, and its KPI items' actuals and verdicts. One DATASET may be - (standard input).

    \b
    Example:
        roadmap-reports history data/fy2022.yaml data/samples/fy2023_sample.yaml \\
            data/samples/fy2024_sample.yaml
        roadmap-reports history data/fy2022.yaml data/samples/fy2023_sample.yaml \\
            --format xlsx -o history.xlsx
    """
    from roadmap_reports.cli.render import check_output, emit, load_datasets, resolve_ministries
    from roadmap_reports.i18n import _, ngettext
    from roadmap_reports.progress.history import history as build_history

    if len(datasets) < 2:
        raise click.UsageError(_("history needs at least two DATASETs (two fiscal years)"))
    renderer = registry.get("history", fmt)
    check_output(renderer, fmt, output)
    names = resolve_ministries(ministries)
    roadmaps = load_datasets(datasets, input_format)
    if len({r.fiscal_year for r in roadmaps}) < len(roadmaps):
        raise click.UsageError(_("two DATASETs are of the same fiscal year; give one dataset per year"))
    hist = build_history(roadmaps, ministries=names)
    n = len(hist.lines)
    emit(renderer, fmt, hist, output, quiet, ngettext("{n} measure", "{n} measures", n).format(n=n))
