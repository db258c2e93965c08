"""`roadmap-reports build`: the per-ministry workbooks and Word summaries (render/build.py), or with
--for-update the workbooks ministries fill in (rounds/circulate.py)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import (IsoDate, dataset_argument, fiscal_year_option, formats_option,
                                        input_format_option, ministries_option, paper_option, password_option,
                                        quiet_option, say)
from roadmap_reports.i18n import N_


@click.command()
@dataset_argument(required=False)
@input_format_option()
@click.option("-o", "--outdir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help=N_("Folder to write the files into (created if missing)."))
@click.option("-m", "--ministry", "ministries", multiple=True, metavar="NAME_OR_CODE",
              help=N_("Build only this ministry (name, code such as MEXT, or alias); repeat for several. "
                      "Without it every ministry is built, plus the overview workbook."))
@formats_option(("xlsx", "docx"), "xlsx,docx",
                N_("xlsx (workbooks), docx (Word summaries); repeat or separate with commas. "
                   "[default: xlsx,docx]"))
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("Word template (.docx with Jinja2 tags) to use instead of templates/ministry_summary.docx."))
@click.option("--for-update", is_flag=True,
              help=N_("Write workbooks for the ministries to fill in (this year's status, KPI proposals) "
                      "instead of the reading copies."))
@fiscal_year_option(N_("With --for-update: the fiscal year being reported: 2023, FY2023, 令和5, R5 "
                       "(default: the dataset's year + 1)."))
@password_option(N_("With --for-update: protect the locked cells with a password; without a value it "
                    "is asked for (hidden)."))
@click.option("--deadline", type=IsoDate(), default=None,
              help=N_("With --for-update: the day the answers are due (2024-04-30), printed on the instructions "
                      "and in the page header."))
@click.option("--contact", metavar="TEXT", default=None,
              help=N_("With --for-update: who answers questions (name, section, phone or mail), printed on the "
                      "instructions and in the page header."))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help=N_("Processes rendering files side by side (default: the number of cores; 1: one at a time). "
                      "The files are the same either way."))
@ministries_option("dataset")
@paper_option(N_("Landscape paper of the workbooks: A4 (8 pt, the published size) or A3 (10 pt, wider columns)."))
@quiet_option()
def build(dataset, input_format, outdir, ministries, formats, template, for_update, fiscal_year, password, deadline,
          contact, jobs, paper, quiet):
    """Write each ministry's Excel workbook and Word summary, and the overview.

    For every ministry of DATASET (default: the bundled FY2022 dataset): OUTDIR/CODE_名称.xlsx and
    .docx (e.g. MEXT_文部科学省.xlsx), with the measures it owns or shares and the reposts of them,
    in report order. A full build also writes OUTDIR/00_全体_overview.xlsx for the secretariat.
    Nothing is written when the dataset, a ministry name or the template is wrong.

    \b
    Example:
        roadmap-reports build -o out
        roadmap-reports build data/fy2022.yaml -m MEXT -m 法務省 -f xlsx
        roadmap-reports build --template my_summary.docx --format docx -o out
        roadmap-reports build --jobs 1 -o out
        roadmap-reports build --for-update --fiscal-year 2023 -o round2023
        roadmap-reports build --for-update --deadline 2024-04-30 -o r
    """
    from roadmap_reports.cli.progress import Progress
    from roadmap_reports.cli.signals import checking
    from roadmap_reports.cli.streams import is_stdio, load_dataset, stderr_is_terminal
    from roadmap_reports.i18n import _

    if is_stdio(outdir):
        raise click.UsageError(_("build writes a folder of files: -o - (standard output) is not possible"))
    if not for_update and (fiscal_year is not None or password is not None):
        raise click.UsageError(_("--fiscal-year and --password only apply with --for-update"))
    if not for_update and (deadline is not None or contact is not None):
        raise click.UsageError(_("--deadline and --contact only apply with --for-update"))
    roadmap = load_dataset(dataset, input_format)
    show_bar = not quiet and stderr_is_terminal()

    if for_update:
        _for_update(roadmap, outdir, ministries, fiscal_year, password, show_bar, quiet,
                    dict(paper=paper, deadline=deadline, contact=contact))
        return

    from roadmap_reports.render.build import build as run_build
    from roadmap_reports.render.build import plan, select_ministries

    selected = select_ministries(roadmap, ministries)
    total = len(plan(roadmap, outdir, ministries=selected, formats=formats, overview=not ministries).jobs)
    with Progress(total, _("Building"), enabled=show_bar) as bar:
        result = run_build(roadmap, outdir, ministries=selected, formats=formats, template=template,
                           overview=not ministries, progress=checking(bar.update), jobs=jobs, paper=paper)
    say(quiet, files_summary(len(result.files), len(result.ministries), result.measures, result.outdir))


def _for_update(roadmap, outdir, ministries, fiscal_year, password, show_bar, quiet, round_info: dict) -> None:
    from roadmap_reports.cli.progress import Progress
    from roadmap_reports.cli.signals import checking
    from roadmap_reports.i18n import _
    from roadmap_reports.render.build import select_ministries

    try:
        from roadmap_reports.rounds.circulate import build_update_workbooks
    except ImportError:
        raise click.ClickException(_("--for-update is not available in this version")) from None

    selected = select_ministries(roadmap, ministries)
    year = fiscal_year if fiscal_year is not None else roadmap.fiscal_year + 1
    with Progress(len(selected), _("Building for update"), enabled=show_bar) as bar:
        paths = build_update_workbooks(roadmap, outdir, ministries=selected, fiscal_year=year, password=password,
                                       progress=checking(bar.update), **round_info)
    measures = len({x.id for name in selected for x in roadmap.measures_of(name.name)})
    say(quiet, files_summary(len(paths), len(selected), measures, outdir))


def files_summary(files: int, ministries: int, measures: int, folder) -> str:
    """'Wrote 27 files for 13 ministries (101 measures) to out', in the reader's language."""
    from roadmap_reports.i18n import _, ngettext

    return _("Wrote {files} for {ministries} ({measures}) to {folder}").format(
        files=ngettext("{n} file", "{n} files", files).format(n=files),
        ministries=ngettext("{n} ministry", "{n} ministries", ministries).format(n=ministries),
        measures=ngettext("{n} measure", "{n} measures", measures).format(n=measures), folder=folder)
