"""`roadmap-reports diff`: compare two years (compare/diff.py) and render the result in any format of
the registry's subject "diff" (render/registry.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from roadmap_reports.cli.options import dataset_argument
from roadmap_reports.render import registry

FLAG_CHOICES = ("new", "removed", "renumbered", "initiative_changed", "kpi_revised", "kpi_text_changed", "kpi_added",
                "kpi_removed", "ministry_changed", "status_changed", "stalled", "repost_changed")


@click.command()
@dataset_argument(name="old")
@dataset_argument(name="new")
@click.option("-f", "--format", "fmt", type=click.Choice(registry.formats("diff")), default="text",
              show_default=True, help="text for the terminal; json is the machine-readable contract; md for a "
                                      "review; xlsx/docx the 新旧対照表 (need -o).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file instead of standard output (required for xlsx and docx).")
@click.option("-m", "--ministry", "ministries", multiple=True, metavar="NAME_OR_CODE",
              help="Only measures of this ministry (name, code such as MEXT, or alias), with its own status. "
                   "Repeatable.")
@click.option("--only", "only", multiple=True, type=click.Choice(FLAG_CHOICES), metavar="FLAG",
              help=f"Only measures with this flag. Repeatable. Flags: {', '.join(FLAG_CHOICES)}.")
@click.option("--stalled-threshold", type=click.FloatRange(0.0, 1.0), default=0.9, show_default=True,
              help="A status at least this similar to last year's (0..1) is stalled.")
@click.option("--exit-code", is_flag=True, help="Exit with 1 when there are differences (like git diff --exit-code).")
@click.option("--new-side", type=click.Choice(["left", "right"]), default="left", show_default=True,
              help="新旧対照表: put 改正後 (new) on the left or on the right.")
@click.option("--group-by", type=click.Choice(["ministry", "section"]), default="ministry", show_default=True,
              help="新旧対照表: group rows by ministry or by section.")
@click.option("--abbreviate", is_flag=True, help="新旧対照表: replace long unchanged stretches with 「（略）」.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when writing to a terminal).")
def diff(old, new, fmt, output, ministries, only, stalled_threshold, exit_code, new_side, group_by, abbreviate, color):
    """Compare two fiscal years' datasets: new, removed, renumbered, changed and stalled measures.

    OLD is the earlier year, NEW the later one. Measures are paired by 施策番号 and, when renumbered, by
    their content; width, whitespace and line-wrap differences are not changes. Exit code 0 whether or
    not there are differences, unless --exit-code.

    \b
    Example:
        roadmap-reports diff data/fy2022.yaml data/samples/fy2023_sample.yaml
        roadmap-reports diff data/fy2022.yaml data/samples/fy2023_sample.yaml --only kpi_revised --format json
        roadmap-reports diff data/fy2022.yaml data/samples/fy2023_sample.yaml -m MEXT --format xlsx -o mext.xlsx
    """
    from roadmap_reports.compare.diff import diff_files

    renderer = registry.get("diff", fmt)
    if renderer.writes_file and output is None:
        raise click.UsageError(f"--format {fmt} writes a file: give it with -o PATH")
    result = diff_files(old, new, stalled_threshold=stalled_threshold)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    result = result.filter(ministries=list(ministries) or None, only=list(only) or None)
    options = dict(new_side=new_side, group_by=group_by, abbreviate=abbreviate,
                   color=color if color is not None else (output is None and sys.stdout.isatty()))
    flagged = f"{len(result.changed)} of {len(result.measures)} measures flagged"
    if renderer.writes_file:
        rows = renderer(result, output, **options)
        click.echo(f"Wrote {output} (新旧対照表, {rows} rows; {flagged}).", err=True)
    elif output is None:
        click.echo(renderer(result, **options), nl=False, color=color)
    else:
        from roadmap_reports.io.files import write_text_atomic

        write_text_atomic(output, renderer(result, **options))
        click.echo(f"Wrote {output} ({fmt}; {flagged}).", err=True)
    if exit_code and result.has_differences:
        raise click.exceptions.Exit(1)
