"""The `roadmap-reports` command: a thin Click layer over the library.

Commands live one per module in this package and are imported only when invoked, so
`roadmap-reports --help` does not pay for openpyxl, python-docx or deepdiff. Every library error becomes
one located line and the exit code of `roadmap_reports.errors.EXIT_CODES`; the same table of exit codes
ends every command's help. Help and messages are shown in the reader's language (roadmap_reports.i18n).
"""

from __future__ import annotations

import importlib
import sys

import click

from roadmap_reports import __version__
from roadmap_reports.i18n import N_

# command name -> (module, function, one-line help shown by `roadmap-reports --help`)
COMMANDS = {
    "ingest": ("ingest", "ingest", N_("Parse the published report's text into a dataset.")),
    "validate": ("validate", "validate", N_("Check a dataset against the schema and consistency rules.")),
    "export": ("export", "export", N_("Export a dataset as JSON, CSV or YAML, or datasets as an open-data package.")),
    "build": ("build", "build", N_("Write each ministry's Excel workbook and Word summary, and the overview.")),
    "diff": ("diff", "diff", N_("Compare two years: new, removed, renumbered, changed and stalled measures.")),
    "collect": ("collect", "collect", N_("Merge the workbooks ministries returned into next year's dataset draft.")),
    "kpi": ("kpi", "kpi", N_("Set each KPI target against the actuals the statuses report, with a verdict.")),
    "history": ("history", "history", N_("Each measure's line through the years: numbers, stalls, KPI revisions, "
                                         "actuals.")),
    "publish": ("publish", "publish", N_("Write a static site and an open-data package of one or more years.")),
    "report": ("report", "report", N_("Write the published report: the whole 実施状況 table (docx, xlsx, pdf).")),
}


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 80}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; library errors become one-line messages."""

    def main(self, *args, **kwargs):
        from roadmap_reports.i18n import install_for_click

        install_for_click()
        return super().main(*args, **kwargs)

    def make_context(self, info_name, args, parent=None, **extra):
        from roadmap_reports.cli.helpformat import translate_command

        try:
            translate_command(self)
            return super().make_context(info_name, args, parent=parent, **extra)
        except KeyboardInterrupt as exc:  # before any command runs: the same line as later, not "Aborted!"
            raise _mapped(exc) from None

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        from roadmap_reports.cli.helpformat import translate_command

        module, attr, _short = COMMANDS[name]
        return translate_command(getattr(importlib.import_module(f"{__name__}.{module}"), attr), exit_codes=True)

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            import difflib

            from roadmap_reports.i18n import _

            close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.5)
            message = _("No such command '{name}'.").format(name=name)
            if close:
                message += " " + _("Did you mean '{command}'?").format(command=close[0])
            ctx.fail(message)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx, formatter):
        from roadmap_reports.i18n import _

        rows = [(name, _(short)) for name, (_m, _a, short) in COMMANDS.items()]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BaseException as exc:  # noqa: BLE001 - every other way out is mapped to one line and a code
            raise _mapped(exc) from None


def _mapped(exc: BaseException) -> BaseException:
    """The Click exception (message, exit code) for an exception that ends a command."""
    import os

    from roadmap_reports.cli import signals, streams
    from roadmap_reports.errors import EXIT_INTERNAL, RoadmapError
    from roadmap_reports.i18n import _

    if isinstance(exc, RoadmapError):
        return _located(exc)
    if isinstance(exc, KeyboardInterrupt):
        signals.ignore_further()
        code, line = signals.interruption(exc)
        click.echo(line, err=True)
        return click.exceptions.Exit(code)
    if isinstance(exc, OSError) and streams.is_broken_pipe(exc):
        streams.silence_stdout()  # the reader left: end quietly, exit 0 (see streams.py)
        return click.exceptions.Exit(0)
    if isinstance(exc, SystemExit) or not isinstance(exc, Exception):
        return exc
    if os.environ.get("ROADMAP_REPORTS_DEBUG"):
        return exc
    error = click.ClickException(_("internal error: {error} (set ROADMAP_REPORTS_DEBUG=1 for details)")
                                 .format(error=f"{type(exc).__name__}: {exc}"))
    error.exit_code = EXIT_INTERNAL
    return error


def _located(error) -> click.ClickException:
    """A library error as Click's "Error: …" line, with the exit code errors.EXIT_CODES gives it."""
    from roadmap_reports.errors import exit_code

    from roadmap_reports.errors import ValidationError

    if isinstance(error, ValidationError) and error.problems:  # every problem, in the reader's language
        exc = click.ClickException("\n".join(p.line_in() for p in error.problems))
    else:
        exc = click.ClickException(error.line_in())
    exc.exit_code = exit_code(error)
    return exc


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", "-V", prog_name="roadmap-reports",
                      help=N_("Show the version and exit."))
def cli():
    """Compile, circulate and compare the implementation-status reports of
    「外国人との共生社会の実現に向けたロードマップ」.

    \b
    Example:
        roadmap-reports validate data/fy2022.yaml
        roadmap-reports build -o out
        roadmap-reports diff data/fy2022.yaml data/samples/fy2023_sample.yaml
    """


def main():
    """The console script: signals and a closed standard output handled, then the group."""
    from roadmap_reports.cli import signals, streams
    from roadmap_reports.errors import EXIT_INTERRUPTED, EXIT_TERMINATED

    _printable_everywhere()
    signals.install()
    try:
        cli(prog_name="roadmap-reports")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt as exc:  # between two commands' steps, outside the group's handler
        signals.ignore_further()
        code, line = signals.interruption(exc)
        click.echo(line, err=True)
    signals.finished()  # from here a signal ends the process at once, as for any program that is done
    if signals.received is not None and code not in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        # the signal's exception was lost (see signals.check) and the command finished: say so all the same
        signals.ignore_further()
        code, line = signals.interruption(signals.pending())
        click.echo(line, err=True)
    try:
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        streams.silence_stdout()
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        signals.exit_now(code)  # the workers are ended, the temporary files removed: skip the slow teardown
    sys.exit(code)


def _printable_everywhere() -> None:
    """Print a character the terminal's encoding lacks as a \\uXXXX escape instead of failing: standard
    output redirected to a file on a Japanese Windows is cp932, which has no "—" (U+2014), and
    a Shift_JIS or EUC-JP locale neither. Files written with -o are UTF-8 whatever the locale."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
