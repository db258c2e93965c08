"""`roadmap-reports diff`: compare two years (compare/diff.py) and render the result in any format of
the registry's subject "diff" (render/registry.py)."""

from __future__ import annotations

import click

from roadmap_reports.cli.colour import colour_option
from roadmap_reports.cli.options import (choice, dataset_argument, input_format_option, output_option, paper_option,
                                         ministries_option, quiet_option, say)
from roadmap_reports.cli.streams import is_stdio
from roadmap_reports.i18n import N_
from roadmap_reports.render import registry

FLAG_CHOICES = ("new", "removed", "renumbered", "initiative_changed", "kpi_revised", "kpi_text_changed", "kpi_added",
                "kpi_removed", "ministry_changed", "status_changed", "stalled", "repost_changed")


@click.command()
@dataset_argument(name="old")
@dataset_argument(name="new")
@input_format_option()
@click.option("-f", "--format", "fmt", type=choice(registry.formats("diff")), default="text",
              show_default=True, help=N_("text for the terminal; json is the machine-readable contract; md for a "
                                         "review; xlsx/docx the 新旧対照表 (need -o; -o - when redirected)."))
@output_option(N_("Write to this file instead of standard output (required for xlsx and docx; - : standard "
                  "output)."))
@click.option("-m", "--ministry", "ministries", multiple=True, metavar="NAME_OR_CODE",
              help=N_("Only measures of this ministry (name, code such as MEXT, or alias), with its own status. "
                      "Repeatable."))
@click.option("--only", "only", multiple=True, type=choice(FLAG_CHOICES), metavar="FLAG",
              help=N_("Only measures with this flag. Repeatable. Flags: new, removed, renumbered, initiative_changed, "
                      "kpi_revised, kpi_text_changed, kpi_added, kpi_removed, ministry_changed, status_changed, "
                      "stalled, repost_changed."))
@click.option("--stalled-threshold", type=click.FloatRange(0.0, 1.0), default=0.9, show_default=True,
              help=N_("A status at least this similar to last year's (0..1) is stalled."))
@click.option("--exit-code", is_flag=True, help=N_("Exit with 1 when there are differences (like git diff --exit-code); 4 when an input "
                                       "cannot be read."))
@click.option("--new-side", type=choice(["left", "right"]), default="left", show_default=True,
              help=N_("新旧対照表: put 改正後 (new) on the left or on the right."))
@click.option("--group-by", type=choice(["none", "ministry", "section"]), default="none", show_default=True,
              help=N_("新旧対照表: one table in the report's order (none), or a part per ministry (with its own "
                      "status) or per section."))
@click.option("--abbreviate", is_flag=True, help=N_("新旧対照表: replace long unchanged stretches with 「（略）」."))
@paper_option(N_("新旧対照表 (xlsx, docx): landscape paper, A4 (8 pt) or A3 (10 pt, wider columns)."))
@colour_option()
@ministries_option("old", "new")
@quiet_option()
def diff(old, new, input_format, fmt, output, ministries, only, stalled_threshold, exit_code, new_side, group_by,
         abbreviate, paper, color, quiet):
    """Compare two fiscal years' datasets: new, removed, renumbered, changed and stalled measures.

    OLD is the earlier year, NEW the later one. Measures are paired by 施策番号 and, when renumbered, by
    their content; width, whitespace and line-wrap differences are not changes. Exit code 0 whether or
    not there are differences, unless --exit-code. Either may be - (standard input).

    \b
    Example:
        roadmap-reports diff data/fy2022.yaml data/samples/fy2023_sample.yaml
        roadmap-reports diff data/fy2022.yaml data/samples/fy2023_sample.yaml \\
            --only kpi_revised --format json
        roadmap-reports diff data/fy2022.yaml data/samples/fy2023_sample.yaml \\
            -m MEXT --format xlsx -o mext.xlsx
    """
    from roadmap_reports.cli.streams import check_binary_to_stdout
    from roadmap_reports.errors import EXIT_FOUND
    from roadmap_reports.i18n import _

    renderer = registry.get("diff", fmt)
    if renderer.writes_file:
        if output is None:
            raise click.UsageError(_("--format {fmt} writes a file: give it with -o PATH (or -o - to "
                                     "standard output)").format(fmt=fmt))
        check_binary_to_stdout(output, fmt)
    result = _compare(old, new, input_format, stalled_threshold)
    for warning in result.warnings:
        click.echo(_("Warning: {warning}").format(warning=warning), err=True)
    result = result.filter(ministries=list(ministries) or None, only=list(only) or None)
    flagged = _("{changed} of {total} measures flagged").format(changed=len(result.changed),
                                                                  total=len(result.measures))
    _write(renderer, result, fmt, output, quiet, flagged, color, new_side=new_side, group_by=group_by,
           abbreviate=abbreviate, paper=paper)
    if exit_code and result.has_differences:
        raise click.exceptions.Exit(EXIT_FOUND)


def _compare(old, new, input_format, stalled_threshold):
    """Load both datasets (either may be - for standard input) and compare them."""
    from roadmap_reports.cli.streams import is_stdio, load_dataset

    if is_stdio(old) or is_stdio(new):
        from roadmap_reports.compare.diff import diff

        return diff(load_dataset(old, input_format), load_dataset(new, input_format),
                    stalled_threshold=stalled_threshold)
    from roadmap_reports.compare.diff import diff_files

    return diff_files(old, new, stalled_threshold=stalled_threshold)


def _write(renderer, result, fmt, output, quiet, flagged, color, **options) -> None:
    """Through the registry's renderer: a file format (the 新旧対照表) to a file or, for -o -, to standard
    output; a text format to standard output, a file or -o -."""
    from roadmap_reports.cli.colour import use_colour
    from roadmap_reports.cli.streams import display_name, write_bytes, write_with
    from roadmap_reports.i18n import _

    options["color"] = use_colour(color) if output is None else bool(color)
    if renderer.writes_file:
        rows = []
        write_with(output, lambda path: rows.append(renderer(result, path, **options)), f".{fmt}")
        say(quiet, _("Wrote {output} (新旧対照表, {rows} rows; {flagged}).").format(
            output=display_name(output), rows=rows[0], flagged=flagged))
        return
    text = renderer(result, **options)
    if output is None:
        click.echo(text, nl=False, color=options["color"])
        return
    write_bytes(output, text.encode("utf-8"))
    if not is_stdio(output):
        say(quiet, _("Wrote {output} ({fmt}; {flagged}).").format(output=output, fmt=fmt, flagged=flagged))
