"""The `ingest` command: the published report's text parsed into a dataset."""

from __future__ import annotations

from pathlib import Path

import click

ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
                  "cp932": "CP932 (Shift_JIS)", "pdf": "PDF"}


@click.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=True))
@click.option("-c", "--corrections", "corrections_path", type=click.Path(path_type=Path, dir_okay=True),
              default=None, help="Corrections file (YAML) deciding what the layout leaves ambiguous.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Dataset to write: .yaml/.yml or .json.")
def ingest(source, corrections_path, output):
    """Parse the published report's text into a dataset.

    SOURCE is the report's PDF itself (.pdf, read with its coordinates: docs/dataset.md), or the text
    of the PDF (UTF-8, UTF-8 with BOM, UTF-16 or CP932/Shift_JIS). What the
    layout leaves ambiguous (headings placed among out-of-order measures, 再掲 labels printed apart
    from their number, lines that exactly fill their column) is listed as SOURCE:LINE: measure N:
    problem; nothing is written until every one is decided in the corrections file
    (docs/dataset.md explains its format).

    \b
    Example:
        roadmap-reports ingest data/sources/fy2022_roadmap_status.txt \\
            --corrections data/corrections/fy2022.yaml -o data/fy2022.yaml
        roadmap-reports ingest 実施状況.pdf -o fy2022_from_pdf.yaml
    """
    from roadmap_reports.render.summary import counts
    from roadmap_reports.sources.checks import validate
    from roadmap_reports.sources.corrections import load_corrections
    from roadmap_reports.sources.dataset import check_output_path, save
    from roadmap_reports.sources.ingest import ingest_file

    check_output_path(output)  # reject an unknown suffix before any work
    corrections = load_corrections(corrections_path) if corrections_path else None
    if source.suffix.lower() == ".pdf":
        from roadmap_reports.sources.pdf import ingest_pdf

        result = ingest_pdf(source, corrections)
    else:
        result = ingest_file(source, corrections)
    if result.ambiguities:
        for problem in result.ambiguities:  # file:line: measure N: message (a PDF: file:page N: …)
            click.echo(str(problem), err=True)
        n = len(result.ambiguities)
        them = "them" if n != 1 else "it"
        hint = (f"add {them} to {corrections_path}" if corrections_path
                else f"decide {them} in a corrections file and pass it with --corrections")
        raise click.ClickException(f"{source}: {n} ambiguit{'ies' if n != 1 else 'y'} not resolved; {hint} "
                                   f"(see docs/dataset.md); nothing was written")
    problems = validate(result.roadmap)
    if problems:
        for p in problems:
            click.echo(f"{source}: measure {p.measure}: {p.message}" if p.measure else f"{source}: {p.message}",
                       err=True)
        raise click.ClickException(f"{source}: the parsed dataset is not valid; nothing was written")
    save(result.roadmap, output)
    c = counts(result.roadmap)
    click.echo(f"Wrote {output}: {c['measures']} measures ({c['reposts']} reposts), {c['ministries']} ministries, "
               f"{c['sections']} sections, {c['subsections']} subsections; {len(result.applied)} corrections "
               f"applied; read {source} as {ENCODING_NAMES.get(result.encoding, result.encoding)}.")
