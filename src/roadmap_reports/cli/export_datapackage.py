"""`export --format datapackage`: the open-data package of one or more datasets into a folder."""

from __future__ import annotations

import click


def export_datapackage(datasets, fmt, output, *, quiet: bool = False) -> None:
    """Write the package of the datasets (the bundled one without any) into the folder `output`."""
    from roadmap_reports.cli.options import say
    from roadmap_reports.i18n import _
    from roadmap_reports.render import registry
    from roadmap_reports.sources.dataset import load_roadmaps

    if output is None:
        raise click.UsageError(_("--format datapackage writes a folder: give it with -o DIR"))
    if str(output) == "-":
        raise click.UsageError(_("--format datapackage writes a folder, not standard output"))
    roadmaps = load_roadmaps(list(datasets) or [None])
    paths = registry.render("datasets", fmt, roadmaps, output)
    say(quiet, _("Wrote {output} (datapackage, {files} files, {measures} measures).").format(
        output=output, files=len(paths), measures=sum(len(r.measures) for r in roadmaps)))
