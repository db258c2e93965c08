"""`roadmap-reports report`: the published 実施状況 table as docx, xlsx or pdf (render/report/)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import dataset_argument, ministries_option, paper_option, quiet_option, say
from roadmap_reports.i18n import N_


@click.command()
@dataset_argument(required=False)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help=N_("The file to write: .docx (Word), .xlsx (Excel) or .pdf (made from the Word file by LibreOffice)."))
@paper_option()
@ministries_option("dataset")
@quiet_option()
def report(dataset, output, paper, quiet):
    """Write the published report: the whole 実施状況 table in the report's own layout.

    The title and 「令和Ｎ年Ｍ月末時点」 on every page, the five columns 施策番号 / 具体的取組 / KPI /
    担当省庁 / 実施状況 with the header repeated on every page, section and ◎ sub-headings as rows in their
    place, reposts as 「12 再掲３」, several KPI items each on a line starting with 「・」, the 実施状況 as
    stored (tagged 【省】 parts included), page numbers. Without DATASET, the bundled FY2022 dataset.

    A .pdf needs LibreOffice (soffice on PATH); without it the command says so and exits with code 4,
    writing nothing. Same dataset, same bytes (for a PDF: with the same LibreOffice).

    \b
    Example:
        roadmap-reports report -o 実施状況.docx
        roadmap-reports report data/fy2022.yaml -o 実施状況.xlsx
        roadmap-reports report data/fy2022.yaml --paper A3 -o 実施状況_A3.pdf
    """
    from roadmap_reports.errors import MissingToolError, exit_code
    from roadmap_reports.i18n import _
    from roadmap_reports.render.report.write import write_report
    from roadmap_reports.sources.dataset import load_roadmap

    roadmap = load_roadmap(dataset)
    try:
        write_report(roadmap, output, paper=paper)
    except MissingToolError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(exit_code(exc)) from None
    say(quiet, _("Wrote {output} ({measures} measures, {paper} landscape).").format(
        output=output, measures=len(roadmap.measures), paper=paper))
