"""`roadmap-reports export`: a dataset in any format of the registry's subject "dataset"
(render/registry.py)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.render import registry


@click.command()
@click.argument("datasets", nargs=-1, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(registry.formats("dataset") + registry.formats("datasets")),
              default="json", show_default=True,
              help="json: the dataset schema (the machine-readable contract); csv: one row per measure and "
                   "ministry, UTF-8 with BOM for Excel; yaml: as the datasets in data/ are stored; datapackage: "
                   "the open-data package of one or more datasets into the folder -o DIR.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file (datapackage: this folder) instead of standard output.")
def export(datasets, fmt, output):
    """Export a dataset as JSON, CSV or YAML, or datasets as an open-data package.

    Without DATASET, the bundled FY2022 dataset is exported. Output goes to standard output
    unless -o is given. CSV is UTF-8 with a BOM (Excel opens it in Japanese), one row per
    measure and ministry; a repost is listed under the ministries of the measure it repeats.

    \b
    Example:
        roadmap-reports export data/fy2022.yaml --format json -o fy2022.json
        roadmap-reports export --format csv -o fy2022.csv
        roadmap-reports export data/fy2022.yaml data/samples/fy2023_sample.yaml --format datapackage -o opendata
    """
    if fmt in registry.formats("datasets"):  # several years into a folder (cli/export_datapackage.py)
        from roadmap_reports.cli.export_datapackage import export_datapackage

        return export_datapackage(datasets, fmt, output)
    if len(datasets) > 1:
        raise click.UsageError(f"--format {fmt} exports one dataset; only datapackage takes several")
    if output is not None and output.is_dir():
        raise click.BadParameter(f"{output} is a folder; --format {fmt} writes one file", param_hint="'-o'")
    dataset = datasets[0] if datasets else None
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
