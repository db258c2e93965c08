"""One located-problem type and one exception hierarchy.

Every problem knows where it happened: file, place (a line, a sheet!cell, a page) and measure, so the CLI can
print one located line without a traceback: ``file:line: measure N: message`` or
``file:sheet!cell: measure N: message``. `Problem` is the value (validate, ingest and collect collect many of
them into a report); `RoadmapError` is the exception that carries one. `EXIT_CODES` maps each exception class
to the command line's exit code, in one place, and `EXIT_TABLE` documents every code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth saying) about an input, with where it is.

    ``kind`` is a machine identifier (``duplicate_id``, ``tampering``, ``repost`` …); ``severity`` is
    ``error`` (the input is refused) or ``warning``. ``line`` is a line number in a text file; ``place`` a
    position in another kind of file (``実施状況照会!G5``, ``page 3``).

    A question the input leaves open (the ingest's ambiguities) also says how it can be decided:
    ``options`` are the answers a correction may give (``("join", "break")``) and ``text`` is the source
    line as printed, which a correction repeats so that it still matches when the line moves."""

    message: str
    file: str | None = None
    line: int | None = None
    place: str | None = None
    measure: int | None = None
    kind: str = "error"
    severity: str = "error"
    options: tuple = ()
    text: str | None = None
    code: str | None = None  # a stable English id of the message, for machines (JSON): "locked_cell_edited"
    template: str | None = None  # the message with {named} placeholders: a gettext msgid (English)
    args: tuple = ()  # the placeholders' values: (("cell", "具体的取組"), ...)

    def message_in(self, lang: str | None = None) -> str:
        """The message in a language (``ja``, ``en``; by default the reader's): `template` translated and
        filled in; a problem made without a template says its `message`. In a translation, a value's line
        breaks become spaces, so that the problem stays one line."""
        if not self.template:
            return self.message
        from roadmap_reports.i18n import language, translations

        lang = lang or language()
        if lang == "en":
            return self.message
        args = {k: v.replace("\n", " ") if isinstance(v, str) else v for k, v in self.args}
        return translations(lang).gettext(self.template).format(measure=self.measure, **args)

    def line_in(self, lang: str | None = None) -> str:
        """The located line in a language: ``file:sheet!cell: 施策番号N: message`` in Japanese."""
        from roadmap_reports.i18n import language

        lang = lang or language()
        if lang == "en":
            return str(self)
        where = self.location_parts()
        if self.measure is not None:
            where.append(f"施策番号{self.measure}")
        return ": ".join([*where, self.message_in(lang)])

    def location_parts(self) -> list[str]:
        """[``file:line:place``] when any of them is known, else []."""
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        if self.place:
            where = f"{where}:{self.place}" if where else self.place
        return [where] if where else []

    def location(self) -> str:
        """``file:line:place: measure N`` with the parts that are known."""
        parts = self.location_parts()
        if self.measure is not None:
            parts.append(f"measure {self.measure}")
        return ": ".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        return f"{loc}: {self.message}" if loc else self.message


class RoadmapError(Exception):
    """Base class of every error roadmap-reports raises on bad input."""

    def __init__(self, message: str, *, file=None, line: int | None = None, place: str | None = None,
                 measure: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.place = place
        self.measure = measure

    @property
    def problem(self) -> Problem:
        """The error as a located problem."""
        return Problem(self.message, file=self.file, line=self.line, place=self.place, measure=self.measure,
                       kind=type(self).__name__)

    @classmethod
    def from_problem(cls, problem: Problem) -> "RoadmapError":
        return cls(problem.message, file=problem.file, line=problem.line, place=problem.place,
                   measure=problem.measure)

    def location(self) -> str:
        return self.problem.location()

    def line_in(self, lang: str | None = None) -> str:
        """The located line in a language (``施策番号N`` in Japanese); the message is the one raised, which the
        library words in the reader's language when it raises."""
        return self.problem.line_in(lang)

    def __str__(self) -> str:
        loc = self.location()
        return f"{loc}: {self.message}" if loc else self.message


class DatasetError(RoadmapError, ValueError):
    """A dataset file cannot be read: syntax, encoding, wrong shape."""


class ValidationError(RoadmapError, ValueError):
    """A dataset breaks the schema or its consistency rules. `problems` holds every one."""

    def __init__(self, problems, *, file=None):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(first.message if first else "invalid dataset", file=file or (first.file if first else None),
                         line=first.line if first else None, measure=first.measure if first else None)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems) or super().__str__()


class IngestError(RoadmapError, ValueError):
    """The report text cannot be parsed into a dataset."""


class RegistryError(RoadmapError, ValueError):
    """A ministries file (the registry's data, or a user's extension of it) cannot be used."""


class UnknownMinistryError(RoadmapError, KeyError):
    """A ministry name or code is not in the registry."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return RoadmapError.__str__(self)


class OutputError(RoadmapError, OSError):
    """An output cannot be written (read-only folder, full disk, ...)."""


class RenderError(RoadmapError, ValueError):
    """Data cannot be rendered (a text too long for a cell, a character XML forbids, ...)."""


class WorkbookError(RoadmapError, ValueError):
    """A returned workbook is broken, hostile or does not belong to this round."""


class UsageError(RoadmapError, ValueError):
    """An option's value is not one the command knows (a format, a fiscal year)."""


class MissingToolError(RoadmapError, OSError):
    """An outside program a command needs is not installed (LibreOffice's soffice for a PDF)."""


# --- exit codes ----------------------------------------------------------------------------------
#: The command line's exit codes, the same for every command (each --help and the README print this table).
EXIT_OK = 0  # success
EXIT_FOUND = 1  # the command found what it reports: differences (diff --exit-code), an invalid dataset (validate)
EXIT_USAGE = 2  # usage: unknown option, command, ministry or format; a bad fiscal year
EXIT_PARTIAL = 3  # partly done: collect merged some workbooks and rejected others (or found a conflict)
EXIT_INPUT = 4  # an input cannot be read or used: missing, empty, wrong encoding, syntax, invalid for the command
EXIT_OUTPUT = 5  # an output cannot be written: read-only folder, full disk, a folder where a file should be
EXIT_INTERNAL = 70  # a bug in roadmap-reports (BSD's EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # SIGTERM (128 + SIGTERM)

#: Exit code for each error class (the most specific class wins).
EXIT_CODES: dict[type, int] = {
    UsageError: EXIT_USAGE,
    UnknownMinistryError: EXIT_USAGE,  # only raised for a ministry named on the command line
    OutputError: EXIT_OUTPUT,
    MissingToolError: EXIT_INPUT,  # LibreOffice's soffice for `report -o X.pdf`
    RoadmapError: EXIT_INPUT,
}

#: (code, meaning) in the order `--help` lists them; msgids of the translations.
EXIT_TABLE: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "success"),
    (EXIT_FOUND, "found what the command reports (differences with diff --exit-code, an invalid dataset "
                 "for validate)"),
    (EXIT_USAGE, "usage error (unknown option, command, ministry or format; bad fiscal year)"),
    (EXIT_PARTIAL, "partly done (collect: some workbooks rejected, or a conflict)"),
    (EXIT_INPUT, "an input cannot be read or used (missing, empty, encoding, syntax, invalid)"),
    (EXIT_OUTPUT, "an output cannot be written"),
    (EXIT_INTERNAL, "internal error (a bug; ROADMAP_REPORTS_DEBUG=1 shows the traceback)"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C); 143: terminated (SIGTERM); nothing is left half-written"),
)


def exit_code(error: BaseException) -> int:
    """The exit code for an error: the first class of `EXIT_CODES` in the error's class order."""
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return EXIT_INTERNAL
