"""`roadmap-reports build`: the per-ministry workbooks and Word summaries (render/build.py), or with
--for-update the workbooks ministries fill in (rounds/circulate.py)."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap_reports.cli.options import dataset_argument


def _formats(ctx, param, value):
    from roadmap_reports.render.build import parse_formats

    try:
        return parse_formats(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@dataset_argument(required=False)
@click.option("-o", "--outdir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Folder to write the files into (created if missing).")
@click.option("-m", "--ministry", "ministries", multiple=True, metavar="NAME_OR_CODE",
              help="Build only this ministry (name, code such as MEXT, or alias); repeat for several. "
                   "Without it every ministry is built, plus the overview workbook.")
@click.option("-f", "--format", "formats", default="xlsx,docx", show_default=True, callback=_formats,
              help="Comma-separated: xlsx (workbooks), docx (Word summaries).")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Word template (.docx with Jinja2 tags) to use instead of templates/ministry_summary.docx.")
@click.option("--for-update", is_flag=True,
              help="Write workbooks for the ministries to fill in (this year's status, KPI proposals) "
                   "instead of the reading copies.")
@click.option("--fiscal-year", type=int, default=None,
              help="With --for-update: the fiscal year being reported (default: the dataset's year + 1).")
@click.option("--password", default=None, help="With --for-update: protect the locked cells with this password.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes rendering files side by side (default: the number of cores; 1: one at a time). "
                   "The files are the same either way.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (the summary line is still printed).")
def build(dataset, outdir, ministries, formats, template, for_update, fiscal_year, password, jobs, quiet):
    """Write each ministry's Excel workbook and Word summary, and the overview.

    For every ministry of DATASET (default: the bundled FY2022 dataset): OUTDIR/CODE_名称.xlsx and
    .docx (e.g. MEXT_文部科学省.xlsx), with the measures it owns or shares and the reposts of them,
    in report order. A full build also writes OUTDIR/00_全体_overview.xlsx for the secretariat.
    Nothing is written when the dataset, a ministry name or the template is wrong.

    \b
    Example:
        roadmap-reports build -o out
        roadmap-reports build data/fy2022.yaml --ministry MEXT --ministry 法務省 --format xlsx
        roadmap-reports build --template my_summary.docx --format docx -o out
        roadmap-reports build --jobs 1 -o out
        roadmap-reports build --for-update --fiscal-year 2023 -o round2023
    """
    import sys

    from roadmap_reports.sources.dataset import load_roadmap

    if not for_update and (fiscal_year is not None or password is not None):
        raise click.UsageError("--fiscal-year and --password only apply with --for-update")
    roadmap = load_roadmap(dataset)
    show_bar = not quiet and _stderr_is_terminal()

    if for_update:
        _for_update(roadmap, outdir, ministries, fiscal_year, password, show_bar)
        return

    from roadmap_reports.render.build import build as run_build
    from roadmap_reports.render.build import plan, select_ministries

    selected = select_ministries(roadmap, ministries)
    if show_bar:
        total = len(plan(roadmap, outdir, ministries=selected, formats=formats, overview=not ministries).jobs)
        with click.progressbar(length=total, label="Building", file=sys.stderr,
                               item_show_func=lambda p: p.name if p else "") as bar:
            result = run_build(roadmap, outdir, ministries=selected, formats=formats, template=template,
                               overview=not ministries, progress=lambda p: bar.update(1, p), jobs=jobs)
    else:
        result = run_build(roadmap, outdir, ministries=selected, formats=formats, template=template,
                           overview=not ministries, jobs=jobs)
    click.echo(result.summary())


def _stderr_is_terminal() -> bool:
    import sys

    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def _for_update(roadmap, outdir, ministries, fiscal_year, password, show_bar) -> None:
    import sys

    from roadmap_reports.render.build import select_ministries

    try:
        from roadmap_reports.rounds.circulate import build_update_workbooks
    except ImportError:
        raise click.ClickException("--for-update is not available in this version") from None
    selected = select_ministries(roadmap, ministries)
    year = fiscal_year if fiscal_year is not None else roadmap.fiscal_year + 1
    if show_bar:
        with click.progressbar(length=len(selected), label="Building for update", file=sys.stderr,
                               item_show_func=lambda p: Path(p).name if p else "") as bar:
            paths = build_update_workbooks(roadmap, outdir, ministries=selected, fiscal_year=year,
                                           password=password, progress=lambda path: bar.update(1, path))
    else:
        paths = build_update_workbooks(roadmap, outdir, ministries=selected, fiscal_year=year, password=password,
                                       progress=None)
    n, m = len(paths), len(selected)
    measures = len({x.id for name in selected for x in roadmap.measures_of(name.name)})
    click.echo(f"Wrote {n} file{'s' if n != 1 else ''} for {m} {'ministry' if m == 1 else 'ministries'} "
               f"({measures} measure{'s' if measures != 1 else ''}) to {outdir}")
