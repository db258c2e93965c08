"""The `collect` command: returned workbooks merged into next year's draft, with a report."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import (check_dataset_output, fiscal_year_option, ministries_option, paper_option,
                                        quiet_option, say)
from roadmap_reports.errors import EXIT_PARTIAL as EXIT_PROBLEMS
from roadmap_reports.i18n import N_


@click.command()
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(path_type=Path))  # checked by the library
@click.option("--base", "base_path", required=True, type=click.Path(path_type=Path),
              help=N_("The dataset the workbooks were made from (last year's report)."))
@fiscal_year_option(N_("The fiscal year being reported: 2023, FY2023, 令和5, R5 (default: the year the "
                       "workbooks record, when they all agree)."))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
              help=N_("Where to write the draft dataset (.yaml or .json; - : YAML on standard output, the "
                      "summary then on standard error)."))
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("Also write the report to this file: .xlsx, .md, .json or .txt by its suffix."))
@click.option("--strict", is_flag=True,
              help=N_("Write no draft unless every ministry returned and every workbook merged without a problem."))
@paper_option(N_("Landscape paper of the .xlsx report: A4 (8 pt) or A3 (10 pt)."))
@ministries_option("base_path")
@quiet_option()
def collect(workbooks, base_path, fiscal_year, output, report_path, strict, paper, quiet):
    """Merge the workbooks ministries returned into next year's dataset draft.

    Every workbook is checked first: it must be an .xlsx made by `build --for-update` from BASE for
    this fiscal year, without macros, formulas, edited locked cells or added, deleted or reordered
    rows. A workbook with any such problem is rejected whole (the report names the file and the
    sheet!cell) and the others are still merged. The draft is written only if it validates.

    Exit code 0: every workbook merged (ministries that did not return yet are listed and keep last
    year's text). 3: some workbooks were rejected, or two ministries wrote different texts into one
    untagged status (a conflict); the draft is still written from the accepted workbooks (with
    --strict: nothing is written, and missing ministries count as a problem too). When every workbook
    is rejected, no draft is written and each problem is printed on standard error (the --report is
    still written).

    \b
    Example:
        roadmap-reports collect returned/*.xlsx --base data/fy2022.yaml \\
            -o fy2023_draft.yaml --report collect_report.xlsx
    """
    from roadmap_reports.rounds.collect import check_draft
    from roadmap_reports.rounds.collect import collect as run_collect
    from roadmap_reports.sources.dataset import dumps_yaml, load_roadmap, save

    from roadmap_reports.cli.signals import checking
    from roadmap_reports.cli.streams import display_name, is_stdio, write_bytes
    from roadmap_reports.i18n import _

    _refuse_bad_outputs(base_path, output, report_path)
    base = load_roadmap(base_path)
    if fiscal_year is None:
        from roadmap_reports.rounds.years import round_year

        fiscal_year = round_year(workbooks)
    result = run_collect(workbooks, base=base, fiscal_year=fiscal_year, progress=checking())
    if not result.accepted:
        _nothing_merged(result, output, report_path, quiet, paper)
    check_draft(result)
    from roadmap_reports.render.collect_report import render_text

    if not quiet:  # the report is data for the reader; with the draft on standard output, it goes to stderr
        click.echo(render_text(result), nl=False, err=is_stdio(output))
    problems = not result.clean or (strict and result.missing)
    if strict and problems:
        click.echo(_("--strict: no draft written ({output}).").format(output=display_name(output)), err=True)
    elif is_stdio(output):
        write_bytes(output, dumps_yaml(result.draft).encode("utf-8"))
    else:
        save(result.draft, output)
        from roadmap_reports.render.collect_report import reader_year

        say(quiet, _("Wrote {output} (draft for {year}, {measures} measures).").format(
            output=output, year=reader_year(fiscal_year), measures=len(result.draft.measures)))
    _write_report(result, report_path, quiet, paper)
    if problems:
        raise click.exceptions.Exit(EXIT_PROBLEMS)


def _refuse_bad_outputs(base_path: Path, output: Path, report_path: Path | None) -> None:
    """Refuse, as usage errors (exit 2), an unknown draft or report format or a draft over the base, before
    reading anything."""
    from roadmap_reports.cli.streams import is_stdio
    from roadmap_reports.errors import UsageError
    from roadmap_reports.render.collect_report import report_format

    check_dataset_output(output)
    if report_path is not None:
        report_format(report_path)
    if not is_stdio(output) and output.resolve() == base_path.resolve():
        raise UsageError("the draft would overwrite the base dataset; choose another -o", file=output)


def _write_report(result, report_path: Path | None, quiet: bool, paper: str = "A4") -> None:
    if report_path is not None:
        from roadmap_reports.i18n import _
        from roadmap_reports.render.collect_report import write_report

        write_report(result, report_path, paper=paper)
        say(quiet, _("Wrote {output}.").format(output=report_path))


def _nothing_merged(result, output: Path, report_path: Path | None, quiet: bool, paper: str = "A4"):
    """Every workbook was rejected: a draft would only repeat the base, so none is written; each problem
    on standard error, the report still written, exit 3."""
    from roadmap_reports.cli.streams import display_name
    from roadmap_reports.i18n import _

    for finding in result.findings:
        if finding.severity == "error":
            click.echo(finding.line_in(), err=True)
    _write_report(result, report_path, quiet, paper)
    click.echo(_("Error: no workbook could be merged ({n} rejected); no draft written ({output}).")
               .format(n=len(result.returns), output=display_name(output)), err=True)
    raise click.exceptions.Exit(EXIT_PROBLEMS)
