"""The `export` command: a dataset as JSON or CSV."""

from __future__ import annotations

import click

from roadmap_reports.cli.options import dataset_argument, output_option


@click.command()
@dataset_argument(required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="json: the dataset schema (the machine-readable contract); csv: one row per measure and "
                   "ministry, UTF-8 with BOM for Excel.")
@output_option()
def export(dataset, fmt, output):
    """Export a dataset as JSON or CSV.

    Without DATASET, the bundled FY2022 dataset is exported. Output goes to standard output
    unless -o is given. CSV is UTF-8 with a BOM (Excel opens it in Japanese), one row per
    measure and ministry; a repost is listed under the ministries of the measure it repeats.

    \b
    Example:
        roadmap-reports export data/fy2022.yaml --format json -o fy2022.json
        roadmap-reports export --format csv -o fy2022.csv
    """
    from roadmap_reports.sources.dataset import load_roadmap
    from roadmap_reports.render.export import FORMATS
    from roadmap_reports.io.files import write_bytes_atomic

    roadmap = load_roadmap(dataset)
    text = FORMATS[fmt](roadmap)
    data = text.encode("utf-8")
    if fmt == "csv":  # a BOM so Excel reads UTF-8, also when standard output is redirected to a file
        data = b"\xef\xbb\xbf" + data
    if output is None:
        click.echo(data, nl=False)
        return
    write_bytes_atomic(output, data)
    click.echo(f"Wrote {output} ({fmt}, {len(roadmap.measures)} measures).", err=True)
