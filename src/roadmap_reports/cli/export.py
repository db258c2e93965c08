"""`roadmap-reports export`: a dataset in any format of the registry's subject "dataset"
(render/registry.py)."""

from __future__ import annotations

import click

from roadmap_reports.cli.options import choice, dataset_argument, input_format_option, output_option, quiet_option, say
from roadmap_reports.i18n import N_
from roadmap_reports.render import registry


@click.command()
@dataset_argument(required=False)
@input_format_option()
@click.option("-f", "--format", "fmt", type=choice(registry.formats("dataset")), default="json", show_default=True,
              help=N_("json: the dataset schema (the machine-readable contract); csv: one row per measure and "
                      "ministry, UTF-8 with BOM for Excel; yaml: as the datasets in data/ are stored."))
@output_option()
@quiet_option()
def export(dataset, input_format, fmt, output, quiet):
    """Export a dataset as JSON, CSV or YAML.

    Without DATASET, the bundled FY2022 dataset is exported; - reads it from standard input. Output goes
    to standard output unless -o is given. CSV is UTF-8 with a BOM (Excel opens it in Japanese), one row
    per measure and ministry; a repost is listed under the ministries of the measure it repeats.

    \b
    Example:
        roadmap-reports export data/fy2022.yaml --format json -o fy2022.json
        roadmap-reports export --format csv -o fy2022.csv
        cat data/fy2022.yaml | roadmap-reports export - | jq .fiscal_year
    """
    from roadmap_reports.cli.streams import is_stdio, load_dataset, write_bytes
    from roadmap_reports.i18n import _

    renderer = registry.get("dataset", fmt)
    roadmap = load_dataset(dataset, input_format)
    # CSV's encoding is utf-8-sig: a BOM so Excel reads UTF-8, also when standard output is redirected
    data = renderer(roadmap).encode(renderer.encoding)
    write_bytes(output if output is not None else "-", data)
    if output is not None and not is_stdio(output):
        say(quiet, _("Wrote {output} ({fmt}, {measures} measures).").format(output=output, fmt=fmt,
                                                                          measures=len(roadmap.measures)))
