"""`-` for standard input and output, and a closed pipe ending a command quietly.

Like csvkit and sqlite-utils: a dataset argument `-` reads standard input (its format from
`--input-format`, else sniffed: a text starting with `{` or `[` is JSON, anything else YAML), and `-o -`
writes the one file a command makes to standard output. Text formats go to a terminal as well; xlsx/docx
only when standard output is redirected (a workbook's bytes would garble the terminal).

A reader that stops early (`roadmap-reports export | head -3`) closes the pipe: the command then ends
quietly with exit code 0, as `head` users expect — no message, no traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

STDIO = "-"
STDIN_NAME = "<stdin>"
STDOUT_NAME = "<stdout>"


def is_stdio(path) -> bool:
    """Whether a path argument is `-` (standard input or output)."""
    return path is not None and str(path) == STDIO


def load_dataset(path, input_format: str | None = None):
    """The Roadmap of a dataset argument: a file, `-` for standard input, or None for the bundled dataset."""
    from roadmap_reports.sources.dataset import load_roadmap, loads_roadmap

    if is_stdio(path):
        return loads_roadmap(read_stdin(), fmt=input_format, name=STDIN_NAME)
    return load_roadmap(path)


def read_stdin() -> bytes:
    """Every byte of standard input (once: a second `-` argument would read nothing)."""
    from roadmap_reports.i18n import _

    stream = binary_stream("stdin")
    if _isatty(stream):
        click.echo(_("Reading the dataset from standard input (end with Ctrl-D, on Windows Ctrl-Z Enter)…"),
                   err=True)
    return stream.read()


def binary_stream(name: str):
    """The byte stream under sys.stdin or sys.stdout (`name`): what Click's CliRunner captures too
    (click.get_binary_stream is deprecated for Click 9.0; the Python docs' way is `sys.stdout.buffer`)."""
    stream = getattr(sys, name)
    return getattr(stream, "buffer", stream)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def stdout_is_terminal() -> bool:
    return _isatty(sys.stdout)


def stderr_is_terminal() -> bool:
    return _isatty(sys.stderr)


def check_binary_to_stdout(path, fmt: str) -> None:
    """Refuse `-o -` for a binary format (xlsx, docx) when standard output is a terminal."""
    from roadmap_reports.i18n import _

    if is_stdio(path) and stdout_is_terminal():
        raise click.UsageError(_("--format {fmt} is binary: redirect standard output to a file "
                                 "(-o - > file.{fmt}) or give -o FILE").format(fmt=fmt))


def write_bytes(path, data: bytes) -> None:
    """Write `data` to the file `path` atomically, or to standard output for `-`."""
    if is_stdio(path):
        to_stdout(data)
        return
    from roadmap_reports.io.files import write_bytes_atomic

    write_bytes_atomic(path, data)


def to_stdout(data: bytes) -> None:
    stream = binary_stream("stdout")
    stream.write(data)
    stream.flush()


def write_with(path, write, suffix: str) -> None:
    """Call `write(file_path)` (a renderer that writes a file) for a file, or for `-` into a temporary
    file whose bytes then go to standard output."""
    if not is_stdio(path):
        write(Path(path))
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="roadmap-reports-") as tmp:
        target = Path(tmp) / f"stdout{suffix}"
        write(target)
        data = target.read_bytes()
    to_stdout(data)


def display_name(path) -> str:
    """How messages name an output: the path, or <stdout> for `-`."""
    return STDOUT_NAME if is_stdio(path) else str(path)


def silence_stdout() -> None:
    """After a closed pipe: point standard output at the null device, so that the interpreter's final
    flush does not fail again (the recipe of Python's signal documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # CliRunner's stream has no file descriptor
        pass


def is_broken_pipe(exc: BaseException) -> bool:
    import errno

    return isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno in (errno.EPIPE,
                                                                                          errno.EINVAL)
                                                and _stdout_closed())


def _stdout_closed() -> bool:
    try:
        sys.stdout.flush()
    except (BrokenPipeError, OSError, ValueError):
        return True
    return False
