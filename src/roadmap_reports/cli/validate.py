"""The `validate` command: a dataset checked against the schema and the consistency rules."""

from __future__ import annotations

import click

from roadmap_reports.cli.options import dataset_argument, input_format_option, ministries_option, quiet_option


@click.command()
@dataset_argument(required=False)
@input_format_option()
@ministries_option("dataset")
@quiet_option()
def validate(dataset, input_format, quiet):
    """Check a dataset against the schema and consistency rules.

    Every problem is printed as one line: FILE:LINE: measure N: message. Exit code 1 when the dataset
    breaks a rule, 4 when it cannot be read at all (missing, empty, wrong encoding, syntax). Without
    DATASET, the bundled FY2022 dataset is checked; - reads it from standard input.

    \b
    Example:
        roadmap-reports validate data/fy2022.yaml
        roadmap-reports validate - < data/fy2022.yaml
    """
    from roadmap_reports.cli.streams import load_dataset
    from roadmap_reports.errors import EXIT_FOUND, ValidationError
    from roadmap_reports.i18n import _, ngettext
    from roadmap_reports.render.summary import counts

    try:
        roadmap = load_dataset(dataset, input_format)
    except ValidationError as exc:
        for problem in exc.problems:
            click.echo(problem.line_in(), err=True)
        n = len(exc.problems)
        error = click.ClickException(_("{file}: {problems} found").format(
            file=exc.file, problems=ngettext("{n} problem", "{n} problems", n).format(n=n)))
        error.exit_code = EXIT_FOUND
        raise error from None
    if not quiet:
        c = counts(roadmap)
        summary = _("FY{year} (as of {date}): {measures} measures ({reposts} reposts), {ministries} ministries, "
                    "{sections} sections, {subsections} subsections.").format(
            year=roadmap.fiscal_year, date=roadmap.as_of.isoformat(), **c)
        click.echo(_("{file}: valid. {summary}").format(file=roadmap.source, summary=summary))
