"""The `roadmap-reports` command: a thin Click layer over the library.

Commands live one per module in this package and are imported only when invoked, so
`roadmap-reports --help` does not pay for openpyxl, python-docx or deepdiff.
"""

from __future__ import annotations

import importlib
import sys

import click

from roadmap_reports import __version__

# command name -> (module, function, one-line help shown by `roadmap-reports --help`)
COMMANDS = {
    "ingest": ("ingest", "ingest", "Parse the published report's text into a dataset."),
    "validate": ("validate", "validate", "Check a dataset against the schema and consistency rules."),
    "export": ("export", "export", "Export a dataset as JSON, CSV or YAML."),
    "build": ("build", "build", "Write each ministry's Excel workbook and Word summary, and the overview."),
    "diff": ("diff", "diff", "Compare two years: new, removed, renumbered, changed and stalled measures."),
    "collect": ("collect", "collect", "Merge the workbooks ministries returned into next year's dataset draft."),
    "report": ("report", "report", "Write the published report: the whole 実施状況 table (docx, xlsx, pdf)."),
}

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; library errors become one-line messages."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr, _short = COMMANDS[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)

    def format_commands(self, ctx, formatter):
        rows = [(name, short) for name, (_m, _a, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx):
        from roadmap_reports.errors import RoadmapError

        try:
            return super().invoke(ctx)
        except RoadmapError as exc:
            raise _located(exc) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted; no output was left half-written.", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug: one line, not a traceback (set ROADMAP_REPORTS_DEBUG=1 to see it)
            import os

            if os.environ.get("ROADMAP_REPORTS_DEBUG"):
                raise
            raise click.ClickException(f"internal error: {type(exc).__name__}: {exc} "
                                       "(set ROADMAP_REPORTS_DEBUG=1 for details)") from None


def _located(error) -> click.ClickException:
    """A library error as Click's "Error: …" line, with the exit code errors.EXIT_CODES gives it."""
    from roadmap_reports.errors import exit_code

    exc = click.ClickException(str(error))
    exc.exit_code = exit_code(error)
    return exc


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", "-V", prog_name="roadmap-reports")
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
    _printable_everywhere()
    cli(prog_name="roadmap-reports")


def _printable_everywhere() -> None:
    """Print a character the terminal's encoding lacks as a \\uXXXX escape instead of failing: standard
    output redirected to a file on a Japanese Windows is cp932, which has no "—" (U+2014), and
    a Shift_JIS or EUC-JP locale neither. Files written with -o are UTF-8 whatever the locale."""
    stream = sys.stdout
    if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="backslashreplace")
