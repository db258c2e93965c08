"""Shared options and arguments, spelled and behaving the same in every command.

- choices are case-insensitive (`--format CSV` = `csv`);
- a repeatable `-f/--format` accumulates, and each value may list several (`-f xlsx -f docx` = `-f xlsx,docx`);
- `--fiscal-year` takes every form `japanese.calendar.parse_fiscal_year` reads (2023, 令和5, 令和５年度, R5,
  FY2023); a bad one is a usage error (exit 2);
- `-q/--quiet` means the same everywhere: no progress bar, no summary, no "Wrote …" line; errors,
  warnings and the data asked for (on standard output) are still printed;
- `--password` is never needed on the command line: without a value it is asked for (hidden), and the
  environment variable ROADMAP_REPORTS_PASSWORD gives it to scripts;
- `--ministries FILE` (every command that reads a dataset or a report) extends or overrides the ministries
  registry; a `ministries.yaml` beside a dataset or report is read too. Precedence, highest first:
  `--ministries` (the last one given wins), the file beside the inputs (the last input's wins), the
  bundled registry (ministries.py).
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from roadmap_reports.i18n import N_

PASSWORD_VARIABLE = "ROADMAP_REPORTS_PASSWORD"
_PROMPT = "\0prompt"


def dataset_argument(required: bool = True, name: str = "dataset"):
    """A dataset path (.yaml/.yml/.json), or `-` for standard input. Existence is checked by the library,
    for a located message."""
    return click.argument(name, type=click.Path(path_type=Path, dir_okay=True, allow_dash=True), required=required)


def input_format_option():
    return click.option("--input-format", type=choice(["yaml", "json"]), default=None,
                        help=N_("Format of a dataset read from standard input (-); default: sniffed."))


def output_option(help_text: str = N_("Write to this file instead of standard output (- : standard output).")):
    return click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
                        default=None, help=help_text)


def choice(values) -> click.Choice:
    """A case-insensitive choice."""
    return click.Choice(list(values), case_sensitive=False)


def quiet_option():
    return click.option("-q", "--quiet", is_flag=True,
                        help=N_("Print no progress, summary or 'Wrote' line; errors, warnings and data still "
                                "appear."))


def paper_option(help_text: str = N_("Landscape paper: A4 (8 pt, the published size) or A3 (10 pt, wider "
                                     "columns).")):
    """`--paper A4|A3` (any case), given to the command as "A4" or "A3" (render/paper.py)."""
    return click.option("--paper", type=click.Choice(["A4", "A3"], case_sensitive=False), default="A4",
                        show_default=True, callback=lambda ctx, param, value: value.upper(), help=help_text)


def review_option():
    """`--review FILE` (repeatable): a review file of KPI actuals (progress/review.py), for kpi and publish."""
    return click.option("--review", "reviews", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
                        help=N_("A review file of actuals (data/kpi/fy2022.yaml): applied to the dataset of its fiscal "
                                "year. Repeatable."))


def load_reviews(paths) -> list:
    """The review files, read and checked before any dataset is loaded (a bad one: one located line, exit 4)."""
    if not paths:
        return []
    from roadmap_reports.progress.review import load_review

    return [load_review(p) for p in paths]


def check_reviews(reviews, roadmaps) -> None:
    """A review of a fiscal year that no dataset is: a usage error (exit 2), one line."""
    from roadmap_reports.errors import UsageError
    from roadmap_reports.i18n import _

    years = {r.fiscal_year for r in roadmaps}
    for review in reviews:
        if review.fiscal_year not in years:
            raise UsageError(_("--review {review} is for FY{year}, which no DATASET is").format(
                review=review.path, year=review.fiscal_year))


def say(quiet: bool, message: str) -> None:
    """A message for the person at the terminal (summaries, "Wrote …"): on standard error, unless --quiet."""
    if not quiet:
        click.echo(message, err=True)


class FiscalYear(click.ParamType):
    """2023, FY2023, 令和5, 令和５年度, R5 … as a western fiscal year (int)."""

    name = "fiscal_year"

    def get_metavar(self, param, ctx=None):  # click < 8.2 passes no ctx
        return "YEAR"

    def convert(self, value, param, ctx):
        from roadmap_reports.i18n import _
        from roadmap_reports.japanese.calendar import parse_fiscal_year

        if isinstance(value, int):
            return value
        try:
            return parse_fiscal_year(value)
        except ValueError:
            self.fail(_("'{value}' is not a fiscal year (write 2023, FY2023, 令和5, 令和５年度 or R5)")
                      .format(value=value), param, ctx)


class IsoDate(click.ParamType):
    """A day written as ISO 8601 (2024-04-30), as a datetime.date."""

    name = "date"

    def get_metavar(self, param, ctx=None):  # click < 8.2 passes no ctx
        return "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        import datetime as dt
        import re

        from roadmap_reports.i18n import _

        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        self.fail(_("'{value}' is not a date (write it as YYYY-MM-DD, e.g. 2024-04-30)").format(value=value),
                  param, ctx)


def fiscal_year_option(help_text: str, required: bool = False):
    return click.option("--fiscal-year", type=FiscalYear(), default=None, required=required, help=help_text)


def formats_option(choices, default: str, help_text: str):
    """-f/--format, repeatable and comma-separated, case-insensitive; the value is a tuple in `choices` order."""
    def parse(ctx, param, value):
        from roadmap_reports.i18n import _

        items = [t.strip().lower() for v in (value or (default,)) for t in v.split(",") if t.strip()]
        bad = [t for t in items if t not in choices]
        if not items:
            raise click.BadParameter(_("no format given (choose from {known})").format(known=", ".join(choices)))
        if bad:
            raise click.BadParameter(_("unknown format {format!r} (choose from {known})")
                                     .format(format=bad[0], known=", ".join(choices)))
        return tuple(c for c in choices if c in items)

    return click.option("-f", "--format", "formats", multiple=True, callback=parse, metavar="FORMAT[,FORMAT]",
                        help=help_text)


def password_option(help_text: str):
    """--password: without a value, asked for (hidden); also from ROADMAP_REPORTS_PASSWORD."""
    def ask(ctx, param, value):
        from roadmap_reports.i18n import _

        if value == _PROMPT:
            return click.prompt(_("Password"), hide_input=True, confirmation_prompt=True, err=True)
        return value

    return click.option("--password", is_flag=False, flag_value=_PROMPT, default=None, envvar=PASSWORD_VARIABLE,
                        show_envvar=True, metavar="[PASSWORD]", callback=ask, help=help_text)


def check_dataset_output(path) -> None:
    """Refuse, as a usage error (exit 2) and before any work, a dataset output whose suffix names no
    dataset format (`-` is YAML on standard output)."""
    from roadmap_reports.cli.streams import is_stdio
    from roadmap_reports.errors import DatasetError, UsageError
    from roadmap_reports.sources.dataset import check_output_path

    if is_stdio(path):
        return
    try:
        check_output_path(path)
    except DatasetError as exc:
        raise UsageError(exc.message, file=exc.file, line=exc.line) from None


def ministries_option(*inputs: str):
    """`--ministries FILE` (repeatable) for a command whose parameters `inputs` name datasets or report files:
    before the command runs, the registry is the bundled one, extended by the `ministries.yaml` beside each
    input, then by the files given (ministries.py; a bad file is a located RegistryError, exit 4)."""
    def decorate(command):
        @functools.wraps(command)
        def run(*args, ministries_files=(), **kwargs):
            from roadmap_reports import ministries

            ministries.reset()  # every command starts from the bundled registry
            ministries.use(*ministries_files)
            for name in inputs:
                value = kwargs.get(name)
                for path in value if isinstance(value, (tuple, list)) else (value,):
                    ministries.add_beside(path)
            return command(*args, **kwargs)

        return click.option("--ministries", "ministries_files", multiple=True, metavar="FILE",
                            type=click.Path(path_type=Path, dir_okay=True),  # checked by the library, located
                            help=N_("Ministries file (YAML) adding or renaming ministries; repeatable. A "
                                    "ministries.yaml beside the input is read too; this one wins."))(run)
    return decorate
