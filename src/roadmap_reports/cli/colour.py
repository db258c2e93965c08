"""Whether to colour output, by the conventions other tools follow (https://no-color.org, force-color.org).

In order: `--color` / `--no-color`; then NO_COLOR (set and not empty: no colour); then FORCE_COLOR or
CLICOLOR_FORCE (set, not empty and not 0: colour); then whether the stream is a terminal.
"""

from __future__ import annotations

import os
import sys

import click


def use_colour(flag: bool | None, stream=None) -> bool:
    """The decision for a stream (default: standard output) given the --color/--no-color flag (None: unset)."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE"):
        value = os.environ.get(name)
        if value and value != "0":
            return True
    from roadmap_reports.cli.streams import _isatty

    return _isatty(stream if stream is not None else sys.stdout)


def colour_option():
    """`--color/--no-color`, the same on every command that colours."""
    from roadmap_reports.i18n import N_

    return click.option("--color/--no-color", "color", default=None,
                        help=N_("Colour the output (default: when standard output is a terminal, unless NO_COLOR "
                                "is set; FORCE_COLOR or CLICOLOR_FORCE force it)."))
