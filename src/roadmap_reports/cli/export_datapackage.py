"""`export --format datapackage`: the open-data package of one or more datasets into a folder."""

from __future__ import annotations

import click


def export_datapackage(datasets, fmt, output) -> None:
    from roadmap_reports.render import registry
    from roadmap_reports.sources.dataset import load_roadmaps

    if output is None:
        raise click.UsageError("--format datapackage writes a folder: give it with -o DIR")
    roadmaps = load_roadmaps(list(datasets) or [None])
    paths = registry.render("datasets", fmt, roadmaps, output)
    click.echo(f"Wrote {output} (datapackage, {len(paths)} files, "
               f"{sum(len(r.measures) for r in roadmaps)} measures).", err=True)
