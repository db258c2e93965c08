"""`roadmap-reports history`: each measure's line through the years (progress.history)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import output_option


@click.command()
@click.argument("datasets", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "xlsx"]), default="text",
              show_default=True, help="text for the terminal; json the machine-readable form; xlsx a print-ready "
                                      "table (needs -o).")
@output_option("Write to this file instead of standard output (required for xlsx).")
@click.option("-m", "--ministry", "ministries", multiple=True, metavar="NAME_OR_CODE",
              help="Only measures of this ministry (name, code such as MEXT, or alias). Repeatable.")
def history(datasets, fmt, output, ministries):
    """Show each measure's line through two or more fiscal years.

    For every measure: its number in each year (paired as the diff pairs them, so a renumbered measure
    stays one line), the years its status stalled (at least 90 % like the year before), its KPI target
    revisions, and its KPI items' actuals and verdicts.

    \b
    Example:
        roadmap-reports history data/fy2022.yaml data/samples/fy2023_sample.yaml data/samples/fy2024_sample.yaml
        roadmap-reports history data/fy2022.yaml data/samples/fy2023_sample.yaml --format xlsx -o history.xlsx
    """
    from roadmap_reports.cli.render import emit, resolve_ministries
    from roadmap_reports.progress.history import history as build_history
    from roadmap_reports.sources.dataset import load_roadmaps

    if len(datasets) < 2:
        raise click.UsageError("history needs at least two DATASETs (two fiscal years)")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a file: give it with -o PATH")
    names = resolve_ministries(ministries)
    roadmaps = load_roadmaps(list(datasets))
    if len({r.fiscal_year for r in roadmaps}) < len(roadmaps):
        raise click.UsageError("two DATASETs are of the same fiscal year; give one dataset per year")
    hist = build_history(roadmaps, ministries=names)
    emit("history", fmt, hist, output, f"{len(hist.lines)} measures")
