"""Help that fits the terminal by display width, in the reader's language, with the exit-code table.

Click wraps help by counting characters; a full-width character takes two columns, so Japanese help
would run to twice the terminal's width. `WidthFormatter` wraps by `japanese.width.display_width`,
breaks between Japanese characters (never before 、。）」 nor after （「) as well as at spaces, and
keeps `\\b` blocks (examples) as written. `translate_command` shows a command's help, its options' help
and the exit codes in the reader's language, from the English texts (the message ids) it keeps.
"""

from __future__ import annotations

import click

from roadmap_reports.japanese.width import char_width, display_width

NO_LINE_START = set("、。，．,.)）」』】〕〉》”’！？!?:：;；・ー々…")
NO_LINE_END = set("(（「『【〔〈《“‘")


def _atoms(text: str) -> list[list]:
    """[text, space before it] pieces a line may break between."""
    atoms: list[list] = []
    space = False
    for c in text:
        if c.isspace():
            space = bool(atoms)
            continue
        wide = char_width(c) == 2
        prev = atoms[-1] if atoms else None
        glue = prev is not None and not space and (
            c in NO_LINE_START or prev[0][-1] in NO_LINE_END
            or (not wide and char_width(prev[0][-1]) == 1 and not prev[2]))
        if glue:
            prev[0] += c
            prev[2] = prev[2] and wide
        else:
            atoms.append([c, space, wide])
        space = False
    return atoms


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Lines of at most `width` display columns (a longer unbreakable word stands alone)."""
    subsequent = indent if subsequent is None else subsequent
    lines, line, used = [], indent, display_width(indent)
    fresh = True
    for piece, space, _wide in _atoms(text):
        sep = " " if space and not fresh else ""
        w = display_width(piece)
        if not fresh and used + len(sep) + w > width:
            lines.append(line)
            line, used, sep = subsequent, display_width(subsequent), ""
        line += sep + piece
        used += len(sep) + w
        fresh = False
    if not fresh:
        lines.append(line)
    return lines


def wrap_paragraphs(text: str, width: int, indent: str = "") -> str:
    """Click's `wrap_text(..., preserve_paragraphs=True)` by display width: blank lines separate
    paragraphs; a paragraph that starts with a `\\b` line keeps its lines as they are."""
    import textwrap

    out = []
    for block in textwrap.dedent(text).strip("\n").split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].strip() == "\b":
            out.append("\n".join(indent + line for line in lines[1:]))
        else:
            out.append("\n".join(wrap(" ".join(x.strip() for x in lines), width, indent)))
    return "\n\n".join(out)


class WidthFormatter(click.HelpFormatter):
    """click.HelpFormatter wrapping text and definition lists by display width."""

    def write_text(self, text: str) -> None:
        self.write(wrap_paragraphs(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(r[0]) for r in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_paragraphs(second, max(self.width - first_col - self.current_indent, 10)).splitlines()
            pad = " " * (first_col + self.current_indent)
            self.write("\n".join([lines[0] if lines else ""] + [pad + x if x else x for x in lines[1:]]) + "\n")


class WidthContext(click.Context):
    formatter_class = WidthFormatter


def exit_code_epilog() -> str:
    """The exit-code table, translated, as a help epilog (a `\\b` block: Click keeps its lines)."""
    from roadmap_reports.errors import EXIT_TABLE
    from roadmap_reports.i18n import _

    rows = [_("Exit codes:")]
    for code, meaning in EXIT_TABLE:
        rows.extend(wrap(_(meaning), 76, f"  {code:<3} ", " " * 6))
    return "\b\n" + "\n".join(rows)


def translate_command(command: click.Command, *, exit_codes: bool = False) -> click.Command:
    """Show `command`'s help in the reader's language (kept message ids: the English texts)."""
    from roadmap_reports.i18n import _

    if not hasattr(command, "_msgids"):
        import inspect

        command._msgids = (inspect.cleandoc(command.help) if command.help else None, command.short_help, [p.help if isinstance(p, click.Option) else None
                                                              for p in command.params])
    help_text, short, params = command._msgids
    command.context_class = WidthContext
    command.help = _(help_text) if help_text else help_text
    command.short_help = _(short) if short else short
    for param, msgid in zip(command.params, params):
        if msgid:
            param.help = _(msgid)
    if exit_codes:
        command.epilog = exit_code_epilog()
    return command
