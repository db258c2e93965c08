"""The `ingest` command: the published report's text parsed into a dataset."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from roadmap_reports.cli.options import check_dataset_output, ministries_option, quiet_option, say
from roadmap_reports.i18n import N_

ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
                  "cp932": "CP932 (Shift_JIS)", "pdf": "PDF"}


@click.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=True))
@click.option("-c", "--corrections", "corrections_path", type=click.Path(path_type=Path, dir_okay=True),
              default=None, help=N_("Corrections file (YAML) deciding what the layout leaves ambiguous."))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True), required=True,
              help=N_("Dataset to write: .yaml/.yml or .json; - writes YAML to standard output."))
@ministries_option("source")
@quiet_option()
def ingest(source, corrections_path, output, quiet):
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
    from roadmap_reports.sources.dataset import dumps_yaml, save
    from roadmap_reports.sources.ingest import ingest_file

    from roadmap_reports.cli.streams import display_name, is_stdio, write_bytes
    from roadmap_reports.errors import IngestError
    from roadmap_reports.i18n import _

    check_dataset_output(output)  # reject an unknown suffix before any work
    corrections = load_corrections(corrections_path) if corrections_path else None
    if source.suffix.lower() == ".pdf":
        from roadmap_reports.sources.pdf import ingest_pdf

        result = ingest_pdf(source, corrections)
    else:
        result = ingest_file(source, corrections)
    if result.ambiguities:
        _refuse_ambiguities(result.ambiguities, source, corrections_path)
    problems = validate(result.roadmap)
    if problems:
        for p in problems:
            click.echo(replace(p, file=str(source), line=None, place=None).line_in(), err=True)
        raise IngestError(_("the parsed dataset is not valid; nothing was written"), file=source)
    if is_stdio(output):
        write_bytes(output, dumps_yaml(result.roadmap).encode("utf-8"))
    else:
        save(result.roadmap, output)
    c = counts(result.roadmap)
    say(quiet, _("Wrote {output}: {measures} measures ({reposts} reposts), {ministries} ministries, {sections} "
                 "sections, {subsections} subsections; {corrections} corrections applied; read {source} as "
                 "{encoding}.").format(output=display_name(output), measures=c["measures"], reposts=c["reposts"],
                                       ministries=c["ministries"], sections=c["sections"],
                                       subsections=c["subsections"], corrections=len(result.applied),
                                       source=source, encoding=ENCODING_NAMES.get(result.encoding, result.encoding)))


def _refuse_ambiguities(ambiguities, source, corrections_path):
    """Echo each ambiguity as file:line: measure N: message, then raise the one IngestError naming the fix."""
    from roadmap_reports.errors import IngestError
    from roadmap_reports.i18n import ngettext

    for problem in ambiguities:  # file:line: measure N: message (a PDF: file:page N: …)
        click.echo(problem.line_in(), err=True)
    n = len(ambiguities)
    hint = (ngettext("add it to {file}", "add them to {file}", n).format(file=corrections_path)
            if corrections_path else
            ngettext("decide it in a corrections file and pass it with --corrections",
                     "decide them in a corrections file and pass it with --corrections", n))
    raise IngestError(ngettext("{n} ambiguity not resolved; {hint} (see docs/dataset.md); nothing was written",
                               "{n} ambiguities not resolved; {hint} (see docs/dataset.md); nothing was written",
                               n).format(n=n, hint=hint), file=source)
