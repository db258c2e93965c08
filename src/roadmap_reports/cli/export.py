"""`roadmap-reports export`: a dataset in any format of the registry's subject "dataset"
(render/registry.py)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import choice, input_format_option, ministries_option, quiet_option, say
from roadmap_reports.i18n import N_
from roadmap_reports.render import registry


@click.command()
@click.argument("datasets", nargs=-1, type=click.Path(path_type=Path, dir_okay=True, allow_dash=True))
@input_format_option()
@click.option("-f", "--format", "fmt", type=choice(registry.formats("dataset") + registry.formats("datasets")),
              default="json", show_default=True,
              help=N_("json: the dataset schema (the machine-readable contract); csv: one row per measure and "
                      "ministry, UTF-8 with BOM for Excel; yaml: as the datasets in data/ are stored; "
                      "datapackage: the open-data package of one or more datasets into the folder -o DIR."))
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), default=None,
              help=N_("Write to this file (datapackage: this folder) instead of standard output (- : standard "
                      "output)."))
@ministries_option("datasets")
@quiet_option()
def export(datasets, input_format, fmt, output, quiet):
    """Export a dataset as JSON, CSV or YAML, or datasets as an open-data package.

    Without DATASET, the bundled FY2022 dataset is exported; - reads it from standard input. Output goes
    to standard output unless -o is given. CSV is UTF-8 with a BOM (Excel opens it in Japanese), one row
    per measure and ministry; a repost is listed under the ministries of the measure it repeats.

    \b
    Example:
        roadmap-reports export data/fy2022.yaml --format json -o fy2022.json
        roadmap-reports export --format csv -o fy2022.csv
        cat data/fy2022.yaml | roadmap-reports export - | jq .fiscal_year
        roadmap-reports export data/fy2022.yaml data/samples/fy2023_sample.yaml \\
            --format datapackage -o opendata
    """
    from roadmap_reports.cli.streams import is_stdio, load_dataset, write_bytes
    from roadmap_reports.i18n import _

    if fmt in registry.formats("datasets"):  # several years into a folder (cli/export_datapackage.py)
        from roadmap_reports.cli.export_datapackage import export_datapackage

        return export_datapackage(datasets, fmt, output, quiet=quiet)
    if len(datasets) > 1:
        raise click.UsageError(_("--format {fmt} exports one dataset; only datapackage takes several").format(fmt=fmt))
    if output is not None and not is_stdio(output) and output.is_dir():
        raise click.BadParameter(_("{output} is a folder; --format {fmt} writes one file").format(output=output, fmt=fmt),
                                 param_hint="'-o'")
    dataset = datasets[0] if datasets else None

    renderer = registry.get("dataset", fmt)
    roadmap = load_dataset(dataset, input_format)
    # CSV's encoding is utf-8-sig: a BOM so Excel reads UTF-8, also when standard output is redirected
    data = renderer(roadmap).encode(renderer.encoding)
    write_bytes(output if output is not None else "-", data)
    if output is not None and not is_stdio(output):
        say(quiet, _("Wrote {output} ({fmt}, {measures} measures).").format(output=output, fmt=fmt,
                                                                          measures=len(roadmap.measures)))
