"""The `validate` command: a dataset checked against the schema and the consistency rules."""

from __future__ import annotations

import click

from roadmap_reports.cli.options import dataset_argument


@click.command()
@dataset_argument(required=False)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when the dataset is valid.")
def validate(dataset, quiet):
    """Check a dataset against the schema and consistency rules.

    Every problem is printed as one line: FILE:LINE: measure N: message. Exit code 1 when any
    problem is found. Without DATASET, the bundled FY2022 dataset is checked.

    \b
    Example:
        roadmap-reports validate data/fy2022.yaml
    """
    from roadmap_reports.errors import ValidationError
    from roadmap_reports.render.summary import summarize
    from roadmap_reports.sources.dataset import load_roadmap

    try:
        roadmap = load_roadmap(dataset)
    except ValidationError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        n = len(exc.problems)
        raise click.ClickException(f"{exc.file}: {n} problem{'s' if n != 1 else ''} found") from None
    if not quiet:
        click.echo(f"{roadmap.source}: valid. {summarize(roadmap)}")
