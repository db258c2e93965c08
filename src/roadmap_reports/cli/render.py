"""What the report commands (kpi, history) share: ministry options and writing a rendered report."""

from __future__ import annotations

import click


def resolve_ministries(ministries) -> list[str] | None:
    """Canonical ministry names of -m options (None for all); an unknown name is a located error."""
    from roadmap_reports.ministries import resolve

    return [resolve(m).name for m in ministries] or None


def emit(subject: str, fmt: str, report, output, what: str) -> None:
    """Render `report` with the registry; write to `output` (atomically) or standard output."""
    from roadmap_reports.render.registry import get

    render = get(subject, fmt)
    if render.writes_file:
        click.echo(render(report, output), err=True)
        return
    text = render(report)
    if output is None:
        click.echo(text, nl=False)
        return
    from roadmap_reports.io.files import write_text_atomic

    write_text_atomic(output, text)
    click.echo(f"Wrote {output} ({fmt}; {what}).", err=True)
