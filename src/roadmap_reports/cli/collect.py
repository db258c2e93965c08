"""The `collect` command: returned workbooks merged into next year's draft, with a report."""

from __future__ import annotations

from pathlib import Path

import click

EXIT_PROBLEMS = 3  # some workbooks rejected, or a conflict: see the help


def _parse_fiscal_year(_ctx, _param, value):
    """--fiscal-year in any form a user types (2023, FY2023, 令和5, 令和５年度, R5), by japanese.calendar."""
    from roadmap_reports.japanese.calendar import parse_fiscal_year

    try:
        return parse_fiscal_year(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(path_type=Path))  # checked by the library
@click.option("--base", "base_path", required=True, type=click.Path(path_type=Path),
              help="The dataset the workbooks were made from (last year's report).")
@click.option("--fiscal-year", required=True, callback=_parse_fiscal_year,
              help="The fiscal year being reported: 2023, FY2023, 令和5 or R5.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the draft dataset (.yaml or .json).")
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the report to this file: .xlsx, .md, .json or .txt by its suffix.")
@click.option("--strict", is_flag=True,
              help="Write no draft unless every ministry returned and every workbook merged without a problem.")
def collect(workbooks, base_path, fiscal_year, output, report_path, strict):
    """Merge the workbooks ministries returned into next year's dataset draft.

    Every workbook is checked first: it must be an .xlsx made by `build --for-update` from BASE for
    this fiscal year, without macros, formulas, edited locked cells or added, deleted or reordered
    rows. A workbook with any such problem is rejected whole (the report names the file and the
    sheet!cell) and the others are still merged. The draft is written only if it validates.

    \b
    Exit codes:
      0  every workbook merged; the draft is written (ministries that did not return yet are
         listed and keep last year's text)
      3  some workbooks were rejected or two ministries wrote different texts into one untagged
         status (a conflict); the draft is still written from the accepted workbooks (with
         --strict: nothing is written, and missing ministries count as a problem too); when
         every workbook is rejected, no draft is written and each problem is printed on
         standard error (the --report is still written)
      1  nothing could be done (unreadable base, unwritable output); nothing is written

    \b
    Example:
        roadmap-reports collect returned/*.xlsx --base data/fy2022.yaml --fiscal-year 2023 \\
            -o fy2023_draft.yaml --report collect_report.xlsx
    """
    from roadmap_reports.rounds.collect import check_draft
    from roadmap_reports.rounds.collect import collect as run_collect
    from roadmap_reports.sources.dataset import load_roadmap, save

    _refuse_bad_outputs(base_path, output, report_path)
    result = run_collect(workbooks, base=load_roadmap(base_path), fiscal_year=fiscal_year)
    if not result.accepted:
        _nothing_merged(result, output, report_path)
    check_draft(result)
    from roadmap_reports.render.collect_report import render_text

    click.echo(render_text(result), nl=False)
    problems = not result.clean or (strict and result.missing)
    if strict and problems:
        click.echo(f"--strict: no draft written ({output}).", err=True)
    else:
        save(result.draft, output)
        click.echo(f"Wrote {output} (draft for FY{fiscal_year}, {len(result.draft.measures)} measures).", err=True)
    _write_report(result, report_path)
    if problems:
        raise click.exceptions.Exit(EXIT_PROBLEMS)


def _refuse_bad_outputs(base_path: Path, output: Path, report_path: Path | None) -> None:
    """Refuse an unknown draft or report format, or a draft over the base, before reading anything."""
    from roadmap_reports.errors import OutputError
    from roadmap_reports.render.collect_report import REPORT_SUFFIXES
    from roadmap_reports.sources.dataset import _format_of

    _format_of(output)
    if report_path is not None and report_path.suffix.lower() not in REPORT_SUFFIXES:
        raise OutputError(f"unknown report format {report_path.suffix or '(no extension)'!r}; "
                          "use .xlsx, .md, .json or .txt", file=report_path)
    if output.resolve() == base_path.resolve():
        raise OutputError("the draft would overwrite the base dataset; choose another -o", file=output)


def _write_report(result, report_path: Path | None) -> None:
    if report_path is not None:
        from roadmap_reports.render.collect_report import write_report

        write_report(result, report_path)
        click.echo(f"Wrote {report_path}.", err=True)


def _nothing_merged(result, output: Path, report_path: Path | None):
    """Every workbook was rejected: a draft would only repeat the base, so none is written; each problem
    on standard error, the report still written, exit 3."""
    for finding in result.findings:
        if finding.severity == "error":
            click.echo(str(finding), err=True)
    _write_report(result, report_path)
    click.echo(f"Error: no workbook could be merged ({len(result.returns)} rejected); no draft written ({output}).",
               err=True)
    raise click.exceptions.Exit(EXIT_PROBLEMS)
