"""`roadmap-reports export`: a dataset in any format of the registry's subject "dataset"
(render/registry.py)."""

from __future__ import annotations

import click

from roadmap_reports.cli.options import dataset_argument, output_option
from roadmap_reports.render import registry


@click.command()
@dataset_argument(required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(registry.formats("dataset")), default="json",
              show_default=True, help="json: the dataset schema (the machine-readable contract); csv: one row per measure and "
                   "ministry, UTF-8 with BOM for Excel; yaml: as the datasets in data/ are stored.")
@output_option()
def export(dataset, fmt, output):
    """Export a dataset as JSON, CSV or YAML.

    Without DATASET, the bundled FY2022 dataset is exported. Output goes to standard output
    unless -o is given. CSV is UTF-8 with a BOM (Excel opens it in Japanese), one row per
    measure and ministry; a repost is listed under the ministries of the measure it repeats.

    \b
    Example:
        roadmap-reports export data/fy2022.yaml --format json -o fy2022.json
        roadmap-reports export --format csv -o fy2022.csv
    """
    from roadmap_reports.sources.dataset import load_roadmap
    from roadmap_reports.io.files import write_bytes_atomic

    renderer = registry.get("dataset", fmt)
    roadmap = load_roadmap(dataset)
    # CSV's encoding is utf-8-sig: a BOM so Excel reads UTF-8, also when standard output is redirected
    data = renderer(roadmap).encode(renderer.encoding)
    if output is None:
        click.echo(data, nl=False)
        return
    write_bytes_atomic(output, data)
    click.echo(f"Wrote {output} ({fmt}, {len(roadmap.measures)} measures).", err=True)
