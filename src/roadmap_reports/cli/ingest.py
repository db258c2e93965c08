from __future__ import annotations

import click


@click.command()
@click.argument("source", type=click.Path(path_type=__import__("pathlib").Path))
def ingest(source):
    """Parse the published report's text into a dataset (being written)."""
    raise click.ClickException("ingest is not implemented yet")
