"""Shared option and argument decorators."""

from __future__ import annotations

from pathlib import Path

import click


def dataset_argument(required: bool = True, name: str = "dataset"):
    """A dataset path (.yaml/.yml/.json). Existence is checked by the library, for a located message."""
    return click.argument(name, type=click.Path(path_type=Path, dir_okay=True), required=required)


def output_option(help_text: str = "Write to this file instead of standard output."):
    return click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
                        help=help_text)
