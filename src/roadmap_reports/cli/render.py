"""What the report commands (kpi, history) share: loading their datasets (`-` for standard input),
ministry options and writing a rendered report (`-o -` for standard output) as the other commands do."""

from __future__ import annotations

import click

from roadmap_reports.cli.options import say


def resolve_ministries(ministries) -> list[str] | None:
    """Canonical ministry names of -m options (None for all); an unknown name is a usage error (exit 2)."""
    from roadmap_reports.ministries import resolve

    return [resolve(m).name for m in ministries] or None


def load_datasets(datasets, input_format=None) -> list:
    """The Roadmaps of dataset arguments; one of them may be `-` (standard input, read once)."""
    from roadmap_reports.cli.streams import is_stdio, load_dataset
    from roadmap_reports.i18n import _

    if sum(1 for d in datasets if is_stdio(d)) > 1:
        raise click.UsageError(_("standard input (-) can be given as only one DATASET"))
    if any(is_stdio(d) for d in datasets):
        return [load_dataset(d, input_format) for d in datasets]
    from roadmap_reports.sources.dataset import load_roadmaps

    return load_roadmaps(list(datasets))


def check_output(renderer, fmt: str, output) -> None:
    """Before any work: a file format needs -o (a path, or - when standard output is redirected)."""
    from roadmap_reports.cli.streams import check_binary_to_stdout
    from roadmap_reports.i18n import _

    if renderer.writes_file:
        if output is None:
            raise click.UsageError(_("--format {fmt} writes a file: give it with -o PATH (or -o - to "
                                     "standard output)").format(fmt=fmt))
        check_binary_to_stdout(output, fmt)


def emit(renderer, fmt: str, report, output, quiet: bool, what: str) -> None:
    """Render `report` with the registry's renderer: to standard output, to a file (atomically), or for
    `-o -` to standard output; "Wrote …" on standard error unless --quiet."""
    from roadmap_reports.cli.streams import display_name, is_stdio, write_bytes, write_with
    from roadmap_reports.i18n import _

    if renderer.writes_file:
        write_with(output, lambda path: renderer(report, path), f".{fmt}")
        say(quiet, _("Wrote {output} ({fmt}; {what}).").format(output=display_name(output), fmt=fmt, what=what))
        return
    text = renderer(report)
    if output is None:
        click.echo(text, nl=False)
        return
    write_bytes(output, text.encode(renderer.encoding))
    if not is_stdio(output):
        say(quiet, _("Wrote {output} ({fmt}; {what}).").format(output=output, fmt=fmt, what=what))
